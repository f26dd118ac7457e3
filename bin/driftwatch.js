#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

main(process.argv).then((code) => {
  // 74 (stdout or stderr failed, set by the stream's error handler) outlives the command's own code.
  if (process.exitCode !== 74) process.exitCode = code;
});

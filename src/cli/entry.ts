/** Runs the CLI from source (`node --import tsx src/cli/entry.ts …`), like bin/driftwatch.js does from dist. */
import { main } from './main.js';

main(process.argv).then((code) => {
  // 74 (stdout or stderr failed, set by the stream's error handler) outlives the command's own code.
  if (process.exitCode !== 74) process.exitCode = code;
});

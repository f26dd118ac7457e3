#!/usr/bin/env node
import { runWithHugePages, wantsHugePages } from '../dist/cli/huge-pages.js';

// A big analysis runs again with huge pages for its column memory (dist/cli/huge-pages.js says why).
const code = wantsHugePages(process.argv) ? await runWithHugePages(process.argv).catch(() => null) : null;
if (code !== null) {
  process.exitCode = code;
} else {
  // The reader's worker starts while the command line loads (dist/cli/prestart-read.js says why).
  const { prestartReaderFor } = await import('../dist/cli/prestart-read.js');
  prestartReaderFor(process.argv);
  const { main } = await import('../dist/cli/main.js');
  const result = await main(process.argv);
  // 74 (stdout or stderr failed, set by the stream's error handler) outlives the command's own code.
  if (process.exitCode !== 74) process.exitCode = result;
}

/** Runs the CLI from source (`node --import tsx src/cli/entry.ts …`), like bin/driftwatch.js does from dist. */
import { main } from './main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});

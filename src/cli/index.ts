/** The command-line interface: `main(argv, io)` and the pieces tests and embedders need. */
export { main, createProgram } from './main.js';
export { processIo, wantsColor, type CliIo, type TextSink } from './io.js';
export { reportFailure, UsageError } from './errors.js';
export type { CommandContext } from './command-context.js';

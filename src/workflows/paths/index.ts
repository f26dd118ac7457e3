/**
 * Files as the caller named them. Kept apart from io/ so that parsing a command line does not load the
 * readers: `driftwatch --help` stays fast.
 */
export { dataFile, fileIn, inputFileIn, STDIN_PATH, withDisplayPath, type DataFile } from './data-file.js';

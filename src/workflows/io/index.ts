/** What every workflow shares: files as the caller named them, inputs from a file or memory, safe output writes. */
export { dataFile, fileIn, inputFileIn, STDIN_PATH, withDisplayPath, type DataFile } from '../paths/index.js';
export { isInMemory, type InMemoryTable, type ReadSettings, type TableInput } from './table-input.js';
export { readData, readDataWithCellText } from './read-data.js';
export { prepareOutputFolder, refuseOverwritingInput, writeOutputFile, type OutputTarget } from './write-output.js';
export { performanceTimer, type Timer } from './timer.js';

/** Reads one input of a workflow: a file (errors naming it as the caller did) or a table handed over as is. */
import { readTable, readTableInWorker, type Table } from '../../data/index.js';
import { withDisplayPath } from '../paths/index.js';
import { isInMemory, type ReadSettings, type TableInput } from './table-input.js';

export async function readData(input: TableInput, options: ReadSettings = {}): Promise<Table> {
  if (isInMemory(input)) return input.table;
  options.signal?.throwIfAborted();
  const read = {
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
    ...(options.decimal !== undefined ? { decimal: options.decimal } : {}),
    ...(options.missingValues !== undefined ? { missingValues: options.missingValues } : {}),
    ...(options.textColumns !== undefined ? { textColumns: options.textColumns } : {}),
    ...(options.onReadProgress !== undefined ? { onProgress: options.onReadProgress } : {}),
  };
  try {
    // Only a worker thread can be stopped part-way; without a signal the read stays on this thread.
    return await (options.signal !== undefined ? readTableInWorker(input.absolute, { ...read, signal: options.signal }) : readTable(input.absolute, read));
  } catch (e) {
    throw withDisplayPath(e, input);
  }
}

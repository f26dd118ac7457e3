/** Reads one input of a workflow: a file (errors naming it as the caller did) or a table handed over as is. */
import { readTable, readTableInWorker, readTableWithCellText, type Table, type TableWithCellText } from '../../data/index.js';
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

/**
 * readData that also keeps the exact cell text of the columns `keep` picks (CSV files), for writing them out
 * as read (predict, simulate-drift). A table in memory has no text of its own. Reads on this thread.
 */
export async function readDataWithCellText(input: TableInput, options: Omit<ReadSettings, 'signal'> & { readonly keep: (name: string) => boolean }): Promise<TableWithCellText> {
  if (isInMemory(input)) return { table: input.table, cellText: undefined };
  try {
    return await readTableWithCellText(input.absolute, {
      ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
      ...(options.textColumns !== undefined ? { textColumns: options.textColumns } : {}),
      ...(options.onReadProgress !== undefined ? { onProgress: options.onReadProgress } : {}),
      keep: options.keep,
    });
  } catch (e) {
    throw withDisplayPath(e, input);
  }
}

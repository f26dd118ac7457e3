/** Reads one input file for a command: a progress bar on a terminal, errors naming the file as the user wrote it. */
import type { Table } from '../data/table/index.js';
import { readData, type DataFile } from '../workflows/io/index.js';
import type { CliIo } from './io.js';
import { createByteProgress } from './progress.js';

export interface ReadInputOptions {
  readonly delimiter?: string;
  readonly quiet: boolean;
  /** Bar label, e.g. 'input'. */
  readonly label: string;
}

export async function readInput(file: DataFile, io: CliIo, options: ReadInputOptions): Promise<Table> {
  const progress = createByteProgress(io, `reading ${options.label}`, options.quiet);
  try {
    return await readData(file, {
      ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
      onReadProgress: (done, total) => progress.update(done, total),
    });
  } finally {
    progress.stop();
  }
}

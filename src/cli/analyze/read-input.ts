/** Reads one input file for the CLI: progress bar on a terminal, errors naming the file as the user wrote it. */
import { DriftwatchError } from '../../core/errors.js';
import { createTable, readTable, readTableInWorker, withKind, type ColumnKind, type Table } from '../../data/index.js';
import type { CliIo } from '../io.js';
import { createByteProgress } from '../progress.js';
import { withDisplayPath, type DataFile } from './settings.js';

export interface ReadInputOptions {
  readonly delimiter?: string;
  /** Columns to keep as exact text (--categorical), so `007` stays `007`; absent names are ignored. */
  readonly textColumns?: readonly string[];
  readonly quiet: boolean;
  /** Bar label, e.g. 'reference'. */
  readonly label: string;
}

export async function readInput(file: DataFile, io: CliIo, options: ReadInputOptions): Promise<Table> {
  const progress = createByteProgress(io, `reading ${options.label}`, options.quiet);
  try {
    return await readTable(file.absolute, {
      ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
      ...(options.textColumns !== undefined ? { textColumns: options.textColumns } : {}),
      onProgress: (done, total) => progress.update(done, total),
    });
  } catch (e) {
    throw withDisplayPath(e, file);
  } finally {
    progress.stop();
  }
}

/**
 * Reads the reference and the current file at once, each on its own worker thread (two cores), with one
 * progress bar over both. The first read to fail stops the other, so a bad file is reported at once rather
 * than after the other file is parsed; when both have failed by then, the reference's error is reported.
 */
export async function readInputPair(reference: DataFile, current: DataFile, io: CliIo, options: Omit<ReadInputOptions, 'label'>): Promise<[Table, Table]> {
  const progress = createByteProgress(io, 'reading reference and current', options.quiet);
  const done = [0, 0];
  const total = [0, 0];
  const onProgress = (i: number) => (d: number, t: number) => {
    done[i] = d;
    total[i] = t;
    if (total[0]! > 0 && total[1]! > 0) progress.update(done[0]! + done[1]!, total[0]! + total[1]!);
  };
  const stop = new AbortController();
  const read = (file: DataFile, i: number): Promise<Table> =>
    readTableInWorker(file.absolute, {
      ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
      ...(options.textColumns !== undefined ? { textColumns: options.textColumns } : {}),
      onProgress: onProgress(i),
      signal: stop.signal,
    }).catch((e: unknown) => {
      stop.abort();
      throw e;
    });
  try {
    const [a, b] = await Promise.allSettled([read(reference, 0), read(current, 1)]);
    // A read stopped because the other failed rejects with the abort reason; the real failure is the other.
    const failure = (r: PromiseSettledResult<Table>): unknown => (r.status === 'rejected' && r.reason !== stop.signal.reason ? r.reason : undefined);
    if (failure(a) !== undefined) throw withDisplayPath(failure(a), reference);
    if (failure(b) !== undefined) throw withDisplayPath(failure(b), current);
    if (a.status === 'rejected' || b.status === 'rejected') throw new DriftwatchError('INTERNAL', 'both reads were stopped without an error');
    return [a.value, b.value];
  } finally {
    progress.stop();
  }
}

/**
 * Applies --categorical / --numerical after reading, so that a misspelt column is reported against the
 * flag that named it (checked before this) rather than by the reader; columns absent from this file are
 * skipped. Categorical columns were already read as text (ReadInputOptions.textColumns).
 */
export function applyColumnKinds(table: Table, kinds: Readonly<Record<string, ColumnKind>>, file: DataFile): Table {
  if (!Object.keys(kinds).some((name) => table.column(name) !== undefined)) return table;
  try {
    return createTable(table.columns.map((c) => (kinds[c.name] !== undefined ? withKind(c, kinds[c.name]!, file.display) : c)));
  } catch (e) {
    throw withDisplayPath(e, file);
  }
}

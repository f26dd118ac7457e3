/**
 * Worker-thread entry for readTableInWorker: reads one file and posts the columns back on
 * SharedArrayBuffer (no copy). Progress and errors travel as messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DriftwatchError } from '../core/index.js';
import { useSharedColumnStorage } from './column-accumulator.js';
import { readTable, type ReadOptions } from './read-table.js';
import { tableToMessage, type WorkerMessage } from './table-transfer.js';

interface ReadJob {
  readonly path: string;
  readonly options: Omit<ReadOptions, 'onProgress'>;
}

const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []): void => parentPort!.postMessage(m, transfer);

// A worker started ahead (prestartReadWorker) has no job yet: it loads this module, then waits for one.
const { path, options } = (workerData as ReadJob | null) ?? (await new Promise<ReadJob>((resolve) => parentPort!.once('message', resolve)));

// The caller gets the columns without a copy either way; shared, it can also lend them to analysis
// workers without one (analyzeDriftParallel).
useSharedColumnStorage(true);
try {
  const table = await readTable(path, { ...options, onProgress: (done, total) => post({ type: 'progress', done, total }) });
  const { message, transfer } = tableToMessage(table);
  post(message, transfer);
} catch (e) {
  if (e instanceof DriftwatchError) {
    post({ type: 'error', code: e.code, message: e.message, location: { ...(e.file !== undefined ? { file: e.file } : {}), ...(e.line !== undefined ? { line: e.line } : {}), ...(e.field !== undefined ? { field: e.field } : {}) } });
  } else {
    post({ type: 'error', code: 'INTERNAL', message: e instanceof Error ? (e.stack ?? e.message) : String(e), location: { file: path } });
  }
}

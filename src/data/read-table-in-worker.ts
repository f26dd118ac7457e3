/**
 * readTable on a worker thread. Parsing is CPU-bound and single-threaded, so reading the reference and
 * the current file at once — `Promise.all([readTableInWorker(a), readTableInWorker(b)])` — uses two cores
 * with no merge step: each worker builds whole columns and transfers their buffers back without a copy.
 * Where a worker cannot start (for instance when running from TypeScript sources without a loader), it
 * reads on the calling thread instead.
 */
import type { Worker } from 'node:worker_threads';
import { DriftwatchError } from '../core/index.js';
import { startModuleWorker } from '../kernels/index.js';
import { readTable, type ReadOptions } from './read-table.js';
import { READ_WORKER_URL, takePrestartedReadWorker } from './read-worker-prestart.js';
import type { Table } from './table/index.js';
import { tableFromMessage, type WorkerMessage } from './table-transfer.js';

export interface WorkerReadOptions extends ReadOptions {
  /** Read on this thread when the worker cannot start (default true); false makes that an error. */
  readonly fallback?: boolean;
  /**
   * Aborting stops the worker at once and rejects with the signal's reason: a caller reading two files
   * need not wait for one to finish when the other has already failed. (A read that fell back to this
   * thread runs to its end.)
   */
  readonly signal?: AbortSignal;
}

/** The prestarted worker given its job, or a new one; throws when none can start. */
function workerFor(path: string, options: Omit<ReadOptions, 'onProgress'>): Worker {
  const ready = takePrestartedReadWorker();
  if (ready === undefined) return startModuleWorker(READ_WORKER_URL, { path, options });
  ready.postMessage({ path, options });
  return ready;
}

/** Reads a file like readTable, on a worker thread. */
export function readTableInWorker(path: string, options: WorkerReadOptions = {}): Promise<Table> {
  const { onProgress, fallback = true, signal, ...rest } = options;
  return new Promise<Table>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason);
      return;
    }
    let settled = false;
    let started = false;
    let onAbort = (): void => {};
    const settle = (f: () => void): void => {
      if (!settled) {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        f();
      }
    };
    const inThread = (cause: unknown): void =>
      settle(() => {
        if (fallback) readTable(path, { ...rest, ...(onProgress !== undefined ? { onProgress } : {}) }).then(resolve, reject);
        else reject(new DriftwatchError('INTERNAL', `could not start a worker thread to read ${path}: ${String(cause)}`, { file: path }, { cause }));
      });
    let worker: Worker;
    try {
      worker = workerFor(path, rest);
    } catch (e) {
      inThread(e);
      return;
    }
    onAbort = () =>
      settle(() => {
        void worker.terminate();
        reject(signal!.reason);
      });
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: WorkerMessage) => {
      started = true;
      if (m.type === 'progress') onProgress?.(m.done, m.total);
      else if (m.type === 'table') settle(() => resolve(tableFromMessage(m.columns, path)));
      else settle(() => reject(new DriftwatchError(m.code, m.message, m.location)));
    });
    worker.on('error', (e) => {
      if (!started) inThread(e);
      else settle(() => reject(new DriftwatchError('INTERNAL', `the worker reading ${path} failed: ${e.message}`, { file: path }, { cause: e })));
    });
    worker.on('exit', (code) => {
      if (!started) inThread(new Error(`worker exited with code ${code}`));
      else settle(() => reject(new DriftwatchError('INTERNAL', `the worker reading ${path} exited with code ${code} before finishing`, { file: path })));
    });
  });
}

/**
 * The reader's worker started before its file is known. Starting a worker and loading the reader into it
 * takes about 0.15 s of a core, which a command can overlap with loading its own modules instead of waiting
 * for it later (bin/driftwatch.js does this for a big `analyze`). This module imports next to nothing, so
 * that it can run first.
 */
import type { Worker } from 'node:worker_threads';
import { IdleWorkers, siblingModuleUrl } from '../kernels/module-worker.js';

export const READ_WORKER_URL = siblingModuleUrl(import.meta.url, 'read-table-worker');

let prestarted: IdleWorkers | undefined;

/** Starts the worker the next readTableInWorker will use. An unused one does not keep the process alive. */
export function prestartReadWorker(): void {
  prestarted ??= new IdleWorkers(READ_WORKER_URL, 1);
}

/** The prestarted worker, now the caller's, if it is still good; the next caller starts its own. */
export function takePrestartedReadWorker(): Worker | undefined {
  const worker = prestarted?.take();
  prestarted = undefined;
  return worker;
}

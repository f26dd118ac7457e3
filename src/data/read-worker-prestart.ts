/**
 * The reader's worker started before its file is known. Starting a worker and loading the reader into it
 * takes about 0.15 s of a core, which a command can overlap with loading its own modules instead of waiting
 * for it later (bin/driftwatch.js does this for a big `analyze`). This module imports next to nothing, so
 * that it can run first.
 */
import type { Worker } from 'node:worker_threads';
import { siblingModuleUrl, startModuleWorker } from '../kernels/module-worker.js';

export const READ_WORKER_URL = siblingModuleUrl(import.meta.url, 'read-table-worker');

/** The worker started ahead, and whether it has failed or exited since. */
let prestarted: { worker: Worker; failed: boolean } | undefined;

/** Starts the worker the next readTableInWorker will use. An unused one does not keep the process alive. */
export function prestartReadWorker(): void {
  if (prestarted !== undefined) return;
  let worker: Worker;
  try {
    worker = startModuleWorker(READ_WORKER_URL, null);
  } catch {
    return;
  }
  const entry = { worker, failed: false };
  worker.unref();
  worker.once('error', () => (entry.failed = true));
  worker.once('exit', () => (entry.failed = true));
  prestarted = entry;
}

/** The prestarted worker, now the caller's (listeners removed, keeping the process alive), if it is still good. */
export function takePrestartedReadWorker(): Worker | undefined {
  const ready = prestarted;
  prestarted = undefined;
  if (ready === undefined) return undefined;
  if (ready.failed) {
    void ready.worker.terminate();
    return undefined;
  }
  ready.worker.removeAllListeners();
  ready.worker.ref();
  return ready.worker;
}

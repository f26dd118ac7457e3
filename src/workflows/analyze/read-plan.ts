/**
 * Where each input of an analysis is read: the reference on the calling thread and the current input on a
 * worker, so two cores read — unless both are small, or the current input is many short columns (a worker
 * hands its table over column by column). A light module of its own: the command line decides with it
 * whether to start the reader's worker before loading anything else (bin/driftwatch.js).
 */
import { estimateCsvColumns } from '../../data/header-width.js';

/**
 * Regular files up to this size together are read on the calling thread: starting a worker and loading the
 * reader into it takes about 0.15 s (measured on 2 cores), while this thread reads a few megabytes in less.
 */
const ON_THIS_THREAD_BYTES = 4 << 20;

/**
 * A CSV file with fewer bytes than this per column is read on this thread too, whatever its size: a worker
 * hands its table over column by column (about 10 µs each), which a file 100,000 columns wide pays a
 * second for while its bytes take a fraction of that to read (measured: 2.5 s in a worker, 1.4 s here).
 */
const MIN_BYTES_PER_COLUMN_FOR_WORKER = 64 << 10;

/** Whether the current input (a regular file at `currentPath`) is read on a worker, given both files' sizes. */
export function readsCurrentOnWorker(referenceBytes: number, currentBytes: number, currentPath: string): boolean {
  if (referenceBytes + currentBytes <= ON_THIS_THREAD_BYTES) return false;
  const columns = estimateCsvColumns(currentPath);
  return columns === null || currentBytes / columns >= MIN_BYTES_PER_COLUMN_FOR_WORKER;
}

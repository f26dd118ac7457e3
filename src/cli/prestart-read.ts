/**
 * `driftwatch analyze` on a pair that is read on two threads starts the reader's worker first thing, so
 * that the worker's start (about 0.15 s of a core) overlaps the loading of the command line's modules
 * instead of delaying the read (read-plan.ts decides, as the read itself will).
 */
import { prestartReadWorker } from '../data/read-worker-prestart.js';
import { readsCurrentOnWorker } from '../workflows/analyze/read-plan.js';
import { analyzeInputs } from './analyze-inputs.js';

/** Starts the reader's worker when `argv` (process.argv) is an analyze run that will read on one. */
export function prestartReaderFor(argv: readonly string[]): void {
  const inputs = analyzeInputs(argv);
  const ref = inputs?.reference;
  const cur = inputs?.current;
  if (ref?.bytes == null || cur?.bytes == null) return;
  if (readsCurrentOnWorker(ref.bytes, cur.bytes, cur.path)) prestartReadWorker();
}

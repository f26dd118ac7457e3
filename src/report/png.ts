import type { DriftReport } from '../drift/types.js';

/** drift_summary.png bytes. */
export function renderPng(_report: DriftReport): Promise<Uint8Array> {
  throw new Error('not implemented');
}

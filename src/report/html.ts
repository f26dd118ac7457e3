import type { DriftReport } from '../drift/types.js';

/** drift_report.html: one self-contained file. */
export function renderHtml(_report: DriftReport): string {
  throw new Error('not implemented');
}

import type { Table } from '../data/table.js';
import type { AnalyzeOptions } from './options.js';
import type { DriftReport } from './types.js';

/** Compares a reference and a current table column by column and over the whole dataset. */
export function analyzeDrift(_reference: Table, _current: Table, _options: AnalyzeOptions = {}): DriftReport {
  throw new Error('not implemented');
}

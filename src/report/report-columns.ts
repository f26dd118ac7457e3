import type { ColumnDrift, DriftReport } from '../drift/index.js';
import { describeChange } from '../drift/summary/index.js';

/**
 * Every prediction column's drift. Reports from before `prediction_columns` existed carry only
 * `prediction_drift` (the first one), so fall back to it.
 */
export function predictionColumns(report: DriftReport): readonly ColumnDrift[] {
  if (report.prediction_columns !== undefined) return report.prediction_columns;
  return report.prediction_drift === null ? [] : [report.prediction_drift];
}

/** Target then prediction columns: the rows shown beside the features. */
export function roleColumns(report: DriftReport): ColumnDrift[] {
  return [...(report.target_drift === null ? [] : [report.target_drift]), ...predictionColumns(report)];
}

/** The column's one-line change; reports before schema 1.2 lack it, so it is worked out from the summaries. */
export function changeOf(c: ColumnDrift): string | null {
  return c.change !== undefined ? c.change : describeChange(c.summary, c.histogram);
}

/** The headline verdict: dataset, target or prediction drift (reports before schema 1.2: dataset drift alone). */
export function alertOf(report: DriftReport): boolean {
  return report.dataset.alert ?? report.dataset.dataset_drift;
}

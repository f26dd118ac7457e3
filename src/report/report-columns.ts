import type { ColumnDrift, DriftReport } from '../drift/index.js';

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

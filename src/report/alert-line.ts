/**
 * The one alert line, worded and rounded alike wherever it appears (the CLI's last line, the HTML banner,
 * the PNG): target and prediction drift reach it as well as dataset drift (docs/report-schema.md, "The
 * headline rule"), and a drifted target is named with what changed.
 */
import type { ColumnDrift, DriftReport } from '../drift/index.js';
import { driftedShareSummary } from './format.js';
import { alertOf, changeOf, predictionColumns } from './report-columns.js';

function roleClause(role: string, col: ColumnDrift): string {
  const change = changeOf(col);
  return `${role} ${col.name} drifted${change === null ? '' : ` (${change})`}`;
}

/** The clauses naming what drifted: dataset, target, predictions (empty without an alert). */
export function alertReasons(report: DriftReport): string[] {
  const out: string[] = [];
  if (report.dataset.dataset_drift) out.push(`dataset drift: ${driftedShareSummary(report.dataset)}`);
  if (report.target_drift?.drifted === true) out.push(roleClause('target', report.target_drift));
  const predictions = predictionColumns(report).filter((c) => c.drifted);
  // The target's change is the one the line must carry; a prediction is named, its change is in the summary.
  if (predictions.length === 1) out.push(`prediction ${predictions[0]!.name} drifted`);
  else if (predictions.length > 1) out.push(`predictions ${predictions.map((c) => c.name).join(', ')} drifted`);
  return out;
}

/** The alert line's clauses after its prefix: what drifted, the features' share, the severity. */
export function alertClauses(report: DriftReport): string[] {
  const d = report.dataset;
  if (!alertOf(report)) return [driftedShareSummary(d)];
  const clauses = alertReasons(report);
  if (!d.dataset_drift) clauses.push(`features: ${driftedShareSummary(d)}`);
  clauses.push(`severity ${d.severity}`);
  return clauses;
}

/**
 * "DRIFT DETECTED: dataset drift: 4 of 8 columns drifted (50% >= 50%); target churn drifted (Yes 26.5% →
 * 39.8%); severity HIGH", or "No dataset drift: 1 of 8 columns drifted (12.5% < 50%)".
 */
export function alertLine(report: DriftReport): string {
  return `${alertOf(report) ? 'DRIFT DETECTED' : 'No dataset drift'}: ${alertClauses(report).join('; ')}`;
}

/** The banner's headline: "Dataset drift detected", "Target drift detected", "Dataset and target drift detected", "No drift detected". */
export function alertHeadline(report: DriftReport): string {
  const kinds = [
    report.dataset.dataset_drift ? 'dataset' : null,
    report.target_drift?.drifted === true ? 'target' : null,
    predictionColumns(report).some((c) => c.drifted) ? 'prediction' : null,
  ].filter((k): k is string => k !== null);
  if (kinds.length === 0 || !alertOf(report)) return 'No dataset drift';
  const text = kinds.length === 1 ? kinds[0]! : `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]!}`;
  return `${text[0]!.toUpperCase()}${text.slice(1)} drift detected`;
}

/**
 * A drift report as check signals: one per kind the report can speak to (dataset drift always; target drift
 * when it has a target; prediction drift when it has prediction columns or a model section; performance drop
 * when the model section has realised performance). The monitor turns every check into
 * these; the policy decides what, if anything, to tell people.
 */
import type { DriftReport } from '../drift/index.js';
import type { CheckSignal } from './types.js';

export interface ReportSignalOptions {
  readonly model: string;
  /** The check's time (epoch ms). */
  readonly at: number;
  readonly reportId?: string;
}

export function signalsFromReport(report: DriftReport, o: ReportSignalOptions): CheckSignal[] {
  const ds = report.dataset;
  const base = { model: o.model, at: o.at, ...(o.reportId !== undefined ? { reportId: o.reportId } : {}) };
  const drifted = report.columns.filter((c) => c.drifted).map((c) => c.name);
  const signals: CheckSignal[] = [
    {
      ...base,
      kind: 'dataset_drift',
      active: ds.dataset_drift,
      severity: ds.severity,
      summary: `${ds.drifted_columns} of ${ds.columns_analyzed} columns drifted (share ${ds.drifted_share.toFixed(2)}, dataset drift from ${ds.drift_share_threshold})`,
      columns: drifted,
      details: { drift_share: ds.drifted_share, drifted_columns: ds.drifted_columns, columns_analyzed: ds.columns_analyzed, threshold: ds.drift_share_threshold },
    },
  ];
  const t = report.target_drift;
  if (t !== null) {
    signals.push({
      ...base,
      kind: 'target_drift',
      active: t.drifted,
      // The report raises its headline to HIGH when the target drifts.
      severity: t.drifted ? 'HIGH' : 'LOW',
      summary: `target ${t.name} ${t.drifted ? 'drifted' : 'is stable'} (${t.method}, score ${t.score.toFixed(2)})`,
      columns: [t.name],
      details: { column: t.name, method: t.method, score: t.score, p_value: t.p_value },
    });
  }
  // Prediction columns given with the data, or else the model's own predictions (`analyze --model`).
  const given = report.prediction_columns ?? (report.prediction_drift !== null ? [report.prediction_drift] : []);
  const predictions = given.length > 0 ? given : report.model != null ? [report.model.prediction_drift] : [];
  if (predictions.length > 0) {
    const moved = predictions.filter((p) => p.drifted);
    signals.push({
      ...base,
      kind: 'prediction_drift',
      active: moved.length > 0,
      severity: moved.length > 0 ? 'MEDIUM' : 'LOW',
      summary: moved.length > 0 ? `predictions drifted: ${moved.map((p) => p.name).join(', ')}` : 'predictions are stable',
      columns: moved.map((p) => p.name),
      details: { columns: predictions.map((p) => ({ name: p.name, score: p.score, drifted: p.drifted })) },
    });
  }
  const perf = report.model?.performance ?? null;
  if (perf !== null) {
    const drop = perf.drop;
    signals.push({
      ...base,
      kind: 'performance_drop',
      active: perf.alert,
      // A drop of more than twice what is allowed is HIGH.
      severity: !perf.alert ? 'LOW' : drop !== null && drop > 2 * perf.max_drop ? 'HIGH' : 'MEDIUM',
      summary: drop === null ? `${perf.metric} cannot be computed on both sides` : `${perf.metric} ${drop > 0 ? 'dropped' : 'changed'} by ${Math.abs(drop).toFixed(3)} (allowed drop ${perf.max_drop})`,
      columns: [],
      details: { metric: perf.metric, drop, max_drop: perf.max_drop, reference: perf.reference.metrics[perf.metric] ?? null, current: perf.current.metrics[perf.metric] ?? null },
    });
  }
  return signals;
}

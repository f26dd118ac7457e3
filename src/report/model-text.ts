/** Plain-text phrases for the report's `model` section, shared by the terminal summary and the HTML report. */
import type { ModelPerformance, ModelSection, PerformanceMetric } from '../drift/index.js';

/** How people read a metric's name. */
export const METRIC_LABELS: Readonly<Record<PerformanceMetric, string>> = {
  accuracy: 'accuracy',
  balanced_accuracy: 'balanced accuracy',
  f1: 'F1',
  roc_auc: 'ROC AUC',
  mae: 'MAE',
  rmse: 'RMSE',
  r2: 'R²',
};

export function metricValue(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(3);
}

export function signedValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'n/a';
  return `${v >= 0 ? '+' : '-'}${Math.abs(v).toFixed(3)}`;
}

/** `PERFORMANCE ALERT: F1 dropped from 0.531 to 0.447 (drop 0.083 > max 0.05)`, or the no-alert sentence. */
export function performanceVerdict(p: ModelPerformance): string {
  const name = METRIC_LABELS[p.metric];
  const before = metricValue(p.reference.metrics[p.metric]);
  const after = metricValue(p.current.metrics[p.metric]);
  if (p.drop === null) return `No performance verdict: ${name} is undefined on one side (${before} -> ${after})`;
  const moved = `${name} ${p.drop > 0 ? 'dropped' : 'moved'} from ${before} to ${after}`;
  return p.alert
    ? `PERFORMANCE ALERT: ${moved} (drop ${p.drop.toFixed(3)} > max ${p.max_drop})`
    : `No performance alert: ${moved} (drop ${p.drop.toFixed(3)}, max ${p.max_drop})`;
}

/** `model.json (gradient-boosted trees, binary: No, Yes)`. */
export function modelTitle(m: ModelSection): string {
  const classes = m.model.classes === null ? '' : `: ${m.model.classes.slice(0, 6).join(', ')}${m.model.classes.length > 6 ? ', …' : ''}`;
  return `${m.model.path ?? 'model'} (${m.model.algorithm}, ${m.model.task}${classes})`;
}

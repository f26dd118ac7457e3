/**
 * Realised performance of a model on one labelled input, from the predictions already made (the model is
 * not run again): classifiers' accuracy, balanced accuracy, F1, ROC AUC; regressors' MAE, RMSE, R².
 * Rows without a label are not scored.
 */
import { DriftwatchError } from '../../core/index.js';
import type { Column } from '../../data/index.js';
import {
  CLASSIFIER_METRICS, LOWER_IS_BETTER, REGRESSOR_METRICS,
  type ClassPerformance, type ClassScores, type MetricValues, type PerformanceMetric, type PerformanceSide,
} from '../../drift/index.js';
import { evaluateClassifier, evaluateRegressor } from '../../metrics/index.js';
import { alignLabels, type Model, type PredictionResult } from '../../models/index.js';

export interface ScoredSide {
  readonly side: PerformanceSide;
  /** Labels mapped onto the model's classes, for people (null when they were the model's classes). */
  readonly note: string | null;
  /** Classifiers: each class's precision, recall, F1 and support, in the model's class order; null for regressors. */
  readonly perClass: readonly ClassScores[] | null;
}

export function scoreSide(model: Model, label: Column, pred: PredictionResult, file: string): ScoredSide {
  const sig = model.signature;
  if (sig.task === 'regression') {
    if (label.storage !== 'numeric') {
      throw new DriftwatchError('INVALID_ARGUMENT', `label "${label.name}" must be numeric for a regression model`, { file, field: label.name });
    }
    const rows = Array.from(label.values).flatMap((v, i) => (Number.isNaN(v) ? [] : [i]));
    if (rows.length === 0) return { side: { n_samples: 0, metrics: nulls(REGRESSOR_METRICS) }, note: null, perClass: null };
    const e = evaluateRegressor(Float64Array.from(rows, (i) => label.values[i]!), Float64Array.from(rows, (i) => pred.values![i]!));
    return { side: { n_samples: e.n_samples, metrics: { mae: e.mae, rmse: e.rmse, r2: e.r2 } }, note: null, perClass: null };
  }
  const classes = sig.classes!;
  let aligned;
  try {
    aligned = alignLabels(label, classes);
  } catch (e) {
    throw e instanceof DriftwatchError ? new DriftwatchError(e.code, e.message, { file, field: label.name }) : e;
  }
  const k = classes.length;
  const n = aligned.rows.length;
  if (n === 0) return { side: { n_samples: 0, metrics: nulls(CLASSIFIER_METRICS) }, note: aligned.note, perClass: classes.map(() => ({ precision: 0, recall: 0, f1: 0, support: 0 })) };
  const probs = new Float64Array(n * k);
  aligned.rows.forEach((r, i) => probs.set(pred.probabilities!.subarray(r * k, (r + 1) * k), i * k));
  const e = evaluateClassifier(aligned.y, probs, { classes, ...(sig.positiveClass !== null ? { positiveClass: sig.positiveClass } : {}) });
  if (!('f1' in e)) throw new DriftwatchError('INTERNAL', 'a classifier evaluated as a regressor');
  // evaluateClassifier keys per_class by label (sklearn classification_report, zero_division 0); report it in class order.
  const perClass = classes.map((c): ClassScores => {
    const row = e.per_class[c]!;
    return { precision: row.precision, recall: row.recall, f1: row.f1, support: row.support };
  });
  return {
    side: { n_samples: n, metrics: { accuracy: e.accuracy, balanced_accuracy: e.balanced_accuracy, f1: e.f1, roc_auc: e.roc_auc } },
    note: aligned.note,
    perClass,
  };
}

/** Both sides' per-class scores side by side, one entry per class (null for regressors). */
export function perClassPerformance(classes: readonly string[] | null, reference: readonly ClassScores[] | null, current: readonly ClassScores[] | null): ClassPerformance[] | null {
  if (classes === null || reference === null || current === null) return null;
  return classes.map((c, k) => ({ class: c, reference: reference[k]!, current: current[k]! }));
}

export function metricChange(reference: MetricValues, current: MetricValues): MetricValues {
  const out: Partial<Record<PerformanceMetric, number | null>> = {};
  for (const key of Object.keys(reference) as PerformanceMetric[]) {
    const a = reference[key];
    const b = current[key];
    out[key] = a === null || a === undefined || b === null || b === undefined ? null : b - a;
  }
  return out;
}

/** How much worse `metric` got from reference to current (errors: an increase is a drop). */
export function metricDrop(metric: PerformanceMetric, reference: MetricValues, current: MetricValues): number | null {
  const a = reference[metric];
  const b = current[metric];
  if (a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  return LOWER_IS_BETTER.has(metric) ? b - a : a - b;
}

function nulls(metrics: readonly PerformanceMetric[]): MetricValues {
  return Object.fromEntries(metrics.map((m) => [m, null]));
}

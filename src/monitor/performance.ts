/**
 * Realised performance over time: the logged predictions of each hour, day or week (by the rows' own
 * timestamps, UTC-aligned; weeks start on Monday) scored against the labels that have arrived for them.
 */
import { accuracy, meanAbsoluteError, precisionRecallF1, r2Score, rootMeanSquaredError } from '../metrics/index.js';
import type { PredictionWindow } from '../store/index.js';

export type PerformanceBucket = 'hour' | 'day' | 'week';

export interface PerformanceWindow {
  readonly start: string;
  readonly end: string;
  /** Rows logged in the window. */
  readonly rows: number;
  /** Rows whose label has arrived (the metrics are computed on these). */
  readonly labelled: number;
  /** accuracy, precision, recall, f1 (classifiers) or mae, rmse, r2 (regressors); null where undefined. */
  readonly metrics: Readonly<Record<string, number | null>>;
}

const BUCKET_MS: Readonly<Record<PerformanceBucket, number>> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };
/** 1970-01-01 was a Thursday: Monday-aligned weeks start 4 days into the epoch's week. */
const WEEK_OFFSET_MS = 4 * 86_400_000;

export function bucketStart(bucket: PerformanceBucket, ms: number): number {
  const size = BUCKET_MS[bucket];
  const offset = bucket === 'week' ? WEEK_OFFSET_MS : 0;
  return Math.floor((ms - offset) / size) * size + offset;
}

export function bucketSize(bucket: PerformanceBucket): number {
  return BUCKET_MS[bucket];
}

export interface ScoringTask {
  readonly task: 'binary' | 'multiclass' | 'regression';
  /** The class F1, precision and recall are of, for binary models. */
  readonly positiveClass: string | null;
}

/** Metrics of logged predictions against labels, per bucket between fromMs and toMs. */
export function performanceWindows(w: PredictionWindow, bucket: PerformanceBucket, fromMs: number, toMs: number, scoring: ScoringTask): PerformanceWindow[] {
  const size = BUCKET_MS[bucket];
  const first = bucketStart(bucket, fromMs);
  const count = Math.max(0, Math.ceil((toMs - first) / size));
  const rows = new Array<number>(count).fill(0);
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < w.rowCount; i++) {
    const b = Math.floor((w.tsMs[i]! - first) / size);
    if (b < 0 || b >= count) continue;
    rows[b]!++;
    if (w.label[i] !== null && w.prediction[i] !== null) members[b]!.push(i);
  }
  return members.map((idx, b) => ({
    start: new Date(first + b * size).toISOString(),
    end: new Date(first + (b + 1) * size).toISOString(),
    rows: rows[b]!,
    labelled: idx.length,
    metrics: idx.length === 0 ? {} : scoring.task === 'regression' ? regressionMetrics(w, idx) : classificationMetrics(w, idx, scoring),
  }));
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

function classificationMetrics(w: PredictionWindow, idx: readonly number[], scoring: ScoringTask): Record<string, number | null> {
  const classes = new Map<string, number>();
  const code = (s: string): number => {
    let c = classes.get(s);
    if (c === undefined) {
      c = classes.size;
      classes.set(s, c);
    }
    return c;
  };
  // The positive class is class 1 when the model names one, so binary scores are of that class.
  const positive = scoring.task === 'binary' ? scoring.positiveClass : null;
  const yTrue = new Int32Array(idx.length);
  const yPred = new Int32Array(idx.length);
  const negative = positive === null ? null : [...new Set(idx.flatMap((i) => [w.label[i]!, w.prediction[i]!]))].find((s) => s !== positive) ?? `not ${positive}`;
  if (positive !== null) {
    code(negative!);
    code(positive);
  }
  idx.forEach((i, k) => {
    yTrue[k] = code(w.label[i]!);
    yPred[k] = code(w.prediction[i]!);
  });
  const n = Math.max(classes.size, 2);
  const binary = positive !== null && classes.size === 2;
  const prf = precisionRecallF1(yTrue, yPred, n, binary ? { average: 'binary', positiveClass: 1 } : { average: 'macro' });
  return { accuracy: finite(accuracy(yTrue, yPred)), precision: finite(prf.precision), recall: finite(prf.recall), f1: finite(prf.f1) };
}

function regressionMetrics(w: PredictionWindow, idx: readonly number[]): Record<string, number | null> {
  const yTrue = Float64Array.from(idx, (i) => Number(w.label[i]));
  const yPred = Float64Array.from(idx, (i) => Number(w.prediction[i]));
  return { mae: finite(meanAbsoluteError(yTrue, yPred)), rmse: finite(rootMeanSquaredError(yTrue, yPred)), r2: idx.length < 2 ? null : finite(r2Score(yTrue, yPred)) };
}

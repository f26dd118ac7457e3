/**
 * Realised performance and prediction statistics of logged rows per calendar window (UTC hour, day, or week
 * from Monday): rows, labelled rows, and the metrics of the labelled ones (classifiers: accuracy, precision,
 * recall, F1, ROC AUC for binary models; regressors: MAE, RMSE, R²), the mean top-class confidence and the
 * share of each predicted class. Read from the logged columns, never one object per row.
 */
import { accuracy, meanAbsoluteError, precisionRecallF1, r2Score, rocAuc, rootMeanSquaredError } from '../metrics/index.js';
import type { ModelSignature } from '../models/index.js';

export type WindowKind = 'hour' | 'day' | 'week';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export function windowStart(ms: number, kind: WindowKind): number {
  if (kind === 'hour') return Math.floor(ms / HOUR) * HOUR;
  const day = Math.floor(ms / DAY) * DAY;
  if (kind === 'day') return day;
  // 1970-01-01 was a Thursday: weeks start on Monday, as ISO weeks do.
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return day - weekday * DAY;
}

export function windowLength(kind: WindowKind): number {
  return kind === 'hour' ? HOUR : kind === 'day' ? DAY : 7 * DAY;
}

/** The logged facts a window needs (both layouts of the store's PredictionWindow have them). */
export interface LoggedRows {
  readonly rowCount: number;
  readonly tsMs: Float64Array;
  readonly prediction: readonly (string | null)[];
  /** The positive class's probability (binary) or the top class's (multiclass); NaN when none was logged. */
  readonly probability: Float64Array;
  readonly label: readonly (string | null)[];
}

export interface WindowStats {
  readonly start: number;
  readonly end: number;
  readonly rows: number;
  readonly labelled: number;
  readonly metrics: Record<string, number | null>;
  /** Mean top-class probability, or null without probabilities. */
  readonly confidence: number | null;
  /** Predicted class → share of the window's rows with a prediction. */
  readonly classShares: Record<string, number>;
}

type Signature = Pick<ModelSignature, 'task' | 'classes' | 'positiveClass'>;

/**
 * How many windows of `len` ms, aligned to multiples of `len` as windowsOf aligns them, run from the one
 * holding `oldestMs` to the one holding `nowMs`. (The span divided by the length, plus one, is one short
 * whenever the oldest time sits nearer its window's start than now does: the summary's series then left
 * out the oldest rows — all of them, for traffic logged in one burst just before a window boundary.)
 */
export function windowsSpanning(oldestMs: number, nowMs: number, len: number): number {
  return Math.floor(nowMs / len) - Math.floor(oldestMs / len) + 1;
}

/**
 * The `count` windows of `kind` (or of a length in ms, aligned to multiples of it) ending with the one holding
 * `nowMs`, oldest first.
 */
export function windowsOf(rows: LoggedRows, kind: WindowKind | number, count: number, nowMs: number, signature: Signature): WindowStats[] {
  const len = typeof kind === 'number' ? kind : windowLength(kind);
  const last = typeof kind === 'number' ? Math.floor(nowMs / len) * len : windowStart(nowMs, kind);
  const first = last - (count - 1) * len;
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < rows.rowCount; i++) {
    const t = rows.tsMs[i]!;
    if (t < first || t >= last + len) continue;
    // Weeks and days are fixed lengths in UTC, so the window is found by division.
    members[Math.floor((t - first) / len)]!.push(i);
  }
  return members.map((idx, w) => statsOf(rows, idx, first + w * len, first + (w + 1) * len, signature));
}

function statsOf(rows: LoggedRows, idx: readonly number[], start: number, end: number, signature: Signature): WindowStats {
  const labelled = idx.filter((i) => rows.label[i] !== null && rows.prediction[i] !== null);
  let confSum = 0;
  let confN = 0;
  const counts = new Map<string, number>();
  let predicted = 0;
  for (const i of idx) {
    const p = rows.probability[i]!;
    if (Number.isFinite(p)) {
      confSum += signature.task === 'binary' ? Math.max(p, 1 - p) : p;
      confN++;
    }
    const y = rows.prediction[i];
    if (y !== null && y !== undefined) {
      counts.set(y, (counts.get(y) ?? 0) + 1);
      predicted++;
    }
  }
  const classShares: Record<string, number> = {};
  for (const [k, n] of counts) classShares[k] = n / predicted;
  return {
    start,
    end,
    rows: idx.length,
    labelled: labelled.length,
    metrics: signature.task === 'regression' ? regressionMetrics(rows, labelled) : classificationMetrics(rows, labelled, signature),
    confidence: confN === 0 ? null : confSum / confN,
    classShares,
  };
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

function classificationMetrics(rows: LoggedRows, idx: readonly number[], signature: Signature): Record<string, number | null> {
  const none = { accuracy: null, precision: null, recall: null, f1: null, roc_auc: null };
  if (idx.length === 0) return none;
  const classes = [...(signature.classes ?? [])];
  const index = new Map(classes.map((c, i) => [c, i]));
  const code = (v: string): number => {
    let k = index.get(v);
    if (k === undefined) {
      k = classes.length;
      classes.push(v);
      index.set(v, k);
    }
    return k;
  };
  const yTrue = new Int32Array(idx.length);
  const yPred = new Int32Array(idx.length);
  idx.forEach((row, j) => {
    yTrue[j] = code(rows.label[row]!);
    yPred[j] = code(rows.prediction[row]!);
  });
  const k = classes.length;
  const binary = signature.task === 'binary' && k === 2;
  const positive = binary ? Math.max(0, classes.indexOf(signature.positiveClass ?? classes[1]!)) : 1;
  const prf = precisionRecallF1(yTrue, yPred, Math.max(k, 2), binary ? { average: 'binary', positiveClass: positive } : { average: 'macro' });
  let auc: number | null = null;
  if (binary) {
    const scores = Float64Array.from(idx, (row) => rows.probability[row]!);
    const bothClasses = yTrue.includes(0) && yTrue.includes(1);
    if (bothClasses && scores.every((s) => Number.isFinite(s))) auc = finiteOrNull(rocAuc(yTrue, scores, positive));
  }
  return { accuracy: accuracy(yTrue, yPred), precision: prf.precision, recall: prf.recall, f1: prf.f1, roc_auc: auc };
}

function regressionMetrics(rows: LoggedRows, idx: readonly number[]): Record<string, number | null> {
  const pairs = idx.map((i) => [Number(rows.label[i]), Number(rows.prediction[i])] as const).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  if (pairs.length === 0) return { mae: null, rmse: null, r2: null };
  const yTrue = Float64Array.from(pairs, (p) => p[0]);
  const yPred = Float64Array.from(pairs, (p) => p[1]);
  return { mae: finiteOrNull(meanAbsoluteError(yTrue, yPred)), rmse: finiteOrNull(rootMeanSquaredError(yTrue, yPred)), r2: pairs.length < 2 ? null : finiteOrNull(r2Score(yTrue, yPred)) };
}

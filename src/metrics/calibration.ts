import { DriftwatchError } from '../core/index.js';
import { argmaxRows } from './argmax.js';
import { checkLabels, checkProbabilities, checkSameLength } from './validate.js';

/** How calibration bins are cut: equal width on [0, 1], or equal counts (quantiles of the predictions). */
export type CalibrationStrategy = 'uniform' | 'quantile';

/** Calibration curve over the non-empty bins, lowest bin first. */
export interface CalibrationCurve {
  /** Fraction of positives in each non-empty bin. */
  prob_true: Float64Array;
  /** Mean predicted probability in each non-empty bin. */
  prob_pred: Float64Array;
  /** Rows in each non-empty bin. */
  count: Float64Array;
}

// numpy's linspace(0, 1, nBins + 1): i * (1 / nBins), with the last edge exactly 1.
function linspaceEdges(nBins: number): Float64Array {
  const step = 1 / nBins;
  const edges = new Float64Array(nBins + 1);
  for (let i = 0; i < nBins; i++) edges[i] = i * step;
  edges[nBins] = 1;
  return edges;
}

// numpy.percentile(values, q * 100) with the default 'linear' method, including numpy's _lerp rounding.
function quantileEdges(values: Float64Array, nBins: number): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const qs = linspaceEdges(nBins);
  const edges = new Float64Array(nBins + 1);
  for (let i = 0; i <= nBins; i++) {
    const q = (qs[i]! * 100) / 100;
    const virtual = (n - 1) * q;
    let prev = Math.floor(virtual);
    let next = prev + 1;
    if (virtual >= n - 1) prev = next = n - 1;
    if (virtual < 0) prev = next = 0;
    const t = virtual - prev;
    const a = sorted[prev]!;
    const b = sorted[next]!;
    const diff = b - a;
    edges[i] = t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
  return edges;
}

// np.searchsorted(edges[1:-1], p, side='left'): the number of inner edges strictly below p.
function binOf(inner: Float64Array, p: number): number {
  let lo = 0;
  let hi = inner.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inner[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function binStats(outcome: Float64Array, prob: Float64Array, edges: Float64Array): { sums: Float64Array; trues: Float64Array; totals: Float64Array } {
  const nb = edges.length;
  const inner = edges.subarray(1, nb - 1);
  const sums = new Float64Array(nb);
  const trues = new Float64Array(nb);
  const totals = new Float64Array(nb);
  for (let i = 0; i < prob.length; i++) {
    const b = binOf(inner, prob[i]!);
    sums[b]! += prob[i]!;
    trues[b]! += outcome[i]!;
    totals[b]!++;
  }
  return { sums, trues, totals };
}

function checkBins(nBins: number): void {
  if (!Number.isInteger(nBins) || nBins < 1) throw new DriftwatchError('INVALID_ARGUMENT', `calibration: nBins must be a positive integer, got ${nBins}.`);
}

/**
 * Calibration (reliability) curve of a binary classifier, exactly like sklearn 1.2
 * `calibration_curve(y_true, y_prob, n_bins, strategy)`: bins over [0, 1] (`uniform`) or at the
 * quantiles of the predictions (`quantile`); a probability equal to an inner edge falls in the lower bin;
 * empty bins are dropped. `probPositive` is the probability of `positiveClass` (default 1).
 */
export function calibrationCurve(
  yTrue: Int32Array,
  probPositive: Float64Array,
  options: { nBins?: number; strategy?: CalibrationStrategy; positiveClass?: number } = {},
): CalibrationCurve {
  const nBins = options.nBins ?? 5;
  const pos = options.positiveClass ?? 1;
  checkBins(nBins);
  checkSameLength('calibrationCurve', yTrue, probPositive);
  checkProbabilities('calibrationCurve probabilities', probPositive);
  const outcome = new Float64Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) outcome[i] = yTrue[i] === pos ? 1 : 0;
  const edges = (options.strategy ?? 'uniform') === 'quantile' ? quantileEdges(probPositive, nBins) : linspaceEdges(nBins);
  const { sums, trues, totals } = binStats(outcome, probPositive, edges);
  const probTrue: number[] = [];
  const probPred: number[] = [];
  const count: number[] = [];
  for (let b = 0; b < totals.length; b++) {
    if (totals[b] === 0) continue;
    probTrue.push(trues[b]! / totals[b]!);
    probPred.push(sums[b]! / totals[b]!);
    count.push(totals[b]!);
  }
  return { prob_true: Float64Array.from(probTrue), prob_pred: Float64Array.from(probPred), count: Float64Array.from(count) };
}

/**
 * Expected calibration error from per-row correctness (1 or 0) and confidence:
 * ECE = sum over `nBins` equal-width bins on [0, 1] of |accuracy_b - confidence_b| * n_b / n, where
 * accuracy_b is the mean correctness and confidence_b the mean confidence of the n_b rows in bin b
 * (bins as in the uniform calibration curve: an edge value falls in the lower bin; empty bins add 0).
 */
export function expectedCalibrationErrorFrom(correct: Float64Array, confidence: Float64Array, nBins = 10): number {
  checkBins(nBins);
  checkSameLength('expectedCalibrationError', correct, confidence);
  checkProbabilities('expectedCalibrationError confidences', confidence);
  const { sums, trues, totals } = binStats(correct, confidence, linspaceEdges(nBins));
  const n = confidence.length;
  let ece = 0;
  for (let b = 0; b < totals.length; b++) {
    if (totals[b] === 0) continue;
    ece += (Math.abs(trues[b]! / totals[b]! - sums[b]! / totals[b]!) * totals[b]!) / n;
  }
  return ece;
}

/**
 * Expected calibration error of a classifier. Binary (n probabilities of `positiveClass`): the positive-class
 * reliability, i.e. correctness = 1[y = positive], confidence = p. Multiclass (row-major n x K): top-label
 * calibration, i.e. correctness = 1[argmax = y], confidence = max probability. See
 * `expectedCalibrationErrorFrom` for the binning.
 */
export function expectedCalibrationError(
  yTrue: Int32Array,
  probabilities: Float64Array,
  nClasses: number,
  options: { nBins?: number; positiveClass?: number } = {},
): number {
  checkLabels('expectedCalibrationError', yTrue, nClasses);
  const n = yTrue.length;
  const correct = new Float64Array(n);
  if (nClasses === 2 && probabilities.length === n) {
    const pos = options.positiveClass ?? 1;
    for (let i = 0; i < n; i++) correct[i] = yTrue[i] === pos ? 1 : 0;
    return expectedCalibrationErrorFrom(correct, probabilities, options.nBins);
  }
  if (probabilities.length !== n * nClasses) {
    throw new DriftwatchError('INVALID_ARGUMENT', `expectedCalibrationError: expected ${n} x ${nClasses} probabilities (row-major), got ${probabilities.length}.`);
  }
  const best = argmaxRows(probabilities, n, nClasses);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    correct[i] = best[i] === yTrue[i] ? 1 : 0;
    confidence[i] = probabilities[i * nClasses + best[i]!]!;
  }
  return expectedCalibrationErrorFrom(correct, confidence, options.nBins);
}

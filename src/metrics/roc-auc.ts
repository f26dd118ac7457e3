import { binaryCurve, positiveMask } from './binary-curve.js';
import { averageOneVsRest } from './one-vs-rest.js';

/** Points of a ROC curve, like sklearn 1.2 `roc_curve(drop_intermediate=True)`. */
export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** Decreasing; the first is the highest score + 1, as in sklearn 1.2. */
  thresholds: Float64Array;
}

/**
 * ROC curve of `scores` for the class `positiveClass` (default 1), like sklearn 1.2 `roc_curve`: one point
 * per distinct score (ties move diagonally), collinear points dropped, starting at (0, 0).
 * When y_true has no negatives (or no positives) the fpr (or tpr) is NaN, as in sklearn.
 */
export function rocCurve(yTrue: Int32Array, scores: Float64Array, positiveClass = 1): RocCurve {
  const { fps, tps, thresholds } = binaryCurve(positiveMask(yTrue, positiveClass), scores);
  const m = fps.length;
  const keep = new Int32Array(m);
  let k = 0;
  for (let i = 0; i < m; i++) {
    // sklearn keeps the ends and every point where the curve changes slope (second difference != 0).
    if (i === 0 || i === m - 1 || m <= 2) keep[k++] = i;
    else if (fps[i + 1]! - fps[i]! - (fps[i]! - fps[i - 1]!) !== 0 || tps[i + 1]! - tps[i]! - (tps[i]! - tps[i - 1]!) !== 0) keep[k++] = i;
  }
  const fpr = new Float64Array(k + 1);
  const tpr = new Float64Array(k + 1);
  const th = new Float64Array(k + 1);
  const fpsLast = fps[m - 1]!;
  const tpsLast = tps[m - 1]!;
  th[0] = thresholds[0]! + 1;
  fpr[0] = fpsLast > 0 ? 0 : NaN;
  tpr[0] = tpsLast > 0 ? 0 : NaN;
  for (let j = 0; j < k; j++) {
    const i = keep[j]!;
    fpr[j + 1] = fpsLast > 0 ? fps[i]! / fpsLast : NaN;
    tpr[j + 1] = tpsLast > 0 ? tps[i]! / tpsLast : NaN;
    th[j + 1] = thresholds[i]!;
  }
  return { fpr, tpr, thresholds: th };
}

/** Trapezoidal area under a curve given by increasing x (numpy `trapz`). */
export function trapezoid(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 1; i < x.length; i++) s += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return s;
}

/**
 * Binary ROC AUC of `scores` for `positiveClass` (default 1), exactly sklearn's `roc_auc_score`: the
 * trapezoid under the tie-aware ROC curve (a tie between a positive and a negative counts one half).
 * Undefined when y_true holds only one class: returns NaN where sklearn raises.
 */
export function rocAuc(yTrue: Int32Array, scores: Float64Array, positiveClass = 1): number {
  const { fpr, tpr } = rocCurve(yTrue, scores, positiveClass);
  if (Number.isNaN(fpr[fpr.length - 1]!) || Number.isNaN(tpr[tpr.length - 1]!)) return NaN;
  return trapezoid(fpr, tpr);
}

/**
 * One-vs-rest ROC AUC for a multiclass problem, like sklearn `roc_auc_score(multi_class='ovr',
 * labels=range(K))`: `macro` is the mean of the K one-vs-rest AUCs, `weighted` weights each by the class's
 * support. `probabilities` is row-major n x K. A class absent from y_true has no defined AUC: sklearn
 * raises; Driftwatch leaves it out of the average (NaN when no class is left).
 */
export function rocAucOvr(yTrue: Int32Array, probabilities: Float64Array, nClasses: number, average: 'macro' | 'weighted' = 'macro'): number {
  return averageOneVsRest('rocAucOvr', yTrue, probabilities, nClasses, average, (y, s) => rocAuc(y, s, 1));
}

import { binaryCurve, positiveMask } from './binary-curve.js';
import { averageOneVsRest } from './one-vs-rest.js';

/**
 * Average precision (PR AUC) of `scores` for `positiveClass` (default 1), exactly sklearn's
 * `average_precision_score`: the step-wise sum of precision x (recall increase) over distinct thresholds,
 * not the trapezoid. With no positive in y_true, sklearn sets recall to 1 everywhere, which gives 0.
 */
export function averagePrecision(yTrue: Int32Array, scores: Float64Array, positiveClass = 1): number {
  const { fps, tps } = binaryCurve(positiveMask(yTrue, positiveClass), scores);
  const m = tps.length;
  const totalPos = tps[m - 1]!;
  let ap = 0;
  // Walk thresholds from high to low score: recall grows from 0 to 1, each step weighted by its precision.
  let prevRecall = 0;
  for (let i = 0; i < m; i++) {
    const recall = totalPos === 0 ? 1 : tps[i]! / totalPos;
    const ps = tps[i]! + fps[i]!;
    const precision = ps === 0 ? 0 : tps[i]! / ps;
    ap += (recall - prevRecall) * precision;
    prevRecall = recall;
  }
  return ap;
}

/**
 * Multiclass average precision one-vs-rest, like sklearn `average_precision_score(label_binarize(y), P,
 * average)`. `probabilities` is row-major n x K.
 */
export function averagePrecisionOvr(yTrue: Int32Array, probabilities: Float64Array, nClasses: number, average: 'macro' | 'weighted' = 'macro'): number {
  return averageOneVsRest('averagePrecisionOvr', yTrue, probabilities, nClasses, average, (y, s) => averagePrecision(y, s, 1));
}

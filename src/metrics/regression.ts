import { checkFinite, checkSameLength } from './validate.js';

function check(what: string, yTrue: Float64Array, yPred: Float64Array): void {
  checkSameLength(what, yTrue, yPred);
  checkFinite(`${what} y_true`, yTrue);
  checkFinite(`${what} y_pred`, yPred);
}

/** Mean absolute error (sklearn `mean_absolute_error`). */
export function meanAbsoluteError(yTrue: Float64Array, yPred: Float64Array): number {
  check('meanAbsoluteError', yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yPred[i]! - yTrue[i]!);
  return s / yTrue.length;
}

/** Root mean squared error: the square root of sklearn's `mean_squared_error`. */
export function rootMeanSquaredError(yTrue: Float64Array, yPred: Float64Array): number {
  check('rootMeanSquaredError', yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = yPred[i]! - yTrue[i]!;
    s += d * d;
  }
  return Math.sqrt(s / yTrue.length);
}

/**
 * Coefficient of determination, like sklearn `r2_score(force_finite=True)`: 1 - SS_res / SS_tot, and when
 * y_true is constant (SS_tot = 0) 1.0 for a perfect prediction, else 0.0, instead of NaN / -Infinity.
 */
export function r2Score(yTrue: Float64Array, yPred: Float64Array): number {
  check('r2Score', yTrue, yPred);
  const n = yTrue.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i]!;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const r = yTrue[i]! - yPred[i]!;
    const t = yTrue[i]! - mean;
    ssRes += r * r;
    ssTot += t * t;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/**
 * Mean absolute percentage error as a fraction (not x100), like sklearn
 * `mean_absolute_percentage_error`: |y - p| / max(|y|, eps) with eps the float64 machine epsilon, so a zero
 * in y_true gives a huge but finite term rather than Infinity.
 */
export function meanAbsolutePercentageError(yTrue: Float64Array, yPred: Float64Array): number {
  check('meanAbsolutePercentageError', yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yPred[i]! - yTrue[i]!) / Math.max(Math.abs(yTrue[i]!), Number.EPSILON);
  return s / yTrue.length;
}

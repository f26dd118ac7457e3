import { DriftwatchError } from '../../core/index.js';
import { checkDesign } from './check-inputs.js';
import { choleskySolve } from './cholesky.js';

/** A fitted linear regression: prediction = coef·x + intercept. */
export interface LinearWeights {
  nFeatures: number;
  coef: Float64Array;
  intercept: number;
}

export interface RidgeOptions {
  /** L2 strength, exactly sklearn Ridge's `alpha`: minimises ||y - Xw - b||² + alpha ||w||². Default 1. */
  alpha?: number;
  /** Fit an unpenalised intercept by centring X and y first (sklearn `fit_intercept`). Default true. */
  fitIntercept?: boolean;
}

/**
 * Ridge regression in closed form, like sklearn `Ridge(solver='cholesky')`: with an intercept, X and y are
 * centred on their means, then (XcᵀXc + alpha I) w = Xcᵀ yc is solved by Cholesky on the d x d normal
 * equations and b = mean(y) - mean(X)·w. `X` is row-major n x d and must be finite (the caller imputes).
 * alpha = 0 is ordinary least squares and fails with INVALID_ARGUMENT when XᵀX is singular.
 */
export function trainRidge(X: Float64Array, n: number, d: number, y: Float64Array, options: RidgeOptions = {}): LinearWeights {
  const alpha = options.alpha ?? 1;
  const fitIntercept = options.fitIntercept ?? true;
  checkDesign('trainRidge', X, n, d);
  if (y.length !== n) throw new DriftwatchError('INVALID_ARGUMENT', `trainRidge: y has ${y.length} values for ${n} rows.`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(y[i]!)) throw new DriftwatchError('INVALID_ARGUMENT', `trainRidge: y[${i}] is ${y[i]}; drop rows without a target before training.`);
  if (!(alpha >= 0) || !Number.isFinite(alpha)) throw new DriftwatchError('INVALID_ARGUMENT', `trainRidge: alpha must be a number >= 0, got ${alpha}.`, { field: 'alpha' });

  const xMean = new Float64Array(d);
  let yMean = 0;
  if (fitIntercept) {
    for (let i = 0; i < n; i++) {
      for (let j = 0, off = i * d; j < d; j++) xMean[j]! += X[off + j]!;
      yMean += y[i]!;
    }
    for (let j = 0; j < d; j++) xMean[j]! /= n;
    yMean /= n;
  }
  // Accumulate the lower triangle of XcᵀXc and Xcᵀyc in one pass, one centred row buffer reused.
  const A = new Float64Array(d * d);
  const Xy = new Float64Array(d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0, off = i * d; j < d; j++) row[j] = X[off + j]! - xMean[j]!;
    const yi = y[i]! - yMean;
    for (let a = 0; a < d; a++) {
      const ra = row[a]!;
      Xy[a]! += ra * yi;
      for (let b = 0, base = a * d; b <= a; b++) A[base + b]! += ra * row[b]!;
    }
  }
  for (let j = 0; j < d; j++) A[j * d + j]! += alpha;
  const coef = d === 0 ? new Float64Array(0) : choleskySolve(A, Xy, d);
  if (coef === null) {
    throw new DriftwatchError('INVALID_ARGUMENT', `trainRidge: the normal equations are singular (collinear or constant features with alpha=${alpha}); use alpha > 0 or drop redundant features.`, { field: 'alpha' });
  }
  let intercept = 0;
  if (fitIntercept) {
    intercept = yMean;
    for (let j = 0; j < d; j++) intercept -= xMean[j]! * coef[j]!;
  }
  return { nFeatures: d, coef, intercept };
}

/** Predictions coef·x + intercept for each row of a row-major n x d matrix. */
export function predictLinear(weights: LinearWeights, X: Float64Array, n: number, d: number): Float64Array {
  checkDesign('predictLinear', X, n, d);
  if (d !== weights.nFeatures) throw new DriftwatchError('INVALID_ARGUMENT', `predictLinear: the model has ${weights.nFeatures} features but X has ${d} columns.`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = weights.intercept;
    for (let j = 0, off = i * d; j < d; j++) s += weights.coef[j]! * X[off + j]!;
    out[i] = s;
  }
  return out;
}

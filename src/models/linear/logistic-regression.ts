import { DriftwatchError } from '../../core/index.js';
import { checkDesign, checkRow, checkShape } from './check-inputs.js';
import { dotRow } from './kernels.js';
import { minimizeLbfgs, type LbfgsStopReason } from './lbfgs.js';
import { logisticObjective, parameterCount } from './logistic-objective.js';
import { logisticKernels, logisticMargins } from './logistic-wasm.js';
import { applyScaling, columnScaling } from './standardize.js';

/**
 * Weights of a fitted logistic regression, always in the space of the raw input features (when trained with
 * `standardize`, the scaling is folded into them).
 */
export interface LogisticWeights {
  nFeatures: number;
  nClasses: number;
  /**
   * Row-major `rows x nFeatures` with rows = 1 for two classes (the weights of class 1, like sklearn's
   * `coef_`) and rows = nClasses otherwise.
   */
  coef: Float64Array;
  /** One per row of `coef` (zeros without an intercept). */
  intercept: Float64Array;
}

/** How training went. */
export interface LogisticTrainingInfo {
  iterations: number;
  /** Objective + gradient evaluations (each one pass over X). */
  evaluations: number;
  converged: boolean;
  stopReason: LbfgsStopReason;
  /** Final value of the penalised objective (in the standardised space when `standardize`). */
  objective: number;
  /** Largest absolute gradient component at the solution. */
  gradMax: number;
}

export interface LogisticFit extends LogisticWeights {
  training: LogisticTrainingInfo;
}

export interface LogisticRegressionOptions {
  /**
   * Inverse L2 strength, exactly sklearn's `C`: the objective is sum of per-row log losses + ||w||² / (2C),
   * intercepts unpenalised. Default 1.
   */
  C?: number;
  /** L-BFGS iterations (sklearn `max_iter`). Default 100. */
  maxIter?: number;
  /** Stop when max |gradient| <= tol (sklearn `tol`, passed to L-BFGS as gtol). Default 1e-4. */
  tol?: number;
  /** Relative-decrease stop of L-BFGS (SciPy's default 2.22e-9); 0 disables it for a tighter optimum. */
  ftol?: number;
  /** Fit intercepts (sklearn `fit_intercept`). Default true. */
  fitIntercept?: boolean;
  /**
   * Standardise features (StandardScaler: mean 0, population std 1) before fitting, then fold the scaling back
   * into the returned weights. The penalty then acts on standardised coefficients, like an sklearn pipeline
   * StandardScaler -> LogisticRegression. Without an intercept only the scale is applied (no centring).
   * Default false.
   */
  standardize?: boolean;
}

/**
 * Fits L2-regularised logistic regression by L-BFGS, minimising the same objective as sklearn's
 * `LogisticRegression(solver='lbfgs', multi_class='auto')`: the binary logistic loss for two classes,
 * the multinomial (softmax) loss for more. `X` is row-major n x d and must be finite: the caller imputes
 * missing values (the cores do not). `y` holds class indices 0..nClasses-1, and every class must occur.
 */
export function trainLogisticRegression(
  X: Float64Array,
  n: number,
  d: number,
  y: Int32Array,
  nClasses: number,
  options: LogisticRegressionOptions = {},
): LogisticFit {
  const C = options.C ?? 1;
  const fitIntercept = options.fitIntercept ?? true;
  checkShape('trainLogisticRegression', X, n, d);
  // A non-finite value makes its column's mean or scale non-finite: standardising checks X on the way (a separate
  // pass cost as much as two objective evaluations).
  const scaling = options.standardize ? columnScaling(X, n, d, fitIntercept) : null;
  if (!scaling || !allFinite(scaling.mean) || !allFinite(scaling.scale)) checkDesign('trainLogisticRegression', X, n, d);
  if (!(C > 0) || !Number.isFinite(C)) throw new DriftwatchError('INVALID_ARGUMENT', `trainLogisticRegression: C must be a positive number, got ${C}.`, { field: 'C' });
  if (!Number.isInteger(nClasses) || nClasses < 2) throw new DriftwatchError('INVALID_ARGUMENT', `trainLogisticRegression: need at least 2 classes, got ${nClasses}.`);
  if (y.length !== n) throw new DriftwatchError('INVALID_ARGUMENT', `trainLogisticRegression: y has ${y.length} labels for ${n} rows.`);
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < n; i++) {
    const c = y[i]!;
    if (c < 0 || c >= nClasses) throw new DriftwatchError('INVALID_ARGUMENT', `trainLogisticRegression: label ${c} at row ${i} is not a class index in 0..${nClasses - 1}.`);
    counts[c]!++;
  }
  // A class without rows has no finite optimum (its unpenalised intercept runs to -Infinity).
  const missing = counts.findIndex((c) => c === 0);
  if (missing >= 0) throw new DriftwatchError('INVALID_ARGUMENT', `trainLogisticRegression: class ${missing} has no training rows; every class must occur at least once.`);

  // Binary problems run on WebAssembly kernels over their own copy of X, standardised in the copy; otherwise the
  // standardised matrix is made here.
  const kernels = nClasses === 2 ? logisticKernels(X, n, d, scaling) : null;
  const Xt = scaling && !kernels ? applyScaling(X, n, d, scaling) : X;
  const problem = { X: Xt, n, d, y, nClasses, C, fitIntercept };
  const res = minimizeLbfgs(logisticObjective(problem, kernels), new Float64Array(parameterCount(problem)), {
    maxIter: options.maxIter ?? 100,
    gtol: options.tol ?? 1e-4,
    ftol: options.ftol ?? 1e7 * Number.EPSILON,
  });

  const rows = nClasses === 2 ? 1 : nClasses;
  const coef = Float64Array.from(res.x.subarray(0, rows * d));
  const intercept = fitIntercept ? Float64Array.from(res.x.subarray(rows * d)) : new Float64Array(rows);
  if (scaling) {
    // w·((x - m) / s) + b = (w / s)·x + (b - Σ w m / s)
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < d; j++) {
        const wj = coef[r * d + j]! / scaling.scale[j]!;
        coef[r * d + j] = wj;
        intercept[r]! -= wj * scaling.mean[j]!;
      }
    }
  }
  return {
    nFeatures: d,
    nClasses,
    coef,
    intercept,
    training: { iterations: res.iterations, evaluations: res.evaluations, converged: res.converged, stopReason: res.reason, objective: res.f, gradMax: res.gradMax },
  };
}

function allFinite(a: Float64Array): boolean {
  for (let j = 0; j < a.length; j++) if (!Number.isFinite(a[j]!)) return false;
  return true;
}

/**
 * Class probabilities of a logistic model, row-major n x nClasses (for two classes: [P(0), P(1)] per row,
 * like sklearn's `predict_proba`). `X` is row-major n x d with d = `weights.nFeatures`, finite.
 */
export function predictLogistic(weights: LogisticWeights, X: Float64Array, n: number, d: number): Float64Array {
  checkShape('predictLogistic', X, n, d);
  if (d !== weights.nFeatures) throw new DriftwatchError('INVALID_ARGUMENT', `predictLogistic: the model has ${weights.nFeatures} features but X has ${d} columns.`);
  const K = weights.nClasses;
  const { coef, intercept } = weights;
  const out = new Float64Array(n * K);
  if (K === 2) {
    const b = intercept[0]!;
    // The margins first (SIMD in WebAssembly, or the JavaScript dot product), kept in the output's second half.
    const z = out.subarray(n);
    if (!logisticMargins(coef, b, X, n, d, z)) for (let i = 0; i < n; i++) z[i] = dotRow(coef, 0, X, i * d, d, b);
    for (let i = 0; i < n; i++) {
      // Read before the output's row i overwrites it: rows 2i and 2i + 1 lie at or before n + i.
      const zi = z[i]!;
      // A non-finite value in the row makes z NaN or infinite (0 x Infinity is NaN): the finiteness check costs
      // nothing on rows that pass it, where a separate pass over X cost a third of the prediction.
      if (!Number.isFinite(zi)) checkRow('predictLogistic', X, i, d);
      // One exp per row, in the direction that cannot overflow: 1 / (1 + e^-z), or e^z / (1 + e^z) below zero.
      const e = Math.exp(-Math.abs(zi));
      const p1 = (zi >= 0 ? 1 : e) / (1 + e);
      out[2 * i] = 1 - p1;
      out[2 * i + 1] = p1;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const row = i * K;
    let zMax = -Infinity;
    for (let k = 0; k < K; k++) {
      const z = dotRow(coef, k * d, X, i * d, d, intercept[k]!);
      if (!Number.isFinite(z)) checkRow('predictLogistic', X, i, d);
      out[row + k] = z;
      if (z > zMax) zMax = z;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(out[row + k]! - zMax);
      out[row + k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) out[row + k]! /= sum;
  }
  return out;
}

import { addScaledRow, dotRow } from './kernels.js';
import type { Objective } from './lbfgs.js';
import { LOGISTIC_BLOCK, logisticKernels, type LogisticKernels } from './logistic-wasm.js';

/**
 * scikit-learn's lbfgs objective for L2 logistic regression: the summed loss over rows plus
 * (1 / (2C)) ||W||², the intercepts not penalised (sklearn's `LinearModelLoss` with `l2_reg_strength = 1/C`).
 * Binary: half-binomial loss log(1 + e^z) - y z with one weight vector. Multinomial: log-sum-exp(z) - z_y with
 * one weight vector per class (over-parametrised, as sklearn's; the L2 term makes the optimum unique).
 *
 * Parameter layout: binary `[w_0..w_{d-1}, b]`; multinomial `[W (K x d, row-major), b_0..b_{K-1}]`; the
 * intercept entries exist only when `fitIntercept`.
 */
export interface LogisticProblem {
  /** Row-major n x d, finite. */
  X: Float64Array;
  n: number;
  d: number;
  /** Class index per row. */
  y: Int32Array;
  nClasses: number;
  /** Inverse regularisation strength (sklearn's C). */
  C: number;
  fitIntercept: boolean;
}

/** Number of optimised parameters. */
export function parameterCount(p: LogisticProblem): number {
  const rows = p.nClasses === 2 ? 1 : p.nClasses;
  return rows * p.d + (p.fitIntercept ? rows : 0);
}

/**
 * The objective as `f(w) -> value`, writing the gradient; no allocation per call beyond one K-vector. A binary
 * problem runs on `kernels` when given (they hold their own copy of X, possibly standardised, and `p.X` is then
 * not read), else on kernels over p.X when WebAssembly is available, else in JavaScript.
 */
export function logisticObjective(p: LogisticProblem, kernels?: LogisticKernels | null): Objective {
  return p.nClasses === 2 ? binaryObjective(p, kernels ?? logisticKernels(p.X, p.n, p.d)) : multinomialObjective(p);
}

/** The binary objective in JavaScript only (the path where WebAssembly is unavailable), for tests. */
export function logisticObjectiveInJs(p: LogisticProblem): Objective {
  return p.nClasses === 2 ? binaryObjectiveJs(p) : multinomialObjective(p);
}

function binaryObjective(p: LogisticProblem, k: LogisticKernels | null): Objective {
  const { n, d, y, C, fitIntercept } = p;
  if (k === null) return binaryObjectiveJs(p);
  const lambda = 1 / C;
  const { z, g } = k;
  return (w, grad) => {
    k.w.set(w.subarray(0, d));
    k.w[d] = fitIntercept ? w[d]! : 0;
    g.fill(0);
    let loss = 0;
    let gb = 0;
    for (let r0 = 0; r0 < n; r0 += LOGISTIC_BLOCK) {
      const r1 = Math.min(n, r0 + LOGISTIC_BLOCK);
      k.margins(r0, r1);
      for (let i = r0, j = 0; i < r1; i++, j++) {
        const zi = z[j]!;
        const yi = y[i]!;
        // The same arithmetic as binaryObjectiveJs, on the block's margins; z[j] becomes the residual.
        let pi: number;
        if (zi >= 0) {
          const e = Math.exp(-zi);
          loss += zi + Math.log1p(e) - yi * zi;
          pi = 1 / (1 + e);
        } else {
          const e = Math.exp(zi);
          loss += Math.log1p(e) - yi * zi;
          pi = e / (1 + e);
        }
        const r = pi - yi;
        z[j] = r;
        gb += r;
      }
      k.accumulate(r0, r1);
    }
    let norm = 0;
    for (let j = 0; j < d; j++) {
      norm += w[j]! * w[j]!;
      grad[j] = g[j]! + lambda * w[j]!;
    }
    if (fitIntercept) grad[d] = gb;
    return loss + 0.5 * lambda * norm;
  };
}

/** The binary objective in JavaScript, reading X in place: where WebAssembly is unavailable or X is very large. */
function binaryObjectiveJs({ X, n, d, y, C, fitIntercept }: LogisticProblem): Objective {
  const lambda = 1 / C;
  return (w, grad) => {
    grad.fill(0);
    const b = fitIntercept ? w[d]! : 0;
    let loss = 0;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const off = i * d;
      const z = dotRow(w, 0, X, off, d, b);
      const yi = y[i]!;
      // log(1 + e^z) computed without overflow; sigmoid likewise.
      let p: number;
      if (z >= 0) {
        const e = Math.exp(-z);
        loss += z + Math.log1p(e) - yi * z;
        p = 1 / (1 + e);
      } else {
        const e = Math.exp(z);
        loss += Math.log1p(e) - yi * z;
        p = e / (1 + e);
      }
      const r = p - yi;
      if (r !== 0) addScaledRow(grad, 0, r, X, off, d);
      gb += r;
    }
    let norm = 0;
    for (let j = 0; j < d; j++) {
      norm += w[j]! * w[j]!;
      grad[j]! += lambda * w[j]!;
    }
    if (fitIntercept) grad[d] = gb;
    return loss + 0.5 * lambda * norm;
  };
}

function multinomialObjective({ X, n, d, y, nClasses: K, C, fitIntercept }: LogisticProblem): Objective {
  const lambda = 1 / C;
  const z = new Float64Array(K);
  const e = new Float64Array(K);
  const bOff = K * d;
  return (w, grad) => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const off = i * d;
      let zMax = -Infinity;
      for (let k = 0; k < K; k++) {
        const s = dotRow(w, k * d, X, off, d, fitIntercept ? w[bOff + k]! : 0);
        z[k] = s;
        if (s > zMax) zMax = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) {
        e[k] = Math.exp(z[k]! - zMax);
        sum += e[k]!;
      }
      const yi = y[i]!;
      // log-sum-exp shifted by the max, so neither exp overflows nor the true class's term underflows to log(0).
      loss += Math.log(sum) + zMax - z[yi]!;
      for (let k = 0; k < K; k++) {
        const r = e[k]! / sum - (k === yi ? 1 : 0);
        addScaledRow(grad, k * d, r, X, off, d);
        if (fitIntercept) grad[bOff + k]! += r;
      }
    }
    let norm = 0;
    for (let j = 0; j < bOff; j++) {
      norm += w[j]! * w[j]!;
      grad[j]! += lambda * w[j]!;
    }
    return loss + 0.5 * lambda * norm;
  };
}

/**
 * Losses of gradient boosting: initial score, per-row gradient and hessian of the raw score, and the loss value
 * used for early stopping. Multiclass softmax is handled by the trainer (its gradients couple the classes).
 */

export type GbdtObjective = 'binary' | 'multiclass' | 'regression' | 'absolute' | 'huber';

/** Numerically safe logistic function. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Smallest hessian used, so leaves of pure nodes stay finite (XGBoost uses the same floor). */
const MIN_HESS = 1e-16;

/** Fills grad/hess for the scalar objectives. */
export function scalarGradients(
  objective: Exclude<GbdtObjective, 'multiclass'>,
  y: Float64Array,
  score: Float64Array,
  grad: Float64Array,
  hess: Float64Array,
  huberDelta: number,
): void {
  const n = y.length;
  switch (objective) {
    case 'binary':
      for (let i = 0; i < n; i++) {
        const p = sigmoid(score[i]);
        grad[i] = p - y[i];
        hess[i] = Math.max(p * (1 - p), MIN_HESS);
      }
      return;
    case 'regression':
      for (let i = 0; i < n; i++) {
        grad[i] = score[i] - y[i];
        hess[i] = 1;
      }
      return;
    case 'absolute':
      // Sign of the residual; leaf values are then replaced by residual medians (LightGBM's L1 treatment).
      for (let i = 0; i < n; i++) {
        const r = score[i] - y[i];
        grad[i] = r > 0 ? 1 : r < 0 ? -1 : 0;
        hess[i] = 1;
      }
      return;
    case 'huber':
      for (let i = 0; i < n; i++) {
        const r = score[i] - y[i];
        grad[i] = r > huberDelta ? huberDelta : r < -huberDelta ? -huberDelta : r;
        hess[i] = 1;
      }
      return;
  }
}

/** Mean loss over rows for a scalar objective (log-loss, half squared error, absolute error, Huber). */
export function scalarLoss(objective: Exclude<GbdtObjective, 'multiclass'>, y: Float64Array, score: Float64Array, huberDelta: number): number {
  const n = y.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const z = score[i];
    switch (objective) {
      case 'binary':
        // log(1 + e^z) - y z, written to avoid overflow.
        s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
        break;
      case 'regression':
        s += 0.5 * (z - y[i]) ** 2;
        break;
      case 'absolute':
        s += Math.abs(z - y[i]);
        break;
      case 'huber': {
        const a = Math.abs(z - y[i]);
        s += a <= huberDelta ? 0.5 * a * a : huberDelta * (a - 0.5 * huberDelta);
        break;
      }
    }
  }
  return n === 0 ? 0 : s / n;
}

/** Softmax probabilities of class-major scores `score[k * n + i]` into `prob` (same layout). */
export function softmaxColumns(score: Float64Array, prob: Float64Array, n: number, k: number): void {
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let c = 0; c < k; c++) m = Math.max(m, score[c * n + i]);
    let s = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(score[c * n + i] - m);
      prob[c * n + i] = e;
      s += e;
    }
    for (let c = 0; c < k; c++) prob[c * n + i] /= s;
  }
}

/** Mean multiclass log-loss of class-major scores. */
export function softmaxLoss(y: Float64Array, score: Float64Array, n: number, k: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let c = 0; c < k; c++) m = Math.max(m, score[c * n + i]);
    let z = 0;
    for (let c = 0; c < k; c++) z += Math.exp(score[c * n + i] - m);
    s += m + Math.log(z) - score[y[i] * n + i];
  }
  return n === 0 ? 0 : s / n;
}

/** Median of a Float64Array (sorted copy; average of the middle pair for even lengths). */
export function median(values: Float64Array): number {
  if (values.length === 0) return 0;
  const s = Float64Array.from(values).sort();
  const m = s.length >>> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

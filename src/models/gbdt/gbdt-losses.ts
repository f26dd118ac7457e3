/**
 * Losses of gradient boosting: initial score, per-row gradient and hessian of the raw score, and the loss value
 * used for early stopping. Multiclass softmax is handled by the trainer (its gradients couple the classes).
 */

export type GbdtObjective = 'binary' | 'multiclass' | 'regression' | 'absolute' | 'huber';

/** Smallest hessian used, so leaves of pure nodes stay finite (XGBoost uses the same floor). */
const MIN_HESS = 1e-16;

/*
 * The binary loss, fast: its gradient p - y and hessian p(1 - p) need the probability p = sigmoid(score), and
 * Math.exp costs ~20 ns in V8, more than everything else done per row and round. So the trainer carries
 * e = exp(-score) along with the scores: when a tree adds v to a row's score, e is multiplied by exp(-v), computed
 * once per leaf, and p = 1 / (1 + e). The product carries one rounding per round (relative error ~1e-14 after
 * hundreds of rounds, far below anything a split can see); outside [1e-300, 1e300], where it would lose precision
 * or overflow, e is recomputed exactly.
 *
 * These are source texts because the helper thread of training (gbdt-threads.ts) compiles the very same text as
 * the calling thread: both must produce the same bits.
 */
const ROW_GRADIENT = `const p = 1 / (1 + e);
  gh[2 * i] = p - y[i];
  gh[2 * i + 1] = Math.max(p * (1 - p), ${MIN_HESS});`;

/** Body of `binaryGradients(negExp, y, gh, start, end)`. */
export const BINARY_GRADIENTS_SOURCE = `
for (let i = start; i < end; i++) {
  const e = negExp[i];
  ${ROW_GRADIENT}
}`;

/** Body of `binaryLeafStep(rows, score, negExp, y, gh, start, end, v, factor)`. */
export const BINARY_LEAF_STEP_SOURCE = `
for (let k = start; k < end; k++) {
  const i = rows[k];
  const z = score[i] + v;
  score[i] = z;
  const x = negExp[i] * factor;
  const e = x > 1e-300 && x < 1e300 ? x : Math.exp(-z);
  negExp[i] = e;
  ${ROW_GRADIENT}
}`;

/** Binary log-loss gradients of rows start..end-1 into interleaved gh (gradient, hessian), from exp(-score). */
export const binaryGradients = new Function('negExp', 'y', 'gh', 'start', 'end', BINARY_GRADIENTS_SOURCE) as (
  negExp: Float64Array,
  y: Float64Array,
  gh: Float64Array,
  start: number,
  end: number,
) => void;

/**
 * For the rows rows[start..end) of one leaf: adds the leaf value v to their scores, carries exp(-score)
 * (`factor` = exp(-v)) and writes their next gradients.
 */
export const binaryLeafStep = new Function('rows', 'score', 'negExp', 'y', 'gh', 'start', 'end', 'v', 'factor', BINARY_LEAF_STEP_SOURCE) as (
  rows: Uint32Array,
  score: Float64Array,
  negExp: Float64Array,
  y: Float64Array,
  gh: Float64Array,
  start: number,
  end: number,
  v: number,
  factor: number,
) => void;

/** exp(-z) for a score z that grew by v, from the previous exp(-(z - v)) and `factor` = exp(-v) (as above). */
export function nextNegExp(prev: number, factor: number, z: number): number {
  const e = prev * factor;
  return e > 1e-300 && e < 1e300 ? e : Math.exp(-z);
}

/**
 * Fills interleaved gh (gh[2i] gradient, gh[2i + 1] hessian) for the regression objectives (the binary loss takes
 * the carried-exp path above; multiclass couples the classes and is done by the trainer).
 */
export function scalarGradients(
  objective: 'regression' | 'absolute' | 'huber',
  y: Float64Array,
  score: Float64Array,
  gh: Float64Array,
  huberDelta: number,
): void {
  const n = y.length;
  switch (objective) {
    case 'regression':
      for (let i = 0; i < n; i++) {
        gh[2 * i] = score[i] - y[i];
        gh[2 * i + 1] = 1;
      }
      return;
    case 'absolute':
      // Sign of the residual; leaf values are then replaced by residual medians (LightGBM's L1 treatment).
      for (let i = 0; i < n; i++) {
        const r = score[i] - y[i];
        gh[2 * i] = r > 0 ? 1 : r < 0 ? -1 : 0;
        gh[2 * i + 1] = 1;
      }
      return;
    case 'huber':
      for (let i = 0; i < n; i++) {
        const r = score[i] - y[i];
        gh[2 * i] = r > huberDelta ? huberDelta : r < -huberDelta ? -huberDelta : r;
        gh[2 * i + 1] = 1;
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

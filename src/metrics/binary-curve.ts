import { checkFinite, checkSameLength } from './validate.js';

/** Cumulative counts at each distinct score, from the highest score down (sklearn `_binary_clf_curve`). */
export interface BinaryCurve {
  /** False positives among rows scoring >= thresholds[i]. */
  fps: Float64Array;
  /** True positives among rows scoring >= thresholds[i]. */
  tps: Float64Array;
  /** Distinct scores in decreasing order. */
  thresholds: Float64Array;
}

/**
 * Counts true and false positives at every distinct score, highest first. Rows with tied scores enter the
 * curve together, which is what makes ROC AUC and average precision tie-aware.
 * `positive[i]` is 1 when row i belongs to the positive class.
 */
export function binaryCurve(positive: Uint8Array, scores: Float64Array): BinaryCurve {
  checkSameLength('binary curve', positive, scores);
  checkFinite('binary curve scores', scores);
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[b]! - scores[a]!);
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    tp += positive[i]!;
    // A threshold ends where the next (lower) score differs, or at the last row.
    if (j === n - 1 || scores[order[j + 1]!] !== scores[i]) {
      tps.push(tp);
      fps.push(j + 1 - tp);
      thresholds.push(scores[i]!);
    }
  }
  return { fps: Float64Array.from(fps), tps: Float64Array.from(tps), thresholds: Float64Array.from(thresholds) };
}

/** 1 where `yTrue[i] === positiveClass`, else 0. */
export function positiveMask(yTrue: Int32Array, positiveClass: number): Uint8Array {
  const out = new Uint8Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) out[i] = yTrue[i] === positiveClass ? 1 : 0;
  return out;
}

/** Column `k` of a row-major n x K matrix. */
export function column(matrix: Float64Array, n: number, nCols: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = matrix[i * nCols + k]!;
  return out;
}

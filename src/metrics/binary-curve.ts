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
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += positive[i]!;
  // Only the counts of positives and negatives per distinct score matter, so the two groups are sorted
  // apart with the native numeric sort (much faster than an index sort with a comparator) and merged.
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(n - nPos);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (positive[i]) pos[a++] = scores[i]!;
    else neg[b++] = scores[i]!;
  }
  pos.sort();
  neg.sort();
  const fps = new Float64Array(n);
  const tps = new Float64Array(n);
  const thresholds = new Float64Array(n);
  let m = 0;
  let pi = pos.length - 1;
  let ni = neg.length - 1;
  let tp = 0;
  let fp = 0;
  while (pi >= 0 || ni >= 0) {
    const t = pi < 0 ? neg[ni]! : ni < 0 ? pos[pi]! : Math.max(pos[pi]!, neg[ni]!);
    while (pi >= 0 && pos[pi] === t) {
      tp++;
      pi--;
    }
    while (ni >= 0 && neg[ni] === t) {
      fp++;
      ni--;
    }
    tps[m] = tp;
    fps[m] = fp;
    thresholds[m] = t;
    m++;
  }
  return { fps: fps.subarray(0, m), tps: tps.subarray(0, m), thresholds: thresholds.subarray(0, m) };
}

/** 1 where `yTrue[i] === positiveClass`, else 0. */
export function positiveMask(yTrue: Int32Array, positiveClass: number): Uint8Array {
  const out = new Uint8Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) out[i] = yTrue[i] === positiveClass ? 1 : 0;
  return out;
}

/** Column `k` of a row-major n x K matrix. */
export function matrixColumn(matrix: Float64Array, n: number, nCols: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = matrix[i * nCols + k]!;
  return out;
}

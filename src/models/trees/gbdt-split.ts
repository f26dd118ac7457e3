/**
 * Best split of one node from its gradient histogram, XGBoost's second-order gain:
 *   gain = G_L^2 / (H_L + lambda) + G_R^2 / (H_R + lambda) - G^2 / (H + lambda)
 * Missing values (the feature's missing bin) are tried on both sides and go to the better one; when the node saw
 * no missing values they go to the side with more rows, as scikit-learn does.
 *
 * Histograms with 2 slots per bin carry no row counts (the fast path when `minSamplesLeaf` is 1): a side is then
 * non-empty when its hessian sum is above a tiny fraction of the node's, hessians being strictly positive.
 */
import { featureStride } from './histogram.js';

export interface SplitConstraints {
  readonly lambda: number;
  readonly minSamplesLeaf: number;
  readonly minChildWeight: number;
}

/** A node's best split; `gain <= 0` or `feature < 0` means no admissible split. */
export interface SplitCandidate {
  gain: number;
  feature: number;
  /** Rows with `bin <= bin` go left. */
  bin: number;
  missingLeft: boolean;
  gradLeft: number;
  hessLeft: number;
}

export function emptySplit(): SplitCandidate {
  return { gain: 0, feature: -1, bin: 0, missingLeft: false, gradLeft: 0, hessLeft: 0 };
}

/**
 * Scans every selected feature's histogram and writes the best split into `out`. Ties keep the lower feature
 * and bin, so the search is deterministic.
 */
export function findBestSplit(
  hist: Float64Array,
  feats: Int32Array,
  missingBin: Uint8Array,
  sumG: number,
  sumH: number,
  count: number,
  c: SplitConstraints,
  slots: 2 | 3,
  out: SplitCandidate,
): void {
  const lambda = c.lambda;
  const stride = featureStride(slots);
  const counted = slots === 3;
  // Without counts every row counts as "1" only through its hessian; see the file comment.
  const minLeaf = counted ? c.minSamplesLeaf : 0;
  const minHess = counted ? c.minChildWeight : Math.max(c.minChildWeight, 1e-10 * sumH + 1e-300);
  const parentScore = (sumG * sumG) / (sumH + lambda);
  out.gain = 0;
  out.feature = -1;
  for (let j = 0; j < feats.length; j++) {
    const f = feats[j];
    const o = f * stride;
    const nb = missingBin[f];
    const mp = o + nb * slots;
    const gm = hist[mp];
    const hm = hist[mp + 1];
    const cm = counted ? hist[mp + 2] : hm > 1e-10 * sumH ? 1 : 0;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    // The last value bin is a threshold only when missing rows exist to form the right side.
    const lastBin = cm > 0 ? nb - 1 : nb - 2;
    for (let b = 0; b <= lastBin; b++) {
      const p = o + b * slots;
      gl += hist[p];
      hl += hist[p + 1];
      if (counted) {
        cl += hist[p + 2];
        if (cl === 0) continue;
      } else {
        cl = hl;
      }
      // Missing to the right.
      let cr = counted ? count - cl : sumH - hl;
      let hr = sumH - hl;
      if (cl >= minLeaf && hl >= minHess && cr >= minLeaf && hr >= minHess) {
        const gr = sumG - gl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
        if (gain > out.gain) {
          out.gain = gain;
          out.feature = f;
          out.bin = b;
          out.missingLeft = cm === 0 ? cl >= cr : false;
          out.gradLeft = gl;
          out.hessLeft = hl;
        }
      }
      if (cm === 0) continue;
      // Missing to the left.
      const gl2 = gl + gm;
      const hl2 = hl + hm;
      const cl2 = counted ? cl + cm : hl2;
      hr = sumH - hl2;
      cr = counted ? count - cl2 : hr;
      if (cr > 0 && cl2 >= minLeaf && hl2 >= minHess && cr >= minLeaf && hr >= minHess) {
        const gr = sumG - gl2;
        const gain = (gl2 * gl2) / (hl2 + lambda) + (gr * gr) / (hr + lambda) - parentScore;
        if (gain > out.gain) {
          out.gain = gain;
          out.feature = f;
          out.bin = b;
          out.missingLeft = true;
          out.gradLeft = gl2;
          out.hessLeft = hl2;
        }
      }
    }
  }
}

/**
 * Best split of one node from its gradient histogram, XGBoost's second-order gain:
 *   gain = G_L^2 / (H_L + lambda) + G_R^2 / (H_R + lambda) - G^2 / (H + lambda)
 * Missing values (the feature's missing bin) are tried on both sides and go to the better one; when the node saw
 * no missing values they go to the side with more rows, as scikit-learn does.
 *
 * Histograms with 2 slots per bin carry no row counts (the fast path when `minSamplesLeaf` is 1): a side is then
 * non-empty when its hessian sum is above a tiny fraction of the node's, hessians being strictly positive.
 */
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

/** Float64 values per split record: inputs sumG, sumH, count; outputs gain, feature, bin, missingLeft, G_L, H_L. */
export const SPLIT_RECORD = 16;

/**
 * Body of `splitSearch(hist, base, feats, nf, missingBin, rec, r, lambda, minSamplesLeaf, minChildWeight)` for
 * histograms of `slots` values per bin: scans features feats[0..nf) of the histogram at hist[base..] for the node
 * whose sums are in record `r` of `rec`, and writes its best split there. Ties keep the lower feature and bin, so
 * the search is deterministic. Source text because the helper thread of training (gbdt-threads.ts) compiles the
 * very same text; one text per slot count, so that the count checks fold away (15% faster).
 */
export function splitSearchSource(slots: 2 | 3): string {
  return `
const slots = ${slots};
const r0 = r * ${SPLIT_RECORD};
const sumG = rec[r0];
const sumH = rec[r0 + 1];
const count = rec[r0 + 2];
const stride = 256 * slots;
const counted = slots === 3;
// Without counts every row counts as "1" only through its hessian; see the file comment of gbdt-split.ts.
const minLeaf = counted ? minSamplesLeaf : 0;
const minHess = counted ? minChildWeight : Math.max(minChildWeight, 1e-10 * sumH + 1e-300);
const parentScore = (sumG * sumG) / (sumH + lambda);
let bestGain = 0;
let bestFeature = -1;
let bestBin = 0;
let bestMissingLeft = 0;
let bestGL = 0;
let bestHL = 0;
for (let j = 0; j < nf; j++) {
  const f = feats[j];
  const o = base + f * stride;
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
    const gb = hist[p];
    const hb = hist[p + 1];
    // An empty bin (all zero, exactly) repeats the previous candidate, which can only tie: skip it. Deep nodes
    // leave most bins empty.
    if (gb === 0 && hb === 0 && (!counted || hist[p + 2] === 0) && b > 0) continue;
    gl += gb;
    hl += hb;
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
      if (gain > bestGain) {
        bestGain = gain;
        bestFeature = f;
        bestBin = b;
        bestMissingLeft = cm === 0 ? (cl >= cr ? 1 : 0) : 0;
        bestGL = gl;
        bestHL = hl;
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
      if (gain > bestGain) {
        bestGain = gain;
        bestFeature = f;
        bestBin = b;
        bestMissingLeft = 1;
        bestGL = gl2;
        bestHL = hl2;
      }
    }
  }
}
rec[r0 + 3] = bestGain;
rec[r0 + 4] = bestFeature;
rec[r0 + 5] = bestBin;
rec[r0 + 6] = bestMissingLeft;
rec[r0 + 7] = bestGL;
rec[r0 + 8] = bestHL;
`;
}

type SplitSearch = (
  hist: Float64Array,
  base: number,
  feats: Int32Array,
  nf: number,
  missingBin: Uint8Array,
  rec: Float64Array,
  r: number,
  lambda: number,
  minSamplesLeaf: number,
  minChildWeight: number,
) => void;

export const SPLIT_SEARCH_PARAMS = 'hist, base, feats, nf, missingBin, rec, r, lambda, minSamplesLeaf, minChildWeight';

const compiled = ([2, 3] as const).map((slots) => new Function(...SPLIT_SEARCH_PARAMS.split(', '), splitSearchSource(slots)) as SplitSearch);

/** The split search (see splitSearchSource) for histograms of `slots` values per bin. */
export function splitSearchFor(slots: number): SplitSearch {
  return compiled[slots === 3 ? 1 : 0];
}

/** Writes a node's sums into record `r`. */
export function writeSplitInput(rec: Float64Array, r: number, sumG: number, sumH: number, count: number): void {
  const o = r * SPLIT_RECORD;
  rec[o] = sumG;
  rec[o + 1] = sumH;
  rec[o + 2] = count;
}

/** Reads the split found for record `r` into `out`. */
export function readSplit(rec: Float64Array, r: number, out: SplitCandidate): void {
  const o = r * SPLIT_RECORD;
  out.gain = rec[o + 3];
  out.feature = rec[o + 4];
  if (out.feature < 0) return;
  out.bin = rec[o + 5];
  out.missingLeft = rec[o + 6] === 1;
  out.gradLeft = rec[o + 7];
  out.hessLeft = rec[o + 8];
}

/**
 * Grows one random-forest tree (CART) on pre-binned rows with bootstrap weights. Splits are searched on the
 * 255-bin histograms rather than on every distinct value: the candidate thresholds are the bin edges
 * (quantiles), which costs a little resolution on continuous features and makes every node O(rows + bins).
 * Features are drawn per node (`maxFeatures`); like scikit-learn, drawing continues past constant features.
 * Missing values (the missing bin) sort after every value, so they go right.
 */
import type { Rng } from '../../core/index.js';

export type ForestCriterion = 'gini' | 'entropy' | 'mse';

export interface ForestTreeOptions {
  readonly criterion: ForestCriterion;
  /** Classes (classification) or 0 (regression). */
  readonly nClasses: number;
  /** Features tried per node. */
  readonly mtry: number;
  readonly maxDepth: number; // 0 = unlimited
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
}

/** A grown tree in bin space; `value` holds `valueDim` numbers per node (class distribution or mean). */
export interface ForestBinnedTree {
  feature: number[];
  bin: number[];
  left: number[];
  right: number[];
  value: number[];
  gain: number[];
  cover: number[];
}

/**
 * Grows a tree over rows with weight > 0. `labels` are class indices (classification) or targets (regression).
 * `bins` is COLUMN-major (`bins[f * n + i]`): the search visits one feature at a time over a node's (sorted) rows,
 * which makes reads sequential in large nodes; row-major bins measured ~10x slower here from cache misses.
 */
export function growForestTree(
  bins: Uint8Array,
  n: number,
  d: number,
  labels: Float64Array,
  weights: Float64Array,
  opt: ForestTreeOptions,
  rng: Rng,
): ForestBinnedTree {
  const K = opt.nClasses;
  const regression = opt.criterion === 'mse';
  // Per-bin statistics: classification K weighted class counts; regression [w, w*y].
  const S = regression ? 2 : K;
  const t: ForestBinnedTree = { feature: [], bin: [], left: [], right: [], value: [], gain: [], cover: [] };
  const rows = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (weights[i] > 0) rows[m++] = i;
  const scratch = new Uint32Array(m);
  const hist = new Float64Array(256 * S);
  const histN = new Int32Array(256);
  const touched = new Uint8Array(256);
  const touchedList = new Int32Array(256);
  const feats = new Int32Array(d);
  for (let f = 0; f < d; f++) feats[f] = f;
  const tot = new Float64Array(S);
  const accL = new Float64Array(S);
  const bestAccL = new Float64Array(S);
  const accR = new Float64Array(S);
  const nodeRows = new Uint32Array(m);
  const nodeW = new Float64Array(m);
  const nodeWY = new Float64Array(regression ? m : 0);
  const nodeLab = new Int32Array(regression ? 0 : m);

  const binaryGini = !regression && K === 2 && opt.criterion === 'gini';
  const nodeScore = (acc: Float64Array, w: number): number => {
    // Larger is better: the negative of (weight x impurity), up to a constant shared by a node's children.
    if (w <= 0) return 0;
    if (regression) return (acc[1] * acc[1]) / w;
    if (opt.criterion === 'gini') {
      let s = 0;
      for (let k = 0; k < K; k++) s += acc[k] * acc[k];
      return s / w;
    }
    let s = 0;
    for (let k = 0; k < K; k++) if (acc[k] > 0) s += acc[k] * Math.log(acc[k] / w);
    return s;
  };

  const addNode = (acc: Float64Array, w: number): number => {
    const id = t.feature.length;
    t.feature.push(-1);
    t.bin.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.gain.push(0);
    t.cover.push(w);
    if (regression) t.value.push(w > 0 ? acc[1] / w : 0);
    else for (let k = 0; k < K; k++) t.value.push(w > 0 ? acc[k] / w : 0);
    return id;
  };

  /** Weighted class counts (regression: [w, w*y]) of rows[start..end) into `tot`; returns their weight. */
  const totals = (start: number, end: number): number => {
    tot.fill(0);
    let W = 0;
    for (let k = start; k < end; k++) {
      const i = rows[k];
      const w = weights[i];
      W += w;
      if (regression) {
        tot[0] += w;
        tot[1] += w * labels[i];
      } else tot[labels[i]] += w;
    }
    return W;
  };

  // Stack of nodes to expand: [node, start, end, depth]; stats recomputed from rows (cheap next to the search).
  addNode(tot, totals(0, m));
  const stack: number[] = [0, 0, m, 0];
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const end = stack.pop()!;
    const start = stack.pop()!;
    const node = stack.pop()!;
    const count = end - start;
    if (count < opt.minSamplesSplit || count < 2 * opt.minSamplesLeaf || (opt.maxDepth > 0 && depth >= opt.maxDepth)) continue;
    const W = totals(start, end);
    const firstLabel = labels[rows[start]];
    let pure = true;
    for (let k = start + 1; k < end && pure; k++) pure = labels[rows[k]] === firstLabel;
    if (pure) continue;
    // Gather the node's rows, weights and labels contiguously: the per-feature loops then read one scattered byte.
    for (let k = 0; k < count; k++) {
      const i = rows[start + k];
      nodeRows[k] = i;
      nodeW[k] = weights[i];
      if (regression) nodeWY[k] = weights[i] * labels[i];
      else nodeLab[k] = labels[i];
    }
    const parentScore = nodeScore(tot, W);
    let bestGain = 1e-12 * Math.abs(parentScore) + 1e-15;
    let bestF = -1;
    let bestBin = 0;
    let bestWL = 0;
    // Fisher-Yates over features, stopping after mtry non-constant ones.
    let visited = 0;
    for (let j = 0; j < d && visited < opt.mtry; j++) {
      const r = j + rng.int(d - j);
      const f = feats[r];
      feats[r] = feats[j];
      feats[j] = f;
      // Histogram of this feature over the node's rows. Small nodes record which bins occur so that clearing and
      // scanning cost O(rows) instead of O(256).
      let nt = 0;
      const small = count < 48;
      const col = bins.subarray(f * n, (f + 1) * n);
      if (regression) {
        for (let k = 0; k < count; k++) {
          const b = col[nodeRows[k]];
          if (small && touched[b] === 0) {
            touched[b] = 1;
            touchedList[nt++] = b;
          }
          histN[b]++;
          hist[b * 2] += nodeW[k];
          hist[b * 2 + 1] += nodeWY[k];
        }
      } else {
        for (let k = 0; k < count; k++) {
          const b = col[nodeRows[k]];
          if (small && touched[b] === 0) {
            touched[b] = 1;
            touchedList[nt++] = b;
          }
          histN[b]++;
          hist[b * K + nodeLab[k]] += nodeW[k];
        }
      }
      if (small) {
        insertionSort(touchedList, nt);
      } else {
        for (let b = 0; b < 256; b++) if (histN[b] > 0) touchedList[nt++] = b;
      }
      if (nt > 1) {
        visited++;
        const list = touchedList;
        accL.fill(0);
        let wl = 0;
        let nl = 0;
        if (binaryGini) {
          // The common case, written out: no per-class loops or calls in the scan.
          let l0 = 0;
          let l1 = 0;
          const t0 = tot[0];
          const t1 = tot[1];
          for (let q = 0; q + 1 < nt; q++) {
            const b = list[q];
            l0 += hist[2 * b];
            l1 += hist[2 * b + 1];
            nl += histN[b];
            if (nl < opt.minSamplesLeaf || count - nl < opt.minSamplesLeaf) continue;
            const wlb = l0 + l1;
            const wr = W - wlb;
            const r0 = t0 - l0;
            const r1 = t1 - l1;
            const gain = (wlb > 0 ? (l0 * l0 + l1 * l1) / wlb : 0) + (wr > 0 ? (r0 * r0 + r1 * r1) / wr : 0) - parentScore;
            if (gain > bestGain) {
              bestGain = gain;
              bestF = f;
              bestBin = b;
              bestWL = wlb;
              bestAccL[0] = l0;
              bestAccL[1] = l1;
            }
          }
        } else {
          for (let q = 0; q + 1 < nt; q++) {
            const b = list[q];
            for (let s = 0; s < S; s++) accL[s] += hist[b * S + s];
            wl += regression ? hist[b * 2] : sumClasses(hist, b * K, K);
            nl += histN[b];
            if (nl < opt.minSamplesLeaf || count - nl < opt.minSamplesLeaf) continue;
            const wr = W - wl;
            let scoreR: number;
            if (regression) {
              const sr = tot[1] - accL[1];
              scoreR = wr > 0 ? (sr * sr) / wr : 0;
            } else {
              for (let s = 0; s < S; s++) accR[s] = tot[s] - accL[s];
              scoreR = nodeScore(accR, wr);
            }
            const gain = nodeScore(accL, wl) + scoreR - parentScore;
            if (gain > bestGain) {
              bestGain = gain;
              bestF = f;
              bestBin = b;
              bestWL = wl;
              bestAccL.set(accL);
            }
          }
        }
      }
      // A feature constant in this node (nt === 1) does not count towards mtry, as in scikit-learn.
      for (let q = 0; q < nt; q++) {
        const b = touchedList[q];
        touched[b] = 0;
        histN[b] = 0;
        for (let s = b * S; s < (b + 1) * S; s++) hist[s] = 0;
      }
    }
    if (bestF < 0) continue;
    // Partition (stable).
    let l = start;
    let r = 0;
    const bestCol = bins.subarray(bestF * n, (bestF + 1) * n);
    for (let k = start; k < end; k++) {
      const i = rows[k];
      if (bestCol[i] <= bestBin) rows[l++] = i;
      else scratch[r++] = i;
    }
    rows.set(scratch.subarray(0, r), l);
    for (let s = 0; s < S; s++) accR[s] = tot[s] - bestAccL[s];
    const li = addNode(bestAccL, bestWL);
    const ri = addNode(accR, W - bestWL);
    t.feature[node] = bestF;
    t.bin[node] = bestBin;
    t.left[node] = li;
    t.right[node] = ri;
    t.gain[node] = bestGain;
    // Depth-first: push right then left so the left subtree is expanded first.
    stack.push(ri, l, end, depth + 1);
    stack.push(li, start, l, depth + 1);
  }
  return t;
}

function insertionSort(a: Int32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

function sumClasses(hist: Float64Array, o: number, K: number): number {
  let s = 0;
  for (let k = 0; k < K; k++) s += hist[o + k];
  return s;
}

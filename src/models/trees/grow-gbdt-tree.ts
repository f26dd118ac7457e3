/**
 * Grows one gradient-boosting tree on pre-binned rows. Depth-wise growth (XGBoost's default) expands leaves in
 * breadth-first order up to `maxDepth`; leaf-wise growth (LightGBM's) always expands the leaf with the largest
 * gain until `maxLeaves`. Both share one loop that differs only in which pending leaf is expanded next.
 *
 * Rows live in one Uint32Array; a node owns the range [start, start + count) and a split partitions that range in
 * place (stably, so rows stay in increasing order and memory reads stay mostly sequential). Only the smaller
 * child's histogram is built; the larger one's is the parent's minus it, computed in the parent's buffer.
 */
import { featureStride, histogramKernel, subtractHistogram, type HistogramKernel } from './histogram.js';
import { HistogramBuilder } from './histogram-pool.js';
import { emptySplit, findBestSplit, type SplitCandidate, type SplitConstraints } from './gbdt-split.js';

export interface GrowOptions extends SplitConstraints {
  readonly maxDepth: number; // 0 = unlimited
  readonly maxLeaves: number; // 0 = unlimited
  readonly leafWise: boolean;
  readonly minSplitGain: number;
}

/** A tree under construction, in bin space. Leaf values are Newton steps -G/(H + lambda) (no learning rate). */
export interface BinnedTree {
  feature: number[];
  bin: number[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  gain: number[];
  cover: number[];
  /** For each leaf node: its row range in the row buffer after growth (start, count); -1 for internal nodes. */
  rowStart: number[];
  rowCount: number[];
}

/** Buffers reused across trees of one training run. */
export class GrowWorkspace {
  readonly scratch: Uint32Array;
  /** Per-bin "goes left" table of the split being applied. */
  readonly goLeft = new Uint8Array(256);
  private readonly pool: Float64Array[] = [];
  constructor(
    readonly bins: Uint8Array,
    readonly n: number,
    readonly d: number,
    readonly missingBin: Uint8Array,
    /** 3 when leaf row counts are needed (minSamplesLeaf > 1), else 2. */
    readonly slots: 2 | 3,
    threads: number,
  ) {
    this.scratch = new Uint32Array(n);
    this.builder = new HistogramBuilder(bins, n, d, slots, threads);
  }
  /** Row buffer, gradients and hessians (shared memory) that trees must be grown with. */
  readonly builder: HistogramBuilder;
  close(): void {
    this.builder.close();
  }
  takeHistogram(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.d * featureStride(this.slots));
  }
  giveHistogram(h: Float64Array): void {
    this.pool.push(h);
  }
}

interface Pending {
  node: number;
  start: number;
  count: number;
  depth: number;
  sumG: number;
  sumH: number;
  hist: Float64Array | null;
  split: SplitCandidate;
}

/**
 * Grows a tree over `ws.builder.rows[0..nRows)` with gradients `ws.builder.grad` and hessians `ws.builder.hess`
 * (indexed by row id), considering only features `feats` (sorted). Reorders the rows in place.
 */
export function growGbdtTree(ws: GrowWorkspace, nRows: number, feats: Int32Array, opt: GrowOptions): BinnedTree {
  const { rows, grad, hess } = ws.builder;
  const t: BinnedTree = { feature: [], bin: [], missingLeft: [], left: [], right: [], value: [], gain: [], cover: [], rowStart: [], rowCount: [] };
  const { bins, d, missingBin, slots } = ws;
  const lambda = opt.lambda;
  const kernel: HistogramKernel = histogramKernel(d, feats, slots);

  const addNode = (sumG: number, sumH: number, start: number, count: number): number => {
    const id = t.feature.length;
    t.feature.push(-1);
    t.bin.push(0);
    t.missingLeft.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push(-sumG / (sumH + lambda));
    t.gain.push(0);
    t.cover.push(sumH);
    t.rowStart.push(start);
    t.rowCount.push(count);
    return id;
  };
  const canSplit = (depth: number, count: number): boolean =>
    (opt.maxDepth === 0 || depth < opt.maxDepth) && count >= 2 * opt.minSamplesLeaf && count >= 2;
  const evaluate = (p: Pending): void => {
    findBestSplit(p.hist!, feats, missingBin, p.sumG, p.sumH, p.count, opt, slots, p.split);
  };

  let sumG = 0;
  let sumH = 0;
  for (let k = 0; k < nRows; k++) {
    sumG += grad[rows[k]];
    sumH += hess[rows[k]];
  }
  const root: Pending = { node: addNode(sumG, sumH, 0, nRows), start: 0, count: nRows, depth: 0, sumG, sumH, hist: null, split: emptySplit() };
  const pending: Pending[] = [];
  if (canSplit(0, nRows)) {
    root.hist = ws.takeHistogram();
    ws.builder.build(root.hist, kernel, feats, 0, nRows);
    evaluate(root);
    pending.push(root);
  }
  let leaves = 1;
  let head = 0; // FIFO cursor for depth-wise growth

  while (head < pending.length) {
    let p: Pending;
    if (opt.leafWise) {
      let best = head;
      for (let k = head + 1; k < pending.length; k++) if (pending[k].split.gain > pending[best].split.gain) best = k;
      p = pending[best];
      pending[best] = pending[head];
      pending[head] = p;
    } else {
      p = pending[head];
    }
    head++;
    const s = p.split;
    if (s.feature < 0 || s.gain <= opt.minSplitGain || (opt.maxLeaves > 0 && leaves >= opt.maxLeaves)) {
      ws.giveHistogram(p.hist!);
      p.hist = null;
      continue;
    }
    // Partition rows of p: left in place, right via scratch (stable).
    const f = s.feature;
    const thr = s.bin;
    const miss = missingBin[f];
    const missLeft = s.missingLeft;
    const scratch = ws.scratch;
    const goLeft = ws.goLeft;
    for (let b = 0; b < 256; b++) goLeft[b] = (b === miss ? missLeft : b <= thr) ? 1 : 0;
    let l = p.start;
    let r = 0;
    const end = p.start + p.count;
    // Branch-free: each row is written to both sides and only the right cursor advances.
    for (let k = p.start; k < end; k++) {
      const i = rows[k];
      const c = goLeft[bins[i * d + f]];
      rows[l] = i;
      scratch[r] = i;
      l += c;
      r += 1 - c;
    }
    rows.set(scratch.subarray(0, r), l);
    const nLeft = l - p.start;
    const nRight = r;

    const gl = s.gradLeft;
    const hl = s.hessLeft;
    const gr = p.sumG - gl;
    const hr = p.sumH - hl;
    const li = addNode(gl, hl, p.start, nLeft);
    const ri = addNode(gr, hr, l, nRight);
    const n = p.node;
    t.feature[n] = f;
    t.bin[n] = thr;
    t.missingLeft[n] = missLeft ? 1 : 0;
    t.left[n] = li;
    t.right[n] = ri;
    t.gain[n] = s.gain;
    t.rowStart[n] = -1;
    t.rowCount[n] = -1;
    leaves++;

    const depth = p.depth + 1;
    const L: Pending = { node: li, start: p.start, count: nLeft, depth, sumG: gl, sumH: hl, hist: null, split: emptySplit() };
    const R: Pending = { node: ri, start: l, count: nRight, depth, sumG: gr, sumH: hr, hist: null, split: emptySplit() };
    const wantL = canSplit(depth, nLeft);
    const wantR = canSplit(depth, nRight);
    const parentHist = p.hist!;
    p.hist = null;
    if (wantL && wantR) {
      const [small, large] = nLeft <= nRight ? [L, R] : [R, L];
      small.hist = ws.takeHistogram();
      ws.builder.build(small.hist, kernel, feats, small.start, small.start + small.count);
      subtractHistogram(parentHist, small.hist, feats, missingBin, slots);
      large.hist = parentHist;
    } else if (wantL || wantR) {
      const only = wantL ? L : R;
      // Building the one needed child directly costs at most the parent's rows; subtraction would need the other.
      only.hist = parentHist;
      ws.builder.build(only.hist, kernel, feats, only.start, only.start + only.count);
    } else {
      ws.giveHistogram(parentHist);
    }
    if (wantL) {
      evaluate(L);
      pending.push(L);
    }
    if (wantR) {
      evaluate(R);
      pending.push(R);
    }
  }
  return t;
}

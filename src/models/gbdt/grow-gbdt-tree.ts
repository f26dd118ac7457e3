/**
 * Grows one gradient-boosting tree on pre-binned rows. Depth-wise growth (XGBoost's default) expands leaves in
 * breadth-first order up to `maxDepth`; leaf-wise growth (LightGBM's) always expands the leaf with the largest
 * gain until `maxLeaves`. Both share one loop that differs only in which pending leaves are expanded next:
 * depth-wise takes the whole queue (a level) as one batch, leaf-wise the single best leaf.
 *
 * A batch is three rounds of independent tasks (gbdt-threads.ts): partition every splitting node's rows, build
 * the histograms of the children that need one, then subtract (larger children) and search splits. Batching a level gives the
 * helper thread work at every depth, not only in the large nodes near the root.
 *
 * Rows live in one Uint32Array; a node owns the range [start, start + count) and a split partitions that range
 * stably (rows stay in increasing order, so memory reads stay mostly sequential). Only the smaller child's
 * histogram is built; the larger one's is the parent's minus it, computed in the parent's buffer. Large nodes
 * are partitioned and summed in two halves (first half + second half, always, whatever the thread count), so
 * the model does not depend on the number of threads, to the last bit.
 */
import { GbdtArena, type Hist } from './gbdt-arena.js';
import { compileKernels, jsKernels, wasmKernels, type GbdtKernels } from './gbdt-kernels.js';
import { emptySplit, readSplit, writeSplitInput, type SplitCandidate, type SplitConstraints } from './gbdt-split.js';
import { TaskRunner } from './gbdt-threads.js';

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

/** Nodes with this many rows are summed as two halves (see the file comment). */
export const HIST_HALVES_MIN_ROWS = 16_384;
/** Nodes with this many rows are partitioned as two halves (the result does not depend on it). */
const PARTITION_HALVES_MIN_ROWS = 8192;
/** Nodes per batch: keeps a batch's tasks within the task table. */
const MAX_BATCH = 1000;

/** Memory, kernels and threads of one training run, reused across its trees. */
export class GrowWorkspace {
  readonly arena: GbdtArena;
  readonly kernels: GbdtKernels;
  readonly runner: TaskRunner;
  /** The bins are filled afterwards (gbdt-binning.ts, or `arena.setBins`). */
  constructor(
    y: Float64Array,
    n: number,
    d: number,
    /** 3 when leaf row counts are needed (minSamplesLeaf > 1), else 2. */
    readonly slots: 2 | 3,
    nOut: number,
    threads: number,
    /** false forces the JavaScript kernels (tests compare both). */
    wasm = true,
  ) {
    this.arena = new GbdtArena(y, n, d, slots, nOut, wasm);
    const module = compileKernels(this.arena);
    this.kernels = module ? wasmKernels(this.arena, module) : jsKernels(this.arena);
    this.runner = new TaskRunner(this.arena, this.kernels, module, threads);
  }
  close(): void {
    this.runner.close();
  }
}

interface Pending {
  node: number;
  start: number;
  count: number;
  depth: number;
  sumG: number;
  sumH: number;
  hist: Hist | null;
  /** A histogram to subtract from `hist` before the split search (the smaller sibling's), or null. */
  minus: Hist | null;
  split: SplitCandidate;
}

/**
 * Grows a tree over `ws.arena.rows[0..nRows)` with gradients and hessians `ws.arena.gh` (indexed by row id),
 * considering only features `feats` (sorted). Reorders the rows.
 */
export function growGbdtTree(ws: GrowWorkspace, nRows: number, feats: Int32Array, opt: GrowOptions): BinnedTree {
  const { arena, kernels, runner, slots } = ws;
  const missingBin = arena.missingBin;
  const { rows, gh } = arena;
  const t: BinnedTree = { feature: [], bin: [], missingLeft: [], left: [], right: [], value: [], gain: [], cover: [], rowStart: [], rowCount: [] };
  const lambda = opt.lambda;
  const nf = feats.length;
  arena.feats.set(feats);

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
  runner.setSplitConstants(lambda, opt.minSamplesLeaf, opt.minChildWeight, slots);
  /** Split searches of `nodes` (after their subtractions) as one round of tasks. */
  const searchSplits = (nodes: Pending[]): void => {
    const rec = arena.splits;
    nodes.forEach((q, j) => {
      writeSplitInput(rec, j, q.sumG, q.sumH, q.count);
      runner.addSplit(q.hist!, j, q.minus, nf);
    });
    runner.run();
    nodes.forEach((q, j) => {
      readSplit(rec, j, q.split);
      q.minus = null;
    });
  };
  /** Builds the histograms of `nodes` (each has its `hist` buffer), large ones as two halves. */
  const buildHistograms = (nodes: Pending[]): void => {
    const halves: Array<[Hist, Hist]> = [];
    for (const p of nodes) {
      const end = p.start + p.count;
      if (p.count < HIST_HALVES_MIN_ROWS) {
        runner.addHist(p.hist!, p.start, end, nf);
        continue;
      }
      const mid = p.start + (p.count >>> 1);
      const second = arena.takeHist();
      runner.addHist(p.hist!, p.start, mid, nf);
      runner.addHist(second, mid, end, nf);
      halves.push([p.hist!, second]);
    }
    runner.run();
    for (const [first, second] of halves) {
      kernels.add(first, second, nf);
      arena.giveHist(second);
    }
  };

  let sumG = 0;
  let sumH = 0;
  for (let k = 0; k < nRows; k++) {
    const i = rows[k];
    sumG += gh[2 * i];
    sumH += gh[2 * i + 1];
  }
  const root: Pending = { node: addNode(sumG, sumH, 0, nRows), start: 0, count: nRows, depth: 0, sumG, sumH, hist: null, minus: null, split: emptySplit() };
  const pending: Pending[] = [];
  if (canSplit(0, nRows)) {
    root.hist = arena.takeHist();
    buildHistograms([root]);
    searchSplits([root]);
    pending.push(root);
  }
  let leaves = 1;
  let head = 0;

  while (head < pending.length) {
    let batch: Pending[];
    if (opt.leafWise) {
      let best = head;
      for (let k = head + 1; k < pending.length; k++) if (pending[k].split.gain > pending[best].split.gain) best = k;
      const p = pending[best];
      pending[best] = pending[head];
      pending[head] = p;
      batch = [p];
      head++;
    } else {
      const end = Math.min(pending.length, head + MAX_BATCH);
      batch = pending.slice(head, end);
      head = end;
    }

    // Which nodes split, in queue order (the leaf budget is spent in that order).
    const splitting: Pending[] = [];
    for (const p of batch) {
      const s = p.split;
      if (s.feature < 0 || s.gain <= opt.minSplitGain || (opt.maxLeaves > 0 && leaves >= opt.maxLeaves)) {
        arena.giveHist(p.hist!);
        p.hist = null;
        continue;
      }
      splitting.push(p);
      leaves++;
    }
    if (splitting.length === 0) continue;

    // Partition: left rows packed in place, right rows through scratch (copied back by the task itself, or for a
    // node partitioned as two halves, joined afterwards).
    const parts: number[] = [];
    for (const p of splitting) {
      const s = p.split;
      const f = s.feature;
      const missLeft = s.missingLeft ? 1 : 0;
      const end = p.start + p.count;
      if (p.count < PARTITION_HALVES_MIN_ROWS) {
        parts.push(runner.addPartition(p.start, end, f, s.bin, missingBin[f], missLeft | 2), -1);
      } else {
        const mid = p.start + (p.count >>> 1);
        parts.push(runner.addPartition(p.start, mid, f, s.bin, missingBin[f], missLeft), runner.addPartition(mid, end, f, s.bin, missingBin[f], missLeft));
      }
    }
    runner.run();
    const nLeft: number[] = [];
    splitting.forEach((p, j) => {
      const a = parts[2 * j];
      const b = parts[2 * j + 1];
      if (b < 0) {
        nLeft.push(runner.result(a));
        return;
      }
      const l0 = runner.result(a);
      const l1 = runner.result(b);
      kernels.join(p.start, p.start + (p.count >>> 1), p.start + p.count, l0, l1);
      nLeft.push(l0 + l1);
    });

    // Children, and which histograms to build.
    const build: Pending[] = [];
    const fresh: Pending[] = [];
    splitting.forEach((p, j) => {
      const s = p.split;
      const left = nLeft[j];
      const right = p.count - left;
      const gl = s.gradLeft;
      const hl = s.hessLeft;
      const gr = p.sumG - gl;
      const hr = p.sumH - hl;
      const li = addNode(gl, hl, p.start, left);
      const ri = addNode(gr, hr, p.start + left, right);
      const n = p.node;
      t.feature[n] = s.feature;
      t.bin[n] = s.bin;
      t.missingLeft[n] = s.missingLeft ? 1 : 0;
      t.left[n] = li;
      t.right[n] = ri;
      t.gain[n] = s.gain;
      t.rowStart[n] = -1;
      t.rowCount[n] = -1;

      const depth = p.depth + 1;
      const L: Pending = { node: li, start: p.start, count: left, depth, sumG: gl, sumH: hl, hist: null, minus: null, split: emptySplit() };
      const R: Pending = { node: ri, start: p.start + left, count: right, depth, sumG: gr, sumH: hr, hist: null, minus: null, split: emptySplit() };
      const wantL = canSplit(depth, left);
      const wantR = canSplit(depth, right);
      const parentHist = p.hist!;
      p.hist = null;
      if (wantL && wantR) {
        const [small, large] = left <= right ? [L, R] : [R, L];
        small.hist = arena.takeHist();
        build.push(small);
        large.hist = parentHist;
        large.minus = small.hist;
      } else if (wantL || wantR) {
        // Building the one needed child directly costs at most the parent's rows; subtraction would need the other.
        const only = wantL ? L : R;
        only.hist = parentHist;
        build.push(only);
      } else {
        arena.giveHist(parentHist);
      }
      if (wantL) fresh.push(L);
      if (wantR) fresh.push(R);
    });
    buildHistograms(build);
    searchSplits(fresh);
    for (const q of fresh) pending.push(q);
  }
  return t;
}

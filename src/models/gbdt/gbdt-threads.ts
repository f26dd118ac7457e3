/**
 * Runs batches of independent GBDT tasks (a node's histogram or half of it, a node's partition or half of it, a
 * range of binary-loss gradients, a leaf's score update, a node's split search, and for binning a range of
 * rows to bin) on the calling thread and a helper thread. Training stays synchronous: the
 * threads meet through Atomics on shared memory, not through messages.
 *
 * Tasks are claimed dynamically, largest first, from one counter, so a busy core slows the batch but never
 * stalls it: whatever the helper has not claimed, the calling thread does. Which thread runs a task never changes
 * its result (each task is a fixed computation over fixed rows), so models are identical for any thread count.
 *
 * The helper is an `eval` worker: it instantiates the same compiled kernel module on the same shared memory and
 * needs no module loading (that works alike from TypeScript sources and compiled JavaScript, and starts in
 * milliseconds). Until it has started, the calling thread simply does every task.
 * The batch protocol (claiming from one counter, waking, stopping) is claim-batch.ts's.
 */
import { Worker } from 'node:worker_threads';
import { DriftwatchError } from '../../core/index.js';
import { ClaimBatches, helperLoopSource, stopHelper } from '../../kernels/index.js';
import { MAX_TASKS, TASK_INTS, type GbdtArena, type Hist } from './gbdt-arena.js';
import type { GbdtKernels } from './gbdt-kernels.js';
import { BINARY_GRADIENTS_SOURCE, BINARY_LEAF_STEP_SOURCE, binaryGradients, binaryLeafStep } from './gbdt-losses.js';
import { SPLIT_RECORD, SPLIT_SEARCH_PARAMS, splitSearchFor, splitSearchSource } from './gbdt-split.js';

const T_HIST = 1;
const T_PART = 2;
const T_GRAD = 3;
const T_LEAF = 4;
const T_SPLIT = 5;
const T_BIN = 6;

// Control words.

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { ctl, memory, module, layout } = workerData;
const { n, d } = layout;
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
const buf = memory.buffer;
const tasks = new Int32Array(buf, layout.tasks, ${MAX_TASKS * TASK_INTS});
const taskF64 = new Float64Array(buf, layout.tasks, ${(MAX_TASKS * TASK_INTS) / 2});
const rows = new Uint32Array(buf, layout.rows, n);
const score = new Float64Array(buf, layout.score, n);
const feats = new Int32Array(buf, layout.feats, d);
const missingBin = new Uint8Array(buf, layout.missingBin, d);
const rec = new Float64Array(buf, layout.splits, ${(MAX_TASKS + 1) * SPLIT_RECORD});
const K = ${MAX_TASKS * SPLIT_RECORD};
let wholeBuf = null;
let whole = null;
const gh = new Float64Array(buf, layout.gh, 2 * n);
const y = new Float64Array(buf, layout.y, n);
const negExp = new Float64Array(buf, layout.negExp, n);
function gradients(negExp, y, gh, start, end) {${BINARY_GRADIENTS_SOURCE}}
function leafStep(rows, score, negExp, y, gh, start, end, v, factor) {${BINARY_LEAF_STEP_SOURCE}}
function splitSearch2(${SPLIT_SEARCH_PARAMS}) {${splitSearchSource(2)}}
function splitSearch3(${SPLIT_SEARCH_PARAMS}) {${splitSearchSource(3)}}
function run(t) {
  const o = t * ${TASK_INTS};
  const a = tasks[o + 1], b = tasks[o + 2], c = tasks[o + 3], e = tasks[o + 4], f = tasks[o + 5], g = tasks[o + 6];
  switch (tasks[o]) {
    case ${T_HIST}: if (e === d) ex.histAll(a, b, c); else ex.histFeats(a, b, c, layout.feats, e); break;
    case ${T_PART}: tasks[o + 7] = ex.partition(a, b, layout.binsT + c * n, e, f, g); break;
    case ${T_GRAD}: gradients(negExp, y, gh, a, b); break;
    case ${T_LEAF}: leafStep(rows, score, negExp, y, gh, a, b, taskF64[o / 2 + 2], taskF64[o / 2 + 3]); break;
    case ${T_SPLIT}:
      if (c !== 0) ex.subFeats(a, c, layout.feats, e);
      // Node histograms are appended by growing the memory: map it again when it has grown.
      if (memory.buffer !== wholeBuf) { wholeBuf = memory.buffer; whole = new Float64Array(wholeBuf); }
      (rec[K + 3] === 3 ? splitSearch3 : splitSearch2)(whole, a / 8, feats, e, missingBin, rec, b, rec[K], rec[K + 1], rec[K + 2]);
      break;
    case ${T_BIN}: ex.binRows(a, b, c, e, f); break;
  }
}
${helperLoopSource('run(item);')}
`;

/** Training sets with fewer rows run on the calling thread alone. */
const MIN_HELPER_ROWS = 32_768;

/** Batches whose tasks cover fewer rows than this run on the calling thread without waking the helper. */
const MIN_SHARED_ROWS = 4096;

interface Task {
  type: number;
  size: number;
  /** Integer arguments, or for T_LEAF two integers then two float64 (v, factor) in the slots of the last four. */
  args: [number, number, number, number, number, number];
  hist: Hist | null;
  /** T_SPLIT: the smaller sibling's histogram to subtract first. */
  small: Hist | null;
}

export class TaskRunner {
  private readonly ctl = new Int32Array(new SharedArrayBuffer(64));
  private readonly worker: Worker | null = null;
  private readonly pending: Task[] = [];
  /** Table position of each task added since the last run. */
  private readonly position: number[] = [];
  private readonly tableHist: Array<Hist | null> = [];
  private readonly tableSmall: Array<Hist | null> = [];
  private readonly batches: ClaimBatches;
  private readonly taskF64: Float64Array;

  constructor(
    private readonly arena: GbdtArena,
    private readonly kernels: GbdtKernels,
    module: object | null,
    threads: number,
  ) {
    const t = arena.tasks;
    this.taskF64 = new Float64Array(t.buffer, t.byteOffset, t.length / 2);
    this.batches = new ClaimBatches(this.ctl, 'gradient boosting');
    // Below ~32k rows a batch is done before a helper would have woken up; its start-up (~10 ms) would not pay.
    if (threads < 2 || module === null || arena.memory === null || arena.layout.n < MIN_HELPER_ROWS) return;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ctl: this.ctl, memory: arena.memory, module, layout: arena.layout },
    });
    worker.unref();
    // A helper that fails to start claims nothing; the calling thread then does every task.
    worker.on('error', () => undefined);
    this.worker = worker;
  }

  /** Histogram of rows[start..end) into `h` over arena.feats[0..nf). */
  addHist(h: Hist, start: number, end: number, nf: number): void {
    this.pending.push({ type: T_HIST, size: end - start, args: [h.off, start, end, nf, 0, 0], hist: h, small: null });
  }

  /** Partition of rows[start..end) (see GbdtKernels.partition); returns the id to read its result with. */
  addPartition(start: number, end: number, f: number, thr: number, miss: number, flags: number): number {
    this.pending.push({ type: T_PART, size: end - start, args: [start, end, f, thr, miss, flags], hist: null, small: null });
    return this.pending.length - 1;
  }

  /** Binary-loss gradients and hessians of rows start..end-1 (gbdt-losses.ts), from arena.negExp and arena.y. */
  addGradients(start: number, end: number): void {
    // Gradients cost about as much per row as a histogram does per 4 features.
    this.pending.push({ type: T_GRAD, size: 4 * (end - start), args: [start, end, 0, 0, 0, 0], hist: null, small: null });
  }

  /**
   * Binary loss, one leaf of a tree grown on all rows: adds `v` to the scores of rows[start..end), carries
   * exp(-score) and writes the rows' next gradients (gbdt-losses.ts).
   */
  addLeafStep(start: number, end: number, v: number): void {
    this.pending.push({ type: T_LEAF, size: 4 * (end - start), args: [start, end, 0, v, Math.exp(-v), 0], hist: null, small: null });
  }

  /**
   * Split search of the node with histogram `h` and split record `r` (gbdt-split.ts) over arena.feats[0..nf),
   * after `h -= small` when the node's histogram is its parent's minus its smaller sibling's.
   */
  addSplit(h: Hist, r: number, small: Hist | null, nf: number): void {
    // A split search costs about as much as building a histogram of 2,000 rows.
    this.pending.push({ type: T_SPLIT, size: 2000, args: [h.off, r, small ? small.off : 0, nf, 0, 0], hist: h, small });
  }

  /** Training constants read by split searches: written once per tree. */
  setSplitConstants(lambda: number, minSamplesLeaf: number, minChildWeight: number, slots: number): void {
    const k = MAX_TASKS * SPLIT_RECORD;
    const rec = this.arena.splits;
    rec[k] = lambda;
    rec[k + 1] = minSamplesLeaf;
    rec[k + 2] = minChildWeight;
    rec[k + 3] = slots;
  }

  /** Binning (needs the WebAssembly kernels): bins rows start..end-1 read from x (row row0 first). */
  addBinRows(start: number, end: number, x: number, row0: number, edges: number): void {
    this.pending.push({ type: T_BIN, size: 8 * (end - start), args: [start, end, x, row0, edges, 0], hist: null, small: null });
  }

  /** A partition task's rows going left, after `run`. */
  result(id: number): number {
    return this.arena.tasks[this.position[id] * TASK_INTS + 7];
  }

  /** Runs every added task; returns when all are done. */
  run(): void {
    const tasks = this.pending;
    const count = tasks.length;
    if (count === 0) return;
    if (count > MAX_TASKS) throw new DriftwatchError('INTERNAL', `task batch of ${count} exceeds ${MAX_TASKS}`);
    const order = Array.from(tasks.keys()).sort((a, b) => tasks[b].size - tasks[a].size);
    const table = this.arena.tasks;
    let rows = 0;
    this.position.length = count;
    this.tableHist.length = count;
    this.tableSmall.length = count;
    for (let p = 0; p < count; p++) {
      const t = tasks[order[p]];
      const o = p * TASK_INTS;
      table[o] = t.type;
      if (t.type === T_LEAF) {
        table[o + 1] = t.args[0];
        table[o + 2] = t.args[1];
        this.taskF64[o / 2 + 2] = t.args[3];
        this.taskF64[o / 2 + 3] = t.args[4];
      } else {
        for (let k = 0; k < 6; k++) table[o + 1 + k] = t.args[k];
      }
      this.position[order[p]] = p;
      this.tableHist[p] = t.hist;
      this.tableSmall[p] = t.small;
      rows += t.size;
    }
    tasks.length = 0;
    if (!this.worker || count < 2 || rows < MIN_SHARED_ROWS) {
      for (let p = 0; p < count; p++) this.runTask(p);
      return;
    }
    this.batches.run(count, (t) => this.runTask(t));
  }

  private runTask(p: number): void {
    const t = this.arena.tasks;
    const o = p * TASK_INTS;
    const [a, b, c, e, f, g] = [t[o + 1], t[o + 2], t[o + 3], t[o + 4], t[o + 5], t[o + 6]];
    switch (t[o]) {
      case T_HIST:
        this.kernels.hist(this.tableHist[p]!, b, c, e);
        break;
      case T_PART:
        t[o + 7] = this.kernels.partition(a, b, c, e, f, g);
        break;
      case T_GRAD:
        binaryGradients(this.arena.negExp, this.arena.y, this.arena.gh, a, b);
        break;
      case T_LEAF: {
        const { rows, score, negExp, y, gh } = this.arena;
        binaryLeafStep(rows, score, negExp, y, gh, a, b, this.taskF64[o / 2 + 2], this.taskF64[o / 2 + 3]);
        break;
      }
      case T_SPLIT: {
        const h = this.tableHist[p]!;
        const small = this.tableSmall[p];
        if (small) this.kernels.sub(h, small, e);
        const { feats, missingBin, splits: rec } = this.arena;
        const k = MAX_TASKS * SPLIT_RECORD;
        // The whole shared memory (addresses as the helper sees them), or the histogram's own array without it.
        const [hist, base] = h.off >= 0 ? [this.arena.wholeF64(), h.off / 8] : [h.view, 0];
        splitSearchFor(rec[k + 3])(hist, base, feats, e, missingBin, rec, b, rec[k], rec[k + 1], rec[k + 2]);
        break;
      }
      case T_BIN:
        this.kernels.wasm!.binRows(a, b, c, e, f);
        break;
    }
  }

  /** Stops the helper thread. */
  close(): void {
    if (!this.worker) return;
    stopHelper(this.ctl);
    void this.worker.terminate();
  }
}

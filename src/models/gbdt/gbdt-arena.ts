/**
 * The memory of one GBDT training run, laid out once: bins (row-major for histograms, column-major for
 * partitioning), interleaved gradient/hessian pairs, the row buffer and its partition scratch, labels and scores,
 * the task table shared with the helper thread, and a pool of node histograms.
 *
 * With WebAssembly it is one shared `WebAssembly.Memory`: the kernels (gbdt-kernels.ts) address everything by
 * byte offset, the helper thread maps the same memory, and histogram slots are appended by growing it (a grown
 * shared memory never moves, so every view made earlier stays valid). Without WebAssembly (node --jitless), or
 * when the data would pass memory32's 4 GiB, the regions live in one ordinary ArrayBuffer and each histogram in
 * its own array, for the JavaScript kernels on the calling thread alone.
 */
import { DriftwatchError } from '../../core/index.js';
import { SPLIT_RECORD } from './gbdt-split.js';
import { featureStride } from './histogram.js';
import { WASM_MAX_PAGES, WASM_PAGE, wasmApi, type WasmMemory } from '../../kernels/index.js';

/** A node histogram: `view` for JavaScript, `off` (its byte offset in the shared memory; -1 without it) for the kernels. */
export interface Hist {
  readonly off: number;
  readonly view: Float64Array;
}

/** Capacity of the task table (see gbdt-threads.ts); the claim word holds a task index in 12 bits. */
export const MAX_TASKS = 4000;
/** Int32 values per task record. */
export const TASK_INTS = 8;

/** Byte offsets of the regions. */
export interface ArenaLayout {
  readonly n: number;
  readonly d: number;
  readonly slots: 2 | 3;
  readonly tasks: number;
  readonly feats: number;
  readonly missingBin: number;
  /** Split records (gbdt-split.ts), one per task, then one of training constants. */
  readonly splits: number;
  readonly gh: number;
  readonly rows: number;
  readonly scratch: number;
  readonly y: number;
  readonly score: number;
  readonly negExp: number;
  readonly bins: number;
  readonly binsT: number;
  /** Bytes of one histogram. */
  readonly histBytes: number;
  /** Where histogram slots start. */
  readonly hists: number;
}

/** `x` rounded up to a multiple of 64 bytes (a cache line). */
export const align = (x: number): number => Math.ceil(x / 64) * 64;

function layoutOf(n: number, d: number, slots: 2 | 3, nOut: number): ArenaLayout {
  let at = 64; // offset 0 stays unused: a zero offset is never a valid region
  const take = (bytes: number): number => {
    const o = at;
    at = align(at + bytes);
    return o;
  };
  const tasks = take(MAX_TASKS * TASK_INTS * 4);
  const feats = take(d * 4);
  const missingBin = take(d);
  const splits = take((MAX_TASKS + 1) * SPLIT_RECORD * 8);
  const gh = take(n * 16);
  const rows = take(n * 4);
  const scratch = take(n * 4);
  const y = take(n * 8);
  const score = take(n * nOut * 8);
  const negExp = take(n * 8);
  const bins = take(n * d);
  const binsT = take(n * d);
  const histBytes = d * featureStride(slots) * 8;
  return { n, d, slots, tasks, feats, missingBin, splits, gh, rows, scratch, y, score, negExp, bins, binsT, histBytes, hists: at };
}

/** Histogram slots reserved up front: a depth-6 tree's widest level and a few half-node partials. */
const INITIAL_HIST_SLOTS = 48;

export class GbdtArena {
  readonly layout: ArenaLayout;
  /** The shared WebAssembly memory, or null when the JavaScript kernels are used. */
  readonly memory: WasmMemory | null;
  readonly tasks: Int32Array;
  readonly feats: Int32Array;
  readonly missingBin: Uint8Array;
  readonly splits: Float64Array;
  /** gh[2i] = gradient, gh[2i + 1] = hessian of row i. */
  readonly gh: Float64Array;
  readonly rows: Uint32Array;
  readonly scratch: Uint32Array;
  readonly y: Float64Array;
  /** Class-major raw scores, n x nOut. */
  readonly score: Float64Array;
  /** exp(-score) per row, carried along for the binary loss (gbdt-losses.ts `nextNegExp`). */
  readonly negExp: Float64Array;
  /** Row-major n x d bins. */
  readonly bins: Uint8Array;
  /** Column-major d x n bins (partitioning reads one feature's column). */
  readonly binsT: Uint8Array;
  private readonly free: Hist[] = [];
  private next: number;

  /** The bins are filled afterwards: `setBins`, or the binning tasks of gbdt-binning.ts. */
  constructor(y: Float64Array, n: number, d: number, slots: 2 | 3, nOut: number, wasm: boolean) {
    const L = layoutOf(n, d, slots, nOut);
    this.layout = L;
    this.next = L.hists;
    const pages = Math.ceil((L.hists + INITIAL_HIST_SLOTS * L.histBytes) / WASM_PAGE);
    let memory: WasmMemory | null = null;
    if (wasm && wasmApi && pages <= WASM_MAX_PAGES) {
      try {
        memory = new wasmApi.Memory({ initial: pages, maximum: WASM_MAX_PAGES, shared: true });
      } catch {
        memory = null; // address space refused: the JavaScript path below
      }
    }
    this.memory = memory;
    const buf = memory ? memory.buffer : new ArrayBuffer(L.hists);
    this.tasks = new Int32Array(buf, L.tasks, MAX_TASKS * TASK_INTS);
    this.feats = new Int32Array(buf, L.feats, d);
    this.missingBin = new Uint8Array(buf, L.missingBin, d);
    this.splits = new Float64Array(buf, L.splits, (MAX_TASKS + 1) * SPLIT_RECORD);
    this.gh = new Float64Array(buf, L.gh, 2 * n);
    this.rows = new Uint32Array(buf, L.rows, n);
    this.scratch = new Uint32Array(buf, L.scratch, n);
    this.y = new Float64Array(buf, L.y, n);
    this.score = new Float64Array(buf, L.score, n * nOut);
    this.negExp = new Float64Array(buf, L.negExp, n);
    this.bins = new Uint8Array(buf, L.bins, n * d);
    this.binsT = new Uint8Array(buf, L.binsT, n * d);
    this.y.set(y);
  }

  /** Copies row-major bins in (and their column-major transpose). */
  setBins(bins: Uint8Array, missingBin: Uint8Array): void {
    this.missingBin.set(missingBin);
    this.bins.set(bins);
    transpose(bins, this.layout.n, this.layout.d, this.binsT);
  }

  /**
   * Byte offset of `bytes` of scratch memory for binning, before any histogram exists (it is where histograms
   * will go). Needs the shared memory.
   */
  binningScratch(bytes: number): number {
    if (this.next !== this.layout.hists || this.free.length > 0) throw new DriftwatchError('INTERNAL', 'binning scratch after histograms');
    this.ensure(this.layout.hists + bytes);
    return this.layout.hists;
  }

  /** Grows the shared memory to at least `bytes` (by a quarter at least, so growth is not page by page). */
  private ensure(bytes: number): void {
    const memory = this.memory!;
    const have = memory.buffer.byteLength;
    if (bytes <= have) return;
    const need = Math.ceil((bytes - have) / WASM_PAGE);
    const room = WASM_MAX_PAGES - have / WASM_PAGE;
    if (room < need) {
      throw new DriftwatchError('INVALID_ARGUMENT', 'gradient boosting: the training data and open tree nodes need more than 4 GiB; limit maxDepth or maxLeaves, or subsample rows');
    }
    memory.grow(Math.min(room, Math.max(need, Math.ceil(have / WASM_PAGE / 4))));
  }

  takeHist(): Hist {
    const h = this.free.pop();
    if (h) return h;
    const len = this.layout.histBytes / 8;
    if (!this.memory) return { off: -1, view: new Float64Array(len) };
    const off = this.next;
    const need = off + this.layout.histBytes;
    this.ensure(need);
    this.next = need;
    return { off, view: new Float64Array(this.memory.buffer, off, len) };
  }

  giveHist(h: Hist): void {
    this.free.push(h);
  }

  /** All of the shared memory as float64 (histograms are at off / 8), refreshed when it has grown. */
  wholeF64(): Float64Array {
    const buf = this.memory!.buffer;
    if (this.whole?.buffer !== buf) this.whole = new Float64Array(buf);
    return this.whole;
  }
  private whole: Float64Array | null = null;
}

/** Row-major n x d to column-major, in row blocks so both sides stay in cache. */
function transpose(src: Uint8Array, n: number, d: number, dst: Uint8Array): void {
  const B = 256;
  for (let i0 = 0; i0 < n; i0 += B) {
    const i1 = Math.min(n, i0 + B);
    for (let f = 0; f < d; f++) {
      const o = f * n;
      for (let i = i0; i < i1; i++) dst[o + i] = src[i * d + f];
    }
  }
}

/**
 * Builds node histograms, splitting large nodes across a helper thread: the helper accumulates the second half of
 * a node's rows into its own buffer while the calling thread does the first half, then the two are added. Training
 * stays synchronous: the threads meet through Atomics on shared memory, not through messages.
 *
 * Large nodes are always summed as (first half) + (second half), with or without the helper, so a model does not
 * depend on the number of threads, to the last bit.
 *
 * The helper is an `eval` worker whose kernels arrive as source text in shared memory (the same generated kernels
 * as the calling thread's, see histogram.ts), so it needs no module loading and works alike from TypeScript
 * sources and from compiled JavaScript. If it has not started within a few seconds, building falls back to the
 * calling thread alone.
 */
import { Worker } from 'node:worker_threads';
import { histogramKernelSource, featureStride, type HistogramKernel } from './histogram.js';

// Control slots.
const CMD = 0;
const DONE = 1;
const START = 2;
const END = 3;
const KERNEL_VERSION = 4;
const SRC_LEN = 5;
const QUIT = 6;
const READY = 7;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { ctl, bins, grad, hess, rows, hist, src } = workerData;
let kernel = null;
let version = -1;
let seen = 0;
Atomics.store(ctl, ${READY}, 1);
Atomics.notify(ctl, ${READY});
for (;;) {
  Atomics.wait(ctl, ${CMD}, seen);
  const seq = Atomics.load(ctl, ${CMD});
  if (Atomics.load(ctl, ${QUIT}) === 1) break;
  const v = Atomics.load(ctl, ${KERNEL_VERSION});
  if (v !== version) {
    const bytes = new Uint8Array(ctl[${SRC_LEN}]);
    bytes.set(src.subarray(0, bytes.length));
    kernel = new Function('hist', 'bins', 'rows', 'start', 'end', 'grad', 'hess', new TextDecoder().decode(bytes));
    version = v;
  }
  kernel(hist, bins, rows, ctl[${START}], ctl[${END}], grad, hess);
  seen = seq;
  Atomics.store(ctl, ${DONE}, seq);
  Atomics.notify(ctl, ${DONE});
}
`;

const sharedF64 = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(Math.max(8, n * 8)));

/** Nodes with fewer rows are built in one pass on the calling thread: the hand-off costs tens of microseconds. */
export const SPLIT_MIN_ROWS = 16_384;

export class HistogramBuilder {
  /** Gradients, hessians and the row buffer live in shared memory so the helper reads them in place. */
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  readonly rows: Uint32Array;
  private readonly ctl = new Int32Array(new SharedArrayBuffer(64));
  private readonly hist: Float64Array;
  private readonly src = new Uint8Array(new SharedArrayBuffer(1 << 16));
  private readonly worker: Worker | null = null;
  private seq = 0;
  private version = 0;
  private currentSource = '';
  private alive = true;
  private ready = false;

  constructor(
    private readonly bins: Uint8Array,
    n: number,
    private readonly d: number,
    private readonly slots: 2 | 3,
    /** 2 starts the helper thread; 1 builds everything on the calling thread. */
    threads: number,
  ) {
    this.grad = sharedF64(n);
    this.hess = sharedF64(n);
    this.rows = new Uint32Array(new SharedArrayBuffer(Math.max(4, n * 4)));
    this.hist = sharedF64(d * featureStride(slots));
    this.alive = threads > 1 && n >= 2 * SPLIT_MIN_ROWS;
    if (!this.alive) return;
    const sharedBins = new Uint8Array(new SharedArrayBuffer(Math.max(1, bins.length)));
    sharedBins.set(bins);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ctl: this.ctl, bins: sharedBins, grad: this.grad, hess: this.hess, rows: this.rows, hist: this.hist, src: this.src },
    });
    worker.unref();
    worker.on('error', () => {
      this.alive = false;
    });
    this.worker = worker;
  }

  /** Builds the histogram of rows[start..end) into `out` with `kernel` (generated for `feats`). */
  build(out: Float64Array, kernel: HistogramKernel, feats: Int32Array, start: number, end: number): void {
    const { bins, rows, grad, hess } = this;
    if (end - start < SPLIT_MIN_ROWS) {
      kernel(out, bins, rows, start, end, grad, hess);
      return;
    }
    const mid = start + ((end - start) >>> 1);
    if (this.alive && !this.ready) {
      if (Atomics.wait(this.ctl, READY, 0, 10_000) === 'timed-out' && Atomics.load(this.ctl, READY) !== 1) this.alive = false;
      else this.ready = true;
    }
    const source = histogramKernelSource(this.d, feats, this.slots);
    const fits = source.length * 3 <= this.src.length;
    if (!this.alive || !fits) {
      kernel(out, bins, rows, start, mid, grad, hess);
      kernel(this.hist, bins, rows, mid, end, grad, hess);
      this.addHelperHistogram(out, feats);
      return;
    }
    if (source !== this.currentSource) {
      const bytes = new TextEncoder().encode(source);
      this.src.set(bytes);
      this.ctl[SRC_LEN] = bytes.length;
      Atomics.store(this.ctl, KERNEL_VERSION, ++this.version);
      this.currentSource = source;
    }
    this.ctl[START] = mid;
    this.ctl[END] = end;
    const seq = ++this.seq;
    Atomics.store(this.ctl, CMD, seq);
    Atomics.notify(this.ctl, CMD);
    kernel(out, bins, rows, start, mid, grad, hess);
    while (Atomics.load(this.ctl, DONE) !== seq) Atomics.wait(this.ctl, DONE, Atomics.load(this.ctl, DONE), 1000);
    this.addHelperHistogram(out, feats);
  }

  private addHelperHistogram(out: Float64Array, feats: Int32Array): void {
    const stride = featureStride(this.slots);
    const h = this.hist;
    for (let j = 0; j < feats.length; j++) {
      const o = feats[j] * stride;
      for (let p = o; p < o + stride; p++) out[p] += h[p];
    }
  }

  /** Stops the helper thread. */
  close(): void {
    if (!this.worker) return;
    Atomics.store(this.ctl, QUIT, 1);
    Atomics.add(this.ctl, CMD, 1);
    Atomics.notify(this.ctl, CMD);
    void this.worker.terminate();
  }
}

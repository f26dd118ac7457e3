/**
 * A second thread for large prediction batches (predictor-wasm.ts): a helper `eval` worker instantiates the
 * predictor's WebAssembly module on the same shared memory and claims blocks of rows with the calling thread from
 * one Atomics counter, so prediction stays synchronous. Each row is walked by one thread, trees in order, so the
 * results do not depend on which thread walked it. The calling thread never waits for a block the helper has not
 * claimed: until the helper has started (tens of milliseconds, in the background) or when its core is busy, the
 * calling thread walks everything. The helper stops when its predictor is garbage-collected.
 * The batch protocol is claim-batch.ts's.
 */
import { Worker } from 'node:worker_threads';
import { ClaimBatches, CTL_USER, CTL_WORDS, helperLoopSource, stopHelper } from '../../kernels/index.js';

/** Control word holding the batch's row count (the helper's last block is short). */
const ROWS = CTL_USER;

/** The helper's loop; `walkBlock(b, e)` is the module's export that walks chunk rows b..e-1. */
function workerSource(block: number): string {
  return `
const { workerData } = require('node:worker_threads');
const { ctl, memory, module } = workerData;
const { walkBlock } = new WebAssembly.Instance(module, { env: { memory } }).exports;
${helperLoopSource(`walkBlock(item * ${block}, Math.min(Atomics.load(ctl, ${ROWS}), (item + 1) * ${block}));`)}
`;
}

const stopWhenCollected = new FinalizationRegistry<Int32Array>(stopHelper);

export class BlockRunner {
  private readonly ctl = new Int32Array(new SharedArrayBuffer(4 * (CTL_WORDS + 1)));
  private readonly batches = new ClaimBatches(this.ctl, 'prediction');
  private worker: Worker | null = null;

  constructor(
    private readonly memory: unknown,
    private readonly module: object,
    private readonly block: number,
    /** The calling thread's walk of chunk rows b..e-1. */
    private readonly walkBlock: (b: number, e: number) => void,
  ) {}

  /** Starts the helper (once); `owner` is the object whose collection stops it. */
  start(owner: object): void {
    if (this.worker) return;
    const worker = new Worker(workerSource(this.block), { eval: true, workerData: { ctl: this.ctl, memory: this.memory, module: this.module } });
    worker.unref();
    // A helper that fails to start claims nothing; the calling thread then walks every block.
    worker.on('error', () => undefined);
    this.worker = worker;
    stopWhenCollected.register(owner, this.ctl);
  }

  /** Walks the `rows` rows of the chunk, in blocks, on this thread and the helper. */
  run(rows: number): void {
    const blocks = Math.ceil(rows / this.block);
    const ctl = this.ctl;
    if (!this.worker || blocks < 2) {
      for (let j = 0; j < blocks; j++) this.walkBlock(j * this.block, Math.min(rows, (j + 1) * this.block));
      return;
    }
    Atomics.store(ctl, ROWS, rows);
    this.batches.run(blocks, (j) => this.walkBlock(j * this.block, Math.min(rows, (j + 1) * this.block)));
  }
}

/** What a compiled predictor's batch walk needs: its module, the chunk buffers in its memory, and the shapes. */
export interface ChunkedWalk {
  readonly memory: unknown;
  readonly module: object;
  readonly walkBlock: (b: number, e: number) => unknown;
  /** Rows a block holds (the unit the helper thread claims) and rows a chunk holds (what fits the buffers). */
  readonly blockRows: number;
  readonly chunkRows: number;
  /** The chunk's inputs (chunkRows × d) and the sums it adds to (chunkRows × nOut), views of the module's memory. */
  readonly x: Float64Array;
  readonly sums: Float64Array;
  readonly d: number;
  readonly nOut: number;
  /** Batches of at least this many rows start the helper thread. */
  readonly minParallelRows: number;
}

/**
 * The batch walk both compiled tree predictors share: rows copied in by chunks, walked in blocks by this
 * thread and (for large batches) the helper, each chunk's sums added to the output.
 */
export function chunkedWalker(w: ChunkedWalk): (x: Float64Array, start: number, end: number, out: Float64Array) => void {
  const { d, nOut, chunkRows, x: xv, sums: sv } = w;
  const runner = new BlockRunner(w.memory, w.module, w.blockRows, (b, e) => void w.walkBlock(b, e));
  const walker = (x: Float64Array, start: number, end: number, out: Float64Array): void => {
    if (end - start >= w.minParallelRows) runner.start(walker);
    for (let c0 = start; c0 < end; c0 += chunkRows) {
      const m = Math.min(end, c0 + chunkRows) - c0;
      xv.set(x.subarray(c0 * d, (c0 + m) * d));
      sv.fill(0, 0, m * nOut);
      runner.run(m);
      const o = c0 * nOut;
      for (let k = 0; k < m * nOut; k++) out[o + k] += sv[k];
    }
  };
  return walker;
}

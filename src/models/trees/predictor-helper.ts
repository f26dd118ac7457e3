/**
 * A second thread for large prediction batches (predictor-wasm.ts): a helper `eval` worker instantiates the
 * predictor's WebAssembly module on the same shared memory and claims blocks of rows with the calling thread from
 * one Atomics counter, so prediction stays synchronous. Each row is walked by one thread, trees in order, so the
 * results do not depend on which thread walked it. The calling thread never waits for a block the helper has not
 * claimed: until the helper has started (tens of milliseconds, in the background) or when its core is busy, the
 * calling thread walks everything. The helper stops when its predictor is garbage-collected.
 *
 * The claim word holds (batch number << 12 | next block), as in gbdt-threads.ts: a helper that wakes late for a
 * batch that has ended claims nothing.
 */
import { Worker } from 'node:worker_threads';
import { DriftwatchError } from '../../core/errors.js';

const WAKE = 0;
const CLAIM = 1;
const INFO = 2;
const COMPLETED = 3;
const QUIT = 4;
const ROWS = 5;
const FAILED = 6;

/** The helper's loop; `walkBlock(b, e)` is the module's export that walks chunk rows b..e-1. */
function workerSource(block: number): string {
  return `
const { workerData } = require('node:worker_threads');
const { ctl, memory, module } = workerData;
const { walkBlock } = new WebAssembly.Instance(module, { env: { memory } }).exports;
let seen = 0;
for (;;) {
  Atomics.wait(ctl, ${WAKE}, seen);
  seen = Atomics.load(ctl, ${WAKE});
  if (Atomics.load(ctl, ${QUIT}) === 1) break;
  for (;;) {
    const v = Atomics.add(ctl, ${CLAIM}, 1);
    const info = Atomics.load(ctl, ${INFO});
    if (v >>> 12 !== info >>> 12) break;
    const j = v & 0xfff;
    if (j >= (info & 0xfff)) break;
    const rows = Atomics.load(ctl, ${ROWS});
    try { walkBlock(j * ${block}, Math.min(rows, (j + 1) * ${block})); } catch { Atomics.store(ctl, ${FAILED}, 1); }
    Atomics.add(ctl, ${COMPLETED}, 1);
    Atomics.notify(ctl, ${COMPLETED});
  }
}
`;
}

const stopWhenCollected = new FinalizationRegistry<Int32Array>((ctl) => {
  Atomics.store(ctl, QUIT, 1);
  Atomics.add(ctl, WAKE, 1);
  Atomics.notify(ctl, WAKE);
});

export class BlockRunner {
  private readonly ctl = new Int32Array(new SharedArrayBuffer(32));
  private worker: Worker | null = null;
  private batch = 0;

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
    this.batch = (this.batch + 1) & 0xfffff;
    const tag = this.batch << 12;
    Atomics.store(ctl, COMPLETED, 0);
    Atomics.store(ctl, ROWS, rows);
    Atomics.store(ctl, INFO, tag | blocks);
    Atomics.store(ctl, CLAIM, tag);
    Atomics.add(ctl, WAKE, 1);
    Atomics.notify(ctl, WAKE);
    for (;;) {
      const j = Atomics.add(ctl, CLAIM, 1) & 0xfff;
      if (j >= blocks) break;
      this.walkBlock(j * this.block, Math.min(rows, (j + 1) * this.block));
      Atomics.add(ctl, COMPLETED, 1);
    }
    for (let c = Atomics.load(ctl, COMPLETED); c < blocks; c = Atomics.load(ctl, COMPLETED)) Atomics.wait(ctl, COMPLETED, c, 50);
    if (Atomics.load(ctl, FAILED) === 1) throw new DriftwatchError('INTERNAL', 'prediction: a block failed on the helper thread');
  }
}

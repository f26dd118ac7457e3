/**
 * The protocol by which the calling thread and one helper `eval` worker share a batch of numbered items
 * (GBDT tasks, prediction blocks): the caller publishes the batch and both threads claim items from one
 * Atomics counter until none is left, so the caller never waits for an item nobody has claimed and stays
 * synchronous. The claim word holds (batch number << 12 | next item): a helper that wakes late for a batch
 * that has ended claims nothing.
 */
import { DriftwatchError } from '../core/index.js';

/** Control words, in an Int32Array on a SharedArrayBuffer of at least CTL_WORDS words. */
const WAKE = 0;
const CLAIM = 1;
const INFO = 2;
const COMPLETED = 3;
const QUIT = 4;
const FAILED = 5;
/** The first control word free for a user's own values. */
export const CTL_USER = 6;
/** Words the control array needs, user words excluded. */
export const CTL_WORDS = 6;
/** Items a batch may hold (the claim word's low 12 bits). */
export const MAX_BATCH_ITEMS = 0xfff;

/**
 * The helper's loop, as worker source: it expects `ctl` in scope and runs `runItem` — a JavaScript statement
 * that uses `item`, the claimed item's number — for each item it claims, until the caller sets QUIT.
 */
export function helperLoopSource(runItem: string): string {
  return `
let seen = 0;
for (;;) {
  Atomics.wait(ctl, ${WAKE}, seen);
  seen = Atomics.load(ctl, ${WAKE});
  if (Atomics.load(ctl, ${QUIT}) === 1) break;
  for (;;) {
    const v = Atomics.add(ctl, ${CLAIM}, 1);
    const info = Atomics.load(ctl, ${INFO});
    if (v >>> 12 !== info >>> 12) break;
    const item = v & 0xfff;
    if (item >= (info & 0xfff)) break;
    try { ${runItem} } catch { Atomics.store(ctl, ${FAILED}, 1); }
    Atomics.add(ctl, ${COMPLETED}, 1);
    Atomics.notify(ctl, ${COMPLETED});
  }
}
`;
}

/** Asks the helper to leave its loop (it then ends). */
export function stopHelper(ctl: Int32Array): void {
  Atomics.store(ctl, QUIT, 1);
  Atomics.add(ctl, WAKE, 1);
  Atomics.notify(ctl, WAKE);
}

/** The caller's side: one instance per helper. */
export class ClaimBatches {
  private batch = 0;

  constructor(
    private readonly ctl: Int32Array,
    /** Names the work in the error thrown when an item failed on the helper. */
    private readonly what: string,
  ) {}

  /** Runs items 0..count-1 on this thread and the helper; returns when all are done. */
  run(count: number, runItem: (item: number) => void): void {
    if (count > MAX_BATCH_ITEMS) throw new DriftwatchError('INTERNAL', `${this.what}: a batch of ${count} items exceeds ${MAX_BATCH_ITEMS}`);
    const ctl = this.ctl;
    this.batch = (this.batch + 1) & 0xfffff;
    const tag = this.batch << 12;
    Atomics.store(ctl, COMPLETED, 0);
    Atomics.store(ctl, INFO, tag | count);
    Atomics.store(ctl, CLAIM, tag);
    Atomics.add(ctl, WAKE, 1);
    Atomics.notify(ctl, WAKE);
    for (;;) {
      const item = Atomics.add(ctl, CLAIM, 1) & 0xfff;
      if (item >= count) break;
      runItem(item);
      Atomics.add(ctl, COMPLETED, 1);
    }
    for (let c = Atomics.load(ctl, COMPLETED); c < count; c = Atomics.load(ctl, COMPLETED)) Atomics.wait(ctl, COMPLETED, c, 50);
    if (Atomics.load(ctl, FAILED) === 1) throw new DriftwatchError('INTERNAL', `${this.what}: an item failed on the helper thread`);
  }
}

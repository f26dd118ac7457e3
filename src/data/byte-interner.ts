/**
 * Maps the raw bytes of a categorical CSV field to its dictionary code without building a string: an
 * open-addressing hash table over copies of each distinct value's bytes. Decoding a string and looking it
 * up in a Map for every cell costs several times more than parsing a number, and categorical columns
 * repeat a few values millions of times. A miss returns -1; the caller decodes the string once and
 * `remember`s it. Distinct values stop being remembered past a byte budget (high-cardinality text and id
 * columns then take the string path, which is correct, only slower).
 */

const MAX_POOL_BYTES = 32 * 1024 * 1024;

/** Where an interner starts: nothing allocated until its first value (a file 100,000 columns wide has as many interners, most never used). */
const NO_INTS = new Int32Array(0);
const NO_BYTES = new Uint8Array(0);

export class ByteInterner {
  /** Entry index + 1 per slot; 0 is empty. Power-of-two size, at most half full. */
  private slots: Int32Array = NO_INTS;
  private entryHash: Int32Array = NO_INTS;
  private entryStart: Int32Array = NO_INTS;
  private entryLength: Int32Array = NO_INTS;
  private entryCode: Int32Array = NO_INTS;
  private entries = 0;
  private pool: Uint8Array = NO_BYTES;
  private poolUsed = 0;

  /** The code remembered for `buf[start, end)`, or -1. */
  lookup(buf: Uint8Array, start: number, end: number): number {
    if (this.entries === 0) return -1;
    const h = hashBytes(buf, start, end);
    const slots = this.slots;
    const mask = slots.length - 1;
    const n = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = slots[s]!;
      if (e === 0) return -1;
      const entry = e - 1;
      if (this.entryHash[entry] === h && this.entryLength[entry] === n) {
        const at = this.entryStart[entry]!;
        const pool = this.pool;
        let k = 0;
        while (k < n && pool[at + k] === buf[start + k]) k++;
        if (k === n) return this.entryCode[entry]!;
      }
    }
  }

  /** Remembers that `buf[start, end)` has dictionary code `code` (unless over the byte budget). */
  remember(buf: Uint8Array, start: number, end: number, code: number): void {
    const n = end - start;
    if (this.poolUsed + n > MAX_POOL_BYTES) return;
    if ((this.entries + 1) * 2 > this.slots.length) this.rehash(Math.max(64, this.slots.length * 2));
    if (this.entries === this.entryHash.length) this.growEntries();
    while (this.poolUsed + n > this.pool.length) {
      const bigger = new Uint8Array(Math.max(1024, this.pool.length * 2));
      bigger.set(this.pool.subarray(0, this.poolUsed));
      this.pool = bigger;
    }
    this.pool.set(buf.subarray(start, end), this.poolUsed);
    const entry = this.entries++;
    const h = hashBytes(buf, start, end);
    this.entryHash[entry] = h;
    this.entryStart[entry] = this.poolUsed;
    this.entryLength[entry] = n;
    this.entryCode[entry] = code;
    this.poolUsed += n;
    this.insertSlot(entry, h);
  }

  private insertSlot(entry: number, h: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = entry + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let e = 0; e < this.entries; e++) this.insertSlot(e, this.entryHash[e]!);
  }

  private growEntries(): void {
    const n = Math.max(16, this.entryHash.length * 2);
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.entryHash = grow(this.entryHash);
    this.entryStart = grow(this.entryStart);
    this.entryLength = grow(this.entryLength);
    this.entryCode = grow(this.entryCode);
  }
}

/** FNV-1a over the bytes. */
function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 16777619);
  return h;
}

/**
 * Dictionary codes of a categorical column's short values (1-7 bytes), keyed by the bytes themselves held
 * in two 32-bit words, so the CSV fast path finds `north` or `basic` with one hash of two integers instead
 * of hashing and comparing byte by byte (ByteInterner, which stays the authority: entries are copied from
 * its answers). Fixed size; when it is full, or when most lookups miss (a high-cardinality column), it
 * stops being consulted.
 */

const SLOTS = 128;
const MAX_ENTRIES = 64;

export class ShortValueCache {
  /** Per slot: first word, second word, length (0 = empty), code. */
  private readonly table: Int32Array;
  private entries = 0;
  private misses = 0;
  private hits = 0;
  /** False once the cache stopped paying for itself. */
  active = true;

  /** A cache that is never consulted (and allocates nothing). */
  static inactive(): ShortValueCache {
    const cache = new ShortValueCache(0);
    cache.active = false;
    return cache;
  }

  constructor(slots = SLOTS) {
    this.table = new Int32Array(slots * 4);
  }

  /**
   * The code of the value whose bytes are `w1` (bytes 0-3, little-endian) and `w2` (bytes 4-7), bytes past
   * `length` zeroed; -1 when unknown.
   */
  get(w1: number, w2: number, length: number): number {
    const table = this.table;
    for (let s = slotOf(w1, w2, length); ; s = (s + 1) & (SLOTS - 1)) {
      const o = s * 4;
      const l = table[o + 2]!;
      if (l === length && table[o] === w1 && table[o + 1] === w2) {
        this.hits++;
        return table[o + 3]!;
      }
      if (l === 0) {
        this.noteMiss();
        return -1;
      }
    }
  }

  /** Remembers a value's code (from ByteInterner or the column dictionary). */
  set(w1: number, w2: number, length: number, code: number): void {
    if (this.entries === MAX_ENTRIES) return;
    const table = this.table;
    let s = slotOf(w1, w2, length);
    while (table[s * 4 + 2] !== 0) {
      if (table[s * 4 + 2] === length && table[s * 4] === w1 && table[s * 4 + 1] === w2) return;
      s = (s + 1) & (SLOTS - 1);
    }
    const o = s * 4;
    table[o] = w1;
    table[o + 1] = w2;
    table[o + 2] = length;
    table[o + 3] = code;
    this.entries++;
  }

  private noteMiss(): void {
    this.misses++;
    // Misses that keep coming after the table filled up, or that outnumber hits: many distinct values.
    if (this.misses > 1024 && this.misses * 4 > this.hits) this.active = false;
  }
}

function slotOf(w1: number, w2: number, length: number): number {
  return Math.imul(w1 ^ Math.imul(w2 ^ length, 0x85ebca6b), 0x9e3779b1) >>> 25;
}

/**
 * A column being built by a reader: starts numeric (Float64Array, NaN for missing) and switches to
 * dictionary-encoded categorical storage the first time a non-numeric, non-missing value arrives.
 *
 * Type switch: the CSV reader sniffs its first chunk, so a column with a text value there starts
 * categorical and keeps every value's exact text. When the first text value only appears later, the
 * numbers already stored are re-encoded with their shortest round-trip text `String(n)` (so `1.50` seen
 * before the switch becomes the category `1.5`, `007` becomes `7`). Keeping every raw number text instead
 * would cost far more memory than the column itself.
 *
 * Buffers are sized by the caller (`grow`) for all columns at once, and trimmed once in `finish`.
 */
import { DriftwatchError } from '../core/index.js';
import { MISSING_CODE, type Column } from './table/index.js';

/** Storage a reader may force on a column (from ReadOptions.columnKinds). */
export type ForcedStorage = 'auto' | 'numeric' | 'categorical';

// Set once by a thread that reads tables for another thread (readTableInWorker's worker): columns on
// SharedArrayBuffer reach the caller without a copy and can be handed on to analysis workers without one
// either, where transferring would need a copy per worker. A module flag rather than an option because
// the readers construct accumulators at several depths and the choice is the thread's, not the file's.
let shared = false;

/** Columns built on this thread from now on live on SharedArrayBuffer (see readTableInWorker). */
export function useSharedColumnStorage(on: boolean): void {
  shared = on;
}

/**
 * Small column buffers are cut from 1 MiB slabs, shared or not: a SharedArrayBuffer costs a system call and
 * at least a page, passing one between threads has a fixed cost too, and every ArrayBuffer (shared or not)
 * is an off-heap allocation the garbage collector tracks one by one — a file of 100,000 short columns
 * spent seconds and a gigabyte on them. Columns keep working as views (byteOffset); a slab is freed with
 * its last column. Readers that hand a table's buffers to another thread transfer each distinct buffer
 * once (table-transfer.ts) and copy plain ones (the analysis workers' buffer pool), so sharing a slab
 * between columns is safe.
 */
const SLAB_BYTES = 1 << 20;
const SMALL_BYTES = 1 << 14;

interface Slab {
  buffer: ArrayBuffer | SharedArrayBuffer | undefined;
  used: number;
}
const sharedSlab: Slab = { buffer: undefined, used: 0 };
const plainSlab: Slab = { buffer: undefined, used: 0 };

/** `bytes` of column storage: its own buffer when large, else a piece of this thread's current slab. */
function columnBytes(bytes: number): { buffer: ArrayBuffer | SharedArrayBuffer; offset: number } {
  if (bytes > SMALL_BYTES) return { buffer: shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), offset: 0 };
  const slab = shared ? sharedSlab : plainSlab;
  const aligned = (bytes + 7) & ~7;
  if (slab.buffer === undefined || slab.used + aligned > SLAB_BYTES) {
    slab.buffer = shared ? new SharedArrayBuffer(SLAB_BYTES) : new ArrayBuffer(SLAB_BYTES);
    slab.used = 0;
  }
  const offset = slab.used;
  slab.used += aligned;
  return { buffer: slab.buffer, offset };
}

/** Whether a buffer of this many bytes comes from a slab (trimming it in place then frees nothing). */
function isSlabSized(bytes: number): boolean {
  return bytes <= SMALL_BYTES;
}

/** A column buffer of n values in this thread's column storage (shared or not). */
export function float64(n: number): Float64Array {
  const { buffer, offset } = columnBytes(n * 8);
  return new Float64Array(buffer, offset, n);
}

/** A code buffer of n values in this thread's column storage (shared or not). */
export function int32(n: number): Int32Array {
  const { buffer, offset } = columnBytes(n * 4);
  return new Int32Array(buffer, offset, n);
}

// The unused side of an accumulator: one empty array for all of them (nothing is ever written to it).
const EMPTY_VALUES = new Float64Array(0);
const EMPTY_CODES = new Int32Array(0);

export class ColumnAccumulator {
  readonly name: string;
  readonly forced: ForcedStorage;
  /** True while values go into `values`; false once categorical. */
  numeric: boolean;
  values: Float64Array;
  codes: Int32Array;
  /** Made on the first category: most columns of a wide numeric file never need one. */
  private index: Map<string, number> | undefined;
  readonly dictionary: string[] = [];
  /** Per dictionary entry, the line where it first appeared (0: not known). */
  private readonly lines: number[] = [];
  private anyLine = false;

  constructor(name: string, capacity: number, forced: ForcedStorage = 'auto') {
    this.name = name;
    this.forced = forced;
    this.numeric = forced !== 'categorical';
    this.values = this.numeric ? float64(capacity) : EMPTY_VALUES;
    this.codes = this.numeric ? EMPTY_CODES : int32(capacity);
  }

  /** Makes room for `capacity` rows, keeping the first `rows`. */
  grow(capacity: number, rows: number): void {
    if (this.numeric) {
      const v = float64(capacity);
      v.set(this.values.subarray(0, rows));
      this.values = v;
    } else {
      const c = int32(capacity);
      c.set(this.codes.subarray(0, rows));
      this.codes = c;
    }
  }

  /** The dictionary code of `s`, adding it on first sight (at file line `line`, 0 when not known). */
  code(s: string, line = 0): number {
    this.index ??= new Map();
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.dictionary.length;
      this.dictionary.push(s);
      this.lines.push(line);
      if (line !== 0) this.anyLine = true;
      this.index.set(s, c);
    }
    return c;
  }

  setMissing(row: number): void {
    if (this.numeric) this.values[row] = NaN;
    else this.codes[row] = MISSING_CODE;
  }

  setNumber(row: number, v: number): void {
    if (this.numeric) this.values[row] = v;
    else this.codes[row] = this.code(String(v));
  }

  /** Stores a non-missing text value, switching to categorical first if needed (rows before `row` are filled). */
  setString(row: number, s: string, line = 0): void {
    if (this.numeric) this.switchToCategorical(row);
    this.codes[row] = this.code(s, line);
  }

  /** Re-encodes rows [0, rows) as categories from their shortest round-trip text. */
  switchToCategorical(rows: number): void {
    if (!this.numeric) return;
    if (this.forced === 'numeric') {
      throw new DriftwatchError('INTERNAL', `column "${this.name}" was forced numeric; the reader must reject text first`);
    }
    const values = this.values;
    const codes = int32(values.length);
    for (let i = 0; i < rows; i++) {
      const v = values[i]!;
      codes[i] = Number.isNaN(v) ? MISSING_CODE : this.code(String(v));
    }
    this.codes = codes;
    this.values = EMPTY_VALUES;
    this.numeric = false;
  }

  /** The finished column with buffers trimmed to `rows` (a copy only when much space would be wasted). */
  finish(rows: number): Column {
    if (this.numeric) {
      return { storage: 'numeric', name: this.name, kind: 'numeric', values: trim(this.values, rows) };
    }
    const column = { storage: 'categorical', name: this.name, kind: 'categorical', codes: trim(this.codes, rows), dictionary: this.dictionary } as const;
    return this.anyLine ? { ...column, lines: this.lines } : column;
  }
}

/**
 * Exact-length column. Up to 1/8 spare room is kept as a view rather than copied: the spare pages were
 * never written, so they cost address space, not memory, while a copy would touch every page again. A
 * piece of a slab is kept as a view whatever its spare room: a copy would take another piece and free none.
 */
function trim<T extends Float64Array | Int32Array>(a: T, rows: number): T {
  if (a.length === rows) return a;
  if (a.length - rows <= rows / 8 || isSlabSized(a.byteLength)) return a.subarray(0, rows) as T;
  const copy = (a instanceof Float64Array ? float64(rows) : int32(rows)) as T;
  copy.set(a.subarray(0, rows));
  return copy;
}

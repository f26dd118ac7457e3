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
import { DriftwatchError } from '../core/errors.js';
import { MISSING_CODE, type Column } from './table.js';

/** Storage a reader may force on a column (from ReadOptions.columnKinds). */
export type ForcedStorage = 'auto' | 'numeric' | 'categorical';

export class ColumnAccumulator {
  readonly name: string;
  readonly forced: ForcedStorage;
  /** True while values go into `values`; false once categorical. */
  numeric: boolean;
  values: Float64Array;
  codes: Int32Array;
  private readonly index = new Map<string, number>();
  readonly dictionary: string[] = [];

  constructor(name: string, capacity: number, forced: ForcedStorage = 'auto') {
    this.name = name;
    this.forced = forced;
    this.numeric = forced !== 'categorical';
    this.values = this.numeric ? new Float64Array(capacity) : new Float64Array(0);
    this.codes = this.numeric ? new Int32Array(0) : new Int32Array(capacity);
  }

  /** Makes room for `capacity` rows, keeping the first `rows`. */
  grow(capacity: number, rows: number): void {
    if (this.numeric) {
      const v = new Float64Array(capacity);
      v.set(this.values.subarray(0, rows));
      this.values = v;
    } else {
      const c = new Int32Array(capacity);
      c.set(this.codes.subarray(0, rows));
      this.codes = c;
    }
  }

  /** The dictionary code of `s`, adding it on first sight. */
  code(s: string): number {
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.dictionary.length;
      this.dictionary.push(s);
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
  setString(row: number, s: string): void {
    if (this.numeric) this.switchToCategorical(row);
    this.codes[row] = this.code(s);
  }

  /** Re-encodes rows [0, rows) as categories from their shortest round-trip text. */
  switchToCategorical(rows: number): void {
    if (!this.numeric) return;
    if (this.forced === 'numeric') {
      throw new DriftwatchError('INTERNAL', `column "${this.name}" was forced numeric; the reader must reject text first`);
    }
    const values = this.values;
    const codes = new Int32Array(values.length);
    for (let i = 0; i < rows; i++) {
      const v = values[i]!;
      codes[i] = Number.isNaN(v) ? MISSING_CODE : this.code(String(v));
    }
    this.codes = codes;
    this.values = new Float64Array(0);
    this.numeric = false;
  }

  /** The finished column with buffers trimmed to `rows` (a copy only when much space would be wasted). */
  finish(rows: number): Column {
    if (this.numeric) {
      return { storage: 'numeric', name: this.name, kind: 'numeric', values: trim(this.values, rows) };
    }
    return { storage: 'categorical', name: this.name, kind: 'categorical', codes: trim(this.codes, rows), dictionary: this.dictionary };
  }
}

/**
 * Exact-length column. Up to 1/8 spare room is kept as a view rather than copied: the spare pages were
 * never written, so they cost address space, not memory, while a copy would touch every page again.
 */
function trim<T extends Float64Array | Int32Array>(a: T, rows: number): T {
  if (a.length === rows) return a;
  if (a.length - rows <= rows / 8) return a.subarray(0, rows) as T;
  return a.slice(0, rows) as T;
}

/**
 * Decoders that turn the values of Parquet data pages straight into a Table column: numeric columns into
 * a Float64Array (NaN for null), the others into dictionary codes (Int32Array) and a dictionary in order of
 * first appearance, with no JavaScript value per cell. The common encodings have their own loops: PLAIN
 * doubles are one byte copy, PLAIN integers one DataView read each, dictionary pages are decoded once per
 * column chunk and their indices mapped through a small table, PLAIN strings are found by their bytes
 * (ByteInterner) so a string is made only per distinct value. Rarer encodings (BYTE_STREAM_SPLIT, DELTA_*)
 * and types (INT96, FIXED_LEN_BYTE_ARRAY, FLOAT16) go through hyparquet's decoders, then one conversion per
 * value.
 *
 * Conversions (what the previous reader on hyparquet's row API gave, except decimals): DATE, TIMESTAMP and
 * INT96 are epoch milliseconds (truncated toward zero); unsigned integers are read unsigned; decimals are
 * the unscaled integer divided by 10^scale (one correctly rounded division, so `1.23` stored as 123 with
 * scale 2 is the same double as the text `1.23`); INT64 beyond 2^53 rounds to the nearest double; NaN is
 * missing. Booleans are the categories "true"/"false"; byte arrays are UTF-8 text (invalid bytes become
 * U+FFFD); UUIDs their canonical text; other fixed-length byte arrays hex.
 */
import type { SchemaElement } from 'hyparquet';
import { deltaBinaryUnpack, deltaByteArray, deltaLengthByteArray } from 'hyparquet/src/delta.js';
import { byteStreamSplit } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { ByteInterner } from './byte-interner.js';
import type { MissingMatcher } from './missing-values.js';
import { float64, int32 } from './column-accumulator.js';
import { decodeHybrid, ParquetDataError } from './parquet-hybrid.js';
import { MISSING_CODE, type Column } from './table/index.js';

type Raw = number | bigint | boolean | Uint8Array | string | null | undefined;

export interface ColumnDecoder {
  /** The column chunk's dictionary page (PLAIN values). */
  dictionary(page: Uint8Array, count: number): void;
  /**
   * One data page: `present` encoded values from `page[pos]` for rows [row, row + count); `defs`, when not
   * null, has 1 for the rows that have a value and 0 for nulls.
   */
  values(encoding: string, page: Uint8Array, pos: number, present: number, row: number, count: number, defs: Uint8Array | null): void;
  /** The chunk ended: its dictionary no longer applies. */
  endChunk(): void;
  finish(): Column;
}

/** Whether the column is read as numbers (else as categories). */
export function isNumericElement(e: SchemaElement): boolean {
  if (e.converted_type === 'DECIMAL' || e.logical_type?.type === 'DECIMAL' || e.logical_type?.type === 'FLOAT16') return true;
  return e.type === 'INT32' || e.type === 'INT64' || e.type === 'INT96' || e.type === 'FLOAT' || e.type === 'DOUBLE';
}

export function isDatetimeElement(e: SchemaElement): boolean {
  const logical = e.logical_type?.type;
  return (
    e.type === 'INT96' ||
    logical === 'DATE' ||
    logical === 'TIMESTAMP' ||
    e.converted_type === 'DATE' ||
    e.converted_type === 'TIMESTAMP_MILLIS' ||
    e.converted_type === 'TIMESTAMP_MICROS'
  );
}

export function columnDecoder(element: SchemaElement, rows: number, missing: MissingMatcher): ColumnDecoder {
  return isNumericElement(element) ? new NumericDecoder(element, rows) : new CategoricalDecoder(element, rows, missing);
}

function dataView(page: Uint8Array): DataView {
  return new DataView(page.buffer, page.byteOffset, page.byteLength);
}

function need(page: Uint8Array, end: number): void {
  if (end > page.length) throw new ParquetDataError(`page ends before its ${end - page.length} last value bytes`);
}

/** Dictionary indices of a data page: a bit width byte, then the hybrid runs. */
function readIndices(page: Uint8Array, pos: number, present: number, out: Int32Array, dictionarySize: number): void {
  if (present === 0) return;
  const bitWidth = page[pos]!;
  if (bitWidth > 32) throw new ParquetDataError(`dictionary index width ${bitWidth} is invalid`);
  if (bitWidth === 0) out.fill(0, 0, present);
  else decodeHybrid(page, pos + 1, page.length, bitWidth, out, present);
  for (let i = 0; i < present; i++) {
    if (out[i]! >= dictionarySize) throw new ParquetDataError(`dictionary index ${out[i]} is past the dictionary's ${dictionarySize} values`);
  }
}

/** Hyparquet's decoders for the encodings without a loop of their own; the values in physical form. */
function rawValues(element: SchemaElement, encoding: string, page: Uint8Array, pos: number, present: number): ArrayLike<Raw> {
  const reader = { view: dataView(page), offset: pos };
  const type = element.type!;
  if (encoding === 'PLAIN') return readPlain(reader, type, present, element.type_length) as ArrayLike<Raw>;
  if (encoding === 'BYTE_STREAM_SPLIT') return byteStreamSplit(reader, present, type, element.type_length) as ArrayLike<Raw>;
  if (encoding === 'DELTA_BINARY_PACKED' && (type === 'INT32' || type === 'INT64')) {
    const out = type === 'INT32' ? new Int32Array(present) : new BigInt64Array(present);
    deltaBinaryUnpack(reader, present, out);
    return out;
  }
  if (encoding === 'DELTA_LENGTH_BYTE_ARRAY' || encoding === 'DELTA_BYTE_ARRAY') {
    const out = new Array<Uint8Array>(present);
    (encoding === 'DELTA_BYTE_ARRAY' ? deltaByteArray : deltaLengthByteArray)(reader, present, out);
    return out;
  }
  throw new ParquetDataError(`encoding ${encoding} is not supported for ${type} values`);
}

/** Exactly 10^k for k <= 22. */
function pow10(k: number): number {
  return Number(`1e${k}`);
}

class NumericDecoder implements ColumnDecoder {
  private readonly column: Float64Array;
  private dict = new Float64Array(0);
  private scratch = new Float64Array(0);
  private indices = new Int32Array(0);
  private readonly kind: 'DOUBLE' | 'FLOAT' | 'INT32' | 'INT64' | 'OTHER';
  private readonly unsigned: boolean;
  /** Unscaled integers are divided by this (decimals); 1 otherwise. */
  private readonly divisor: number;
  /** Integers are multiplied by this (DATE days to ms); 1 otherwise. */
  private readonly factor: number;
  /** INT64 timestamps in micro- or nanoseconds: exact BigInt division to milliseconds. */
  private readonly perMs: bigint;

  constructor(
    private readonly element: SchemaElement,
    rows: number,
  ) {
    this.column = float64(rows);
    const e = element;
    const logical = e.logical_type;
    this.unsigned =
      e.converted_type === 'UINT_8' || e.converted_type === 'UINT_16' || e.converted_type === 'UINT_32' || e.converted_type === 'UINT_64' || (logical?.type === 'INTEGER' && !logical.isSigned);
    const scale = e.converted_type === 'DECIMAL' || logical?.type === 'DECIMAL' ? (e.scale ?? (logical?.type === 'DECIMAL' ? logical.scale : 0)) : 0;
    this.divisor = scale > 0 ? pow10(scale) : 1;
    this.factor = logical?.type === 'DATE' || e.converted_type === 'DATE' ? 86_400_000 : 1;
    const unit = logical?.type === 'TIMESTAMP' ? logical.unit : e.converted_type === 'TIMESTAMP_MICROS' ? 'MICROS' : 'MILLIS';
    this.perMs = e.type === 'INT64' && (logical?.type === 'TIMESTAMP' || e.converted_type === 'TIMESTAMP_MICROS') ? (unit === 'NANOS' ? 1_000_000n : unit === 'MICROS' ? 1000n : 1n) : 1n;
    const t = e.type;
    const fast = (t === 'DOUBLE' || t === 'FLOAT' || t === 'INT32' || t === 'INT64') && this.perMs === 1n && logical?.type !== 'FLOAT16';
    this.kind = fast ? t : 'OTHER';
  }

  private fromInteger(v: number): number {
    return this.divisor !== 1 ? v / this.divisor : v * this.factor;
  }

  /** One value in physical form (hyparquet's decoders) as a number. */
  private convert(v: Raw): number {
    if (v === null || v === undefined) return NaN;
    const e = this.element;
    if (typeof v === 'number') {
      if (e.type === 'INT32') return this.fromInteger(this.unsigned ? v >>> 0 : v);
      return v;
    }
    if (typeof v === 'bigint') {
      if (e.type === 'INT96') {
        const days = (v >> 64n) - 2440588n;
        const nanos = v & 0xffffffffffffffffn;
        return Number((days * 86_400_000_000_000n + nanos) / 1_000_000n);
      }
      const x = this.unsigned ? BigInt.asUintN(64, v) : v;
      if (this.perMs !== 1n) return Number(x / this.perMs);
      return this.fromInteger(Number(x));
    }
    if (v instanceof Uint8Array) {
      if (e.logical_type?.type === 'FLOAT16') return float16(v);
      return this.fromInteger(bigEndianInteger(v));
    }
    throw new ParquetDataError(`a ${e.type} value cannot be read as a number`);
  }

  /** Decodes `n` PLAIN values at `page[pos]` into `out[at, at + n)`. */
  private plain(page: Uint8Array, pos: number, n: number, out: Float64Array, at: number): void {
    const kind = this.kind;
    if (kind === 'DOUBLE') {
      need(page, pos + n * 8);
      new Uint8Array(out.buffer, out.byteOffset + at * 8, n * 8).set(page.subarray(pos, pos + n * 8));
      return;
    }
    const dv = dataView(page);
    if (kind === 'FLOAT') {
      need(page, pos + n * 4);
      for (let i = 0; i < n; i++) out[at + i] = dv.getFloat32(pos + i * 4, true);
    } else if (kind === 'INT32') {
      need(page, pos + n * 4);
      const scaled = this.divisor !== 1 || this.factor !== 1;
      for (let i = 0; i < n; i++) {
        const v = this.unsigned ? dv.getUint32(pos + i * 4, true) : dv.getInt32(pos + i * 4, true);
        out[at + i] = scaled ? this.fromInteger(v) : v;
      }
    } else if (kind === 'INT64') {
      need(page, pos + n * 8);
      const scaled = this.divisor !== 1 || this.factor !== 1;
      for (let i = 0; i < n; i++) {
        const p = pos + i * 8;
        const hi = this.unsigned ? dv.getUint32(p + 4, true) : dv.getInt32(p + 4, true);
        // hi * 2^32 is exact and the sum rounds once: the same double as Number(bigint).
        const v = hi * 4294967296 + dv.getUint32(p, true);
        out[at + i] = scaled ? this.fromInteger(v) : v;
      }
    } else {
      const raw = rawValues(this.element, 'PLAIN', page, pos, n);
      for (let i = 0; i < n; i++) out[at + i] = this.convert(raw[i]);
    }
  }

  dictionary(page: Uint8Array, count: number): void {
    this.dict = new Float64Array(count);
    this.plain(page, 0, count, this.dict, 0);
  }

  values(encoding: string, page: Uint8Array, pos: number, present: number, row: number, count: number, defs: Uint8Array | null): void {
    let out = this.column;
    let at = row;
    if (defs !== null) {
      if (this.scratch.length < present) this.scratch = new Float64Array(Math.max(present, 1024));
      out = this.scratch;
      at = 0;
    }
    if (encoding === 'PLAIN') {
      this.plain(page, pos, present, out, at);
    } else if (encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY') {
      if (this.indices.length < present) this.indices = new Int32Array(Math.max(present, 1024));
      const indices = this.indices;
      const dict = this.dict;
      readIndices(page, pos, present, indices, dict.length);
      for (let i = 0; i < present; i++) out[at + i] = dict[indices[i]!]!;
    } else {
      const raw = rawValues(this.element, encoding, page, pos, present);
      for (let i = 0; i < present; i++) out[at + i] = this.convert(raw[i]);
    }
    if (defs !== null) {
      const values = this.column;
      let k = 0;
      for (let i = 0; i < count; i++) values[row + i] = defs[i] === 1 ? out[k++]! : NaN;
    }
  }

  endChunk(): void {
    this.dict = new Float64Array(0);
  }

  finish(): Column {
    return { storage: 'numeric', name: this.element.name, kind: isDatetimeElement(this.element) ? 'datetime' : 'numeric', values: this.column };
  }
}

/** Big-endian two's complement bytes (decimals) as a number, rounded once. */
function bigEndianInteger(b: Uint8Array): number {
  if (b.length === 0) return 0;
  if (b.length <= 6) {
    let v = 0;
    for (const x of b) v = v * 256 + x;
    return b[0]! >= 0x80 ? v - 2 ** (8 * b.length) : v;
  }
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  if (b[0]! >= 0x80) v -= 1n << BigInt(8 * b.length);
  return Number(v);
}

function float16(b: Uint8Array): number {
  if (b.length !== 2) return NaN;
  const bits = b[0]! | (b[1]! << 8);
  const sign = bits >> 15 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

class CategoricalDecoder implements ColumnDecoder {
  private readonly codes: Int32Array;
  private readonly dictionaryList: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly interner = new ByteInterner();
  private readonly utf8 = new TextDecoder();
  /** This chunk's dictionary: its texts, and their column codes once used (-1 before). */
  private chunkTexts: string[] = [];
  private chunkCodes = new Int32Array(0);
  private scratch = new Int32Array(0);
  private readonly isString: boolean;

  constructor(
    private readonly element: SchemaElement,
    rows: number,
    private readonly missing: MissingMatcher,
  ) {
    this.codes = int32(rows);
    const logical = element.logical_type?.type;
    this.isString = element.type === 'BYTE_ARRAY' && logical !== 'UUID' && element.converted_type !== 'BSON';
  }

  private code(s: string): number {
    let c = this.index.get(s);
    if (c === undefined) {
      // A string spelling missing ("nan", "None") is missing, as in the other readers.
      if (this.isString && this.missing.matchText(s)) {
        this.index.set(s, MISSING_CODE);
        return MISSING_CODE;
      }
      c = this.dictionaryList.length;
      this.dictionaryList.push(s);
      this.index.set(s, c);
    }
    return c;
  }

  /** A value in physical form as its category text. */
  private text(v: Raw): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (v instanceof Uint8Array) {
      if (this.element.type === 'BYTE_ARRAY' && this.element.converted_type !== 'BSON') return this.utf8.decode(v);
      const hex = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
      if (this.element.logical_type?.type === 'UUID' && hex.length === 32) {
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      }
      return hex;
    }
    throw new ParquetDataError(`a ${this.element.type} value cannot be read as text`);
  }

  /** Decodes `n` values at `page[pos]` (PLAIN or another value encoding) into codes `out[at, at + n)`. */
  private decode(encoding: string, page: Uint8Array, pos: number, n: number, out: Int32Array, at: number): void {
    if (encoding === 'PLAIN' && this.isString) {
      const interner = this.interner;
      const dv = dataView(page);
      let p = pos;
      for (let i = 0; i < n; i++) {
        need(page, p + 4);
        const len = dv.getUint32(p, true);
        const start = p + 4;
        const end = start + len;
        need(page, end);
        let c = interner.lookup(page, start, end);
        if (c < 0) {
          c = this.code(this.utf8.decode(page.subarray(start, end)));
          interner.remember(page, start, end, c);
        }
        out[at + i] = c;
        p = end;
      }
    } else if (this.element.type === 'BOOLEAN' && (encoding === 'PLAIN' || encoding === 'RLE')) {
      const bits = new Uint8Array(n);
      if (encoding === 'PLAIN') {
        need(page, pos + Math.ceil(n / 8));
        for (let i = 0; i < n; i++) bits[i] = (page[pos + (i >> 3)]! >> (i & 7)) & 1;
      } else {
        need(page, pos + 4);
        const len = dataView(page).getUint32(pos, true);
        decodeHybrid(page, pos + 4, Math.min(page.length, pos + 4 + len), 1, bits, n);
      }
      const codes = [-1, -1];
      for (let i = 0; i < n; i++) {
        const b = bits[i]!;
        let c = codes[b]!;
        if (c < 0) c = codes[b] = this.code(b === 1 ? 'true' : 'false');
        out[at + i] = c;
      }
    } else {
      const raw = rawValues(this.element, encoding, page, pos, n);
      for (let i = 0; i < n; i++) out[at + i] = this.code(this.text(raw[i]));
    }
  }

  dictionary(page: Uint8Array, count: number): void {
    const raw = rawValues(this.element, 'PLAIN', page, 0, count);
    this.chunkTexts = Array.from({ length: count }, (_, i) => this.text(raw[i]));
    this.chunkCodes = new Int32Array(count).fill(-1);
  }

  values(encoding: string, page: Uint8Array, pos: number, present: number, row: number, count: number, defs: Uint8Array | null): void {
    let out = this.codes;
    let at = row;
    if (defs !== null) {
      if (this.scratch.length < present) this.scratch = new Int32Array(Math.max(present, 1024));
      out = this.scratch;
      at = 0;
    }
    if (encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY') {
      const indices = defs !== null ? out : this.codes.subarray(row, row + present);
      readIndices(page, pos, present, indices, this.chunkTexts.length);
      // Column codes are given at first use, so the dictionary keeps the order of first appearance.
      const map = this.chunkCodes;
      for (let i = 0; i < present; i++) {
        const k = indices[i]!;
        let c = map[k]!;
        if (c < 0) c = map[k] = this.code(this.chunkTexts[k]!);
        indices[i] = c;
      }
    } else {
      this.decode(encoding, page, pos, present, out, at);
    }
    if (defs !== null) {
      const codes = this.codes;
      let k = 0;
      for (let i = 0; i < count; i++) codes[row + i] = defs[i] === 1 ? out[k++]! : MISSING_CODE;
    }
  }

  endChunk(): void {
    this.chunkTexts = [];
    this.chunkCodes = new Int32Array(0);
  }

  finish(): Column {
    return { storage: 'categorical', name: this.element.name, kind: 'categorical', codes: this.codes, dictionary: this.dictionaryList };
  }
}

/**
 * The binary form of a logged batch: its rows column by column, so a batch of 100,000 rows is one database
 * value written in one statement and read back without one object per row.
 *
 * Layout (little-endian): the magic "DWC1", a u32 header length, the header as UTF-8 JSON
 * (`{ n, groups: { <group>: [{ name, kind, dict? }] } }`), zero padding to a multiple of 8, then each
 * column's body in header order, each padded to a multiple of 8 so a Float64Array can view it in place:
 * - `f64`: n float64 values, NaN where the value is missing (JSON has no NaN, so missing and NaN are one);
 * - `dict`: n int32 codes into `dict` (the distinct values, JSON numbers, strings or booleans), -1 missing.
 * A column whose values are all numbers (or missing) is `f64`; any other column is `dict`, which keeps
 * each value's JSON type, so a mixed column reads back exactly as written.
 */
export type CellValue = number | string | boolean | null;

/** The missing code of a `dict` column (the same as the Table's). */
export const MISSING = -1;

export type PayloadColumn =
  | { readonly kind: 'f64'; readonly name: string; readonly values: Float64Array }
  | { readonly kind: 'dict'; readonly name: string; readonly codes: Int32Array; readonly dict: readonly CellValue[] };

/** Column groups of one batch, e.g. `features` and `rows` (the per-row prediction, time, version …). */
export type PayloadGroups = Readonly<Record<string, readonly PayloadColumn[]>>;

export interface DecodedPayload {
  readonly n: number;
  readonly groups: PayloadGroups;
}

const MAGIC = 0x31435744; // "DWC1" read as a little-endian u32
const pad8 = (n: number): number => (n + 7) & ~7;

interface HeaderColumn {
  readonly name: string;
  readonly kind: 'f64' | 'dict';
  readonly dict?: readonly CellValue[];
}

export function encodePayload(n: number, groups: PayloadGroups): Buffer {
  const header: { n: number; groups: Record<string, HeaderColumn[]> } = { n, groups: {} };
  let bodyBytes = 0;
  for (const [g, cols] of Object.entries(groups)) {
    header.groups[g] = cols.map((c) => {
      const len = c.kind === 'f64' ? c.values.length : c.codes.length;
      if (len !== n) throw new RangeError(`column "${c.name}" has ${len} values, the batch ${n}`);
      bodyBytes += pad8(c.kind === 'f64' ? 8 * n : 4 * n);
      return c.kind === 'f64' ? { name: c.name, kind: 'f64' } : { name: c.name, kind: 'dict', dict: c.dict };
    });
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const start = pad8(8 + json.length);
  const out = Buffer.allocUnsafe(start + bodyBytes);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  out.fill(0, 8 + json.length, start);
  let at = start;
  for (const cols of Object.values(groups)) {
    for (const c of cols) {
      const src = c.kind === 'f64' ? c.values : c.codes;
      const bytes = new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
      out.set(bytes, at);
      const padded = pad8(src.byteLength);
      out.fill(0, at + src.byteLength, at + padded);
      at += padded;
    }
  }
  return out;
}

export function decodePayload(data: Uint8Array): DecodedPayload {
  // Typed views need aligned offsets; a driver's buffer may start anywhere in its pool, so copy once if not.
  const buf = data.byteOffset % 8 === 0 ? data : new Uint8Array(data);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new RangeError('not a Driftwatch column payload');
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(Buffer.from(buf.buffer, buf.byteOffset + 8, headerLength).toString('utf8')) as { n: number; groups: Record<string, HeaderColumn[]> };
  const n = header.n;
  let at = pad8(8 + headerLength);
  const groups: Record<string, PayloadColumn[]> = {};
  for (const [g, cols] of Object.entries(header.groups)) {
    groups[g] = cols.map((c): PayloadColumn => {
      if (c.kind === 'f64') {
        const values = new Float64Array(buf.buffer, buf.byteOffset + at, n);
        at += pad8(8 * n);
        return { kind: 'f64', name: c.name, values };
      }
      const codes = new Int32Array(buf.buffer, buf.byteOffset + at, n);
      at += pad8(4 * n);
      return { kind: 'dict', name: c.name, codes, dict: c.dict ?? [] };
    });
  }
  return { n, groups };
}

/**
 * Builds one column from values given one at a time: numeric while every value is a number or missing,
 * switching to a dictionary at the first string or boolean (the numbers so far become dictionary entries).
 */
export class ColumnBuilder {
  #values: Float64Array | null;
  #codes: Int32Array | null = null;
  #dict: CellValue[] = [];
  #index = new Map<CellValue, number>();
  constructor(readonly name: string, readonly n: number) {
    this.#values = new Float64Array(n).fill(NaN);
  }

  set(i: number, v: CellValue | undefined): void {
    if (this.#values !== null) {
      if (typeof v === 'number') {
        this.#values[i] = v;
        return;
      }
      if (v === null || v === undefined) return;
      this.#toDict();
    }
    this.#codes![i] = v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? MISSING : this.#code(v);
  }

  #code(v: CellValue): number {
    let c = this.#index.get(v);
    if (c === undefined) {
      c = this.#dict.length;
      this.#dict.push(v);
      this.#index.set(v, c);
    }
    return c;
  }

  #toDict(): void {
    const values = this.#values!;
    const codes = new Int32Array(this.n).fill(MISSING);
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) codes[i] = this.#code(values[i]!);
    this.#codes = codes;
    this.#values = null;
  }

  build(): PayloadColumn {
    return this.#values !== null ? { kind: 'f64', name: this.name, values: this.#values } : { kind: 'dict', name: this.name, codes: this.#codes!, dict: this.#dict };
  }
}

/** The value of row i of a column (null when missing). */
export function cellAt(c: PayloadColumn, i: number): CellValue {
  if (c.kind === 'f64') {
    const v = c.values[i]!;
    return Number.isNaN(v) ? null : v;
  }
  const code = c.codes[i]!;
  return code === MISSING ? null : c.dict[code]!;
}

/** Every value of a column, for callers that want plain arrays (tests, small batches). */
export function cellsOf(c: PayloadColumn): CellValue[] {
  const n = c.kind === 'f64' ? c.values.length : c.codes.length;
  const out = new Array<CellValue>(n);
  for (let i = 0; i < n; i++) out[i] = cellAt(c, i);
  return out;
}

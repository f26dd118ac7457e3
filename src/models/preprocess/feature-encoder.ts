/**
 * Turns raw table columns into the dense row-major matrix learners work on, and saves how, so that a
 * model predicts on raw rows exactly as it was trained. The spec is plain JSON and goes into the model
 * file.
 *
 * Rules (documented in docs/models.md):
 * - numeric inputs: missing stays NaN for trees (they learn where missing goes); for linear models it is
 *   replaced by the training mean, then standardised with the training mean and std.
 * - categorical inputs: 'onehot' gives one 0/1 column per training category and all zeros for an unseen
 *   or missing value (linear models always; trees for columns of at most MAX_ONEHOT_CATEGORIES); 'ordinal'
 *   encodes the training categories as 0..K-1 and anything unseen or missing as NaN, i.e. missing (trees,
 *   for columns with more categories, where one column per category would cost too much memory).
 * - a required input column absent from the table is an error naming it; extra columns are ignored.
 */
import { DriftwatchError } from '../../core/index.js';
import { MISSING_CODE, type Column, type Table } from '../../data/table/index.js';

export type CategoricalEncoding = 'ordinal' | 'onehot';

export type EncodedColumn =
  | {
      readonly name: string;
      readonly kind: 'numeric';
      /** Replacement for missing values, or null to keep NaN. */
      readonly impute: number | null;
      /** Standardisation (value - mean) / std, or null. */
      readonly scale: { readonly mean: number; readonly std: number } | null;
    }
  | {
      readonly name: string;
      readonly kind: 'categorical';
      readonly categories: readonly string[];
      readonly encoding: CategoricalEncoding;
    };

export interface EncoderSpec {
  readonly version: 1;
  readonly columns: readonly EncodedColumn[];
}

/** Above this many training categories, 'auto' encodes a column as ordinal codes instead of one-hot. */
export const MAX_ONEHOT_CATEGORIES = 32;

export interface EncodeOptions {
  /** 'auto': one-hot up to MAX_ONEHOT_CATEGORIES categories, ordinal codes above. */
  readonly categorical: CategoricalEncoding | 'auto';
  /** Replace missing numeric values by the training mean (linear models). */
  readonly impute: boolean;
  /** Standardise numeric columns (linear models). */
  readonly standardize: boolean;
}

export interface Matrix {
  /** Row-major n x d. */
  readonly X: Float64Array;
  readonly n: number;
  readonly d: number;
}

/** Learns an encoder from training columns. */
export function fitEncoder(table: Table, features: readonly string[], options: EncodeOptions): EncoderSpec {
  const columns = features.map((name): EncodedColumn => {
    const col = requireColumn(table, name);
    if (col.storage === 'categorical') {
      const categories = [...col.dictionary].sort(compareCategories);
      const auto = categories.length <= MAX_ONEHOT_CATEGORIES ? 'onehot' : 'ordinal';
      return { name, kind: 'categorical', categories, encoding: options.categorical === 'auto' ? auto : options.categorical };
    }
    let sum = 0;
    let sumSq = 0;
    let count = 0;
    for (const v of col.values) {
      if (Number.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    const mean = count > 0 ? sum / count : 0;
    for (const v of col.values) if (Number.isFinite(v)) sumSq += (v - mean) * (v - mean);
    const std = count > 0 ? Math.sqrt(sumSq / count) : 0;
    return {
      name,
      kind: 'numeric',
      impute: options.impute ? mean : null,
      // A constant column would divide by zero; scaling by 1 keeps it harmless (its weight is then ~0).
      scale: options.standardize ? { mean, std: std > 0 ? std : 1 } : null,
    };
  });
  return { version: 1, columns };
}

/** Encoded matrix columns an input column becomes: one per category when one-hot, else one. */
function encodedColumnWidth(c: EncodedColumn): number {
  return c.kind === 'categorical' && c.encoding === 'onehot' ? c.categories.length : 1;
}

/** Width of the encoded matrix. */
export function encodedWidth(spec: EncoderSpec): number {
  let d = 0;
  for (const c of spec.columns) d += encodedColumnWidth(c);
  return d;
}

/** An input column and the range [start, end) of encoded matrix columns it became. */
export interface EncodedGroup {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** Where each input column lies in the encoded matrix, in spec order. */
export function encodedGroups(spec: EncoderSpec): EncodedGroup[] {
  const groups: EncodedGroup[] = [];
  let at = 0;
  for (const c of spec.columns) {
    groups.push({ name: c.name, start: at, end: at + encodedColumnWidth(c) });
    at = groups[groups.length - 1]!.end;
  }
  return groups;
}

/** Names of the encoded matrix's columns (one-hot columns as `name=category`). */
export function encodedNames(spec: EncoderSpec): string[] {
  const names: string[] = [];
  for (const c of spec.columns) {
    if (c.kind === 'categorical' && c.encoding === 'onehot') for (const k of c.categories) names.push(`${c.name}=${k}`);
    else names.push(c.name);
  }
  return names;
}

/** Encodes a table's columns as the spec says. `source` names the data in error messages. */
export function encode(spec: EncoderSpec, table: Table, source?: string): Matrix {
  requireColumns(spec.columns.map((c) => c.name), table, source);
  const n = table.rowCount;
  const d = encodedWidth(spec);
  const X = new Float64Array(n * d);
  let offset = 0;
  for (const c of spec.columns) {
    const col = table.column(c.name)!;
    if (c.kind === 'numeric') {
      const values = numericView(col, source);
      const fill = c.impute ?? NaN;
      const mean = c.scale?.mean ?? 0;
      const std = c.scale?.std ?? 1;
      for (let i = 0; i < n; i++) {
        let v = values[i]!;
        if (!Number.isFinite(v)) v = fill;
        X[i * d + offset] = (v - mean) / std;
      }
      offset += 1;
    } else {
      const codes = categoryIndex(col, c.categories);
      if (c.encoding === 'ordinal') {
        for (let i = 0; i < n; i++) X[i * d + offset] = codes[i]! < 0 ? NaN : codes[i]!;
        offset += 1;
      } else {
        for (let i = 0; i < n; i++) if (codes[i]! >= 0) X[i * d + offset + codes[i]!] = 1;
        offset += c.categories.length;
      }
    }
  }
  return { X, n, d };
}

/** Throws COLUMN_NOT_FOUND naming every one of `names` the table lacks. `source` names the data. */
export function requireColumns(names: readonly string[], table: Table, source?: string): void {
  const missing = names.filter((name) => table.column(name) === undefined);
  if (missing.length > 0) {
    throw new DriftwatchError(
      'COLUMN_NOT_FOUND',
      `the model needs column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}, not in the data (it has: ${table.names.join(', ')})`,
      { ...(source !== undefined ? { file: source } : {}), field: missing[0]! },
    );
  }
}

/** Per row, the index of its value in `categories`, or -1 for missing or unseen. */
function categoryIndex(col: Column, categories: readonly string[]): Int32Array {
  const lookup = new Map(categories.map((k, i) => [k, i]));
  if (col.storage === 'categorical') {
    const remap = Int32Array.from(col.dictionary, (k) => lookup.get(k) ?? -1);
    return col.codes.map((code) => (code === MISSING_CODE ? -1 : remap[code]!));
  }
  return Int32Array.from(col.values, (v) => (Number.isNaN(v) ? -1 : (lookup.get(String(v)) ?? -1)));
}

function numericView(col: Column, source?: string): Float64Array {
  if (col.storage === 'numeric') return col.values;
  const parsed = new Float64Array(col.codes.length);
  const dict = col.dictionary.map((k) => (k.trim() === '' ? NaN : Number(k)));
  const bad = dict.findIndex((v, i) => Number.isNaN(v) && col.dictionary[i]!.trim() !== '');
  if (bad >= 0) {
    throw new DriftwatchError('INVALID_ARGUMENT', `column "${col.name}" must be numeric for this model, but holds "${col.dictionary[bad]}"`, {
      ...(source !== undefined ? { file: source } : {}),
      field: col.name,
    });
  }
  for (let i = 0; i < parsed.length; i++) parsed[i] = col.codes[i] === MISSING_CODE ? NaN : dict[col.codes[i]!]!;
  return parsed;
}

function requireColumn(table: Table, name: string): Column {
  const col = table.column(name);
  if (col === undefined) {
    throw new DriftwatchError('COLUMN_NOT_FOUND', `column "${name}" is not in the data (it has: ${table.names.join(', ')})`, { field: name });
  }
  return col;
}

/** Numbers in numeric order, then strings in code-point order: a stable, readable category order. */
export function compareCategories(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  const xn = a.trim() !== '' && Number.isFinite(x);
  const yn = b.trim() !== '' && Number.isFinite(y);
  if (xn && yn) return x - y || (a < b ? -1 : a > b ? 1 : 0);
  if (xn !== yn) return xn ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

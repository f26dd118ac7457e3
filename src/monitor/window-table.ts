/**
 * A window of logged rows as a columnar Table, built from the store's column payloads: numeric features
 * stay the Float64Array they were decoded into, dictionary features keep their codes. Nothing is built
 * one object per row.
 *
 * Against a reference, each column takes the reference column's storage and kind (a number logged for a
 * categorical feature becomes its text, a category logged for a numeric one its number), so the drift
 * engine compares like with like.
 */
import { categoricalColumn, createTable, MISSING_CODE, numericColumn, type Column, type Table } from '../data/table/index.js';
import type { CellValue, PayloadColumn, PredictionWindow } from '../store/index.js';

/** Column names of the row facts in a window Table without a reference. */
export const WINDOW_COLUMNS = { timestamp: '_timestamp', modelVersion: '_model_version', prediction: '_prediction', probability: '_probability', label: '_label' } as const;

function toNumber(v: CellValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null) return NaN;
  const t = v.trim();
  return t === '' ? NaN : Number(t);
}

function toText(v: CellValue): string {
  return typeof v === 'string' ? v : String(v);
}

export function asNumeric(name: string, c: PayloadColumn, kind: Column['kind'] = 'numeric'): Column {
  if (c.kind === 'f64') return numericColumn(name, c.values, kind);
  const table = c.dict.map(toNumber);
  const values = new Float64Array(c.codes.length);
  for (let i = 0; i < values.length; i++) {
    const code = c.codes[i]!;
    values[i] = code === MISSING_CODE ? NaN : table[code]!;
  }
  return numericColumn(name, values, kind);
}

export function asCategorical(name: string, c: PayloadColumn, kind: Column['kind'] = 'categorical'): Column {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codeOf = (s: string): number => {
    let k = index.get(s);
    if (k === undefined) {
      k = dictionary.length;
      dictionary.push(s);
      index.set(s, k);
    }
    return k;
  };
  const codes = new Int32Array(c.kind === 'f64' ? c.values.length : c.codes.length);
  if (c.kind === 'f64') {
    const byNumber = new Map<number, number>();
    for (let i = 0; i < codes.length; i++) {
      const v = c.values[i]!;
      if (Number.isNaN(v)) {
        codes[i] = MISSING_CODE;
        continue;
      }
      let k = byNumber.get(v);
      if (k === undefined) {
        k = codeOf(String(v));
        byNumber.set(v, k);
      }
      codes[i] = k;
    }
  } else {
    // One text per dictionary entry (1 and "1" become one category), then the codes are remapped.
    const remap = c.dict.map((v) => codeOf(toText(v)));
    for (let i = 0; i < codes.length; i++) {
      const code = c.codes[i]!;
      codes[i] = code === MISSING_CODE ? MISSING_CODE : remap[code]!;
    }
  }
  return { storage: 'categorical', name, kind, codes, dictionary };
}

/** A column in the storage of `like` (numeric or categorical) and with its kind. */
export function shapedLike(like: Column, c: PayloadColumn): Column {
  return like.storage === 'numeric' ? asNumeric(like.name, c, like.kind) : asCategorical(like.name, c, like.kind);
}

/** Logged labels as a column shaped like the reference's label column. */
export function labelColumn(like: Column, labels: readonly (string | null)[]): Column {
  if (like.storage === 'categorical') return categoricalColumn(like.name, labels, like.kind);
  return numericColumn(like.name, Float64Array.from(labels, (l) => (l === null ? NaN : toNumber(l))), like.kind);
}

export interface WindowTableOptions {
  /** The reference columns give the window its columns, storage and kinds; absent: every logged feature as stored. */
  readonly reference?: Table;
  /** The label column's name; its values come from the logged (and late) labels. */
  readonly label?: string | null;
  /** Include the label only when at least this many rows have one (default 1). */
  readonly minLabelled?: number;
}

/** The window as a Table: the reference's columns where given, else every feature plus the row facts. */
export function windowTable(w: PredictionWindow, options: WindowTableOptions = {}): Table {
  const label = options.label ?? null;
  const labelled = w.label.reduce((n, l) => n + (l === null ? 0 : 1), 0);
  const withLabel = label !== null && labelled >= (options.minLabelled ?? 1);
  const ref = options.reference;
  if (ref !== undefined) {
    const columns: Column[] = [];
    for (const like of ref.columns) {
      if (like.name === label) {
        if (withLabel) columns.push(labelColumn(like, w.label));
        continue;
      }
      const c = w.features.get(like.name);
      if (c !== undefined) columns.push(shapedLike(like, c));
    }
    return createTable(columns);
  }
  const columns: Column[] = [];
  for (const [name, c] of w.features) {
    const allText = c.kind === 'dict' && c.dict.every((v) => typeof v === 'string');
    columns.push(c.kind === 'f64' ? numericColumn(name, c.values) : allText ? { storage: 'categorical', name, kind: 'categorical', codes: c.codes, dictionary: c.dict as string[] } : asCategorical(name, c));
  }
  const taken = new Set(w.features.keys());
  const add = (col: Column): void => {
    if (!taken.has(col.name)) columns.push(col);
  };
  add(numericColumn(WINDOW_COLUMNS.timestamp, w.tsMs, 'datetime'));
  add(numericColumn(WINDOW_COLUMNS.modelVersion, Float64Array.from(w.modelVersion, (v) => v ?? NaN)));
  add(categoricalColumn(WINDOW_COLUMNS.prediction, w.prediction));
  add(numericColumn(WINDOW_COLUMNS.probability, w.probability));
  add(categoricalColumn(label !== null && !taken.has(label) ? label : WINDOW_COLUMNS.label, w.label));
  return createTable(columns);
}

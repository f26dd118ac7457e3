/**
 * Injects known drift into a table: the ground truth for trying out drift methods and for the demo.
 * Pure: a new Table comes back, the input is untouched, and the seeded Rng makes a run reproducible.
 */
import { DriftwatchError } from '../../core/index.js';
import type { Rng } from '../../core/index.js';
import { columnNotFound } from '../column-not-found.js';
import { compactDictionary, selectRows } from '../select-rows.js';
import { createTable, MISSING_CODE, type Column, type NumericColumn, type Table } from '../table/index.js';
import { TRANSFORM_ORDER, type DriftTransform } from './transforms.js';

export interface SimulateOptions {
  /** How to name the input in messages (default "the input"). */
  readonly inputName?: string;
}

/**
 * Applies `transforms` (in TRANSFORM_ORDER, then flag order) and returns the drifted table. Numeric results
 * keep the column's precision: a column of whole numbers stays whole, prices keep two decimals.
 */
export function simulateDrift(table: Table, transforms: readonly DriftTransform[], rng: Rng, options: SimulateOptions = {}): Table {
  return simulateDriftTraced(table, transforms, rng, options).table;
}

/** simulateDrift's result with where it came from, so that a writer can copy untouched cells as they were read. */
export interface SimulatedDrift {
  readonly table: Table;
  /** Output row r is input row rows[r] (after --resample); undefined when rows were not resampled. */
  readonly rows: Int32Array | undefined;
  /** Columns whose values were recomputed (shift, scale, noise). */
  readonly rewritten: ReadonlySet<string>;
  /** Columns where only some values were made missing (and nothing else changed). */
  readonly blanked: ReadonlySet<string>;
}

/** simulateDrift, also telling which rows and columns moved (same table, same random draws). */
export function simulateDriftTraced(table: Table, transforms: readonly DriftTransform[], rng: Rng, options: SimulateOptions = {}): SimulatedDrift {
  for (const t of transforms) checkTransform(table, t, options.inputName ?? 'the input');
  let current = table;
  let rows: Int32Array | undefined;
  const rewritten = new Set<string>();
  const blanked = new Set<string>();
  for (const kind of TRANSFORM_ORDER) {
    for (const t of transforms) {
      if (t.kind !== kind) continue;
      if (t.kind === 'resample') {
        const picked = resampleRows(current.column(t.column)!, t.value, t.weight, t.source, rng);
        current = selectRows(current, picked);
        rows = rows === undefined ? picked : picked.map((i) => rows![i]!);
      } else {
        current = applyTransform(current, t, rng);
        if (t.kind === 'missing') blanked.add(t.column);
        else rewritten.add(t.column);
      }
    }
  }
  for (const name of rewritten) blanked.delete(name);
  return { table: current, rows, rewritten, blanked };
}

function checkTransform(table: Table, t: DriftTransform, inputName: string): void {
  const col = table.column(t.column);
  if (col === undefined) throw columnNotFound(t.source, t.column, table.names, inputName);
  if ((t.kind === 'shift' || t.kind === 'scale' || t.kind === 'noise') && col.storage !== 'numeric') {
    throw new DriftwatchError(
      'USAGE',
      `${t.source}: column "${t.column}" is ${col.kind}; --shift, --scale and --noise need a numeric column (use --resample or --missing)`,
      { field: t.column },
    );
  }
}

function applyTransform(table: Table, t: DriftTransform, rng: Rng): Table {
  const col = table.column(t.column)!;
  switch (t.kind) {
    case 'resample':
      return selectRows(table, resampleRows(col, t.value, t.weight, t.source, rng));
    case 'missing':
      return replaceColumn(table, withMissing(col, t.fraction, rng));
    case 'shift':
      return replaceColumn(table, mapNumeric(col as NumericColumn, (v) => v + t.amount));
    case 'scale': {
      const { mean } = moments((col as NumericColumn).values);
      return replaceColumn(table, mapNumeric(col as NumericColumn, (v) => mean + t.factor * (v - mean)));
    }
    case 'noise': {
      const { std } = moments((col as NumericColumn).values);
      const sd = t.factor * (Number.isFinite(std) ? std : 0);
      return replaceColumn(table, mapNumeric(col as NumericColumn, (v) => v + sd * rng.normal()));
    }
  }
}

/**
 * Row indices (with replacement, in ascending order so the file keeps its order) such that rows where
 * the column equals `value` make up `weight` times their original share; the other rows fill the rest in
 * their original proportions.
 */
export function resampleRows(col: Column, value: string, weight: number, source: string, rng: Rng): Int32Array {
  const matches = matcher(col, value, source);
  const hit: number[] = [];
  const rest: number[] = [];
  const n = col.storage === 'numeric' ? col.values.length : col.codes.length;
  for (let i = 0; i < n; i++) (matches(i) ? hit : rest).push(i);
  const share = hit.length / n;
  const target = Math.round(share * weight * n);
  if (target > n || (target < n && rest.length === 0)) {
    throw new DriftwatchError(
      'USAGE',
      `${source}: "${value}" is ${(100 * share).toFixed(1)}% of the rows, so a weight of ${weight} would need more than all of them (at most ${(1 / share).toFixed(2)})`,
      { field: col.name },
    );
  }
  const rows = new Int32Array(n);
  for (let i = 0; i < target; i++) rows[i] = hit[rng.int(hit.length)]!;
  for (let i = target; i < n; i++) rows[i] = rest[rng.int(rest.length)]!;
  return rows.sort();
}

function matcher(col: Column, value: string, source: string): (row: number) => boolean {
  if (col.storage === 'categorical') {
    const code = col.dictionary.indexOf(value);
    if (code < 0) {
      const shown = col.dictionary.slice(0, 20).map((v) => `"${v}"`).join(', ');
      throw new DriftwatchError('USAGE', `${source}: column "${col.name}" has no value "${value}"; its values: ${shown}`, { field: col.name });
    }
    return (row) => col.codes[row] === code;
  }
  const x = Number(value);
  const values = col.values;
  if (value.trim() === '' || !Number.isFinite(x) || !values.some((v) => v === x)) {
    throw new DriftwatchError('USAGE', `${source}: numeric column "${col.name}" has no value ${value}`, { field: col.name });
  }
  return (row) => values[row] === x;
}

function withMissing(col: Column, fraction: number, rng: Rng): Column {
  const n = col.storage === 'numeric' ? col.values.length : col.codes.length;
  const k = Math.round(fraction * n);
  // Partial Fisher-Yates: the first k of a random permutation, without sorting all n.
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  if (col.storage === 'numeric') {
    const values = Float64Array.from(col.values);
    for (let i = 0; i < k; i++) values[order[i]!] = NaN;
    return { ...col, values };
  }
  const codes = Int32Array.from(col.codes);
  for (let i = 0; i < k; i++) codes[order[i]!] = MISSING_CODE;
  return { ...col, codes, dictionary: compactDictionary(codes, col.dictionary), lines: undefined };
}

function mapNumeric(col: NumericColumn, f: (v: number) => number): NumericColumn {
  const scale = 10 ** decimalPlaces(col.values);
  const values = new Float64Array(col.values.length);
  for (let i = 0; i < values.length; i++) {
    const v = col.values[i]!;
    values[i] = Number.isNaN(v) ? v : Math.round(f(v) * scale) / scale;
  }
  return { ...col, values };
}

const MAX_DECIMALS = 10;

/** The most decimal places any value needs (at most MAX_DECIMALS): 0 for counts, 2 for prices. */
export function decimalPlaces(values: Float64Array): number {
  let most = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    while (most < MAX_DECIMALS) {
      const s = 10 ** most;
      if (Math.abs(Math.round(v * s) / s - v) <= Math.abs(v) * 1e-15) break;
      most++;
    }
    if (most === MAX_DECIMALS) break;
  }
  return most;
}

/** Mean and sample standard deviation over non-missing values (NaN when there are none). */
function moments(values: Float64Array): { mean: number; std: number } {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    n++;
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
  }
  return { mean: n === 0 ? NaN : mean, std: n < 2 ? NaN : Math.sqrt(m2 / (n - 1)) };
}

function replaceColumn(table: Table, col: Column): Table {
  return createTable(table.columns.map((c) => (c.name === col.name ? col : c)));
}

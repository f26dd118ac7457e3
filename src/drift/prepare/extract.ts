/** From table columns to prepared pairs: one pass over the rows of each side, no per-row objects. */
import { MISSING_CODE, type CategoricalColumn, type NumericColumn } from '../../data/table.js';
import { categoricalPair, numericPair, type CategoricalPair, type NumericPair } from './column-pair.js';
import { sortFloat64 } from './sort-float64.js';

/** Finite values sorted ascending (Float64Array sort is numeric), plus how many rows were dropped. */
export interface SortedSample {
  readonly sorted: Float64Array;
  /** Rows with NaN. */
  readonly missing: number;
  /** Rows with +-Infinity (dropped from the tests like missing values, counted apart for the notes). */
  readonly infinite: number;
}

export function sortedFinite(values: Float64Array): SortedSample {
  let finite = 0;
  let nan = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) finite++;
    else if (v !== v) nan++;
  }
  const sorted = new Float64Array(finite);
  if (finite === values.length) sorted.set(values);
  else {
    let k = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v - v === 0) sorted[k++] = v;
    }
  }
  sortFloat64(sorted);
  return { sorted, missing: nan, infinite: values.length - finite - nan };
}

export interface PreparedNumeric {
  readonly pair: NumericPair;
  readonly ref: SortedSample;
  readonly cur: SortedSample;
}

export function prepareNumeric(ref: NumericColumn, cur: NumericColumn): PreparedNumeric {
  const r = sortedFinite(ref.values);
  const c = sortedFinite(cur.values);
  return { pair: numericPair(r.sorted, c.sorted), ref: r, cur: c };
}

export interface PreparedCategorical {
  readonly pair: CategoricalPair;
  readonly missingRef: number;
  readonly missingCur: number;
}

/** Code-point order, as Python sorts strings (localeCompare would depend on the machine's locale). */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function prepareCategorical(ref: CategoricalColumn, cur: CategoricalColumn): PreparedCategorical {
  const refCounts = countCodes(ref);
  const curCounts = countCodes(cur);
  // Only categories actually present count: a dictionary may hold values no row uses.
  const present = new Set<string>();
  ref.dictionary.forEach((v, i) => {
    if (refCounts.counts[i] > 0) present.add(v);
  });
  cur.dictionary.forEach((v, i) => {
    if (curCounts.counts[i] > 0) present.add(v);
  });
  const labels = [...present].sort(compareCodePoints);
  const slot = new Map(labels.map((l, i) => [l, i]));
  const r = new Float64Array(labels.length);
  const c = new Float64Array(labels.length);
  ref.dictionary.forEach((v, i) => {
    if (refCounts.counts[i] > 0) r[slot.get(v)!] += refCounts.counts[i];
  });
  cur.dictionary.forEach((v, i) => {
    if (curCounts.counts[i] > 0) c[slot.get(v)!] += curCounts.counts[i];
  });
  return { pair: categoricalPair(labels, r, c), missingRef: refCounts.missing, missingCur: curCounts.missing };
}

function countCodes(col: CategoricalColumn): { counts: Float64Array; missing: number } {
  const counts = new Float64Array(col.dictionary.length);
  const codes = col.codes;
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code === MISSING_CODE) missing++;
    else counts[code]++;
  }
  return { counts, missing };
}

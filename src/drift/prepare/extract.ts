/** From table columns to prepared pairs: one pass over the rows of each side, no per-row objects. */
import { MISSING_CODE, type CategoricalColumn, type NumericColumn } from '../../data/table/index.js';
import { categoricalPair, numericPair, type CategoricalPair, type NumericPair } from './column-pair.js';
import { sortFinite } from '../../kernels/index.js';
import type { ReferencePreparation } from './reference-preparation.js';

/** Finite values sorted ascending (Float64Array sort is numeric), plus how many rows were dropped. */
export interface SortedSample {
  readonly sorted: Float64Array;
  /** Rows with NaN. */
  readonly missing: number;
  /** Rows with +-Infinity (dropped from the tests like missing values, counted apart for the notes). */
  readonly infinite: number;
}

/** Where sortedFinite puts `n` values: a fresh array unless the caller lends a buffer. */
type Allocate = (n: number) => Float64Array;
const fresh: Allocate = (n) => new Float64Array(n);

export function sortedFinite(values: Float64Array, allocate: Allocate = fresh): SortedSample {
  const { sorted, nan } = sortFinite(values, allocate);
  return { sorted, missing: nan, infinite: values.length - sorted.length - nan };
}

export interface PreparedNumeric {
  readonly pair: NumericPair;
  readonly ref: SortedSample;
  readonly cur: SortedSample;
}

// One reference and one current buffer per thread (modules are per thread), grown to the largest column.
// A fresh 8 MB array per million values and side is garbage the collector reclaims late: with several
// threads analysing, that lag showed as well over 100 MB of peak RSS.
const pool = { ref: new Float64Array(0), cur: new Float64Array(0) };
function lend(side: 'ref' | 'cur'): Allocate {
  return (n) => {
    if (pool[side].length < n) pool[side] = new Float64Array(n);
    return pool[side].subarray(0, n);
  };
}

/**
 * Both sides finite and sorted. With `reuse`, the samples live in this thread's two pooled buffers and are
 * valid only until the next prepareNumeric with `reuse` on the same thread: for a caller that is done
 * with the pair before it prepares the next (analyzeColumn keeps only numbers derived from it).
 */
export function prepareNumeric(ref: NumericColumn, cur: NumericColumn, options: { readonly reuse?: boolean; readonly reference?: ReferencePreparation | null } = {}): PreparedNumeric {
  const cache = options.reference ?? null;
  let r = cache?.sorted.get(ref.values);
  if (r === undefined) {
    // A kept sample must not live in the pooled buffer the next column overwrites.
    r = sortedFinite(ref.values, options.reuse === true && cache === null ? lend('ref') : fresh);
    cache?.sorted.set(ref.values, r);
  }
  const c = sortedFinite(cur.values, options.reuse === true ? lend('cur') : fresh);
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

export function prepareCategorical(ref: CategoricalColumn, cur: CategoricalColumn, reference: ReferencePreparation | null = null): PreparedCategorical {
  let refCounts = reference?.counts.get(ref.codes);
  if (refCounts === undefined) {
    refCounts = countCodes(ref);
    reference?.counts.set(ref.codes, refCounts);
  }
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

/**
 * A column prepared once for every drift method: the reference and current samples with missing values
 * (NaN, and +-Infinity for numeric columns) dropped. Numeric samples are sorted ascending exactly once and
 * shared by every order-based method, quantile and summary; categorical samples are count vectors aligned
 * over the union of categories.
 */
import { DriftwatchError } from '../../core/index.js';
import { scanSortedPair, type SortedPairScan } from '../../stats/index.js';

/** Count vectors of reference and current over the same categories (or distinct numeric values). */
export interface AlignedCounts {
  readonly ref: Float64Array;
  readonly cur: Float64Array;
  readonly nRef: number;
  readonly nCur: number;
}

export interface NumericPair {
  readonly kind: 'numeric';
  /** Finite reference values, sorted ascending. */
  readonly ref: Float64Array;
  /** Finite current values, sorted ascending. */
  readonly cur: Float64Array;
  readonly nUniqueRef: number;
  /** Distinct values over reference and current together. */
  readonly nUniqueBoth: number;
  /**
   * The one merge walk over both sorted samples that KS, Wasserstein and the distinct count share (both
   * samples must be non-empty).
   */
  scan(): SortedPairScan;
  /**
   * Counts per distinct value of reference ∪ current, in ascending value order. Built on first use (a merge
   * walk of the sorted samples) because only methods that treat values as categories need it.
   */
  counts(): AlignedCounts;
  /** The distinct values of reference ∪ current, ascending (aligned with counts()). */
  distinctValues(): Float64Array;
  /** Moments of the reference, computed once for the summary's std and the normed Wasserstein's. */
  refMoments(): Moments;
}

/** Mean and sum of squared deviations from it of a non-empty sample. */
export interface Moments {
  readonly mean: number;
  readonly ss: number;
}

/** Two passes, for accuracy: the mean, then the squared deviations from it. */
export function moments(a: Float64Array): Moments {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i];
  const mean = sum / a.length;
  let ss = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - mean;
    ss += d * d;
  }
  return { mean, ss };
}

export interface CategoricalPair {
  readonly kind: 'categorical';
  /** Union of categories, sorted by code point (so "the smallest value" is index 0, as in Evidently). */
  readonly labels: readonly string[];
  readonly nUniqueRef: number;
  readonly nUniqueBoth: number;
  counts(): AlignedCounts;
}

export type ColumnPair = NumericPair | CategoricalPair;

/** Builds a numeric pair from finite sorted samples. */
export function numericPair(ref: Float64Array, cur: Float64Array): NumericPair {
  let cache: { values: Float64Array; counts: AlignedCounts } | null = null;
  let refMoments: Moments | null = null;
  const scanned = ref.length > 0 && cur.length > 0 ? scanSortedPair(ref, cur) : null;
  const nUniqueBoth = scanned === null ? countDistinctSorted(ref.length === 0 ? cur : ref) : scanned.distinctBoth;
  const build = (): { values: Float64Array; counts: AlignedCounts } => {
    if (cache === null) cache = mergeCounts(ref, cur, nUniqueBoth);
    return cache;
  };
  return {
    kind: 'numeric',
    ref,
    cur,
    nUniqueRef: countDistinctSorted(ref),
    nUniqueBoth,
    scan: () => {
      if (scanned === null) throw new DriftwatchError('INTERNAL', 'scan() of a numeric pair with an empty side');
      return scanned;
    },
    counts: () => build().counts,
    distinctValues: () => build().values,
    refMoments: () => (refMoments ??= moments(ref)),
  };
}

/** Builds a categorical pair from counts already aligned over `labels` (sorted). */
export function categoricalPair(labels: readonly string[], ref: Float64Array, cur: Float64Array): CategoricalPair {
  let nRef = 0;
  let nCur = 0;
  let uRef = 0;
  let uBoth = 0;
  for (let i = 0; i < labels.length; i++) {
    nRef += ref[i]!;
    nCur += cur[i]!;
    if (ref[i]! > 0) uRef++;
    if (ref[i]! > 0 || cur[i]! > 0) uBoth++;
  }
  const counts: AlignedCounts = { ref, cur, nRef, nCur };
  return { kind: 'categorical', labels, nUniqueRef: uRef, nUniqueBoth: uBoth, counts: () => counts };
}

export function countDistinctSorted(a: Float64Array): number {
  if (a.length === 0) return 0;
  let n = 1;
  for (let i = 1; i < a.length; i++) if (a[i] !== a[i - 1]) n++;
  return n;
}

/** Counts per distinct value of a ∪ b, given how many distinct values there are (`k`, as the scan counts them). */
function mergeCounts(a: Float64Array, b: Float64Array, k: number): { values: Float64Array; counts: AlignedCounts } {
  const values = new Float64Array(k);
  const ref = new Float64Array(k);
  const cur = new Float64Array(k);
  let i = 0;
  let j = 0;
  let slot = -1;
  let last = NaN;
  while (i < a.length || j < b.length) {
    const fromA = j >= b.length || (i < a.length && a[i]! <= b[j]!);
    const v = fromA ? a[i++]! : b[j++]!;
    // NaN never equals, so the first value always opens a slot; -0 and 0 are one value, as in pandas.
    if (v !== last) {
      slot++;
      values[slot] = v;
      last = v;
    }
    if (fromA) ref[slot]++;
    else cur[slot]++;
  }
  return { values, counts: { ref, cur, nRef: a.length, nCur: b.length } };
}

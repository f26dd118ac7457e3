/** Data for distribution overlay plots: shares of each side over common bins or categories. */
import type { HistogramData } from '../types.js';
import { rankByCount } from './categorical-summary.js';

export const MAX_NUMERIC_BINS = 30;
export const MAX_CATEGORIES_SHOWN = 20;
export const OTHER_LABEL = '(other)';
/** Numeric columns with at most this many distinct values (0/1 flags, ratings, counts) get a bin per value. */
export const MAX_DISCRETE_VALUES = 12;

/**
 * Equal-width bins over the combined range of both sorted samples; at most 30, fewer for few values. A
 * column of at most 12 distinct values gets one bin per value instead (edges halfway between neighbours),
 * with the values listed, so a 0/1 flag reads as two bars "0" and "1" rather than two arbitrary ranges.
 */
export function numericHistogram(ref: Float64Array, cur: Float64Array, nUnique: number): HistogramData {
  const values = distinctValues(ref, cur, MAX_DISCRETE_VALUES);
  if (values !== null) {
    const edges = discreteEdges(values);
    return { type: 'numeric', edges, reference: sortedShares(ref, edges), current: sortedShares(cur, edges), values };
  }
  let lo = Math.min(ref[0], cur[0]);
  let hi = Math.max(ref[ref.length - 1], cur[cur.length - 1]);
  // One value: a unit-wide bin around it, as numpy.histogram does.
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const bins = Math.max(1, Math.min(MAX_NUMERIC_BINS, nUnique));
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) edges.push(i === bins ? hi : lo + ((hi - lo) * i) / bins);
  return { type: 'numeric', edges, reference: sortedShares(ref, edges), current: sortedShares(cur, edges), values: null };
}

/** The distinct values of two sorted samples in order, or null past `max` (a merge walk that stops early). */
export function distinctValues(a: Float64Array, b: Float64Array, max: number): number[] | null {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    if (out.length === max) return null;
    out.push(v);
    while (i < a.length && a[i] === v) i++;
    while (j < b.length && b[j] === v) j++;
  }
  return out;
}

/** Edges halfway between neighbouring values, each end as far out as its inner neighbour (0.5 for one value). */
function discreteEdges(values: readonly number[]): number[] {
  const n = values.length;
  if (n === 1) return [values[0]! - 0.5, values[0]! + 0.5];
  const mids = values.slice(1).map((v, k) => (values[k]! + v) / 2);
  return [values[0]! - (mids[0]! - values[0]!), ...mids, values[n - 1]! + (values[n - 1]! - mids[n - 2]!)];
}

/**
 * Shares per bin of a sorted sample, bins half-open except the last: each bin's end found by binary search
 * (a walk over a million values a side cost more than the rest of the histogram).
 */
function sortedShares(sorted: Float64Array, edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const n = sorted.length;
  const out = new Array<number>(bins).fill(0);
  let i = 0;
  for (let b = 0; b < bins; b++) {
    const start = i;
    i = b === bins - 1 ? n : firstNotBelow(sorted, edges[b + 1]!, i);
    out[b] = (i - start) / n;
  }
  return out;
}

/**
 * The first index at or after `from` whose value is not below `x` (n when none): the values below `x` are a
 * prefix of a sorted sample (NaN, sorted last, is not below anything).
 */
function firstNotBelow(sorted: Float64Array, x: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The most frequent categories over both samples (at most 20), the rest summed into "(other)". */
export function categoricalHistogram(labels: readonly string[], ref: Float64Array, cur: Float64Array, nRef: number, nCur: number): HistogramData {
  const total = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) total[i] = ref[i] + cur[i];
  const ranked = rankByCount(total);
  const shown = ranked.slice(0, MAX_CATEGORIES_SHOWN);
  const categories = shown.map((i) => labels[i]!);
  const reference = shown.map((i) => ref[i] / nRef);
  const current = shown.map((i) => cur[i] / nCur);
  if (ranked.length > MAX_CATEGORIES_SHOWN) {
    let r = 0;
    let c = 0;
    for (const i of ranked.slice(MAX_CATEGORIES_SHOWN)) {
      r += ref[i];
      c += cur[i];
    }
    categories.push(OTHER_LABEL);
    reference.push(r / nRef);
    current.push(c / nCur);
  }
  return { type: 'categorical', categories, reference, current };
}

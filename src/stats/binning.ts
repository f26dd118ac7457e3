/**
 * Bin edges and counts for the histogram-based drift measures (PSI, Jensen-Shannon, ...), matching NumPy:
 * `np.quantile` (default 'linear' method), `np.histogram_bin_edges(..., bins='sturges')`, `np.linspace`
 * and `np.histogram` counting.
 */
import { DriftwatchError } from '../core/index.js';
import { requireLength, requireSorted } from './internal/validate.js';
import { requireCounts } from './internal/validate-counts.js';

function invalid(message: string, field: string): never {
  throw new DriftwatchError('INVALID_ARGUMENT', message, { field });
}

function checkBins(nBins: number): void {
  if (!Number.isInteger(nBins) || nBins < 1) invalid(`nBins must be a positive integer, got ${nBins}`, 'nBins');
}

/** np.quantile(sorted, q) with the default 'linear' method, including NumPy's lerp rounding. */
function linearQuantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  // numpy's 'linear' method: virtual index (n - 1) * q
  const virtual = (n - 1) * q;
  // out-of-range virtual indexes (rounding at n = 1) take the end value, as numpy's _get_indexes does
  if (virtual < 0) return sorted[0]!;
  if (virtual >= n - 1) return sorted[n - 1]!;
  const lo = Math.floor(virtual);
  const hi = lo + 1;
  const t = virtual - lo;
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  const diff = b - a;
  // numpy's _lerp evaluates from the nearer end so the result is monotone in t
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * Bin edges at the reference quantiles 1/n, 2/n, ..., (n-1)/n (NumPy's default 'linear' interpolation),
 * with duplicate interior edges removed (heavily tied data gives fewer bins) and outer edges -Infinity
 * and +Infinity so every current value falls in some bin. `sortedReference` must be sorted ascending.
 */
export function quantileEdges(sortedReference: Float64Array, nBins: number): Float64Array {
  requireLength(sortedReference, 1, 'quantileEdges reference');
  requireSorted(sortedReference, 'quantileEdges reference');
  checkBins(nBins);
  const edges: number[] = [-Infinity];
  for (let i = 1; i < nBins; i++) {
    const e = linearQuantile(sortedReference, i / nBins);
    // sorted input gives non-decreasing quantiles, so uniqueness only needs the previous edge
    if (e !== edges[edges.length - 1]) edges.push(e);
  }
  edges.push(Infinity);
  return Float64Array.from(edges);
}

/**
 * np.linspace(start, stop, num) with endpoint=True: start + i*step, the last edge forced to stop
 * (when the step underflows to 0 NumPy uses i/div*delta instead).
 */
function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) out[i] = (step === 0 ? (i / div) * delta : i * step) + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/** NumPy's outer edges: [min, max], widened to [min - 0.5, max + 0.5] when all values are equal. */
function outerEdges(min: number, max: number): [number, number] {
  return min === max ? [min - 0.5, max + 0.5] : [min, max];
}

/**
 * Exactly numpy.histogram_bin_edges(np.concatenate([a, b]), bins='sturges'): the bin width is
 * ptp / (log2(n) + 1) and the count ceil(range / width) (so n = 1024 may give one more bin than
 * log2(n) + 1 through rounding, as in NumPy); constant data gives one bin [v - 0.5, v + 0.5].
 */
export function sturgesEdges(a: Float64Array, b: Float64Array): Float64Array {
  const n = a.length + b.length;
  if (n === 0) invalid('sturgesEdges needs at least one value', 'values');
  let min = Infinity;
  let max = -Infinity;
  for (const v of [a, b]) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (!Number.isFinite(x)) invalid(`sturgesEdges needs finite values, got ${x}; drop missing values first`, 'values');
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  const [first, last] = outerEdges(min, max);
  const width = (max - min) / (Math.log2(n) + 1);
  const nBins = width !== 0 ? Math.ceil((last - first) / width) : 1;
  return linspace(first, last, nBins + 1);
}

/**
 * nBins equal-width edges over [min, max], like numpy.histogram_bin_edges(x, bins=nBins, range=(min, max));
 * min === max gives [min - 0.5, max + 0.5] as in NumPy.
 */
export function equalWidthEdges(min: number, max: number, nBins: number): Float64Array {
  checkBins(nBins);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) invalid(`equalWidthEdges needs finite min <= max, got [${min}, ${max}]`, 'range');
  const [first, last] = outerEdges(min, max);
  return linspace(first, last, nBins + 1);
}

/**
 * Counts per bin like numpy.histogram(values, bins=edges): bins are half-open [e_i, e_{i+1}) except the
 * last, which is closed; values outside [e_0, e_last] and NaN are not counted (with -Infinity/+Infinity
 * outer edges every finite value is). Binary search per value: O(n log bins), one output allocation.
 */
export function binCounts(values: Float64Array, edges: Float64Array): Float64Array {
  const nb = edges.length - 1;
  if (nb < 1) invalid(`binCounts needs at least two edges, got ${edges.length}`, 'edges');
  for (let i = 0; i < nb; i++) {
    if (!(edges[i]! <= edges[i + 1]!)) invalid(`binCounts needs non-decreasing edges, got ${edges[i]} before ${edges[i + 1]}`, 'edges');
  }
  const counts = new Float64Array(nb);
  const lo = edges[0]!;
  const hi = edges[nb]!;
  for (let k = 0; k < values.length; k++) {
    const x = values[k]!;
    if (!(x >= lo && x <= hi)) continue;
    if (x === hi) {
      // the closed right end belongs to the last non-empty bin that ends there (NumPy counts it
      // via searchsorted 'right' on the last edge)
      counts[nb - 1]!++;
      continue;
    }
    // largest i with edges[i] <= x: bin i is [e_i, e_{i+1})
    let l = 0;
    let r = nb;
    while (r - l > 1) {
      const m = (l + r) >>> 1;
      if (edges[m]! <= x) l = m;
      else r = m;
    }
    counts[l]!++;
  }
  return counts;
}

/** Counts divided by their sum (shares summing to 1); a zero or negative total is misuse. */
export function toShares(counts: ArrayLike<number>): Float64Array {
  requireCounts(counts, 'toShares');
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  if (!(total > 0)) invalid('toShares needs counts with a positive total', 'counts');
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i]! / total;
  return out;
}

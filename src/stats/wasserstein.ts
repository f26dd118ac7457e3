import type { SortedOption } from './types.js';
import { cdfDistanceSum } from './internal/cdf-distance.js';
import { requireFinite, requireLength, sortedView } from './internal/validate.js';

/**
 * Wasserstein-1 (earth mover's) distance between two empirical distributions, exactly
 * scipy.stats.wasserstein_distance(a, b) (unweighted): the integral of |F_a - F_b| over the merged values.
 *
 * O(n log n) for the sort, then one O(n) merge; with `sorted: true` both inputs must already be ascending
 * and are used without a copy. Values must be finite (drop missing values first).
 */
export function wasserstein(a: Float64Array, b: Float64Array, options: SortedOption = {}): number {
  requireLength(a, 1, 'wasserstein first sample');
  requireLength(b, 1, 'wasserstein second sample');
  requireFinite(a, 'wasserstein first sample');
  requireFinite(b, 'wasserstein second sample');
  return cdfDistanceSum(sortedView(a, options.sorted, 'wasserstein first sample'), sortedView(b, options.sorted, 'wasserstein second sample'), 1);
}

import type { SortedOption } from './types.js';
import { cdfDistanceSum } from './internal/cdf-distance.js';
import { requireFinite, requireLength, sortedView } from './internal/validate.js';

/**
 * Energy distance between two empirical distributions, exactly scipy.stats.energy_distance(a, b)
 * (unweighted): sqrt(2) * sqrt(integral (F_a - F_b)^2), i.e. sqrt(2) times the L2 distance of the CDFs.
 *
 * O(n log n) for the sort, then one O(n) merge; `sorted: true` skips the copy and sort.
 */
export function energyDistance(a: Float64Array, b: Float64Array, options: SortedOption = {}): number {
  requireLength(a, 1, 'energyDistance first sample');
  requireLength(b, 1, 'energyDistance second sample');
  requireFinite(a, 'energyDistance first sample');
  requireFinite(b, 'energyDistance second sample');
  // same operation order as SciPy: np.sqrt(2) * np.sqrt(sum)
  return Math.SQRT2 * Math.sqrt(cdfDistanceSum(sortedView(a, options.sorted, 'energyDistance first sample'), sortedView(b, options.sorted, 'energyDistance second sample'), 2));
}

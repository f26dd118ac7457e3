import type { SortedOption } from './types.js';
/** Wasserstein-1 distance between two empirical distributions (scipy.stats.wasserstein_distance). */
export function wasserstein(_a: Float64Array, _b: Float64Array, _options: SortedOption = {}): number { throw new Error('not implemented'); }

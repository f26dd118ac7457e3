import type { SortedOption } from './types.js';
/** Energy distance (scipy.stats.energy_distance). */
export function energyDistance(_a: Float64Array, _b: Float64Array, _options: SortedOption = {}): number { throw new Error('not implemented'); }

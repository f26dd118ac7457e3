import type { TestResult, SortedOption } from './types.js';
/** Two-sample Cramer-von Mises test (scipy.stats.cramervonmises_2samp, method auto). */
export function cramerVonMises(_a: Float64Array, _b: Float64Array, _options: SortedOption = {}): TestResult { throw new Error('not implemented'); }

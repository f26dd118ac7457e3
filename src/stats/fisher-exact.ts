import type { TestResult } from './types.js';
/** Fisher's exact test on [[a, b], [c, d]], two-sided, statistic = sample odds ratio (scipy.stats.fisher_exact). */
export function fisherExact(_a: number, _b: number, _c: number, _d: number): TestResult { throw new Error('not implemented'); }

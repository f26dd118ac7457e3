import type { TestResult } from './types.js';
/** Welch's unequal-variance t-test, two-sided (scipy.stats.ttest_ind equal_var=False). */
export function welchTTest(_a: Float64Array, _b: Float64Array): TestResult { throw new Error('not implemented'); }
/** Student's equal-variance t-test, two-sided (scipy.stats.ttest_ind). */
export function studentTTest(_a: Float64Array, _b: Float64Array): TestResult { throw new Error('not implemented'); }

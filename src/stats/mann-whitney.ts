import type { TestResult, SortedOption } from './types.js';
export interface MannWhitneyOptions extends SortedOption {
  readonly alternative?: 'two-sided' | 'less' | 'greater';
  readonly method?: 'auto' | 'exact' | 'asymptotic';
}
/** Mann-Whitney U test (scipy.stats.mannwhitneyu, SciPy 1.10 defaults); statistic is U of the first sample. */
export function mannWhitneyU(_a: Float64Array, _b: Float64Array, _options: MannWhitneyOptions = {}): TestResult { throw new Error('not implemented'); }

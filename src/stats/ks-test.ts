import type { TestResult, SortedOption } from './types.js';
export interface KsOptions extends SortedOption {
  /** SciPy's ks_2samp method; 'auto' picks exact for small samples like SciPy 1.10. */
  readonly method?: 'auto' | 'exact' | 'asymp';
}
export interface KsResult extends TestResult { readonly method: 'exact' | 'asymp'; }
/** Two-sample two-sided Kolmogorov-Smirnov test, matching scipy.stats.ks_2samp. Inputs must be finite. */
export function ksTest(_a: Float64Array, _b: Float64Array, _options: KsOptions = {}): KsResult { throw new Error('not implemented'); }

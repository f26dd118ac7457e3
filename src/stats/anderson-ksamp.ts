import type { TestResult } from './types.js';
/** k-sample Anderson-Darling (scipy.stats.anderson_ksamp, midrank); pValue is SciPy's significance_level, capped to [0.001, 0.25]. */
export function andersonKSample(_samples: readonly Float64Array[]): TestResult { throw new Error('not implemented'); }

/**
 * Two-sample t-tests, two-sided, exactly as scipy.stats.ttest_ind (means and variances summed in NumPy's
 * order, the same formulas for the degrees of freedom and the standard error).
 *
 * Edge cases: each sample needs at least 2 values (SciPy returns NaN below that; we throw
 * INVALID_ARGUMENT). When both samples are constant SciPy's statistic is d/0: for different means that is
 * +-Infinity with p = 0, which we keep; for equal means it is 0/0 = NaN, which we define as statistic 0,
 * p-value 1 (no evidence of a difference).
 */
import type { TestResult } from './types.js';
import { studentTSf } from './special/student-t.js';
import { numpySum } from './internal/numpy-sum.js';
import { requireFinite, requireLength } from './internal/validate.js';

interface Moments { readonly n: number; readonly mean: number; readonly variance: number }

/** np.mean and SciPy's _var(ddof=1): mean of squared deviations times n/(n-1). */
function moments(x: Float64Array): Moments {
  const n = x.length;
  const mean = numpySum(x) / n;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean;
    sq[i] = d * d;
  }
  const variance = (numpySum(sq) / n) * (n / (n - 1));
  return { n, mean, variance };
}

function check(a: Float64Array, b: Float64Array, name: string): [Moments, Moments] {
  requireLength(a, 2, `${name} first sample`);
  requireLength(b, 2, `${name} second sample`);
  requireFinite(a, `${name} first sample`);
  requireFinite(b, `${name} second sample`);
  return [moments(a), moments(b)];
}

function finish(diff: number, denom: number, df: number): TestResult {
  const t = diff / denom;
  if (Number.isNaN(t)) return { statistic: 0, pValue: 1 }; // both samples constant with equal means
  return { statistic: t, pValue: studentTSf(Math.abs(t), df) * 2 };
}

/** Welch's unequal-variance t-test, two-sided (scipy.stats.ttest_ind(a, b, equal_var=False)). */
export function welchTTest(a: Float64Array, b: Float64Array): TestResult {
  const [m1, m2] = check(a, b, 'welchTTest');
  const vn1 = m1.variance / m1.n;
  const vn2 = m2.variance / m2.n;
  let df = (vn1 + vn2) ** 2 / (vn1 ** 2 / (m1.n - 1) + vn2 ** 2 / (m2.n - 1));
  // SciPy: an undefined df means both variances are 0; any df works then
  if (Number.isNaN(df)) df = 1;
  return finish(m1.mean - m2.mean, Math.sqrt(vn1 + vn2), df);
}

/** Student's equal-variance t-test, two-sided (scipy.stats.ttest_ind(a, b)). */
export function studentTTest(a: Float64Array, b: Float64Array): TestResult {
  const [m1, m2] = check(a, b, 'studentTTest');
  const df = m1.n + m2.n - 2;
  const svar = ((m1.n - 1) * m1.variance + (m2.n - 1) * m2.variance) / df;
  return finish(m1.mean - m2.mean, Math.sqrt(svar * (1 / m1.n + 1 / m2.n)), df);
}

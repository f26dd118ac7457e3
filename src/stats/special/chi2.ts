import { gammaP, gammaQ } from './gamma.js';

/**
 * Chi-square survival function (upper tail) with df degrees of freedom: Q(df/2, x/2), computed
 * directly (not as 1 - cdf) so that p-values like chi2Sf(2000, 3) keep their relative accuracy.
 * Returns 1 for x <= 0 (as scipy.stats.chi2.sf) and NaN for df <= 0.
 */
export function chi2Sf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return NaN;
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

/** Chi-square cumulative distribution function P(df/2, x/2); 0 for x <= 0, NaN for df <= 0. */
export function chi2Cdf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return NaN;
  if (x <= 0) return 0;
  return gammaP(df / 2, x / 2);
}

import { requireCounts, requireSameNonEmptyLength } from './internal/validate-counts.js';
import { chi2Sf } from './special/chi2.js';
import type { Chi2Result } from './chi2-homogeneity.js';

/**
 * Pearson goodness of fit of observed counts against expected counts, as scipy.stats.chisquare(f_obs, f_exp):
 * statistic sum((o - e)^2 / e), dof = k - 1, p = chi2.sf(statistic, dof). The expected counts are taken
 * as given (SciPy 1.10 also insists the two totals agree; this function does not check).
 * Documented departures where SciPy warns or returns NaN:
 * - a category with expected 0 and observed > 0 makes the statistic +Infinity and p 0;
 * - a category with expected 0 and observed 0 carries no information: it is skipped and not counted in dof;
 * - with a single (remaining) category dof is 0 and p is 1.
 * Throws INVALID_ARGUMENT for empty or mismatched inputs and negative or non-finite counts.
 */
export function chi2GoodnessOfFit(observed: ArrayLike<number>, expected: ArrayLike<number>): Chi2Result {
  requireSameNonEmptyLength(observed, expected, 'chi2GoodnessOfFit');
  requireCounts(observed, 'chi2GoodnessOfFit observed');
  requireCounts(expected, 'chi2GoodnessOfFit expected');
  let statistic = 0;
  let k = 0;
  for (let j = 0; j < observed.length; j++) {
    const o = observed[j]!;
    const e = expected[j]!;
    if (e === 0 && o === 0) continue;
    k++;
    statistic += e === 0 ? Infinity : (o - e) ** 2 / e;
  }
  const dof = Math.max(k - 1, 0);
  if (dof === 0) return { statistic, pValue: 1, dof };
  return { statistic, pValue: statistic === Infinity ? 0 : chi2Sf(statistic, dof), dof };
}

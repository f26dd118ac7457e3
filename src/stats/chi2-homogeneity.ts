import { DriftwatchError } from '../core/index.js';
import { requireCounts, requireSameNonEmptyLength } from './internal/validate-counts.js';
import { chi2Sf } from './special/chi2.js';
import type { TestResult } from './types.js';

export interface Chi2Result extends TestResult { readonly dof: number; }

/**
 * Chi-square test of homogeneity on the 2 x K table of reference and current category counts, without
 * Yates' correction: scipy.stats.chi2_contingency([reference, current], correction=False).
 * Categories empty in both rows are dropped first (SciPy would fail on their zero expected counts), so
 * dof = K' - 1 over the K' remaining categories; with K' <= 1 there is nothing to compare and the result
 * is statistic 0, p 1, dof 0. Throws INVALID_ARGUMENT for empty or mismatched inputs, negative or
 * non-finite counts, or a row whose counts are all zero.
 */
export function chi2Homogeneity(reference: ArrayLike<number>, current: ArrayLike<number>): Chi2Result {
  requireSameNonEmptyLength(reference, current, 'chi2Homogeneity');
  requireCounts(reference, 'chi2Homogeneity reference');
  requireCounts(current, 'chi2Homogeneity current');
  let totalRef = 0;
  let totalCur = 0;
  let kept = 0;
  for (let j = 0; j < reference.length; j++) {
    totalRef += reference[j]!;
    totalCur += current[j]!;
    if (reference[j]! + current[j]! > 0) kept++;
  }
  if (totalRef === 0 || totalCur === 0) {
    throw new DriftwatchError('INVALID_ARGUMENT', `chi2Homogeneity: the ${totalRef === 0 ? 'reference' : 'current'} counts are all zero`);
  }
  if (kept <= 1) return { statistic: 0, pValue: 1, dof: 0 };
  const total = totalRef + totalCur;
  let statistic = 0;
  for (let j = 0; j < reference.length; j++) {
    const col = reference[j]! + current[j]!;
    if (col === 0) continue;
    // Expected counts as SciPy forms them: row total * column total / grand total.
    const eRef = (totalRef * col) / total;
    const eCur = (totalCur * col) / total;
    statistic += (reference[j]! - eRef) ** 2 / eRef + (current[j]! - eCur) ** 2 / eCur;
  }
  const dof = kept - 1;
  return { statistic, pValue: chi2Sf(statistic, dof), dof };
}

import { DriftwatchError } from '../core/index.js';
import { requireNonNegativeInteger } from './internal/validate-counts.js';
import { normalSf } from './special/normal.js';
import type { TestResult } from './types.js';

/**
 * Two-proportion pooled Z-test, two-sided (Evidently's "Z-test"): p1 = successesA / nA, p2 = successesB / nB,
 * pooled P = (successesA + successesB) / (nA + nB), z = (p1 - p2) / sqrt(P (1 - P) (1/nA + 1/nB)),
 * p = 2 * sf(|z|). The statistic is z (positive when A has the larger share). When P (1 - P) = 0 (both sides
 * hold the same single value) there is no evidence of a difference: z = 0, p = 1.
 * The tail is computed as 2 * normalSf(|z|) rather than 2 * (1 - cdf(|z|)), so very small p-values keep their
 * digits instead of rounding to 0. Throws INVALID_ARGUMENT unless counts are integers with 0 <= successes <= n, n >= 1.
 */
export function zTestProportions(successesA: number, nA: number, successesB: number, nB: number): TestResult {
  requireNonNegativeInteger(successesA, 'zTestProportions successesA');
  requireNonNegativeInteger(successesB, 'zTestProportions successesB');
  requireNonNegativeInteger(nA, 'zTestProportions nA');
  requireNonNegativeInteger(nB, 'zTestProportions nB');
  if (nA === 0 || nB === 0 || successesA > nA || successesB > nB) {
    throw new DriftwatchError('INVALID_ARGUMENT', `zTestProportions: need 0 <= successes <= n and n >= 1 (got ${successesA}/${nA}, ${successesB}/${nB})`);
  }
  const p1 = successesA / nA;
  const p2 = successesB / nB;
  const pooled = (p1 * nA + p2 * nB) / (nA + nB);
  const variance = pooled * (1 - pooled) * (1 / nA + 1 / nB);
  if (!(variance > 0)) return { statistic: 0, pValue: 1 };
  const z = (p1 - p2) / Math.sqrt(variance);
  return { statistic: z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) };
}

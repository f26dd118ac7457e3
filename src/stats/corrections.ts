import { DriftwatchError } from '../core/index.js';

function requireProbabilities(pValues: readonly number[], what: string): void {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) {
      throw new DriftwatchError('INVALID_ARGUMENT', `${what}: p-value at index ${i} is ${p}; p-values must lie in [0, 1]`, { field: what });
    }
  });
}

/** Bonferroni-adjusted p-values min(1, p * m) (m = number of p-values), in input order. Empty in, empty out. */
export function bonferroni(pValues: readonly number[]): number[] {
  requireProbabilities(pValues, 'bonferroni');
  const m = pValues.length;
  return pValues.map((p) => Math.min(1, p * m));
}

/**
 * Benjamini-Hochberg adjusted p-values, in input order, as statsmodels multipletests(method='fdr_bh'):
 * sort ascending, take p_(i) * m / i, make it monotone with a running minimum from the largest p down, cap
 * at 1. An adjusted p-value is never below its raw p-value. Empty in, empty out.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  requireProbabilities(pValues, 'benjaminiHochberg');
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((i, j) => pValues[i]! - pValues[j]! || i - j);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1]!;
    // p * m / rank >= p in exact arithmetic; the max keeps rounding (rank = m) from dipping 1 ulp below p.
    running = Math.min(running, Math.max(pValues[i]!, (pValues[i]! * m) / rank));
    adjusted[i] = running;
  }
  return adjusted;
}

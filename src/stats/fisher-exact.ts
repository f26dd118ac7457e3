import { hypergeometricPmf } from './internal/loader-binomial.js';
import { requireNonNegativeInteger } from './internal/validate-counts.js';
import type { TestResult } from './types.js';

/** SciPy 1.10 treats pmf values within this relative distance of the observed one as "as extreme". */
const RELATIVE_TOLERANCE = 1e-14;

/** The hypergeometric distribution of the top-left cell given the table margins. */
class Hypergeometric {
  readonly lo: number;
  readonly hi: number;
  constructor(
    readonly good: number,
    readonly bad: number,
    readonly draws: number,
  ) {
    this.lo = Math.max(0, draws - bad);
    this.hi = Math.min(draws, good);
  }

  pmf(k: number): number {
    return hypergeometricPmf(k, this.good, this.bad, this.draws);
  }

  /** P(X <= k), summed from k down: the terms shrink away from the mode, so stop once they no longer count. */
  cdf(k: number): number {
    let sum = 0;
    for (let x = Math.min(k, this.hi); x >= this.lo; x--) {
      const term = this.pmf(x);
      sum += term;
      if (term <= sum * 1e-17) break;
    }
    return sum;
  }

  /** P(X > k), summed from k + 1 up. */
  sf(k: number): number {
    let sum = 0;
    for (let x = Math.max(k + 1, this.lo); x <= this.hi; x++) {
      const term = this.pmf(x);
      sum += term;
      if (term <= sum * 1e-17) break;
    }
    return sum;
  }
}

/** SciPy's _binary_search_for_binom_tst: the i in [lo, hi] with f(i) <= d < f(i + 1) for increasing f. */
function binarySearch(f: (x: number) => number, d: number, lo0: number, hi0: number): number {
  let lo = lo0;
  let hi = hi0;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const v = f(mid);
    if (v < d) lo = mid + 1;
    else if (v > d) hi = mid - 1;
    else return mid;
  }
  return f(lo) <= d ? lo : lo - 1;
}

/**
 * Fisher's exact test on [[a, b], [c, d]], two-sided, as scipy.stats.fisher_exact (SciPy 1.10): the p-value
 * sums the hypergeometric probabilities of every table (same margins) no more likely than the observed one,
 * with SciPy's relative tolerance of 1e-14 and its search for the boundary on the other side of the mode.
 * The statistic is the sample odds ratio a d / (b c): Infinity when b c = 0 (unless a row or column is
 * empty), and NaN with p = 1 when any row or column sums to 0. Throws INVALID_ARGUMENT for counts that are
 * not integers >= 0.
 */
export function fisherExact(a: number, b: number, c: number, d: number): TestResult {
  requireNonNegativeInteger(a, 'fisherExact a');
  requireNonNegativeInteger(b, 'fisherExact b');
  requireNonNegativeInteger(c, 'fisherExact c');
  requireNonNegativeInteger(d, 'fisherExact d');
  if (a + c === 0 || b + d === 0 || a + b === 0 || c + d === 0) return { statistic: NaN, pValue: 1 };
  const statistic = c > 0 && b > 0 ? (a * d) / (c * b) : Infinity;
  const n1 = a + b;
  const n2 = c + d;
  const n = a + c;
  const dist = new Hypergeometric(n1, n2, n);
  const mode = Math.trunc(((n + 1) * (n1 + 1)) / (n1 + n2 + 2));
  const pExact = dist.pmf(a);
  const pMode = dist.pmf(mode);
  const gamma = 1 + RELATIVE_TOLERANCE;
  if (Math.abs(pExact - pMode) / Math.max(pExact, pMode) <= RELATIVE_TOLERANCE) return { statistic, pValue: 1 };
  let pValue: number;
  if (a < mode) {
    const pLower = dist.cdf(a);
    if (dist.pmf(n) > pExact * gamma) return { statistic, pValue: pLower };
    const guess = binarySearch((x) => -dist.pmf(x), -pExact * gamma, mode, n);
    pValue = pLower + dist.sf(guess);
  } else {
    const pUpper = dist.sf(a - 1);
    if (dist.pmf(0) > pExact * gamma) return { statistic, pValue: pUpper };
    const guess = binarySearch((x) => dist.pmf(x), pExact * gamma, 0, mode);
    pValue = pUpper + dist.cdf(guess);
  }
  return { statistic, pValue: Math.min(pValue, 1) };
}

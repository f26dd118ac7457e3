import { DriftwatchError } from '../core/index.js';
import { kolmogorovNSf } from './internal/kolmogn.js';
import { probOutsideBand, probOutsideSquare } from './internal/ks-exact.js';
import type { SortedPairScan } from './sorted-pair-scan.js';
import type { SortedOption, TestResult } from './types.js';
import { sortedView } from './internal/validate.js';

export interface KsOptions extends SortedOption {
  /** SciPy's ks_2samp method; 'auto' picks exact for small samples like SciPy 1.10. */
  readonly method?: 'auto' | 'exact' | 'asymp';
}
/** The test result plus the p-value method SciPy would have used (auto resolved, exact fallback applied). */
export interface KsResult extends TestResult { readonly method: 'exact' | 'asymp'; }

/** SciPy 1.10: 'auto' tries the exact distribution when both samples have at most this many values. */
const MAX_AUTO_N = 10000;
const INT32_MAX = 2147483647;

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** numpy.round: half to even (matters only for exact .5, kept for fidelity). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Largest positive and negative gaps between the two ECDFs, by one merge over the sorted samples.
 * The gap is i/n1 - j/n2 after stepping past every copy of the next distinct value (both ECDFs jump
 * over a tie at once), exactly the differences SciPy forms with searchsorted(..., 'right') / n.
 */
function ecdfGaps(a: Float64Array, b: Float64Array): { maxGap: number; minGap: number } {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxDiff = -Infinity;
  let minDiff = Infinity;
  while (i < n1 && j < n2) {
    const va = a[i]!;
    const vb = b[j]!;
    if (va < vb) {
      i++;
      while (i < n1 && a[i] === va) i++;
    } else if (vb < va) {
      j++;
      while (j < n2 && b[j] === vb) j++;
    } else {
      i++;
      j++;
      while (i < n1 && a[i] === va) i++;
      while (j < n2 && b[j] === vb) j++;
    }
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  // Once one sample is used up the gap moves monotonically to 0 at the last value, so only that 0 can be
  // a new extreme: a minimum if a ran out (gaps 1 - j/n2 fall), a maximum if b ran out.
  if (i < n1 || j < n2) {
    if (i === n1) minDiff = Math.min(minDiff, 0);
    else maxDiff = Math.max(maxDiff, 0);
  }
  return { maxGap: maxDiff, minGap: minDiff };
}

function requireNonEmpty(n1: number, n2: number): void {
  if (n1 === 0 || n2 === 0) {
    throw new DriftwatchError('INVALID_ARGUMENT', `ksTest: both samples must be non-empty (got sizes ${n1} and ${n2})`);
  }
}

/**
 * Two-sample two-sided Kolmogorov-Smirnov test, matching scipy.stats.ks_2samp (SciPy 1.10).
 * 'auto' uses the exact path-counting p-value when max(n1, n2) <= 10000 and SciPy's asymptotic
 * kstwo.sf(D, round(n1 n2 / (n1 + n2))) otherwise; exact falls back to asymp when its result is not a
 * probability. With method 'exact' (or a successful 'auto' exact) the statistic is SciPy's D rounded to
 * h / lcm(n1, n2). Inputs must be non-empty and free of NaN; pass `sorted: true` to skip the copy and sort.
 * Cost: O(n1 + n2) for D after sorting; the exact p-value is O(n1 n2) in the worst case (as in SciPy), so
 * forcing method 'exact' on large samples is slow; the asymptotic p-value costs at most tens of milliseconds
 * (SciPy's kstwo method selection, see internal/kolmogn.ts).
 */
export function ksTest(a: Float64Array, b: Float64Array, options: KsOptions = {}): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  requireNonEmpty(n1, n2);
  const x = sortedView(a, options.sorted, 'ksTest first sample');
  const y = sortedView(b, options.sorted, 'ksTest second sample');
  // Sorting puts NaN last, so one look at each end finds it (and guards the merge against stalling).
  if (Number.isNaN(x[n1 - 1]!) || Number.isNaN(y[n2 - 1]!)) {
    throw new DriftwatchError('INVALID_ARGUMENT', 'ksTest: samples must not contain NaN');
  }
  const { maxGap, minGap } = ecdfGaps(x, y);
  return ksFromGaps(n1, n2, maxGap, minGap, options.method ?? 'auto');
}

/**
 * ksTest from the ECDF gaps of a {@link scanSortedPair} walk (the drift engine's shared merge): the same
 * statistic and p-value as ksTest on the two samples, without another pass over them.
 */
export function ksTestFromScan(scan: SortedPairScan, options: Pick<KsOptions, 'method'> = {}): KsResult {
  requireNonEmpty(scan.n1, scan.n2);
  return ksFromGaps(scan.n1, scan.n2, scan.maxGap, scan.minGap, options.method ?? 'auto');
}

/** The test from the largest and smallest ECDF differences i/n1 - j/n2 (SciPy's D = max(maxS, minS)). */
function ksFromGaps(n1: number, n2: number, maxGap: number, minGap: number, method: 'auto' | 'exact' | 'asymp'): KsResult {
  const minS = Math.min(Math.max(-minGap, 0), 1);
  let d = minS > maxGap ? minS : maxGap;

  const g = gcd(n1, n2);
  const n1g = n1 / g;
  const n2g = n2 / g;
  let mode: 'exact' | 'asymp';
  if (method === 'auto') mode = Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymp';
  else if (method === 'exact') mode = n1g >= INT32_MAX / n2g ? 'asymp' : 'exact';
  else mode = 'asymp';

  let p = NaN;
  if (mode === 'exact') {
    const lcm = n1g * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) {
      p = 1;
    } else {
      p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
      // SciPy treats a non-probability as a failed exact computation and switches to asymp.
      if (!(p >= 0 && p <= 1)) mode = 'asymp';
    }
  }
  if (mode === 'asymp') {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    // SciPy rounds en = 0.5 (one value on each side) to 0 and returns NaN; one value is the honest size.
    p = d === 0 ? 1 : kolmogorovNSf(Math.max(1, roundHalfEven(en)), d);
  }
  p = Math.min(Math.max(p, 0), 1);
  return { statistic: d, pValue: p, method: mode };
}

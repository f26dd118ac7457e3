/**
 * Mann-Whitney U test as scipy.stats.mannwhitneyu in SciPy 1.10 (use_continuity=True).
 *
 * method 'auto' (SciPy's rule, `_mwu_choose_method`): exact when at least one sample has 8 or fewer
 * values and there are no ties; otherwise the normal approximation with tie-corrected variance and
 * continuity correction. The statistic is U1, the U of the first sample; 'greater' tests whether the
 * first sample is stochastically greater.
 */
import type { TestResult, SortedOption } from './types.js';
import { DriftwatchError } from '../core/index.js';
import { normalSf } from './special/normal.js';
import { forEachTieGroup } from './internal/tie-groups.js';
import { requireLength, requireNoNaN, sortedView } from './internal/validate.js';

export interface MannWhitneyOptions extends SortedOption {
  readonly alternative?: 'two-sided' | 'less' | 'greater';
  readonly method?: 'auto' | 'exact' | 'asymptotic';
}

const EXACT_MAX_CELLS = 5_000_000;

/**
 * P(U >= u) under the null for sample sizes m and n without ties: the tail of the Gaussian binomial
 * coefficient [m+n choose m]_q, whose coefficient k counts the arrangements with U = k. SciPy sums the
 * same counts by recursion over (m, n, k); building the polynomial as prod (1 - q^(big+i)) / (1 - q^i),
 * truncated at degree m*n - u and rescaled each step to stay a probability, costs O(min(m, n) * m*n)
 * time and O(m*n) memory instead of SciPy's (m+1)(n+1)(k+1) table.
 */
function exactSf(u: number, m: number, n: number): number {
  const small = Math.min(m, n);
  const big = Math.max(m, n);
  // P(U >= u) = P(U <= m n - u) by symmetry, as SciPy computes it
  const kMax = m * n - u;
  if (kMax < 0) return 0;
  const c = new Float64Array(kMax + 1);
  c[0] = 1;
  for (let i = 1; i <= small; i++) {
    const shift = big + i;
    for (let k = kMax; k >= shift; k--) c[k]! -= c[k - shift]!;
    for (let k = i; k <= kMax; k++) c[k]! += c[k - i]!;
    const scale = i / (big + i);
    for (let k = 0; k <= kMax; k++) c[k]! *= scale;
  }
  let cdf = 0;
  for (let k = 0; k <= kMax; k++) cdf += c[k]!;
  return cdf;
}

/** Mann-Whitney U test (scipy.stats.mannwhitneyu, SciPy 1.10 defaults); statistic is U of the first sample. */
export function mannWhitneyU(a: Float64Array, b: Float64Array, options: MannWhitneyOptions = {}): TestResult {
  requireLength(a, 1, 'mannWhitneyU first sample');
  requireLength(b, 1, 'mannWhitneyU second sample');
  requireNoNaN(a, 'mannWhitneyU first sample');
  requireNoNaN(b, 'mannWhitneyU second sample');
  const alternative = options.alternative ?? 'two-sided';
  let method = options.method ?? 'auto';
  if (!['two-sided', 'less', 'greater'].includes(alternative)) {
    throw new DriftwatchError('INVALID_ARGUMENT', `mannWhitneyU: alternative must be two-sided, less or greater, got ${alternative}`, { field: 'alternative' });
  }
  if (!['auto', 'exact', 'asymptotic'].includes(method)) {
    throw new DriftwatchError('INVALID_ARGUMENT', `mannWhitneyU: method must be auto, exact or asymptotic, got ${method}`, { field: 'method' });
  }
  const sa = sortedView(a, options.sorted, 'mannWhitneyU first sample');
  const sb = sortedView(b, options.sorted, 'mannWhitneyU second sample');
  const n1 = sa.length;
  const n2 = sb.length;

  let r1 = 0;
  let tieTerm = 0;
  forEachTieGroup(sa, sb, (ca, cb, start) => {
    const t = ca + cb;
    r1 += ca * (start + (t + 1) / 2);
    tieTerm += t * t * t - t;
  });
  if (method === 'auto') {
    method = (n1 > 8 && n2 > 8) || tieTerm > 0 ? 'asymptotic' : 'exact';
    // Our addition: the exact tail needs a float array of up to n1*n2/2 entries; beyond EXACT_MAX_CELLS
    // (one sample of <= 8 values against ~1.25M) 'auto' switches to the normal approximation, which is
    // excellent there, instead of allocating hundreds of MB (SciPy's table would not fit in memory at all).
    if (method === 'exact' && (n1 * n2) / 2 > EXACT_MAX_CELLS) method = 'asymptotic';
  }

  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const [u, factor] = alternative === 'greater' ? [u1, 1] : alternative === 'less' ? [u2, 1] : [Math.max(u1, u2), 2];

  let p: number;
  if (method === 'exact') {
    p = exactSf(Math.trunc(u), n1, n2);
  } else {
    const mu = (n1 * n2) / 2;
    const n = n1 + n2;
    const s = Math.sqrt((n1 * n2) / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
    // all values tied: s = 0 and z = -0.5/0 = -Infinity, so p = 1 as in SciPy
    const z = (u - mu - 0.5) / s;
    p = normalSf(z);
  }
  p *= factor;
  return { statistic: u1, pValue: Math.min(Math.max(p, 0), 1) };
}

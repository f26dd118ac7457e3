/**
 * Two-sample Cramer-von Mises test, exactly scipy.stats.cramervonmises_2samp(x, y, method='auto').
 *
 * 'auto' (SciPy's rule): the exact null distribution when both samples have at most 20 values (Xiao,
 * Gordon and Yakovlev 2006, the same frequency tables SciPy builds), otherwise Anderson's (1962)
 * normalisation of the statistic and the limiting one-sample distribution (Csorgo and Faraway 1996,
 * SciPy's `_cdf_cvm_inf`). Ties get mid-ranks. Both samples need at least two values.
 */
import type { TestResult, SortedOption } from './types.js';
import { logGamma } from './special/gamma.js';
import { besselKExpScaled } from './internal/bessel-k.js';
import { forEachTieGroup } from './internal/tie-groups.js';
import { NumpySumAccumulator } from './internal/numpy-sum.js';
import { requireLength, requireNoNaN, sortedView } from './internal/validate.js';

const EXACT_MAX_SIZE = 20;
/** Beyond this normalised statistic the limiting p-value is far below double rounding (SciPy returns ~0). */
const ASYMPTOTIC_MAX_TN = 1e4;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** n choose k, exact for the sizes used here (n <= 40 gives at most 1.4e11). */
function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Python/NumPy float floor division a // b (fmod-based, as CPython's float_floor_div). */
function floorDiv(a: number, b: number): number {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && (b < 0) !== (mod < 0)) {
    mod += b;
    div -= 1;
  }
  if (div === 0) return 0 * (a / b);
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1;
  return floordiv;
}

/** A frequency table: distinct statistic values ascending, with their path counts. */
interface FreqTable { readonly values: Float64Array; readonly freqs: Float64Array }

const EMPTY: FreqTable = { values: new Float64Array(0), freqs: new Float64Array(0) };

/** Merge two tables (summing counts of equal values) and add `shift` to every value; order is kept. */
function mergeShift(p: FreqTable, q: FreqTable, shift: number): FreqTable {
  const values = new Float64Array(p.values.length + q.values.length);
  const freqs = new Float64Array(values.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < p.values.length || j < q.values.length) {
    const pv = i < p.values.length ? p.values[i]! : Infinity;
    const qv = j < q.values.length ? q.values[j]! : Infinity;
    if (pv === qv) {
      values[n] = pv + shift;
      freqs[n++] = p.freqs[i++]! + q.freqs[j++]!;
    } else if (pv < qv) {
      values[n] = pv + shift;
      freqs[n++] = p.freqs[i++]!;
    } else {
      values[n] = qv + shift;
      freqs[n++] = q.freqs[j++]!;
    }
  }
  return { values: values.subarray(0, n), freqs: freqs.subarray(0, n) };
}

/**
 * Exact p-value P(U >= s) for sample sizes m and n (SciPy's `_pval_cvm_2samp_exact`): frequency tables of
 * the statistic over lattice paths, built column by column (Xiao et al. 2006, Algorithm 1). Values are
 * integers below 2^53 and counts at most C(40, 20) ~ 1.4e11, so every sum is exact; tables are kept as
 * sorted typed arrays, which a shift by a constant leaves sorted, so merging is linear.
 */
function exactPValue(s: number, m: number, n: number): number {
  const lcm = (m * n) / gcd(m, n);
  const a = lcm / m;
  const b = lcm / n;
  const mn = m * n;
  const zeta = floorDiv(lcm * lcm * (m + n) * (6 * s - mn * (4 * mn - 1)), 6 * mn * mn);
  let gs: FreqTable[] = [{ values: new Float64Array([0]), freqs: new Float64Array([1]) }];
  for (let v = 1; v <= m; v++) gs.push(EMPTY);
  for (let u = 0; u <= n; u++) {
    const next: FreqTable[] = [];
    let tmp = EMPTY;
    for (let v = 0; v <= m; v++) {
      tmp = mergeShift(tmp, gs[v]!, (a * v - b * u) ** 2);
      next.push(tmp);
    }
    gs = next;
  }
  const last = gs[m]!;
  let count = 0;
  for (let i = 0; i < last.values.length; i++) if (last.values[i]! >= zeta) count += last.freqs[i]!;
  return count / binomial(m + n, m);
}

/** CDF of the limiting Cramer-von Mises statistic, term by term as SciPy's `_cdf_cvm_inf`. */
function cdfCvmInf(x: number): number {
  let total = 0;
  for (let k = 0; ; k++) {
    const u = Math.exp(logGamma(k + 0.5) - logGamma(k + 1)) / (Math.PI ** 1.5 * Math.sqrt(x));
    const y = 4 * k + 1;
    const q = (y * y) / (16 * x);
    // exp(-q) K_{1/4}(q) = exp(-2q) kve(1/4, q)
    const z = u * Math.sqrt(y) * Math.exp(-2 * q) * besselKExpScaled(0.25, q);
    total += z;
    if (!(Math.abs(z) >= 1e-7)) break;
  }
  return total;
}

/** Two-sample Cramer-von Mises test (scipy.stats.cramervonmises_2samp, method auto). */
export function cramerVonMises(a: Float64Array, b: Float64Array, options: SortedOption = {}): TestResult {
  requireLength(a, 2, 'cramerVonMises first sample');
  requireLength(b, 2, 'cramerVonMises second sample');
  requireNoNaN(a, 'cramerVonMises first sample');
  requireNoNaN(b, 'cramerVonMises second sample');
  const xa = sortedView(a, options.sorted, 'cramerVonMises first sample');
  const ya = sortedView(b, options.sorted, 'cramerVonMises second sample');
  const nx = xa.length;
  const ny = ya.length;

  // U = nx * sum (rank(x_i) - i)^2 + ny * sum (rank(y_j) - j)^2 with mid-ranks in the pooled sample.
  // The terms are multiples of 1/4, exact; their sums stop being exact beyond 2^53 (samples of ~1e5 and
  // more), so they are accumulated in NumPy's order, term by term in the same sorted order as SciPy.
  const sx = new NumpySumAccumulator();
  const sy = new NumpySumAccumulator();
  let xBefore = 0;
  let yBefore = 0;
  forEachTieGroup(xa, ya, (cx, cy, start) => {
    const rank = start + (cx + cy + 1) / 2;
    for (let t = 0; t < cx; t++) sx.add((rank - (xBefore + t + 1)) ** 2);
    for (let t = 0; t < cy; t++) sy.add((rank - (yBefore + t + 1)) ** 2);
    xBefore += cx;
    yBefore += cy;
  });
  const u = nx * sx.value() + ny * sy.value();
  const k = nx * ny;
  const N = nx + ny;
  const t = u / (k * N) - (4 * k - 1) / (6 * N);

  if (Math.max(nx, ny) <= EXACT_MAX_SIZE) return { statistic: t, pValue: exactPValue(u, nx, ny) };

  const et = (1 + 1 / N) / 6;
  let vt = (N + 1) * (4 * k * N - 3 * (nx ** 2 + ny ** 2) - 2 * k);
  vt = vt / (45 * N ** 2 * 4 * k);
  const tn = 1 / 6 + (t - et) / Math.sqrt(45 * vt);
  // SciPy: below 0.003 the limiting cdf is under 1.3e-18, so p = 1
  if (tn < 0.003) return { statistic: t, pValue: 1 };
  if (tn > ASYMPTOTIC_MAX_TN) return { statistic: t, pValue: 0 };
  return { statistic: t, pValue: Math.max(0, 1 - cdfCvmInf(tn)) };
}

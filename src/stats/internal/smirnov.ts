import { deviance, stirlingError } from './loader-binomial.js';

/**
 * Survival function of the exact one-sided Kolmogorov-Smirnov statistic D_n^+ (scipy.special.smirnov),
 * by the Smirnov / Birnbaum-Tingey sum
 *   P(D_n^+ >= x) = x * sum_{v=0}^{floor(n(1-x))} C(n, v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v).
 * SciPy evaluates the terms in double-double. Here term v is recognised as binom.pmf(v; n, y) / y with
 * y = x + v/n and evaluated by Loader's saddle-point formula (Stirling errors plus deviance terms), with
 * n y and n (1 - y) built from the exact split n*x = floor + alpha; summing logs of binomial coefficients
 * instead loses about n * 1e-16 and is not good enough for n near 1e6.
 * Internal to the KS two-sample asymptotic p-value (scipy.stats.kstwo).
 */

// log(2^-1075): below this exp() is 0 even as a subnormal (SciPy's cephes MINLOG).
const MIN_LOG = -745.1332191019412;
// Past this SciPy switches to an approximation instead of summing n terms.
const MAX_COMPUTE_N = 1_000_000;
const DBL_EPSILON = 2.220446049250313e-16;
const LOG_2PI = 1.8378770664093453;

/** Dekker's exact product: a*b = p + e with p the rounded product. */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const split = 134217729; // 2^27 + 1
  let t = split * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = split * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** floor(n x) and the fractional part n x - floor(n x), both exact (up to the final rounding of alpha). */
export function floorAndFraction(n: number, x: number): { floor: number; alpha: number } {
  const [p, e] = twoProduct(n, x);
  let floor = Math.floor(p);
  let alpha = p - floor + e;
  if (alpha < 0) {
    floor -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    floor += 1;
    alpha = 0;
  }
  return { floor, alpha };
}

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** scipy.special.smirnov(n, x): P(D_n^+ >= x) for integer n >= 1 and 0 <= x <= 1. */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { floor: nxFloor, alpha } = floorAndFraction(n, x);
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    // x <= 1/n: only the v = n term of the complementary sum survives.
    return clip01(1 - x * Math.pow(1 + x, n - 1));
  }
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (nxFloor >= n - 1) return Math.pow(1 - x, n);
  if (n > MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  // Terms v = 0 .. floor(n(1-x)), excluding v = n(1-x) itself when n x is an integer (that term is 0).
  const lastV = n - nxFloor - 1;
  const nTerms = lastV + 1;
  const vMid = Math.floor(n / 2);
  const nx = nxFloor + alpha;
  // v = 0: (1 - x)^n / x.
  let sum = Math.exp(n * Math.log1p(-nx / n)) / x;
  const stirlingN = stirlingError(n);
  for (let v = 1; v < nTerms; v++) {
    // Term v is binom.pmf(v; n, y) / y with y = x + v/n: Loader's saddle-point form keeps it accurate for any n.
    const lower = nx + v; // n y
    const upper = n - v - nxFloor - alpha; // n (1 - y)
    const logPmf =
      stirlingN - stirlingError(v) - stirlingError(n - v) - deviance(v, lower, -nx) - deviance(n - v, upper, nx) -
      0.5 * (LOG_2PI + Math.log(v) + Math.log1p(-v / n));
    const term = Math.exp(logPmf) * (n / lower);
    sum += term;
    if (term !== 0) {
      // The remaining terms cannot move the sum: SciPy's stopping rule.
      if (4 * (nTerms - v) * term < DBL_EPSILON * sum && v !== nTerms - 1) break;
    } else if (v > vMid) {
      break;
    }
  }
  return clip01(x * sum);
}

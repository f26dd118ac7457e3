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
  const nTerms = n - nxFloor;
  const sum = nTerms > SMOOTH_MIN_TERMS ? smoothSum(n, x, nxFloor, alpha, nTerms) : directSum(n, x, nxFloor, alpha, nTerms);
  return clip01(x * sum.value);
}

/** The same sum term by term (SciPy's way), for tests of the accelerated path. */
export function smirnovSfDirect(n: number, x: number): number {
  const { floor: nxFloor, alpha } = floorAndFraction(n, x);
  return clip01(x * directSum(n, x, nxFloor, alpha, n - nxFloor).value);
}

// The smooth path pays off (and is only used) for long sums.
const SMOOTH_MIN_TERMS = 50000;
// Hand over to the smooth path once consecutive log-terms differ by less than this.
const SLOPE = 0.01;

/**
 * log of term v, log(binom.pmf(v; n, y) / y) with y = x + v/n, by Loader's saddle-point form, for v >= 1 and
 * n - v - n x > 0. v may be real (the smooth path integrates it; then v >= 16 so Stirling's series applies).
 * n y and n (1 - y) are built from the exact split n x = floor + alpha so neither loses digits.
 */
function logTerm(n: number, nxFloor: number, alpha: number, v: number, stirlingN: number): number {
  const nx = nxFloor + alpha;
  const lower = nxFloor + v + alpha; // n y
  const upper = n - v - nxFloor - alpha; // n (1 - y)
  return (
    stirlingN - stirlingError(v) - stirlingError(n - v) - deviance(v, lower, -nx) - deviance(n - v, upper, nx) -
    0.5 * (LOG_2PI + Math.log(v) + Math.log1p(-v / n)) + Math.log(n / lower)
  );
}

interface PartialSum {
  readonly value: number;
  /** First v not yet added (nTerms when the sum is complete). */
  readonly next: number;
  /** log of the last two terms added: their difference is the slope of log f at the hand-over point. */
  readonly lastLog: number;
  readonly prevLog: number;
}

/**
 * Terms v = 0 .. nTerms-1 one by one, stopping early by SciPy's rule; with stopSlope > 0 it also stops once
 * the log-terms change by less than that per step (the smooth path takes over there).
 */
function directSum(n: number, x: number, nxFloor: number, alpha: number, nTerms: number, stopSlope = 0): PartialSum {
  const nx = nxFloor + alpha;
  const vMid = Math.floor(n / 2);
  // v = 0: (1 - x)^n / x.
  let prevLog = n * Math.log1p(-nx / n) - Math.log(x);
  let sum = Math.exp(prevLog);
  const stirlingN = stirlingError(n);
  for (let v = 1; v < nTerms; v++) {
    const lt = logTerm(n, nxFloor, alpha, v, stirlingN);
    const term = Math.exp(lt);
    sum += term;
    if (term !== 0) {
      // The remaining terms cannot move the sum: SciPy's stopping rule.
      if (4 * (nTerms - v) * term < DBL_EPSILON * sum && v !== nTerms - 1) break;
    } else if (v > vMid) {
      break;
    }
    if (stopSlope > 0 && v >= 64 && Math.abs(lt - prevLog) < stopSlope) return { value: sum, next: v + 1, lastLog: lt, prevLog };
    prevLog = lt;
  }
  return { value: sum, next: nTerms, lastLog: 0, prevLog: 0 };
}

/** 16-point Gauss-Legendre nodes and weights on [-1, 1], by Newton's method on P_16. */
const GL = (() => {
  const m = 16;
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= m; i++) {
    let z = Math.cos((Math.PI * (i - 0.25)) / (m + 0.5));
    let dp = 1;
    for (let it = 0; it < 100; it++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= m; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      dp = (m * (z * p1 - p2)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    nodes.push(z);
    weights.push(2 / ((1 - z * z) * dp * dp));
  }
  return { nodes, weights };
})();

/**
 * For large n the sum has O(n) non-negligible terms (SciPy adds all of them: seconds at n = 5e5). Once
 * consecutive log-terms differ by less than SLOPE the terms are a smooth function f(v), and the midpoint
 * Euler-Maclaurin formula gives sum_{v >= V} f(v) = integral_{V-1/2}^inf f + f'(V-1/2)/24 - 7 f'''(V-1/2)/5760
 * + ..., the integral by 16-point Gauss-Legendre panels kept well inside the distance to the singularities
 * of log f (v = 0 and v = n - n x). Agrees with the direct sum to about 1e-13 (smirnov.test.ts). Falls back
 * to the direct sum if the terms are not negligible near the end of the range.
 */
function smoothSum(n: number, x: number, nxFloor: number, alpha: number, nTerms: number): PartialSum {
  const head = directSum(n, x, nxFloor, alpha, nTerms, SLOPE);
  if (head.next >= nTerms) return head;
  const stirlingN = stirlingError(n);
  const nx = nxFloor + alpha;
  const end = n - nx - 32;
  const t0 = head.next - 0.5;
  const slope = head.lastLog - head.prevLog; // centred difference: d log f / dv at t0
  const f0 = Math.exp(logTerm(n, nxFloor, alpha, t0, stirlingN));
  let sum = head.value + (f0 * slope) / 24 - (7 * f0 * slope ** 3) / 5760;
  let t = t0;
  let gStart = logTerm(n, nxFloor, alpha, t, stirlingN);
  while (true) {
    const width = Math.min(0.25 * Math.min(t, end - t), 50000);
    if (!(width > 1)) return directSum(n, x, nxFloor, alpha, nTerms);
    const half = width / 2;
    const mid = t + half;
    let panel = 0;
    for (let k = 0; k < 16; k++) panel += GL.weights[k]! * Math.exp(logTerm(n, nxFloor, alpha, mid + half * GL.nodes[k]!, stirlingN));
    panel *= half;
    sum += panel;
    t += width;
    const gEnd = logTerm(n, nxFloor, alpha, t, stirlingN);
    // Past the peak (log f falling) and the panels no longer move the sum: the log-concave tail is negligible.
    if (gEnd < gStart && panel <= 1e-18 * sum) break;
    gStart = gEnd;
  }
  return { value: sum, next: nTerms, lastLog: 0, prevLog: 0 };
}

/**
 * Catherine Loader's saddle-point evaluation of binomial probabilities ("Fast and Accurate
 * Computation of Binomial Probabilities", 2000; R's dbinom_raw / dhyper). Writing the pmf through
 * Stirling's error and a deviance term keeps full relative accuracy for any n, where logs of
 * factorials lose about n * 1e-16. Used by the Smirnov sum and by Fisher's exact test.
 */

const LOG_2PI = 1.8378770664093453;

/** stirlingError(k) for k = 1 .. 15, from the exact log Gamma (mpmath, 40 digits). */
const STIRLING_ERROR_SMALL = [
  0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093, 0.016644691189821193,
  0.013876128823070748, 0.01189670994589177, 0.010411265261972096, 0.009255462182712733, 0.00833056343336287,
  0.007573675487951841, 0.00694284010720953, 0.006408994188004207, 0.0059513701127588475, 0.005554733551962801,
];

/** log(k!) - log(sqrt(2 pi k) (k/e)^k) for integer k >= 1 (0 for k = 0 by convention; unused there). */
export function stirlingError(k: number): number {
  if (k <= 15) return STIRLING_ERROR_SMALL[k]!;
  const r = 1 / k;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 / 1188))));
}

/**
 * Deviance term k log(k/m) + m - k, given diff = k - m computed as exactly as the caller can;
 * a series replaces the cancelling closed form when k and m are close.
 */
export function deviance(k: number, m: number, diff: number): number {
  if (Math.abs(diff) < 0.1 * (k + m)) {
    const v = diff / (k + m);
    let s = diff * v;
    let ej = 2 * k * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v2;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return k * Math.log(k / m) + m - k;
}

/** log of the binomial pmf C(n, k) p^k q^(n-k) for 0 < k < n, with np = n p and nq = n q given. */
function logBinomialPmfInterior(k: number, n: number, np: number, nq: number): number {
  return (
    stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, np, k - np) - deviance(n - k, nq, n - k - nq) -
    0.5 * (LOG_2PI + Math.log(k) + Math.log1p(-k / n))
  );
}

/** Binomial pmf C(n, k) p^k q^(n-k) (q = 1 - p passed separately to keep its digits). */
function binomialPmf(k: number, n: number, p: number, q: number): number {
  if (k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (q === 0) return k === n ? 1 : 0;
  if (k === 0) {
    if (n === 0) return 1;
    return Math.exp(p < 0.1 ? -deviance(n, n * q, n - n * q) - n * p : n * Math.log(q));
  }
  if (k === n) return Math.exp(q < 0.1 ? -deviance(n, n * p, n - n * p) - n * q : n * Math.log(p));
  return Math.exp(logBinomialPmfInterior(k, n, n * p, n * q));
}

/**
 * Hypergeometric pmf: probability of k successes in `draws` draws without replacement from a population
 * of `good` successes and `bad` failures (R's dhyper formulation: a ratio of three binomial pmfs).
 */
export function hypergeometricPmf(k: number, good: number, bad: number, draws: number): number {
  const total = good + bad;
  if (k < 0 || k > good || draws - k < 0 || draws - k > bad || draws > total) return 0;
  if (draws === 0) return k === 0 ? 1 : 0;
  const p = draws / total;
  const q = (total - draws) / total;
  const p1 = binomialPmf(k, good, p, q);
  const p2 = binomialPmf(draws - k, bad, p, q);
  const p3 = binomialPmf(draws, total, p, q);
  return (p1 * p2) / p3;
}

/**
 * log Gamma and the regularized incomplete gamma functions.
 *
 * logGamma keeps full relative accuracy near its zeros at 1 and 2 (a Lanczos sum would not), which
 * matters for Fisher's exact test and for the prefactors below. The incomplete gamma prefactor
 * x^a e^-x / Gamma(a) is formed as a*(log1p(t) - t) with t = (x - a)/a and Stirling's remainder, so that
 * for large a (chi-square with many degrees of freedom) no two numbers of size a*log(a) are subtracted.
 */

import { stirlingRemainder } from './stirling.js';

const EULER_GAMMA = 0.5772156649015329;
const LOG_SQRT_2PI = 0.9189385332046728;
const LOG_PI = 1.1447298858494002;

/** zeta(k) - 1 for k = 2, 3, ..., 41 (scipy.special.zetac). */
const ZETA_MINUS_ONE = [
  0.6449340668482264, 0.2020569031595943, 0.08232323371113819, 0.03692775514336993, 0.01734306198444914,
  0.008349277381922827, 0.00407735619794434, 0.0020083928260822143, 0.0009945751278180853, 0.0004941886041194645,
  0.0002460865533080483, 0.00012271334757848915, 6.124813505870483e-5, 3.058823630702049e-5, 1.528225940865187e-5,
  7.637197637899763e-6, 3.81729326499984e-6, 1.908212716553939e-6, 9.539620338727962e-7, 4.769329867878064e-7,
  2.38450502727733e-7, 1.1921992596531106e-7, 5.960818905125948e-8, 2.980350351465228e-8, 1.4901554828365043e-8,
  7.45071178983543e-9, 3.725334024788457e-9, 1.862659723513049e-9, 9.313274324196682e-10, 4.656629065033784e-10,
  2.3283118336765053e-10, 1.164155017270052e-10, 5.820772087902701e-11, 2.9103850444971e-11, 1.4551921891041985e-11,
  7.275959835057482e-12, 3.637979547378651e-12, 1.818989650307066e-12, 9.094947840263888e-13, 4.547473783042154e-13,
];

/**
 * log Gamma(2 + w) - w (1 - gamma) for |w| <= 0.5: the Taylor series of log Gamma around 2,
 * sum_{k>=2} (-1)^k (zeta(k) - 1) w^k / k, whose terms shrink like (w/2)^k.
 */
function lgammaSeriesTail(w: number): number {
  let sum = 0;
  let power = w;
  for (let k = 2; k <= 41; k++) {
    power *= -w;
    const term = (ZETA_MINUS_ONE[k - 2]! * power) / k;
    sum += term;
    if (Math.abs(term) <= 1e-18 * Math.abs(sum)) break;
  }
  // power carries (-1)^(k-1) w^k; the series wants (-1)^k, hence the sign.
  return -sum;
}

/** log|Gamma(x)|. Infinity at the poles 0, -1, -2, ... */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0) {
    if (Number.isInteger(x)) return Infinity;
    // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x). Reduce x mod 2 first so sin(pi x) is accurate.
    const s = Math.abs(Math.sin(Math.PI * (x - 2 * Math.floor(x / 2))));
    return LOG_PI - Math.log(s) - logGamma(1 - x);
  }
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  if (x < 1.5) {
    const z = x - 1;
    return -Math.log1p(z) + z * (1 - EULER_GAMMA) + lgammaSeriesTail(z);
  }
  if (x <= 2.5) {
    const w = x - 2;
    return w * (1 - EULER_GAMMA) + lgammaSeriesTail(w);
  }
  if (x < 10) {
    // Shift down into [1.5, 2.5]: Gamma(x) = (x-1)(x-2)...(x-m) Gamma(x-m).
    let product = 1;
    let y = x;
    while (y > 2.5) {
      y -= 1;
      product *= y;
    }
    return Math.log(product) + logGamma(y);
  }
  return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + stirlingRemainder(x);
}

/** log of x^a e^{-x} / Gamma(a), the common factor of P(a, x) and Q(a, x). */
function logPrefactor(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - logGamma(a);
  const t = (x - a) / a;
  // x^a e^-x / Gamma(a + 1) = exp(a (log(x/a) - t)) / (sqrt(2 pi a) e^{stirling(a)}), and Gamma(a) = Gamma(a+1)/a.
  // log1p(t) is exact-er near t = 0; away from it log(x/a) avoids the rounding of t near -1.
  const logRatio = Math.abs(t) < 0.5 ? Math.log1p(t) : Math.log(x / a);
  return a * (logRatio - t) - LOG_SQRT_2PI + 0.5 * Math.log(a) - stirlingRemainder(a);
}

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 1_000_000;

/** P(a, x) by its power series; converges quickly for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return Math.exp(logPrefactor(a, x) + Math.log(sum));
}

/** Q(a, x) by Legendre's continued fraction (modified Lentz); converges quickly for x > a + 1. */
function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(logPrefactor(a, x) + Math.log(h));
}

/** Regularized lower incomplete gamma P(a, x). */
export function gammaP(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  if (a === Infinity) return 0;
  return x < a + 1 ? lowerSeries(a, x) : 1 - upperContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), accurate when small. */
export function gammaQ(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (a === Infinity) return 1;
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperContinuedFraction(a, x);
}

/**
 * Standard normal distribution and the error function.
 *
 * erf/erfc follow W. J. Cody's rational Chebyshev approximations (Math. Comp. 1969, CALERF), which
 * reach full double precision on every interval. The tails go through erfc directly, so
 * `normalSf(30)` ~ 4.9e-198 keeps all its significant digits instead of underflowing in 1 - cdf.
 */

// |x| <= 0.46875: erf(x) = x * A(x^2) / B(x^2)
const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
// 0.46875 < |x| <= 4: erfc(x) = exp(-x^2) * C(x) / D(x)
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-08,
];
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
// |x| > 4: erfc(x) = exp(-x^2)/x * (1/sqrt(pi) + 1/x^2 * P(1/x^2) / Q(1/x^2))
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275,
  0.0006587491615298378, 0.016315387137302097,
];
const Q = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];

const INV_SQRT_PI = 0.5641895835477563;
const SQRT_HALF = 0.7071067811865476;
const SQRT_2PI = 2.5066282746310007;

/** erf(x) for |x| <= 0.46875. */
function erfSmall(x: number): number {
  const y = Math.abs(x);
  const ysq = y > 1.11e-16 ? y * y : 0;
  let num = A[4]! * ysq;
  let den = ysq;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]!) * ysq;
    den = (den + B[i]!) * ysq;
  }
  return (x * (num + A[3]!)) / (den + B[3]!);
}

/**
 * exp(-y^2) computed as exp(-t^2) * exp(-(y-t)(y+t)) with t = y rounded down to 1/16, so the
 * rounding error of y*y is not magnified by the exponential (Cody's trick).
 */
function expMinusSquare(y: number): number {
  const t = Math.trunc(y * 16) / 16;
  const del = (y - t) * (y + t);
  return Math.exp(-t * t) * Math.exp(-del);
}

/** erfc(y) for y > 0.46875. */
function erfcPositive(y: number): number {
  if (y <= 4) {
    let num = C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    return (expMinusSquare(y) * (num + C[7]!)) / (den + D[7]!);
  }
  // erfc(26.55) underflows to 0 in double precision.
  if (y >= 26.543) return 0;
  const ysq = 1 / (y * y);
  let num = P[5]! * ysq;
  let den = ysq;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]!) * ysq;
    den = (den + Q[i]!) * ysq;
  }
  const r = (ysq * (num + P[4]!)) / (den + Q[4]!);
  return (expMinusSquare(y) * (INV_SQRT_PI - r)) / y;
}

/** The error function erf(x). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  const r = 0.5 - erfcPositive(y) + 0.5;
  return x < 0 ? -r : r;
}

/** The complementary error function erfc(x) = 1 - erf(x), with full relative accuracy for large x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  const r = erfcPositive(y);
  return x < 0 ? 2 - r : r;
}

/** Standard normal distribution, accurate in the far tails. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT_HALF);
}

/** Survival function 1 - cdf, computed without cancellation. */
export function normalSf(x: number): number {
  return 0.5 * erfc(x * SQRT_HALF);
}

// Acklam's rational approximation of the normal quantile (relative error < 1.15e-9), refined below.
const ICDF_A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const ICDF_B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const ICDF_C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ICDF_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Quantile for p in (0, 0.5]: the result is <= 0, where normalCdf has full relative accuracy. */
function lowerPpf(p: number): number {
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((ICDF_C[0]! * q + ICDF_C[1]!) * q + ICDF_C[2]!) * q + ICDF_C[3]!) * q + ICDF_C[4]!) * q + ICDF_C[5]!) /
      ((((ICDF_D[0]! * q + ICDF_D[1]!) * q + ICDF_D[2]!) * q + ICDF_D[3]!) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((ICDF_A[0]! * r + ICDF_A[1]!) * r + ICDF_A[2]!) * r + ICDF_A[3]!) * r + ICDF_A[4]!) * r + ICDF_A[5]!) * q) /
      (((((ICDF_B[0]! * r + ICDF_B[1]!) * r + ICDF_B[2]!) * r + ICDF_B[3]!) * r + ICDF_B[4]!) * r + 1);
  }
  // Halley steps on f(x) = cdf(x) - p; the second one polishes the last few ulps.
  for (let k = 0; k < 2; k++) {
    const e = normalCdf(x) - p;
    const u = e * SQRT_2PI * Math.exp((x * x) / 2);
    // In the subnormal range exp(x^2/2) overflows; Acklam's start is already as good as p allows.
    if (!Number.isFinite(u)) break;
    x = x - u / (1 + (x * u) / 2);
  }
  return x;
}

/** Inverse of normalCdf: the x with normalCdf(x) = p. Returns -Infinity at 0, +Infinity at 1, NaN outside [0, 1]. */
export function normalPpf(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // 1 - p is exact for p >= 0.5, so the upper half reuses the accurate lower-tail code.
  return p <= 0.5 ? lowerPpf(p) : -lowerPpf(1 - p);
}

/**
 * The limiting Kolmogorov distribution K(x) = lim P(sqrt(n) D_n <= x), as scipy.special.kolmogorov
 * (survival function) and kolmogc (cdf) compute it: van Mulbregt's split at x = 0.82 between the
 * Jacobi theta form sqrt(2 pi)/x sum exp(-(2k-1)^2 pi^2 / (8 x^2)) (small x) and the alternating series
 * 2 sum (-1)^(k-1) exp(-2 k^2 x^2) (large x). Each side needs at most four terms for full precision.
 */

const CUTOVER = 0.82;
// Below this the first theta term exp(-pi^2/(8x^2)) is under the smallest subnormal double.
const X_MIN = Math.PI / Math.sqrt(746 * 8);

/** Returns [sf, cdf], each computed on the side where it does not cancel. */
function kolmogorovBoth(x: number): [number, number] {
  if (x <= X_MIN) return [1, 0];
  if (x <= CUTOVER) {
    const w = Math.sqrt(2 * Math.PI) / x;
    const logU8 = -(Math.PI * Math.PI) / (x * x);
    const u = Math.exp(logU8 / 8);
    let cdf: number;
    if (u === 0) {
      cdf = Math.exp(logU8 / 8 + Math.log(w));
    } else {
      const u8 = Math.exp(logU8);
      // cdf = w u (1 + u^8 + u^24 + u^48), Horner in u^8.
      let p = 1 + u8 * u8 * u8;
      p = 1 + u8 * u8 * p;
      p = 1 + u8 * p;
      cdf = w * u * p;
    }
    return [clip01(1 - cdf), clip01(cdf)];
  }
  const v = Math.exp(-2 * x * x);
  const v3 = v * v * v;
  // sf = 2 (v - v^4 + v^9 - v^16) = 2v (1 - v^3 (1 - v^5 (1 - v^7))).
  let p = 1 - v3 * v3 * v;
  p = 1 - v3 * v * v * p;
  p = 1 - v3 * p;
  const sf = 2 * v * p;
  return [clip01(sf), clip01(1 - sf)];
}

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** Survival function of the limiting Kolmogorov distribution (scipy.special.kolmogorov). */
export function kolmogorovSf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return kolmogorovBoth(x)[0];
}

/** Cumulative distribution function of the limiting Kolmogorov distribution (scipy.special.kolmogc). */
export function kolmogorovCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  return kolmogorovBoth(x)[1];
}

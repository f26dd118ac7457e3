/**
 * Correctly rounded `m / 10^k` for an integer mantissa m < 2^64 and 0 <= k <= 20: meant for the 16-19 digit
 * decimals pandas and `String(x)` write (`0.8123740528476543`, `1043.2349572340123`), whose mantissa is past
 * 2^53 so Clinger's single division is not exact, but whose power of ten still is. In JavaScript this is
 * several times cheaper than Eisel-Lemire's 64 x 64-bit products.
 *
 * m is given as a = an integer-valued double within 8 ulp of m (fl(m), or digits summed in floating
 * point) and r = m - a, a small integer.
 * 1. q0 = fl(a / 10^k) is within 0.5 + 16 ulp of the true quotient Q = m / 10^k.
 * 2. The residual R = m - q0 * 10^k is computed exactly: Dekker's product gives q0 * 10^k as a sum of two
 *    doubles, a - (that sum) + r then only adds multiples of u = min(1, ulp(q0) * 2^k) (a and r are
 *    integers, q0 * 10^k = q0 * 2^k * 5^k) whose magnitudes stay below 2^53 u: at most
 *    (3 + 8 * 8) * 5^k u counting the halved unit below a power of two, and 5^20 < 2^47.
 * 3. v = fl(q0 + fl(R / 10^k)), the candidate: Q rounded, unless Q is extremely close to a midpoint.
 * 4. Check: d = v - q0 is exact (a few ulps), so is R - d * 10^k = m - v * 10^k, and v is the correctly
 *    rounded Q when that is strictly below half of ulp(v) * 10^k. ulp(v) = fl(v + v * 2^-53) - v: v * 2^-53
 *    lies strictly between half an ulp and one ulp, so the sum rounds up by one ulp — except when v is a
 *    power of two (exactly half an ulp, a tie rounded to v itself): then it is 0 and v is refused, which is
 *    right, as the spacing below a power of two halves.
 * NaN (ties, powers of two, k or r out of range) means the caller must fall back to Eisel-Lemire or
 * `Number()`.
 */

const TWO32 = 4294967296;
/** Veltkamp's split constant 2^27 + 1. */
const SPLIT = 134217729;
const TWO_M53 = 2 ** -53;
/** |r| <= a * 2^-50 keeps r within 8 ulp(a), the bound the exactness argument above assumes. */
const TWO_M50 = 2 ** -50;

/** 10^0 .. 10^22, each exact in a double (Clinger: an exact mantissa times or over one of them rounds once). */
export const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
/** The largest k the quotient takes (the exactness bound above). */
export const MAX_DIV_EXP10 = 20;

/** Per k <= 20, four doubles: 10^k split by Veltkamp into two halves of at most 26 bits, 1 / 10^k, 10^k / 2. */
const TABLE = new Float64Array((MAX_DIV_EXP10 + 1) * 4);
for (let k = 0; k <= MAX_DIV_EXP10; k++) {
  const p = POW10[k]!;
  const c = SPLIT * p;
  const h = c - (c - p);
  TABLE[4 * k] = h;
  TABLE[4 * k + 1] = p - h;
  TABLE[4 * k + 2] = 1 / p;
  TABLE[4 * k + 3] = p / 2;
}

/**
 * The double nearest to `(a + r) / 10^k` given `q0 = a / 10^k` (computed by the caller, who often needs it
 * anyway): a an integer-valued double, r an integer with |r| <= a * 2^-50, 0 <= k <= 20; NaN when it cannot
 * decide or the inputs are out of range.
 */
export function nearestQuotient(a: number, r: number, q0: number, k: number): number {
  if (k > MAX_DIV_EXP10) return NaN;
  const p = POW10[k]!;
  // Dekker's product: ph + pl = q0 * p exactly.
  const c = SPLIT * q0;
  const qh = c - (c - q0);
  const ql = q0 - qh;
  const ph = q0 * p;
  const t = 4 * k;
  const pHi = TABLE[t]!;
  const pLo = TABLE[t + 1]!;
  const pl = qh * pHi - ph + qh * pLo + ql * pHi + ql * pLo;
  // a - ph is exact (Sterbenz); the sums after it are exact multiples of the common unit (see above).
  const residual = a - ph - pl + r;
  const v = q0 + residual * TABLE[t + 2]!;
  const rest = residual - (v - q0) * p;
  const ulp = v + v * TWO_M53 - v;
  return Math.abs(rest) < TABLE[t + 3]! * ulp && Math.abs(r) <= a * TWO_M50 ? v : NaN;
}

/**
 * The double nearest to `(mHi * 2^32 + mLo) / 10^k`, where mHi and mLo are the mantissa's high and low
 * unsigned 32-bit words and 0 <= k <= 20; NaN when it cannot decide.
 */
export function divPow10(mHi: number, mLo: number, k: number): number {
  if (k > MAX_DIV_EXP10) return NaN;
  const top = mHi * TWO32;
  const a = top + mLo; // fl(m)
  const r = top - a + mLo; // m - fl(m), exact: an integer below 2^33
  return nearestQuotient(a, r, a / POW10[k]!, k);
}

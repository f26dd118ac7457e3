/**
 * Correctly rounded decimal-to-double conversion for up to 19 significant digits without building a
 * string: the Eisel-Lemire algorithm (Lemire, "Number Parsing at a Gigabyte per Second", 2021), as in
 * Go's strconv and fast_float. CSV files written by pandas or by `String(x)` hold 16-17 digit numbers,
 * which Clinger's fast path cannot take, and handing each to `Number()` through a string costs several
 * hundred nanoseconds; this is a few tens.
 *
 * JavaScript has no 64-bit integers outside BigInt (too slow here), so 64-bit values are pairs of
 * unsigned 32-bit words held in doubles, and 32 x 32-bit products are split into 16-bit halves so every
 * intermediate stays an exact integer below 2^53.
 *
 * `eiselLemire` returns NaN when it cannot decide (a halfway case, subnormal or overflowing results,
 * exponents out of the table); the caller then falls back to `Number()`, which is always right.
 */

const MIN_EXP10 = -342;
const MAX_EXP10 = 308;
const TWO32 = 4294967296;
const INV32 = 1 / TWO32;

/** 128-bit truncated significands of 10^q (top bit set), four 32-bit words each, most significant first. */
const POWERS = buildPowerTable();

function buildPowerTable(): Float64Array {
  const table = new Float64Array((MAX_EXP10 - MIN_EXP10 + 1) * 4);
  const mask32 = 0xffffffffn;
  for (let q = MIN_EXP10; q <= MAX_EXP10; q++) {
    let c: bigint;
    if (q >= 0) {
      c = 5n ** BigInt(q);
      const bits = c.toString(2).length;
      c = bits > 128 ? c >> BigInt(bits - 128) : c << BigInt(128 - bits);
    } else {
      // As fast_float's table: floor(2^b / 5^-q) + 1 with enough bits, truncated to 128 significant bits.
      const p5 = 5n ** BigInt(-q);
      const z = p5.toString(2).length;
      const b = q >= -27 ? z + 127 : 2 * z + 128;
      c = (1n << BigInt(b)) / p5 + 1n;
      const bits = c.toString(2).length;
      if (bits > 128) c >>= BigInt(bits - 128);
    }
    const o = (q - MIN_EXP10) * 4;
    table[o] = Number((c >> 96n) & mask32);
    table[o + 1] = Number((c >> 64n) & mask32);
    table[o + 2] = Number((c >> 32n) & mask32);
    table[o + 3] = Number(c & mask32);
  }
  return table;
}

// Scratch words, reused to keep the hot path allocation-free.
const prod = new Float64Array(4); // result of mul64: words w3 (most significant) .. w0
/** POW2[e] = 2^(e - 1075): a biased exponent e with a 53-bit integer significand. */
const POW2 = Float64Array.from({ length: 2047 }, (_, e) => 2 ** (e - 1075));

/**
 * (a1:a0) * (b1:b0) -> prod[0..3] = w3, w2, w1, w0. Each 32 x 32-bit partial product is split exactly:
 * Math.imul gives its low word, and the double product (off by at most 2^10 from the exact value below
 * 2^64) gives the high word once the low word is taken off and the quotient by 2^32 is rounded.
 */
function mul64(a1: number, a0: number, b1: number, b0: number): void {
  const l00 = Math.imul(a0, b0) >>> 0;
  const h00 = Math.round((a0 * b0 - l00) * INV32);
  const l01 = Math.imul(a0, b1) >>> 0;
  const h01 = Math.round((a0 * b1 - l01) * INV32);
  const l10 = Math.imul(a1, b0) >>> 0;
  const h10 = Math.round((a1 * b0 - l10) * INV32);
  const l11 = Math.imul(a1, b1) >>> 0;
  const h11 = Math.round((a1 * b1 - l11) * INV32);
  const s1 = h00 + l01 + l10; // < 3 * 2^32: exact
  const w1 = s1 >>> 0;
  const s2 = h01 + h10 + l11 + (s1 - w1) * INV32;
  const w2 = s2 >>> 0;
  prod[0] = h11 + (s2 - w2) * INV32;
  prod[1] = w2;
  prod[2] = w1;
  prod[3] = l00;
}

/**
 * The double nearest to `(mHi * 2^32 + mLo) * 10^exp10` (mantissa < 2^64 as two 32-bit words), with the
 * sign applied; NaN when the algorithm cannot decide and the caller must fall back.
 */
export function eiselLemire(mHi: number, mLo: number, exp10: number, negative: boolean): number {
  if (mHi === 0 && mLo === 0) return negative ? -0 : 0;
  if (exp10 < MIN_EXP10 || exp10 > MAX_EXP10) return NaN;
  // Normalise so the mantissa's top bit is bit 63.
  let m1: number;
  let m0: number;
  let clz: number;
  if (mHi !== 0) {
    clz = Math.clz32(mHi);
    m1 = clz === 0 ? mHi : ((mHi << clz) | (mLo >>> (32 - clz))) >>> 0;
    m0 = (mLo << clz) >>> 0;
  } else {
    const c = Math.clz32(mLo);
    clz = 32 + c;
    m1 = (mLo << c) >>> 0;
    m0 = 0;
  }
  let exp2 = ((217706 * exp10) >> 16) + 64 + 1023 - clz;
  const o = (exp10 - MIN_EXP10) * 4;
  mul64(m1, m0, POWERS[o]!, POWERS[o + 1]!);
  let x3 = prod[0]!;
  let x2 = prod[1]!;
  let x1 = prod[2]!;
  let x0 = prod[3]!;
  // The product's low 9 bits of the high half all ones, and the low half about to carry: the truncated
  // power may be too small; widen with the power's low 64 bits.
  if ((x2 & 0x1ff) === 0x1ff && addCarries(x1, x0, m1, m0)) {
    mul64(m1, m0, POWERS[o + 2]!, POWERS[o + 3]!);
    const y3 = prod[0]!;
    const y2 = prod[1]!;
    const y1 = prod[2]!;
    const y0 = prod[3]!;
    // merged = (x3:x2 : x1:x0) + (y3:y2) in the low half
    let s0 = x0 + y2;
    let c = s0 >= TWO32 ? 1 : 0;
    s0 -= c * TWO32;
    let s1 = x1 + y3 + c;
    c = s1 >= TWO32 ? 1 : 0;
    s1 -= c * TWO32;
    let h0 = x2 + c;
    c = h0 >= TWO32 ? 1 : 0;
    h0 -= c * TWO32;
    const h1 = x3 + c;
    if ((h0 & 0x1ff) === 0x1ff && s1 === 0xffffffff && s0 === 0xffffffff && addCarries(y1, y0, m1, m0)) return NaN;
    x3 = h1;
    x2 = h0;
    x1 = s1;
    x0 = s0;
  }
  // Shift the high 64 bits right by 9 or 10 to keep 54 bits: r1 holds bits 32..53, r0 bits 0..31.
  const msb = x3 >>> 31;
  const shift = msb + 9;
  let r1 = x3 >>> shift;
  let r0 = ((x3 << (32 - shift)) | (x2 >>> shift)) >>> 0;
  exp2 -= 1 ^ msb;
  // Exactly halfway between two doubles: only the full algorithm can round it.
  if (x1 === 0 && x0 === 0 && (x2 & 0x1ff) === 0 && (r0 & 3) === 1) return NaN;
  // Round to 53 bits: add the low bit, then shift right by one.
  if ((r0 & 1) === 1) {
    r0 = (r0 + 1) >>> 0;
    if (r0 === 0) r1 += 1;
  }
  r0 = ((r0 >>> 1) | (r1 << 31)) >>> 0;
  r1 >>>= 1;
  if (r1 >= 0x200000) {
    r0 = ((r0 >>> 1) | (r1 << 31)) >>> 0;
    r1 >>>= 1;
    exp2 += 1;
  }
  // Subnormal or infinite: leave it to Number().
  if (exp2 <= 0 || exp2 >= 0x7ff) return NaN;
  // r1:r0 is the 53-bit significand with its leading bit; scaling by a power of two is exact here.
  const v = (r1 * TWO32 + r0) * POW2[exp2]!;
  return negative ? -v : v;
}

/** Whether (a1:a0) + (b1:b0) overflows 64 bits. */
function addCarries(a1: number, a0: number, b1: number, b0: number): boolean {
  const s0 = a0 + b0;
  const s1 = a1 + b1 + (s0 >= TWO32 ? 1 : 0);
  return s1 >= TWO32;
}

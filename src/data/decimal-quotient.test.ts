import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divPow10, MAX_DIV_EXP10, nearestQuotient, POW10 } from './decimal-quotient.js';

const TWO64 = 1n << 64n;

/** divPow10 on mantissa m and k, checked against Number(); returns whether it decided. */
function check(m: bigint, k: number): boolean {
  const v = divPow10(Number(m >> 32n), Number(m & 0xffffffffn), k);
  if (Number.isNaN(v)) return false;
  const text = `${m}e-${k}`;
  expect(Object.is(v, Number(text)), `${text}: got ${v}, Number() gives ${Number(text)}`).toBe(true);
  return true;
}

/** The exact value of a finite positive double as numerator / 2^shift. */
function exact(x: number): { num: bigint; shift: bigint } {
  const f = new Float64Array([x]);
  const bits = new BigUint64Array(f.buffer)[0]!;
  const e = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const sig = e === 0 ? frac : frac | (1n << 52n);
  const exp2 = BigInt((e === 0 ? 1 : e) - 1075);
  return exp2 >= 0n ? { num: sig << exp2, shift: 0n } : { num: sig, shift: -exp2 };
}

/**
 * Decimal mantissas with k decimals just below, at and just above the midpoint between x and the next
 * double up: the hardest inputs for rounding.
 */
function nearMidpoints(x: number, k: number): bigint[] {
  const next = x + x * 2 ** -52 > x ? nextUp(x) : x;
  const a = exact(x);
  const b = exact(next);
  const shift = a.shift > b.shift ? a.shift : b.shift;
  const sum = (a.num << (shift - a.shift)) + (b.num << (shift - b.shift)); // (x + next) * 2^shift
  const scaled = sum * 10n ** BigInt(k); // midpoint * 10^k * 2^(shift + 1)
  const den = 1n << (shift + 1n);
  const floor = scaled / den;
  const out = [floor - 1n, floor, floor + 1n, floor + 2n].filter((m) => m > 0n && m < TWO64);
  return out;
}

function nextUp(x: number): number {
  const f = new Float64Array([x]);
  const u = new BigUint64Array(f.buffer);
  u[0]! += 1n;
  return f[0]!;
}

describe('divPow10: correctly rounded m / 10^k', () => {
  it('is exact on random mantissas of 1 to 20 digits below 2^64 and every k it takes', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 20 });
    let decided = 0;
    fc.assert(
      fc.property(digits, fc.integer({ min: 0, max: MAX_DIV_EXP10 }), (d, k) => {
        const m = BigInt(d);
        if (m >= TWO64) return;
        if (check(m, k)) decided++;
      }),
      { numRuns: 30000 },
    );
    // It declines only ties, powers of two and the like.
    expect(decided).toBeGreaterThan(29000);
  });

  it('is exact on the 16-19 digit mantissas of pandas-style doubles', () => {
    let tried = 0;
    let decided = 0;
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.integer({ min: 16, max: 19 }), (x, sig) => {
        // x with `sig` significant digits, as mantissa and k.
        const [mant, exp] = x.toExponential(sig - 1).split('e');
        const k = sig - 1 - Number(exp);
        if (k < 0 || k > MAX_DIV_EXP10) return;
        tried++;
        if (check(BigInt(mant!.replace('.', '')), k)) decided++;
      }),
      { numRuns: 30000 },
    );
    // The texts the CSV fast path sends it: it declines only the odd tie (and declining all would leave the
    // property above vacuous).
    expect(tried).toBeGreaterThan(10000);
    expect(decided).toBeGreaterThan(tried * 0.99);
  });

  it('is exact next to midpoints between doubles, and declines exact ties', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-7, max: 1e15, noNaN: true }), fc.integer({ min: 0, max: MAX_DIV_EXP10 }), (x, k) => {
        for (const m of nearMidpoints(x, k)) check(m, k);
      }),
      { numRuns: 20000 },
    );
    // 2^53 + 1 and 2^54 + 2 are exactly halfway: declined (Number() rounds them to even).
    for (const [m, k] of [
      [9007199254740993n, 0],
      [900719925474099300n, 2],
      [18014398509481986n, 0],
      [1801439850948198600n, 2],
    ] as const) {
      expect(Number.isNaN(divPow10(Number(m >> 32n), Number(m & 0xffffffffn), k))).toBe(true);
    }
  });

  it('declines or rounds to even exact ties with decimals (the cases its final check exists for)', () => {
    // Q = (2j + 1) * 2^(e - 53) lies exactly halfway between two doubles of [2^e, 2^(e+1)); written with
    // k decimals it is m / 10^k for m = Q * 10^k, an integer when k >= 53 - e.
    let decided = 0;
    fc.assert(
      fc.property(fc.integer({ min: 49, max: 62 }), fc.bigInt({ min: 0n, max: (1n << 52n) - 1n }), fc.integer({ min: 0, max: 4 }), (e, j, extra) => {
        const twice = (1n << 53n) + 2n * j + 1n; // 2Q / 2^(e - 52)
        const k = Math.max(0, 53 - e) + extra;
        // m = Q * 10^k = twice * 2^(e - 53) * 10^k
        const shift = BigInt(e - 53);
        const scaled = twice * 10n ** BigInt(k);
        const m = shift >= 0n ? scaled << shift : scaled >> -shift;
        if (shift < 0n && (m << -shift) !== scaled) return;
        if (m >= TWO64 || k > MAX_DIV_EXP10) return;
        if (check(m, k)) decided++;
      }),
      { numRuns: 20000 },
    );
    expect(decided).toBeLessThan(20000);
  });

  it('is exact from a mantissa a few ulps off (digits summed in floating point) plus its exact error', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 15, maxLength: 20 });
    fc.assert(
      fc.property(digits, fc.integer({ min: 0, max: MAX_DIV_EXP10 }), fc.integer({ min: -8, max: 8 }), (d, k, off) => {
        const m = BigInt(d);
        if (m >= TWO64 || m === 0n) return;
        // a = fl(m) moved by `off` ulps: an integer-valued double near m; r = m - a exactly.
        const f = Number(m);
        const ulp = 2 ** Math.max(0, Math.floor(Math.log2(f)) - 52);
        const a = f + off * ulp;
        if (a <= 0 || a >= 2 ** 64) return;
        const r = m - BigInt(a);
        if (r > 2147483647n || r < -2147483648n) return;
        const v = nearestQuotient(a, Number(r), a / POW10[k]!, k);
        if (Number.isNaN(v)) return;
        const text = `${m}e-${k}`;
        expect(Object.is(v, Number(text)), `${text} from a=${a}, r=${r}: got ${v}, Number() gives ${Number(text)}`).toBe(true);
      }),
      { numRuns: 30000 },
    );
  });

  it('declines an error r beyond the bound it is proven for', () => {
    const a = 2 ** 60;
    expect(Number.isNaN(nearestQuotient(a, 2 ** 12, a / 1e5, 5))).toBe(true);
    expect(nearestQuotient(a, 2 ** 9, a / 1e5, 5)).toBe(Number(`${2n ** 60n + 512n}e-5`));
  });

  it('handles the boundaries: zero, 2^53 neighbours, powers of two and ten, the largest mantissas and k', () => {
    const cases: [bigint, number][] = [
      [0n, 0],
      [0n, 5],
      [1n, 0],
      [1n, 20],
      [9007199254740991n, 0],
      [9007199254740992n, 0],
      [9007199254740994n, 0],
      [9007199254740995n, 0],
      [9007199254740993n, 1],
      [12345678901234567n, 17],
      [18446744073709551615n, 0],
      [18446744073709551615n, 20],
      [10000000000000000000n, 19],
      [5000000000000000000n, 19],
      [2500000000000000000n, 19],
      [1000000000000000000n, 20],
      [30000000000000004n, 17],
      [8123740528476543n, 16],
      [12347804670859434n, 13],
      [99999999999999999n, 17],
      [9999999999999999999n, 19],
      [1152921504606846976n, 0], // 2^60
      [1152921504606846976n, 3],
    ];
    for (const [m, k] of cases) check(m, k);
    expect(Number.isNaN(divPow10(1, 0, MAX_DIV_EXP10 + 1))).toBe(true);
  });
});

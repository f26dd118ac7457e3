import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eiselLemire } from './eisel-lemire.js';

/** Splits a decimal text into a <= 19-digit mantissa (as 32-bit words) and a power of ten. */
function decompose(text: string): { hi: number; lo: number; exp10: number; negative: boolean } | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return null;
  let digits = (m[2] ?? '') + (m[3] ?? '');
  const exp10 = Number(m[4] ?? 0) - (m[3] ?? '').length;
  digits = digits.replace(/^0+/, '');
  if (digits.length > 19) return null;
  const big = BigInt(digits === '' ? '0' : digits);
  return { hi: Number(big >> 32n), lo: Number(big & 0xffffffffn), exp10, negative: m[1] === '-' };
}

/** Checks eiselLemire against Number(); returns whether it decided. */
function check(text: string): boolean {
  const d = decompose(text);
  if (!d) return false;
  const v = eiselLemire(d.hi, d.lo, d.exp10, d.negative);
  if (Number.isNaN(v)) return false; // declined: the caller falls back to Number()
  expect(Object.is(v, Number(text)), `${text}: got ${v}, Number() gives ${Number(text)}`).toBe(true);
  return true;
}

describe('Eisel-Lemire decimal to double', () => {
  it('is exact on shortest round-trip texts of random doubles', () => {
    let decided = 0;
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        if (check(String(x))) decided++;
      }),
      { numRuns: 20000 },
    );
    // Declined: subnormals, halfway cases (about 12% of fast-check's doubles, which favour extremes).
    expect(decided).toBeGreaterThan(15000);
  });

  it('is exact on texts with 1 to 19 significant digits and any exponent', () => {
    let decided = 0;
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{0,18}$/), fc.integer({ min: -340, max: 300 }), fc.boolean(), (digits, e, neg) => {
        if (check(`${neg ? '-' : ''}${digits}e${e}`)) decided++;
      }),
      { numRuns: 20000 },
    );
    // Declined: exponents past the double range, subnormal results, halfway cases (about 7% here).
    expect(decided).toBeGreaterThan(17000);
  });

  it('handles typical CSV values and boundaries', () => {
    for (const t of ['0.30000000000000004', '1.7976931348623157e308', '2.2250738585072014e-308', '9007199254740993', '123456789012345678', '0.1', '-0.5', '4.9406564584124654e-324', '1e23', '8.98846567431158e307', '9999999999999999999']) {
      check(t);
    }
    let declined = 0;
    for (let i = 0; i < 10000; i++) {
      const x = Math.sin(i) * 10 ** ((i % 40) - 20);
      const d = decompose(String(x))!;
      if (Number.isNaN(eiselLemire(d.hi, d.lo, d.exp10, d.negative))) declined++;
      else check(String(x));
    }
    // It declines only exact halfway cases (here: large integers ending in zeros), which Number() then rounds.
    expect(declined).toBeLessThan(50);
  });

  it('zero keeps its sign', () => {
    expect(Object.is(eiselLemire(0, 0, 5, true), -0)).toBe(true);
    expect(Object.is(eiselLemire(0, 0, 5, false), 0)).toBe(true);
  });
});

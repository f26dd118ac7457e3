import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, type FixtureNumber } from '../../../test/helpers/close.js';
import { chi2Cdf, chi2Sf } from './chi2.js';
import { gammaP, gammaQ, logGamma } from './gamma.js';

interface Fixture {
  logGamma: { x: number; value: FixtureNumber }[];
  gamma: { a: number; x: number; p: FixtureNumber; q: FixtureNumber }[];
  chi2: { x: number; df: number; sf: FixtureNumber; cdf: FixtureNumber }[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/stats/special-functions.json', import.meta.url), 'utf8'),
) as Fixture;

describe('log Gamma and incomplete gamma against SciPy (gammaln, gammainc, gammaincc)', () => {
  it('logGamma matches to 1e-13 relative, including negative arguments and huge ones', () => {
    for (const c of fixture.logGamma) expectClose(logGamma(c.x), c.value, 1e-13, { label: `logGamma(${c.x})` });
  });
  it('P and Q match to 1e-9 relative over a ~ 0.05 .. 1e5 and x/a ~ 0.001 .. 10', () => {
    for (const c of fixture.gamma) {
      expectClose(gammaP(c.a, c.x), c.p, 1e-9, { label: `P(${c.a}, ${c.x})` });
      expectClose(gammaQ(c.a, c.x), c.q, 1e-9, { label: `Q(${c.a}, ${c.x})` });
    }
  });
  it('chi2 sf and cdf match to 1e-9 relative for df up to 1e5 and far tails', () => {
    for (const c of fixture.chi2) {
      expectClose(chi2Sf(c.x, c.df), c.sf, 1e-9, { label: `chi2Sf(${c.x}, ${c.df})` });
      expectClose(chi2Cdf(c.x, c.df), c.cdf, 1e-9, { label: `chi2Cdf(${c.x}, ${c.df})` });
    }
  });
});

describe('gamma functions: identities and edge cases', () => {
  it('logGamma is exact at small integers and at 1/2', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
    expect(Math.abs(logGamma(5) - Math.log(24))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI))).toBeLessThan(1e-15);
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
  });
  it('logGamma satisfies the recurrence Gamma(x + 1) = x Gamma(x)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e5, noNaN: true }), (x) => {
        const lhs = logGamma(x + 1);
        expect(Math.abs(lhs - (logGamma(x) + Math.log(x)))).toBeLessThan(1e-12 * Math.max(1, Math.abs(lhs)));
      }),
    );
  });
  it('P + Q = 1 and both lie in [0, 1]', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e4, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true }), (a, x) => {
        const p = gammaP(a, x);
        const q = gammaQ(a, x);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(q).toBeLessThanOrEqual(1);
        expect(Math.abs(p + q - 1)).toBeLessThan(1e-12);
      }),
    );
  });
  it('keeps relative accuracy deep in the upper tail', () => {
    // Q(100, 300) = 1.7e-64 per SciPy; 1 - P would be 0.
    expect(gammaQ(100, 300)).toBeGreaterThan(1e-70);
    expect(Math.abs(chi2Sf(600, 2) / Math.exp(-300) - 1)).toBeLessThan(1e-13);
  });
  it('returns the conventional values at the boundaries', () => {
    expect(gammaP(2, 0)).toBe(0);
    expect(gammaQ(2, 0)).toBe(1);
    expect(gammaQ(2, Infinity)).toBe(0);
    expect(gammaP(0, 1)).toBeNaN();
    expect(gammaP(1, -1)).toBeNaN();
    expect(chi2Sf(0, 3)).toBe(1);
    expect(chi2Sf(-1, 3)).toBe(1);
    expect(chi2Cdf(0, 3)).toBe(0);
    expect(chi2Sf(1, 0)).toBeNaN();
  });
});

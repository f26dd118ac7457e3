import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, type FixtureNumber } from '../../../test/helpers/close.js';
import { erf, erfc, normalCdf, normalPpf, normalSf } from './normal.js';

interface Fixture {
  normal: { x: number; cdf: FixtureNumber; sf: FixtureNumber }[];
  normalPpf: { p: number; x: FixtureNumber }[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/stats/special-functions.json', import.meta.url), 'utf8'),
) as Fixture;

describe('normal distribution against SciPy (ndtr, norm.sf, ndtri)', () => {
  it('cdf and sf match to 1e-13 relative across the whole range, tails included', () => {
    for (const c of fixture.normal) {
      expectClose(normalCdf(c.x), c.cdf, 1e-13, { label: `cdf(${c.x})` });
      expectClose(normalSf(c.x), c.sf, 1e-13, { label: `sf(${c.x})` });
    }
  });
  it('ppf matches to 1e-14 relative', () => {
    for (const c of fixture.normalPpf) expectClose(normalPpf(c.p), c.x, 1e-14, { label: `ppf(${c.p})` });
  });
  it('keeps the far tail: normalSf(30) ~ 4.906713927148e-198', () => {
    expect(Math.abs(normalSf(30) / 4.906713927147908e-198 - 1)).toBeLessThan(1e-13);
  });
});

describe('normal distribution properties and edge cases', () => {
  it('cdf + sf = 1 and sf(x) = cdf(-x)', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (x) => {
        expect(normalSf(x)).toBe(normalCdf(-x));
        expect(Math.abs(normalCdf(x) + normalSf(x) - 1)).toBeLessThan(1e-15);
      }),
    );
  });
  it('ppf inverts cdf', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1, noNaN: true, maxExcluded: true }), (p) => {
        const x = normalPpf(p);
        expect(Math.abs(normalCdf(x) - p) / p).toBeLessThan(1e-12);
      }),
    );
  });
  it('handles the ends of the domain', () => {
    expect(normalPpf(0)).toBe(-Infinity);
    expect(normalPpf(1)).toBe(Infinity);
    expect(normalPpf(0.5)).toBe(0);
    expect(normalPpf(-0.1)).toBeNaN();
    expect(normalPpf(NaN)).toBeNaN();
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalSf(Infinity)).toBe(0);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(NaN)).toBeNaN();
    expect(erf(0)).toBe(0);
    expect(erfc(0)).toBe(1);
    expect(erf(-1)).toBe(-erf(1));
  });
});

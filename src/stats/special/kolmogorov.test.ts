import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, type FixtureNumber } from '../../../test/helpers/close.js';
import { kolmogorovNSf } from '../internal/kolmogn.js';
import { kolmogorovCdf, kolmogorovSf } from './kolmogorov.js';

interface Fixture {
  kolmogorov: { x: number; sf: FixtureNumber }[];
  kstwo: { n: number; x: number; sf: FixtureNumber }[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/stats/special-functions.json', import.meta.url), 'utf8'),
) as Fixture;

describe('Kolmogorov distributions against SciPy', () => {
  it('kolmogorovSf matches scipy.special.kolmogorov to 1e-14 relative (tails included: x up to 28)', () => {
    for (const c of fixture.kolmogorov) expectClose(kolmogorovSf(c.x), c.sf, 1e-14, { label: `K(${c.x})` });
  });
  it('kolmogorovNSf matches scipy.stats.kstwo.sf to 1e-9 relative over every method region', () => {
    for (const c of fixture.kstwo) expectClose(kolmogorovNSf(c.n, c.x), c.sf, 1e-9, { label: `kstwo.sf(${c.x}, ${c.n})` });
  });
});

describe('Kolmogorov distribution properties', () => {
  it('sf + cdf = 1, sf decreasing', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, dx) => {
        expect(Math.abs(kolmogorovSf(x) + kolmogorovCdf(x) - 1)).toBeLessThan(1e-15);
        expect(kolmogorovSf(x + dx)).toBeLessThanOrEqual(kolmogorovSf(x));
      }),
    );
  });
  it('edge values', () => {
    expect(kolmogorovSf(0)).toBe(1);
    expect(kolmogorovSf(-1)).toBe(1);
    expect(kolmogorovSf(Infinity)).toBe(0);
    expect(kolmogorovSf(NaN)).toBeNaN();
    expect(kolmogorovSf(8)).toBeGreaterThan(0);
    expect(kolmogorovNSf(10, 0)).toBe(1);
    expect(kolmogorovNSf(10, 1)).toBe(0);
    expect(kolmogorovNSf(2.5, 0.3)).toBeNaN();
  });
});

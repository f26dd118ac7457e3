import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, relativeError, type FixtureNumber } from '../../../test/helpers/close.js';
import { floorAndFraction, smirnovSf, smirnovSfDirect } from './smirnov.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/stats/special-functions.json', import.meta.url), 'utf8'),
) as { smirnov: { n: number; x: number; sf: FixtureNumber }[] };

describe('smirnovSf (internal) against scipy.special.smirnov', () => {
  it('matches to 1e-10 relative, n from 2 to 5e5', () => {
    for (const c of fixture.smirnov) expectClose(smirnovSf(c.n, c.x), c.sf, 1e-10, { label: `smirnov(${c.n}, ${c.x})` });
  });
  it('the Euler-Maclaurin path agrees with the term-by-term sum to 1e-10 for large n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50001, max: 400000 }), fc.double({ min: 1.05, max: 17, noNaN: true }), (n, f) => {
        const x = f / Math.sqrt(n);
        const direct = smirnovSfDirect(n, x);
        if (direct > 1e-290) expect(relativeError(smirnovSf(n, x), direct)).toBeLessThan(1e-10);
      }),
      { numRuns: 15 },
    );
  });
  it('splits n x exactly into floor and fraction', () => {
    // 0.3 is slightly below 3/10, so 10 * 0.3 is slightly below 3 even though the rounded product is 3.
    const s = floorAndFraction(10, 0.3);
    expect(s.floor).toBe(2);
    expect(1 - s.alpha).toBeCloseTo(1.1102230246251565e-16, 30);
    expect(floorAndFraction(3, 1 / 3).floor).toBe(1);
    expect(floorAndFraction(7, 0.5)).toEqual({ floor: 3, alpha: 0.5 });
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../core/errors.js';
import { expectClose, type FixtureNumber } from '../../test/helpers/close.js';
import { zTestProportions } from './z-test.js';

interface Case { successesA: number; nA: number; successesB: number; nB: number; statistic: FixtureNumber; pValue: FixtureNumber }
const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/stats/categorical-tests.json', import.meta.url), 'utf8'),
) as { zTest: Case[] };

describe('zTestProportions against the pooled Z-test with scipy.stats.norm.sf', () => {
  for (const c of fixture.zTest) {
    it(`${c.successesA}/${c.nA} vs ${c.successesB}/${c.nB}`, () => {
      const r = zTestProportions(c.successesA, c.nA, c.successesB, c.nB);
      expectClose(r.statistic, c.statistic, 1e-9, { label: 'statistic' });
      expectClose(r.pValue, c.pValue, 1e-7, { label: 'p-value' });
    });
  }
});

describe('zTestProportions properties and edge cases', () => {
  it('is antisymmetric in the statistic and symmetric in p', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (nA, nB, fa, fb) => {
        const sA = Math.floor(fa * nA);
        const sB = Math.floor(fb * nB);
        const r1 = zTestProportions(sA, nA, sB, nB);
        const r2 = zTestProportions(sB, nB, sA, nA);
        expect(r2.statistic).toBeCloseTo(-r1.statistic, 12);
        expect(r2.pValue).toBeCloseTo(r1.pValue, 14);
        expect(r1.pValue).toBeGreaterThanOrEqual(0);
        expect(r1.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('both sides holding one single value gives p = 1', () => {
    expect(zTestProportions(0, 10, 0, 20)).toEqual({ statistic: 0, pValue: 1 });
    expect(zTestProportions(10, 10, 20, 20)).toEqual({ statistic: 0, pValue: 1 });
  });
  it('rejects impossible counts', () => {
    for (const args of [[1, 0, 1, 1], [2, 1, 0, 1], [-1, 3, 0, 1], [0.5, 3, 0, 1]] as [number, number, number, number][]) {
      try {
        zTestProportions(...args);
        expect.unreachable('should throw');
      } catch (err) {
        expect((err as DriftwatchError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });
});

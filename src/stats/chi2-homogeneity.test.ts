import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../core/errors.js';
import { expectClose, type FixtureNumber } from '../../test/helpers/close.js';
import { chi2Homogeneity } from './chi2-homogeneity.js';

interface Case { name: string; reference: number[]; current: number[]; statistic: FixtureNumber; pValue: FixtureNumber; dof: number }
const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/stats/categorical-tests.json', import.meta.url), 'utf8'),
) as { chi2Homogeneity: Case[] };

function expectInvalid(f: () => unknown): void {
  expect(f).toThrow(DriftwatchError);
  try {
    f();
  } catch (e) {
    expect((e as DriftwatchError).code).toBe('INVALID_ARGUMENT');
  }
}

describe('chi2Homogeneity against scipy.stats.chi2_contingency(correction=False)', () => {
  for (const c of fixture.chi2Homogeneity) {
    it(c.name, () => {
      const r = chi2Homogeneity(c.reference, c.current);
      expect(r.dof).toBe(c.dof);
      expectClose(r.statistic, c.statistic, 1e-9, { label: 'statistic' });
      expectClose(r.pValue, c.pValue, 1e-7, { label: 'p-value' });
    });
  }
});

const counts = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 });

describe('chi2Homogeneity properties and edge cases', () => {
  it('is symmetric under swapping the rows and p lies in [0, 1]', () => {
    fc.assert(
      fc.property(counts, counts, (x, y) => {
        const k = Math.min(x.length, y.length);
        const a = x.slice(0, k);
        const b = y.slice(0, k);
        a[0]! += 1;
        b[0]! += 1;
        const r1 = chi2Homogeneity(a, b);
        const r2 = chi2Homogeneity(b, a);
        expect(r2.dof).toBe(r1.dof);
        expect(Math.abs(r2.statistic - r1.statistic)).toBeLessThanOrEqual(1e-12 * Math.max(1, r1.statistic));
        expect(r1.pValue).toBeGreaterThanOrEqual(0);
        expect(r1.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('proportional rows give statistic 0 and p 1', () => {
    const r = chi2Homogeneity([1, 2, 3], [10, 20, 30]);
    expect(r.statistic).toBeCloseTo(0, 12);
    expect(r.pValue).toBeCloseTo(1, 12);
  });
  it('all categories in one sample: categories absent from both rows are dropped', () => {
    expect(chi2Homogeneity([7, 0, 0], [3, 0, 0])).toEqual({ statistic: 0, pValue: 1, dof: 0 });
    expect(chi2Homogeneity([7, 0, 0], [0, 0, 3]).dof).toBe(1);
  });
  it('rejects empty, mismatched, negative, non-finite and all-zero rows', () => {
    expectInvalid(() => chi2Homogeneity([], []));
    expectInvalid(() => chi2Homogeneity([1, 2], [1]));
    expectInvalid(() => chi2Homogeneity([1, -2], [1, 2]));
    expectInvalid(() => chi2Homogeneity([1, NaN], [1, 2]));
    expectInvalid(() => chi2Homogeneity([0, 0], [1, 2]));
  });
});

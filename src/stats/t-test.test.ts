import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import fixture from '../../test/fixtures/stats/t-test.json' with { type: 'json' };
import samples from '../../test/fixtures/stats/lcg-samples.json' with { type: 'json' };
import { welchTTest, studentTTest } from './t-test.js';
import { caseSamples, fx } from '../../test/helpers/stats-fixtures.js';
import { relativeError } from '../../test/helpers/close.js';
import { DriftwatchError } from '../core/errors.js';
import type { TestResult } from './types.js';

function expectMatches(r: TestResult, expected: readonly (number | string)[], label: string): void {
  const [stat, p] = expected.map(fx) as [number, number];
  if (Number.isFinite(stat)) expect(relativeError(r.statistic, stat), `${label} statistic ${r.statistic} vs ${stat}`).toBeLessThanOrEqual(1e-9);
  else expect(r.statistic).toBe(stat);
  if (p > 1e-300) expect(relativeError(r.pValue, p), `${label} p ${r.pValue} vs ${p}`).toBeLessThanOrEqual(1e-7);
  else expect(r.pValue).toBeLessThan(1e-290);
}

describe('t-tests against scipy.stats.ttest_ind (t-test.json)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const [a, b] = caseSamples(c, samples.pairs);
      expectMatches(welchTTest(a, b), c.welch, 'welch');
      expectMatches(studentTTest(a, b), c.student, 'student');
    });
  }
});

const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 40 }).map((a) => Float64Array.from(a));

describe('t-test properties', () => {
  it('p-values lie in [0, 1]; swapping samples flips the sign only', () => {
    fc.assert(fc.property(sample, sample, (a, b) => {
      for (const f of [welchTTest, studentTTest]) {
        const r = f(a, b);
        const s = f(b, a);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1 + 1e-15);
        if (Number.isFinite(r.statistic)) expect(Math.abs(r.statistic + s.statistic)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(r.statistic)));
        else expect(s.statistic).toBe(-r.statistic);
      }
    }));
  });
  it('identical samples give statistic 0 and p 1', () => {
    fc.assert(fc.property(sample, (a) => {
      const r = welchTTest(a, a.slice());
      expect(r.statistic).toBe(0);
      expect(r.pValue).toBe(1);
    }));
  });
});

describe('t-test edge cases', () => {
  it('both constant with equal means: statistic 0, p 1 (SciPy gives NaN)', () => {
    const a = new Float64Array([2, 2, 2]);
    expect(welchTTest(a, new Float64Array([2, 2]))).toEqual({ statistic: 0, pValue: 1 });
    expect(studentTTest(a, new Float64Array([2, 2]))).toEqual({ statistic: 0, pValue: 1 });
  });
  it('size-1 and empty samples are rejected', () => {
    expect(() => welchTTest(new Float64Array([1]), new Float64Array([1, 2]))).toThrow(DriftwatchError);
    expect(() => studentTTest(new Float64Array([1, 2]), new Float64Array(0))).toThrow(/at least 2 values/);
  });
});

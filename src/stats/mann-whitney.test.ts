import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import fixture from '../../test/fixtures/stats/mann-whitney.json' with { type: 'json' };
import samples from '../../test/fixtures/stats/lcg-samples.json' with { type: 'json' };
import { mannWhitneyU } from './mann-whitney.js';
import { caseSamples, fx, type FixtureNumber } from '../../test/helpers/stats-fixtures.js';
import { relativeError } from '../../test/helpers/close.js';
import { DriftwatchError } from '../core/errors.js';
import type { TestResult } from './types.js';

function expectMatches(r: TestResult, expected: readonly FixtureNumber[], label: string): void {
  const [stat, p] = expected.map(fx) as [number, number];
  expect(relativeError(r.statistic, stat), `${label} U ${r.statistic} vs ${stat}`).toBeLessThanOrEqual(1e-9);
  if (p > 1e-300) expect(relativeError(r.pValue, p), `${label} p ${r.pValue} vs ${p}`).toBeLessThanOrEqual(1e-7);
  else expect(r.pValue).toBeLessThan(1e-290);
}

interface MwCase {
  readonly name: string;
  readonly auto: Record<'two-sided' | 'less' | 'greater', FixtureNumber[]>;
  readonly forced: { readonly exact?: FixtureNumber[]; readonly asymptotic: FixtureNumber[] };
}

describe('mannWhitneyU against scipy.stats.mannwhitneyu (mann-whitney.json)', () => {
  for (const c of fixture.cases) {
    const mw = c as unknown as MwCase;
    it(c.name, () => {
      const [a, b] = caseSamples(c, samples.pairs);
      for (const alternative of ['two-sided', 'less', 'greater'] as const) {
        expectMatches(mannWhitneyU(a, b, { alternative }), mw.auto[alternative], alternative);
      }
      if (mw.forced.exact !== undefined) expectMatches(mannWhitneyU(a, b, { method: 'exact' }), mw.forced.exact, 'exact');
      expectMatches(mannWhitneyU(a, b, { method: 'asymptotic' }), mw.forced.asymptotic, 'asymptotic');
      const sorted = mannWhitneyU(Float64Array.from(a).sort(), Float64Array.from(b).sort(), { sorted: true });
      expectMatches(sorted, mw.auto['two-sided'], 'sorted');
    });
  }
});

const sample = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 25 }).map((a) => Float64Array.from(a));

describe('mannWhitneyU properties', () => {
  it('p-values in [0, 1]; U1 + U2 = n1 n2; row order does not matter', () => {
    fc.assert(fc.property(sample, sample, (a, b) => {
      const r = mannWhitneyU(a, b);
      expect(r.pValue).toBeGreaterThanOrEqual(0);
      expect(r.pValue).toBeLessThanOrEqual(1);
      expect(mannWhitneyU(b, a).statistic + r.statistic).toBe(a.length * b.length);
      expect(mannWhitneyU(a.slice().reverse(), b)).toEqual(r);
    }));
  });
  it('identical samples give U = n^2 / 2 and p = 1', () => {
    fc.assert(fc.property(sample, (a) => {
      const r = mannWhitneyU(a, a.slice());
      expect(r.statistic).toBe((a.length * a.length) / 2);
      expect(r.pValue).toBe(1);
    }));
  });
  it('exact distribution sums to 1 (less with U = 0 and greater with U = 0)', () => {
    const a = new Float64Array([1, 2, 3]);
    const b = new Float64Array([4, 5, 6, 7]);
    expect(mannWhitneyU(a, b, { alternative: 'less' }).pValue).toBeCloseTo(1 / 35, 15);
    expect(mannWhitneyU(a, b, { alternative: 'greater' }).pValue).toBeCloseTo(1, 15);
  });
});

describe('mannWhitneyU edge cases', () => {
  it("'auto' falls back to the normal approximation when the exact table would exceed 5M cells", () => {
    const a = Float64Array.from({ length: 8 }, (_, i) => i * 1000 + 0.0012345);
    const b = Float64Array.from({ length: 1_250_001 }, (_, i) => i * 0.01);
    expect(mannWhitneyU(a, b, { sorted: true })).toEqual(mannWhitneyU(a, b, { sorted: true, method: 'asymptotic' }));
    const small = b.subarray(0, 1000);
    expect(mannWhitneyU(a, small, { sorted: true })).toEqual(mannWhitneyU(a, small, { sorted: true, method: 'exact' }));
  });
  it('size-1 samples use the exact distribution', () => {
    expect(mannWhitneyU(new Float64Array([1]), new Float64Array([2]))).toEqual({ statistic: 0, pValue: 1 });
  });
  it('rejects empty input, NaN and bad options', () => {
    expect(() => mannWhitneyU(new Float64Array(0), new Float64Array([1]))).toThrow(DriftwatchError);
    expect(() => mannWhitneyU(new Float64Array([NaN]), new Float64Array([1]))).toThrow(DriftwatchError);
    expect(() => mannWhitneyU(new Float64Array([1]), new Float64Array([1]), { method: 'x' as never })).toThrow(DriftwatchError);
  });
  it('checks the sorted: true promise', () => {
    expect(() => mannWhitneyU(new Float64Array([3, 1, 2]), new Float64Array([1, 2]), { sorted: true })).toThrow(/not ascending/);
  });
});

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import fixture from '../../test/fixtures/stats/anderson-ksamp.json' with { type: 'json' };
import samples from '../../test/fixtures/stats/lcg-samples.json' with { type: 'json' };
import { andersonKSample } from './anderson-ksamp.js';
import { caseSamples, fx, fxArray, type FixtureNumber, type LcgSpec } from '../../test/helpers/stats-fixtures.js';
import { relativeError } from '../../test/helpers/close.js';
import { DriftwatchError } from '../core/errors.js';

interface AdCase {
  readonly name: string;
  readonly pair?: string;
  readonly lcg?: { readonly a: LcgSpec; readonly b: LcgSpec };
  readonly samples?: FixtureNumber[][];
  readonly expected: FixtureNumber[];
}

describe('andersonKSample against scipy.stats.anderson_ksamp (anderson-ksamp.json)', () => {
  for (const c of fixture.cases as AdCase[]) {
    it(c.name, () => {
      const data = c.samples !== undefined ? c.samples.map(fxArray) : caseSamples(c, samples.pairs);
      const [stat, p] = c.expected.map(fx) as [number, number];
      const r = andersonKSample(data);
      expect(relativeError(r.statistic, stat), `statistic ${r.statistic} vs ${stat}`).toBeLessThanOrEqual(1e-9);
      expect(relativeError(r.pValue, p), `p ${r.pValue} vs ${p}`).toBeLessThanOrEqual(1e-7);
    });
  }
});

const sample = fc.array(fc.integer({ min: -10, max: 10 }), { minLength: 2, maxLength: 30 }).map((a) => Float64Array.from(a));

describe('andersonKSample properties', () => {
  it('p in [0.001, 0.25]; symmetric in the samples; order-invariant', () => {
    fc.assert(fc.property(sample, sample, (a, b) => {
      fc.pre(new Set([...a, ...b]).size > 1);
      const r = andersonKSample([a, b]);
      expect(r.pValue).toBeGreaterThanOrEqual(0.001);
      expect(r.pValue).toBeLessThanOrEqual(0.25);
      expect(Math.abs(andersonKSample([b, a]).statistic - r.statistic)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(r.statistic)));
      expect(andersonKSample([a.slice().reverse(), b]).statistic).toBe(r.statistic);
    }));
  });
});

describe('andersonKSample: identical samples show no drift', () => {
  it('gives the capped p-value 0.25', () => {
    fc.assert(fc.property(sample, (a) => {
      fc.pre(new Set(a).size > 1);
      expect(andersonKSample([a, a.slice()]).pValue).toBe(0.25);
    }));
  });
});

describe('andersonKSample edge cases', () => {
  it('rejects fewer than two samples, empty samples, constant data and tiny totals', () => {
    expect(() => andersonKSample([new Float64Array([1, 2])])).toThrow(DriftwatchError);
    expect(() => andersonKSample([new Float64Array([1, 2]), new Float64Array(0)])).toThrow(DriftwatchError);
    expect(() => andersonKSample([new Float64Array([1, 1]), new Float64Array([1, 1])])).toThrow(/distinct/);
    expect(() => andersonKSample([new Float64Array([1]), new Float64Array([2, 3])])).toThrow(/at least 4/);
  });
  it('size-1 sample is allowed when the total is large enough', () => {
    const r = andersonKSample([new Float64Array([0]), new Float64Array([1, 2, 3, 4])]);
    expect(Number.isFinite(r.statistic)).toBe(true);
  });
});

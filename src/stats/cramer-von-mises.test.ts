import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import fixture from '../../test/fixtures/stats/cramer-von-mises.json' with { type: 'json' };
import samples from '../../test/fixtures/stats/lcg-samples.json' with { type: 'json' };
import { cramerVonMises } from './cramer-von-mises.js';
import { besselKExpScaled } from './internal/bessel-k.js';
import { caseSamples, fx } from '../../test/helpers/stats-fixtures.js';
import { relativeError } from '../../test/helpers/close.js';
import { DriftwatchError } from '../core/errors.js';

describe('cramerVonMises against scipy.stats.cramervonmises_2samp (cramer-von-mises.json)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const [a, b] = caseSamples(c, samples.pairs);
      const [stat, p] = c.expected.map(fx) as [number, number];
      const r = cramerVonMises(a, b);
      expect(relativeError(r.statistic, stat), `statistic ${r.statistic} vs ${stat}`).toBeLessThanOrEqual(1e-9);
      // The asymptotic p-value is 1 - cdf in both SciPy and here: below ~1e-7 it carries an absolute
      // rounding noise of a few 1e-15 that no reimplementation shares, hence the small absolute allowance.
      expect(Math.abs(r.pValue - p), `p ${r.pValue} vs ${p}`).toBeLessThanOrEqual(1e-7 * p + 1e-14);
      const s = cramerVonMises(Float64Array.from(a).sort(), Float64Array.from(b).sort(), { sorted: true });
      expect(s).toEqual(r);
    });
  }
});

describe('exp-scaled Bessel K_{1/4} against scipy.special.kve', () => {
  it('matches to 1e-13 relative', () => {
    for (const c of fixture.kvQuarter) {
      expect(relativeError(besselKExpScaled(0.25, c.q), fx(c.kve)), `kve(0.25, ${c.q})`).toBeLessThan(1e-13);
    }
  });
});

const sample = fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 2, maxLength: 30 }).map((a) => Float64Array.from(a));

describe('cramerVonMises properties', () => {
  it('statistic is symmetric, order-invariant, and p in [0, 1]', () => {
    fc.assert(fc.property(sample, sample, (a, b) => {
      const r = cramerVonMises(a, b);
      expect(r.pValue).toBeGreaterThanOrEqual(0);
      expect(r.pValue).toBeLessThanOrEqual(1);
      expect(Math.abs(cramerVonMises(b, a).statistic - r.statistic)).toBeLessThanOrEqual(1e-12);
      expect(cramerVonMises(a.slice().reverse(), b).statistic).toBe(r.statistic);
    }));
  });
  it('identical samples show no drift', () => {
    fc.assert(fc.property(sample, (a) => {
      expect(cramerVonMises(a, a.slice()).pValue).toBeGreaterThan(0.5);
    }));
  });
});

describe('cramerVonMises edge cases', () => {
  it('needs two values per sample', () => {
    expect(() => cramerVonMises(new Float64Array([1]), new Float64Array([1, 2]))).toThrow(DriftwatchError);
    expect(() => cramerVonMises(new Float64Array(0), new Float64Array([1, 2]))).toThrow(/at least 2 values/);
  });
  it('constant samples', () => {
    const r = cramerVonMises(new Float64Array([3, 3, 3]), new Float64Array([3, 3]));
    expect(r.pValue).toBe(1);
  });
  it('checks the sorted: true promise', () => {
    expect(() => cramerVonMises(new Float64Array([3, 1, 2]), new Float64Array([1, 2]), { sorted: true })).toThrow(/not ascending/);
  });
});

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import fixture from '../../test/fixtures/stats/wasserstein.json' with { type: 'json' };
import samples from '../../test/fixtures/stats/lcg-samples.json' with { type: 'json' };
import { wasserstein } from './wasserstein.js';
import { caseSamples, fx } from '../../test/helpers/stats-fixtures.js';
import { relativeError } from '../../test/helpers/close.js';
import { DriftwatchError } from '../core/errors.js';

describe('wasserstein against scipy.stats.wasserstein_distance (wasserstein.json)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const [a, b] = caseSamples(c, samples.pairs);
      const expected = fx(c.expected);
      expect(relativeError(wasserstein(a, b), expected)).toBeLessThanOrEqual(1e-9);
      const sa = Float64Array.from(a).sort();
      const sb = Float64Array.from(b).sort();
      expect(relativeError(wasserstein(sa, sb, { sorted: true }), expected)).toBeLessThanOrEqual(1e-9);
    });
  }
});

const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 60 }).map((a) => Float64Array.from(a));

describe('wasserstein properties', () => {
  it('is 0 for identical samples and symmetric', () => {
    fc.assert(fc.property(sample, sample, (a, b) => {
      expect(wasserstein(a, a)).toBe(0);
      const d = wasserstein(a, b);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(Math.abs(d - wasserstein(b, a))).toBeLessThanOrEqual(1e-12 * Math.max(1, d));
    }));
  });
  it('is invariant to row order', () => {
    fc.assert(fc.property(sample, sample, (a, b) => {
      const d = wasserstein(a, b);
      expect(Math.abs(wasserstein(a.slice().reverse(), b) - d)).toBeLessThanOrEqual(1e-12 * Math.max(1, d));
    }));
  });
  it('scales linearly: W(ka, kb) = |k| W(a, b)', () => {
    fc.assert(fc.property(sample, sample, fc.double({ min: -100, max: 100, noNaN: true }), (a, b, k) => {
      const d = wasserstein(a, b);
      const dk = wasserstein(a.map((x) => k * x), b.map((x) => k * x));
      expect(Math.abs(dk - Math.abs(k) * d)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(k) * d));
    }));
  });
  it('equals the shift for a translated sample', () => {
    fc.assert(fc.property(sample, fc.integer({ min: -50, max: 50 }), (a, s) => {
      expect(Math.abs(wasserstein(a, a.map((x) => x + s)) - Math.abs(s))).toBeLessThan(1e-9);
    }));
  });
});

describe('wasserstein edge cases', () => {
  it('size-1 samples: the distance between the two points', () => {
    expect(wasserstein(new Float64Array([1]), new Float64Array([4.5]))).toBe(3.5);
  });
  it('constant samples', () => {
    expect(wasserstein(new Float64Array([2, 2, 2]), new Float64Array([2]))).toBe(0);
  });
  it('rejects empty input and NaN', () => {
    expect(() => wasserstein(new Float64Array(0), new Float64Array([1]))).toThrow(DriftwatchError);
    expect(() => wasserstein(new Float64Array([1]), new Float64Array(0))).toThrow(/at least one value/);
    expect(() => wasserstein(new Float64Array([NaN]), new Float64Array([1]))).toThrow(DriftwatchError);
  });
  it('checks the sorted: true promise', () => {
    expect(() => wasserstein(new Float64Array([3, 1, 2]), new Float64Array([1, 2]), { sorted: true })).toThrow(/not ascending/);
  });
});

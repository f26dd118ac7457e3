import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import fixture from '../../test/fixtures/stats/energy-distance.json' with { type: 'json' };
import samples from '../../test/fixtures/stats/lcg-samples.json' with { type: 'json' };
import { energyDistance } from './energy-distance.js';
import { caseSamples, fx } from '../../test/helpers/stats-fixtures.js';
import { relativeError } from '../../test/helpers/close.js';
import { DriftwatchError } from '../core/errors.js';

describe('energyDistance against scipy.stats.energy_distance (energy-distance.json)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const [a, b] = caseSamples(c, samples.pairs);
      const expected = fx(c.expected);
      expect(relativeError(energyDistance(a, b), expected)).toBeLessThanOrEqual(1e-9);
      const sa = Float64Array.from(a).sort();
      const sb = Float64Array.from(b).sort();
      expect(relativeError(energyDistance(sa, sb, { sorted: true }), expected)).toBeLessThanOrEqual(1e-9);
    });
  }
});

const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 60 }).map((a) => Float64Array.from(a));

describe('energyDistance properties', () => {
  it('is 0 for identical samples and symmetric', () => {
    fc.assert(fc.property(sample, sample, (a, b) => {
      expect(energyDistance(a, a)).toBe(0);
      const d = energyDistance(a, b);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(Math.abs(d - energyDistance(b, a))).toBeLessThanOrEqual(1e-12 * Math.max(1, d));
    }));
  });
  it('is invariant to row order', () => {
    fc.assert(fc.property(sample, sample, (a, b) => {
      const d = energyDistance(a, b);
      expect(Math.abs(energyDistance(a.slice().reverse(), b) - d)).toBeLessThanOrEqual(1e-12 * Math.max(1, d));
    }));
  });
  it('scales with the square root of the scale factor: E(ka, kb) = sqrt(|k|) E(a, b)', () => {
    fc.assert(fc.property(sample, sample, fc.double({ min: -100, max: 100, noNaN: true }), (a, b, k) => {
      const d = energyDistance(a, b);
      const dk = energyDistance(a.map((x) => k * x), b.map((x) => k * x));
      // Compared as squares (E^2 is the integral the code sums): near-identical samples make E^2 a tiny
      // difference of large terms, whose rounding the square root would blow up into a large relative error.
      const scale = Math.max(1, ...Array.from(a, Math.abs), ...Array.from(b, Math.abs));
      expect(Math.abs(dk * dk - Math.abs(k) * d * d)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(k)) * scale * Math.max(1, d * d));
    }));
  });
});

describe('energyDistance edge cases', () => {
  it('size-1 samples: sqrt(2 |x - y|)', () => {
    expect(energyDistance(new Float64Array([1]), new Float64Array([9]))).toBeCloseTo(4, 14);
  });
  it('constant equal samples', () => {
    expect(energyDistance(new Float64Array([2, 2, 2]), new Float64Array([2]))).toBe(0);
  });
  it('rejects empty input and NaN', () => {
    expect(() => energyDistance(new Float64Array(0), new Float64Array([1]))).toThrow(DriftwatchError);
    expect(() => energyDistance(new Float64Array([1]), new Float64Array([Infinity]))).toThrow(DriftwatchError);
  });
  it('checks the sorted: true promise', () => {
    expect(() => energyDistance(new Float64Array([3, 1, 2]), new Float64Array([1, 2]), { sorted: true })).toThrow(/not ascending/);
  });
});

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import fixture from '../../test/fixtures/stats/binning.json' with { type: 'json' };
import samples from '../../test/fixtures/stats/lcg-samples.json' with { type: 'json' };
import { quantileEdges, sturgesEdges, equalWidthEdges, binCounts, toShares } from './binning.js';
import { caseSamples, fxArray } from '../../test/helpers/stats-fixtures.js';
import { DriftwatchError } from '../core/errors.js';

const sortedCopy = (a: Float64Array): Float64Array => Float64Array.from(a).sort();

describe('binning against NumPy (binning.json)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const [a, b] = caseSamples(c, samples.pairs);
      for (const [nb, q] of Object.entries(c.quantile)) {
        const edges = quantileEdges(sortedCopy(a), Number(nb));
        expect(Array.from(edges), `quantile edges nBins=${nb}`).toEqual(Array.from(fxArray(q.edges)));
        expect(Array.from(binCounts(b, edges)), `counts nBins=${nb}`).toEqual(q.counts);
      }
      const se = sturgesEdges(a, b);
      expect(Array.from(se), 'sturges edges').toEqual(Array.from(fxArray(c.sturges.edges)));
      expect(Array.from(binCounts(a, se))).toEqual(c.sturges.countsA);
      expect(Array.from(binCounts(b, se))).toEqual(c.sturges.countsB);
      const ew = equalWidthEdges(c.equalWidth10.min, c.equalWidth10.max, 10);
      expect(Array.from(ew), 'equal width edges').toEqual(Array.from(fxArray(c.equalWidth10.edges)));
    });
  }
});

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }).map((a) => Float64Array.from(a));

describe('binning properties', () => {
  it('quantile edges count every value and shares sum to 1', () => {
    fc.assert(fc.property(values, values, fc.integer({ min: 1, max: 30 }), (ref, cur, nb) => {
      const edges = quantileEdges(sortedCopy(ref), nb);
      expect(edges.length).toBeLessThanOrEqual(nb + 1);
      const counts = binCounts(cur, edges);
      expect(counts.reduce((s, x) => s + x, 0)).toBe(cur.length);
      const shares = toShares(counts);
      expect(Math.abs(shares.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
    }));
  });
  it('sturges edges cover both samples', () => {
    fc.assert(fc.property(values, values, (a, b) => {
      const edges = sturgesEdges(a, b);
      const total = binCounts(a, edges).reduce((s, x) => s + x, 0) + binCounts(b, edges).reduce((s, x) => s + x, 0);
      expect(total).toBe(a.length + b.length);
    }));
  });
  it('counts do not depend on row order', () => {
    fc.assert(fc.property(values, (a) => {
      const edges = equalWidthEdges(-1e6, 1e6, 7);
      expect(Array.from(binCounts(a.slice().reverse(), edges))).toEqual(Array.from(binCounts(a, edges)));
    }));
  });
});

describe('binning edge cases', () => {
  it('constant data', () => {
    const c = new Float64Array([3, 3, 3]);
    expect(Array.from(quantileEdges(c, 10))).toEqual([-Infinity, 3, Infinity]);
    expect(Array.from(sturgesEdges(c, c))).toEqual([2.5, 3.5]);
    expect(Array.from(binCounts(c, quantileEdges(c, 10)))).toEqual([0, 3]);
  });
  it('half-open bins with a closed last bin; outside values and NaN ignored', () => {
    const edges = new Float64Array([0, 1, 2]);
    expect(Array.from(binCounts(new Float64Array([-1, 0, 0.5, 1, 2, 3, NaN]), edges))).toEqual([2, 2]);
  });
  it('rejects misuse', () => {
    expect(() => quantileEdges(new Float64Array(0), 3)).toThrow(DriftwatchError);
    expect(() => quantileEdges(new Float64Array([1]), 0)).toThrow(DriftwatchError);
    expect(() => quantileEdges(new Float64Array([2, 1]), 3)).toThrow(/not ascending/);
    expect(() => sturgesEdges(new Float64Array(0), new Float64Array(0))).toThrow(DriftwatchError);
    expect(() => equalWidthEdges(1, 0, 3)).toThrow(DriftwatchError);
    expect(() => toShares([0, 0])).toThrow(DriftwatchError);
    expect(() => binCounts(new Float64Array([1]), new Float64Array([2, 1]))).toThrow(DriftwatchError);
  });
});

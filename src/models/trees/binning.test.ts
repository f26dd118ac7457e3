import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { binFeatures } from './binning.js';

describe('binFeatures', () => {
  it('puts each value in the first bin whose upper edge is >= it, and NaN in the missing bin', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -5, max: 5 }), fc.constant(NaN)), { minLength: 2, maxLength: 600 }),
        fc.integer({ min: 2, max: 255 }),
        (values, maxBins) => {
          const d = 2;
          const n = values.length >> 1;
          const x = Float64Array.from(values.slice(0, n * d));
          const { bins, mapper } = binFeatures(x, n, d, { maxBins });
          for (let f = 0; f < d; f++) {
            const up = mapper.upper[f];
            expect(up.length).toBeLessThanOrEqual(maxBins);
            expect(up[up.length - 1]).toBe(Infinity);
            for (let j = 1; j < up.length; j++) expect(up[j]).toBeGreaterThan(up[j - 1]);
            for (let i = 0; i < n; i++) {
              const v = x[i * d + f];
              const want = Number.isNaN(v) ? mapper.missingBin[f] : up.findIndex((u) => v <= u);
              expect(bins[i * d + f]).toBe(want);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives every distinct value its own bin when there are at most maxBins of them', () => {
    const x = Float64Array.from([3, 1, 2, 3, 1, NaN, 2, 10]);
    const { bins, mapper } = binFeatures(x, 8, 1, { maxBins: 255 });
    expect(Array.from(mapper.upper[0])).toEqual([1.5, 2.5, 6.5, Infinity]);
    expect(Array.from(bins)).toEqual([2, 0, 1, 2, 0, 4, 1, 3]);
  });

  it('rejects a bad maxBins', () => {
    expect(() => binFeatures(new Float64Array(4), 4, 1, { maxBins: 256 })).toThrow(/maxBins/);
  });
});

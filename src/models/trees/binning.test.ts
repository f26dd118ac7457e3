import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { binFeatures, fitBinMapper } from './binning.js';
import { createRng } from '../../core/rng.js';

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

  it('takes the same strided sample whether a feature is read straight from x (no missing values) or gathered', () => {
    // Feature 0 of `b` has one NaN in an extra first row: its non-missing values, in order, are those of `a`, but it
    // takes the gathering path. Feature 1 is low-cardinality.
    const n = 120_000;
    const rng = createRng(4);
    const a = Float64Array.from({ length: n * 2 }, (_, k) => (k % 2 === 0 ? rng.normal() * 3 : rng.int(9)));
    const b = new Float64Array((n + 1) * 2);
    b.set(a, 2);
    b[0] = NaN;
    b[1] = a[1];
    const ea = fitBinMapper(a, n, 2);
    const eb = fitBinMapper(b, n + 1, 2);
    expect(Array.from(eb.upper[0])).toEqual(Array.from(ea.upper[0]));
    expect(Array.from(eb.upper[1])).toEqual(Array.from(ea.upper[1]));
    expect(ea.upper[0].length).toBe(255);
    expect(ea.upper[1].length).toBe(9);
  });
});

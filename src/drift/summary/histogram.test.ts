import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numericHistogram } from './histogram.js';

/** The shares as a walk over every value computes them: bins half-open except the last. */
function walkedShares(sorted: Float64Array, edges: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  for (let b = 0; b < edges.length - 1; b++) {
    const start = i;
    if (b === edges.length - 2) i = sorted.length;
    else while (i < sorted.length && sorted[i]! < edges[b + 1]!) i++;
    out.push((i - start) / sorted.length);
  }
  return out;
}

const sample = fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 300 })
  .map((xs) => Float64Array.from(xs).sort());

describe('numericHistogram', () => {
  it('gives each bin the share of values a walk over every value gives (discrete and equal-width bins)', () => {
    fc.assert(fc.property(sample, sample, (ref, cur) => {
      const nUnique = new Set([...ref, ...cur]).size;
      const h = numericHistogram(ref, cur, nUnique);
      if (h.type !== 'numeric') throw new Error('a numeric histogram');
      expect(h.reference).toEqual(walkedShares(ref, h.edges));
      expect(h.current).toEqual(walkedShares(cur, h.edges));
    }), { numRuns: 500 });
  });
});

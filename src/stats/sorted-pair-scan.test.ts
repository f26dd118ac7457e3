import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import fixture from '../../test/fixtures/stats/wasserstein.json' with { type: 'json' };
import samples from '../../test/fixtures/stats/lcg-samples.json' with { type: 'json' };
import { wasmScanSortedPair } from '../kernels/index.js';
import { scanInJs, scanSortedPair } from './sorted-pair-scan.js';
import { ksTest, ksTestFromScan } from './ks-test.js';
import { wasserstein } from './wasserstein.js';
import { caseSamples, fx } from '../../test/helpers/stats-fixtures.js';
import { relativeError } from '../../test/helpers/close.js';

const sorted = (a: ArrayLike<number>): Float64Array => Float64Array.from(a).sort();

function distinct(a: Float64Array): number {
  return new Set(Array.from(a, (v) => (v === 0 ? 0 : v))).size;
}

/** The scan must be bit-identical to the stand-alone functions, not merely close. */
function expectSameAsStandalone(a: Float64Array, b: Float64Array): void {
  const s = scanSortedPair(a, b);
  expect(s.wasserstein).toBe(wasserstein(a, b, { sorted: true }));
  for (const method of ['auto', 'asymp'] as const) {
    const k = ksTest(a, b, { sorted: true, method });
    const f = ksTestFromScan(s, { method });
    expect(f.statistic).toBe(k.statistic);
    expect(f.pValue).toBe(k.pValue);
    expect(f.method).toBe(k.method);
  }
  const both = new Float64Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  expect(s.distinctBoth).toBe(distinct(both));
}

describe('scanSortedPair', () => {
  it('gives SciPy wasserstein_distance on the fixture samples (wasserstein.json)', () => {
    for (const c of fixture.cases) {
      const [a, b] = caseSamples(c, samples.pairs);
      if (a.length === 0 || b.length === 0 || a.some((v) => !Number.isFinite(v)) || b.some((v) => !Number.isFinite(v))) continue;
      const sa = sorted(a);
      const sb = sorted(b);
      expect(relativeError(scanSortedPair(sa, sb).wasserstein, fx(c.expected)), c.name).toBeLessThanOrEqual(1e-9);
      // The exact KS p-value is O(n1 n2): the equality check keeps to the smaller samples.
      if (sa.length + sb.length <= 2000) expectSameAsStandalone(sa, sb);
    }
  });

  it('equals ksTest, wasserstein and a distinct count bit for bit, ties and signed zeros included', () => {
    // Few distinct values make ties on both sides and across them; -0 and 0 are one value.
    const value = fc.oneof(fc.integer({ min: -4, max: 4 }).map((v) => v / 2), fc.constant(-0), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }));
    const sample = fc.array(value, { minLength: 1, maxLength: 80 }).map(sorted);
    fc.assert(fc.property(sample, sample, (a, b) => expectSameAsStandalone(a, b)), { numRuns: 500 });
  });

  it('handles samples of one value and disjoint ranges', () => {
    expectSameAsStandalone(sorted([1]), sorted([2]));
    expectSameAsStandalone(sorted([3]), sorted([3]));
    expectSameAsStandalone(sorted([1, 2, 3]), sorted([10, 11]));
    expectSameAsStandalone(sorted([10, 11]), sorted([1, 2, 3]));
  });

  it('sums more than one 8192-term buffer in NumPy order (bit-identical to wasserstein)', () => {
    let seed = 7;
    const next = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const a = sorted(Array.from({ length: 20_000 }, () => Math.round(next() * 5000) / 7));
    const b = sorted(Array.from({ length: 13_001 }, () => next() * 700 + 3));
    expectSameAsStandalone(a, b);
    expectSameAsStandalone(b, a);
  });

  it('the WebAssembly walk is bit-identical to the JavaScript walk: sizes around the 8192-term buffer, ties, signed zeros', () => {
    const bits = (x: number): string => Buffer.from(Float64Array.of(x).buffer).toString('hex');
    const same = (a: Float64Array, b: Float64Array): void => {
      const k = wasmScanSortedPair(a, b);
      expect(k).not.toBeNull();
      const js = scanInJs(a, b);
      expect([k!.distinctBoth, bits(k!.maxGap), bits(k!.minGap), bits(k!.wasserstein)]).toEqual([js.distinctBoth, bits(js.maxGap), bits(js.minGap), bits(js.wasserstein)]);
    };
    const value = fc.oneof(
      fc.integer({ min: -6, max: 6 }).map((v) => v / 4),
      fc.constant(-0),
      fc.constant(0),
      fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e-300, max: 1e-300, noNaN: true }),
    );
    // Lengths that put the end of the walk on and around the buffer's edges (8192, 16384).
    const length = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 8180, max: 8200 }), fc.integer({ min: 4000, max: 12_000 }));
    const sample = length.chain((n) => fc.array(value, { minLength: n, maxLength: n }).map(sorted));
    fc.assert(fc.property(sample, sample, (a, b) => same(a, b)), { numRuns: 60 });
    same(sorted([1]), sorted([2]));
    same(sorted([-0]), sorted([0]));
    same(sorted(Array.from({ length: 8192 }, (_, i) => i / 3)), sorted([0.5]));
  });
});

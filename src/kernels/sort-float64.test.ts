import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { jsSortFiniteInto, jsSortFloat64, sortFinite, sortFiniteInto as wasmOrJsFiniteInto, sortFloat64 as wasmOrJsFloat64 } from './sort-float64.js';
import { wasmRadixSort, wasmSortFinite } from './sort-float64-wasm.js';

const show = (a: Float64Array): (number | string)[] => Array.from(a, (v) => (Object.is(v, -0) ? '-0' : v));

describe('the WebAssembly radix sort', () => {
  it('runs here (Node has WebAssembly), from an empty array up', () => {
    expect(wasmRadixSort(new Float64Array(0), new Float64Array(0), true)).toBe(true);
    const one = Float64Array.from([NaN, -0, Infinity]);
    const out = new Float64Array(1);
    expect(wasmRadixSort(one, out, true)).toBe(true);
    expect(show(out)).toEqual(['-0']);
  });
  it('sorts any doubles (all sizes, ties, -0, subnormals, infinities) exactly as TypedArray sort', () => {
    const special = fc.constantFrom(0, -0, Infinity, -Infinity, 5e-324, -5e-324, 1e-310, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1);
    const value = fc.oneof(fc.double({ noNaN: true }), special, fc.integer({ min: -5, max: 5 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 5000 }), (xs) => {
        const a = Float64Array.from(xs);
        const expected = a.slice().sort();
        expect(wasmRadixSort(a, a, false)).toBe(true);
        expect(show(a)).toEqual(show(expected));
      }),
      { numRuns: 200 },
    );
  });
  it('keeps the finite values only when asked, NaN and infinities anywhere', () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 0));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 5000 }), (xs) => {
        const a = Float64Array.from(xs);
        const finite = a.filter((v) => Number.isFinite(v));
        const out = new Float64Array(finite.length);
        expect(wasmRadixSort(a, out, true)).toBe(true);
        expect(show(out)).toEqual(show(finite.sort()));
        expect(show(a)).toEqual(show(Float64Array.from(xs))); // the input is left alone
      }),
      { numRuns: 200 },
    );
  });
  it('sortFinite (and the kernel alone) counts the NaN it skips and sizes the output from its own pass', () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 0));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 4000 }), (xs) => {
        const a = Float64Array.from(xs);
        const finite = a.filter((v) => Number.isFinite(v)).sort();
        const nan = xs.filter((v) => Number.isNaN(v)).length;
        const sizes: number[] = [];
        const viaKernel = wasmSortFinite(a, (n) => (sizes.push(n), new Float64Array(n)));
        expect(viaKernel).not.toBeNull();
        expect(sizes).toEqual([finite.length]);
        expect(show(viaKernel!.sorted)).toEqual(show(finite));
        expect(viaKernel!.nan).toBe(nan);
        const pooled = new Float64Array(a.length + 3);
        const via = sortFinite(a, (n) => pooled.subarray(0, n));
        expect(show(via.sorted)).toEqual(show(finite));
        expect(via.nan).toBe(nan);
      }),
      { numRuns: 150 },
    );
  });
  it('agrees with the JavaScript sort when runs of equal high words send it to the full sort', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 2000, max: 40_000 }), fc.integer(), (span, n, seed) => {
        const rng = createRng(seed);
        const stamps = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? -1 : 1) * (1.7e12 + rng.int(span)));
        const viaJs = jsSortFloat64(stamps.slice());
        const viaWasm = stamps.slice();
        expect(wasmRadixSort(viaWasm, viaWasm, false)).toBe(true);
        expect(show(viaWasm)).toEqual(show(viaJs));
        expect(show(viaWasm)).toEqual(show(stamps.slice().sort()));
      }),
      { numRuns: 12 },
    );
  });
});

describe.each([
  ['the sort used (WebAssembly where it runs)', wasmOrJsFloat64, wasmOrJsFiniteInto],
  ['the JavaScript fallback', jsSortFloat64, jsSortFiniteInto],
] as const)('%s', (_, sortFloat64, sortFiniteInto) => {
  it('orders exactly as TypedArray sort, -0 before +0, infinities at the ends', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 65536, maxLength: 70000 }), (xs) => {
        const a = Float64Array.from(xs);
        const expected = a.slice().sort();
        const got = sortFloat64(a.slice());
        expect(Array.from(got).map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(Array.from(expected).map((v) => Object.is(v, -0) ? '-0' : v));
      }),
      { numRuns: 3 },
    );
  });
  it('handles heavy ties, a constant array and arrays inside a larger buffer', () => {
    const rng = createRng(5);
    const ties = Float64Array.from({ length: 100000 }, () => rng.int(7) - 3);
    expect(sortFloat64(ties.slice())).toEqual(ties.slice().sort());
    const constant = new Float64Array(70000).fill(2.5);
    expect(sortFloat64(constant.slice())).toEqual(constant);
    const big = Float64Array.from({ length: 90000 }, () => rng.normal());
    const outside = [big.slice(0, 1000), big.slice(80000)];
    const view = big.subarray(1000, 80000);
    const expected = view.slice().sort();
    sortFloat64(view);
    expect(view).toEqual(expected);
    expect([big.slice(0, 1000), big.slice(80000)]).toEqual(outside);
  });
  it("orders the tree learners' binning samples (50k values: ties, subnormals, all magnitudes) as TypedArray sort", () => {
    const rng = createRng(11);
    const show = (a: Float64Array): (number | string)[] => Array.from(a, (v) => (Object.is(v, -0) ? '-0' : v));
    for (const n of [16_384, 50_000]) {
      const v = Float64Array.from({ length: n }, (_, k) => {
        const r = rng.next();
        if (r < 0.05) return [0, -0, Infinity, -Infinity, 1e-310, -1e-310, Number.MAX_VALUE][k % 7]!;
        if (r < 0.3) return Math.round(rng.normal() * 3);
        return rng.normal() * 10 ** rng.int(40) * (rng.next() < 0.5 ? 1e-20 : 1);
      });
      expect(show(sortFloat64(v.slice()))).toEqual(show(v.slice().sort()));
    }
  });
  it('sorts small arrays too', () => {
    expect(Array.from(sortFloat64(Float64Array.from([3, -1, 2, -0, 0])))).toEqual([-1, -0, 0, 2, 3]);
  });
  it('sortFiniteInto skips NaN and infinities and sorts the rest into the output, large and small', () => {
    const rng = createRng(9);
    for (const n of [10, 70_000, 200_000]) {
      const values = Float64Array.from({ length: n }, (_, i) => (i % 11 === 0 ? NaN : i % 13 === 0 ? (i % 2 === 0 ? Infinity : -Infinity) : i % 17 === 0 ? -0 : rng.normal() * 10 ** rng.int(6)));
      const finite = values.filter((v) => Number.isFinite(v));
      const out = sortFiniteInto(values, new Float64Array(finite.length));
      const show = (a: Float64Array) => Array.from(a, (v) => (Object.is(v, -0) ? '-0' : v));
      expect(show(out)).toEqual(show(finite.slice().sort()));
    }
  });
  it('sortFiniteInto handles keys that share digits (one pass or none needed)', () => {
    const same = new Float64Array(80_000).fill(-3.25);
    same[5] = NaN;
    expect(sortFiniteInto(same, new Float64Array(79_999))).toEqual(new Float64Array(79_999).fill(-3.25));
    // Only the top 16 bits differ: one pass, which must also map keys back.
    const top = Float64Array.from({ length: 70_000 }, (_, i) => [1, -2, 4, -8][i % 4]!);
    expect(sortFiniteInto(top, new Float64Array(70_000))).toEqual(top.slice().sort());
  });
  it('sorts values that agree in their high 32 bits (the insertion pass gives up, the full sort finishes)', () => {
    const rng = createRng(11);
    const show = (a: Float64Array) => Array.from(a, (v) => (Object.is(v, -0) ? '-0' : v));
    // Epoch milliseconds over one month: runs of thousands of values share a high word.
    const stamps = Float64Array.from({ length: 100_000 }, () => 1.7e12 + rng.int(2_592_000_000));
    expect(show(sortFloat64(stamps.slice()))).toEqual(show(stamps.slice().sort()));
    // Short runs (a value and its neighbours a few ulps away) stay within the insertion budget.
    const near = Float64Array.from({ length: 100_000 }, (_, i) => {
      const base = rng.normal() * 1000;
      return i % 3 === 0 ? base : base + base * 2 ** -50 * (rng.int(5) - 2);
    });
    expect(show(sortFloat64(near.slice()))).toEqual(show(near.slice().sort()));
    const withMissing = Float64Array.from(stamps, (v, i) => (i % 5 === 0 ? NaN : -v));
    const finite = withMissing.filter((v) => !Number.isNaN(v));
    expect(show(sortFiniteInto(withMissing, new Float64Array(finite.length)))).toEqual(show(finite.slice().sort()));
  });
});

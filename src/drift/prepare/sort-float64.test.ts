import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { sortFloat64 } from './sort-float64.js';

describe('sortFloat64', () => {
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
  it('sorts small arrays too', () => {
    expect(Array.from(sortFloat64(Float64Array.from([3, -1, 2, -0, 0])))).toEqual([-1, -0, 0, 2, 3]);
  });
});

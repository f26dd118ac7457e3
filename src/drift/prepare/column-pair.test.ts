import { describe, expect, it } from 'vitest';
import { numericPair } from './column-pair.js';

const f = (xs: number[]): Float64Array => Float64Array.from(xs);

describe('numericPair', () => {
  it('counts each distinct value of reference ∪ current, -0 and 0 as one', () => {
    const p = numericPair(f([-0, 1, 1, 3]), f([0, 2, 3, 3, 5]));
    expect(p.nUniqueRef).toBe(3);
    expect(p.nUniqueBoth).toBe(5);
    expect([...p.distinctValues()]).toEqual([-0, 1, 2, 3, 5]);
    const c = p.counts();
    expect([...c.ref]).toEqual([1, 2, 0, 1, 0]);
    expect([...c.cur]).toEqual([1, 0, 1, 2, 1]);
    expect([c.nRef, c.nCur]).toEqual([4, 5]);
  });

  it('counts one side alone when the other is empty', () => {
    const p = numericPair(f([]), f([2, 2, 7]));
    expect(p.nUniqueBoth).toBe(2);
    expect([...p.distinctValues()]).toEqual([2, 7]);
    expect([...p.counts().cur]).toEqual([2, 1]);
    expect([...p.counts().ref]).toEqual([0, 0]);
  });

  it('computes the reference moments once: mean and sum of squared deviations', () => {
    const p = numericPair(f([1, 2, 3, 6]), f([0]));
    expect(p.refMoments()).toEqual({ mean: 3, ss: 14 });
    expect(p.refMoments()).toBe(p.refMoments());
  });
});

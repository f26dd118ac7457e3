import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../core/errors.js';
import { expectClose, type FixtureNumber } from '../../test/helpers/close.js';
import { ksTest } from './ks-test.js';

interface KsCase {
  name: string;
  method: 'auto' | 'exact' | 'asymp';
  methodUsed: 'exact' | 'asymp';
  a: number[];
  b: number[];
  statistic: FixtureNumber;
  pValue: FixtureNumber;
}
const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/stats/ks-test.json', import.meta.url), 'utf8'),
) as { cases: KsCase[] };

describe('ksTest against scipy.stats.ks_2samp (SciPy 1.10, two-sided)', () => {
  for (const c of fixture.cases) {
    it(`${c.name} (${c.a.length} x ${c.b.length}, method ${c.method})`, () => {
      const r = ksTest(Float64Array.from(c.a), Float64Array.from(c.b), { method: c.method });
      expect(r.method).toBe(c.methodUsed);
      expectClose(r.statistic, c.statistic, 1e-9, { label: 'statistic' });
      expectClose(r.pValue, c.pValue, 1e-7, { label: 'p-value' });
    });
  }
  it('gives the same answer with sorted: true on pre-sorted input', () => {
    for (const c of fixture.cases.slice(0, 20)) {
      const a = Float64Array.from(c.a).sort();
      const b = Float64Array.from(c.b).sort();
      const r1 = ksTest(a, b, { method: c.method, sorted: true });
      const r2 = ksTest(Float64Array.from(c.a), Float64Array.from(c.b), { method: c.method });
      expect(r1).toEqual(r2);
    }
  });
});

const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });
const small = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 });

describe('ksTest properties', () => {
  it('identical samples give statistic 0 and p 1', () => {
    fc.assert(
      fc.property(sample, (a) => {
        const r = ksTest(Float64Array.from(a), Float64Array.from(a));
        expect(r.statistic).toBe(0);
        expect(r.pValue).toBe(1);
      }),
    );
  });
  it('is symmetric in a and b and p lies in [0, 1]', () => {
    fc.assert(
      fc.property(small, small, fc.constantFrom('auto', 'exact', 'asymp') as fc.Arbitrary<'auto' | 'exact' | 'asymp'>, (a, b, method) => {
        const r1 = ksTest(Float64Array.from(a), Float64Array.from(b), { method });
        const r2 = ksTest(Float64Array.from(b), Float64Array.from(a), { method });
        expect(r1.statistic).toBe(r2.statistic);
        // The exact path count runs in a different order when the samples swap: equal up to rounding.
        expect(Math.abs(r1.pValue - r2.pValue)).toBeLessThanOrEqual(1e-12 * Math.max(r1.pValue, 1e-300));
        expect(r1.pValue).toBeGreaterThanOrEqual(0);
        expect(r1.pValue).toBeLessThanOrEqual(1);
        expect(r1.statistic).toBeGreaterThanOrEqual(0);
        expect(r1.statistic).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(small, small, (a, b) => {
        const r1 = ksTest(Float64Array.from(a), Float64Array.from(b));
        const r2 = ksTest(Float64Array.from(a).reverse(), Float64Array.from(b).reverse());
        expect(r2).toEqual(r1);
      }),
    );
  });
  it('is invariant under strictly increasing transforms (3x + 1, exp)', () => {
    fc.assert(
      fc.property(small, small, (a, b) => {
        const r = ksTest(Float64Array.from(a), Float64Array.from(b));
        const lin = ksTest(Float64Array.from(a, (v) => 3 * v + 1), Float64Array.from(b, (v) => 3 * v + 1));
        const ex = ksTest(Float64Array.from(a, Math.exp), Float64Array.from(b, Math.exp));
        expect(lin).toEqual(r);
        expect(ex).toEqual(r);
      }),
    );
  });
});

describe('ksTest edge cases', () => {
  it('rejects empty samples and NaN with INVALID_ARGUMENT', () => {
    const one = Float64Array.of(1);
    for (const [a, b] of [[new Float64Array(0), one], [one, new Float64Array(0)], [Float64Array.of(1, NaN), one]] as const) {
      try {
        ksTest(a, b);
        expect.unreachable('should throw');
      } catch (e) {
        expect(e).toBeInstanceOf(DriftwatchError);
        expect((e as DriftwatchError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });
  it('handles size-1 samples and constant samples', () => {
    expect(ksTest(Float64Array.of(1), Float64Array.of(2))).toEqual({ statistic: 1, pValue: 1, method: 'exact' });
    expect(ksTest(Float64Array.of(3, 3, 3), Float64Array.of(3, 3))).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
  });
  it('checks the sorted: true promise', () => {
    expect(() => ksTest(Float64Array.of(3, 1, 2), Float64Array.of(1, 2), { sorted: true })).toThrow(/not ascending/);
  });
  it('leaves the input arrays untouched', () => {
    const a = Float64Array.of(3, 1, 2);
    const copy = Float64Array.from(a);
    ksTest(a, Float64Array.of(0, 5));
    expect(a).toEqual(copy);
  });
});

describe('ksTest with one value a side, asymptotic', () => {
  it('gives a probability where SciPy gives NaN', () => {
    expect(ksTest(Float64Array.of(0), Float64Array.of(0), { method: 'asymp' }).pValue).toBe(1);
    const p = ksTest(Float64Array.of(0), Float64Array.of(1), { method: 'asymp' }).pValue;
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
  });
});

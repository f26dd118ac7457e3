import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { logisticObjective, parameterCount } from './logistic-objective.js';

function problem(seed: number, nClasses: number, fitIntercept: boolean) {
  const rng = createRng(seed);
  const n = 40;
  const d = 5;
  const X = new Float64Array(n * d);
  for (let i = 0; i < X.length; i++) X[i] = rng.normal() * 2;
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = rng.int(nClasses);
  return { X, n, d, y, nClasses, C: 0.7, fitIntercept };
}

describe('logistic objective', () => {
  it('gradient agrees with central finite differences (binary and multinomial, with and without intercept)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(2, 3, 4), fc.boolean(), (seed, k, fitIntercept) => {
        const p = problem(seed, k, fitIntercept);
        const f = logisticObjective(p);
        const m = parameterCount(p);
        const rng = createRng(seed + 1);
        const w = new Float64Array(m);
        for (let i = 0; i < m; i++) w[i] = rng.normal() * 0.5;
        const g = new Float64Array(m);
        f(w, g);
        const scratch = new Float64Array(m);
        const h = 1e-6;
        for (let i = 0; i < m; i++) {
          const wp = Float64Array.from(w);
          const wm = Float64Array.from(w);
          wp[i]! += h;
          wm[i]! -= h;
          const numeric = (f(wp, scratch) - f(wm, scratch)) / (2 * h);
          expect(Math.abs(numeric - g[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(g[i]!)));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('at w = 0 the loss is n log 2 (binary) and n log K (multinomial)', () => {
    for (const k of [2, 3, 5]) {
      const p = problem(3, k, true);
      const f = logisticObjective(p);
      const m = parameterCount(p);
      expect(f(new Float64Array(m), new Float64Array(m))).toBeCloseTo(p.n * Math.log(k), 10);
    }
  });

  it('does not overflow for huge margins', () => {
    const p = { X: Float64Array.from([1e3, -1e3]), n: 2, d: 1, y: Int32Array.from([1, 0]), nClasses: 2, C: 1, fitIntercept: false };
    const g = new Float64Array(1);
    expect(Number.isFinite(logisticObjective(p)(Float64Array.from([10]), g))).toBe(true);
    const q = { ...p, nClasses: 3, y: Int32Array.from([2, 0]) };
    const g3 = new Float64Array(3);
    expect(Number.isFinite(logisticObjective(q)(Float64Array.from([10, -10, 5]), g3))).toBe(true);
    expect(g3.every(Number.isFinite)).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { logisticObjective, logisticObjectiveInJs, parameterCount } from './logistic-objective.js';
import { logisticKernels } from './logistic-wasm.js';
import { applyScaling, columnScaling } from './standardize.js';

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

  it('the WebAssembly binary objective equals the JavaScript one (widths 1-33, row counts across blocks, with and without intercept), and standardises its copy like applyScaling', () => {
    for (const d of [1, 2, 3, 4, 5, 7, 8, 9, 16, 31, 33]) {
      for (const fitIntercept of [true, false]) {
        const rng = createRng(d * 7 + (fitIntercept ? 1 : 0));
        const n = 300 + d; // two full blocks of 128 and a short one
        const X = new Float64Array(n * d);
        for (let i = 0; i < X.length; i++) X[i] = rng.normal() * 3 + 1;
        const y = Int32Array.from({ length: n }, () => rng.int(2));
        const p = { X, n, d, y, nClasses: 2, C: 0.5, fitIntercept };
        const m = parameterCount(p);
        const w = Float64Array.from({ length: m }, () => rng.normal() * 0.3);
        const kernels = logisticKernels(X, n, d);
        expect(kernels).not.toBeNull();
        const [gw, gj] = [new Float64Array(m), new Float64Array(m)];
        const fw = logisticObjective(p, kernels)(w, gw);
        const fj = logisticObjectiveInJs(p)(w, gj);
        // Same terms, summed in another order (SIMD pairs): equal to rounding.
        expect(Math.abs(fw - fj)).toBeLessThan(1e-12 * Math.abs(fj));
        for (let j = 0; j < m; j++) expect(Math.abs(gw[j]! - gj[j]!)).toBeLessThan(1e-11 * Math.max(1, Math.abs(gj[j]!)));
        // Standardised in the kernels' copy: the same objective as on applyScaling's matrix, to the bit.
        const scaling = columnScaling(X, n, d, fitIntercept);
        const ps = { ...p, X: applyScaling(X, n, d, scaling) };
        const [ga, gb] = [new Float64Array(m), new Float64Array(m)];
        expect(logisticObjective(p, logisticKernels(X, n, d, scaling))(w, ga)).toBe(logisticObjective(ps, logisticKernels(ps.X, n, d))(w, gb));
        expect(Array.from(ga)).toEqual(Array.from(gb));
      }
    }
  });
});

/** Property tests of the drift engine (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { analyzeDrift } from '../../src/drift/analyze.js';
import { getMethod } from '../../src/drift/methods/registry.js';
import { numericPair } from '../../src/drift/prepare/column-pair.js';
import { prepareCategorical } from '../../src/drift/prepare/extract.js';
import { categoricalColumn, createTable, numericColumn, type Table } from '../../src/data/table/index.js';
import type { PresetName } from '../../src/drift/types.js';

const LABELS = ['red', 'green', 'blue', 'black', 'white'];

/** Rows of (continuous-ish number, small integer, category, maybe-missing number). */
const rowArb = fc.record({
  x: fc.double({ min: -1000, max: 1000, noNaN: true }),
  k: fc.integer({ min: 0, max: 6 }),
  c: fc.constantFrom(...LABELS),
  m: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
});
const rowsArb = fc.array(rowArb, { minLength: 3, maxLength: 60 });

function tableOf(rows: readonly { x: number; k: number; c: string; m: number | null }[]): Table {
  return createTable([
    numericColumn('x', rows.map((r) => r.x)),
    numericColumn('k', rows.map((r) => r.k)),
    categoricalColumn('c', rows.map((r) => r.c)),
    numericColumn('m', rows.map((r) => r.m ?? NaN)),
  ]);
}

const PRESETS: PresetName[] = ['default', 'evidently', 'classic'];
const fixedClock = { clock: manualClock(0) };

function analyzable(rows: readonly { m: number | null }[]): boolean {
  return rows.some((r) => r.m !== null);
}

describe('drift properties', () => {
  it('identical tables show no drift anywhere, under every preset', () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom(...PRESETS), (rows, preset) => {
        fc.pre(analyzable(rows));
        const t = tableOf(rows);
        const r = analyzeDrift(t, t, { preset, ...fixedClock });
        expect(r.columns.filter((c) => c.drifted).map((c) => c.name)).toEqual([]);
        expect(r.dataset.dataset_drift).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('results do not depend on row order', () => {
    fc.assert(
      fc.property(rowsArb, rowsArb, fc.integer(), fc.constantFrom(...PRESETS), (a, b, seed, preset) => {
        fc.pre(analyzable(a) && analyzable(b));
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const out = [...xs];
          let s = seed >>> 0;
          for (let i = out.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        const one = analyzeDrift(tableOf(a), tableOf(b), { preset, ...fixedClock });
        const two = analyzeDrift(tableOf(shuffle(a)), tableOf(shuffle(b)), { preset, ...fixedClock });
        expect(two).toEqual(one);
      }),
      { numRuns: 60 },
    );
  });

  it('swapping reference and current leaves symmetric statistics unchanged', () => {
    const sym = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(a)));
    const values = fc.array(fc.integer({ min: 0, max: 15 }).map((v) => v / 4), { minLength: 2, maxLength: 80 });
    fc.assert(
      fc.property(values, values, (a, b) => {
        const ra = Float64Array.from(a).sort();
        const rb = Float64Array.from(b).sort();
        const ab = numericPair(ra, rb);
        const ba = numericPair(rb, ra);
        // At most 16 distinct values: every binned method counts per value on both sides.
        for (const m of ['ks', 'wasserstein_raw', 'energy', 'cvm', 'anderson', 'jensenshannon', 'hellinger', 'tvd', 'chi2']) {
          const method = getMethod(m);
          sym(method.compute(ab, {}).statistic, method.compute(ba, {}).statistic);
        }
      }),
      { numRuns: 60 },
    );
    const cats = fc.array(fc.constantFrom(...LABELS), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(cats, cats, (a, b) => {
        const ab = prepareCategorical(categoricalColumn('c', a), categoricalColumn('c', b)).pair;
        const ba = prepareCategorical(categoricalColumn('c', b), categoricalColumn('c', a)).pair;
        for (const m of ['chi2', 'jensenshannon', 'hellinger', 'tvd']) {
          const method = getMethod(m);
          sym(method.compute(ab, {}).statistic, method.compute(ba, {}).statistic);
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** Every method and preset copes with small, constant, tied and missing-heavy samples without throwing. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { analyzeDrift } from '../../src/drift/analyze.js';
import { DRIFT_METHODS } from '../../src/drift/methods/registry.js';
import { numericPair } from '../../src/drift/prepare/column-pair.js';
import { prepareCategorical } from '../../src/drift/prepare/extract.js';
import { categoricalColumn, createTable, numericColumn } from '../../src/data/table/index.js';
import type { PresetName } from '../../src/drift/types.js';

const small = fc.array(fc.integer({ min: -3, max: 3 }).map((v) => v / 2), { minLength: 1, maxLength: 12 });
const cats = fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 12 });

function checkResult(name: string, r: { statistic: number; p_value: number | null }): void {
  expect(Number.isNaN(r.statistic), `${name} statistic`).toBe(false);
  if (r.p_value !== null) {
    expect(r.p_value, `${name} p`).toBeGreaterThanOrEqual(0);
    expect(r.p_value, `${name} p`).toBeLessThanOrEqual(1);
  }
}

describe('robustness', () => {
  it('every numeric method on tiny, tied or constant samples', () => {
    fc.assert(
      fc.property(small, small, (a, b) => {
        const pair = numericPair(Float64Array.from(a).sort(), Float64Array.from(b).sort());
        for (const m of DRIFT_METHODS) {
          if (m.binaryOnly && pair.nUniqueBoth > 2) continue;
          checkResult(m.name, m.compute(pair, {}));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('every categorical method on tiny samples, one or more categories', () => {
    fc.assert(
      fc.property(cats, cats, (a, b) => {
        const pair = prepareCategorical(categoricalColumn('c', a), categoricalColumn('c', b)).pair;
        for (const m of DRIFT_METHODS) {
          if (!m.kinds.includes('categorical') || (m.binaryOnly && pair.nUniqueBoth > 2)) continue;
          checkResult(m.name, m.compute(pair, {}));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('every preset on columns with NaN, infinities and missing categories', () => {
    const value = fc.oneof(fc.constant(NaN), fc.constant(Infinity), fc.constant(-Infinity), fc.double({ min: -5, max: 5, noNaN: true }));
    const rows = fc.array(fc.record({ x: value, c: fc.option(fc.constantFrom('p', 'q', 'r'), { nil: null }) }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(rows, rows, fc.constantFrom<PresetName>('default', 'evidently', 'classic'), (a, b, preset) => {
        const t = (rs: typeof a) => createTable([numericColumn('x', rs.map((r) => r.x)), categoricalColumn('c', rs.map((r) => r.c)), numericColumn('ok', rs.map((_, i) => i % 3))]);
        const r = analyzeDrift(t(a), t(b), { preset, clock: manualClock(0) });
        for (const c of r.columns) {
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 150 },
    );
  });
});

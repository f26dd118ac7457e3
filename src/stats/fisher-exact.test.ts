import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../core/errors.js';
import { expectClose, type FixtureNumber } from '../../test/helpers/close.js';
import { fisherExact } from './fisher-exact.js';

interface Case { table: [number, number, number, number]; statistic: FixtureNumber; pValue: FixtureNumber }
const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/stats/categorical-tests.json', import.meta.url), 'utf8'),
) as { fisher: Case[] };

describe('fisherExact against scipy.stats.fisher_exact (two-sided)', () => {
  for (const c of fixture.fisher) {
    it(`[[${c.table[0]}, ${c.table[1]}], [${c.table[2]}, ${c.table[3]}]]`, () => {
      const r = fisherExact(...c.table);
      expectClose(r.statistic, c.statistic, 1e-9, { label: 'statistic' });
      expectClose(r.pValue, c.pValue, 1e-7, { label: 'p-value' });
    });
  }
});

describe('fisherExact properties and edge cases', () => {
  const cell = fc.integer({ min: 0, max: 60 });
  it('p lies in (0, 1] and does not change when rows or columns are swapped', () => {
    fc.assert(
      fc.property(cell, cell, cell, cell, (a, b, c, d) => {
        const r = fisherExact(a, b, c, d);
        expect(r.pValue).toBeGreaterThan(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
        expect(Math.abs(fisherExact(c, d, a, b).pValue - r.pValue)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(fisherExact(b, a, d, c).pValue - r.pValue)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });
  it('an empty row or column gives NaN odds ratio and p 1', () => {
    expect(fisherExact(0, 0, 3, 4)).toEqual({ statistic: NaN, pValue: 1 });
    expect(fisherExact(0, 5, 0, 5)).toEqual({ statistic: NaN, pValue: 1 });
  });
  it('rejects negative or fractional counts', () => {
    for (const args of [[-1, 1, 1, 1], [1.5, 1, 1, 1]] as [number, number, number, number][]) {
      try {
        fisherExact(...args);
        expect.unreachable('should throw');
      } catch (err) {
        expect((err as DriftwatchError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });
});

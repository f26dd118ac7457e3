import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../core/errors.js';
import { expectClose } from '../../test/helpers/close.js';
import { benjaminiHochberg, bonferroni } from './corrections.js';

interface Case { p: number[]; bonferroni: number[]; bh: number[] }
const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/stats/categorical-tests.json', import.meta.url), 'utf8'),
) as { corrections: Case[] };

describe('corrections against NumPy references (Bonferroni; Benjamini-Hochberg as statsmodels fdr_bh)', () => {
  fixture.corrections.forEach((c, k) => {
    it(`case ${k} (m = ${c.p.length})`, () => {
      bonferroni(c.p).forEach((v, i) => expectClose(v, c.bonferroni[i]!, 1e-12, { label: `bonferroni[${i}]` }));
      benjaminiHochberg(c.p).forEach((v, i) => expectClose(v, c.bh[i]!, 1e-12, { label: `bh[${i}]` }));
    });
  });
});

const pValues = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 50 });

describe('corrections properties and edge cases', () => {
  it('adjusted p-values are >= raw, <= 1, and BH <= Bonferroni', () => {
    fc.assert(
      fc.property(pValues, (p) => {
        const bon = bonferroni(p);
        const bh = benjaminiHochberg(p);
        p.forEach((raw, i) => {
          expect(bon[i]).toBeGreaterThanOrEqual(raw);
          expect(bh[i]).toBeGreaterThanOrEqual(raw);
          expect(bon[i]).toBeLessThanOrEqual(1);
          expect(bh[i]).toBeLessThanOrEqual(bon[i]!);
        });
      }),
    );
  });
  it('are monotone: a smaller raw p-value never gets a larger adjusted one', () => {
    fc.assert(
      fc.property(pValues, (p) => {
        const bh = benjaminiHochberg(p);
        const bon = bonferroni(p);
        for (let i = 0; i < p.length; i++) {
          for (let j = 0; j < p.length; j++) {
            if (p[i]! <= p[j]!) {
              expect(bh[i]).toBeLessThanOrEqual(bh[j]!);
              expect(bon[i]).toBeLessThanOrEqual(bon[j]!);
            }
          }
        }
      }),
    );
  });
  it('empty in, empty out; invalid p-values are rejected', () => {
    expect(bonferroni([])).toEqual([]);
    expect(benjaminiHochberg([])).toEqual([]);
    for (const bad of [[NaN], [-0.1], [1.5]]) {
      for (const f of [bonferroni, benjaminiHochberg]) {
        try {
          f(bad);
          expect.unreachable('should throw');
        } catch (err) {
          expect((err as DriftwatchError).code).toBe('INVALID_ARGUMENT');
        }
      }
    }
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../core/errors.js';
import { expectClose, type FixtureNumber } from '../../test/helpers/close.js';
import { chi2GoodnessOfFit } from './chi2-gof.js';

interface Case { name: string; observed: number[]; expected: number[]; statistic: FixtureNumber; pValue: FixtureNumber; dof: number }
const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/stats/categorical-tests.json', import.meta.url), 'utf8'),
) as { chi2Gof: Case[] };

describe('chi2GoodnessOfFit against scipy.stats.chisquare', () => {
  for (const c of fixture.chi2Gof) {
    it(c.name, () => {
      const r = chi2GoodnessOfFit(c.observed, c.expected);
      expect(r.dof).toBe(c.dof);
      expectClose(r.statistic, c.statistic, 1e-9, { label: 'statistic' });
      expectClose(r.pValue, c.pValue, 1e-7, { label: 'p-value' });
    });
  }
});

describe('chi2GoodnessOfFit properties and edge cases', () => {
  it('observed = expected gives statistic 0, p 1', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 20 }), (obs) => {
        const r = chi2GoodnessOfFit(obs, obs);
        expect(r.statistic).toBe(0);
        expect(r.pValue).toBe(1);
        expect(r.dof).toBe(obs.length - 1);
      }),
    );
  });
  it('a category expected 0 but observed makes the statistic infinite and p 0', () => {
    expect(chi2GoodnessOfFit([1, 2], [3, 0])).toEqual({ statistic: Infinity, pValue: 0, dof: 1 });
  });
  it('a single category has dof 0 and p 1', () => {
    expect(chi2GoodnessOfFit([5], [5])).toEqual({ statistic: 0, pValue: 1, dof: 0 });
  });
  it('rejects empty, mismatched and negative input', () => {
    for (const [o, e] of [[[], []], [[1], [1, 2]], [[-1, 2], [1, 2]]] as const) {
      try {
        chi2GoodnessOfFit(o, e);
        expect.unreachable('should throw');
      } catch (err) {
        expect((err as DriftwatchError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });
});

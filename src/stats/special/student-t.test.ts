import { describe, it, expect } from 'vitest';
import fixture from '../../../test/fixtures/stats/student-t.json' with { type: 'json' };
import { studentTCdf, studentTSf } from './student-t.js';
import { normalSf } from './normal.js';
import { fx } from '../../../test/helpers/stats-fixtures.js';
import { relativeError } from '../../../test/helpers/close.js';

describe('Student t against scipy.special.stdtr', () => {
  it('cdf and sf match to 1e-9 relative where above 1e-300', () => {
    for (const c of fixture.cases) {
      for (const [got, exp, what] of [[studentTCdf(c.t, c.df), fx(c.cdf), 'cdf'], [studentTSf(c.t, c.df), fx(c.sf), 'sf']] as const) {
        if (exp < 1e-300) expect(got, `${what}(${c.t}; ${c.df})`).toBeLessThan(1e-290);
        else expect(relativeError(got, exp), `${what}(${c.t}; df=${c.df}) = ${got} vs ${exp}`).toBeLessThan(1e-9);
      }
    }
  });
  it('cdf + sf = 1 and symmetry', () => {
    for (const df of [0.7, 3, 41.5, 1e6]) {
      for (const t of [-3, -0.2, 0, 0.4, 5]) {
        expect(Math.abs(studentTCdf(t, df) + studentTSf(t, df) - 1)).toBeLessThan(1e-15);
        expect(Math.abs(studentTSf(t, df) - studentTCdf(-t, df))).toBeLessThan(1e-16);
      }
    }
  });
  it('infinite df is the normal; infinite t gives 0 and 1; invalid df gives NaN', () => {
    expect(studentTSf(1.5, Infinity)).toBe(normalSf(1.5));
    expect(studentTSf(Infinity, 3)).toBe(0);
    expect(studentTCdf(Infinity, 3)).toBe(1);
    expect(studentTCdf(-Infinity, 3)).toBe(0);
    expect(Number.isNaN(studentTSf(1, 0))).toBe(true);
  });
});

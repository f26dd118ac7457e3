import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import fixture from '../../test/fixtures/stats/divergences.json' with { type: 'json' };
import { psi, jensenShannon, hellinger, totalVariation, klDivergence } from './divergences.js';
import { fx, fxArray } from '../../test/helpers/stats-fixtures.js';
import { relativeError } from '../../test/helpers/close.js';
import { DriftwatchError } from '../core/errors.js';

const TOL = 1e-9;

function close(actual: number, expected: number, label: string): void {
  const e = relativeError(actual, expected);
  // near-zero distances (identical inputs) are compared absolutely
  if (Math.abs(expected) < 1e-12) expect(Math.abs(actual - expected), label).toBeLessThan(1e-12);
  else expect(e, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOL);
}

describe('divergences against SciPy (divergences.json)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const p = fxArray(c.p);
      const q = fxArray(c.q);
      for (const [floor, v] of Object.entries(c.psi)) close(psi(p, q, { floor: Number(floor) }), fx(v), `psi floor ${floor}`);
      close(jensenShannon(p, q), fx(c.js2), 'js base 2');
      close(jensenShannon(p, q, Math.E), fx(c.jsE), 'js base e');
      close(hellinger(p, q), fx(c.hellinger), 'hellinger');
      close(totalVariation(p, q), fx(c.tvd), 'tvd');
      const kl = fx(c.kl);
      if (kl === Infinity) expect(klDivergence(p, q)).toBe(Infinity);
      else close(klDivergence(p, q), kl, 'kl');
      for (const [floor, v] of Object.entries(c.klFloor)) close(klDivergence(p, q, { floor: Number(floor) }), fx(v), `kl floor ${floor}`);
    });
  }
});

// Shares are 0 or at least 1e-300: with subnormal shares (p + q) / 2 can round to 0, where SciPy's formula
// (and ours, which follows it) gives Infinity.
const share = fc.double({ min: 0, max: 1, noNaN: true }).map((x) => (x < 1e-300 ? 0 : x));
const shares = fc.array(share, { minLength: 1, maxLength: 30 }).filter((a) => a.reduce((s, x) => s + x, 0) > 1e-6);
const sharePair = shares.chain((p) => fc.tuple(fc.constant(p), fc.array(share, { minLength: p.length, maxLength: p.length })
  .filter((a) => a.reduce((s, x) => s + x, 0) > 1e-6)));

describe('divergence properties', () => {
  it('identical vectors give 0', () => {
    fc.assert(fc.property(shares, (p) => {
      expect(psi(p, p)).toBe(0);
      expect(jensenShannon(p, p)).toBeLessThan(1e-7);
      expect(hellinger(p, p)).toBe(0);
      expect(totalVariation(p, p)).toBe(0);
      expect(Math.abs(klDivergence(p, p))).toBeLessThan(1e-12);
    }));
  });
  it('symmetric measures are symmetric and bounded', () => {
    fc.assert(fc.property(sharePair, ([p, q]) => {
      for (const f of [jensenShannon, hellinger, totalVariation]) {
        const d = f(p, q);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1 + 1e-12);
        expect(Math.abs(d - f(q, p))).toBeLessThanOrEqual(1e-12);
      }
      expect(Math.abs(psi(p, q) - psi(q, p))).toBeLessThanOrEqual(1e-9 * Math.max(1, psi(p, q)));
      expect(psi(p, q)).toBeGreaterThanOrEqual(0);
    }));
  });
  it('is invariant to the order of bins', () => {
    fc.assert(fc.property(sharePair, ([p, q]) => {
      const rp = [...p].reverse();
      const rq = [...q].reverse();
      expect(Math.abs(totalVariation(p, q) - totalVariation(rp, rq))).toBeLessThan(1e-12);
      expect(Math.abs(hellinger(p, q) - hellinger(rp, rq))).toBeLessThan(1e-12);
    }));
  });
});

describe('divergence edge cases', () => {
  it('rejects empty, mismatched and negative vectors', () => {
    for (const f of [psi, jensenShannon, hellinger, totalVariation, klDivergence]) {
      expect(() => f([], [])).toThrow(DriftwatchError);
      expect(() => f([1, 0], [1])).toThrow(DriftwatchError);
      expect(() => f([1, -0.1], [0.5, 0.5])).toThrow(DriftwatchError);
    }
    expect(() => jensenShannon([0, 0], [1, 0])).toThrow(DriftwatchError);
    try { psi([], []); } catch (e) { expect((e as DriftwatchError).code).toBe('INVALID_ARGUMENT'); }
  });
  it('KL is infinite where q has an empty bin p uses, finite with a floor', () => {
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(Number.isFinite(klDivergence([0.5, 0.5], [1, 0], { floor: 1e-4 }))).toBe(true);
  });
  it('PSI floors empty bins in both vectors', () => {
    // reference bin empty -> floored to 1e-4
    const expected = (0.5 - 1e-4) * Math.log(0.5 / 1e-4) + (0.5 - 1) * Math.log(0.5 / 1);
    expect(relativeError(psi([0, 1], [0.5, 0.5]), expected)).toBeLessThan(1e-12);
  });
});

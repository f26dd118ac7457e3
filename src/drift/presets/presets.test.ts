import { describe, expect, it } from 'vitest';
import { classicPreset } from './classic.js';
import { defaultPreset } from './default.js';
import { evidentlyPreset } from './evidently.js';
import type { ColumnFacts } from './types.js';

const facts = (over: Partial<ColumnFacts>): ColumnFacts => ({
  name: 'x',
  role: 'feature',
  kind: 'numeric',
  nReference: 500,
  nCurrent: 500,
  nUnique: 100,
  nUniqueReference: 90,
  ...over,
});

describe('default preset', () => {
  it('numeric with more than 5 values: KS p < 0.05 and normed Wasserstein >= 0.1', () => {
    const c = defaultPreset.choose(facts({ nUnique: 6 }));
    expect(c.test).toEqual({ method: 'ks', threshold: 0.05, scoreKind: 'p_value', inclusive: false });
    expect(c.effect).toEqual({ method: 'wasserstein', threshold: 0.1, scoreKind: 'distance', inclusive: true });
    expect(c.combine).toBe('and');
  });
  it('numeric with 3-5 values and categorical: chi-square homogeneity and JS base 2', () => {
    for (const f of [facts({ nUnique: 5 }), facts({ nUnique: 3 }), facts({ kind: 'categorical', nUnique: 12 })]) {
      const c = defaultPreset.choose(f);
      expect(c.test.method).toBe('chi2');
      expect(c.effect).toEqual({ method: 'jensenshannon', threshold: 0.1, scoreKind: 'distance', inclusive: true, params: { base: 2 } });
    }
  });
  it('binary (<= 2 values): Z-test', () => {
    expect(defaultPreset.choose(facts({ nUnique: 2 })).test.method).toBe('ztest');
    expect(defaultPreset.choose(facts({ kind: 'categorical', nUnique: 1 })).test.method).toBe('ztest');
  });
  it('does not count target and prediction in the share; share >= 0.5', () => {
    expect([defaultPreset.targetInShare, defaultPreset.driftShare, defaultPreset.driftShareStrict]).toEqual([false, 0.5, false]);
  });
});

describe('evidently preset (cut-offs exact: n_ref <= 1000, n_unique > 5, <= 2)', () => {
  const method = (f: Partial<ColumnFacts>) => evidentlyPreset.choose(facts(f)).test;
  it('numeric with many values: KS p <= 0.05 up to 1000 reference values, normed Wasserstein above', () => {
    expect(method({ nReference: 1000, nUnique: 6 })).toEqual({ method: 'ks', threshold: 0.05, scoreKind: 'p_value', inclusive: true });
    expect(method({ nReference: 1001, nUnique: 6 })).toEqual({ method: 'wasserstein', threshold: 0.1, scoreKind: 'distance', inclusive: true });
  });
  it('numeric with 3-5 values: goodness of fit, or JS (natural log) above 1000', () => {
    expect(method({ nReference: 1000, nUnique: 5 }).method).toBe('chisquare_gof');
    expect(method({ nReference: 1000, nUnique: 3 }).method).toBe('chisquare_gof');
    expect(method({ nReference: 1001, nUnique: 5 })).toEqual({ method: 'jensenshannon', threshold: 0.1, scoreKind: 'distance', inclusive: true, params: { base: Math.E } });
  });
  it('binary: Z-test, or JS above 1000', () => {
    expect(method({ nReference: 1000, nUnique: 2 }).method).toBe('ztest');
    expect(method({ nReference: 1001, nUnique: 2 }).method).toBe('jensenshannon');
    expect(method({ kind: 'categorical', nReference: 10, nUnique: 2 }).method).toBe('ztest');
  });
  it('categorical: goodness of fit (3+ categories) or JS; never KS, whatever the count', () => {
    expect(method({ kind: 'categorical', nReference: 1000, nUnique: 50 }).method).toBe('chisquare_gof');
    expect(method({ kind: 'categorical', nReference: 5000, nUnique: 50 }).method).toBe('jensenshannon');
  });
  it('the current size plays no part', () => {
    expect(method({ nReference: 1000, nCurrent: 10 ** 6, nUnique: 6 }).method).toBe('ks');
  });
  it('counts target and prediction in the share and explains its mis-firing', () => {
    expect(evidentlyPreset.targetInShare).toBe(true);
    expect(evidentlyPreset.notes.join(' ')).toMatch(/goodness of fit.*flags far more than 5%/);
  });
});

describe('classic preset', () => {
  it('numeric: KS statistic > 0.10 or PSI > 0.20, both strict', () => {
    const c = classicPreset.choose(facts({}));
    expect(c.test).toEqual({ method: 'ks', threshold: 0.1, scoreKind: 'distance', inclusive: false });
    expect(c.effect).toEqual({ method: 'psi', threshold: 0.2, scoreKind: 'distance', inclusive: false });
    expect(c.combine).toBe('or');
  });
  it('categorical: chi-square homogeneity p < 0.05; dataset drift when share > 0.3', () => {
    expect(classicPreset.choose(facts({ kind: 'categorical' })).test).toEqual({ method: 'chi2', threshold: 0.05, scoreKind: 'p_value', inclusive: false });
    expect([classicPreset.driftShare, classicPreset.driftShareStrict]).toEqual([0.3, true]);
  });
});

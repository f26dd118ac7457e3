/**
 * Every registered method adapter against SciPy/NumPy (test/fixtures/drift/methods.json, written by
 * test/fixtures/scripts/drift_presets.py following each adapter's documented bins, floors and base).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../../core/errors.js';
import { categoricalColumn } from '../../data/table/index.js';
import { numericPair, type ColumnPair } from '../prepare/column-pair.js';
import { prepareCategorical } from '../prepare/extract.js';
import { DRIFT_METHODS, getMethod, METHOD_NAMES } from './registry.js';

type Num = number | string | null;
interface Case {
  name: string;
  numeric: boolean;
  reference: (number | string)[];
  current: (number | string)[];
  methods: Record<string, { statistic: Num; p_value: Num }>;
}
const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/drift/methods.json'), 'utf8')) as { cases: Case[] };

const toNum = (x: Num): number | null => (x === null ? null : typeof x === 'number' ? x : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : NaN);

function pairOf(c: Case): ColumnPair {
  if (c.numeric) {
    const sorted = (xs: (number | string)[]) => Float64Array.from(xs.map((x) => toNum(x as Num)!)).sort();
    return numericPair(sorted(c.reference), sorted(c.current));
  }
  return prepareCategorical(categoricalColumn('c', c.reference as string[]), categoricalColumn('c', c.current as string[])).pair;
}

function expectClose(actual: number | null, expected: Num, what: string): void {
  const e = toNum(expected);
  if (actual === null || e === null || !Number.isFinite(e) || e === 0) {
    expect(actual, what).toBe(e);
    return;
  }
  expect(Math.abs(actual - e) / Math.abs(e), `${what}: ${actual} vs ${e}`).toBeLessThanOrEqual(1e-9);
}

describe.each(fixture.cases)('method adapters on $name', (c) => {
  const pair = pairOf(c);
  const entries = Object.entries(c.methods);
  it.each(entries)('%s matches SciPy', (key, expected) => {
    const name = key === 'jensenshannon_e' ? 'jensenshannon' : key;
    const r = getMethod(name).compute(pair, key === 'jensenshannon_e' ? { base: Math.E } : {});
    expectClose(r.statistic, expected.statistic, `${key} statistic`);
    expectClose(r.p_value, expected.p_value, `${key} p-value`);
  });
});

describe('registry', () => {
  it('every registered method is covered by a SciPy case', () => {
    const covered = new Set(fixture.cases.flatMap((c) => Object.keys(c.methods)));
    expect(METHOD_NAMES.filter((m) => !covered.has(m))).toEqual([]);
  });
  it('metadata is consistent: p-value methods have thresholds in (0, 1), distances grow with drift', () => {
    for (const m of DRIFT_METHODS) {
      expect(m.largerIsMoreDrift).toBe(m.scoreKind === 'distance');
      if (m.scoreKind === 'p_value') expect(m.defaultThreshold).toBeLessThan(1);
      expect(m.defaultThreshold).toBeGreaterThan(0);
      expect(m.description.length).toBeGreaterThan(20);
    }
  });
  it('numeric-only methods are exactly the order-based ones', () => {
    const numericOnly = DRIFT_METHODS.filter((m) => !m.kinds.includes('categorical')).map((m) => m.name);
    expect(numericOnly.sort()).toEqual(['anderson', 'cvm', 'energy', 'ks', 'mannwhitney', 'ttest', 'wasserstein', 'wasserstein_raw']);
  });
  it('an unknown name is a USAGE error listing the known ones', () => {
    expect(() => getMethod('kolmogorov')).toThrow(DriftwatchError);
    expect(() => getMethod('kolmogorov')).toThrow(/known methods: ks, wasserstein/);
  });
  it('a single category over both samples is no evidence for the count tests', () => {
    const one = prepareCategorical(categoricalColumn('c', ['a', 'a']), categoricalColumn('c', ['a'])).pair;
    for (const m of ['chi2', 'chisquare_gof', 'ztest', 'fisher']) expect(getMethod(m).compute(one, {}).p_value).toBe(1);
  });
  it('goodness of fit is infinite (p = 0) when a category is new in current', () => {
    const pair = prepareCategorical(categoricalColumn('c', ['a', 'b', 'a']), categoricalColumn('c', ['a', 'b', 'c'])).pair;
    expect(getMethod('chisquare_gof').compute(pair, {})).toEqual({ statistic: Infinity, p_value: 0 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetDrift, raiseSeverity } from '../dataset-drift.js';
import type { CategoricalSummary, NumericSummary } from '../types.js';
import { describeChange, formatChangeValue } from './change-summary.js';
import { distinctValues, MAX_DISCRETE_VALUES, numericHistogram } from './histogram.js';
import { numericSummary } from './numeric-summary.js';

const sorted = (xs: readonly number[]): Float64Array => Float64Array.from(xs).sort();

function num(mean: number, std: number, missingShare = 0): NumericSummary {
  return { type: 'numeric', count: 100, missing: 0, missing_share: missingShare, mean, std, min: 0, quantiles: null, max: 1 };
}
const cat = (missingShare = 0): CategoricalSummary => ({ type: 'categorical', count: 100, missing: 0, missing_share: missingShare, unique: 3, top: [] });
const ranged = { type: 'numeric', edges: [0, 1], reference: [1], current: [1], values: null } as const;

describe('describeChange', () => {
  it('gives the means and the move in reference standard deviations', () => {
    expect(describeChange({ reference: num(64.81, 30), current: num(80.71, 31) }, ranged)).toBe('mean 64.8 → 80.7, +0.53 sd');
    expect(describeChange({ reference: num(56034.97, 30000), current: num(40000, 1) }, ranged)).toBe('mean 56,035 → 40,000, -0.53 sd');
    expect(describeChange({ reference: num(5, 0), current: num(6, 0) }, ranged)).toBe('mean 5 → 6');
  });

  it('names the category whose share moved most, and the rarer one of a two-way tie', () => {
    const h = { type: 'categorical', categories: ['One year', 'Month-to-month', 'Two year'], reference: [0.25, 0.545, 0.205], current: [0.2, 0.722, 0.078] } as const;
    expect(describeChange({ reference: cat(), current: cat() }, h)).toBe('Month-to-month 54.5% → 72.2%');
    const label = { type: 'categorical', categories: ['No', 'Yes'], reference: [0.735, 0.265], current: [0.602, 0.398] } as const;
    expect(describeChange({ reference: cat(), current: cat() }, label)).toBe('Yes 26.5% → 39.8%');
  });

  it('reads a few-valued numeric column by its values and adds a large missing-share move', () => {
    const h = numericHistogram(sorted([0, 0, 0, 1]), sorted([0, 1, 1, 1]), 2);
    expect(describeChange({ reference: num(0.25, 0.5), current: num(0.75, 0.5, 0.1) }, h)).toBe('value 1: 25% → 75%; missing 0% → 10%');
  });

  it('formats values with 3 significant digits, grouped from 1,000', () => {
    expect([0.2, 0.22914, 1207.4, -3.14159, 0.0001234, 0].map(formatChangeValue)).toEqual(['0.2', '0.229', '1,207', '-3.14', '1.23e-4', '0']);
  });
});

describe('numericHistogram with few distinct values', () => {
  it('gives one bin per value with edges halfway between, so 0/1 flags are two bars', () => {
    const h = numericHistogram(sorted([0, 1, 1, 0, 1]), sorted([1, 1, 1, 0]), 2);
    expect(h).toEqual({ type: 'numeric', edges: [-0.5, 0.5, 1.5], reference: [0.4, 0.6], current: [0.25, 0.75], values: [0, 1] });
    expect(numericHistogram(sorted([3]), sorted([3]), 1)).toMatchObject({ edges: [2.5, 3.5], values: [3] });
  });

  it('keeps ranged bins past 12 values', () => {
    const xs = sorted(Array.from({ length: MAX_DISCRETE_VALUES + 1 }, (_, i) => i));
    expect(numericHistogram(xs, xs, xs.length)).toMatchObject({ values: null });
  });

  it('counts every value in its own bin (property)', () => {
    const small = fc.array(fc.integer({ min: -5, max: 6 }).map((x) => x / 2), { minLength: 1, maxLength: 60 });
    fc.assert(fc.property(small, small, (a, b) => {
      const ref = sorted(a);
      const cur = sorted(b);
      const values = distinctValues(ref, cur, MAX_DISCRETE_VALUES)!;
      expect(values).toEqual([...new Set([...a, ...b])].sort((x, y) => x - y));
      const h = numericHistogram(ref, cur, values.length);
      if (h.type !== 'numeric') throw new Error('numeric expected');
      values.forEach((v, i) => expect(h.reference[i]).toBeCloseTo(a.filter((x) => x === v).length / a.length, 12));
      expect(numericSummary(ref, 0).count).toBe(a.length);
    }));
  });
});

describe('the headline rule', () => {
  const rule = { driftShare: 0.5, strict: false, severity: { medium: 0.25, high: 0.5 } };
  it('raises the severity to HIGH for target drift and to MEDIUM for prediction drift', () => {
    expect(raiseSeverity('LOW', { target: true, prediction: false })).toBe('HIGH');
    expect(raiseSeverity('LOW', { target: false, prediction: true })).toBe('MEDIUM');
    expect(raiseSeverity('HIGH', { target: false, prediction: true })).toBe('HIGH');
    expect(raiseSeverity('LOW', { target: false, prediction: false })).toBe('LOW');
  });

  it('alerts on a drifted target when the features are calm, and keeps dataset_drift for the features', () => {
    const d = datasetDrift([true, false, false, false, false, false, false, false], rule, { target: true, prediction: false });
    expect(d).toMatchObject({ dataset_drift: false, alert: true, severity: 'HIGH' });
    expect(datasetDrift([false, false], rule)).toMatchObject({ dataset_drift: false, alert: false, severity: 'LOW' });
  });
});

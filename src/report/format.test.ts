import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../test/fixtures/report/sample-report.js';
import { driftedShareSummary, formatCount, formatMeasure, methodLabel, formatPercent, formatPValue, formatScore, formatStatistic } from './format.js';

describe('method labels', () => {
  it('joins test and effect size by how they combine', () => {
    const base = sampleReport.columns[0]!;
    expect(methodLabel(base)).toBe('ks + wasserstein');
    expect(methodLabel({ ...base, effect_size: { ...base.effect_size!, method: 'psi', combine: 'or' } })).toBe('ks or psi');
    expect(methodLabel({ ...base, effect_size: null })).toBe('ks');
  });
});

describe('number formatting', () => {
  it('writes p-values in scientific notation below 1e-3', () => {
    expect(formatPValue(0.3174)).toBe('0.3174');
    expect(formatPValue(0.0031)).toBe('0.0031');
    expect(formatPValue(2.4e-4)).toBe('2.4e-4');
    expect(formatPValue(3.2e-12)).toBe('3.2e-12');
    expect(formatPValue(0)).toBe('0');
    expect(formatPValue(null)).toBe('-');
  });

  it('writes statistics with 4 significant digits and non-finite values as words', () => {
    expect(formatStatistic(41.7)).toBe('41.7');
    expect(formatStatistic(0.18421)).toBe('0.1842');
    expect(formatStatistic(123456)).toBe('1.23e5');
    expect(formatStatistic(Infinity)).toBe('inf');
    expect(formatStatistic(-Infinity)).toBe('-inf');
    expect(formatStatistic(NaN)).toBe('nan');
  });

  it('formats scores, percentages and counts', () => {
    expect(formatScore(0.17355)).toBe('0.174');
    expect(formatPercent(7 / 12)).toBe('58%');
    expect(formatPercent(0.0062, 1)).toBe('0.6%');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(42)).toBe('42');
    expect(formatMeasure(56034.97)).toBe('56,035');
    expect(formatMeasure(-1234.5)).toBe('-1,235');
    expect(formatMeasure(0.20017)).toBe('0.2002');
  });
});

describe('dataset verdict', () => {
  it('states the drifted share against the threshold with the comparison the verdict rests on', () => {
    const d = sampleReport.dataset;
    expect(driftedShareSummary(d)).toBe('4 of 8 columns drifted (50% >= 50%)');
    expect(driftedShareSummary({ ...d, drifted_columns: 5, drifted_share: 5 / 8 })).toBe('5 of 8 columns drifted (62.5% > 50%)');
    expect(driftedShareSummary({ ...d, dataset_drift: false })).toBe('4 of 8 columns drifted (50% <= 50%)');
    expect(driftedShareSummary({ ...d, drifted_columns: 1, drifted_share: 1 / 8, dataset_drift: false })).toBe('1 of 8 columns drifted (12.5% < 50%)');
  });
});

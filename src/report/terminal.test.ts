import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/helpers/golden.js';
import { LONG_NAME, sampleReport } from '../../test/fixtures/report/sample-report.js';
import type { DriftReport } from '../drift/index.js';
import { renderTerminal } from './terminal.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

describe('renderTerminal', () => {
  it('matches the golden summary', () => expectGolden('terminal.txt', renderTerminal(sampleReport)));

  it('is plain text without colour and fits 100 columns', () => {
    const out = renderTerminal(sampleReport);
    expect(out).not.toMatch(ANSI);
    for (const line of out.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
  });

  it('colours only when asked, with the same text underneath', () => {
    const coloured = renderTerminal(sampleReport, { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(ANSI, '')).toBe(renderTerminal(sampleReport));
  });

  it('sorts columns by score, truncates long names with an ellipsis and shows inf and missing p-values', () => {
    const rows = renderTerminal(sampleReport).split('\n').filter((l) => / (DRIFTED|stable)$/.test(l) && !/^(Target|Prediction)/.test(l));
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatch(/^device, "type" <mobile &… +categorical +chisquare_gof +0 +TVD 0\.31 >= 0\.1 +0\.756 +DRIFTED$/);
    expect(rows[7]).toMatch(/^age /);
    expect(rows.some((r) => r.startsWith(LONG_NAME.slice(0, 24) + '…'))).toBe(true);
    // A distance method's own statistic is the effect that decided; a test alone shows none.
    expect(rows.find((r) => r.startsWith('tenure_months'))).toMatch(/psi +- +PSI 0\.062 < 0\.1 +0\.383 +stable$/);
    expect(rows.find((r) => r.startsWith('is_premium'))).toMatch(/ztest +0\.4120 +- +0\.228 +stable$/);
  });

  it('shows the effect size that kept a tiny p-value stable', () => {
    const age = sampleReport.columns.find((c) => c.name === 'age')!;
    const col = { ...age, p_value: 1.2e-8, p_value_raw: 1.2e-8, effect_size: { method: 'jensenshannon' as const, value: 0.064, threshold: 0.1, exceeded: false } };
    const row = renderTerminal({ ...sampleReport, columns: [col] }).split('\n').find((l) => l.startsWith('age '));
    expect(row).toMatch(/ks +1\.2e-8 +JS 0\.064 < 0\.1 +[\d.]+ +stable$/);
  });

  it('says what changed in each drifted column, target and prediction first', () => {
    const out = renderTerminal(sampleReport);
    const block = out.slice(out.indexOf('What changed'), out.indexOf('\n\n', out.indexOf('What changed'))).split('\n');
    expect(block.slice(1, 4)).toEqual([
      '  churned (target): yes 12.8% → 15.2%',
      '  churn_probability (prediction): mean 0.2 → 0.229, +0.23 sd',
      '  device, "type" <mobile & web>: tablet 0% → 11.9%',
    ]);
    expect(block).toContain('  income: mean 56,035 → 69,355, +0.44 sd; missing 1% → 8%');
    expect(out).not.toMatch(/^ {2}age: /m);
  });

  it('ends with the one alert line, naming a drifted target, and a calm verdict otherwise', () => {
    const out = renderTerminal(sampleReport);
    expect(out).toContain('DRIFT DETECTED: dataset drift: 4 of 8 columns drifted (50% >= 50%);\n  target churned drifted (yes 12.8% → 15.2%)');
    expect(out.trimEnd().endsWith('severity HIGH')).toBe(true);
    const calmTarget = { ...sampleReport.target_drift!, drifted: false };
    const calmPrediction = { ...sampleReport.prediction_drift!, drifted: false };
    const calm: DriftReport = {
      ...sampleReport, target_drift: calmTarget, prediction_drift: calmPrediction, prediction_columns: [calmPrediction],
      dataset: { ...sampleReport.dataset, drifted_columns: 1, drifted_share: 1 / 8, dataset_drift: false, severity: 'LOW', alert: false },
    };
    const calmOut = renderTerminal(calm);
    expect(calmOut).not.toContain('DRIFT DETECTED');
    expect(calmOut).toContain('No dataset drift: 1 of 8 columns drifted (12.5% < 50%)');
    expect(renderTerminal(calm, { alertLine: false })).not.toContain('No dataset drift');
  });

  it('raises the alert for a drifted target under the dataset threshold', () => {
    const r: DriftReport = { ...sampleReport, dataset: { ...sampleReport.dataset, drifted_columns: 1, drifted_share: 1 / 8, dataset_drift: false, severity: 'HIGH', alert: true } };
    const out = renderTerminal(r, { width: 200 });
    expect(out).toContain('DRIFT DETECTED: target churned drifted (yes 12.8% → 15.2%); prediction churn_probability drifted; features: 1 of 8 columns drifted (12.5% < 50%); severity HIGH');
  });

  it('neutralises control characters in column names', () => {
    const evil = { ...sampleReport.columns[0]!, name: 'a\u001b[31mb\nc' };
    const out = renderTerminal({ ...sampleReport, columns: [evil] });
    expect(out).not.toContain('\u001b');
    expect(out).toContain('a?[31mb?c');
  });

  it('adapts the name column to a wider terminal', () => {
    const out = renderTerminal(sampleReport, { width: 160 });
    expect(out).toContain(LONG_NAME);
  });
});

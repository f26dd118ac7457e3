import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/helpers/golden.js';
import { LONG_NAME, sampleReport } from '../../test/fixtures/report/sample-report.js';
import type { DriftReport } from '../drift/index.js';
import { renderTerminal } from './terminal.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

describe('renderTerminal', () => {
  it('matches the golden summary', () => expectGolden('terminal.txt', renderTerminal(sampleReport)));

  it('never leaves two blank lines where a section printed nothing (no target, prediction or model)', () => {
    const bare: DriftReport = { ...sampleReport, target_drift: null, prediction_drift: null, prediction_columns: [], model: null };
    const out = renderTerminal(bare);
    expect(out).toContain('Quality issues');
    expect(out).not.toContain('\n\n\n');
  });

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

  describe('on a wide report', () => {
    /** n feature columns c0… with falling scores; the ones in `drifted` drifted, whatever their score. */
    function wide(n: number, drifted: readonly number[] = []): DriftReport {
      const columns = Array.from({ length: n }, (_, i) => ({
        ...sampleReport.columns[7]!, name: `c${i}`, score: 0.9 - i / (2 * n), drifted: drifted.includes(i),
      }));
      return { ...sampleReport, columns };
    }
    const tableRows = (out: string): string[] => out.split('\n').filter((l) => /^c\d+ /.test(l));

    it('lists every column up to 60', () => {
      const out = renderTerminal(wide(60, [59]));
      expect(tableRows(out).map((l) => l.split(' ')[0])).toEqual(Array.from({ length: 60 }, (_, i) => `c${i}`));
      expect(out).not.toContain('more columns');
    });

    it('lists the first 50 past 60, drifted ones first, and says how many more there are and where', () => {
      const r = wide(100_000, [3, 99_998, 99_999]);
      const out = renderTerminal(r);
      const rows = tableRows(out);
      expect(rows).toHaveLength(50);
      expect(rows.slice(0, 4).map((l) => l.split(' ')[0])).toEqual(['c3', 'c99998', 'c99999', 'c0']);
      expect(rows.slice(0, 3).every((l) => l.endsWith('DRIFTED'))).toBe(true);
      const more = out.split('\n')[out.split('\n').indexOf(rows.at(-1)!) + 1];
      expect(more).toBe('  ... 99,950 more columns (0 drifted) in the JSON and CSV reports');
      expect(renderTerminal(r, { formats: ['json', 'csv', 'html'] })).toContain('  ... 99,950 more columns (0 drifted) in drift_report.json and feature_scores.csv\n');
      expect(renderTerminal(r, { formats: ['html', 'csv'] })).toContain('  ... 99,950 more columns (0 drifted) in feature_scores.csv\n');
      expect(renderTerminal(r, { formats: [] })).toContain('  ... 99,950 more columns (0 drifted); the JSON and CSV reports list every column\n');
      expect(renderTerminal(wide(61, [60]))).toContain('  ... 11 more columns (0 drifted) in the JSON and CSV reports\n');
      expect(renderTerminal(wide(200, [150, 199]))).toContain('  ... 150 more columns (0 drifted)');
      expect(renderTerminal(wide(200, Array.from({ length: 52 }, (_, i) => i * 3)))).toContain('  ... 150 more columns (2 drifted)');
    });

    it('points at the JSON report alone for what the HTML report lists only in part', () => {
      const issues = (n: number): DriftReport['quality'] => ({ ...sampleReport.quality, issues: Array.from({ length: n }, (_, i) => ({ column: `c${i}`, kind: 'out_of_range' as const, message: 'm' })) });
      expect(renderTerminal({ ...wide(10), quality: issues(1000) })).toContain('  ... 997 more in the HTML and JSON reports\n');
      expect(renderTerminal({ ...wide(10), quality: issues(1001) })).toContain('  ... 998 more in the JSON report\n');
      const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
      // 2 of the 12 shown are the target and the prediction.
      expect(renderTerminal(wide(1000, all(1000)))).toContain('  ... 992 more in the HTML and JSON reports\n');
      expect(renderTerminal(wide(1001, all(1001)))).toContain('  ... 993 more in the JSON report\n');
    });
  });

  it('adapts the name column to a wider terminal', () => {
    const out = renderTerminal(sampleReport, { width: 160 });
    expect(out).toContain(LONG_NAME);
  });
});

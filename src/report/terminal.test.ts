import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/helpers/golden.js';
import { LONG_NAME, sampleReport } from '../../test/fixtures/report/sample-report.js';
import type { DriftReport } from '../drift/types.js';
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
    expect(rows[0]).toMatch(/^device, "type" <mobile & … .* inf +0 +0\.756 +DRIFTED$/);
    expect(rows[7]).toMatch(/^age /);
    expect(rows.some((r) => r.startsWith(LONG_NAME.slice(0, 25) + '…'))).toBe(true);
    expect(rows.find((r) => r.startsWith('tenure_months'))).toMatch(/0\.062 +- +0\.383/);
  });

  it('prints the ALERT line on dataset drift and a calm verdict otherwise', () => {
    expect(renderTerminal(sampleReport)).toContain('ALERT: dataset drift detected: 4 of 8 columns drifted (50% >= 50%)');
    const calm: DriftReport = { ...sampleReport, dataset: { ...sampleReport.dataset, drifted_columns: 1, drifted_share: 1 / 8, dataset_drift: false, severity: 'LOW' } };
    const out = renderTerminal(calm);
    expect(out).not.toContain('ALERT');
    expect(out).toContain('No dataset drift: 1 of 8 columns drifted (13% < 50%)');
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

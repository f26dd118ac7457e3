import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/helpers/golden.js';
import { AWKWARD_NAME, sampleReport } from '../../test/fixtures/report/sample-report.js';
import { sampleModelReport } from '../../test/fixtures/report/sample-model-report.js';
import { csvField, CSV_COLUMNS, CSV_MODEL_COLUMNS, renderCsv } from './csv.js';

/** A small RFC 4180 parser, enough to read our output back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += ch;
  }
  return rows;
}

describe('renderCsv', () => {
  it('matches the golden file', () => expectGolden('feature_scores.csv', renderCsv(sampleReport)));

  it('has one row per feature plus target and prediction rows, CRLF line ends', () => {
    const text = renderCsv(sampleReport);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 8 + 2);
    expect(rows.map((r) => r[1])).toEqual(['role', ...Array(8).fill('feature'), 'target', 'prediction']);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
  });

  it('quotes awkward names and round-trips them, writes Infinity and empty nulls', () => {
    const rows = parseCsv(renderCsv(sampleReport));
    const device = rows.find((r) => r[0] === AWKWARD_NAME)!;
    expect(device[4]).toBe('Infinity');
    const tenure = rows.find((r) => r[0] === 'tenure_months')!;
    expect(tenure[5]).toBe('');
    expect(tenure[6]).toBe('');
    expect(tenure[11]).toBe('false');
  });

  it('quotes exactly the fields RFC 4180 requires', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(-Infinity)).toBe('-Infinity');
    expect(csvField(NaN)).toBe('NaN');
    expect(csvField(null)).toBe('');
    expect(csvField(1e-12)).toBe('1e-12');
  });

  it('a report with a model section: its rows (predictions, confidence, every metric before and after) and three more columns', () => {
    const rows = parseCsv(renderCsv(sampleModelReport));
    expect(rows[0]).toEqual([...CSV_COLUMNS, ...CSV_MODEL_COLUMNS]);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length + 3);
    const model = rows.filter((r) => r[1]!.startsWith('model_'));
    expect(model.map((r) => `${r[0]} ${r[1]}`)).toEqual([
      'predicted_class model_prediction', 'confidence model_confidence', 'low_confidence_share model_confidence',
      'accuracy model_performance', 'balanced_accuracy model_performance', 'f1 model_performance', 'roc_auc model_performance',
    ]);
    const [prediction, confidence, low, , , f1, auc] = model;
    expect(prediction!.slice(2, 4)).toEqual(['categorical', 'ztest']);
    expect(prediction!.slice(11)).toEqual(['true', '', '', '']);
    expect(confidence!.slice(12)).toEqual(['0.8661', '0.8954', '0.0293']);
    expect(low!.slice(9)).toEqual(['0.6', '', '', '0.0815', '0.0715', '-0.01']);
    // The watched metric carries the alert: its largest allowed drop, the drop, and whether it alerted.
    expect(f1!.slice(9)).toEqual(['0.05', '0.0834', 'true', '0.5308', '0.4474', String(sampleModelReport.model!.performance!.change.f1)]);
    expect(auc!.slice(9)).toEqual(['', '', '', '0.7977', '', '']);
    // The rows before the model's are the data's, as without a model.
    expect(rows.length).toBe(1 + sampleModelReport.columns.length + (sampleModelReport.target_drift ? 1 : 0) + (sampleModelReport.prediction_columns?.length ?? 0) + 7);
  });
});

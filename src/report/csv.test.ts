import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/helpers/golden.js';
import { AWKWARD_NAME, sampleReport } from '../../test/fixtures/report/sample-report.js';
import { csvField, CSV_COLUMNS, renderCsv } from './csv.js';

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
});

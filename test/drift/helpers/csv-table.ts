/**
 * A minimal CSV-to-Table reader for the drift fixtures, with pandas' rules (a column is numeric when every
 * non-missing field reads as a number, else categorical; the same missing markers as the fixture script),
 * so the preset fixtures test the drift engine and not the data layer's kind inference. Unquoted CSV only.
 */
import { readFileSync } from 'node:fs';
import { categoricalColumn, createTable, numericColumn, type Table } from '../../../src/data/table/index.js';
import { parseNumberText } from '../../../src/data/parse-number.js';

const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'null', 'None']);

export interface RawCsv {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function readRawCsv(path: string): RawCsv {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  const header = lines[0]!.split(',');
  return { header, rows: lines.slice(1).map((l) => l.split(',')) };
}

export function tableFromRaw(raw: RawCsv): Table {
  return createTable(
    raw.header.map((name, j) => {
      const fields = raw.rows.map((r) => r[j]!);
      const numbers = fields.map((f) => (MISSING.has(f) ? NaN : parseNumberText(f)));
      const numeric = fields.every((f, i) => MISSING.has(f) || !Number.isNaN(numbers[i]!));
      return numeric ? numericColumn(name, numbers) : categoricalColumn(name, fields.map((f) => (MISSING.has(f) ? null : f)));
    }),
  );
}

export function readCsvTable(path: string): Table {
  return tableFromRaw(readRawCsv(path));
}

/**
 * CSV output (RFC 4180): a header, `,` between fields, `\n` line ends, quotes only around fields that
 * contain `,` `"` CR or LF (inner quotes doubled). Numbers use their shortest round-trip text `String(n)`,
 * so reading the file back gives the same doubles; datetimes are ISO-8601 UTC; missing values are empty.
 */
import { writeFileAtomic } from './write-file-atomic.js';
import type { Column, Table } from './table/index.js';

const ROWS_PER_WRITE = 4096;

/** The CSV text of one field. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Cell `row` of a typed column as a CSV field (how Driftwatch formats values it computed). */
export function cell(c: Column, row: number): string {
  if (c.storage === 'numeric') {
    const v = c.values[row]!;
    if (Number.isNaN(v)) return '';
    return c.kind === 'datetime' && Number.isFinite(v) ? new Date(v).toISOString() : String(v);
  }
  const code = c.codes[row]!;
  return code < 0 ? '' : csvField(c.dictionary[code]!);
}

function rowsText(table: Table, from: number, to: number): string {
  const columns = table.columns;
  const lines: string[] = [];
  for (let r = from; r < to; r++) lines.push(columns.length === 1 ? lone(cell(columns[0]!, r)) : columns.map((c) => cell(c, r)).join(','));
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** The only field of a one-column row: an empty one is written `""`, since a blank line is no row at all. */
export function lone(field: string): string {
  return field === '' ? '""' : field;
}

/** The header line for these column names. */
export function headerLine(names: readonly string[]): string {
  return names.length === 1 ? lone(csvField(names[0]!)) : names.map(csvField).join(',');
}

/** The whole table as CSV text (for small tables and tests; use writeCsv for files). */
export function tableToCsvString(table: Table): string {
  return headerLine(table.names) + '\n' + rowsText(table, 0, table.rowCount);
}

/**
 * Writes the table to `path` as CSV, atomically (writeFileAtomic), streaming a few thousand rows at a
 * time: the text of the whole table is never in memory at once.
 */
export function writeCsv(table: Table, path: string): Promise<void> {
  return writeCsvText(path, headerLine(table.names), table.rowCount, (from, to) => rowsText(table, from, to));
}

/**
 * Writes a CSV file from its header line and a function giving the text of rows [from, to) (each line
 * ending in LF), atomically and a few thousand rows at a time.
 */
export async function writeCsvText(path: string, header: string, rowCount: number, rows: (from: number, to: number) => string): Promise<void> {
  await writeFileAtomic(path, csvChunks(header, rowCount, rows));
}

function* csvChunks(header: string, rowCount: number, rows: (from: number, to: number) => string): Generator<string> {
  yield header + '\n';
  for (let r = 0; r < rowCount; r += ROWS_PER_WRITE) {
    yield rows(r, Math.min(rowCount, r + ROWS_PER_WRITE));
  }
}

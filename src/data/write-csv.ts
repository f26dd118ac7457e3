/**
 * CSV output (RFC 4180): a header, `,` between fields, `\n` line ends, quotes only around fields that
 * contain `,` `"` CR or LF (inner quotes doubled). Numbers use their shortest round-trip text `String(n)`,
 * so reading the file back gives the same doubles; datetimes are ISO-8601 UTC; missing values are empty.
 */
import { writeFileAtomic } from './write-file-atomic.js';
import type { Column, Table } from './table.js';

const ROWS_PER_WRITE = 4096;

/** The CSV text of one field. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cell(c: Column, row: number): string {
  if (c.storage === 'numeric') {
    const v = c.values[row]!;
    if (Number.isNaN(v)) return '';
    return c.kind === 'datetime' && Number.isFinite(v) ? new Date(v).toISOString() : String(v);
  }
  const code = c.codes[row]!;
  return code < 0 ? '' : csvField(c.dictionary[code]!);
}

function rowsText(table: Table, from: number, to: number): string {
  const lines: string[] = [];
  for (let r = from; r < to; r++) lines.push(table.columns.map((c) => cell(c, r)).join(','));
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** The whole table as CSV text (for small tables and tests; use writeCsv for files). */
export function tableToCsvString(table: Table): string {
  return table.names.map(csvField).join(',') + '\n' + rowsText(table, 0, table.rowCount);
}

/**
 * Writes the table to `path` as CSV, atomically (writeFileAtomic), streaming a few thousand rows at a
 * time: the text of the whole table is never in memory at once.
 */
export async function writeCsv(table: Table, path: string): Promise<void> {
  await writeFileAtomic(path, csvChunks(table));
}

function* csvChunks(table: Table): Generator<string> {
  yield table.names.map(csvField).join(',') + '\n';
  for (let r = 0; r < table.rowCount; r += ROWS_PER_WRITE) {
    yield rowsText(table, r, Math.min(table.rowCount, r + ROWS_PER_WRITE));
  }
}

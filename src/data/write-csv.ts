/**
 * CSV output (RFC 4180): a header, `,` between fields, `\n` line ends, quotes only around fields that
 * contain `,` `"` CR or LF (inner quotes doubled). Numbers use their shortest round-trip text `String(n)`,
 * so reading the file back gives the same doubles; datetimes are ISO-8601 UTC; missing values are empty.
 */
import { createWriteStream } from 'node:fs';
import { fileWriteError } from './file-source.js';
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

/** Writes the table to `path` as CSV, streaming a few thousand rows at a time. */
export async function writeCsv(table: Table, path: string): Promise<void> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', (e) => reject(fileWriteError(path, e))));
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), failed]);
  };
  await write(table.names.map(csvField).join(',') + '\n');
  for (let r = 0; r < table.rowCount; r += ROWS_PER_WRITE) {
    await write(rowsText(table, r, Math.min(table.rowCount, r + ROWS_PER_WRITE)));
  }
  // end's callback gets the stream's error too (an open that failed): it must reject, not resolve.
  await Promise.race([new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(fileWriteError(path, e)) : resolve()))), failed]);
}

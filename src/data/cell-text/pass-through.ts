/**
 * Writing a CSV whose columns are partly copied from the input file and partly computed: copied columns
 * keep each cell's text exactly as read (cell-text-capture.ts), computed ones are formatted as write-csv.ts
 * formats numbers and categories. Used by predict (input columns + predictions) and simulate-drift
 * (untouched columns + drifted ones).
 */
import { DriftwatchError } from '../../core/index.js';
import { readTable, type ReadOptions } from '../read-table.js';
import { MISSING_CODE, type Column, type Table } from '../table/index.js';
import { cell, csvField, lone, writeCsvText } from '../write-csv.js';
import { CellTextCapture, type CellText, type CellTextColumn } from './cell-text-capture.js';

export interface TableWithCellText {
  readonly table: Table;
  /** The kept cell text; undefined for JSON Lines and Parquet input, whose values have no text of their own. */
  readonly cellText: CellText | undefined;
}

/**
 * readTable that also keeps the exact text of the columns `keep` picks (by name after reading), in the
 * same pass over the file.
 */
export async function readTableWithCellText(path: string, options: ReadOptions & { readonly keep: (name: string) => boolean }): Promise<TableWithCellText> {
  const { keep, ...read } = options;
  let capture: CellTextCapture | undefined;
  const table = await readTable(path, {
    ...read,
    onRawBytes: (delimiter) => {
      const c = new CellTextCapture(delimiter, (name) => keep(name));
      capture = c;
      return (chunk) => c.push(chunk);
    },
  });
  if (capture === undefined) return { table, cellText: undefined };
  const cellText = capture.end();
  if (cellText.rows !== table.rowCount || cellText.header.length !== table.names.length) {
    throw new DriftwatchError(
      'INTERNAL',
      `keeping the cell text of ${path} found ${cellText.rows} rows x ${cellText.header.length} columns, the reader ${table.rowCount} x ${table.names.length}`,
      { file: path },
    );
  }
  return { table, cellText };
}

/** One column of the output file. */
export type OutputColumn =
  /** Computed by Driftwatch: formatted. */
  | { readonly type: 'computed'; readonly column: Column }
  /**
   * Copied: output row r is input row `rows[r]` (r itself when absent), written as read, or empty where
   * `blank(r)` says Driftwatch removed the value.
   */
  | { readonly type: 'copied'; readonly name: string; readonly text: CellTextColumn; readonly rows?: Int32Array; readonly blank?: (row: number) => boolean };

/**
 * The output column for input column `name`: copied from the kept text when there is some (CSV input),
 * else `typed` formatted. `rows` maps output rows to input rows; `blanked` is the column after Driftwatch
 * removed values (simulate-drift --missing): a cell it made missing is written empty, every other as read.
 */
export function passThrough(
  name: string,
  typed: Column,
  input: TableWithCellText,
  options: { readonly rows?: Int32Array; readonly blanked?: Column } = {},
): OutputColumn {
  const index = input.table.names.indexOf(name);
  const text = index < 0 ? undefined : input.cellText?.columns.get(index);
  if (text === undefined) return { type: 'computed', column: typed };
  const header = input.cellText!.header[index]!;
  const rows = options.rows;
  const blanked = options.blanked;
  const original = input.table.columns[index]!;
  const blank =
    blanked === undefined ? undefined : (r: number): boolean => isMissing(blanked, r) && !isMissing(original, rows === undefined ? r : rows[r]!);
  return { type: 'copied', name: header, text, ...(rows !== undefined ? { rows } : {}), ...(blank !== undefined ? { blank } : {}) };
}

function isMissing(c: Column, row: number): boolean {
  return c.storage === 'numeric' ? Number.isNaN(c.values[row]!) : c.codes[row] === MISSING_CODE;
}

function field(c: OutputColumn, row: number): string {
  if (c.type === 'computed') return cell(c.column, row);
  if (c.blank?.(row) === true) return '';
  return c.text.field(c.rows === undefined ? row : c.rows[row]!);
}

/** The CSV text of these columns, rows [from, to). */
function rowsText(columns: readonly OutputColumn[], from: number, to: number): string {
  let out = '';
  const last = columns.length - 1;
  for (let r = from; r < to; r++) {
    if (last === 0) {
      out += lone(field(columns[0]!, r)) + '\n';
      continue;
    }
    for (let k = 0; k < last; k++) out += field(columns[k]!, r) + ',';
    out += field(columns[last]!, r) + '\n';
  }
  return out;
}

function headerLine(columns: readonly OutputColumn[]): string {
  const names = columns.map((c) => csvField(c.type === 'computed' ? c.column.name : c.name));
  return names.length === 1 ? lone(names[0]!) : names.join(',');
}

/** Writes `columns` (each `rowCount` long) to `path` as CSV. */
export function writePassThroughCsv(path: string, columns: readonly OutputColumn[], rowCount: number): Promise<void> {
  return writeCsvText(path, headerLine(columns), rowCount, (from, to) => rowsText(columns, from, to));
}

/** The output as a string (tests). */
export function passThroughCsvString(columns: readonly OutputColumn[], rowCount: number): string {
  return headerLine(columns) + '\n' + rowsText(columns, 0, rowCount);
}

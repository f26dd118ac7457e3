/**
 * CSV text as cells, for pass-through tests: a fast-check arbitrary of cell texts that look like numbers
 * but are not the numbers' shortest text (`02100`, `1.50`, `-0`, 20-digit identifiers), missing markers,
 * and text with delimiters, quotes and line breaks; a writer with a choice of delimiter, line end and
 * quoting; and an independent RFC 4180 reader to compare what came out.
 */
import fc from 'fast-check';

/** Cells whose text a number parser would change, or that need quoting. */
export const trickyCell: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('02100', '00501', '1.50', '2.00', '-0', '0', '+3', '1e3', '1E+03', '.5', '5.', ' 7 ', 'NA', 'nan', 'NULL', 'None', '', 'true', 'FALSE', '0x10', '1_000', 'Infinity', '-inf', '2024-01-31', '1,5'),
  fc.bigInt({ min: 10n ** 19n, max: 10n ** 20n - 1n }).map(String),
  fc.integer({ min: -100000, max: 100000 }).map((n) => String(n)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x.toFixed(3)),
  fc.string({ unit: fc.constantFrom('a', 'b', 'Z', ' ', ',', ';', '|', '\t', '"', "'", '\n', '\r', '\r\n', 'é', '€', '😀', '0', '1', '.', '-'), maxLength: 8 }),
);

export interface CsvStyle {
  readonly delimiter: ',' | ';' | '\t' | '|';
  readonly lineEnd: '\n' | '\r\n';
  /** Quote every field, not only those that need it. */
  readonly quoteAll: boolean;
  readonly bom: boolean;
  /** End the last line with a line end. */
  readonly finalLineEnd: boolean;
}

export const csvStyle: fc.Arbitrary<CsvStyle> = fc.record({
  delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const, '|' as const),
  lineEnd: fc.constantFrom('\n' as const, '\r\n' as const),
  quoteAll: fc.boolean(),
  bom: fc.boolean(),
  finalLineEnd: fc.boolean(),
});

function field(text: string, style: CsvStyle): string {
  const needs = text.includes(style.delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r');
  return needs || style.quoteAll ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of a header and rows of cells. */
export function writeCells(header: readonly string[], rows: readonly (readonly string[])[], style: CsvStyle): string {
  const lines = [header, ...rows].map((r) => r.map((t) => field(t, style)).join(style.delimiter));
  return (style.bom ? '\ufeff' : '') + lines.join(style.lineEnd) + (style.finalLineEnd ? style.lineEnd : '');
}

/** Cells of a comma-separated file as Driftwatch writes it (RFC 4180, LF line ends). */
export function readCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      fieldStarted = false;
      i++;
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      fieldStarted = false;
      i++;
    } else {
      cell += c;
      fieldStarted = true;
      i++;
    }
  }
  if (fieldStarted || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Column `name` of cells read by readCells (header first). */
export function columnOf(cells: readonly (readonly string[])[], name: string): string[] {
  const k = cells[0]!.indexOf(name);
  if (k < 0) throw new Error(`no column ${name} in ${cells[0]!.join(',')}`);
  return cells.slice(1).map((r) => r[k]!);
}

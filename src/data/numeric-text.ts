/**
 * Reading a text column as numbers without losing sight of what did not parse. A numeric column that
 * carries a few values like `oops`, `0x10` or `1_000` is still a numeric column: its numbers are compared
 * as numbers and the rest are counted, with the first one and where it is, so a report can say
 * "43 non-numeric values in current, first at line 12: 'oops'" instead of quietly changing the test.
 */
import { parseNumberText } from './parse-number.js';
import { float64 } from './column-accumulator.js';
import { MISSING_CODE, type CategoricalColumn, type NumericColumn } from './table/index.js';

/** A text column counts as numeric when at least this share of its non-missing values are numbers. */
export const MOSTLY_NUMERIC_SHARE = 0.9;

/** Non-missing values of a column read as numbers that are not numbers. */
export interface NonNumericValues {
  readonly count: number;
  /** The first one, as written. */
  readonly first: string;
  /** Its 1-based data row (the header not counted). */
  readonly row: number;
  /** Its 1-based line in the file (CSV, JSON Lines), or null when lines are not known (Parquet, in memory). */
  readonly line: number | null;
}

/** Each dictionary entry as a number (NaN: not a number by the readers' grammar). */
function parseDictionary(column: CategoricalColumn): Float64Array {
  return Float64Array.from(column.dictionary, (s) => parseNumberText(s));
}

/** Share of the column's non-missing values that are numbers (1 when it has none). */
export function numberShare(column: CategoricalColumn): number {
  const parsed = parseDictionary(column);
  let numbers = 0;
  let present = 0;
  const codes = column.codes;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c === MISSING_CODE) continue;
    present++;
    if (!Number.isNaN(parsed[c]!)) numbers++;
  }
  return present === 0 ? 1 : numbers / present;
}

/** Whether a text column is numbers but for a few values (MOSTLY_NUMERIC_SHARE), with at least one number. */
export function isMostlyNumeric(column: CategoricalColumn): boolean {
  return column.dictionary.some((s) => !Number.isNaN(parseNumberText(s))) && numberShare(column) >= MOSTLY_NUMERIC_SHARE;
}

/**
 * The column as numbers: values that are numbers keep their value, missing stays missing (NaN), and the
 * values that are not numbers become NaN too and are counted in `nonNumeric` (null when there are none).
 */
export function readAsNumbers(column: CategoricalColumn, kind: NumericColumn['kind'] = 'numeric'): { column: NumericColumn; nonNumeric: NonNumericValues | null } {
  const parsed = parseDictionary(column);
  const codes = column.codes;
  const values = float64(codes.length);
  let count = 0;
  let firstRow = -1;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    const v = c === MISSING_CODE ? NaN : parsed[c]!;
    values[i] = v;
    if (c !== MISSING_CODE && Number.isNaN(v)) {
      if (firstRow < 0) firstRow = i;
      count++;
    }
  }
  const numeric: NumericColumn = { storage: 'numeric', name: column.name, kind, values };
  if (count === 0) return { column: numeric, nonNumeric: null };
  const code = codes[firstRow]!;
  const line = column.lines?.[code] ?? 0;
  return { column: numeric, nonNumeric: { count, first: column.dictionary[code]!, row: firstRow + 1, line: line > 0 ? line : null } };
}

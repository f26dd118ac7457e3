/**
 * Decimal commas: European exports write `1,5` for one and a half, with `;` between fields. A text column
 * whose numbers are written that way is read as numbers: `decimal: ','` says so for every column; by
 * default (`'auto'`) a column qualifies when the file is not comma-separated, some of its values have a
 * decimal comma, none has a decimal point, and at least MOSTLY_NUMERIC_SHARE of its values are numbers
 * that way. Values like `1,5` are rewritten to `1.5`; a column that is then all numbers becomes numeric
 * storage, one with a few other values stays text (the analysis counts those as non-numeric).
 */
import { DriftwatchError } from '../core/index.js';
import { toNumeric } from './convert-column.js';
import { int32 } from './column-accumulator.js';
import { MOSTLY_NUMERIC_SHARE } from './numeric-text.js';
import { parseNumberText } from './parse-number.js';
import { MISSING_CODE, type CategoricalColumn, type Column } from './table/index.js';

/** How the decimal mark is chosen: detected per column, or given. */
export type DecimalMark = 'auto' | '.' | ',';

export const DECIMAL_MARKS: readonly DecimalMark[] = ['auto', '.', ','];

const COMMA_NUMBER = /^[ \t]*[+-]?(?:\d+,\d*|,\d+)(?:[eE][+-]?\d+)?[ \t]*$/;

/** `1,5` as `1.5`, or null when the text is not a number with a decimal comma. */
export function commaToPoint(text: string): string | null {
  return COMMA_NUMBER.test(text) ? text.replace(',', '.') : null;
}

/** Checks a decimal mark given by a flag or config key. */
export function parseDecimalMark(raw: string, source: string): DecimalMark {
  const v = raw.trim();
  if ((DECIMAL_MARKS as readonly string[]).includes(v)) return v as DecimalMark;
  throw new DriftwatchError('USAGE', `${source} must be "auto", "." or "," (got "${raw}")`, { field: source });
}

/**
 * The columns with decimal-comma numbers read as numbers. `delimiter`: the CSV delimiter (undefined for
 * JSON Lines and Parquet, where 'auto' leaves text alone). `keepText`: columns forced to keep their text.
 */
export function applyDecimalMark(columns: readonly Column[], mark: DecimalMark, delimiter: string | undefined, keepText: ReadonlySet<string>): Column[] {
  if (mark === '.' || (mark === 'auto' && (delimiter === undefined || delimiter === ','))) return [...columns];
  return columns.map((c) => (c.storage === 'categorical' && !keepText.has(c.name) ? readDecimalCommas(c, mark === ',') : c));
}

function readDecimalCommas(column: CategoricalColumn, given: boolean): Column {
  const rewritten = column.dictionary.map(commaToPoint);
  if (!rewritten.some((r) => r !== null)) return column;
  if (!given) {
    // A decimal point elsewhere in the column means the commas are something else (thousands, lists).
    if (column.dictionary.some((s, k) => rewritten[k] === null && s.includes('.') && !Number.isNaN(parseNumberText(s)))) return column;
    const isNumber = column.dictionary.map((s, k) => rewritten[k] !== null || !Number.isNaN(parseNumberText(s)));
    let numbers = 0;
    let present = 0;
    for (const c of column.codes) {
      if (c === MISSING_CODE) continue;
      present++;
      if (isNumber[c]) numbers++;
    }
    if (numbers < MOSTLY_NUMERIC_SHARE * present) return column;
  }
  const merged = mergeDictionary(column, column.dictionary.map((s, k) => rewritten[k] ?? s));
  return merged.dictionary.every((s) => !Number.isNaN(parseNumberText(s))) ? toNumeric(merged) : merged;
}

/** The column with its dictionary entries renamed; entries that now coincide are merged (first line kept). */
function mergeDictionary(column: CategoricalColumn, names: readonly string[]): CategoricalColumn {
  const dictionary: string[] = [];
  const lines: number[] = [];
  const index = new Map<string, number>();
  const remap = new Int32Array(names.length);
  names.forEach((s, k) => {
    let code = index.get(s);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(s);
      lines.push(column.lines?.[k] ?? 0);
      index.set(s, code);
    }
    remap[k] = code;
  });
  const codes = dictionary.length === names.length ? column.codes : int32(column.codes.length);
  if (codes !== column.codes) for (let i = 0; i < codes.length; i++) codes[i] = column.codes[i] === MISSING_CODE ? MISSING_CODE : remap[column.codes[i]!]!;
  return { ...column, codes, dictionary, lines: column.lines !== undefined ? lines : undefined };
}

/** Conversions between numeric and categorical storage, and the finite values the statistics need. */
import { DriftwatchError } from '../core/index.js';
import { BOOLEAN_PAIRS } from './infer-kind.js';
import { parseNumberText } from './parse-number.js';
import { MISSING_CODE, type CategoricalColumn, type Column, type ColumnKind, type NumericColumn } from './table/index.js';
import { float64, int32 } from './column-accumulator.js';

/**
 * The column as categorical storage. Numbers become categories by their shortest round-trip text
 * (`String(n)`); datetimes by their ISO-8601 text; NaN becomes missing. Kind: 'numeric' and 'datetime'
 * become 'categorical'; other kinds are kept.
 */
export function toCategorical(column: Column, kind?: ColumnKind): CategoricalColumn {
  if (column.storage === 'categorical') return kind === undefined || kind === column.kind ? column : { ...column, kind };
  const dictionary: string[] = [];
  const index = new Map<number, number>();
  const values = column.values;
  const codes = int32(values.length);
  const asDate = column.kind === 'datetime';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      codes[i] = MISSING_CODE;
      continue;
    }
    // Keyed by number: +0 and -0 share a key, as they share String(v) = "0".
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(asDate && Number.isFinite(v) ? new Date(v).toISOString() : String(v));
      index.set(v, code);
    }
    codes[i] = code;
  }
  const resultKind = kind ?? (column.kind === 'numeric' || column.kind === 'datetime' ? 'categorical' : column.kind);
  return { storage: 'categorical', name: column.name, kind: resultKind, codes, dictionary };
}

const TRUE_WORDS = new Set(BOOLEAN_PAIRS.map(([yes]) => yes));
const FALSE_WORDS = new Set(BOOLEAN_PAIRS.map(([, no]) => no));

/**
 * The column as numeric storage. Categories must be numbers (same grammar as the readers); a boolean
 * column maps true/yes/y/t to 1 and false/no/n/f to 0. Throws PARSE_ERROR naming the column, the first
 * value that is not a number and its row (1-based data row, the header not counted).
 */
export function toNumeric(column: Column, file?: string, kind?: ColumnKind): NumericColumn {
  if (column.storage === 'numeric') return kind === undefined || kind === column.kind ? column : { ...column, kind };
  const isBoolean = column.kind === 'boolean';
  const parsed = column.dictionary.map((s) => {
    if (isBoolean) {
      const w = s.trim().toLowerCase();
      if (TRUE_WORDS.has(w)) return 1;
      if (FALSE_WORDS.has(w)) return 0;
    }
    return parseNumberText(s);
  });
  const values = decodeDictionary(column, parsed, 'numeric', 'fix the value or drop the numeric override', file);
  const resultKind = kind ?? (column.kind === 'categorical' || column.kind === 'text' ? 'numeric' : column.kind);
  return { storage: 'numeric', name: column.name, kind: resultKind, values };
}

/**
 * Numbers for a categorical column from one parsed number per dictionary entry (NaN = not parseable):
 * missing stays NaN, and the first row whose value did not parse is a PARSE_ERROR naming the column, the
 * row (1-based data row) and the value.
 */
export function decodeDictionary(column: CategoricalColumn, parsed: readonly number[], what: string, remedy: string, file?: string): Float64Array {
  const codes = column.codes;
  const values = float64(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c === MISSING_CODE) {
      values[i] = NaN;
      continue;
    }
    const v = parsed[c]!;
    if (Number.isNaN(v)) {
      throw new DriftwatchError('PARSE_ERROR', `column "${column.name}" must be ${what} but data row ${i + 1} has "${column.dictionary[c]}"; ${remedy}`, {
        ...(file !== undefined ? { file } : {}),
        field: column.name,
      });
    }
    values[i] = v;
  }
  return values;
}

/** The finite values of a numeric column (NaN and ±Infinity dropped), in row order. */
export function numericValues(column: Column): Float64Array {
  if (column.storage !== 'numeric') {
    throw new DriftwatchError('INVALID_ARGUMENT', `column "${column.name}" is categorical; numericValues needs a numeric column (convert with toNumeric)`, { field: column.name });
  }
  const values = column.values;
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) n++;
  if (n === values.length) return values.slice();
  const out = float64(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) out[k++] = v;
  }
  return out;
}

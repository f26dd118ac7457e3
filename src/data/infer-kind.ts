/**
 * Column kind inference: a pure function of a built column. The rules, in order:
 *
 * Numeric storage
 * - 'id': at least 20 rows, no missing value, all integers, all distinct, and either consecutive
 *   (a row number such as 0..n-1) or a name that says id (`id`, `user_id`, `customerID`, `uuid` …).
 * - otherwise 'numeric' — also with few distinct values (0/1 flags stay numeric: the drift layer picks tests).
 *
 * Categorical storage (text values)
 * - 'datetime': every distinct value is an ISO-8601 date or date-time (see datetime-parse.ts); stored
 *   as epoch milliseconds.
 * - 'boolean': one or two distinct values, all from one pair: true/false, yes/no, y/n, t/f (any case).
 *   Stays categorical storage with the original spellings.
 * - 'text': at least 20 non-missing values, more than half distinct, and long or wordy values:
 *   mean length over 20 characters, or at least half of the values containing whitespace.
 * - 'id': at least 20 rows, no missing value, every value distinct (and not 'text').
 * - otherwise 'categorical'.
 */
import { parseIsoDateTime } from './datetime-parse.js';
import { MISSING_CODE, type CategoricalColumn, type Column, type ColumnKind, type NumericColumn } from './table/index.js';

/** Fewest rows for 'id' and 'text' (below that, uniqueness says nothing). */
export const MIN_ROWS_FOR_UNIQUENESS = 20;

/** The spellings of a boolean column, true word first (compared trimmed and lower-cased). */
export const BOOLEAN_PAIRS: readonly (readonly [string, string])[] = [
  ['true', 'false'],
  ['yes', 'no'],
  ['y', 'n'],
  ['t', 'f'],
];

const ID_NAME_INSENSITIVE = /(?:^|[_\s.-])(?:id|uuid|guid|key)$|^id(?:[_\s.-]|$)|uuid|guid/i;
const ID_NAME_CAMEL = /[a-z](?:ID|Id)$/;

/** Whether a column name says it holds identifiers. */
export function looksLikeIdName(name: string): boolean {
  return ID_NAME_INSENSITIVE.test(name) || ID_NAME_CAMEL.test(name);
}

/** The inferred kind of a column (see the rules above). */
export function inferKind(column: Column): ColumnKind {
  return column.storage === 'numeric' ? inferNumericKind(column) : inferCategoricalKind(column);
}

function inferNumericKind(column: NumericColumn): ColumnKind {
  const values = column.values;
  const n = values.length;
  if (n < MIN_ROWS_FOR_UNIQUENESS) return 'numeric';
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v)) return 'numeric';
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Fewer possible values than rows: some repeat (spares the sort for counts, ages, 0/1 flags).
  if (max - min + 1 < n) return 'numeric';
  const sorted = Float64Array.from(values).sort();
  for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1]) return 'numeric';
  const consecutive = sorted[n - 1]! - sorted[0]! === n - 1;
  return consecutive || looksLikeIdName(column.name) ? 'id' : 'numeric';
}

function inferCategoricalKind(column: CategoricalColumn): ColumnKind {
  const dictionary = column.dictionary;
  if (dictionary.length === 0) return 'categorical';
  if (dictionary.every((s) => !Number.isNaN(parseIsoDateTime(s)))) return 'datetime';
  if (isBooleanDictionary(dictionary)) return 'boolean';
  const codes = column.codes;
  const counts = new Float64Array(dictionary.length);
  let nonMissing = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c !== MISSING_CODE) {
      counts[c]!++;
      nonMissing++;
    }
  }
  if (nonMissing >= MIN_ROWS_FOR_UNIQUENESS && dictionary.length / nonMissing > 0.5) {
    let totalLength = 0;
    let withSpace = 0;
    dictionary.forEach((s, k) => {
      totalLength += s.length * counts[k]!;
      if (/\s/.test(s.trim())) withSpace += counts[k]!;
    });
    if (totalLength / nonMissing > 20 || withSpace / nonMissing >= 0.5) return 'text';
  }
  if (codes.length >= MIN_ROWS_FOR_UNIQUENESS && nonMissing === codes.length && dictionary.length === nonMissing) return 'id';
  return 'categorical';
}

/** One or two values, all from the same true/false pair (any case). */
export function isBooleanDictionary(dictionary: readonly string[]): boolean {
  if (dictionary.length === 0 || dictionary.length > 2) return false;
  const words = dictionary.map((s) => s.trim().toLowerCase());
  return BOOLEAN_PAIRS.some((pair) => words.every((w) => w === pair[0] || w === pair[1]));
}

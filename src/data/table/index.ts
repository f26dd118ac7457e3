/**
 * The columnar table every part of Driftwatch works on. Numeric columns are Float64Array with NaN for
 * missing (8 bytes a value); categorical columns are dictionary-encoded: Int32Array codes into a
 * dictionary of distinct strings, with -1 for missing. Tables are immutable once built.
 */

/** What a column means, as inferred or as the user said. Drives test selection and exclusion. */
export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text' | 'id';

/** The code that marks a missing value in a categorical column. */
export const MISSING_CODE = -1;

export interface NumericColumn {
  readonly storage: 'numeric';
  readonly name: string;
  /** Semantic kind: 'numeric', or 'datetime' (epoch milliseconds), 'boolean' (0/1), 'id'. */
  readonly kind: ColumnKind;
  /** One value a row; NaN is missing. */
  readonly values: Float64Array;
}

export interface CategoricalColumn {
  readonly storage: 'categorical';
  readonly name: string;
  /** Semantic kind: 'categorical', 'boolean', 'text', 'id'. */
  readonly kind: ColumnKind;
  /** One code a row into `dictionary`; MISSING_CODE (-1) is missing. */
  readonly codes: Int32Array;
  /** Distinct non-missing values in order of first appearance. */
  readonly dictionary: readonly string[];
  /**
   * The 1-based file line where each dictionary entry first appears (0 where not known), when the reader
   * knows lines (CSV, JSON Lines): lets a report say where an odd value is. Dropped when rows are selected.
   */
  readonly lines?: readonly number[] | undefined;
}

export type Column = NumericColumn | CategoricalColumn;

export interface Table {
  readonly rowCount: number;
  readonly columns: readonly Column[];
  /** Column names in file order. */
  readonly names: readonly string[];
  /** The column of that name, or undefined. */
  column(name: string): Column | undefined;
  /** The file the table was read from (readTable), so reports and messages can name it; absent when built in memory. */
  readonly path?: string;
}

export function createTable(columns: readonly Column[], path?: string): Table {
  const rowCount = columns.length === 0 ? 0 : columnLength(columns[0]!);
  const byName = new Map<string, Column>();
  for (const c of columns) {
    if (columnLength(c) !== rowCount) {
      throw new RangeError(`column "${c.name}" has ${columnLength(c)} rows, expected ${rowCount}`);
    }
    if (byName.has(c.name)) throw new RangeError(`duplicate column name "${c.name}"`);
    byName.set(c.name, c);
  }
  const names = columns.map((c) => c.name);
  return {
    rowCount,
    columns,
    names,
    column: (name) => byName.get(name),
    ...(path !== undefined ? { path } : {}),
  };
}

export function columnLength(c: Column): number {
  return c.storage === 'numeric' ? c.values.length : c.codes.length;
}

export function numericColumn(name: string, values: Float64Array | readonly number[], kind: ColumnKind = 'numeric'): NumericColumn {
  return { storage: 'numeric', name, kind, values: values instanceof Float64Array ? values : Float64Array.from(values) };
}

/** Builds a categorical column from strings; null/undefined are missing. */
export function categoricalColumn(name: string, values: readonly (string | null | undefined)[], kind: ColumnKind = 'categorical'): CategoricalColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      codes[i] = MISSING_CODE;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(v);
      index.set(v, code);
    }
    codes[i] = code;
  }
  return { storage: 'categorical', name, kind, codes, dictionary };
}

/** The value of a categorical cell as a string, or null when missing. */
export function categoryAt(c: CategoricalColumn, row: number): string | null {
  const code = c.codes[row]!;
  return code === MISSING_CODE ? null : c.dictionary[code]!;
}

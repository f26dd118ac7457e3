/**
 * Sets each column's kind: the user's override from ReadOptions.columnKinds when given (converting storage
 * where the kind needs it), else the inferred kind. Datetime columns are stored as epoch milliseconds.
 */
import { DriftwatchError } from '../core/index.js';
import { decodeDictionary, toCategorical, toNumeric } from './convert-column.js';
import { parseIsoDateTime } from './datetime-parse.js';
import { inferKind } from './infer-kind.js';
import { type CategoricalColumn, type Column, type ColumnKind, type NumericColumn } from './table/index.js';

/** Columns with kinds set; overrides naming a column that does not exist are COLUMN_NOT_FOUND. */
export function applyKinds(columns: readonly Column[], overrides: Readonly<Record<string, ColumnKind>>, file?: string): Column[] {
  const names = new Set(columns.map((c) => c.name));
  for (const name of Object.keys(overrides)) {
    if (!names.has(name)) {
      throw new DriftwatchError('COLUMN_NOT_FOUND', `column kind override names "${name}", which is not a column of the file; columns are: ${[...names].join(', ')}`, {
        ...(file !== undefined ? { file } : {}),
        field: name,
      });
    }
  }
  // A reader that knows a column is datetime (a Parquet TIMESTAMP) has said so already. Own keys only: a
  // column named "constructor" or "toString" must not find Object.prototype's.
  return columns.map((c) => withKind(c, (Object.hasOwn(overrides, c.name) ? overrides[c.name] : undefined) ?? (c.kind === 'datetime' ? 'datetime' : inferKind(c)), file));
}

/** The column converted as needed for `kind` and labelled with it. */
export function withKind(column: Column, kind: ColumnKind, file?: string): Column {
  switch (kind) {
    case 'numeric':
      return toNumeric(column, file, 'numeric');
    case 'categorical':
    case 'text':
      return toCategorical(column, kind);
    case 'datetime':
      return column.storage === 'numeric' ? { ...column, kind } : toDatetime(column, file);
    case 'boolean':
    case 'id':
      return { ...column, kind };
  }
}

/** Categorical ISO-8601 text to epoch milliseconds; PARSE_ERROR naming the first value that is not a date. */
function toDatetime(column: CategoricalColumn, file?: string): NumericColumn {
  const values = decodeDictionary(column, column.dictionary.map(parseIsoDateTime), 'a date/time', 'use ISO-8601 such as 2024-01-31 or 2024-01-31T12:00:00Z', file);
  return { storage: 'numeric', name: column.name, kind: 'datetime', values };
}

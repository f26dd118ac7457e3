/**
 * Applies the caller's column kinds (--categorical / --numerical) after reading, so that a misspelt column
 * is reported against the option that named it (checked before this) rather than by the reader; columns
 * absent from this input are skipped. Categorical columns were already read as text (`textColumnsOf`).
 */
import { createTable, withKind, type ColumnKind, type Table } from '../../data/index.js';
import { withDisplayPath, type DataFile } from '../io/index.js';

export function applyColumnKinds(table: Table, kinds: Readonly<Record<string, ColumnKind>>, file: DataFile | { readonly display: string }): Table {
  if (!Object.keys(kinds).some((name) => table.column(name) !== undefined)) return table;
  try {
    return createTable(table.columns.map((c) => (kinds[c.name] !== undefined ? withKind(c, kinds[c.name]!, file.display) : c)));
  } catch (e) {
    throw 'absolute' in file ? withDisplayPath(e, file) : e;
  }
}

/** Columns to read as exact text: those the caller declared categorical (or text). */
export function textColumnsOf(kinds: Readonly<Record<string, ColumnKind>>): string[] {
  return Object.keys(kinds).filter((name) => kinds[name] === 'categorical' || kinds[name] === 'text');
}

/** Schema differences between a reference and a current table (the report's `schema` section). */
import type { ColumnKind, Table } from './table/index.js';

/** Same shape as SchemaChanges in src/drift/types.ts (defined here too: data may not import drift). */
export interface SchemaComparison {
  /** In the reference, not in current (reference order). */
  readonly missing_in_current: string[];
  /** In current, not in the reference (current order). */
  readonly extra_in_current: string[];
  /** Columns in both whose kind differs (reference order). */
  readonly type_changes: { name: string; reference: ColumnKind; current: ColumnKind }[];
}

/** Columns missing from or added in `current`, and columns whose kind changed. */
export function compareSchemas(reference: Table, current: Table): SchemaComparison {
  const missing_in_current = reference.names.filter((n) => current.column(n) === undefined);
  const extra_in_current = current.names.filter((n) => reference.column(n) === undefined);
  const type_changes: SchemaComparison['type_changes'] = [];
  for (const r of reference.columns) {
    const c = current.column(r.name);
    if (c !== undefined && c.kind !== r.kind) type_changes.push({ name: r.name, reference: r.kind, current: c.kind });
  }
  return { missing_in_current, extra_in_current, type_changes };
}

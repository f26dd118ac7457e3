/**
 * Fails early, naming the option, when a column given by name is in neither input, or when a label or
 * prediction column has no values at all in one of them (nothing to compare; almost always a wrong column).
 */
import { DriftwatchError } from '../../core/index.js';
import { columnNotFound, MISSING_CODE, type Column, type Table } from '../../data/index.js';

/** A column named by an option or a config key, checked against the inputs once they are read. */
export interface NamedColumn {
  /** `--label`, or `label (driftwatch.yaml)`. */
  readonly source: string;
  readonly name: string;
  /** Label and prediction columns must hold values in both inputs (features may be empty: a quality issue). */
  readonly mustHaveValues?: boolean;
}

export function checkNamedColumns(named: readonly NamedColumn[], reference: Table, current: Table, files: { reference: string; current: string }): void {
  const known = new Set([...reference.names, ...current.names]);
  for (const { source, name } of named) {
    if (!known.has(name)) {
      throw columnNotFound(source, name, reference.names, files.reference === files.current ? files.reference : `${files.reference} or ${files.current}`);
    }
  }
  for (const { source, name, mustHaveValues } of named) {
    if (mustHaveValues !== true) continue;
    for (const [table, file] of [[reference, files.reference], [current, files.current]] as const) {
      const col = table.column(name);
      if (col !== undefined && !hasValues(col)) {
        throw new DriftwatchError('COLUMN_ALL_MISSING', `${source}: column "${name}" has no values (every row is missing)`, { file, field: name });
      }
    }
  }
}

function hasValues(col: Column): boolean {
  if (col.storage === 'numeric') return col.values.some((v) => !Number.isNaN(v));
  return col.codes.some((c) => c !== MISSING_CODE);
}

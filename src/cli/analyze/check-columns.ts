/** Fails early, naming the flag, when a column given by name is in neither file. */
import { closestMatch } from '../../core/config/index.js';
import { DriftwatchError } from '../../core/errors.js';
import type { Table } from '../../data/index.js';
import type { NamedColumn } from './settings.js';

const LIST_AT_MOST = 15;

export function checkNamedColumns(named: readonly NamedColumn[], reference: Table, current: Table, files: { reference: string; current: string }): void {
  const known = new Set([...reference.names, ...current.names]);
  for (const { source, name } of named) {
    if (known.has(name)) continue;
    throw columnNotFound(source, name, reference.names, `${files.reference} or ${files.current}`);
  }
}

/** `--label: column "chrn" not found in a.csv or b.csv; did you mean "churn"?` (or the available names). */
export function columnNotFound(source: string, name: string, available: readonly string[], where: string): DriftwatchError {
  const near = closestMatch(name, available);
  const shown = available.slice(0, LIST_AT_MOST).map((n) => `"${n}"`).join(', ');
  const more = available.length > LIST_AT_MOST ? `, … (${available.length} in all)` : '';
  const hint = near !== undefined ? `did you mean "${near}"?` : `available columns: ${shown}${more}`;
  return new DriftwatchError('COLUMN_NOT_FOUND', `${source}: column "${name}" not found in ${where}; ${hint}`, { field: name });
}

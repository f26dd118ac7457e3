/** The error for a column named by a flag or setting that a table does not have, with a did-you-mean. */
import { closestMatch } from '../core/index.js';
import { DriftwatchError } from '../core/index.js';

const LIST_AT_MOST = 15;

/** `--label: column "chrn" not found in a.csv or b.csv; did you mean "churn"?` (or the available names). */
export function columnNotFound(source: string, name: string, available: readonly string[], where: string): DriftwatchError {
  const near = closestMatch(name, available);
  const shown = available.slice(0, LIST_AT_MOST).map((n) => `"${n}"`).join(', ');
  const more = available.length > LIST_AT_MOST ? `, … (${available.length} in all)` : '';
  const hint = near !== undefined ? `did you mean "${near}"?` : `available columns: ${shown}${more}`;
  return new DriftwatchError('COLUMN_NOT_FOUND', `${source}: column "${name}" not found in ${where}; ${hint}`, { field: name });
}

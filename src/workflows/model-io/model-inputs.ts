/**
 * Before a model runs on data: which columns it reads (for the caller to say, so a wrong mapping is
 * visible), categories it never saw in training (a warning with counts per column), and errors about the
 * data that name the data — and the line, where the reader can find it — rather than the model file.
 */
import { stat } from 'node:fs/promises';
import { DriftwatchError, isDriftwatchError } from '../../core/index.js';
import { readTable, type Table } from '../../data/index.js';
import { unseenCategories, type InputBinding, type Model } from '../../models/index.js';
import { isInMemory, withDisplayPath, type TableInput } from '../io/index.js';

/** The columns the model reads from the table; an error about them names the data. */
export function bindModelInputs(model: Model, table: Table, data: TableInput): InputBinding {
  try {
    return model.bindInputs(table);
  } catch (e) {
    throw inData(e, data);
  }
}

/**
 * Refuses a feature mapping no model used: every model given matches its inputs by name. `option` is how
 * the caller names the mapping (CLI: `--features`).
 */
export function checkFeaturesUsed(features: readonly string[], bindings: readonly InputBinding[], option: string): void {
  if (features.length === 0 || bindings.some((b) => b.by === 'features')) return;
  const inputs = bindings[0]!.columns.join(', ');
  throw new DriftwatchError(
    'USAGE',
    `${option}: ${bindings.length === 1 ? `this model reads its inputs by name (${inputs})` : 'the models read their inputs by name'}, not by position; rename the data's columns instead`,
    { field: option },
  );
}

/**
 * One line for people: `Inputs by name (3): a, b, c; not used: id`. `whose` prefixes it ("Baseline");
 * `featuresOption` names the mapping as the caller spells it (CLI: `--features`).
 */
export function describeInputs(binding: InputBinding, options: { readonly whose?: string; readonly featuresOption?: string } = {}): string {
  const by = binding.by === 'features' ? `as mapped by ${options.featuresOption ?? 'features'}` : `by ${binding.by}`;
  const unused = binding.unused.length > 0 ? `; not used: ${binding.unused.join(', ')}` : '';
  return `${options.whose !== undefined ? `${options.whose} inputs` : 'Inputs'} ${by} (${binding.columns.length}): ${binding.columns.join(', ')}${unused}`;
}

/** A warning when the data holds categories the model never saw in training, with the rows per column; else null. */
export function unseenCategoriesWarning(model: Model, table: Table, display: string): string | null {
  const unseen = unseenCategories(model.signature.inputs, table);
  if (unseen.length === 0) return null;
  const parts = unseen.map((u) => `${u.column}: ${u.rows} row${u.rows === 1 ? '' : 's'} (${u.values.map((v) => `"${v}"`).join(', ')}${u.distinct > u.values.length ? `, … ${u.distinct} values` : ''})`);
  return `${display} has categories the model never saw in training, predicted like a missing value (docs/models.md): ${parts.join('; ')}`;
}

/**
 * An error the model raised about the table, placed in the data: the file as the caller named it and, for a
 * value that is not a number, its line — found by reading the file again with that column numeric, which the
 * reader rejects at the first bad line (only on this error path, so the second read costs nothing otherwise).
 * Only a regular file is read again: standard input or a pipe has been consumed, so its error names no line.
 */
export async function locateDataError(e: unknown, data: TableInput, table: Table, delimiter: string | undefined): Promise<unknown> {
  if (!isDriftwatchError(e) || e.file !== undefined || isInMemory(data)) return inData(e, data);
  const field = e.field;
  const regular = await stat(data.absolute).then((s) => s.isFile(), () => false);
  if (regular && e.code === 'INVALID_ARGUMENT' && field !== undefined && table.column(field)?.storage === 'categorical') {
    const line = await readTable(data.absolute, { columnKinds: { [field]: 'numeric' }, ...(delimiter !== undefined ? { delimiter } : {}) }).then(
      () => undefined,
      (again: unknown) => (isDriftwatchError(again) ? again.line : undefined),
    );
    if (line !== undefined) return new DriftwatchError(e.code, e.message, { file: data.display, line, field }, { cause: e });
  }
  return inData(e, data);
}

/** The error with the data as its place, when it names none. */
function inData(e: unknown, data: TableInput): unknown {
  if (!isDriftwatchError(e) || e.file !== undefined) return isInMemory(data) ? e : withDisplayPath(e, data);
  return new DriftwatchError(e.code, e.message, { file: data.display, ...(e.field !== undefined ? { field: e.field } : {}) }, { cause: e });
}

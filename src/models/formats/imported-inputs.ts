/**
 * Inputs of imported models (ONNX, XGBoost JSON), which bring their own preprocessing: named columns read
 * as plain numbers, and the rule for a model that reads one feature matrix by position.
 *
 * A positional model cannot tell a label or an id column from a feature, so the data's columns (besides
 * the label) must be exactly its inputs — as many, and the same names where the model records names — or
 * the caller maps them explicitly (`featureNames`, the CLI's --features). Taking "the first N columns"
 * silently fed a label in as a feature; refusing is the only safe answer.
 */
import { DriftwatchError } from '../../core/index.js';
import type { Table } from '../../data/table/index.js';
import type { InputBinding } from '../model.js';
import { requireColumns, type EncoderSpec } from '../preprocess/feature-encoder.js';

/** Reads the named columns as numbers, as they are: no imputation, no scaling. */
export function rawNumericSpec(names: readonly string[]): EncoderSpec {
  return { version: 1, columns: names.map((name) => ({ name, kind: 'numeric' as const, impute: null, scale: null })) };
}

export interface PositionalInputs {
  /** How many features the model reads, when the model says. */
  readonly width: number | null;
  /** The feature names the model records, in input order, else null. */
  readonly names: readonly string[] | null;
  /** The label column, never an input. */
  readonly label: string | null;
  /** The caller's mapping: table columns in the model's input order (checked against `width` at load). */
  readonly featureNames: readonly string[] | null;
  /** Begins error messages: "the XGBoost model". */
  readonly model: string;
}

/** The columns a positional model reads from this table, or an error saying what differs. */
export function bindPositional(table: Table, spec: PositionalInputs): InputBinding {
  const unusedBesides = (columns: readonly string[]): string[] => table.names.filter((n) => !columns.includes(n));
  if (spec.featureNames !== null) {
    requireColumns(spec.featureNames, table);
    return { columns: spec.featureNames, by: 'features', unused: unusedBesides(spec.featureNames) };
  }
  const candidates = table.names.filter((n) => n !== spec.label);
  const besides = spec.label !== null && table.column(spec.label) !== undefined ? ` besides the label "${spec.label}"` : '';
  const labelHint = spec.label === null ? 'name the label column with --label if it is one of them, or ' : '';
  if (spec.names !== null) {
    const missing = spec.names.filter((n) => !candidates.includes(n));
    const extra = candidates.filter((n) => !spec.names!.includes(n));
    if (missing.length > 0 || extra.length > 0) {
      const parts = [
        ...(missing.length > 0 ? [`lacks ${listNames(missing)}`] : []),
        ...(extra.length > 0 ? [`has ${listNames(extra)}, which it does not read`] : []),
      ];
      throw new DriftwatchError(
        missing.length > 0 ? 'COLUMN_NOT_FOUND' : 'INPUT_MISMATCH',
        `${spec.model} reads ${spec.names.length} features by position and records their names (${listNames(spec.names)}); ` +
          `the data ${parts.join(' and ')}. Drop the other columns, ${labelHint}or map the data's columns onto the model's inputs in order with --features`,
        { field: (missing[0] ?? extra[0])! },
      );
    }
    // Every recorded name is a column: read them by name, whatever the file's order.
    return { columns: spec.names, by: 'name', unused: unusedBesides(spec.names) };
  }
  if (spec.width !== null && candidates.length !== spec.width) {
    throw new DriftwatchError(
      'INPUT_MISMATCH',
      `${spec.model} reads ${spec.width} features by position and records no names, but the data has ${candidates.length} columns${besides} (${listNames(candidates)}); ` +
        `${labelHint}give the ${spec.width} input columns in the model's order with --features`,
      {},
    );
  }
  return { columns: candidates, by: 'position', unused: unusedBesides(candidates) };
}

/** Checks the caller's feature names against the width of a positional model, at load time. */
export function checkFeatureNames(featureNames: readonly string[] | undefined, width: number | null, model: string): readonly string[] | null {
  if (featureNames === undefined) return null;
  if (new Set(featureNames).size !== featureNames.length) {
    throw new DriftwatchError('USAGE', `--features: a column is named twice (${featureNames.join(', ')})`, { field: '--features' });
  }
  if (width !== null && featureNames.length !== width) {
    throw new DriftwatchError('USAGE', `--features: ${model} reads ${width} features, but ${featureNames.length} columns were given (${listNames(featureNames)})`, { field: '--features' });
  }
  return featureNames;
}

/** Quoted names, the first dozen when there are many. */
export function listNames(names: readonly string[], max = 12): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

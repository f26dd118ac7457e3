/**
 * Inputs of imported models (ONNX, XGBoost JSON), which bring their own preprocessing: named columns read
 * as plain numbers, and the columns such a model reads by position when it names none.
 */
import { DriftwatchError } from '../../core/index.js';
import type { Table } from '../../data/table/index.js';
import type { EncoderSpec } from '../preprocess/feature-encoder.js';

/** Reads the named columns as numbers, as they are: no imputation, no scaling. */
export function rawNumericSpec(names: readonly string[]): EncoderSpec {
  return { version: 1, columns: names.map((name) => ({ name, kind: 'numeric' as const, impute: null, scale: null })) };
}

/**
 * The first `count` columns of the table besides the label (all of them when `count` is null), for a
 * model that reads its features by position. `model` begins the error message ("the ONNX model").
 */
export function positionalColumns(table: Table, count: number | null, label: string | undefined, model: string, source: string | undefined): string[] {
  const candidates = table.names.filter((n) => n !== label);
  const take = count ?? candidates.length;
  if (candidates.length < take) {
    throw new DriftwatchError(
      'COLUMN_NOT_FOUND',
      `${model} reads ${take} columns by position, but the data has ${candidates.length}${label ? ` besides "${label}"` : ''}`,
      source !== undefined ? { file: source } : {},
    );
  }
  return candidates.slice(0, take);
}

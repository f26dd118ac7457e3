/**
 * JSON rows as the model's input table, and the model's output as JSON rows. Three request shapes reach a
 * model — named rows, named columns, positional rows (the seed services') — and all become one `Table` of
 * the signature's inputs; a value that cannot be read is a 400 naming its field (`rows[3].tenure`).
 */
import { randomUUID } from 'node:crypto';
import type { FeatureValueJson } from '../contracts/index.js';
import { DriftwatchError } from '../core/index.js';
import { categoricalColumn, createTable, numericColumn, type Column, type Table } from '../data/table/index.js';
import type { InputColumn, ModelSignature, PredictionResult } from '../models/index.js';
import type { FeatureValue, PredictionRowInput } from '../store/index.js';

type Row = Readonly<Record<string, FeatureValueJson>>;

function numberOf(v: FeatureValueJson | undefined, field: string): number {
  if (typeof v === 'number') return v;
  if (v === null || v === undefined || v === '') return NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v);
  if (Number.isNaN(n)) throw new DriftwatchError('INVALID_ARGUMENT', `${field} must be a number (the model reads it as numeric), not ${JSON.stringify(v)}`, { field });
  return n;
}

function textOf(v: FeatureValueJson | undefined): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

function missing(field: string, input: InputColumn): DriftwatchError {
  return new DriftwatchError('INVALID_ARGUMENT', `${field} is missing: the model reads ${input.name}; send null for a missing value`, { field });
}

/** One input's values for some rows: numbers (NaN missing) or texts (null missing). */
export type InputValues = Float64Array | (string | null)[];

/** The signature's inputs, in order, for some rows: what one request contributes to a (batched) model call. */
export interface InputBlock {
  readonly rowCount: number;
  readonly values: readonly InputValues[];
}

function inputValues(input: InputColumn, n: number, valueAt: (i: number) => FeatureValueJson | undefined, fieldAt: (i: number) => string): InputValues {
  if (input.kind === 'numeric') {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = valueAt(i);
      if (v === undefined) throw missing(fieldAt(i), input);
      values[i] = numberOf(v, fieldAt(i));
    }
    return values;
  }
  const values = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const v = valueAt(i);
    if (v === undefined) throw missing(fieldAt(i), input);
    values[i] = textOf(v);
  }
  return values;
}

/** Several requests' blocks as one table, rows in block order (the model runs once for all of them). */
export function tableOfBlocks(signature: ModelSignature, blocks: readonly InputBlock[]): Table {
  const columns: Column[] = signature.inputs.map((input, k) => {
    if (blocks.length === 1) {
      const v = blocks[0]!.values[k]!;
      return v instanceof Float64Array ? numericColumn(input.name, v) : categoricalColumn(input.name, v);
    }
    if (input.kind === 'numeric') {
      const total = blocks.reduce((s, b) => s + b.rowCount, 0);
      const out = new Float64Array(total);
      let at = 0;
      for (const b of blocks) {
        out.set(b.values[k] as Float64Array, at);
        at += b.rowCount;
      }
      return numericColumn(input.name, out);
    }
    return categoricalColumn(input.name, blocks.flatMap((b) => b.values[k] as (string | null)[]));
  });
  return createTable(columns);
}

/** `{"rows": [...]}`: each row names its features; other keys are logged but not read. */
export function blockFromRows(signature: ModelSignature, rows: readonly Row[], prefix = 'rows'): InputBlock {
  return { rowCount: rows.length, values: signature.inputs.map((input) => inputValues(input, rows.length, (i) => rows[i]![input.name], (i) => `${prefix}[${i}].${input.name}`)) };
}

export function tableFromRows(signature: ModelSignature, rows: readonly Row[], prefix = 'rows'): Table {
  return tableOfBlocks(signature, [blockFromRows(signature, rows, prefix)]);
}

/** `{"columns": {...}}`: every column the same length. Returns the block and the rows to log. */
export function blockFromColumns(signature: ModelSignature, columns: Readonly<Record<string, readonly FeatureValueJson[]>>): { block: InputBlock; rows: Row[] } {
  const names = Object.keys(columns);
  if (names.length === 0) throw new DriftwatchError('INVALID_ARGUMENT', 'columns is empty; send {"columns": {feature: [values…]}}', { field: 'columns' });
  const n = columns[names[0]!]!.length;
  for (const name of names) {
    if (columns[name]!.length !== n) throw new DriftwatchError('INVALID_ARGUMENT', `columns.${name} has ${columns[name]!.length} values and columns.${names[0]} ${n}: every column needs one value a row`, { field: `columns.${name}` });
  }
  if (n === 0) throw new DriftwatchError('INVALID_ARGUMENT', 'columns hold no rows', { field: 'columns' });
  const values = signature.inputs.map((input) => {
    const col = columns[input.name];
    if (col === undefined) throw new DriftwatchError('INVALID_ARGUMENT', `columns.${input.name} is missing: the model reads ${input.name}`, { field: `columns.${input.name}` });
    return inputValues(input, n, (i) => col[i], (i) => `columns.${input.name}[${i}]`);
  });
  const rows = Array.from({ length: n }, (_, i) => {
    const r: Record<string, FeatureValueJson> = {};
    for (const name of names) r[name] = columns[name]![i]!;
    return r;
  });
  return { block: { rowCount: n, values }, rows };
}

/** Positional rows in the signature's input order (the seed services' `features`). */
export function rowsFromPositional(signature: ModelSignature, features: readonly (readonly FeatureValueJson[])[], prefix = 'features'): Row[] {
  const inputs = signature.inputs;
  return features.map((values, i) => {
    if (values.length !== inputs.length) {
      throw new DriftwatchError(
        'INVALID_ARGUMENT',
        `${prefix}[${i}] has ${values.length} value${values.length === 1 ? '' : 's'}; the model reads ${inputs.length}, in this order: ${inputs.map((c) => c.name).join(', ')}`,
        { field: `${prefix}[${i}]` },
      );
    }
    const r: Record<string, FeatureValueJson> = {};
    for (let k = 0; k < inputs.length; k++) r[inputs[k]!.name] = values[k]!;
    return r;
  });
}

export interface RowPrediction {
  readonly label: string | null;
  readonly probability: number | null;
  readonly probabilities: Record<string, number> | null;
  readonly value: number | null;
}

/** Row i of a model's output, for JSON. */
export function rowPrediction(signature: ModelSignature, result: PredictionResult, i: number): RowPrediction {
  if (signature.task === 'regression') return { label: null, probability: null, probabilities: null, value: result.values![i]! };
  const classes = signature.classes!;
  const k = classes.length;
  const p = result.probabilities!;
  const probabilities: Record<string, number> = {};
  for (let j = 0; j < k; j++) probabilities[classes[j]!] = p[i * k + j]!;
  const positive = k === 2 ? (signature.positiveClass !== null ? classes.indexOf(signature.positiveClass) : 1) : -1;
  return { label: result.labels![i]!, probability: positive >= 0 ? p[i * k + positive]! : null, probabilities, value: null };
}

/** The one number logged as the row's probability: the positive class's (binary) or the top class's. */
export function loggedProbability(out: RowPrediction): number | null {
  if (out.probability !== null) return out.probability;
  if (out.probabilities === null) return null;
  let best = -Infinity;
  for (const k in out.probabilities) best = Math.max(best, out.probabilities[k]!);
  return best;
}

export function loggedPrediction(out: RowPrediction): string | null {
  return out.label ?? (out.value === null ? null : String(out.value));
}

export function newPredictionId(): string {
  return randomUUID();
}

/** A row as the store logs it. */
export function logRow(features: Row, out: RowPrediction | null, extra: { modelVersion: number | null; label?: string | null; tsMs?: number; prediction?: string | null; probability?: number | null }): PredictionRowInput {
  return {
    modelVersion: extra.modelVersion,
    features: features as Readonly<Record<string, FeatureValue>>,
    prediction: out === null ? (extra.prediction ?? null) : loggedPrediction(out),
    probability: out === null ? (extra.probability ?? null) : loggedProbability(out),
    label: extra.label ?? null,
    ...(extra.tsMs !== undefined ? { tsMs: extra.tsMs } : {}),
  };
}

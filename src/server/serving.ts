/**
 * What the serving routes do, apart from their request shapes: predict rows with the production version and
 * log them (group commit: the answer waits for the commit), ingest a batch (idempotent by batch id,
 * predicting rows that come without a prediction), and attach late labels.
 */
import type { FeatureValueJson } from '../contracts/index.js';
import { DriftwatchError } from '../core/index.js';
import type { Runtime, ServedModel } from '../runtime/index.js';
import type { PredictionRowInput } from '../store/index.js';
import type { PredictBatcher } from './predict-batcher.js';
import { logRow, newPredictionId, rowPrediction, tableFromRows, type InputBlock, type RowPrediction } from './serving-rows.js';

type Row = Readonly<Record<string, FeatureValueJson>>;

export interface PredictedRows {
  readonly served: ServedModel;
  readonly ids: string[];
  readonly outputs: RowPrediction[];
}

/** Predicts a block of rows with one served version (batched with other requests) and commits the log rows before resolving. */
export async function predictAndLog(runtime: Runtime, batcher: PredictBatcher, served: ServedModel, block: InputBlock, rows: readonly Row[], labels?: readonly (string | null)[]): Promise<PredictedRows> {
  const { result, offset } = await batcher.predict(served, block);
  const n = block.rowCount;
  const ids = new Array<string>(n);
  const outputs = new Array<RowPrediction>(n);
  const log = new Array<PredictionRowInput>(n);
  for (let i = 0; i < n; i++) {
    const out = rowPrediction(served.signature, result, offset + i);
    const id = newPredictionId();
    ids[i] = id;
    outputs[i] = out;
    log[i] = logRow(rows[i]!, out, { predictionId: id, modelVersion: served.version, label: labels?.[i] ?? null });
  }
  await runtime.predictionLog.append(served.name, log);
  runtime.metrics.predictions.inc({ model: served.name, version: served.version }, n);
  return { served, ids, outputs };
}

const RESERVED = new Set(['prediction', 'probability', 'label', 'timestamp', 'prediction_id']);

function labelText(v: FeatureValueJson | undefined): string | null {
  return v === undefined || v === null ? null : String(v);
}

function timestampOf(v: FeatureValueJson | undefined, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw new DriftwatchError('INVALID_ARGUMENT', `${field} must be an ISO 8601 time or epoch milliseconds, not ${JSON.stringify(v)}`, { field });
  return ms;
}

function probabilityOf(v: FeatureValueJson | undefined, field: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new DriftwatchError('INVALID_ARGUMENT', `${field} must be a number, not ${JSON.stringify(v)}`, { field });
  return v;
}

export interface IngestOutcome {
  readonly status: 'stored' | 'duplicate';
  readonly rows: number;
  readonly predicted: number;
  readonly predictionIds?: string[];
}

/**
 * Logs rows predicted elsewhere: features plus the reserved keys (prediction, probability, label,
 * timestamp, prediction_id). Rows without a prediction are predicted by the production version when there
 * is one (and logged with its version). One transaction; a batch id seen before stores nothing.
 */
export async function ingestRows(runtime: Runtime, model: string, batchId: string, rows: readonly Row[], prefix = 'rows'): Promise<IngestOutcome> {
  await requireModel(runtime, model);
  const features: Row[] = rows.map((r) => {
    const f: Record<string, FeatureValueJson> = {};
    for (const k in r) if (!RESERVED.has(k)) f[k] = r[k]!;
    return f;
  });
  const unpredicted: number[] = [];
  rows.forEach((r, i) => {
    if (r['prediction'] === undefined || r['prediction'] === null) unpredicted.push(i);
  });
  let served: ServedModel | undefined;
  const outputs = new Map<number, RowPrediction>();
  if (unpredicted.length > 0) {
    served = await runtime.models.get(model).catch((e: unknown) => {
      if (e instanceof DriftwatchError && e.code === 'NOT_FOUND') return undefined;
      throw e;
    });
    if (served !== undefined) {
      const subset = unpredicted.map((i) => features[i]!);
      const table = tableFromRows(served.signature, subset, prefix);
      const result = await served.model.predict(table);
      unpredicted.forEach((rowIndex, j) => outputs.set(rowIndex, rowPrediction(served!.signature, result, j)));
    }
  }
  const ids: string[] = [];
  const log = rows.map((r, i): PredictionRowInput => {
    const given = r['prediction_id'];
    const id = typeof given === 'string' && given !== '' ? given : newPredictionId();
    ids.push(id);
    const out = outputs.get(i) ?? null;
    const ts = timestampOf(r['timestamp'], `${prefix}[${i}].timestamp`);
    return logRow(features[i]!, out, {
      predictionId: id,
      modelVersion: out !== null ? served!.version : null,
      label: labelText(r['label']),
      ...(ts !== undefined ? { tsMs: ts } : {}),
      prediction: labelText(r['prediction']),
      probability: probabilityOf(r['probability'], `${prefix}[${i}].probability`),
    });
  });
  // Through the monitor: features listed under monitor.redact are hashed before they are stored.
  const stored = await runtime.monitor.logRows(model, batchId, log);
  if (stored.status === 'duplicate') return { status: 'duplicate', rows: stored.rowCount, predicted: 0, predictionIds: [...stored.predictionIds] };
  runtime.metrics.ingestedRows.inc({ model }, rows.length);
  if (outputs.size > 0) runtime.metrics.predictions.inc({ model, version: served!.version }, outputs.size);
  return { status: 'stored', rows: rows.length, predicted: outputs.size, predictionIds: ids };
}

/** NOT_FOUND for a model that is not registered: rows for a misspelt name are refused, not kept apart. */
export async function requireModel(runtime: Runtime, model: string): Promise<void> {
  if (runtime.models.peek(model) !== undefined) return;
  if ((await runtime.store.models.getModel(model)) === undefined) {
    throw new DriftwatchError('NOT_FOUND', `there is no model named "${model}"; register it first (driftwatch models register ${model} …)`, { field: 'name' });
  }
}

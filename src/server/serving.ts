/**
 * What the serving routes do, apart from their request shapes: predict rows with the production version and
 * log them (group commit: the answer waits for the commit), ingest a batch (idempotent by batch id,
 * predicting rows that come without a prediction), and attach late labels.
 */
import type { FeatureValueJson } from '../contracts/index.js';
import { DriftwatchError } from '../core/index.js';
import type { Runtime, ServedModel } from '../runtime/index.js';
import { ColumnBuilder, type FeatureValue, type PayloadColumn, type PredictionColumnsInput, type PredictionRowInput } from '../store/index.js';
import type { PredictBatcher } from './predict-batcher.js';
import { loggedPrediction, loggedProbability, logRow, newPredictionId, rowPrediction, tableFromRows, type InputBlock, type RowPrediction } from './serving-rows.js';

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
  const outputs = new Array<RowPrediction>(n);
  const log = new Array<PredictionRowInput>(n);
  for (let i = 0; i < n; i++) {
    const out = rowPrediction(served.signature, result, offset + i);
    outputs[i] = out;
    log[i] = logRow(rows[i]!, out, { modelVersion: served.version, label: labels?.[i] ?? null });
  }
  // No id is made here: the store derives each row's from its group's batch (no per-row id table), and
  // the log hands this request its slice.
  const ids = await runtime.predictionLog.append(served.name, log);
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
 *
 * The parsed JSON rows go straight into column arrays (one pass, no per-row objects) and to the monitor's
 * columnar path. Ids are the store's (derived from the batch) unless the caller sent its own; a batch mixing
 * rows with and without `prediction_id` gets new ids for the rest, so every row of it still has one.
 */
export async function ingestRows(runtime: Runtime, model: string, batchId: string, rows: readonly Row[], prefix = 'rows'): Promise<IngestOutcome> {
  await requireModel(runtime, model);
  const n = rows.length;
  const builders = new Map<string, ColumnBuilder>();
  const prediction = new Array<string | null>(n);
  const probability = new Float64Array(n);
  const label = new Array<string | null>(n);
  let tsMs: Float64Array | undefined;
  let callerIds: (string | undefined)[] | undefined;
  const unpredicted: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    for (const k in r) {
      if (RESERVED.has(k)) continue;
      let b = builders.get(k);
      if (b === undefined) {
        b = new ColumnBuilder(k, n);
        builders.set(k, b);
      }
      b.set(i, r[k] as FeatureValue);
    }
    const p = r['prediction'];
    if (p === undefined || p === null) unpredicted.push(i);
    prediction[i] = labelText(p);
    probability[i] = probabilityOf(r['probability'], `${prefix}[${i}].probability`) ?? NaN;
    label[i] = labelText(r['label']);
    const ts = timestampOf(r['timestamp'], `${prefix}[${i}].timestamp`);
    if (ts !== undefined) (tsMs ??= new Float64Array(n).fill(runtime.clock.now()))[i] = ts;
    const given = r['prediction_id'];
    if (typeof given === 'string' && given !== '') (callerIds ??= new Array<string | undefined>(n))[i] = given;
  }
  let served: ServedModel | undefined;
  let modelVersion: Float64Array | undefined;
  if (unpredicted.length > 0) {
    served = await runtime.models.get(model).catch((e: unknown) => {
      if (e instanceof DriftwatchError && e.code === 'NOT_FOUND') return undefined;
      throw e;
    });
    if (served !== undefined) {
      const table = tableFromRows(served.signature, unpredicted.map((i) => rows[i]!), prefix);
      const result = await served.model.predict(table);
      modelVersion = new Float64Array(n).fill(NaN);
      for (let j = 0; j < unpredicted.length; j++) {
        const i = unpredicted[j]!;
        const out = rowPrediction(served.signature, result, j);
        prediction[i] = loggedPrediction(out);
        probability[i] = loggedProbability(out) ?? NaN;
        modelVersion[i] = served.version;
      }
    }
  }
  const features: Record<string, PayloadColumn> = {};
  for (const [k, b] of builders) features[k] = b.build();
  const predictionIds = callerIds?.map((id) => id ?? newPredictionId());
  const batch: PredictionColumnsInput = {
    rowCount: n,
    features,
    prediction,
    probability,
    label,
    ...(tsMs !== undefined ? { tsMs } : {}),
    ...(modelVersion !== undefined ? { modelVersion } : {}),
    ...(predictionIds !== undefined ? { predictionIds } : {}),
  };
  // Through the monitor: features listed under monitor.redact are hashed before they are stored.
  const stored = await runtime.monitor.logColumns(model, batchId, batch);
  if (stored.status === 'duplicate') return { status: 'duplicate', rows: stored.rowCount, predicted: 0, predictionIds: [...stored.predictionIds] };
  const predicted = modelVersion !== undefined ? unpredicted.length : 0;
  runtime.metrics.ingestedRows.inc({ model }, n);
  if (predicted > 0) runtime.metrics.predictions.inc({ model, version: served!.version }, predicted);
  return { status: 'stored', rows: n, predicted, predictionIds: stored.predictionIds as string[] };
}

/** NOT_FOUND for a model that is not registered: rows for a misspelt name are refused, not kept apart. */
export async function requireModel(runtime: Runtime, model: string): Promise<void> {
  if (runtime.models.peek(model) !== undefined) return;
  if ((await runtime.store.models.getModel(model)) === undefined) {
    throw new DriftwatchError('NOT_FOUND', `there is no model named "${model}"; register it first (driftwatch models register ${model} …)`, { field: 'name' });
  }
}

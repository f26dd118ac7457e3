/**
 * Logged prediction rows (from the predict route and from ingest) and ingest batches. A batch id is an
 * idempotency key: a batch sent twice is stored once. Windows come back column by column, never as one
 * object per row, so the monitor can build a Table from them directly.
 */
import { DriftwatchError } from '../../core/index.js';
import { nowValue, type StoreContext } from '../context.js';
import type { Database } from '../schema.js';
import type { Kysely } from 'kysely';

export type FeatureValue = number | string | boolean | null;

export interface PredictionRowInput {
  readonly predictionId: string;
  readonly modelVersion?: number | null;
  /** When the prediction was made, epoch ms (defaults to the store clock's now). */
  readonly tsMs?: number;
  readonly features: Readonly<Record<string, FeatureValue>>;
  readonly prediction?: string | null;
  readonly probability?: number | null;
  readonly label?: string | null;
}

export interface PredictionWindow {
  readonly rowCount: number;
  readonly predictionIds: readonly string[];
  readonly tsMs: Float64Array;
  readonly modelVersion: readonly (number | null)[];
  /** One array per feature name seen in the window, in first-seen order; a row without it has null. */
  readonly features: ReadonlyMap<string, readonly FeatureValue[]>;
  readonly prediction: readonly (string | null)[];
  /** NaN where no probability was logged. */
  readonly probability: Float64Array;
  readonly label: readonly (string | null)[];
}

export interface WindowQuery {
  /** The last N rows logged for the model. */
  readonly last?: number;
  /** Rows with fromMs <= ts < toMs. */
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Only rows whose label has arrived. */
  readonly labelledOnly?: boolean;
}

export interface PredictionRepository {
  /** Stores a batch atomically; `duplicate` (and nothing stored) when the batch id was seen for this model. */
  insertBatch(modelName: string, batchId: string | null, rows: readonly PredictionRowInput[]): Promise<{ status: 'stored' | 'duplicate'; rowCount: number }>;
  /** Sets late labels; ids that match no logged row are returned, never dropped silently. */
  setLabels(modelName: string, labels: readonly { predictionId: string; label: string }[]): Promise<{ updated: number; unknown: string[] }>;
  readWindow(modelName: string, query: WindowQuery): Promise<PredictionWindow>;
  count(modelName: string): Promise<number>;
  /** Deletes rows older than a time; returns how many. */
  prune(modelName: string, beforeMs: number): Promise<number>;
}

const INSERT_CHUNK = 1000;
const IN_CHUNK = 500;

/** A batch's features, column by column. */
interface FeaturePayload {
  readonly names: string[];
  readonly columns: FeatureValue[][];
}

function toColumns(rows: readonly PredictionRowInput[]): FeaturePayload {
  const index = new Map<string, number>();
  const names: string[] = [];
  const columns: FeatureValue[][] = [];
  rows.forEach((r, i) => {
    for (const key in r.features) {
      let k = index.get(key);
      if (k === undefined) {
        k = names.length;
        index.set(key, k);
        names.push(key);
        columns.push(new Array<FeatureValue>(rows.length).fill(null));
      }
      columns[k]![i] = r.features[key] ?? null;
    }
  });
  return { names, columns };
}

export function predictionRepository(ctx: StoreContext): PredictionRepository {
  const { db, dialect, clock } = ctx;
  const inTransaction = <T>(fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
  return {
    insertBatch(modelName, batchId, rows) {
      return inTransaction(async (tx) => {
        const batch = await tx.insertInto('prediction_batches')
          .values({ model_name: modelName, batch_id: batchId, received_at: nowValue(ctx), row_count: rows.length, features: dialect.writeJson(toColumns(rows)) })
          .onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
        if (batch === undefined) {
          const prior = await tx.selectFrom('prediction_batches').select('row_count').where('model_name', '=', modelName).where('batch_id', '=', batchId).executeTakeFirstOrThrow();
          return { status: 'duplicate' as const, rowCount: prior.row_count };
        }
        const now = clock.now();
        for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
          const values = rows.slice(start, start + INSERT_CHUNK).map((r, j) => ({
            model_name: modelName,
            batch_pk: batch.id,
            row_index: start + j,
            model_version: r.modelVersion ?? null,
            prediction_id: r.predictionId,
            ts_ms: r.tsMs ?? now,
            prediction: r.prediction ?? null,
            probability: r.probability ?? null,
            label: r.label ?? null,
            labelled_at: r.label == null ? null : dialect.writeTime(now),
          }));
          const inserted = await tx.insertInto('prediction_rows').values(values).onConflict((oc) => oc.doNothing()).returning('id').execute();
          if (inserted.length !== values.length) {
            throw new DriftwatchError('CONFLICT', `batch ${batchId ?? '(no id)'} repeats prediction ids that are already logged; each row needs a new prediction_id`, { field: 'prediction_id' });
          }
        }
        return { status: 'stored' as const, rowCount: rows.length };
      });
    },
    setLabels(modelName, labels) {
      return inTransaction(async (tx) => {
        const unknown: string[] = [];
        let updated = 0;
        const at = nowValue(ctx);
        for (const { predictionId, label } of labels) {
          const res = await tx.updateTable('prediction_rows').set({ label, labelled_at: at }).where('model_name', '=', modelName).where('prediction_id', '=', predictionId).executeTakeFirst();
          if (Number(res.numUpdatedRows) === 0) unknown.push(predictionId);
          else updated++;
        }
        return { updated, unknown };
      });
    },
    async readWindow(modelName, query) {
      let q = db.selectFrom('prediction_rows')
        .select(['batch_pk', 'row_index', 'prediction_id', 'ts_ms', 'model_version', 'prediction', 'probability', 'label'])
        .where('model_name', '=', modelName);
      if (query.fromMs !== undefined) q = q.where('ts_ms', '>=', query.fromMs);
      if (query.toMs !== undefined) q = q.where('ts_ms', '<', query.toMs);
      if (query.labelledOnly === true) q = q.where('label', 'is not', null);
      const rows = query.last !== undefined
        ? (await q.orderBy('id', 'desc').limit(query.last).execute()).reverse()
        : await q.orderBy('ts_ms').orderBy('id').execute();
      const n = rows.length;
      const tsMs = new Float64Array(n);
      const probability = new Float64Array(n);
      const predictionIds = new Array<string>(n);
      const modelVersion = new Array<number | null>(n);
      const prediction = new Array<string | null>(n);
      const label = new Array<string | null>(n);
      const batchIds = new Set<number>();
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        predictionIds[i] = r.prediction_id;
        tsMs[i] = r.ts_ms;
        modelVersion[i] = r.model_version;
        prediction[i] = r.prediction;
        probability[i] = r.probability ?? NaN;
        label[i] = r.label;
        batchIds.add(r.batch_pk);
      }
      const payloads = new Map<number, FeaturePayload>();
      const ids = [...batchIds];
      for (let start = 0; start < ids.length; start += IN_CHUNK) {
        const got = await db.selectFrom('prediction_batches').select(['id', 'features']).where('id', 'in', ids.slice(start, start + IN_CHUNK)).execute();
        for (const b of got) payloads.set(b.id, dialect.readJson(b.features) as FeaturePayload);
      }
      const features = new Map<string, FeatureValue[]>();
      // Columns in first-seen order across the window's batches; a batch without a column leaves nulls.
      let lastBatch = -1;
      let targets: FeatureValue[][] = [];
      let sources: FeatureValue[][] = [];
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        if (r.batch_pk !== lastBatch) {
          lastBatch = r.batch_pk;
          const p = payloads.get(r.batch_pk)!;
          sources = p.columns;
          targets = p.names.map((name) => {
            let col = features.get(name);
            if (col === undefined) {
              col = new Array<FeatureValue>(n).fill(null);
              features.set(name, col);
            }
            return col;
          });
        }
        for (let k = 0; k < targets.length; k++) targets[k]![i] = sources[k]![r.row_index]!;
      }
      return { rowCount: n, predictionIds, tsMs, modelVersion, features, prediction, probability, label };
    },
    async count(modelName) {
      const r = await db.selectFrom('prediction_rows').select((eb) => eb.fn.countAll().as('n')).where('model_name', '=', modelName).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async prune(modelName, beforeMs) {
      return inTransaction(async (tx) => {
        const res = await tx.deleteFrom('prediction_rows').where('model_name', '=', modelName).where('ts_ms', '<', beforeMs).executeTakeFirst();
        // A batch whose rows are all gone drops its features but stays, so its batch id is still a duplicate.
        await tx.updateTable('prediction_batches').set({ features: dialect.writeJson({ names: [], columns: [] }) }).where('model_name', '=', modelName).where('row_count', '>', 0)
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('prediction_rows').select('prediction_rows.id').whereRef('prediction_rows.batch_pk', '=', 'prediction_batches.id'))))
          .execute();
        return Number(res.numDeletedRows);
      });
    },
  };
}

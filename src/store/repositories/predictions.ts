/**
 * Logged predictions (from the predict route and from ingest). A batch is one database row holding all its
 * rows column by column (src/store/column-codec.ts): features, and the per-row time, model version,
 * prediction, probability and label. Logging 100,000 rows is one insert of one value, committed before
 * the call returns; reading a window decodes a few payloads into typed arrays, never one object per row.
 *
 * A row's prediction id is derived from its batch (`<batch pk>-<row index>`), so no per-row table is
 * written; callers that bring their own ids (`predictionId`) get them mapped in `prediction_ids`, a slower
 * path. Late labels go to `prediction_labels`, written only on feedback. A batch id is an idempotency key:
 * a batch sent twice is stored once, and the second answer is `duplicate` with the first one's ids.
 */
import type { Kysely } from 'kysely';
import { DriftwatchError } from '../../core/index.js';
import { cellAt, ColumnBuilder, decodePayload, encodePayload, MISSING, type CellValue, type DecodedPayload, type PayloadColumn } from '../column-codec.js';
import { nowValue, type StoreContext } from '../context.js';
import type { Database } from '../schema.js';

export type FeatureValue = CellValue;

export interface PredictionRowInput {
  /** The caller's own id for the row (slower path); absent, the store derives one from the batch. */
  readonly predictionId?: string;
  readonly modelVersion?: number | null;
  /** When the prediction was made, epoch ms (defaults to the store clock's now). */
  readonly tsMs?: number;
  readonly features: Readonly<Record<string, FeatureValue>>;
  readonly prediction?: string | null;
  readonly probability?: number | null;
  readonly label?: string | null;
}

/** A batch given column by column: the fast path (no per-row objects on the way in either). */
export interface PredictionColumnsInput {
  readonly rowCount: number;
  /** Feature columns by name: plain arrays or encoded columns (see `ColumnBuilder`). */
  readonly features: Readonly<Record<string, readonly FeatureValue[] | PayloadColumn>>;
  /** One time for every row, or one per row (default: the store clock's now). */
  readonly tsMs?: number | Float64Array | readonly number[];
  /** One version for every row, or one per row (NaN or null: unknown). */
  readonly modelVersion?: number | null | Float64Array | readonly (number | null)[];
  readonly prediction?: readonly (string | null)[];
  /** NaN or null where no probability was logged. */
  readonly probability?: Float64Array | readonly (number | null)[];
  readonly label?: readonly (string | null)[];
  /** The caller's own ids, one per row (slower path). */
  readonly predictionIds?: readonly string[];
}

export interface InsertResult {
  readonly status: 'stored' | 'duplicate';
  readonly rowCount: number;
  /** Each row's prediction id, in row order (for a duplicate: the first batch's). */
  readonly predictionIds: readonly string[];
}

export interface PredictionWindow {
  readonly rowCount: number;
  readonly predictionIds: readonly string[];
  readonly tsMs: Float64Array;
  /** null where the version is unknown. */
  readonly modelVersion: readonly (number | null)[];
  /** One column per feature name seen in the window, in first-seen order; rows of a batch without it are missing. */
  readonly features: ReadonlyMap<string, PayloadColumn>;
  readonly prediction: readonly (string | null)[];
  /** NaN where no probability was logged. */
  readonly probability: Float64Array;
  /** The late label if one arrived, else the label logged with the row, else null. */
  readonly label: readonly (string | null)[];
}

export interface WindowQuery {
  /** The last N rows logged for the model (in log order). */
  readonly last?: number;
  /** Rows with fromMs <= ts < toMs, in time order. */
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Only rows whose label has arrived. */
  readonly labelledOnly?: boolean;
}

export interface PredictionRepository {
  /** Stores a batch atomically; `duplicate` (and nothing stored) when the batch id was seen for this model. */
  insertBatch(modelName: string, batchId: string | null, rows: readonly PredictionRowInput[]): Promise<InsertResult>;
  /** The same, from columns. */
  insertColumns(modelName: string, batchId: string | null, batch: PredictionColumnsInput): Promise<InsertResult>;
  /** Sets late labels; ids that match no logged row are returned, never dropped silently. */
  setLabels(modelName: string, labels: readonly { predictionId: string; label: string }[]): Promise<{ updated: number; unknown: string[] }>;
  readWindow(modelName: string, query: WindowQuery): Promise<PredictionWindow>;
  /** Rows logged and not pruned. */
  count(modelName: string): Promise<number>;
  /** Models with logged batches. */
  modelNames(): Promise<string[]>;
  /** Removes rows older than a time; returns how many. */
  prune(modelName: string, beforeMs: number): Promise<number>;
  /** Removes whole batches, oldest first, while at least `maxRows` newer rows remain; returns how many rows went. */
  pruneToCount(modelName: string, maxRows: number): Promise<number>;
}

const IN_CHUNK = 500;
/** Batches committed together at most (a bound on one transaction's size and on a waiting caller's delay). */
const MAX_GROUP = 64;

/** A batch encoded and waiting for the next group commit. */
interface PendingInsert {
  readonly modelName: string;
  readonly batchId: string | null;
  readonly n: number;
  readonly payload: Buffer;
  readonly minTs: number;
  readonly maxTs: number;
  readonly explicit: readonly string[] | undefined;
  resolve(r: InsertResult): void;
  reject(e: unknown): void;
}
const META_PAGE = 500;

/** The derived id of a row: its batch's primary key and its index in the batch. */
export function derivedPredictionId(batchPk: number, rowIndex: number): string {
  return `${batchPk}-${rowIndex}`;
}

function parseDerivedId(id: string): { batchPk: number; rowIndex: number } | null {
  const m = /^(\d{1,15})-(\d{1,9})$/.exec(id);
  return m === null ? null : { batchPk: Number(m[1]), rowIndex: Number(m[2]) };
}

function rowsToColumns(rows: readonly PredictionRowInput[], now: number): PredictionColumnsInput {
  const n = rows.length;
  const builders = new Map<string, ColumnBuilder>();
  const tsMs = new Float64Array(n);
  const modelVersion = new Float64Array(n);
  const probability = new Float64Array(n);
  const prediction = new Array<string | null>(n);
  const label = new Array<string | null>(n);
  let ids: string[] | undefined;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const f = r.features;
    for (const key in f) {
      let b = builders.get(key);
      if (b === undefined) {
        b = new ColumnBuilder(key, n);
        builders.set(key, b);
      }
      b.set(i, f[key]);
    }
    tsMs[i] = r.tsMs ?? now;
    modelVersion[i] = r.modelVersion ?? NaN;
    probability[i] = r.probability ?? NaN;
    prediction[i] = r.prediction ?? null;
    label[i] = r.label ?? null;
    if (r.predictionId !== undefined) (ids ??= new Array<string>(n))[i] = r.predictionId;
  }
  if (ids !== undefined && ids.some((id) => id === undefined)) {
    throw new DriftwatchError('INVALID_ARGUMENT', 'either every row of a batch carries a prediction_id or none does', { field: 'prediction_id' });
  }
  const features: Record<string, PayloadColumn> = {};
  for (const [k, b] of builders) features[k] = b.build();
  return { rowCount: n, features, tsMs, modelVersion, probability, prediction, label, ...(ids !== undefined ? { predictionIds: ids } : {}) };
}

function toColumn(name: string, n: number, values: readonly (CellValue | undefined)[] | PayloadColumn): PayloadColumn {
  if (!Array.isArray(values)) return { ...(values as PayloadColumn), name };
  const b = new ColumnBuilder(name, n);
  for (let i = 0; i < n; i++) b.set(i, values[i]);
  return b.build();
}

function numbers(n: number, v: number | null | undefined | Float64Array | readonly (number | null)[], fallback: number): Float64Array {
  if (v instanceof Float64Array) return v;
  if (v === undefined || v === null || typeof v === 'number') return new Float64Array(n).fill(v ?? fallback);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = v[i] ?? NaN;
  return out;
}

function checkLength(what: string, got: number, n: number): void {
  if (got !== n) throw new DriftwatchError('INVALID_ARGUMENT', `${what} has ${got} values for a batch of ${n} rows`, { field: what });
}

/** The batch as the payload stores it, checked for shape. */
function encodeBatch(b: PredictionColumnsInput, now: number): { payload: Buffer; minTs: number; maxTs: number } {
  const n = b.rowCount;
  const features = Object.entries(b.features).map(([name, v]) => {
    const c = toColumn(name, n, v);
    checkLength(`feature ${name}`, c.kind === 'f64' ? c.values.length : c.codes.length, n);
    return c;
  });
  const ts = numbers(n, b.tsMs, now);
  checkLength('tsMs', ts.length, n);
  let minTs = Infinity;
  let maxTs = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = ts[i]!;
    if (!Number.isFinite(t)) throw new DriftwatchError('INVALID_ARGUMENT', `row ${i} has no valid timestamp`, { field: `rows[${i}].timestamp` });
    if (t < minTs) minTs = t;
    if (t > maxTs) maxTs = t;
  }
  const rows: PayloadColumn[] = [
    { kind: 'f64', name: 'ts', values: ts },
    { kind: 'f64', name: 'version', values: numbers(n, b.modelVersion, NaN) },
    { kind: 'f64', name: 'probability', values: numbers(n, b.probability, NaN) },
  ];
  if (b.prediction !== undefined) rows.push(toColumn('prediction', n, b.prediction));
  if (b.label !== undefined) rows.push(toColumn('label', n, b.label));
  if (b.predictionIds !== undefined) rows.push(toColumn('id', n, b.predictionIds));
  for (const c of rows) checkLength(c.name, c.kind === 'f64' ? c.values.length : c.codes.length, n);
  return { payload: encodePayload(n, { features, rows }), minTs: n === 0 ? 0 : minTs, maxTs: n === 0 ? 0 : maxTs };
}

/** Rows of a batch picked for a window. */
interface Segment {
  readonly pk: number;
  readonly payload: DecodedPayload;
  /** Row indexes in the batch, ascending. */
  rows: Int32Array;
  /** Late labels by row index. */
  readonly labels: ReadonlyMap<number, string>;
}

function group(p: DecodedPayload, g: string): readonly PayloadColumn[] {
  return p.groups[g] ?? [];
}

function rowColumn(p: DecodedPayload, name: string): PayloadColumn | undefined {
  return group(p, 'rows').find((c) => c.name === name);
}

function textAt(c: PayloadColumn | undefined, i: number): string | null {
  if (c === undefined) return null;
  const v = cellAt(c, i);
  return v === null ? null : String(v);
}

export function predictionRepository(ctx: StoreContext): PredictionRepository {
  const { db, clock } = ctx;
  const inTransaction = <T>(fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> => (db.isTransaction ? fn(db) : db.transaction().execute(fn));

  const idsOf = (pk: number, n: number, explicit: readonly string[] | undefined): string[] => {
    if (explicit !== undefined) return [...explicit];
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = derivedPredictionId(pk, i);
    return out;
  };

  /** Inserts one encoded batch in the transaction `tx` (its ids too, when the caller chose them). */
  const insertOne = async (tx: Kysely<Database>, item: PendingInsert): Promise<InsertResult> => {
    const { modelName, batchId, n, explicit } = item;
    const inserted = await tx.insertInto('prediction_batches')
      .values({
        model_name: modelName, batch_id: batchId, received_at: nowValue(ctx), row_count: n, live_rows: n,
        min_ts_ms: item.minTs, max_ts_ms: item.maxTs, pruned_before_ms: null, explicit_ids: explicit !== undefined ? 1 : 0, payload: item.payload,
      })
      .onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    if (inserted === undefined) return duplicateOf(tx, modelName, batchId);
    const pk = inserted.id;
    if (explicit !== undefined) {
      const inserted = await ctx.dialect.insertPredictionIds(tx, modelName, pk, explicit);
      if (inserted !== n) throw idsTaken(batchId);
    }
    return { status: 'stored' as const, rowCount: n, predictionIds: idsOf(pk, n, explicit) };
  };

  /** The answer to a batch id seen before: the first batch's row count and ids. */
  const duplicateOf = async (conn: Kysely<Database>, modelName: string, batchId: string | null): Promise<InsertResult> => {
    const prior = await conn.selectFrom('prediction_batches').select(['id', 'row_count', 'explicit_ids', 'payload']).where('model_name', '=', modelName).where('batch_id', '=', batchId).executeTakeFirstOrThrow();
    let ids: string[] = [];
    if (prior.explicit_ids === 1) {
      const idColumn = prior.payload === null ? undefined : rowColumn(decodePayload(prior.payload), 'id');
      if (idColumn !== undefined) ids = Array.from({ length: prior.row_count }, (_, i) => textAt(idColumn, i)!);
    } else ids = idsOf(prior.id, prior.row_count, undefined);
    return { status: 'duplicate' as const, rowCount: prior.row_count, predictionIds: ids };
  };

  const idsTaken = (batchId: string | null): DriftwatchError =>
    new DriftwatchError('CONFLICT', `batch ${batchId ?? '(no id)'} repeats prediction ids that are already logged; each row needs a new prediction_id`, { field: 'prediction_id' });

  /** SQLite: the batch commits on the write thread (its group commit), the event loop free meanwhile. */
  const insertOffThread = async (item: Omit<PendingInsert, 'resolve' | 'reject'>): Promise<InsertResult> => {
    const { modelName, batchId, n, explicit } = item;
    const r = await ctx.writeThread!.submit({
      kind: 'batch', modelName, batchId, receivedAt: nowValue(ctx), n, minTs: item.minTs, maxTs: item.maxTs, payload: item.payload, explicitIds: explicit ?? null,
    });
    if (r.kind === 'duplicate') return duplicateOf(db, modelName, batchId);
    if (r.kind === 'ids-taken') throw idsTaken(batchId);
    if (r.kind !== 'stored') throw new DriftwatchError('INTERNAL', `unexpected answer from the write thread: ${r.kind}`);
    return { status: 'stored', rowCount: n, predictionIds: idsOf(r.pk, n, explicit) };
  };

  /**
   * Group commit: batches logged while a commit is under way wait for it, then go in together in the next
   * transaction, so concurrent callers share one commit (one fsync) instead of queueing for one each. Every
   * caller still returns only after its batch is committed. If the group's transaction fails (a caller's
   * repeated prediction ids), each batch is retried in its own transaction, so one bad batch fails alone.
   */
  const pending: PendingInsert[] = [];
  // SQLite has one connection (and one writer at a time); a Postgres pool commits several groups at once.
  const maxFlushers = ctx.dialect.concurrentWriters;
  let flushing = 0;
  const flush = async (): Promise<void> => {
    flushing++;
    try {
      while (pending.length > 0) {
        const group = pending.splice(0, MAX_GROUP);
        try {
          const results = await db.transaction().execute(async (tx) => {
            const out: InsertResult[] = [];
            for (const item of group) out.push(await insertOne(tx, item));
            return out;
          });
          group.forEach((g, i) => g.resolve(results[i]!));
        } catch (e) {
          if (group.length === 1) group[0]!.reject(e);
          else {
            for (const g of group) {
              try {
                g.resolve(await db.transaction().execute((tx) => insertOne(tx, g)));
              } catch (err) {
                g.reject(err);
              }
            }
          }
        }
      }
    } finally {
      flushing--;
    }
  };

  const insertColumns = async (modelName: string, batchId: string | null, batch: PredictionColumnsInput): Promise<InsertResult> => {
    const n = batch.rowCount;
    if (!Number.isInteger(n) || n < 0) throw new DriftwatchError('INVALID_ARGUMENT', `a batch's row count must be a whole number, not ${n}`, { field: 'rows' });
    if (batch.predictionIds !== undefined) {
      checkLength('predictionIds', batch.predictionIds.length, n);
      if (new Set(batch.predictionIds).size !== n) throw new DriftwatchError('INVALID_ARGUMENT', `batch ${batchId ?? '(no id)'} repeats a prediction id; each row needs its own`, { field: 'prediction_id' });
    }
    // Encoding happens before the transaction: the write lock is held only for the insert itself.
    const { payload, minTs, maxTs } = encodeBatch(batch, clock.now());
    const base = { modelName, batchId, n, payload, minTs, maxTs, explicit: batch.predictionIds };
    // Inside a caller's transaction the batch commits with it.
    if (db.isTransaction) return insertOne(db, { ...base, resolve: () => undefined, reject: () => undefined });
    if (ctx.writeThread !== undefined) return insertOffThread(base);
    return new Promise<InsertResult>((resolve, reject) => {
      pending.push({ ...base, resolve, reject });
      if (flushing < maxFlushers) void flush();
    });
  };

  /** Decoded payloads and late labels of some batches. */
  const loadSegments = async (model: string, pks: readonly number[]): Promise<Map<number, { payload: DecodedPayload; labels: Map<number, string> }>> => {
    const out = new Map<number, { payload: DecodedPayload; labels: Map<number, string> }>();
    for (let start = 0; start < pks.length; start += IN_CHUNK) {
      const chunk = pks.slice(start, start + IN_CHUNK);
      const got = await db.selectFrom('prediction_batches').select(['id', 'payload']).where('id', 'in', chunk).execute();
      for (const b of got) if (b.payload !== null) out.set(b.id, { payload: decodePayload(b.payload), labels: new Map() });
      const labels = await db.selectFrom('prediction_labels').select(['batch_pk', 'row_index', 'label']).where('model_name', '=', model).where('batch_pk', 'in', chunk).execute();
      for (const l of labels) out.get(l.batch_pk)?.labels.set(l.row_index, l.label);
    }
    return out;
  };

  interface Meta { id: number; live_rows: number; pruned_before_ms: number | null }

  /** The rows of a batch that are live, in the time range and (when asked) labelled. */
  const selectRows = (meta: Meta, seg: { payload: DecodedPayload; labels: Map<number, string> }, query: WindowQuery): Int32Array => {
    const p = seg.payload;
    const ts = (rowColumn(p, 'ts') as { values: Float64Array }).values;
    const label = rowColumn(p, 'label');
    const from = Math.max(query.fromMs ?? -Infinity, meta.pruned_before_ms ?? -Infinity);
    const to = query.toMs ?? Infinity;
    const picked = new Int32Array(p.n);
    let k = 0;
    for (let i = 0; i < p.n; i++) {
      const t = ts[i]!;
      if (t < from || t >= to) continue;
      if (query.labelledOnly === true && !seg.labels.has(i) && (label === undefined || cellAt(label, i) === null)) continue;
      picked[k++] = i;
    }
    return picked.subarray(0, k);
  };

  const readWindow = async (modelName: string, query: WindowQuery): Promise<PredictionWindow> => {
    const segments: Segment[] = [];
    if (query.last !== undefined) {
      // Newest batches first, a page at a time, until the window is full.
      let total = 0;
      let before = 2_147_483_647; // ids are int4 (serial) on Postgres
      const newestFirst: Segment[] = [];
      while (total < query.last) {
        let q = db.selectFrom('prediction_batches').select(['id', 'live_rows', 'pruned_before_ms']).where('model_name', '=', modelName).where('live_rows', '>', 0).where('id', '<=', before);
        if (query.fromMs !== undefined) q = q.where('max_ts_ms', '>=', query.fromMs);
        if (query.toMs !== undefined) q = q.where('min_ts_ms', '<', query.toMs);
        const metas = await q.orderBy('id', 'desc').limit(META_PAGE).execute();
        if (metas.length === 0) break;
        before = metas[metas.length - 1]!.id - 1;
        // Without filters a batch's live rows all count, so only the batches needed are decoded.
        const filtered = query.labelledOnly === true || query.fromMs !== undefined || query.toMs !== undefined;
        let need = metas.length;
        if (!filtered) {
          let t = total;
          need = 0;
          while (need < metas.length && t < query.last) t += metas[need++]!.live_rows;
        }
        const wanted = metas.slice(0, need);
        const loaded = await loadSegments(modelName, wanted.map((m) => m.id));
        for (const m of wanted) {
          const seg = loaded.get(m.id);
          if (seg === undefined) continue;
          const rows = selectRows(m, seg, query);
          if (rows.length === 0) continue;
          newestFirst.push({ pk: m.id, payload: seg.payload, rows, labels: seg.labels });
          total += rows.length;
          if (total >= query.last) break;
        }
      }
      segments.push(...newestFirst.reverse());
      // Drop the oldest rows beyond N.
      let extra = total - query.last;
      while (extra > 0 && segments.length > 0) {
        const s = segments[0]!;
        if (s.rows.length <= extra) {
          extra -= s.rows.length;
          segments.shift();
        } else {
          s.rows = s.rows.subarray(extra);
          extra = 0;
        }
      }
    } else {
      let after = 0;
      for (;;) {
        let q = db.selectFrom('prediction_batches').select(['id', 'live_rows', 'pruned_before_ms']).where('model_name', '=', modelName).where('live_rows', '>', 0).where('id', '>', after);
        if (query.fromMs !== undefined) q = q.where('max_ts_ms', '>=', query.fromMs);
        if (query.toMs !== undefined) q = q.where('min_ts_ms', '<', query.toMs);
        const metas = await q.orderBy('id').limit(META_PAGE).execute();
        if (metas.length === 0) break;
        after = metas[metas.length - 1]!.id;
        const loaded = await loadSegments(modelName, metas.map((m) => m.id));
        for (const m of metas) {
          const seg = loaded.get(m.id);
          if (seg === undefined) continue;
          const rows = selectRows(m, seg, query);
          if (rows.length > 0) segments.push({ pk: m.id, payload: seg.payload, rows, labels: seg.labels });
        }
      }
    }
    const window = assemble(segments);
    // A time window is in time order (batches may arrive out of order); "the last N" stays in log order.
    return query.last === undefined ? sortedByTime(window) : window;
  };

  return {
    insertBatch(modelName, batchId, rows) {
      return insertColumns(modelName, batchId, rowsToColumns(rows, clock.now()));
    },
    insertColumns,
    setLabels(modelName, labels) {
      return inTransaction(async (tx) => {
        const at = nowValue(ctx);
        const where = new Map<string, { batchPk: number; rowIndex: number }>();
        const ids = [...new Set(labels.map((l) => l.predictionId))];
        for (let start = 0; start < ids.length; start += IN_CHUNK) {
          const got = await tx.selectFrom('prediction_ids').select(['prediction_id', 'batch_pk', 'row_index']).where('model_name', '=', modelName).where('prediction_id', 'in', ids.slice(start, start + IN_CHUNK)).execute();
          for (const g of got) where.set(g.prediction_id, { batchPk: g.batch_pk, rowIndex: g.row_index });
        }
        // The rest may be derived ids: `<batch pk>-<row>` of a live batch of this model without caller ids.
        const derived = new Map<string, { batchPk: number; rowIndex: number }>();
        for (const id of ids) {
          if (where.has(id)) continue;
          const d = parseDerivedId(id);
          if (d !== null) derived.set(id, d);
        }
        const pks = [...new Set([...derived.values()].map((d) => d.batchPk))];
        const batches = new Map<number, number>();
        for (let start = 0; start < pks.length; start += IN_CHUNK) {
          const got = await tx.selectFrom('prediction_batches').select(['id', 'row_count']).where('model_name', '=', modelName).where('explicit_ids', '=', 0).where('live_rows', '>', 0).where('id', 'in', pks.slice(start, start + IN_CHUNK)).execute();
          for (const b of got) batches.set(b.id, b.row_count);
        }
        for (const [id, d] of derived) {
          const rows = batches.get(d.batchPk);
          if (rows !== undefined && d.rowIndex < rows) where.set(id, d);
        }
        const unknown: string[] = [];
        // The last label given for a row wins, as if the calls had been made one by one.
        const byRow = new Map<string, { batch_pk: number; row_index: number; label: string }>();
        for (const { predictionId, label } of labels) {
          const w = where.get(predictionId);
          if (w === undefined) {
            unknown.push(predictionId);
            continue;
          }
          byRow.set(`${w.batchPk}:${w.rowIndex}`, { batch_pk: w.batchPk, row_index: w.rowIndex, label });
        }
        const values = [...byRow.values()].map((v) => ({ ...v, model_name: modelName, labelled_at: at }));
        for (let start = 0; start < values.length; start += IN_CHUNK) {
          await tx.insertInto('prediction_labels').values(values.slice(start, start + IN_CHUNK))
            .onConflict((oc) => oc.columns(['batch_pk', 'row_index']).doUpdateSet((eb) => ({ label: eb.ref('excluded.label'), labelled_at: eb.ref('excluded.labelled_at') })))
            .execute();
        }
        return { updated: labels.length - unknown.length, unknown };
      });
    },
    readWindow,
    async count(modelName) {
      const r = await db.selectFrom('prediction_batches').select((eb) => eb.fn.sum<number | string | null>('live_rows').as('n')).where('model_name', '=', modelName).executeTakeFirstOrThrow();
      return Number(r.n ?? 0);
    },
    async modelNames() {
      const rows = await db.selectFrom('prediction_batches').select('model_name').distinct().orderBy('model_name').execute();
      return rows.map((r) => r.model_name);
    },
    prune(modelName, beforeMs) {
      return inTransaction(async (tx) => {
        let removed = 0;
        // Batches entirely older than the cut-off lose their payload, ids and labels; the row stays, so its
        // batch id is still recognised as a duplicate.
        const gone = await tx.selectFrom('prediction_batches').select(['id', 'live_rows']).where('model_name', '=', modelName).where('live_rows', '>', 0).where('max_ts_ms', '<', beforeMs).execute();
        removed += gone.reduce((s, b) => s + b.live_rows, 0);
        await tombstone(tx, gone.map((b) => b.id));
        // A batch straddling the cut-off keeps its payload; its older rows are marked gone.
        const straddling = await tx.selectFrom('prediction_batches').select(['id', 'live_rows', 'pruned_before_ms', 'payload']).where('model_name', '=', modelName).where('live_rows', '>', 0).where('min_ts_ms', '<', beforeMs).where('max_ts_ms', '>=', beforeMs).execute();
        for (const b of straddling) {
          if (b.payload === null || (b.pruned_before_ms !== null && b.pruned_before_ms >= beforeMs)) continue;
          const ts = (rowColumn(decodePayload(b.payload), 'ts') as { values: Float64Array }).values;
          let live = 0;
          for (let i = 0; i < ts.length; i++) if (ts[i]! >= beforeMs) live++;
          removed += b.live_rows - live;
          await tx.updateTable('prediction_batches').set({ pruned_before_ms: beforeMs, live_rows: live }).where('id', '=', b.id).execute();
        }
        return removed;
      });
    },
    pruneToCount(modelName, maxRows) {
      return inTransaction(async (tx) => {
        const metas = await tx.selectFrom('prediction_batches').select(['id', 'live_rows']).where('model_name', '=', modelName).where('live_rows', '>', 0).orderBy('id', 'desc').execute();
        let kept = 0;
        let i = 0;
        while (i < metas.length && kept < maxRows) kept += metas[i++]!.live_rows;
        const old = metas.slice(i);
        await tombstone(tx, old.map((b) => b.id));
        return old.reduce((s, b) => s + b.live_rows, 0);
      });
    },
  };

  async function tombstone(tx: Kysely<Database>, pks: readonly number[]): Promise<void> {
    for (let start = 0; start < pks.length; start += IN_CHUNK) {
      const chunk = pks.slice(start, start + IN_CHUNK);
      await tx.updateTable('prediction_batches').set({ payload: null, live_rows: 0 }).where('id', 'in', chunk).execute();
      await tx.deleteFrom('prediction_labels').where('batch_pk', 'in', chunk).execute();
      await tx.deleteFrom('prediction_ids').where('batch_pk', 'in', chunk).execute();
    }
  }
}

/** Concatenates the picked rows of each segment into one window. */
function assemble(segments: readonly Segment[]): PredictionWindow {
  const n = segments.reduce((s, g) => s + g.rows.length, 0);
  const tsMs = new Float64Array(n);
  const modelVersion = new Array<number | null>(n);
  const probability = new Float64Array(n);
  const predictionIds = new Array<string>(n);
  const prediction = new Array<string | null>(n);
  const label = new Array<string | null>(n);
  let at = 0;
  for (const s of segments) {
    const p = s.payload;
    const ts = (rowColumn(p, 'ts') as { values: Float64Array }).values;
    const version = (rowColumn(p, 'version') as { values: Float64Array }).values;
    const prob = (rowColumn(p, 'probability') as { values: Float64Array }).values;
    const pred = rowColumn(p, 'prediction');
    const lab = rowColumn(p, 'label');
    const ids = rowColumn(p, 'id');
    for (let k = 0; k < s.rows.length; k++) {
      const i = s.rows[k]!;
      tsMs[at] = ts[i]!;
      const v = version[i]!;
      modelVersion[at] = Number.isNaN(v) ? null : v;
      probability[at] = prob[i]!;
      predictionIds[at] = ids === undefined ? derivedPredictionId(s.pk, i) : textAt(ids, i)!;
      prediction[at] = textAt(pred, i);
      label[at] = s.labels.get(i) ?? textAt(lab, i);
      at++;
    }
  }
  return { rowCount: n, predictionIds, tsMs, modelVersion, features: mergeFeatures(segments, n), prediction, probability, label };
}

/** Feature columns over all segments: numeric where every segment's column is, else one dictionary. */
function mergeFeatures(segments: readonly Segment[], n: number): Map<string, PayloadColumn> {
  const order: string[] = [];
  const numericOnly = new Map<string, boolean>();
  for (const s of segments) {
    for (const c of group(s.payload, 'features')) {
      const seen = numericOnly.get(c.name);
      if (seen === undefined) order.push(c.name);
      numericOnly.set(c.name, (seen ?? true) && c.kind === 'f64');
    }
  }
  const out = new Map<string, PayloadColumn>();
  for (const name of order) {
    if (numericOnly.get(name) === true) {
      const values = new Float64Array(n).fill(NaN);
      let at = 0;
      for (const s of segments) {
        const c = group(s.payload, 'features').find((x) => x.name === name) as { values: Float64Array } | undefined;
        if (c !== undefined) for (let k = 0; k < s.rows.length; k++) values[at + k] = c.values[s.rows[k]!]!;
        at += s.rows.length;
      }
      out.set(name, { kind: 'f64', name, values });
      continue;
    }
    const codes = new Int32Array(n).fill(MISSING);
    const dict: CellValue[] = [];
    const index = new Map<CellValue, number>();
    const codeOf = (v: CellValue): number => {
      let c = index.get(v);
      if (c === undefined) {
        c = dict.length;
        dict.push(v);
        index.set(v, c);
      }
      return c;
    };
    let at = 0;
    for (const s of segments) {
      const c = group(s.payload, 'features').find((x) => x.name === name);
      if (c !== undefined && c.kind === 'f64') {
        for (let k = 0; k < s.rows.length; k++) {
          const v = c.values[s.rows[k]!]!;
          if (!Number.isNaN(v)) codes[at + k] = codeOf(v);
        }
      } else if (c !== undefined) {
        // Map the batch's codes to the window's once per dictionary entry, not once per row.
        const remap = c.dict.map(codeOf);
        for (let k = 0; k < s.rows.length; k++) {
          const code = c.codes[s.rows[k]!]!;
          if (code !== MISSING) codes[at + k] = remap[code]!;
        }
      }
      at += s.rows.length;
    }
    out.set(name, { kind: 'dict', name, codes, dict });
  }
  return out;
}

/** The window in time order (stable: rows of one time keep their log order); unchanged when already so. */
function sortedByTime(w: PredictionWindow): PredictionWindow {
  const ts = w.tsMs;
  let sorted = true;
  for (let i = 1; i < ts.length && sorted; i++) if (ts[i]! < ts[i - 1]!) sorted = false;
  if (sorted) return w;
  const perm = Array.from({ length: w.rowCount }, (_, i) => i).sort((a, b) => ts[a]! - ts[b]! || a - b);
  const f64 = (a: Float64Array): Float64Array => Float64Array.from(perm, (i) => a[i]!);
  const arr = <T>(a: readonly T[]): T[] => perm.map((i) => a[i]!);
  const features = new Map<string, PayloadColumn>();
  for (const [name, c] of w.features) {
    features.set(name, c.kind === 'f64' ? { ...c, values: f64(c.values) } : { ...c, codes: Int32Array.from(perm, (i) => c.codes[i]!) });
  }
  return { rowCount: w.rowCount, predictionIds: arr(w.predictionIds), tsMs: f64(ts), modelVersion: arr(w.modelVersion), features, prediction: arr(w.prediction), probability: f64(w.probability), label: arr(w.label) };
}

/**
 * Hot SQLite writes (prediction batches, audit rows) on a worker thread with its own connection.
 *
 * better-sqlite3 is synchronous: a commit with `synchronous = FULL` waits for the disk (an fsync, ~4 ms here)
 * with the event loop blocked, so a server logging predictions spends most of its time waiting instead of
 * parsing and predicting. WAL lets a second connection write while the main one reads, so these writes go to
 * a worker: the event loop keeps serving while a commit syncs, and the caller's promise resolves only once
 * the commit returned, so an acknowledged row is as durable as before.
 *
 * Group commit: while one group is committing, submitted jobs wait and go together in the next transaction
 * (one fsync for all). Each job runs in its own savepoint, so a job that fails (a repeated caller id) rolls
 * back alone and the others of its group still commit.
 *
 * The worker's source is plain JavaScript evaluated by Node (no TypeScript loader in the thread), with the
 * driver loaded from the path the main thread resolved.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A prediction batch row: inserted unless the (model, batch id) pair exists; caller ids mapped when given. */
export interface BatchJob {
  readonly kind: 'batch';
  readonly modelName: string;
  readonly batchId: string | null;
  readonly receivedAt: string;
  readonly n: number;
  readonly minTs: number;
  readonly maxTs: number;
  /** Encoded rows; when it has an ArrayBuffer of its own, that buffer is transferred to the thread (detached here). */
  readonly payload: Uint8Array;
  readonly explicitIds: readonly string[] | null;
}

/** Any one statement (compiled elsewhere); its rows come back when it returns some. */
export interface SqlJob {
  readonly kind: 'sql';
  readonly sql: string;
  readonly params: readonly unknown[];
}

export type WriteJob = BatchJob | SqlJob;

export type WriteResult =
  | { readonly kind: 'stored'; readonly pk: number }
  | { readonly kind: 'duplicate' }
  /** The caller's ids: this many were new (fewer than the batch's rows: some were taken; nothing stored). */
  | { readonly kind: 'ids-taken'; readonly inserted: number }
  | { readonly kind: 'rows'; readonly rows: readonly Record<string, unknown>[] };

export interface SqliteWriteThread {
  /** Resolves once the job's group is committed; rejects with the SQLite error when the job failed. */
  submit(job: WriteJob): Promise<WriteResult>;
  /** Waits for the jobs submitted so far, then stops the thread. */
  close(): Promise<void>;
}

interface Queued {
  readonly job: WriteJob;
  resolve(r: WriteResult): void;
  reject(e: unknown): void;
}

type Reply = { ok: true; result: WriteResult } | { ok: false; error: { message: string; code?: string } };

/** Jobs committed together at most (bounds a transaction and a waiting caller's delay). */
const MAX_GROUP = 256;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
// Opened on the first group, and again after a failed open (the file may come back).
const open = () => {
  const d = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
  try {
    d.pragma('journal_mode = WAL');
    d.pragma('foreign_keys = ON');
    d.pragma('synchronous = FULL');
  } catch (e) {
    d.close();
    throw e;
  }
  db = d;
  statements.clear();
};
const statements = new Map();
const prepared = (sql) => {
  let s = statements.get(sql);
  if (s === undefined) {
    s = db.prepare(sql);
    if (statements.size > 200) statements.clear();
    statements.set(sql, s);
  }
  return s;
};
const bind = (v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v);
const INSERT_BATCH = 'insert into prediction_batches (model_name, batch_id, received_at, row_count, live_rows, min_ts_ms, max_ts_ms, pruned_before_ms, explicit_ids, payload) values (?, ?, ?, ?, ?, ?, ?, null, ?, ?) on conflict do nothing returning id';
const INSERT_IDS = 'insert into prediction_ids (model_name, prediction_id, batch_pk, row_index) select ?, value, ?, cast(key as integer) from json_each(?) where true on conflict do nothing';
const run = (job) => {
  if (job.kind === 'sql') {
    const s = prepared(job.sql);
    const params = job.params.map(bind);
    if (s.reader) return { kind: 'rows', rows: s.all(...params) };
    s.run(...params);
    return { kind: 'rows', rows: [] };
  }
  const row = prepared(INSERT_BATCH).get(job.modelName, job.batchId, job.receivedAt, job.n, job.n, job.minTs, job.maxTs, job.explicitIds === null ? 0 : 1, bind(job.payload));
  if (row === undefined) return { kind: 'duplicate' };
  if (job.explicitIds !== null) {
    const inserted = prepared(INSERT_IDS).run(job.modelName, row.id, JSON.stringify(job.explicitIds)).changes;
    if (inserted !== job.n) return { kind: 'ids-taken', inserted };
  }
  return { kind: 'stored', pk: row.id };
};
parentPort.on('message', (msg) => {
  if (msg.close) {
    if (db !== undefined) db.close();
    parentPort.postMessage({ closed: true });
    return;
  }
  const replies = [];
  try {
    if (db === undefined) open();
    db.exec('begin immediate');
    try {
      for (const job of msg.jobs) {
        db.exec('savepoint job');
        try {
          const result = run(job);
          // A batch whose caller ids were taken stores nothing.
          if (result.kind === 'ids-taken') db.exec('rollback to job');
          db.exec('release job');
          replies.push({ ok: true, result });
        } catch (e) {
          db.exec('rollback to job');
          db.exec('release job');
          replies.push({ ok: false, error: { message: String(e && e.message || e), code: e && e.code } });
        }
      }
      db.exec('commit');
    } catch (e) {
      if (db.inTransaction) db.exec('rollback');
      throw e;
    }
  } catch (e) {
    const error = { message: String(e && e.message || e), code: e && e.code };
    parentPort.postMessage({ id: msg.id, replies: msg.jobs.map(() => ({ ok: false, error })) });
    return;
  }
  parentPort.postMessage({ id: msg.id, replies });
});
`;

function toError(e: { message: string; code?: string }): Error {
  return Object.assign(new Error(e.message), e.code !== undefined ? { code: e.code } : {});
}

export function createSqliteWriteThread(file: string, busyTimeoutMs: number): SqliteWriteThread {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let worker: Worker | undefined;
  let waiting: Queued[] = [];
  let inFlight: { id: number; group: Queued[] } | undefined;
  let nextId = 1;
  let idle: (() => void)[] = [];
  let closing = false;

  const fail = (e: unknown): void => {
    const group = inFlight?.group ?? [];
    inFlight = undefined;
    for (const q of group) q.reject(e);
  };

  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { file, driver, busyTimeoutMs } });
    // The thread must not keep a process alive on its own; pending work holds a ref (see send).
    w.unref();
    w.on('message', (msg: { id?: number; replies?: Reply[] }) => {
      if (msg.id === undefined || inFlight?.id !== msg.id) return;
      const { group } = inFlight;
      inFlight = undefined;
      msg.replies!.forEach((r, i) => (r.ok ? group[i]!.resolve(r.result) : group[i]!.reject(toError(r.error))));
      send();
    });
    w.on('error', (e) => {
      worker = undefined;
      fail(e);
      send();
    });
    w.on('exit', () => {
      if (worker === w) worker = undefined;
      fail(Object.assign(new Error('the SQLite write thread stopped'), { code: 'SQLITE_IOERR' }));
      if (!closing) send();
    });
    return w;
  };

  const send = (): void => {
    if (inFlight !== undefined) return;
    if (waiting.length === 0) {
      worker?.unref();
      for (const f of idle.splice(0)) f();
      return;
    }
    const group = waiting.splice(0, MAX_GROUP);
    worker ??= start();
    worker.ref();
    inFlight = { id: nextId++, group };
    // A payload with an ArrayBuffer of its own (every large one: Buffer.allocUnsafe) moves to the thread
    // instead of being copied; the caller does not read it again.
    const transfer: ArrayBuffer[] = [];
    for (const q of group) {
      const p = q.job.kind === 'batch' ? q.job.payload : undefined;
      if (p !== undefined && p.byteOffset === 0 && p.buffer instanceof ArrayBuffer && p.byteLength === p.buffer.byteLength) transfer.push(p.buffer);
    }
    worker.postMessage({ id: inFlight.id, jobs: group.map((q) => q.job) }, transfer);
  };

  return {
    submit(job) {
      if (closing) return Promise.reject(Object.assign(new Error('the store is closed'), { code: 'SQLITE_MISUSE' }));
      return new Promise<WriteResult>((resolve, reject) => {
        waiting.push({ job, resolve, reject });
        send();
      });
    },
    async close() {
      if (closing) return;
      closing = true;
      if (inFlight !== undefined || waiting.length > 0) await new Promise<void>((r) => idle.push(r));
      const w = worker;
      worker = undefined;
      if (w === undefined) return;
      await new Promise<void>((resolve) => {
        // The idle thread is unref'd: without this, a process with nothing else left to do would end while
        // the close is under way, with the caller's promise never settled (serve stopped before its last line).
        w.ref();
        w.once('exit', () => resolve());
        w.once('message', () => void w.terminate());
        w.postMessage({ close: true });
      });
      waiting = [];
      idle = [];
    },
  };
}

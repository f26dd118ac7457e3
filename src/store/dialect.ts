/**
 * Everything that differs between SQLite and Postgres, in one object: column types for the migrations, how
 * times and JSON go in and come out, and how a driver error is classified. Repositories and migrations use
 * this object and never test which backend they run on.
 */
import { sql, type ColumnDataType, type CreateTableBuilder, type Kysely, type RawBuilder } from 'kysely';
import type { Database, DbJson, DbTime } from './schema.js';

export type BackendName = 'sqlite' | 'postgres';

/** What a driver error means to Driftwatch. */
export type ErrorClass = 'unique-violation' | 'unavailable' | 'other';

export interface StoreDialect {
  readonly name: BackendName;
  /** Column types used by the migrations. */
  readonly types: {
    readonly time: ColumnDataType;
    readonly json: ColumnDataType;
    readonly float: ColumnDataType;
    readonly text: ColumnDataType;
    /** Raw bytes (column payloads of logged predictions). */
    readonly binary: ColumnDataType;
  };
  /** Adds an integer primary key the database generates. */
  addIdColumn<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C | 'id'>;
  /** A time (epoch ms) as the value to write. */
  writeTime(ms: number): string;
  /** A time column's value back to epoch ms. */
  readTime(value: DbTime): number;
  /** A JSON value as the value to write. */
  writeJson(value: unknown): string;
  /** A JSON column's value back to a JS value. */
  readJson(value: DbJson): unknown;
  /** The text of top-level key `key` of JSON column `column`, in SQL (null when absent). */
  jsonText(column: string, key: string): RawBuilder<string | null>;
  classifyError(error: unknown): ErrorClass;
  /**
   * Whether `SELECT … FOR UPDATE SKIP LOCKED` exists (Postgres). SQLite has none and needs none: it has one
   * writer at a time, so a single UPDATE … WHERE id = (SELECT …) claims a row atomically across processes.
   */
  readonly rowLocks: boolean;
  /**
   * Write transactions worth running at once from one process: 1 on SQLite (one connection, one writer),
   * a few on Postgres (a pool; commits overlap). The prediction log's group commit uses it.
   */
  readonly concurrentWriters: number;
  /**
   * Maps caller-chosen prediction ids to their batch rows in one statement (the ids go as one JSON or array
   * parameter, not four parameters a row); an id already taken inserts nothing. Returns the rows inserted.
   */
  insertPredictionIds(db: Kysely<Database>, model: string, batchPk: number, ids: readonly string[]): Promise<number>;
}

const isoTime = (ms: number): string => new Date(ms).toISOString();

export const sqliteDialect: StoreDialect = {
  name: 'sqlite',
  rowLocks: false,
  concurrentWriters: 1,
  // ISO 8601 text from toISOString is fixed-width UTC, so text order is time order.
  types: { time: 'text', json: 'text', float: 'real', text: 'text', binary: 'blob' },
  addIdColumn: (t) => t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
  writeTime: isoTime,
  readTime: (v) => (typeof v === 'string' ? Date.parse(v) : v.getTime()),
  writeJson: (v) => JSON.stringify(v),
  readJson: (v) => (typeof v === 'string' ? JSON.parse(v) : v),
  jsonText: (column, key) => sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${JSON.stringify(key)}`})`,
  classifyError(e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code !== 'string') return 'other';
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique-violation';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_READONLY' || code === 'SQLITE_FULL') return 'unavailable';
    return 'other';
  },
  async insertPredictionIds(db, model, batchPk, ids) {
    const r = await sql`insert into prediction_ids (model_name, prediction_id, batch_pk, row_index)
      select ${model}, value, ${batchPk}, cast(key as integer) from json_each(${JSON.stringify(ids)}) where true
      on conflict do nothing`.execute(db);
    return Number(r.numAffectedRows ?? 0);
  },
};

/** Node socket errors and Postgres SQLSTATE classes that mean "the server is not there (now)". */
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ENETUNREACH']);

export const postgresDialect: StoreDialect = {
  name: 'postgres',
  rowLocks: true,
  concurrentWriters: 4,
  types: { time: 'timestamptz', json: 'jsonb', float: 'double precision', text: 'text', binary: 'bytea' },
  addIdColumn: (t) => t.addColumn('id', 'serial', (c) => c.primaryKey()),
  writeTime: isoTime,
  readTime: (v) => (typeof v === 'string' ? Date.parse(v) : v.getTime()),
  writeJson: (v) => JSON.stringify(v),
  // jsonb comes back parsed; a JSON string value would be mangled by parsing it again.
  readJson: (v) => v,
  jsonText: (column, key) => sql<string | null>`(${sql.ref(column)} ->> ${key}::text)`,
  classifyError(e) {
    const err = e as { code?: unknown; message?: unknown } | null;
    const code = typeof err?.code === 'string' ? err.code : '';
    if (code === '23505') return 'unique-violation';
    // 08: connection exception; 57P0x: server shutting down / cannot connect now; 53300: too many connections;
    // 28: authentication refused; 3D000: no such database. All mean "this URL does not reach a usable database".
    if (UNAVAILABLE_NODE_CODES.has(code) || code.startsWith('08') || code.startsWith('57P0') || code === '53300' || code.startsWith('28') || code === '3D000') return 'unavailable';
    const message = typeof err?.message === 'string' ? err.message : '';
    if (/Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)) return 'unavailable';
    return 'other';
  },
  async insertPredictionIds(db, model, batchPk, ids) {
    const r = await sql`insert into prediction_ids (model_name, prediction_id, batch_pk, row_index)
      select ${model}, t.id, ${batchPk}, (t.ord - 1)::integer from unnest(${ids}::text[]) with ordinality as t(id, ord)
      on conflict do nothing`.execute(db);
    return Number(r.numAffectedRows ?? 0);
  },
};

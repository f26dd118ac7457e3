/**
 * Opening a connection to each backend. SQLite: one better-sqlite3 connection in WAL mode, with a busy
 * timeout, foreign keys on, and transactions that take the write lock when they begin (BEGIN IMMEDIATE),
 * so two processes that read-then-write never deadlock. Postgres: a pg pool; bigint counts parse to numbers.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type Driver } from 'kysely';
import pg from 'pg';
import { DriftwatchError } from '../core/index.js';
import { postgresDialect, sqliteDialect, type StoreDialect } from './dialect.js';
import type { Database } from './schema.js';

export interface Backend {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** For messages: the file path, or the URL without its password. */
  readonly location: string;
}

/** How long a writer waits for another process's lock before the store reports UNAVAILABLE. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite does run DDL in transactions; saying so makes Kysely's migrator migrate inside one (see below). */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Kysely's SQLite dialect with two changes: transactions BEGIN IMMEDIATE, and migrations run in a
 * transaction, which (being IMMEDIATE) is also the lock that keeps two processes opening a new database
 * at once from both applying the same migration.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export async function openSqlite(file: string): Promise<Backend> {
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    sqlite = new BetterSqlite3(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    await switchToWal(sqlite);
    sqlite.pragma('foreign_keys = ON');
    // FULL: a transaction acknowledged to a caller survives a power cut, not only a crash.
    sqlite.pragma('synchronous = FULL');
  } catch (e) {
    sqlite?.close();
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    const hint = String(code).startsWith('SQLITE_BUSY') ? 'another process holds it locked; try again' : 'check that the data directory (--home, DRIFTWATCH_HOME) is writable';
    throw new DriftwatchError('UNAVAILABLE', `cannot open the database ${file} (${code}); ${hint}`, { file }, { cause: e });
  }
  return { db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) }), dialect: sqliteDialect, location: file };
}

/**
 * Turning a new database to WAL needs a moment of exclusive access, and SQLite answers SQLITE_BUSY at once
 * (without its busy handler) when another process is creating the same file: retry for the busy timeout.
 */
async function switchToWal(sqlite: BetterSqlite3.Database): Promise<void> {
  const started = performance.now();
  for (;;) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      const busy = String((e as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY');
      if (!busy || performance.now() - started > SQLITE_BUSY_TIMEOUT_MS) throw e;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 30)));
    }
  }
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Backend {
  const location = redactUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 /* int8 */ ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports UNAVAILABLE.
  pool.on('error', () => undefined);
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: resilientPool(pool) }) }), dialect: postgresDialect, location };
}

/**
 * The pool as Kysely uses it, with two repairs: a checked-out client whose connection dies emits 'error',
 * which would crash the process without a listener; and Kysely releases clients without an error, which
 * would put a dead connection back in the pool. Here the client's error is remembered and handed to
 * `release`, so pg discards that client and the next call opens a fresh connection.
 */
function resilientPool(pool: pg.Pool): { connect(): Promise<pg.PoolClient>; end(): Promise<void> } {
  const broken = new WeakMap<pg.PoolClient, Error>();
  const listening = new WeakSet<pg.PoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      if (!listening.has(client)) {
        listening.add(client);
        client.on('error', (e: Error) => broken.set(client, e));
      }
      const release = client.release.bind(client);
      client.release = (err?: Error | boolean) => release(err ?? broken.get(client));
      return client;
    },
    end: () => pool.end(),
  };
}

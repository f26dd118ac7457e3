/**
 * `openStore` opens the database (SQLite in the data directory by default, Postgres for a postgres:// URL),
 * applies pending migrations, and returns the repositories, the artifact store and `transaction`.
 */
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { systemClock, type Clock } from '../core/index.js';
import { DriftwatchError } from '../core/index.js';
import { fileArtifactStore, type ArtifactStore } from './artifact-store.js';
import { isPostgresUrl, openPostgres, openSqlite, SQLITE_BUSY_TIMEOUT_MS, type Backend } from './backends.js';
import { createSqliteWriteThread, type SqliteWriteThread } from './sqlite-write-thread.js';
import type { StoreContext } from './context.js';
import type { BackendName } from './dialect.js';
import { ARTIFACTS_FOLDER, DATABASE_FILE } from './home.js';
import { createMigrator, MIGRATIONS } from './migrations.js';
import { alertRepository, type AlertRepository } from './repositories/alerts.js';
import { aliasRepository, type AliasRepository } from './repositories/aliases.js';
import { apiKeyRepository, type ApiKeyRepository } from './repositories/api-keys.js';
import { approvalRepository, type ApprovalRepository } from './repositories/approvals.js';
import { auditRepository, type AuditRepository } from './repositories/audit.js';
import { datasetRepository, type DatasetRepository } from './repositories/datasets.js';
import { eventRepository, type EventRepository } from './repositories/events.js';
import { jobRepository, type JobRepository } from './repositories/jobs.js';
import { modelRepository, type ModelRepository } from './repositories/models.js';
import { predictionRepository, type PredictionRepository } from './repositories/predictions.js';
import { queueJobRepository, type QueueJobRepository } from './repositories/queue-jobs.js';
import { reportRepository, type ReportRepository } from './repositories/reports.js';
import { settingsRepository, type SettingsRepository } from './repositories/settings.js';
import type { Database } from './schema.js';
import { mapStoreError, withErrorMapping } from './store-errors.js';

/** The repositories, bound to the store's connection or to one transaction. */
export interface Repositories {
  readonly datasets: DatasetRepository;
  readonly reports: ReportRepository;
  readonly models: ModelRepository;
  readonly aliases: AliasRepository;
  readonly jobs: JobRepository;
  readonly approvals: ApprovalRepository;
  readonly audit: AuditRepository;
  readonly predictions: PredictionRepository;
  readonly apiKeys: ApiKeyRepository;
  /** The embedded job queue's jobs (src/queue builds the queue on it). */
  readonly queueJobs: QueueJobRepository;
  readonly alerts: AlertRepository;
  readonly events: EventRepository;
  readonly settings: SettingsRepository;
}

export interface Store extends Repositories {
  readonly backend: BackendName;
  /** The database file, or the Postgres URL without its password. */
  readonly location: string;
  readonly clock: Clock;
  readonly artifacts: ArtifactStore;
  /**
   * Runs `fn` in one transaction: everything it does through `tx` commits together or not at all. Do not
   * call the store's own repositories (or `transaction`) inside: on SQLite that waits for itself.
   */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Names of the migrations applied, in order. */
  appliedMigrations(): Promise<string[]>;
  /** Resolves when the database answers a trivial query; UNAVAILABLE otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** The data directory: SQLite's file and the artifacts live here. */
  readonly home: string;
  /** A postgres:// URL; absent means the embedded SQLite database `<home>/driftwatch.db`. */
  readonly url?: string | undefined;
  readonly clock?: Clock;
  /** Where artifacts go (default: files under `<home>/artifacts`). */
  readonly artifacts?: ArtifactStore;
  /** Postgres pool size (default 10). */
  readonly poolSize?: number;
  /**
   * SQLite: commit prediction batches and audit rows on a worker thread with its own connection (default
   * true), so the event loop keeps serving while the disk syncs. Off, they commit on the main connection.
   */
  readonly writeThread?: boolean;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const clock = options.clock ?? systemClock;
  const backend = await chooseBackend(options);
  const { db, dialect, location } = backend;
  try {
    // Migrations run on first open and after an upgrade; Kysely's migrator locks so two processes do not race.
    const { error } = await createMigrator(db as unknown as Kysely<unknown>, dialect).migrateToLatest();
    if (error !== undefined) throw error;
  } catch (e) {
    await db.destroy().catch(() => undefined);
    throw mapStoreError(dialect, location, e);
  }
  // Started on the first write that uses it; transactions (k !== db) always write on the main connection.
  const writeThread: SqliteWriteThread | undefined = dialect.name === 'sqlite' && options.writeThread !== false ? createSqliteWriteThread(location, SQLITE_BUSY_TIMEOUT_MS) : undefined;
  const repositoriesOf = (k: Kysely<Database>): Repositories => {
    const ctx: StoreContext = { db: k, dialect, clock, ...(k === db && writeThread !== undefined ? { writeThread } : {}) };
    const wrap = <T extends object>(repo: T): T => withErrorMapping(repo, dialect, location);
    return {
      datasets: wrap(datasetRepository(ctx)),
      reports: wrap(reportRepository(ctx)),
      models: wrap(modelRepository(ctx)),
      aliases: wrap(aliasRepository(ctx)),
      jobs: wrap(jobRepository(ctx)),
      approvals: wrap(approvalRepository(ctx)),
      audit: wrap(auditRepository(ctx)),
      predictions: wrap(predictionRepository(ctx)),
      apiKeys: wrap(apiKeyRepository(ctx)),
      queueJobs: wrap(queueJobRepository(ctx)),
      alerts: wrap(alertRepository(ctx)),
      events: wrap(eventRepository(ctx)),
      settings: wrap(settingsRepository(ctx)),
    };
  };
  let closed = false;
  return {
    ...repositoriesOf(db),
    backend: dialect.name,
    location,
    clock,
    artifacts: options.artifacts ?? fileArtifactStore(join(options.home, ARTIFACTS_FOLDER)),
    async transaction(fn) {
      try {
        return await db.transaction().execute((trx) => fn(repositoriesOf(trx)));
      } catch (e) {
        throw mapStoreError(dialect, location, e);
      }
    },
    async appliedMigrations() {
      const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db).catch((e: unknown) => {
        throw mapStoreError(dialect, location, e);
      });
      return rows.rows.map((r) => r.name);
    },
    async ping() {
      try {
        await sql`select 1`.execute(db);
      } catch (e) {
        throw mapStoreError(dialect, location, e);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await writeThread?.close();
      await db.destroy();
    },
  };
}

async function chooseBackend(options: OpenStoreOptions): Promise<Backend> {
  const url = options.url?.trim();
  if (url === undefined || url === '') return openSqlite(join(options.home, DATABASE_FILE));
  if (isPostgresUrl(url)) return openPostgres(url, options.poolSize === undefined ? {} : { poolSize: options.poolSize });
  throw new DriftwatchError('INVALID_ARGUMENT', `the database URL must start with postgres:// or postgresql:// (or be unset for the embedded SQLite database), not "${url.split(':')[0]}:…"`, { field: 'DATABASE_URL' });
}

/** The migration names this build knows, in order. */
export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map((m) => m.name);

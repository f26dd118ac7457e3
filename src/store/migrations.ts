/**
 * The schema's history: an ordered list of named migrations, applied in order by Kysely's Migrator and
 * recorded in `kysely_migration`. Never edit or reorder a migration that has shipped: add a new one.
 * A test pins the list of names so a change here is deliberate.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { StoreDialect } from './dialect.js';

export interface StoreMigration {
  readonly name: string;
  up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void>;
}

export const MIGRATIONS: readonly StoreMigration[] = [
  {
    name: '0001_registry_datasets_reports',
    async up(db, d) {
      const { time, json, float } = d.types;
      await d.addIdColumn(db.schema.createTable('datasets'))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('last_version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await d.addIdColumn(db.schema.createTable('dataset_versions'))
        .addColumn('dataset_id', 'integer', (c) => c.notNull().references('datasets.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('artifact_sha256', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('row_count', 'integer', (c) => c.notNull())
        .addColumn('column_count', 'integer', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('columns', json, (c) => c.notNull())
        .addColumn('source', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addUniqueConstraint('dataset_versions_dataset_version', ['dataset_id', 'version'])
        .execute();

      await d.addIdColumn(db.schema.createTable('registered_models'))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('last_version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await d.addIdColumn(db.schema.createTable('model_versions'))
        .addColumn('model_id', 'integer', (c) => c.notNull().references('registered_models.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('artifact_sha256', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('signature', json, (c) => c.notNull())
        .addColumn('metrics', json, (c) => c.notNull())
        .addColumn('parameters', json, (c) => c.notNull())
        .addColumn('training_fingerprint', 'text')
        .addColumn('trained_on_dataset_version_id', 'integer', (c) => c.references('dataset_versions.id'))
        .addColumn('reference_dataset_version_id', 'integer', (c) => c.references('dataset_versions.id'))
        .addColumn('parent_version', 'integer')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('tags', json, (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('state_reason', 'text')
        .addColumn('updated_at', time, (c) => c.notNull())
        .addUniqueConstraint('model_versions_model_version', ['model_id', 'version'])
        .execute();
      await db.schema.createTable('aliases')
        .addColumn('model_id', 'integer', (c) => c.notNull().references('registered_models.id'))
        .addColumn('alias', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('aliases_pk', ['model_id', 'alias'])
        .execute();
      await d.addIdColumn(db.schema.createTable('alias_history'))
        .addColumn('model_id', 'integer', (c) => c.notNull().references('registered_models.id'))
        .addColumn('alias', 'text', (c) => c.notNull())
        .addColumn('version', 'integer')
        .addColumn('previous_version', 'integer')
        .addColumn('reference_dataset_version_id', 'integer', (c) => c.references('dataset_versions.id'))
        .addColumn('moved_at', time, (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('alias_history_lookup').on('alias_history').columns(['model_id', 'alias', 'moved_at']).execute();

      await d.addIdColumn(db.schema.createTable('drift_reports'))
        .addColumn('model_name', 'text')
        .addColumn('model_version', 'integer')
        .addColumn('reference_dataset_version_id', 'integer', (c) => c.references('dataset_versions.id'))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('window_start', time)
        .addColumn('window_end', time)
        .addColumn('dataset_drift', 'integer', (c) => c.notNull())
        .addColumn('drift_share', float)
        .addColumn('drifted_columns', 'integer', (c) => c.notNull())
        .addColumn('total_columns', 'integer', (c) => c.notNull())
        .addColumn('severity', 'text')
        .addColumn('report', json, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('drift_reports_model_time').on('drift_reports').columns(['model_name', 'created_at']).execute();
    },
  },
  {
    name: '0002_jobs_approvals_audit',
    async up(db, d) {
      const { time, json } = d.types;
      await d.addIdColumn(db.schema.createTable('jobs'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('model_name', 'text')
        .addColumn('dedupe_key', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('payload', json, (c) => c.notNull())
        .addColumn('result', json)
        .addColumn('error', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('started_at', time)
        .addColumn('finished_at', time)
        .addColumn('updated_at', time, (c) => c.notNull())
        .execute();
      // One active job per key: a second trigger while one is queued or running inserts nothing.
      await db.schema.createIndex('jobs_active_dedupe').on('jobs').column('dedupe_key').unique()
        .where(sql<boolean>`state in ('queued', 'running')`)
        .execute();
      await db.schema.createIndex('jobs_state').on('jobs').columns(['state', 'created_at']).execute();
      await d.addIdColumn(db.schema.createTable('job_steps'))
        .addColumn('job_id', 'integer', (c) => c.notNull().references('jobs.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('started_at', time, (c) => c.notNull())
        .addColumn('finished_at', time)
        .addColumn('duration_ms', 'integer')
        .addColumn('outcome', 'text')
        .addColumn('detail', json)
        .addColumn('log', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.createIndex('job_steps_job').on('job_steps').columns(['job_id', 'seq']).execute();

      await d.addIdColumn(db.schema.createTable('approvals'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('model_name', 'text', (c) => c.notNull())
        .addColumn('model_version', 'integer')
        .addColumn('job_id', 'integer', (c) => c.references('jobs.id'))
        .addColumn('evidence', json, (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('requested_at', time, (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', time)
        .addColumn('comment', 'text')
        .execute();
      await db.schema.createIndex('approvals_state').on('approvals').columns(['state', 'requested_at']).execute();

      await d.addIdColumn(db.schema.createTable('audit_events'))
        .addColumn('at', time, (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('details', json, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_events_subject').on('audit_events').columns(['subject_kind', 'subject', 'at']).execute();
      await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
    },
  },
  {
    name: '0003_predictions_api_keys',
    async up(db, d) {
      const { time, json, float } = d.types;
      // Features are stored column-wise, one payload per batch, so a window of 100,000 rows is a few hundred
      // payloads to decode rather than 100,000 JSON objects; the narrow per-row table carries what rows are
      // looked up or updated by (prediction id, late label) and what windows are cut by (id, time).
      await d.addIdColumn(db.schema.createTable('prediction_batches'))
        .addColumn('model_name', 'text', (c) => c.notNull())
        .addColumn('batch_id', 'text')
        .addColumn('received_at', time, (c) => c.notNull())
        .addColumn('row_count', 'integer', (c) => c.notNull())
        .addColumn('features', json, (c) => c.notNull())
        // The batch id is the idempotency key of ingest: a batch sent twice is stored once.
        .addUniqueConstraint('prediction_batches_batch_id', ['model_name', 'batch_id'])
        .execute();
      await d.addIdColumn(db.schema.createTable('prediction_rows'))
        .addColumn('model_name', 'text', (c) => c.notNull())
        .addColumn('batch_pk', 'integer', (c) => c.notNull().references('prediction_batches.id').onDelete('cascade'))
        .addColumn('row_index', 'integer', (c) => c.notNull())
        .addColumn('model_version', 'integer')
        .addColumn('prediction_id', 'text', (c) => c.notNull().unique())
        .addColumn('ts_ms', float, (c) => c.notNull())
        .addColumn('prediction', 'text')
        .addColumn('probability', float)
        .addColumn('label', 'text')
        .addColumn('labelled_at', time)
        .execute();
      // Windows are "the last N rows" (id order) or a time range, per model.
      await db.schema.createIndex('prediction_rows_model_id').on('prediction_rows').columns(['model_name', 'id']).execute();
      await db.schema.createIndex('prediction_rows_model_ts').on('prediction_rows').columns(['model_name', 'ts_ms']).execute();
      await db.schema.createIndex('prediction_rows_batch').on('prediction_rows').column('batch_pk').execute();
      await d.addIdColumn(db.schema.createTable('api_keys'))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('revoked_at', time)
        .addColumn('last_used_at', time)
        .execute();
    },
  },
  {
    name: '0004_queue',
    async up(db, d) {
      const { time, json } = d.types;
      await d.addIdColumn(db.schema.createTable('queue_jobs'))
        .addColumn('queue', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', json, (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('dedupe_key', 'text')
        .addColumn('run_at', time, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('backoff', 'integer', (c) => c.notNull())
        .addColumn('locked_by', 'text')
        .addColumn('lease_until', time)
        .addColumn('last_error', 'text')
        .addColumn('result', json)
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('finished_at', time)
        .execute();
      // One unfinished job per key and queue: a second enqueue while one waits or runs inserts nothing.
      await db.schema.createIndex('queue_jobs_active_dedupe').on('queue_jobs').columns(['queue', 'dedupe_key']).unique()
        .where(sql<boolean>`state in ('waiting', 'delayed', 'active')`)
        .execute();
      // What a claim scans: the queue's unfinished jobs in due order.
      await db.schema.createIndex('queue_jobs_claim').on('queue_jobs').columns(['queue', 'state', 'run_at']).execute();
    },
  },
  {
    name: '0005_alerts',
    async up(db, d) {
      const { time, json } = d.types;
      await d.addIdColumn(db.schema.createTable('alerts'))
        .addColumn('model_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('report_id', 'text')
        .addColumn('columns', json, (c) => c.notNull())
        .addColumn('details', json, (c) => c.notNull())
        .addColumn('opened_at', time, (c) => c.notNull())
        .addColumn('resolved_at', time)
        .addColumn('last_signal_at', time, (c) => c.notNull())
        .addColumn('notified_at', time)
        .addColumn('acknowledged_by', 'text')
        .addColumn('acknowledged_at', time)
        .addColumn('ack_comment', 'text')
        .addColumn('snoozed_until', time)
        .addColumn('snoozed_by', 'text')
        .execute();
      // One open episode per model and kind, whatever the number of processes observing checks.
      await db.schema.createIndex('alerts_one_firing').on('alerts').columns(['model_name', 'kind']).unique()
        .where(sql<boolean>`state = 'firing'`)
        .execute();
      await db.schema.createIndex('alerts_model_state').on('alerts').columns(['model_name', 'state', 'id']).execute();
      await db.schema.createTable('alert_streaks')
        .addColumn('model_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('active_streak', 'integer', (c) => c.notNull())
        .addColumn('quiet_streak', 'integer', (c) => c.notNull())
        .addColumn('open_alert_id', 'integer', (c) => c.references('alerts.id'))
        .addColumn('last_fired_at', time)
        .addColumn('snoozed_until', time)
        .addColumn('last_signal_at', time)
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_streaks_pk', ['model_name', 'kind'])
        .execute();
      await d.addIdColumn(db.schema.createTable('alert_deliveries'))
        .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('http_status', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('alert_deliveries_alert').on('alert_deliveries').columns(['alert_id', 'id']).execute();
      await db.schema.createTable('alert_mutes')
        .addColumn('model_name', 'text', (c) => c.notNull())
        .addColumn('column_name', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_mutes_pk', ['model_name', 'column_name'])
        .execute();
    },
  },
  {
    name: '0006_events',
    async up(db, d) {
      const { time, json } = d.types;
      await d.addIdColumn(db.schema.createTable('events'))
        .addColumn('model_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('severity', 'text')
        .addColumn('at', time, (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('data', json, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_model_at').on('events').columns(['model_name', 'at']).execute();
      await db.schema.createIndex('events_at').on('events').column('at').execute();
      // Store-wide settings made once and shared by every process on the database (the redaction salt).
      await db.schema.createTable('store_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    name: '0007_prediction_columns',
    async up(db, d) {
      const { time, float, binary } = d.types;
      // One row per batch instead of one per logged row: 0003's per-row table cost a row insert (and three
      // index entries) per prediction, ~5 s per 100,000 rows on SQLite. Nothing wrote those tables in a
      // release (the service that logs predictions arrives with this migration), so they are replaced.
      await db.schema.dropTable('prediction_rows').execute();
      await db.schema.dropTable('prediction_batches').execute();
      await d.addIdColumn(db.schema.createTable('prediction_batches'))
        .addColumn('model_name', 'text', (c) => c.notNull())
        .addColumn('batch_id', 'text')
        .addColumn('received_at', time, (c) => c.notNull())
        .addColumn('row_count', 'integer', (c) => c.notNull())
        .addColumn('live_rows', 'integer', (c) => c.notNull())
        .addColumn('min_ts_ms', float, (c) => c.notNull())
        .addColumn('max_ts_ms', float, (c) => c.notNull())
        .addColumn('pruned_before_ms', float)
        .addColumn('explicit_ids', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('payload', binary)
        .addUniqueConstraint('prediction_batches_batch_id', ['model_name', 'batch_id'])
        .execute();
      // "The last N rows" walks batches newest first; a time window picks batches by their time span.
      await db.schema.createIndex('prediction_batches_model_id').on('prediction_batches').columns(['model_name', 'id']).execute();
      await db.schema.createIndex('prediction_batches_model_ts').on('prediction_batches').columns(['model_name', 'max_ts_ms']).execute();
      await db.schema.createTable('prediction_labels')
        .addColumn('model_name', 'text', (c) => c.notNull())
        .addColumn('batch_pk', 'integer', (c) => c.notNull().references('prediction_batches.id').onDelete('cascade'))
        .addColumn('row_index', 'integer', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('labelled_at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('prediction_labels_pk', ['batch_pk', 'row_index'])
        .execute();
      await db.schema.createTable('prediction_ids')
        .addColumn('model_name', 'text', (c) => c.notNull())
        .addColumn('prediction_id', 'text', (c) => c.notNull())
        .addColumn('batch_pk', 'integer', (c) => c.notNull().references('prediction_batches.id').onDelete('cascade'))
        .addColumn('row_index', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('prediction_ids_pk', ['model_name', 'prediction_id'])
        .execute();
      await db.schema.createIndex('prediction_ids_batch').on('prediction_ids').column('batch_pk').execute();
    },
  },
];

/** Kysely's Migrator over the list above, bound to one dialect. */
export function createMigrator(db: Kysely<unknown>, dialect: StoreDialect): Migrator {
  const provider: MigrationProvider = {
    getMigrations: () =>
      Promise.resolve(Object.fromEntries(MIGRATIONS.map((m): [string, Migration] => [m.name, { up: (k) => m.up(k, dialect) }]))),
  };
  return new Migrator({ db, provider });
}

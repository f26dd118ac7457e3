/** The store: one interface over SQLite (embedded, default) and Postgres, plus content-addressed artifacts. */
export { openStore, MIGRATION_NAMES, type Store, type Repositories, type OpenStoreOptions } from './store.js';
export { resolveHome, databaseUrlFrom, DEFAULT_HOME, DATABASE_FILE, ARTIFACTS_FOLDER, type HomeSources } from './home.js';
export { fileArtifactStore, sha256Of, type ArtifactStore, type ArtifactInfo } from './artifact-store.js';
export { isPostgresUrl, redactUrl, SQLITE_BUSY_TIMEOUT_MS } from './backends.js';
export { sqliteDialect, postgresDialect, type StoreDialect, type BackendName } from './dialect.js';
export type { DatasetRepository, DatasetVersion, DatasetColumn, NewDatasetVersion } from './repositories/datasets.js';
export type { ModelRepository, RegisteredModel, StoredModelVersion, NewModelVersion } from './repositories/models.js';
export type { AliasRepository, AliasRecord, AliasMove, AliasMoveKind, NewAliasMove } from './repositories/aliases.js';
export { JOB_STATES, type JobRepository, type Job, type JobStep, type JobState, type StepState, type NewJob, type JobListFilter } from './repositories/jobs.js';
export type { ApprovalRepository, Approval, ApprovalState, ApprovalKind, NewApproval } from './repositories/approvals.js';
export type { AuditRepository, AuditEvent, NewAuditEvent, AuditFilter } from './repositories/audit.js';
export type { ReportRepository, StoredReport, StoredReportInfo, ReportSummary, NewReport } from './repositories/reports.js';
export type { PredictionRepository, PredictionRowInput, PredictionWindow, WindowQuery, FeatureValue } from './repositories/predictions.js';
export type { ApiKeyRepository, ApiKey, ApiKeyRole } from './repositories/api-keys.js';
export { QUEUE_JOB_STATES, type QueueJobRepository, type QueueJobRecord, type QueueJobState, type NewQueueJob } from './repositories/queue-jobs.js';
export type { AlertRepository, StoredAlert, StoredAlertState, NewStoredAlert, StoredAlertUpdate, StoredStreak, StoredDelivery, NewStoredDelivery, DeliveryOutcome, StoredMute } from './repositories/alerts.js';

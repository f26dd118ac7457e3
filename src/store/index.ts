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
export { derivedPredictionId, type PredictionRepository, type PredictionRowInput, type PredictionColumnsInput, type InsertResult, type PredictionWindow, type WindowQuery, type FeatureValue } from './repositories/predictions.js';
export { EVENT_KINDS, type EventRepository, type StoredEvent, type NewEvent, type EventFilter, type EventKind, type EventSeverity } from './repositories/events.js';
export { ColumnBuilder, cellAt, cellsOf, MISSING as MISSING_CELL, type CellValue, type PayloadColumn } from './column-codec.js';
export type { ApiKeyRepository, ApiKey, ApiKeyRole } from './repositories/api-keys.js';
export type { SettingsRepository } from './repositories/settings.js';
export { backupHome, restoreHome, readManifest, assertEmbedded, BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupManifest } from './backup.js';

/**
 * Response shapes of the HTTP API (PLAN.md's route list), snake_case like the JSON report. Those src/contracts
 * already defines come from there (types only: no zod in the bundle); the rest are written by hand from the
 * store's records until their contracts exist, with fields the server may leave out optional, so the pages
 * degrade instead of breaking.
 */
import type { ErrorBody as ContractErrorBody, MeResponse, Role as ContractRole } from '../../../src/contracts/index.ts';

export type Role = ContractRole;
export type Severity = 'LOW' | 'MEDIUM' | 'HIGH';

export type Me = MeResponse & {
  /** Wanted from `driftwatch serve --demo`: the page offers "Simulate high drift" and "Reset demo". */
  readonly demo?: boolean;
};

export interface ModelListItem {
  readonly name: string;
  readonly production_version: number | null;
  readonly versions: number;
  readonly latest_version: number | null;
  readonly created_at: string;
}

export interface ModelVersion {
  readonly version: number;
  readonly state?: string;
  readonly state_reason?: string | null;
  readonly format?: string;
  readonly metrics?: Readonly<Record<string, number | null>>;
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly parent_version?: number | null;
  readonly training_fingerprint?: string | null;
  readonly trained_on_dataset_version_id?: number | null;
  readonly reference_dataset_version_id?: number | null;
  readonly artifact_sha256?: string;
  readonly created_at: string;
  readonly created_by?: string;
  readonly description?: string | null;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface ModelDetail {
  readonly name: string;
  readonly description?: string | null;
  readonly created_at?: string;
  readonly versions: readonly ModelVersion[];
  readonly aliases: Readonly<Record<string, number>>;
}

export interface AliasMove {
  readonly alias: string;
  readonly version: number | null;
  readonly previous_version: number | null;
  readonly at: string;
  readonly actor: string;
  readonly reason: string | null;
  readonly kind: 'promote' | 'rollback' | 'set' | 'remove' | string;
}

export interface ReportSummary {
  readonly id: string | number;
  readonly model?: string;
  readonly created_at?: string;
  readonly generated_at?: string;
  readonly dataset_drift: boolean;
  readonly drift_share: number;
  readonly drifted_columns?: number;
  readonly columns_analyzed?: number;
  readonly severity?: Severity;
}

export interface DriftHistory {
  readonly latest: ReportSummary | null;
  readonly history: readonly ReportSummary[];
}

export interface PerformanceWindow {
  readonly start: string;
  readonly end: string;
  readonly rows: number;
  readonly labelled: number;
  readonly metrics: Readonly<Record<string, number | null>>;
}

/** A time series as [epoch ms or ISO time, value] pairs. */
export type Series = readonly (readonly [number | string, number | null])[];

export interface ActiveAlert {
  readonly id?: string | number;
  readonly kind: string;
  readonly severity?: Severity;
  readonly summary?: string;
  readonly since?: string;
}

export interface ModelSummary {
  readonly total_predictions: number;
  readonly drift_events: number;
  readonly retraining_count: number;
  readonly current_metric: { readonly name: string; readonly value: number } | null;
  readonly drifted_columns: number;
  readonly total_columns: number;
  readonly drift_share: number | null;
  readonly threshold: number;
  readonly top_feature: { readonly column: string; readonly score: number } | null;
  readonly severity: Severity;
  readonly active_alerts: readonly ActiveAlert[];
  readonly latest_report_id?: string | number | null;
  /**
   * drift_share, accuracy, confidence: [t, v]; class_distribution: {class: [[t, share]]};
   * training_time: [t, seconds] per retraining job (its points are the retraining events).
   */
  readonly series: {
    readonly drift_share?: Series;
    readonly accuracy?: Series;
    readonly confidence?: Series;
    readonly class_distribution?: Readonly<Record<string, Series>>;
    readonly training_time?: Series;
  };
}

export interface EventRecord {
  readonly id: string | number;
  readonly model: string;
  readonly kind: string;
  readonly severity?: Severity;
  readonly at: string;
  readonly summary: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface JobStep {
  readonly seq?: number;
  readonly name: string;
  readonly state: string;
  readonly attempt?: number;
  readonly started_at: string;
  readonly finished_at: string | null;
  readonly duration_ms: number | null;
  readonly outcome?: string | null;
  readonly log?: string;
}

export interface Job {
  readonly id: string | number;
  readonly kind: string;
  readonly model?: string | null;
  readonly model_name?: string | null;
  readonly state: string;
  readonly attempts?: number;
  readonly error?: string | null;
  readonly created_at: string;
  readonly created_by?: string;
  readonly started_at?: string | null;
  readonly finished_at?: string | null;
  readonly result?: unknown;
  readonly steps?: readonly JobStep[];
  readonly log?: string | readonly string[];
}

export interface GateResult {
  readonly gate: string;
  readonly passed: boolean;
  readonly detail: string;
  readonly values?: Readonly<Record<string, number | string | null>>;
}

export interface ApprovalEvidence {
  readonly drift?: { readonly dataset_drift: boolean; readonly drift_share: number | null; readonly severity: string | null; readonly target_drift: boolean } | null;
  readonly trigger?: readonly string[];
  readonly metric?: string;
  readonly champion?: { readonly version: number | null; readonly value: number | null } | null;
  readonly challenger?: { readonly version: number; readonly value: number } | null;
  readonly gates?: readonly GateResult[];
}

export interface Approval {
  readonly id: string | number;
  readonly kind: 'promotion' | 'retraining' | string;
  readonly model: string;
  readonly model_version?: number | null;
  readonly job_id?: string | number | null;
  readonly evidence: ApprovalEvidence | null;
  readonly state: 'pending' | 'approved' | 'rejected' | string;
  readonly requested_at: string;
  readonly requested_by?: string;
  readonly decided_by?: string | null;
  readonly decided_at?: string | null;
  readonly comment?: string | null;
}

export interface AuditEntry {
  readonly id: string | number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject_kind?: string;
  readonly subject?: string;
  readonly model?: string | null;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface Alert {
  readonly id: string;
  readonly model: string;
  readonly kind: string;
  readonly state: 'firing' | 'resolved' | string;
  readonly severity: Severity;
  readonly summary: string;
  readonly fired_at?: string;
  readonly resolved_at?: string | null;
  readonly acknowledged_by?: string | null;
  readonly snoozed_until?: string | null;
}

export interface AlertDelivery {
  readonly id: string | number;
  readonly alert_id: string;
  readonly channel: string;
  readonly outcome: string;
  readonly attempt?: number;
  readonly at: string;
  readonly status_code?: number | null;
  readonly error?: string | null;
}

export interface CheckResult {
  readonly report_id: string | number;
  readonly dataset_drift: boolean;
  readonly drift_share: number;
  readonly [key: string]: unknown;
}

/** The error body of every failed call. */
export type ErrorBody = ContractErrorBody;

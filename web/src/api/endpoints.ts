/** One typed function per route the dashboard uses (PLAN.md's HTTP API). */
import { request } from './client.ts';

/**
 * A list route's array, whatever its key (`{models: […]}`, `{events: […]}`): the pages need the rows, and
 * this keeps them working if a contract names a key differently.
 */
async function list<T>(p: Promise<unknown>): Promise<T[]> {
  const body = await p;
  if (Array.isArray(body)) return body as T[];
  if (typeof body === 'object' && body !== null) for (const v of Object.values(body)) if (Array.isArray(v)) return v as T[];
  return [];
}
import type {
  AlertDelivery, Alert, AliasMove, Approval, AuditEntry, CheckResult, DriftHistory, EventRecord, Job, Me, ModelDetail,
  ModelListItem, ModelSummary, PerformanceWindow, ReportSummary,
} from './types.ts';
import type { ReportJson } from '../report/report-json.ts';

const m = (name: string): string => `/v1/models/${encodeURIComponent(name)}`;

export const api = {
  me: () => request<Me>('/v1/me'),
  models: () => list<ModelListItem>(request<unknown>('/v1/models')),
  model: (name: string) => request<ModelDetail>(m(name)),
  aliasHistory: (name: string) => list<AliasMove>(request<unknown>(`${m(name)}/aliases/history`)),
  promote: (name: string, version: number, reason?: string) => request<unknown>(`${m(name)}/promote`, { body: { version, alias: 'production', reason } }),
  rollback: (name: string, reason?: string) => request<unknown>(`${m(name)}/rollback`, { body: { reason } }),
  check: (name: string) => request<CheckResult>(`${m(name)}/check`, { body: {} }),
  retrain: (name: string, reason?: string) => request<Job>(`${m(name)}/retrain`, { body: { reason } }),
  drift: (name: string, limit = 50) => request<DriftHistory>(`${m(name)}/drift`, { query: { limit } }),
  performance: (name: string, window = 'day') => list<PerformanceWindow>(request<unknown>(`${m(name)}/performance`, { query: { window } })),
  summary: (name: string) => request<ModelSummary>(`${m(name)}/summary`),
  reports: (model?: string, limit = 50) => list<ReportSummary>(request<unknown>('/v1/reports', { query: { model, limit } })),
  report: (id: string) => request<ReportJson & { report_id?: string | number }>(`/v1/reports/${encodeURIComponent(id)}`),
  analyze: (form: FormData) => request<ReportJson & { report_id?: string | number }>('/v1/analyze', { body: form }),
  events: (q: { model?: string; kind?: string; since?: string; limit?: number }) => list<EventRecord>(request<unknown>('/v1/events', { query: q })),
  jobs: (q: { model?: string; state?: string }) => list<Job>(request<unknown>('/v1/jobs', { query: q })),
  job: (id: string) => request<Job>(`/v1/jobs/${encodeURIComponent(id)}`),
  approvals: (state?: string) => list<Approval>(request<unknown>('/v1/approvals', { query: { state } })),
  approve: (id: string, comment?: string) => request<Approval>(`/v1/approvals/${encodeURIComponent(id)}/approve`, { body: { comment } }),
  reject: (id: string, comment?: string) => request<Approval>(`/v1/approvals/${encodeURIComponent(id)}/reject`, { body: { comment } }),
  audit: (q: { actor?: string; action?: string; model?: string; since?: string; limit?: number }) => list<AuditEntry>(request<unknown>('/v1/audit', { query: q })),
  alerts: (q: { model?: string; state?: string }) => list<Alert>(request<unknown>('/v1/alerts', { query: q })),
  deliveries: (limit = 100) => list<AlertDelivery>(request<unknown>('/v1/alerts/deliveries', { query: { limit } })),
  acknowledge: (id: string, comment?: string) => request<Alert>(`/v1/alerts/${encodeURIComponent(id)}/ack`, { body: { comment } }),
  simulateDrift: () => request<unknown>('/v1/demo/simulate-drift', { body: {} }),
  resetDemo: () => request<unknown>('/v1/demo/reset', { body: {} }),
};

/** The URL of a report download (the server renders it). */
export const reportDownloadUrl = (id: string | number, format: 'json' | 'csv' | 'html'): string => `/v1/reports/${encodeURIComponent(String(id))}?format=${format}`;

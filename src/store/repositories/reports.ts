/** Drift reports: the whole report as JSON, with summary columns for listing and time-range queries. */
import type { Selectable } from 'kysely';
import { DriftwatchError } from '../../core/index.js';
import { isoOf, isoOrNull, nowValue, type StoreContext } from '../context.js';
import type { DriftReportsTable } from '../schema.js';

export interface ReportSummary {
  readonly datasetDrift: boolean;
  readonly driftShare: number | null;
  readonly driftedColumns: number;
  readonly totalColumns: number;
  readonly severity: string | null;
}

export interface StoredReportInfo extends ReportSummary {
  readonly id: number;
  readonly modelName: string | null;
  readonly modelVersion: number | null;
  readonly referenceDatasetVersionId: number | null;
  readonly createdAt: string;
  readonly windowStart: string | null;
  readonly windowEnd: string | null;
}

export interface StoredReport extends StoredReportInfo {
  readonly report: unknown;
}

export interface NewReport {
  readonly modelName?: string | null;
  readonly modelVersion?: number | null;
  readonly referenceDatasetVersionId?: number | null;
  readonly windowStartMs?: number | null;
  readonly windowEndMs?: number | null;
  readonly summary: ReportSummary;
  /** The report as JSON-serialisable data (the DriftReport). */
  readonly report: unknown;
}

export interface ReportRepository {
  save(input: NewReport): Promise<StoredReportInfo>;
  get(id: number): Promise<StoredReport | undefined>;
  require(id: number): Promise<StoredReport>;
  /** Summaries, newest first. */
  list(filter?: { modelName?: string; sinceMs?: number; untilMs?: number; limit?: number }): Promise<StoredReportInfo[]>;
  latest(modelName: string): Promise<StoredReport | undefined>;
}

export function reportRepository(ctx: StoreContext): ReportRepository {
  const { db, dialect } = ctx;
  const summaryColumns = ['id', 'model_name', 'model_version', 'reference_dataset_version_id', 'created_at', 'window_start', 'window_end', 'dataset_drift', 'drift_share', 'drifted_columns', 'total_columns', 'severity'] as const;
  const toInfo = (r: Omit<Selectable<DriftReportsTable>, 'report'>): StoredReportInfo => ({
    id: r.id,
    modelName: r.model_name,
    modelVersion: r.model_version,
    referenceDatasetVersionId: r.reference_dataset_version_id,
    createdAt: isoOf(ctx, r.created_at),
    windowStart: isoOrNull(ctx, r.window_start),
    windowEnd: isoOrNull(ctx, r.window_end),
    datasetDrift: r.dataset_drift !== 0,
    driftShare: r.drift_share,
    driftedColumns: r.drifted_columns,
    totalColumns: r.total_columns,
    severity: r.severity,
  });
  const toReport = (r: Selectable<DriftReportsTable>): StoredReport => ({ ...toInfo(r), report: dialect.readJson(r.report) });
  const repo: ReportRepository = {
    async save(input) {
      const s = input.summary;
      const r = await db.insertInto('drift_reports').values({
        model_name: input.modelName ?? null,
        model_version: input.modelVersion ?? null,
        reference_dataset_version_id: input.referenceDatasetVersionId ?? null,
        created_at: nowValue(ctx),
        window_start: input.windowStartMs == null ? null : dialect.writeTime(input.windowStartMs),
        window_end: input.windowEndMs == null ? null : dialect.writeTime(input.windowEndMs),
        dataset_drift: s.datasetDrift ? 1 : 0,
        drift_share: s.driftShare,
        drifted_columns: s.driftedColumns,
        total_columns: s.totalColumns,
        severity: s.severity,
        report: dialect.writeJson(encodeNonFinite(input.report)),
      }).returning(summaryColumns).executeTakeFirstOrThrow();
      return toInfo(r);
    },
    async get(id) {
      const r = await db.selectFrom('drift_reports').selectAll().where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : toReport(r);
    },
    async require(id) {
      const r = await repo.get(id);
      if (r === undefined) throw new DriftwatchError('NOT_FOUND', `there is no drift report ${id}`, { field: 'report' });
      return r;
    },
    async list(filter = {}) {
      let q = db.selectFrom('drift_reports').select(summaryColumns);
      if (filter.modelName !== undefined) q = q.where('model_name', '=', filter.modelName);
      if (filter.sinceMs !== undefined) q = q.where('created_at', '>=', dialect.writeTime(filter.sinceMs));
      if (filter.untilMs !== undefined) q = q.where('created_at', '<=', dialect.writeTime(filter.untilMs));
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 1000).execute();
      return rows.map(toInfo);
    },
    async latest(modelName) {
      const r = await db.selectFrom('drift_reports').selectAll().where('model_name', '=', modelName).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      return r === undefined ? undefined : toReport(r);
    },
  };
  return repo;
}

/**
 * JSON has no NaN or infinity (JSON.stringify writes null): reports keep them as the strings "NaN",
 * "Infinity" and "-Infinity", as the JSON report does (src/report/json.ts), so a stored report reads back
 * whole. Plain JSON values pass through unchanged, and uncopied: only the objects and arrays on the way to a
 * non-finite number are copied (a report already in its JSON form, with 100,000 columns, costs one walk,
 * where a stringify with a replacer and a parse took seconds).
 */
export function encodeNonFinite(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (value === null || typeof value !== 'object') return value;
  // What JSON.stringify would call first (a Date's toJSON), then walk its result.
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    const json: unknown = (toJSON as () => unknown).call(value);
    // JSON.stringify calls toJSON once: a toJSON that returns its own object is walked as a plain one.
    if (json !== value) return encodeNonFinite(json);
  }
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const e = encodeNonFinite(v);
      if (e !== v) (out ??= value.slice())[i] = e;
    }
    return out ?? value;
  }
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const v = record[key];
    const e = encodeNonFinite(v);
    if (e !== v) (out ??= { ...record })[key] = e;
  }
  return out ?? value;
}

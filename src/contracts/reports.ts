/** Stored drift reports (list, one in JSON, CSV or HTML) and `POST /v1/analyze` (two uploaded files). */
import { z } from 'zod';

export const SEVERITY_NAMES = ['LOW', 'MEDIUM', 'HIGH'] as const;

export const reportSummarySchema = z.strictObject({
  id: z.number().int(),
  /** The model whose window was checked; null for an uploaded analysis without one. */
  model: z.string().nullable(),
  model_version: z.number().int().nullable(),
  created_at: z.string(),
  window_start: z.string().nullable(),
  window_end: z.string().nullable(),
  dataset_drift: z.boolean(),
  drift_share: z.number().nullable(),
  drifted_columns: z.number().int(),
  total_columns: z.number().int(),
  severity: z.string().nullable(),
});

export const reportsQuerySchema = z.strictObject({
  model: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const listReportsResponseSchema = z.strictObject({ reports: z.array(reportSummarySchema) });

export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;

export const reportIdParamsSchema = z.strictObject({ id: z.number().int().min(1) });

export const reportQuerySchema = z.strictObject({
  /** json (default; the JSON report as `analyze --format json` writes it), csv (per-column scores), html (the self-contained page). */
  format: z.enum(REPORT_FORMATS).optional(),
});

/** The JSON report (docs/report-schema.md), as the CLI writes it. */
export const reportJsonSchema = z.looseObject({
  schema_version: z.string(),
  generated_at: z.string(),
  dataset: z.looseObject({ dataset_drift: z.boolean() }),
});

/** Text fields of the analyze upload (besides the `reference`, `current` and optional `model` files). */
export const analyzeFieldsSchema = z.strictObject({
  /** The label column: analysed as target drift (and for the model's realised performance). */
  label: z.string().min(1).max(500).optional(),
  preset: z.enum(['default', 'evidently', 'classic']).optional(),
  /** Share of drifted columns that makes dataset drift (0 < x ≤ 1). */
  drift_share: z.coerce.number().gt(0).max(1).optional(),
  /** Keep the report in the store (default true): the answer then carries its `report_id`. */
  store: z.enum(['true', 'false']).optional(),
});

export const analyzeResponseSchema = reportJsonSchema.extend({
  /** The stored report's id (`GET /v1/reports/:id`), or null when `store=false`. */
  report_id: z.number().int().nullable(),
});

export type ReportSummaryInfo = z.infer<typeof reportSummarySchema>;
export type ReportsQuery = z.infer<typeof reportsQuerySchema>;
export type ReportQuery = z.infer<typeof reportQuerySchema>;
export type AnalyzeFields = z.infer<typeof analyzeFieldsSchema>;

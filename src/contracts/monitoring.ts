/**
 * Monitoring over HTTP: run a check now, the drift history, realised performance per time window, the
 * overview's cards and series, and the monitoring events (list and live stream).
 */
import { z } from 'zod';
import { reportSummarySchema } from './reports.js';

const severity = z.enum(['LOW', 'MEDIUM', 'HIGH']);

export const eventSchema = z.strictObject({
  id: z.string(),
  model: z.string(),
  /** drift_started, drift_ended, performance_drop, performance_recovered, check_completed, retraining_requested, … */
  kind: z.string(),
  severity: severity.optional(),
  at: z.string(),
  summary: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const checkBodySchema = z.strictObject({ reason: z.string().max(500).optional() });

export const checkResponseSchema = z.strictObject({
  model: z.string(),
  /** `skipped` when there was nothing to check (no production version, no baseline, too few rows): `reason` says why. */
  status: z.enum(['checked', 'skipped']),
  reason: z.string().nullable(),
  report_id: z.number().int().nullable(),
  model_version: z.number().int().nullable(),
  rows: z.number().int(),
  labelled: z.number().int(),
  window_start: z.string().nullable(),
  window_end: z.string().nullable(),
  /** The report's headline: dataset, target or prediction drift. */
  drift: z.boolean(),
  dataset_drift: z.boolean(),
  drift_share: z.number().nullable(),
  drifted_columns: z.number().int(),
  total_columns: z.number().int(),
  severity: severity.nullable(),
  target_drift: z.boolean(),
  prediction_drift: z.boolean(),
  performance: z
    .strictObject({ metric: z.string(), reference: z.number().nullable(), current: z.number().nullable(), drop: z.number().nullable(), alert: z.boolean() })
    .nullable(),
  events: z.array(eventSchema),
  retraining_requested: z.boolean(),
});

export const driftQuerySchema = z.strictObject({
  /** ISO 8601 or epoch ms: reports created at or after. */
  from: z.string().min(1).max(40).optional(),
  to: z.string().min(1).max(40).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const driftResponseSchema = z.strictObject({
  /** The newest report of the model (whatever the range), or null. */
  latest: reportSummarySchema.nullable(),
  /** Reports in the range, newest first. */
  history: z.array(reportSummarySchema),
});

export const PERFORMANCE_WINDOWS = ['hour', 'day', 'week'] as const;

export const performanceQuerySchema = z.strictObject({
  window: z.enum(PERFORMANCE_WINDOWS).optional(),
  /** How many windows back from now (default 30). */
  limit: z.number().int().min(1).max(400).optional(),
});

export const performanceWindowSchema = z.strictObject({
  start: z.string(),
  end: z.string(),
  /** Rows logged in the window. */
  rows: z.number().int(),
  /** Of them, rows whose label has arrived (the metrics are computed on these). */
  labelled: z.number().int(),
  /** accuracy, precision, recall, f1, roc_auc (classifiers) or mae, rmse, r2 (regressors); null without labelled rows. */
  metrics: z.record(z.string(), z.number().nullable()),
});

export const performanceResponseSchema = z.strictObject({
  model: z.string(),
  window: z.enum(PERFORMANCE_WINDOWS),
  /** Oldest first. */
  windows: z.array(performanceWindowSchema),
});

/** A time series: [epoch ms, value] pairs, oldest first. */
const series = z.array(z.tuple([z.number(), z.number().nullable()]));

export const summaryResponseSchema = z.strictObject({
  model: z.string(),
  production_version: z.number().int().nullable(),
  total_predictions: z.number().int(),
  /** Drift episodes started (drift_started events). */
  drift_events: z.number().int(),
  /** Retraining jobs run for the model. */
  retraining_count: z.number().int(),
  /** Realised accuracy (classifiers) or RMSE (regressors) of the latest window with labels, or null. */
  current_metric: z.strictObject({ name: z.string(), value: z.number() }).nullable(),
  drifted_columns: z.number().int(),
  total_columns: z.number().int(),
  drift_share: z.number().nullable(),
  threshold: z.number(),
  top_feature: z.strictObject({ column: z.string(), score: z.number() }).nullable(),
  severity,
  latest_report_id: z.number().int().nullable(),
  active_alerts: z.array(z.strictObject({ id: z.string(), kind: z.string(), severity, summary: z.string(), since: z.string() })),
  /** Over the newest 100,000 logged rows of the last 30 days (drift share: the last 200 reports). */
  series: z.strictObject({
    drift_share: series,
    accuracy: series,
    /** Mean top-class probability per window. */
    confidence: series,
    /** Share of each predicted class per window. */
    class_distribution: z.record(z.string(), series),
    /** Seconds of the train step per retraining job, at the job's end. */
    training_time: series,
  }),
});

export const eventsQuerySchema = z.strictObject({
  model: z.string().min(1).max(200).optional(),
  /** One kind or several, comma-separated. */
  kind: z.string().min(1).max(500).optional(),
  /** ISO 8601 or epoch ms. */
  since: z.string().min(1).max(40).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});

export const eventsResponseSchema = z.strictObject({ events: z.array(eventSchema) });

export const eventStreamQuerySchema = z.strictObject({
  model: z.string().min(1).max(200).optional(),
  kind: z.string().min(1).max(500).optional(),
  /** Seconds between keep-alive comments (default 15). */
  heartbeat_s: z.number().min(0.05).max(300).optional(),
});

export type EventInfo = z.infer<typeof eventSchema>;
export type CheckBody = z.infer<typeof checkBodySchema>;
export type CheckResponse = z.infer<typeof checkResponseSchema>;
export type DriftQuery = z.infer<typeof driftQuerySchema>;
export type DriftResponse = z.infer<typeof driftResponseSchema>;
export type PerformanceQuery = z.infer<typeof performanceQuerySchema>;
export type PerformanceWindowInfo = z.infer<typeof performanceWindowSchema>;
export type PerformanceResponse = z.infer<typeof performanceResponseSchema>;
export type SummaryResponse = z.infer<typeof summaryResponseSchema>;
export type EventsQuery = z.infer<typeof eventsQuerySchema>;
export type EventStreamQuery = z.infer<typeof eventStreamQuerySchema>;

/**
 * Monitoring of one model over HTTP: run the drift check now (the monitor's own check: window vs baseline,
 * stored report, events, alerts, trigger), the drift history, realised performance per time window, and the
 * overview's cards and series.
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  checkBodySchema,
  checkResponseSchema,
  driftQuerySchema,
  driftResponseSchema,
  modelNameParamsSchema,
  performanceQuerySchema,
  performanceResponseSchema,
  summaryResponseSchema,
  type CheckBody,
  type CheckResponse,
  type DriftQuery,
  type DriftResponse,
  type PerformanceQuery,
  type PerformanceResponse,
  type SummaryResponse,
} from '../../contracts/index.js';
import type { CheckResult } from '../../monitor/index.js';
import type { ModelSignature } from '../../models/index.js';
import { PIPELINE_JOB_KIND } from '../../pipeline/index.js';
import { PRODUCTION } from '../../registry/index.js';
import type { Runtime } from '../../runtime/index.js';
import type { RouteContext } from '../build-app.js';
import { parseTime } from '../query-time.js';
import { optionalBody } from '../optional-body.js';
import { routeSchema } from '../route-schema.js';
import { requireModel } from '../serving.js';
import { windowLength, windowsOf, windowsSpanning, windowStart, type LoggedRows, type WindowKind } from '../window-metrics.js';
import { reportSummaryInfo } from './reports.js';

type NameParams = { name: string };

export function checkResponse(r: CheckResult): CheckResponse {
  return {
    model: r.model,
    status: r.status,
    reason: r.reason,
    report_id: r.reportId,
    model_version: r.modelVersion,
    rows: r.rows,
    labelled: r.labelled,
    window_start: r.windowStart,
    window_end: r.windowEnd,
    drift: r.drift,
    dataset_drift: r.datasetDrift,
    drift_share: r.driftShare,
    drifted_columns: r.driftedColumns,
    total_columns: r.totalColumns,
    severity: r.severity,
    target_drift: r.targetDrift,
    prediction_drift: r.predictionDrift,
    performance: r.performance === null ? null : { ...r.performance },
    events: r.events.map((e) => ({ ...e, data: { ...e.data } })),
    retraining_requested: r.retrainingRequested,
  };
}

/** The signature metrics are computed for: the production version's, else the latest version's. */
async function signatureOf(runtime: Runtime, name: string): Promise<Pick<ModelSignature, 'task' | 'classes' | 'positiveClass'>> {
  const v = await runtime.registry.getVersion({ name });
  return v.signature;
}

const SERIES_ROWS = 100_000;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const monitoringRoutes: FastifyPluginAsync<RouteContext> = async (app, { runtime }) => {
  const { store, clock, registry, alerter } = runtime;

  app.post<{ Params: NameParams; Body: CheckBody }>('/v1/models/:name/check', {
    preValidation: optionalBody,
    config: { audit: { action: 'monitor.check_requested', subjectKind: 'model' } },
    schema: routeSchema({
      tags: ['monitoring'],
      summary: 'Run the drift check now',
      description: "The monitor's check of the model's window against its baseline: the report is stored, events recorded, alerts observed and retraining requested when the policy says so. `status: skipped` (with the reason) when there is nothing to check yet.",
      params: modelNameParamsSchema,
      body: checkBodySchema,
      response: { 200: checkResponseSchema },
    }),
  }, async (req) => {
    await requireModel(runtime, req.params.name);
    // Through the runtime: the check's figures also go to the Prometheus gauges.
    const r = await runtime.check(req.params.name, req.body?.reason ?? `requested by ${req.principal.name}`);
    req.auditDetails = { status: r.status, report_id: r.reportId, drift: r.drift };
    return checkResponse(r);
  });

  app.get<{ Params: NameParams; Querystring: DriftQuery }>('/v1/models/:name/drift', {
    schema: routeSchema({ tags: ['monitoring'], summary: "The model's drift reports: the latest, and the history in a time range", params: modelNameParamsSchema, query: driftQuerySchema, response: { 200: driftResponseSchema } }),
  }, async (req): Promise<DriftResponse> => {
    await requireModel(runtime, req.params.name);
    const q = req.query;
    const [latest, history] = await Promise.all([
      store.reports.list({ modelName: req.params.name, limit: 1 }),
      store.reports.list({
        modelName: req.params.name,
        ...(q.from !== undefined ? { sinceMs: parseTime(q.from, 'from') } : {}),
        ...(q.to !== undefined ? { untilMs: parseTime(q.to, 'to') } : {}),
        limit: q.limit ?? 100,
      }),
    ]);
    return { latest: latest[0] === undefined ? null : reportSummaryInfo(latest[0]), history: history.map(reportSummaryInfo) };
  });

  app.get<{ Params: NameParams; Querystring: PerformanceQuery }>('/v1/models/:name/performance', {
    schema: routeSchema({
      tags: ['monitoring'],
      summary: 'Realised performance per time window, from logged rows whose labels arrived',
      description: 'Calendar windows in UTC (weeks from Monday), oldest first, ending with the current one.',
      params: modelNameParamsSchema,
      query: performanceQuerySchema,
      response: { 200: performanceResponseSchema },
    }),
  }, async (req): Promise<PerformanceResponse> => {
    const { name } = req.params;
    await requireModel(runtime, name);
    const kind: WindowKind = req.query.window ?? 'day';
    const count = req.query.limit ?? 30;
    const now = clock.now();
    const len = windowLength(kind);
    const first = windowStart(now, kind) - (count - 1) * len;
    const [rows, signature] = await Promise.all([store.predictions.readWindow(name, { fromMs: first, toMs: windowStart(now, kind) + len }), signatureOf(runtime, name)]);
    const windows = windowsOf(rows as LoggedRows, kind, count, now, signature);
    return { model: name, window: kind, windows: windows.map((w) => ({ start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString(), rows: w.rows, labelled: w.labelled, metrics: w.metrics })) };
  });

  app.get<{ Params: NameParams }>('/v1/models/:name/summary', {
    schema: routeSchema({ tags: ['monitoring'], summary: "The overview's cards and time series", params: modelNameParamsSchema, response: { 200: summaryResponseSchema } }),
  }, async (req): Promise<SummaryResponse> => {
    const { name } = req.params;
    const model = await registry.getModel(name);
    const now = clock.now();
    const [total, driftStarts, jobs, latest, reports, firing] = await Promise.all([
      store.predictions.count(name),
      store.events.list({ model: name, kinds: ['drift_started'], limit: 10_000 }),
      store.jobs.list({ kind: PIPELINE_JOB_KIND, modelName: name, limit: 1000 }),
      store.reports.latest(name),
      store.reports.list({ modelName: name, limit: 200 }),
      alerter.list({ model: name, state: 'firing' }),
    ]);
    // Continuations (after an approval) carry on a run; they are not another retraining.
    const runs = jobs.filter((j) => j.state !== 'cancelled' && (j.payload as { continues?: unknown } | null)?.continues === undefined);

    const report = (latest?.report ?? null) as { dataset?: Record<string, unknown>; columns?: { name?: unknown; score?: unknown }[] } | null;
    let top: { column: string; score: number } | null = null;
    for (const c of report?.columns ?? []) {
      const score = num(c.score);
      if (score !== null && typeof c.name === 'string' && (top === null || score > top.score)) top = { column: c.name, score };
    }
    const severity = latest?.severity === 'MEDIUM' || latest?.severity === 'HIGH' ? latest.severity : 'LOW';

    // Series over the logged rows: 15-second windows for a model minutes old (a demo, a fresh deployment),
    // 5-minute windows within two hours, hours within two days, then days.
    const signature = model.latestVersion === 0 ? null : await signatureOf(runtime, name);
    // The page refreshes on every event: the series read at most the newest 100,000 rows of the last 30 days.
    const rows = await store.predictions.readWindow(name, { last: SERIES_ROWS, fromMs: now - 30 * 86_400_000, toMs: now + 1 });
    let oldest = now;
    for (let i = 0; i < rows.rowCount; i++) oldest = Math.min(oldest, rows.tsMs[i]!);
    const span = now - oldest;
    const step = span <= 15 * 60_000 ? 15_000 : span <= 2 * 3_600_000 ? 300_000 : span <= 2 * 86_400_000 ? 3_600_000 : 86_400_000;
    const count = Math.min(120, windowsSpanning(oldest, now, step));
    const windows = signature === null || rows.rowCount === 0 ? [] : windowsOf(rows as LoggedRows, step, count, now, signature);
    const accuracy: [number, number | null][] = [];
    const confidence: [number, number | null][] = [];
    const classes: Record<string, [number, number | null][]> = {};
    const metricName = signature?.task === 'regression' ? 'rmse' : 'accuracy';
    let current: { name: string; value: number } | null = null;
    for (const w of windows) {
      if (w.rows === 0) continue;
      const value = w.metrics[metricName] ?? null;
      if (w.labelled > 0) {
        accuracy.push([w.end, value]);
        if (value !== null) current = { name: metricName, value };
      }
      confidence.push([w.end, w.confidence]);
      for (const [k, share] of Object.entries(w.classShares)) (classes[k] ??= []).push([w.end, share]);
    }

    const trainingTime: [number, number | null][] = [];
    for (const j of runs.filter((x) => x.finishedAt !== null).slice(0, 20).reverse()) {
      const train = (await store.jobs.steps(j.id)).find((s) => s.name === 'train' && s.state === 'succeeded');
      if (train?.durationMs != null) trainingTime.push([Date.parse(j.finishedAt!), train.durationMs / 1000]);
    }

    return {
      model: name,
      production_version: model.aliases.find((a) => a.alias === PRODUCTION)?.version ?? null,
      total_predictions: total,
      drift_events: driftStarts.length,
      retraining_count: runs.length,
      current_metric: current,
      drifted_columns: latest?.driftedColumns ?? 0,
      total_columns: latest?.totalColumns ?? 0,
      drift_share: latest?.driftShare ?? null,
      threshold: num(report?.dataset?.['drift_share_threshold']) ?? 0.5,
      top_feature: top,
      severity,
      latest_report_id: latest?.id ?? null,
      active_alerts: firing.map((a) => ({ id: a.id, kind: a.kind, severity: a.severity, summary: a.summary, since: a.openedAt })),
      series: {
        drift_share: reports.slice().reverse().map((r) => [Date.parse(r.windowEnd ?? r.createdAt), r.driftShare] as [number, number | null]),
        accuracy,
        confidence,
        class_distribution: classes,
        training_time: trainingTime,
      },
    };
  });
};

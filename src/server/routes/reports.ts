/**
 * Stored drift reports: the list (newest first), and one report as the JSON report (what `analyze --format
 * json` writes), the per-column CSV or the self-contained HTML page, rendered by src/report from the stored
 * JSON.
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import {
  listReportsResponseSchema,
  reportIdParamsSchema,
  reportJsonSchema,
  reportQuerySchema,
  reportsQuerySchema,
  type ReportQuery,
  type ReportSummaryInfo,
  type ReportsQuery,
} from '../../contracts/index.js';
import { DriftwatchError } from '../../core/index.js';
import type { StoredReportInfo } from '../../store/index.js';
import type { RouteContext } from '../build-app.js';
import { routeSchema } from '../route-schema.js';

export function reportSummaryInfo(r: StoredReportInfo): ReportSummaryInfo {
  return {
    id: r.id,
    model: r.modelName,
    model_version: r.modelVersion,
    created_at: r.createdAt,
    window_start: r.windowStart,
    window_end: r.windowEnd,
    dataset_drift: r.datasetDrift,
    drift_share: r.driftShare,
    drifted_columns: r.driftedColumns,
    total_columns: r.totalColumns,
    severity: r.severity,
  };
}

export const reportRoutes: FastifyPluginAsync<RouteContext> = async (app, { runtime }) => {
  const { store } = runtime;

  app.get<{ Querystring: ReportsQuery }>('/v1/reports', {
    schema: routeSchema({ tags: ['reports'], summary: 'Stored drift reports, newest first', query: reportsQuerySchema, response: { 200: listReportsResponseSchema } }),
  }, async (req) => {
    const list = await store.reports.list({ ...(req.query.model !== undefined ? { modelName: req.query.model } : {}), limit: req.query.limit ?? 50 });
    return { reports: list.map(reportSummaryInfo) };
  });

  app.get<{ Params: { id: number }; Querystring: ReportQuery }>('/v1/reports/:id', {
    schema: routeSchema({
      tags: ['reports'],
      summary: 'One report: JSON (default), CSV or HTML',
      description: '`?format=json` and `?format=csv` answer as a download (Content-Disposition: attachment); `?format=html` is the self-contained page.',
      params: reportIdParamsSchema,
      query: reportQuerySchema,
      response: { 200: reportJsonSchema },
    }),
  }, async (req, reply) => {
    const stored = await store.reports.get(req.params.id);
    if (stored === undefined) throw new DriftwatchError('NOT_FOUND', `there is no drift report ${req.params.id}`, { field: 'id' });
    // The renderers load ECharts and resvg: only when a report is asked for.
    const { reviveReport, renderJsonBytes, renderCsv, renderHtml } = await import('../../report/index.js');
    const report = reviveReport(stored.report);
    const format = req.query.format;
    const base = `drift-report-${stored.id}`;
    if (format === 'csv') {
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${base}.csv"`).send(renderCsv(report));
    }
    if (format === 'html') return reply.header('content-type', 'text/html; charset=utf-8').send(renderHtml(report));
    if (format === 'json') void reply.header('content-disposition', `attachment; filename="${base}.json"`);
    // Already serialised, in the documented key order: streamed in megabyte pieces as it is made (the JSON of a
    // report 100,000 columns wide is hundreds of megabytes, never one string).
    return reply.header('content-type', 'application/json; charset=utf-8').send(Readable.from(renderJsonBytes(report)));
  });
};

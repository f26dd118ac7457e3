/**
 * `POST /v1/analyze`: the CLI's analysis of two uploaded files (and, with a model file, the model section),
 * by the same workflows, with the same messages: a file problem answers 400/415/422 naming the file as sent,
 * its line and the field. The report is stored and answered as the JSON report plus its `report_id`.
 */
import type { FastifyPluginAsync } from 'fastify';
import { analyzeFieldsSchema, analyzeResponseSchema } from '../../contracts/index.js';
import { DriftwatchError } from '../../core/index.js';
import type { AnalyzeOptions } from '../../drift/index.js';
import { analyzeFiles, type AnalyzeFilesOptions, type AnalyzeFilesResult } from '../../workflows/index.js';
import type { RouteContext } from '../build-app.js';
import { routeSchema } from '../route-schema.js';
import { receiveUploads, registerMultipart, uploadsFolder, withUploadNames, type UploadedFile } from '../uploads.js';

const DEFAULT_UPLOAD_MB = 32;
const PARTS = ['reference', 'current', 'model'] as const;

export const analyzeRoutes: FastifyPluginAsync<RouteContext> = async (app, { runtime }) => {
  const maxFileBytes = Math.round((runtime.config.server?.body_limit_mb ?? DEFAULT_UPLOAD_MB) * 1048576);
  await registerMultipart(app, maxFileBytes);

  app.post('/v1/analyze', {
    // Any signed-in caller may analyse files; the stored report is recorded in the audit log.
    config: { role: 'viewer', audit: { action: 'report.analyzed', subjectKind: 'report' } },
    schema: routeSchema({
      tags: ['reports'],
      summary: 'Analyse two uploaded files (as `driftwatch analyze`)',
      description: 'multipart/form-data: `reference` and `current` (CSV, Parquet, JSON Lines; gzip allowed), optional `model` (native JSON, ONNX, XGBoost JSON) for the model section, and text fields `label`, `preset` (default, evidently, classic), `drift_share`, `store` (true by default). Answers the JSON report plus `report_id`.',
      response: { 200: analyzeResponseSchema },
    }),
  }, async (req) => {
    const up = await receiveUploads(req, { fileNames: PARTS, required: ['reference', 'current'], fields: analyzeFieldsSchema, maxFileBytes, root: uploadsFolder(runtime.home) });
    try {
      const reference = up.files['reference']!;
      let current = up.files['current']!;
      // Two files sent under one name would read the same in every message.
      if (current.display === reference.display) current = { ...current, display: `current/${current.display}` };
      const { label, preset, drift_share: driftShare } = up.fields;
      const analyze: AnalyzeOptions = {
        ...(label !== undefined ? { target: label } : {}),
        ...(preset !== undefined ? { preset } : {}),
        ...(driftShare !== undefined ? { driftShare } : {}),
        referencePath: reference.display,
        currentPath: current.display,
        clock: runtime.clock,
      };
      const options: AnalyzeFilesOptions = {
        reference,
        current,
        analyze,
        ...(label !== undefined ? { namedColumns: [{ source: 'label', name: label, mustHaveValues: true }] } : {}),
      };
      const model = up.files['model'];
      let result: AnalyzeFilesResult;
      try {
        result = model === undefined ? await analyzeFiles(options) : await analyzeWithModel(options, model, label);
      } catch (e) {
        throw fieldOfUpload(withUploadNames(e, { reference, current, ...(model !== undefined ? { model } : {}) }), { reference, current, ...(model !== undefined ? { model } : {}) });
      }
      const { report } = result;
      // The report's JSON form in documented key order (as drift_report.json holds it), made once for the store
      // and the answer: no text is made and parsed back.
      const { reportToJson } = await import('../../report/json.js');
      const json = reportToJson(report);
      let reportId: number | null = null;
      if (up.fields.store !== 'false') {
        const d = report.dataset;
        const saved = await runtime.store.reports.save({
          summary: { datasetDrift: d.dataset_drift, driftShare: d.drifted_share, driftedColumns: d.drifted_columns, totalColumns: d.columns_analyzed, severity: d.severity },
          report: json,
        });
        reportId = saved.id;
      }
      req.auditDetails = { report_id: reportId, reference: reference.filename, current: current.filename, ...(model !== undefined ? { model: model.filename } : {}), dataset_drift: report.dataset.dataset_drift };
      return { ...json, report_id: reportId };
    } finally {
      await up.cleanup();
    }
  });
};

async function analyzeWithModel(options: AnalyzeFilesOptions, model: UploadedFile, label: string | undefined): Promise<AnalyzeFilesResult> {
  const { analyzeModelDrift } = await import('../../workflows/analyze-model/index.js');
  return analyzeModelDrift({ ...options, model, ...(label !== undefined ? { label } : {}) });
}

/** The upload a file error is about, as the error's field when it names no column of its own. */
function fieldOfUpload(e: unknown, files: Readonly<Record<string, UploadedFile>>): unknown {
  if (!(e instanceof DriftwatchError) || e.field !== undefined || e.file === undefined) return e;
  const part = Object.entries(files).find(([, f]) => e.file === f.display)?.[0];
  if (part === undefined) return e;
  return new DriftwatchError(e.code, e.message, { file: e.file, ...(e.line !== undefined ? { line: e.line } : {}), field: part }, { cause: e });
}

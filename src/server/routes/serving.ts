/** `POST /v1/models/:name/predict`, `…/ingest` and `…/feedback`: the data plane of a served model. */
import type { FastifyPluginAsync } from 'fastify';
import {
  feedbackBodySchema,
  feedbackResponseSchema,
  ingestBodySchema,
  ingestResponseSchema,
  modelParamsSchema,
  predictBodySchema,
  predictResponseSchema,
  type FeedbackBody,
  type FeedbackResponse,
  type IngestBody,
  type IngestResponse,
  type PredictBody,
  type PredictResponse,
} from '../../contracts/index.js';
import { DriftwatchError } from '../../core/index.js';
import type { RouteContext } from '../build-app.js';
import { routeSchema } from '../route-schema.js';
import { ingestRows, predictAndLog, requireModel } from '../serving.js';
import { blockFromColumns, blockFromRows } from '../serving-rows.js';

type ModelParams = { name: string };

export const servingRoutes: FastifyPluginAsync<RouteContext> = async (app, { runtime, batcher }) => {
  app.post<{ Params: ModelParams; Body: PredictBody }>('/v1/models/:name/predict', {
    // Every prediction is in the prediction log; an audit row each would double the writes.
    config: { audit: false },
    schema: routeSchema({
      tags: ['serving'],
      summary: "Predict with the model's production version",
      description: 'Rows (`{"rows": [{feature: value}]}`) or columns (`{"columns": {feature: [values]}}`). Every row is logged, and committed before the answer.',
      params: modelParamsSchema,
      body: predictBodySchema,
      response: { 200: predictResponseSchema },
    }),
  }, async (req): Promise<PredictResponse> => {
    const { rows, columns } = req.body;
    if ((rows === undefined) === (columns === undefined)) {
      throw new DriftwatchError('INVALID_ARGUMENT', 'send either "rows" (a list of {feature: value}) or "columns" ({feature: [values]}), not both or neither', { field: rows === undefined ? 'rows' : 'columns' });
    }
    // The version is fixed here, once: every row of this request is answered by it even if the alias moves.
    const served = runtime.models.peek(req.params.name) ?? (await runtime.models.get(req.params.name));
    const input = rows !== undefined ? { block: blockFromRows(served.signature, rows), rows } : blockFromColumns(served.signature, columns!);
    const { ids, outputs } = await predictAndLog(runtime, batcher, served, input.block, input.rows);
    const predictions = new Array<PredictResponse['predictions'][number]>(ids.length);
    for (let i = 0; i < ids.length; i++) predictions[i] = { prediction_id: ids[i]!, ...outputs[i]! };
    return { model: served.name, model_version: served.version, predictions };
  });

  app.post<{ Params: ModelParams; Body: IngestBody }>('/v1/models/:name/ingest', {
    config: { audit: { action: 'predictions.ingested', subjectKind: 'model' } },
    schema: routeSchema({
      tags: ['serving'],
      summary: 'Log rows predicted elsewhere (idempotent by batch_id)',
      description: 'Each row: features plus optional `prediction`, `probability`, `label`, `timestamp`, `prediction_id`. A batch sent again answers 200 with `"status": "duplicate"` and stores nothing.',
      params: modelParamsSchema,
      body: ingestBodySchema,
      response: { 200: ingestResponseSchema },
    }),
  }, async (req): Promise<IngestResponse> => {
    const out = await ingestRows(runtime, req.params.name, req.body.batch_id, req.body.rows);
    req.auditDetails = { batch_id: req.body.batch_id, rows: out.rows, status: out.status };
    return { status: out.status, batch_id: req.body.batch_id, rows: out.rows, predicted: out.predicted, ...(out.predictionIds !== undefined ? { prediction_ids: out.predictionIds } : {}) };
  });

  app.post<{ Params: ModelParams; Body: FeedbackBody }>('/v1/models/:name/feedback', {
    config: { audit: { action: 'predictions.labelled', subjectKind: 'model' } },
    schema: routeSchema({
      tags: ['serving'],
      summary: 'Late labels by prediction_id',
      description: 'Ids that match no logged prediction of this model are listed in `unknown_ids`; nothing is stored for them.',
      params: modelParamsSchema,
      body: feedbackBodySchema,
      response: { 200: feedbackResponseSchema },
    }),
  }, async (req): Promise<FeedbackResponse> => {
    await requireModel(runtime, req.params.name);
    const labels = req.body.labels.map((l) => ({ predictionId: l.prediction_id, label: String(l.label) }));
    const { updated, unknown } = await runtime.store.predictions.setLabels(req.params.name, labels);
    req.auditDetails = { updated, unknown: unknown.length };
    return { updated, unknown_ids: unknown };
  });
};

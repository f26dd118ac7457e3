/**
 * The seed microservices' routes, so their clients work unchanged: `POST /predict` and `POST /ingest/batch`
 * with positional rows (`{"features": [[…], …]}`) in the model signature's input order. They act on the
 * config's `default_model`, or the only registered model.
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  ingestResponseSchema,
  seedIngestBodySchema,
  seedPredictBodySchema,
  seedPredictResponseSchema,
  type FeatureValueJson,
  type IngestResponse,
  type SeedIngestBody,
  type SeedPredictBody,
  type SeedPredictResponse,
} from '../../contracts/index.js';
import { DriftwatchError } from '../../core/index.js';
import type { RouteContext } from '../build-app.js';
import { defaultModelResolver } from '../default-model.js';
import { routeSchema } from '../route-schema.js';
import { ingestRows, predictAndLog } from '../serving.js';
import { blockFromRows, loggedPrediction, rowsFromPositional } from '../serving-rows.js';

function sameLength(name: string, values: readonly unknown[] | undefined, rows: number): void {
  if (values !== undefined && values.length !== rows) {
    throw new DriftwatchError('INVALID_ARGUMENT', `${name} has ${values.length} values for ${rows} rows of features: one a row`, { field: name });
  }
}

export const seedRoutes: FastifyPluginAsync<RouteContext> = async (app, { runtime, batcher }) => {
  const defaultModel = defaultModelResolver(runtime);

  app.post<{ Body: SeedPredictBody }>('/predict', {
    config: { audit: false },
    schema: routeSchema({
      tags: ['seed'],
      summary: 'Predict positional rows with the default model (the seed services\' shape)',
      body: seedPredictBodySchema,
      response: { 200: seedPredictResponseSchema },
    }),
  }, async (req): Promise<SeedPredictResponse> => {
    const name = await defaultModel();
    const served = runtime.models.peek(name) ?? (await runtime.models.get(name));
    const { features, labels } = req.body;
    sameLength('labels', labels, features.length);
    const rows = rowsFromPositional(served.signature, features);
    const block = blockFromRows(served.signature, rows, 'features');
    const { ids, outputs } = await predictAndLog(runtime, batcher, served, block, rows, labels?.map((l) => (l === null ? null : String(l))));
    const binary = served.signature.task !== 'regression' && served.signature.classes?.length === 2;
    return {
      model: served.name,
      model_version: served.version,
      predictions: outputs.map((o) => loggedPrediction(o) ?? ''),
      probabilities: binary ? outputs.map((o) => o.probability!) : null,
      prediction_ids: ids,
    };
  });

  app.post<{ Body: SeedIngestBody }>('/ingest/batch', {
    config: { audit: { action: 'predictions.ingested', subjectKind: 'model' } },
    schema: routeSchema({
      tags: ['seed'],
      summary: 'Log a batch of positional rows for the default model (the seed services\' shape)',
      description: 'Rows without a prediction are predicted by the production model at ingest. `batch_id` makes it idempotent.',
      body: seedIngestBodySchema,
      response: { 200: ingestResponseSchema },
    }),
  }, async (req): Promise<IngestResponse> => {
    const name = await defaultModel();
    const { features, labels, predictions, batch_id: batchId } = req.body;
    sameLength('labels', labels, features.length);
    sameLength('predictions', predictions, features.length);
    // Positional rows need the signature's input order: the production version's, or the latest registered.
    const signature = runtime.models.peek(name)?.signature ?? (await runtime.registry.getVersion({ name })).signature;
    const rows = rowsFromPositional(signature, features).map((r, i) => {
      const row: Record<string, FeatureValueJson> = { ...r };
      if (labels?.[i] !== undefined && labels[i] !== null) row['label'] = String(labels[i]);
      if (predictions?.[i] !== undefined && predictions[i] !== null) row['prediction'] = String(predictions[i]);
      return row;
    });
    const out = await ingestRows(runtime, name, batchId, rows, 'features');
    req.auditDetails = { model: name, batch_id: batchId, rows: out.rows, status: out.status };
    return { status: out.status, batch_id: batchId, rows: out.rows, predicted: out.predicted, ...(out.predictionIds !== undefined ? { prediction_ids: out.predictionIds } : {}) };
  });
};

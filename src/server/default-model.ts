/**
 * The model the seed services' routes act on: the config's `default_model`, else the only registered model.
 * Looked up at most every few seconds (the seed routes are hot paths too).
 */
import { DriftwatchError } from '../core/index.js';
import type { Runtime } from '../runtime/index.js';

const TTL_MS = 5000;

export function defaultModelResolver(runtime: Runtime): () => Promise<string> {
  const configured = runtime.config.default_model;
  let cached: { name: string; at: number } | undefined;
  return async () => {
    if (configured !== undefined) return configured;
    const now = runtime.clock.now();
    if (cached !== undefined && now - cached.at < TTL_MS) return cached.name;
    const models = await runtime.store.models.listModels();
    if (models.length === 0) throw new DriftwatchError('NOT_FOUND', 'no model is registered, so /predict and /ingest/batch have nothing to act on; register and promote one (driftwatch models register …)');
    if (models.length > 1) {
      throw new DriftwatchError('INVALID_ARGUMENT', `several models are registered (${models.map((m) => m.name).join(', ')}): set default_model in the config file, or call /v1/models/NAME/predict`, { field: 'default_model' });
    }
    cached = { name: models[0]!.name, at: now };
    return cached.name;
  };
}

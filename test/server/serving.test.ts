import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/index.js';
import type { Runtime } from '../../src/runtime/index.js';
import { describeEachBackend } from '../helpers/store-backends.js';
import { churnRows, registerChurnModel, testRuntime } from './helpers.js';

describeEachBackend('serving routes', (backend) => {
  let runtime: Runtime | undefined;
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
  });

  it('predicts rows with the production version and logs them before answering', async () => {
    const opened = await backend.open();
    const version = await registerChurnModel(opened.store, opened.home);
    ({ runtime } = await testRuntime(opened));
    const app = await buildApp(runtime);
    const rows = await churnRows(3);
    const res = await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.model).toBe('churn');
    expect(body.model_version).toBe(version);
    expect(body.predictions).toHaveLength(3);
    for (const p of body.predictions) {
      expect(['Yes', 'No']).toContain(p.label);
      expect(p.probability).toBeGreaterThanOrEqual(0);
      expect(p.probabilities.Yes + p.probabilities.No).toBeCloseTo(1, 9);
      expect(p.prediction_id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const window = await opened.store.predictions.readWindow('churn', {});
    expect(window.predictionIds).toEqual(body.predictions.map((p: { prediction_id: string }) => p.prediction_id));
    expect(window.modelVersion).toEqual([version, version, version]);
    expect(window.features.get('tenure')).toEqual(rows.map((r) => r['tenure']));
    await app.close();
  });
});

describe('nothing', () => {
  it('x', () => expect(1).toBe(1));
});

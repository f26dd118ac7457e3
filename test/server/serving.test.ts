/** The serving routes through Fastify inject, on SQLite and Postgres: predict, ingest, feedback, the seed shapes. */
import { afterEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/index.js';
import { cellsOf } from '../../src/store/index.js';
import type { Runtime } from '../../src/runtime/index.js';
import { describeEachBackend, type TestBackend } from '../helpers/store-backends.js';
import { churnRows, registerChurnModel, testRuntime } from './helpers.js';

describeEachBackend('serving routes', (backend: TestBackend) => {
  let runtime: Runtime | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    await runtime?.close();
    runtime = undefined;
    app = undefined;
  });

  const setup = async (config = {}) => {
    const opened = await backend.open();
    const version = await registerChurnModel(opened.store, opened.home);
    ({ runtime } = await testRuntime(opened, config));
    app = await buildApp(runtime);
    return { opened, version, app, runtime };
  };

  it('predicts rows with the production version and logs them before answering', async () => {
    const { opened, version, app } = await setup();
    const rows = await churnRows(3);
    const res = await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.model).toBe('churn');
    expect(body.model_version).toBe(version);
    expect(body.predictions).toHaveLength(3);
    for (const p of body.predictions) {
      expect(['Yes', 'No']).toContain(p.label);
      expect(p.probability).toBeCloseTo(p.probabilities.Yes, 12);
      expect(p.probabilities.Yes + p.probabilities.No).toBeCloseTo(1, 9);
      expect(p.value).toBeNull();
      // The store's id for the row: its batch and index (no per-row id table on the hot path).
      expect(p.prediction_id).toMatch(/^\d+-\d+$/);
    }
    // Committed before the answer: the rows are readable at once, with inputs and outputs.
    const window = await opened.store.predictions.readWindow('churn', {});
    expect(window.predictionIds).toEqual(body.predictions.map((p: { prediction_id: string }) => p.prediction_id));
    expect(Array.from(window.modelVersion)).toEqual([version, version, version]);
    expect(cellsOf(window.features.get('tenure')!)).toEqual(rows.map((r) => r['tenure']));
    expect(window.prediction).toEqual(body.predictions.map((p: { label: string }) => p.label));
  });

  it('predicts the columns form the same as the rows form', async () => {
    const { app } = await setup();
    const rows = await churnRows(4);
    const columns: Record<string, unknown[]> = {};
    for (const k of Object.keys(rows[0]!)) columns[k] = rows.map((r) => r[k]);
    const a = (await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows } })).json();
    const b = (await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { columns } })).json();
    expect(b.predictions.map((p: { probability: number }) => p.probability)).toEqual(a.predictions.map((p: { probability: number }) => p.probability));
  });

  it('names the field of a bad value, a missing feature, and refuses both forms at once', async () => {
    const { app } = await setup();
    const rows = await churnRows(3);
    rows[2]!['tenure'] = 'twelve';
    let res = await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'rows[2].tenure' });
    const missing = await churnRows(2);
    delete missing[1]!['contract'];
    res = await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows: missing } });
    expect(res.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'rows[1].contract' });
    res = await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows: missing, columns: {} } });
    expect(res.statusCode).toBe(400);
    res = await app.inject({ method: 'POST', url: '/v1/models/nope/predict', payload: { rows: missing } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('ingests a batch once: the second send is a 200 duplicate that stores nothing', async () => {
    const { opened, app } = await setup();
    const rows = (await churnRows(5)).map((r, i) => ({ ...r, ...(i < 2 ? { prediction: 'Yes', probability: 0.8 } : {}), ...(i === 0 ? { label: 'No', timestamp: '2026-01-02T03:04:05Z' } : {}) }));
    const first = await app.inject({ method: 'POST', url: '/v1/models/churn/ingest', payload: { batch_id: 'b-1', rows } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'stored', batch_id: 'b-1', rows: 5, predicted: 3 });
    expect(first.json().prediction_ids).toHaveLength(5);
    const again = await app.inject({ method: 'POST', url: '/v1/models/churn/ingest', payload: { batch_id: 'b-1', rows } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'duplicate', batch_id: 'b-1', rows: 5, predicted: 0 });
    const w = await opened.store.predictions.readWindow('churn', {});
    expect(w.rowCount).toBe(5);
    expect(w.prediction.slice(0, 2)).toEqual(['Yes', 'Yes']);
    expect(w.probability[0]).toBe(0.8);
    expect(w.label[0]).toBe('No');
    expect(w.tsMs[0]).toBe(Date.parse('2026-01-02T03:04:05Z'));
    // Rows without a prediction were predicted at ingest, with the production version.
    expect(w.prediction.slice(2).every((p) => p === 'Yes' || p === 'No')).toBe(true);
    expect(w.modelVersion.slice(0, 2)).toEqual([null, null]);
    expect(w.modelVersion[2]).toBe(1);
    const audit = await opened.store.audit.list({ action: 'predictions.ingested' });
    // Both calls are audited; the second says it stored nothing.
    expect(audit.map((a) => a.details['status'])).toEqual(['stored', 'duplicate']);
    expect(audit[0]).toMatchObject({ actor: 'anonymous (loopback)', subject: 'churn', subjectKind: 'model' });
  });

  it('takes late labels by prediction id and reports unknown ids', async () => {
    const { opened, app } = await setup();
    const predicted = (await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows: await churnRows(2) } })).json();
    const ids: string[] = predicted.predictions.map((p: { prediction_id: string }) => p.prediction_id);
    const res = await app.inject({ method: 'POST', url: '/v1/models/churn/feedback', payload: { labels: [{ prediction_id: ids[0], label: 'Yes' }, { prediction_id: 'nope', label: 'No' }, { prediction_id: ids[1], label: 0 }] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 2, unknown_ids: ['nope'] });
    const w = await opened.store.predictions.readWindow('churn', { labelledOnly: true });
    expect(w.label).toEqual(['Yes', '0']);
  });

  it('accepts the seed services\' shapes: positional rows in signature order, a wrong-length row named', async () => {
    const { opened, runtime, app } = await setup();
    const served = await runtime.models.get('churn');
    const rows = await churnRows(3);
    const features = rows.map((r) => served.signature.inputs.map((c) => r[c.name] ?? null));
    const res = await app.inject({ method: 'POST', url: '/predict', payload: { features, labels: ['No', 'Yes', null] } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.probabilities).toHaveLength(3);
    expect(body.predictions).toHaveLength(3);
    const viaV1 = (await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows } })).json();
    expect(body.probabilities).toEqual(viaV1.predictions.map((p: { probability: number }) => p.probability));

    const bad = features.map((f, i) => (i === 1 ? f.slice(1) : f));
    const wrong = await app.inject({ method: 'POST', url: '/predict', payload: { features: bad } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('features[1]');
    expect(wrong.json().error.message).toMatch(/features\[1\] has \d+ values; the model reads \d+, in this order: /);

    const ing = await app.inject({ method: 'POST', url: '/ingest/batch', payload: { features, labels: [0, 1, 0], batch_id: 'batch_001' } });
    expect(ing.statusCode, ing.body).toBe(200);
    expect(ing.json()).toMatchObject({ status: 'stored', rows: 3, predicted: 3 });
    const dup = await app.inject({ method: 'POST', url: '/ingest/batch', payload: { features, labels: [0, 1, 0], batch_id: 'batch_001' } });
    expect(dup.json().status).toBe('duplicate');
    expect(await opened.store.predictions.count('churn')).toBe(3 + 3 + 3);
  });

  it('uses the new production version after the alias moves; a request keeps the version it started with', async () => {
    const { opened, runtime, app } = await setup();
    const rows = await churnRows(2);
    const v2 = await registerChurnModel(opened.store, opened.home, { trees: 5, promote: false, seed: 9 });
    const before = (await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows } })).json();
    expect(before.model_version).toBe(1);
    await runtime.registry.promote('churn', v2, { actor: 'test' });
    await runtime.models.refresh('churn');
    const after = (await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows } })).json();
    expect(after.model_version).toBe(v2);
    expect(after.predictions[0].probability).not.toBe(before.predictions[0].probability);
  });
});

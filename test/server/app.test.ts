/**
 * The app's core through Fastify inject: the OpenAPI document, the one error shape (400 naming the field, 404,
 * 413, bad JSON, 500 without a stack), API keys and roles, audit with the key's name, readiness and metrics.
 */
import { afterEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/index.js';
import { generateApiKey, type Runtime } from '../../src/runtime/index.js';
import { describeEachBackend, type TestBackend } from '../helpers/store-backends.js';
import { churnRows, registerChurnModel, testRuntime, type CapturedLogs } from './helpers.js';
import type { Store } from '../../src/store/index.js';

async function createKey(store: Store, name: string, role: 'viewer' | 'operator' | 'admin'): Promise<string> {
  const { key, prefix, hash } = generateApiKey();
  await store.apiKeys.create({ name, role, keyHash: hash, prefix, createdBy: 'test' });
  return key;
}

describeEachBackend('the app', (backend: TestBackend) => {
  let runtime: Runtime | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    await runtime?.close();
    runtime = undefined;
    app = undefined;
  });

  const setup = async (options: { model?: boolean; config?: object; allowKeyless?: boolean } = {}) => {
    const opened = await backend.open();
    if (options.model !== false) await registerChurnModel(opened.store, opened.home);
    let logs: CapturedLogs;
    ({ runtime, logs } = await testRuntime(opened, options.config ?? {}));
    app = await buildApp(runtime, { allowKeyless: options.allowKeyless ?? true });
    return { opened, app, runtime, logs };
  };

  it('publishes an OpenAPI document with every route, its schemas and the error body', async () => {
    const { app } = await setup({ model: false });
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/health', '/ready', '/metrics', '/v1/me', '/v1/keys', '/v1/keys/{name}', '/v1/models/{name}/predict', '/v1/models/{name}/ingest', '/v1/models/{name}/feedback', '/predict', '/ingest/batch']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    const predict = doc.paths['/v1/models/{name}/predict'].post;
    expect(predict.requestBody.content['application/json'].schema.properties).toHaveProperty('rows');
    expect(predict.responses['200'].content['application/json'].schema.properties).toHaveProperty('predictions');
    expect(predict.responses['400'].content['application/json'].schema.properties).toHaveProperty('error');
    expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers every mistake with one error shape: 400 naming the field, 404, 413, bad JSON, 415', async () => {
    const { app } = await setup({ config: { server: { body_limit_mb: 0.01 } } });
    let res = await app.inject({ method: 'POST', url: '/v1/models/churn/ingest', payload: { rows: [{ a: 1 }] } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'INVALID_ARGUMENT', message: 'batch_id is required', field: 'batch_id' } });
    res = await app.inject({ method: 'POST', url: '/v1/models/churn/ingest', payload: { batch_id: 'x', rows: [{ a: 1 }, { a: [1] }] } });
    expect(res.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'rows[1].a' });
    res = await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows: [{ a: 1 }], extra: true } });
    expect(res.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'extra', message: 'extra is not a known field' });
    res = await app.inject({ method: 'GET', url: '/v1/nothing/here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    res = await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows: Array.from({ length: 500 }, () => ({ a: 'xxxxxxxxxxxxxxxxxxxxxxxxxx' })) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.json().error.message).toMatch(/smaller batches/);
    res = await app.inject({ method: 'POST', url: '/v1/models/churn/predict', headers: { 'content-type': 'application/json' }, payload: '{"rows": [' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_ARGUMENT');
    res = await app.inject({ method: 'POST', url: '/v1/models/churn/predict', headers: { 'content-type': 'application/xml' }, payload: '<rows/>' });
    expect(res.statusCode).toBe(415);
    for (const r of [res]) expect(r.body).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('hides an unexpected failure behind a 500 INTERNAL and logs it', async () => {
    const { app, logs } = await setup({ model: false });
    app.get('/v1/boom', async () => {
      throw new TypeError('secret internals');
    });
    const res = await app.inject({ method: 'GET', url: '/v1/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('INTERNAL');
    expect(res.body).not.toMatch(/secret internals|\.ts:\d+/);
    expect(logs.text()).toMatch(/secret internals/);
  });

  it('runs keyless as an anonymous admin until a key exists; then keys and roles decide', async () => {
    const { opened, app, runtime } = await setup();
    expect((await app.inject({ method: 'GET', url: '/v1/me' })).json()).toEqual({ name: 'anonymous (loopback)', role: 'admin', keyless: true });

    const created = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: 'ops', role: 'operator' } });
    expect(created.statusCode, created.body).toBe(201);
    const operator: string = created.json().key;
    expect(operator).toMatch(/^dw_/);
    const viewer = await createKey(opened.store, 'dash', 'viewer');
    const admin = await createKey(opened.store, 'root', 'admin');
    // The key is stored as a hash only.
    expect(JSON.stringify(await opened.store.apiKeys.list())).not.toContain(operator);

    // The key count is cached for two seconds; a fresh app sees the keys at once.
    await app.close();
    const app2 = await buildApp(runtime, { allowKeyless: true });
    try {
      const rows = await churnRows(1);
      let res = await app2.inject({ method: 'GET', url: '/v1/me' });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHORIZED');
      res = await app2.inject({ method: 'GET', url: '/v1/me', headers: { authorization: 'Bearer dw_not-a-key' } });
      expect(res.statusCode).toBe(401);
      res = await app2.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${viewer}` } });
      expect(res.json()).toEqual({ name: 'dash', role: 'viewer', keyless: false });
      res = await app2.inject({ method: 'POST', url: '/v1/models/churn/predict', headers: { authorization: `Bearer ${viewer}` }, payload: { rows } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'FORBIDDEN' });
      res = await app2.inject({ method: 'POST', url: '/v1/models/churn/predict', headers: { authorization: `Bearer ${operator}` }, payload: { rows } });
      expect(res.statusCode).toBe(200);
      res = await app2.inject({ method: 'GET', url: '/v1/keys', headers: { authorization: `Bearer ${operator}` } });
      expect(res.statusCode).toBe(403);
      res = await app2.inject({ method: 'GET', url: '/v1/keys', headers: { authorization: `Bearer ${admin}` } });
      expect(res.json().keys.map((k: { name: string }) => k.name)).toEqual(['dash', 'ops', 'root']);
      expect(res.body).not.toContain(operator);
      res = await app2.inject({ method: 'POST', url: '/v1/models/churn/feedback', headers: { authorization: `Bearer ${operator}` }, payload: { labels: [{ prediction_id: 'x', label: 'Yes' }] } });
      expect(res.statusCode).toBe(200);
      res = await app2.inject({ method: 'DELETE', url: '/v1/keys/ops', headers: { authorization: `Bearer ${admin}` } });
      expect(res.statusCode).toBe(200);
      // Public routes need no key.
      expect((await app2.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      expect((await app2.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    } finally {
      await app2.close();
    }
    // Every change is in the audit log under the key's name (the keyless one as anonymous).
    const audit = await opened.store.audit.list({});
    const byAction = audit.filter((a) => a.action.startsWith('api_key.') || a.action.startsWith('predictions.')).map((a) => `${a.actor} ${a.action}`);
    expect(byAction).toEqual(['anonymous (loopback) api_key.created', 'ops predictions.labelled', 'root api_key.revoked']);
  });

  it('refuses keyless callers when the server may not run keyless', async () => {
    const { app } = await setup({ model: false, allowKeyless: false });
    const res = await app.inject({ method: 'GET', url: '/v1/me' });
    expect(res.statusCode).toBe(401);
  });

  it('is ready only with a production model, and says why not', async () => {
    const { opened, app, runtime } = await setup({ model: false });
    let res = await app.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json().checks.models).toEqual({ ok: false, message: expect.stringMatching(/no model is registered/) });
    expect(res.json().checks.store.ok).toBe(true);
    await registerChurnModel(opened.store, opened.home);
    res = await app.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', checks: { models: { ok: true, message: 'serving churn:1' } } });
    expect(runtime.models.loaded().map((m) => m.version)).toEqual([1]);
  });

  it('counts predictions and requests in Prometheus format', async () => {
    const { app } = await setup();
    await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows: await churnRows(3) } });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toMatch(/^driftwatch_predictions_total\{model="churn",version="1"\} 3$/m);
    expect(res.body).toMatch(/^driftwatch_http_requests_total\{method="POST",route="\/v1\/models\/:name\/predict",status="200"\} 1$/m);
    expect(res.body).toMatch(/^driftwatch_http_request_duration_seconds_bucket\{le="0\.005",method="POST",route="\/v1\/models\/:name\/predict"\} \d+$/m);
    for (const name of ['driftwatch_drift_share', 'driftwatch_feature_drift_score', 'driftwatch_dataset_drift', 'driftwatch_performance', 'driftwatch_retraining_jobs_total', 'driftwatch_training_duration_seconds', 'driftwatch_alerts_total']) {
      expect(res.body).toContain(`# TYPE ${name} `);
    }
  });

  it('shows the latest stored check of each served model as drift gauges', async () => {
    const { opened, app } = await setup();
    await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows: await churnRows(1) } });
    await opened.store.reports.save({
      modelName: 'churn',
      modelVersion: 1,
      summary: { datasetDrift: true, driftShare: 0.4, driftedColumns: 2, totalColumns: 5, severity: 'HIGH' },
      report: { columns: [{ name: 'tenure', score: 0.9 }, { name: 'contract', score: 0.25 }] },
    });
    const body = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(body).toMatch(/^driftwatch_drift_share\{model="churn"\} 0\.4$/m);
    expect(body).toMatch(/^driftwatch_dataset_drift\{model="churn"\} 1$/m);
    expect(body).toMatch(/^driftwatch_feature_drift_score\{model="churn",feature="tenure"\} 0\.9$/m);
  });

  it('rate-limits per key with a 429 in the error shape', async () => {
    const { opened, app: first } = await setup({ model: false, config: { server: { rate_limit: { max: 3, window_s: 60 } } } });
    const key = await createKey(opened.store, 'busy', 'viewer');
    await first.close();
    app = await buildApp(runtime!, {});
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${key}` } })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const res = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${key}` } });
    expect(res.json().error.code).toBe('RATE_LIMITED');
  });
});

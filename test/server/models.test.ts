/** The registry routes through Fastify inject, on SQLite and Postgres: list, show, artifact, history, register (multipart), promote, rollback, roles, audit. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { tableToCsvString } from '../../src/data/index.js';
import { saveNativeModel, trainModel } from '../../src/models/index.js';
import { buildApp } from '../../src/server/index.js';
import type { Runtime } from '../../src/runtime/index.js';
import { describeEachBackend, type TestBackend } from '../helpers/store-backends.js';
import { churnTable, createKey, multipart, registerChurnModel, testRuntime } from './helpers.js';

describeEachBackend('registry routes', (backend: TestBackend) => {
  let runtime: Runtime | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    await runtime?.close();
    runtime = undefined;
    app = undefined;
  });

  const setup = async () => {
    const opened = await backend.open();
    await registerChurnModel(opened.store, opened.home);
    await registerChurnModel(opened.store, opened.home, { promote: false, seed: 2 });
    ({ runtime } = await testRuntime(opened));
    app = await buildApp(runtime);
    return { opened, app, runtime };
  };

  it('lists and shows models, versions, the artifact and the alias history', async () => {
    const { app, opened } = await setup();
    const list = await app.inject({ url: '/v1/models' });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().models).toEqual([expect.objectContaining({ name: 'churn', production_version: 1, versions: 2, latest_version: 2 })]);

    const detail = (await app.inject({ url: '/v1/models/churn' })).json();
    expect(detail.aliases).toEqual({ production: 1 });
    expect(detail.versions.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([[1, 'production'], [2, 'candidate']]);
    expect(detail.versions[0].signature.label).toBe('churn');
    expect(detail.versions[0].signature.inputs.length).toBeGreaterThan(5);

    const v2 = await app.inject({ url: '/v1/models/churn/versions/2' });
    expect(v2.statusCode).toBe(200);
    expect(v2.json()).toMatchObject({ version: 2, state: 'candidate', aliases: [], format: 'native' });

    const artifact = await app.inject({ url: '/v1/models/churn/versions/1/artifact' });
    expect(artifact.statusCode).toBe(200);
    expect(artifact.headers['content-disposition']).toContain('churn-v1.json');
    const sha = detail.versions[0].artifact_sha256 as string;
    expect(artifact.headers['x-artifact-sha256']).toBe(sha);
    expect(artifact.rawPayload.equals(await opened.store.artifacts.get(sha))).toBe(true);

    const history = (await app.inject({ url: '/v1/models/churn/aliases/history' })).json().history;
    expect(history).toEqual([expect.objectContaining({ alias: 'production', version: 1, previous_version: null, kind: 'promote', actor: 'test' })]);

    for (const url of ['/v1/models/nope', '/v1/models/churn/versions/9', '/v1/models/churn/versions/9/artifact']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    const bad = await app.inject({ url: '/v1/models/churn/versions/two' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('version');
  });

  it('promotes and rolls back for operators, with the key in the history and the audit log; viewers may only read', async () => {
    const { app, opened } = await setup();
    const viewer = await createKey(opened.store, 'watcher', 'viewer');
    const operator = await createKey(opened.store, 'ops', 'operator');
    expect((await app.inject({ url: '/v1/models/churn', headers: viewer })).statusCode).toBe(200);
    const refused = await app.inject({ method: 'POST', url: '/v1/models/churn/promote', headers: viewer, payload: { version: 2 } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    expect((await app.inject({ method: 'POST', url: '/v1/models/churn/promote', payload: { version: 2 } })).statusCode).toBe(401);

    const promoted = await app.inject({ method: 'POST', url: '/v1/models/churn/promote', headers: operator, payload: { version: 2, reason: 'better f1' } });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json()).toMatchObject({ model: 'churn', production_version: 2, version: { version: 2, state: 'production', aliases: ['production'] } });
    const again = await app.inject({ method: 'POST', url: '/v1/models/churn/promote', headers: operator, payload: { version: 2 } });
    expect(again.statusCode).toBe(409);

    const challenger = await app.inject({ method: 'POST', url: '/v1/models/churn/promote', headers: operator, payload: { version: 1, alias: 'challenger' } });
    expect(challenger.statusCode, challenger.body).toBe(200);
    expect(challenger.json().version.aliases).toEqual(['challenger']);

    const rolled = await app.inject({ method: 'POST', url: '/v1/models/churn/rollback', headers: operator, payload: { reason: 'worse in production' } });
    expect(rolled.statusCode, rolled.body).toBe(200);
    expect(rolled.json()).toMatchObject({ production_version: 1, version: { version: 1, state: 'production' } });
    // No body at all reads as {} (curl -X POST …/rollback).
    const none = await app.inject({ method: 'POST', url: '/v1/models/churn/rollback', headers: operator });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('CONFLICT');

    const history = (await app.inject({ url: '/v1/models/churn/aliases/history?alias=production', headers: viewer })).json().history;
    expect(history.map((h: { kind: string; version: number; actor: string }) => [h.kind, h.version, h.actor])).toEqual([['promote', 1, 'test'], ['promote', 2, 'ops'], ['rollback', 1, 'ops']]);
    const audit = await opened.store.audit.list({ actor: 'ops' });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['model.promoted', 'alias.moved', 'model.rolled_back']));
    expect(audit.find((e) => e.action === 'model.promoted')?.details).toMatchObject({ reason: 'better f1', version: 2 });
  });

  it('registers a version from a multipart upload (201), promoting it with alias=production, and names a bad file', async () => {
    const { app, opened } = await setup();
    const table = await churnTable(600);
    const { model } = await trainModel(table, { label: 'churn', algo: 'gbdt', params: { n_estimators: 5, max_depth: 3 }, seed: 3, validFraction: 0 });
    const file = join(opened.home, 'upload-model.json');
    await saveNativeModel(model, file);
    const body = multipart({ model: { filename: 'churn-v3.json', content: await readFile(file) }, reference: { filename: 'reference.csv', content: tableToCsvString(table) }, alias: 'production', reason: 'uploaded' });
    const res = await app.inject({ method: 'POST', url: '/v1/models/churn/versions', ...body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ model: 'churn', production_version: 3, version: { version: 3, state: 'production', created_by: 'anonymous (loopback)' } });
    const ref = await runtime!.registry.reference('churn');
    expect(ref?.rowCount).toBe(600);

    const broken = multipart({ model: { filename: 'broken.json', content: '{"format": "nothing"' }, reference: { filename: 'reference.csv', content: tableToCsvString(table) } });
    const bad = await app.inject({ method: 'POST', url: '/v1/models/churn/versions', ...broken });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    expect(bad.json().error.message).toContain('broken.json');
    expect(bad.json().error.message).not.toContain(opened.home);

    const missing = await app.inject({ method: 'POST', url: '/v1/models/churn/versions', ...multipart({ model: { filename: 'm.json', content: '{}' } }) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'reference' });
    const unknown = await app.inject({ method: 'POST', url: '/v1/models/churn/versions', ...multipart({ colour: 'blue', model: { filename: 'm.json', content: '{}' }, reference: { filename: 'r.csv', content: 'a\n1\n' } }) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('colour');
    const json = await app.inject({ method: 'POST', url: '/v1/models/churn/versions', payload: { model: 'x' } });
    expect(json.statusCode).toBe(415);
  });
});

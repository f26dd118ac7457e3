/**
 * Reliability over real sockets (issue 11 §2, §7): the production alias moving under load (no failed request,
 * no response mixing versions, the new version served within the poll interval), and the store going away
 * (Postgres: the database disappears) — 503 with a clear body, then recovery when it is back.
 */
import { afterEach, expect, it } from 'vitest';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/index.js';
import { createRegistry } from '../../src/registry/index.js';
import type { Runtime } from '../../src/runtime/index.js';
import { describeEachBackend, testDatabaseUrl, type TestBackend } from '../helpers/store-backends.js';
import { churnRows, registerChurnModel, testRuntime } from './helpers.js';
import { tableFromRows } from '../../src/server/serving-rows.js';

describeEachBackend('reliability', (backend: TestBackend) => {
  let runtime: Runtime | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    await runtime?.close();
    runtime = undefined;
    app = undefined;
  });

  it('moves to the new production version under load without a failed or mixed response', { timeout: 120_000 }, async () => {
    const opened = await backend.open();
    await registerChurnModel(opened.store, opened.home, { trees: 20 });
    const v2 = await registerChurnModel(opened.store, opened.home, { trees: 3, promote: false, seed: 5 });
    ({ runtime } = await testRuntime(opened, {}, { aliasPollMs: 100 }));
    app = await buildApp(runtime);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });

    // What each version answers for each row, computed apart from the server.
    const rows = await churnRows(30);
    const registry = createRegistry(opened.store);
    const expected = new Map<number, number[]>();
    for (const version of [1, v2]) {
      const { model } = await registry.loadModel({ name: 'churn', version });
      const out = await model.predict(tableFromRows(model.signature, rows));
      expected.set(version, Array.from({ length: rows.length }, (_, i) => out.probabilities![i * 2 + model.signature.classes!.indexOf(model.signature.positiveClass ?? 'Yes')]!));
    }

    const answers: { start: number; end: number; status: number; version: number; probs: number[]; rows: number[] }[] = [];
    let promotedAt = Infinity;
    let stop = false;
    let n = 0;
    const loop = async () => {
      while (!stop) {
        const first = n++ % 28;
        const picked = [first, first + 1, first + 2];
        const start = Date.now();
        const res = await fetch(`${base}/v1/models/churn/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows: picked.map((i) => rows[i]) }) });
        const body = (await res.json()) as { model_version: number; predictions: { probability: number }[] };
        answers.push({ start, end: Date.now(), status: res.status, version: body.model_version, probs: body.predictions?.map((p) => p.probability) ?? [], rows: picked });
      }
    };
    const loops = Array.from({ length: 16 }, loop);
    await new Promise((r) => setTimeout(r, 800));
    await registry.promote('churn', v2, { actor: 'test', reason: 'switch under load' });
    promotedAt = Date.now();
    await new Promise((r) => setTimeout(r, 3000));
    stop = true;
    await Promise.all(loops);

    expect(answers.length).toBeGreaterThan(50);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    // Every response is one version's answer for all of its rows.
    for (const a of answers) {
      const want = expected.get(a.version)!;
      a.rows.forEach((row, j) => expect(a.probs[j]).toBeCloseTo(want[row]!, 12));
    }
    expect(new Set(answers.map((a) => a.version))).toEqual(new Set([1, v2]));
    // The poll interval is 100 ms: requests started well after the promotion are served by the new version
    // (a second of margin: on a loaded shared machine a poll can be late by hundreds of milliseconds).
    const late = answers.filter((a) => a.start > promotedAt + 1500);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((a) => a.version === v2)).toBe(true);
    // And the log says the same: every logged row carries the version that answered it.
    const w = await opened.store.predictions.readWindow('churn', {});
    expect(new Set(w.modelVersion)).toEqual(new Set([1, v2]));
  });

  if (backend.name === 'postgres') {
    it('answers 503 with a clear body while the database is gone, and recovers when it is back', { timeout: 120_000 }, async () => {
      const opened = await backend.open();
      await registerChurnModel(opened.store, opened.home);
      await opened.store.close();
      ({ runtime } = await testRuntime(opened, {}, { aliasPollMs: 60_000 }));
      app = await buildApp(runtime);
      const rows = await churnRows(2);
      const predict = () => app!.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows } });
      expect((await predict()).statusCode).toBe(200);

      const database = new URL(opened.url!).pathname.slice(1);
      const admin = new pg.Client({ connectionString: testDatabaseUrl() });
      await admin.connect();
      const away = `${database}_away`;
      try {
        // The database disappears (its name no longer resolves), with every open connection cut.
        for (let attempt = 0; ; attempt++) {
          await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
          try {
            await admin.query(`alter database ${database} rename to ${away}`);
            break;
          } catch (e) {
            if (attempt > 20) throw e;
          }
        }
        const ready = await app.inject({ method: 'GET', url: '/ready' });
        expect(ready.statusCode).toBe(503);
        expect(ready.json()).toMatchObject({ status: 'not_ready', checks: { store: { ok: false } } });
        expect(ready.json().checks.store.message).toMatch(/does not answer: the postgres database .* cannot be used/);
        const down = await predict();
        expect(down.statusCode).toBe(503);
        expect(down.json().error.code).toBe('UNAVAILABLE');
        expect(down.json().error.message).toMatch(/check that PostgreSQL is running/);
        const ingest = await app.inject({ method: 'POST', url: '/v1/models/churn/ingest', payload: { batch_id: 'x', rows } });
        expect(ingest.statusCode).toBe(503);
      } finally {
        await admin.query(`alter database ${away} rename to ${database}`).catch(() => undefined);
        await admin.end();
      }
      // Back: the pool reconnects and the same calls succeed.
      expect((await predict()).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    });
  }
});

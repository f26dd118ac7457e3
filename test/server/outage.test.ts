/**
 * Redis or the database going away under `driftwatch serve` (issue 11 §7: the store or Redis unavailable
 * yields 503 with a clear body, and the server recovers when it returns), over a real socket.
 *
 * Redis: the server runs on the SQLite
 * store with BullMQ on Redis reached through a TCP proxy that the test stops (dropping every connection)
 * and starts again on the same port. While Redis is away `/ready` and `POST /v1/models/:name/retrain` answer
 * 503 UNAVAILABLE saying what is down, and serving goes on; when it is back both recover, and the worker in
 * the same process runs the retraining.
 *
 * The store: the server runs on a Postgres database of its own, which disappears (renamed, its connections
 * cut) and comes back: `/ready` names the store, the routes that need it answer 503 UNAVAILABLE saying to
 * check PostgreSQL, `/health` stays up, and the same process serves again once the database is back.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { deleteRedisKeys, runRedisTests, testRedisUrl } from '../helpers/queue-backends.js';
import { probePostgres, servicesRequired, testDatabaseUrl } from '../helpers/store-backends.js';
import { tcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { churnRows, churnTable, registerChurnModel } from './helpers.js';
import { getJson, postJson, startServe, waitFor, type ServeChild } from './spawn-serve.js';

const CONFIG = {
  monitor: { window: { kind: 'count', size: 400 }, min_rows: 50 },
  pipeline: { trainer: { algo: 'gbdt', params: { n_estimators: 10, max_depth: 3 }, seed: 1 }, approval: { mode: 'auto' }, gates: { min: 0, max_drop_vs_champion: 1 } },
};

describe('Redis unavailable under serve (SQLite store, BullMQ through a proxy)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it.skipIf(!runRedisTests)('answers 503 with a clear body on /ready and retrain while Redis is away, keeps serving, and recovers when it is back', { timeout: 180_000 }, async () => {
    const home = await mkdtemp(join(tmpdir(), 'driftwatch-redis-down-'));
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const store = await openStore({ home });
    await registerChurnModel(store, home);
    await store.close();
    const configFile = join(home, 'driftwatch.yaml');
    await writeFile(configFile, JSON.stringify(CONFIG));
    const proxy: TcpProxy = await tcpProxy(new URL(testRedisUrl()));
    cleanups.push(() => proxy.stop());
    const prefix = `dwtest_redisdown_${randomBytes(4).toString('hex')}`;
    cleanups.push(() => deleteRedisKeys(testRedisUrl(), prefix));
    const child: ServeChild = await startServe(['--home', home, '--config', configFile, '--port', '0'], { DATABASE_URL: '', REDIS_URL: `redis://127.0.0.1:${proxy.port}`, DRIFTWATCH_QUEUE_PREFIX: prefix });
    cleanups.push(async () => {
      child.proc.kill('SIGKILL');
      await child.exited;
    });
    const base = child.url;
    expect(child.stderr()).toMatch(/sqlite store .* bullmq job queue/);
    expect((await getJson(`${base}/ready`)).status).toBe(200);

    // Labelled traffic, so that a retraining has rows to train on.
    const table = await churnTable(1800);
    const churn = table.column('churn')!;
    if (churn.storage !== 'categorical') throw new Error('churn is categorical');
    const rows = await churnRows(200, 1500);
    const predicted = await postJson(`${base}/v1/models/churn/predict`, { rows });
    expect(predicted.status).toBe(200);
    const ids = (predicted.json['predictions'] as { prediction_id: string }[]).map((p) => p.prediction_id);
    const fed = await postJson(`${base}/v1/models/churn/feedback`, { labels: ids.map((id, i) => ({ prediction_id: id, label: churn.dictionary[churn.codes[1500 + i]!]! })) });
    expect(fed.json['updated']).toBe(200);

    // Redis goes away.
    await proxy.stop();
    const down = await waitFor('/ready to answer 503', async () => {
      const r = await getJson(`${base}/ready`);
      return r.status === 503 ? r.json : undefined;
    }, 20_000, 200);
    expect(down).toMatchObject({ status: 'not_ready', checks: { store: { ok: true }, queue: { ok: false }, models: { ok: true } } });
    const queueCheck = (down['checks'] as { queue: { message: string } }).queue.message;
    expect(queueCheck).toMatch(/^the job queue \(bullmq\) does not answer: /);
    expect(queueCheck).toContain(`127.0.0.1:${proxy.port}`);

    const t0 = Date.now();
    const refused = await postJson(`${base}/v1/models/churn/retrain`, { reason: 'while Redis is away' });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(refused.status, JSON.stringify(refused.json)).toBe(503);
    const error = refused.json['error'] as { code: string; message: string };
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain(`127.0.0.1:${proxy.port}`);
    expect(error.message).toMatch(/check that Redis is running/);
    // The job recorded before the queue refused it is cancelled, so it does not block the next request.
    const jobs = (await getJson(`${base}/v1/jobs?model=churn`)).json['jobs'] as { state: string }[];
    expect(jobs.map((j) => j.state)).toEqual(['cancelled']);
    // Serving does not need Redis.
    const served = await postJson(`${base}/v1/models/churn/predict`, { rows: rows.slice(0, 5) });
    expect(served.status).toBe(200);
    expect((await getJson(`${base}/health`)).status).toBe(200);

    // Redis is back: ready again, the retraining is queued, and the worker (reconnected) runs it.
    await proxy.start();
    await waitFor('/ready to answer 200 again', async () => ((await getJson(`${base}/ready`)).status === 200 ? true : undefined), 30_000, 200);
    const asked = await postJson(`${base}/v1/models/churn/retrain`, { reason: 'Redis is back' });
    expect(asked.status, JSON.stringify(asked.json)).toBe(201);
    const job = await waitFor('the retraining job to end', async () => {
      const j = (await getJson(`${base}/v1/jobs/${asked.json['id'] as number}`)).json;
      return j['state'] === 'queued' || j['state'] === 'running' ? undefined : j;
    }, 120_000, 250);
    expect(job['state'], JSON.stringify(job)).toBe('succeeded');
    expect(job['result']).toMatchObject({ decision: 'promoted' });
    await waitFor('version 2 to serve', async () => {
      const r = await postJson(`${base}/v1/models/churn/predict`, { rows: rows.slice(0, 2) });
      return r.json['model_version'] === 2 ? true : undefined;
    }, 15_000);

    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  });
});

// Under CI (services required) a Postgres that does not answer fails the test rather than skipping it.
const pgReady = (await probePostgres()).ok || servicesRequired();

/** Runs SQL on the test server's maintenance database. */
async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: testDatabaseUrl() });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

describe('the Postgres store unavailable under serve', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it.skipIf(!pgReady)('answers 503 naming the store while the database is gone, keeps /health, and serves again when it is back', { timeout: 120_000 }, async () => {
    const home = await mkdtemp(join(tmpdir(), 'driftwatch-store-down-'));
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const database = `dw_test_${randomBytes(6).toString('hex')}`;
    const away = `${database}_away`;
    await admin((c) => c.query(`create database ${database}`));
    cleanups.push(() => admin(async (c) => {
      await c.query(`drop database if exists ${away} with (force)`);
      await c.query(`drop database if exists ${database} with (force)`);
    }));
    const u = new URL(testDatabaseUrl());
    u.pathname = `/${database}`;
    const url = u.toString();
    const store = await openStore({ home, url });
    await registerChurnModel(store, home);
    await store.close();
    const child: ServeChild = await startServe(['--home', home, '--port', '0'], { DATABASE_URL: url, REDIS_URL: '' });
    cleanups.push(async () => {
      child.proc.kill('SIGKILL');
      await child.exited;
    });
    const base = child.url;
    const rows = await churnRows(3);
    expect((await getJson(`${base}/ready`)).status).toBe(200);
    expect((await postJson(`${base}/v1/models/churn/predict`, { rows })).status).toBe(200);

    // The database disappears (its name no longer resolves), with every open connection cut.
    await admin(async (c) => {
      for (let attempt = 0; ; attempt++) {
        await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
        try {
          await c.query(`alter database ${database} rename to ${away}`);
          return;
        } catch (e) {
          if (attempt > 20) throw e;
        }
      }
    });
    try {
      const ready = await getJson(`${base}/ready`);
      expect(ready.status).toBe(503);
      expect(ready.json).toMatchObject({ status: 'not_ready', checks: { store: { ok: false } } });
      expect((ready.json['checks'] as { store: { message: string } }).store.message).toMatch(/^the store \(postgres\) does not answer: /);
      for (const call of [
        () => postJson(`${base}/v1/models/churn/predict`, { rows }),
        () => postJson(`${base}/v1/models/churn/ingest`, { batch_id: 'while-down', rows: rows.map((r) => ({ ...r, prediction: 'No' })) }),
        () => getJson(`${base}/v1/models`),
      ]) {
        const r = await call();
        expect(r.status, JSON.stringify(r.json)).toBe(503);
        expect(r.json['error']).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/check that PostgreSQL is running/) });
      }
      expect((await getJson(`${base}/health`)).status).toBe(200);
    } finally {
      await admin((c) => c.query(`alter database ${away} rename to ${database}`));
    }

    // Back: the same process serves again, and the batch refused while it was gone can be sent now.
    await waitFor('/ready to answer 200 again', async () => ((await getJson(`${base}/ready`)).status === 200 ? true : undefined), 30_000, 200);
    const again = await postJson(`${base}/v1/models/churn/predict`, { rows });
    expect(again.status, JSON.stringify(again.json)).toBe(200);
    expect(again.json['model_version']).toBe(1);
    const ingested = await postJson(`${base}/v1/models/churn/ingest`, { batch_id: 'while-down', rows: rows.map((r) => ({ ...r, prediction: 'No' })) });
    expect(ingested.json['status']).toBe('stored');
    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  });
});

/**
 * The scale-out test of issue 11 §7, over real sockets and real processes: two `serve --role api` processes
 * and one `serve --role worker` on one Postgres database (created for the test) and one Redis (a key prefix
 * of its own, deleted afterwards). Traffic is spread over both APIs; a retraining asked of one API waits in
 * the queue until the worker starts (an API process consumes no job), the worker runs it (the job's log
 * names the worker's process), and then both APIs serve the new version (their production-model caches poll
 * the alias). The worker listens on no port.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeEachBackend, type TestBackend } from '../helpers/store-backends.js';
import { deleteRedisKeys, runRedisTests, testRedisUrl } from '../helpers/queue-backends.js';
import { churnRows, churnTable, registerChurnModel } from './helpers.js';
import { getJson, listeningPorts, postJson, startServe, startServeWorker, waitFor } from './spawn-serve.js';

/** Small, fast retraining that is promoted without a person (the gates let any challenger through). */
const CONFIG = {
  monitor: { window: { kind: 'count', size: 400 }, min_rows: 50 },
  pipeline: { trainer: { algo: 'gbdt', params: { n_estimators: 10, max_depth: 3 }, seed: 1 }, approval: { mode: 'auto' }, gates: { min: 0, max_drop_vs_champion: 1 } },
};

interface Child {
  readonly proc: { pid?: number | undefined; kill(signal: NodeJS.Signals): boolean };
  readonly exited: Promise<number | string>;
  stdout(): string;
  stderr(): string;
}

const logLines = (c: Child): Record<string, unknown>[] =>
  c.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

describeEachBackend('scale-out: two API processes and a worker on one store and one queue', (backend: TestBackend) => {
  // Postgres with BullMQ on Redis (the deployment of several machines); SQLite with the embedded queue in its
  // file (several processes of one machine).
  const queue = backend.name === 'postgres' ? 'bullmq' : 'embedded';
  const children: Child[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) {
      c.proc.kill('SIGKILL');
      await c.exited;
    }
    for (const c of cleanups.splice(0)) await c();
  });

  it.skipIf(queue === 'bullmq' && !runRedisTests)('spreads traffic over both APIs, runs the retraining on the worker, and both APIs then serve the new version', { timeout: 240_000 }, async () => {
    const opened = await backend.open();
    await registerChurnModel(opened.store, opened.home, { trees: 20 });
    await opened.store.close();
    const configFile = join(opened.home, 'driftwatch.yaml');
    await writeFile(configFile, JSON.stringify(CONFIG));
    const prefix = `dwtest_scaleout_${randomBytes(4).toString('hex')}`;
    if (queue === 'bullmq') cleanups.push(() => deleteRedisKeys(testRedisUrl(), prefix));
    const env = { DATABASE_URL: opened.url ?? '', REDIS_URL: queue === 'bullmq' ? testRedisUrl() : '', DRIFTWATCH_QUEUE_PREFIX: prefix };
    const common = ['--home', opened.home, '--config', configFile];

    const apis = await Promise.all([0, 1].map(() => startServe(['--role', 'api', '--port', '0', ...common], env)));
    children.push(...apis);
    const [a, b] = apis as [(typeof apis)[0], (typeof apis)[0]];
    expect(a.url).not.toBe(b.url);
    for (const api of apis) {
      expect(api.stderr()).toMatch(new RegExp(`${backend.name} store .* ${queue} job queue`));
      expect(api.stderr()).toContain('--role api runs no jobs and no scheduled checks');
      const ready = await getJson(`${api.url}/ready`);
      expect(ready.status, JSON.stringify(ready.json)).toBe(200);
      expect(ready.json).toMatchObject({ checks: { queue: { ok: true, message: queue }, models: { ok: true, message: 'serving churn:1' } } });
    }

    // Traffic over both APIs: predictions on each, labels for each sent to the other, a batch ingested on each.
    const table = await churnTable(1800);
    const churn = table.column('churn')!;
    if (churn.storage !== 'categorical') throw new Error('churn is categorical');
    const truth = (i: number) => churn.dictionary[churn.codes[i]!]!;
    const rows = await churnRows(300, 1500);
    const predicted = await Promise.all([0, 1, 2, 3, 4, 5].map(async (k) => {
      const api = apis[k % 2]!;
      const r = await postJson(`${api.url}/v1/models/churn/predict`, { rows: rows.slice(k * 50, k * 50 + 50) });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      expect(r.json['model_version']).toBe(1);
      return { k, ids: (r.json['predictions'] as { prediction_id: string }[]).map((p) => p.prediction_id) };
    }));
    for (const { k, ids } of predicted) {
      const other = apis[(k + 1) % 2]!;
      const fed = await postJson(`${other.url}/v1/models/churn/feedback`, { labels: ids.map((id, i) => ({ prediction_id: id, label: truth(1500 + k * 50 + i) })) });
      expect(fed.status, JSON.stringify(fed.json)).toBe(200);
      expect(fed.json).toMatchObject({ updated: 50, unknown_ids: [] });
    }
    const extra = await churnRows(100, 1300);
    for (const [i, api] of apis.entries()) {
      const batch = extra.slice(i * 50, i * 50 + 50).map((r, j) => ({ ...r, prediction: 'No', probability: 0.2, label: truth(1300 + i * 50 + j) }));
      const first = await postJson(`${api.url}/v1/models/churn/ingest`, { batch_id: 'shared-batch', rows: batch });
      expect(first.status, JSON.stringify(first.json)).toBe(200);
      // The batch id is shared by both APIs: the second API's send of it is the duplicate.
      expect(first.json['status']).toBe(i === 0 ? 'stored' : 'duplicate');
    }
    // Both APIs see the one store: the other API's predictions and labels are in the window.
    const perf = await getJson(`${b.url}/v1/models/churn/performance?window=day`);
    expect(perf.status).toBe(200);
    const windows = perf.json['windows'] as { rows: number; labelled: number }[];
    expect(windows.reduce((s, w) => s + w.rows, 0)).toBe(350);
    expect(windows.reduce((s, w) => s + w.labelled, 0)).toBe(350);

    // A retraining asked of API a: queued, and no API process takes it.
    const asked = await postJson(`${a.url}/v1/models/churn/retrain`, { reason: 'scale-out test' });
    expect(asked.status, JSON.stringify(asked.json)).toBe(201);
    const jobId = asked.json['id'] as number;
    await new Promise((r) => setTimeout(r, 2000));
    expect((await getJson(`${b.url}/v1/jobs/${jobId}`)).json).toMatchObject({ id: jobId, state: 'queued' });
    for (const api of apis) expect(logLines(api).some((l) => l['msg'] === 'worker started' || l['msg'] === 'job started')).toBe(false);

    // The worker: no HTTP port, and it runs the job.
    const worker = await startServeWorker(common, env);
    children.push(worker);
    expect(worker.stderr()).toContain(`worker running on the ${queue} job queue (${backend.name} store)`);
    expect(worker.stderr()).toContain('no HTTP (--role worker listens on no port)');
    expect(worker.stderr()).not.toMatch(/serving on/);
    const ports = await listeningPorts(worker.proc.pid!);
    if (ports !== undefined) expect(ports).toEqual([]);
    const job = await waitFor('the retraining job to end', async () => {
      const j = (await getJson(`${b.url}/v1/jobs/${jobId}`)).json;
      return j['state'] === 'queued' || j['state'] === 'running' ? undefined : j;
    }, 180_000, 250);
    expect(job['state'], JSON.stringify(job)).toBe('succeeded');
    expect(job['result']).toMatchObject({ decision: 'promoted' });
    // The pipeline's log names the process that ran it: the worker's.
    expect(String(job['log'])).toContain(`runner ${hostname()}:${worker.proc.pid}`);
    expect(logLines(worker).some((l) => l['msg'] === 'job completed' && l['kind'] === 'pipeline.run')).toBe(true);
    for (const api of apis) expect(logLines(api).some((l) => l['msg'] === 'job started')).toBe(false);

    // Both APIs move to version 2 (the alias is polled every second) and say so.
    for (const api of apis) {
      await waitFor(`${api.url} to serve version 2`, async () => {
        const r = await postJson(`${api.url}/v1/models/churn/predict`, { rows: rows.slice(0, 3) });
        expect(r.status).toBe(200);
        return r.json['model_version'] === 2 ? true : undefined;
      }, 15_000);
      expect((await getJson(`${api.url}/v1/models/churn`)).json).toMatchObject({ production_version: 2 });
      expect((await getJson(`${api.url}/ready`)).json).toMatchObject({ checks: { models: { message: 'serving churn:2' } } });
    }

    // Every process stops gracefully on SIGTERM.
    for (const c of [...children]) c.proc.kill('SIGTERM');
    for (const c of children.splice(0)) expect(await c.exited).toBe(0);
  });
});

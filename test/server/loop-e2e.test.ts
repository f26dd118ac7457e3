/**
 * Issue 11's "Done when", end to end over real sockets, on SQLite and on Postgres: `driftwatch serve` as a
 * process with a signed webhook alert channel pointing at a receiver in the test, checks every second on the
 * last 200 rows. A model trained on the bundled churn data is registered and promoted over HTTP; predictions
 * and then their labels are sent as a client would (fetch); drifted traffic follows; the scheduled checks
 * record drift_started, the webhook receives the alert (its HMAC signature verified), the monitor's trigger
 * leaves a promotion request pending, it is approved through the API, and version 2 serves.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { tableToCsvString } from '../../src/data/index.js';
import { saveNativeModel, trainModel } from '../../src/models/index.js';
import { startHttpServer, type TestHttpServer } from '../helpers/alert-servers.js';
import { deleteRedisKeys, runRedisTests, testRedisUrl } from '../helpers/queue-backends.js';
import { describeEachBackend, type TestBackend } from '../helpers/store-backends.js';
import { churnRows, churnTable } from './helpers.js';
import { getJson, postJson, startServe, waitFor, type ServeChild } from './spawn-serve.js';

const SECRET = 'e2e-webhook-secret';

type Row = Record<string, number | string | null>;

/** The demo's drift (src/cli/demo/demo-traffic.ts): month-to-month contracts, short tenures, higher charges. */
function drifted(r: Row): Row {
  return { ...r, contract: 'Month-to-month', tenure: Math.max(1, Math.round(Number(r['tenure'] ?? 1) * 0.4)), monthly_charges: Number(r['monthly_charges'] ?? 0) + 25 };
}

/** Checks `X-Driftwatch-Signature: sha256=<hex>` = HMAC-SHA256(secret, `${timestamp}.${body}`), as a receiver would. */
function verifySignature(headers: Record<string, string | string[] | undefined>, body: string, secret: string, nowMs: number): boolean {
  const ts = headers['x-driftwatch-timestamp'];
  const sig = headers['x-driftwatch-signature'];
  if (typeof ts !== 'string' || typeof sig !== 'string') return false;
  if (Math.abs(nowMs / 1000 - Number(ts)) > 300) return false;
  const want = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`);
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}

describeEachBackend('the monitoring loop end to end (issue 11, done when)', (backend: TestBackend) => {
  // SQLite with the embedded queue (the default deployment); Postgres with BullMQ on the machine's Redis
  // when it answers (a key prefix of its own, deleted afterwards).
  const queue = backend.name === 'postgres' && runRedisTests ? 'bullmq' : 'embedded';
  const prefix = `dwtest_e2e_${randomBytes(4).toString('hex')}`;
  let child: ServeChild | undefined;
  let receiver: TestHttpServer | undefined;
  afterEach(async () => {
    if (child !== undefined) {
      child.proc.kill('SIGKILL');
      await child.exited;
    }
    if (queue === 'bullmq') await deleteRedisKeys(testRedisUrl(), prefix);
    await receiver?.close();
    child = undefined;
    receiver = undefined;
  });

  it('predictions and labels over HTTP, drift found on schedule, a signed webhook alert, approval through the API, version 2 serving', { timeout: 240_000 }, async () => {
    const opened = await backend.open();
    await opened.store.close();
    receiver = await startHttpServer();
    const config = {
      monitor: { interval_s: 1, window: { kind: 'count', size: 200 }, min_rows: 50 },
      alerts: { channels: { hook: { type: 'webhook', url: `${receiver.url}/driftwatch-alerts`, secret_env: 'E2E_WEBHOOK_SECRET' } }, policy: { consecutive: 2 } },
      // Retraining waits for a person before promotion (the default); the gates let the challenger through.
      pipeline: { trainer: { algo: 'gbdt', params: { n_estimators: 10, max_depth: 3 }, seed: 1 }, gates: { min: 0, max_drop_vs_champion: 1 }, approval: { mode: 'human', where: 'before_promotion' } },
    };
    const configFile = join(opened.home, 'driftwatch.yaml');
    await writeFile(configFile, JSON.stringify(config));
    child = await startServe(['--home', opened.home, '--config', configFile, '--port', '0'], { DATABASE_URL: opened.url ?? '', REDIS_URL: queue === 'bullmq' ? testRedisUrl() : '', DRIFTWATCH_QUEUE_PREFIX: prefix, E2E_WEBHOOK_SECRET: SECRET });
    const base = child.url;
    expect(child.stderr()).toMatch(new RegExp(`${backend.name} store .* ${queue} job queue`));

    // Register (multipart upload: the model file and its reference data), then promote.
    const table = await churnTable(1500);
    const { model } = await trainModel(table, { label: 'churn', algo: 'gbdt', params: { n_estimators: 20, max_depth: 4 }, seed: 1, validFraction: 0 });
    const modelFile = join(opened.home, 'churn-model.json');
    await saveNativeModel(model, modelFile);
    const form = new FormData();
    form.append('model', new Blob([await readFile(modelFile)]), 'churn-model.json');
    form.append('reference', new Blob([tableToCsvString(table)]), 'reference.csv');
    const registered = await fetch(`${base}/v1/models/churn/versions`, { method: 'POST', body: form });
    expect(registered.status, await registered.clone().text()).toBe(201);
    expect(((await registered.json()) as { version: { version: number } }).version.version).toBe(1);
    const promoted = await postJson(`${base}/v1/models/churn/promote`, { version: 1, reason: 'first version' });
    expect(promoted.status, JSON.stringify(promoted.json)).toBe(200);
    await waitFor('the server to be ready', async () => ((await getJson(`${base}/ready`)).status === 200 ? true : undefined), 10_000);

    const all = await churnTable(1900);
    const churn = all.column('churn')!;
    if (churn.storage !== 'categorical') throw new Error('churn is categorical');
    const truth = (i: number) => churn.dictionary[churn.codes[i]!]!;
    /** Predicts rows in requests of 25, then sends their labels as feedback; returns the versions that answered. */
    const traffic = async (rows: Row[], labels: string[]): Promise<number[]> => {
      const versions: number[] = [];
      for (let i = 0; i < rows.length; i += 25) {
        const r = await postJson(`${base}/v1/models/churn/predict`, { rows: rows.slice(i, i + 25) });
        expect(r.status, JSON.stringify(r.json)).toBe(200);
        versions.push(r.json['model_version'] as number);
        const ids = (r.json['predictions'] as { prediction_id: string }[]).map((p) => p.prediction_id);
        const fed = await postJson(`${base}/v1/models/churn/feedback`, { labels: ids.map((id, j) => ({ prediction_id: id, label: labels[i + j]! })) });
        expect(fed.status, JSON.stringify(fed.json)).toBe(200);
        expect(fed.json).toEqual({ updated: ids.length, unknown_ids: [] });
      }
      return versions;
    };

    // Traffic like the reference: checked on schedule, no drift.
    const normal = await churnRows(200, 1500);
    expect(new Set(await traffic(normal, normal.map((_, i) => truth(1500 + i))))).toEqual(new Set([1]));
    const quiet = await waitFor('a scheduled check of the normal traffic', async () => {
      const events = (await getJson(`${base}/v1/events?model=churn&kind=check_completed`)).json['events'] as { data: { reason: string; rows: number } }[];
      return events.find((e) => e.data.reason === 'schedule' && e.data.rows === 200);
    }, 30_000, 200);
    expect(quiet).toBeDefined();
    expect((await getJson(`${base}/v1/events?model=churn&kind=drift_started`)).json['events']).toEqual([]);

    // Drifted traffic (and churn doubled among it: target drift too), with its labels.
    const shifted = (await churnRows(200, 1700)).map(drifted);
    await traffic(shifted, shifted.map((_, i) => (i % 2 === 0 ? 'Yes' : truth(1700 + i))));

    // The schedule finds it.
    const started = await waitFor('drift_started from a scheduled check', async () => {
      const events = (await getJson(`${base}/v1/events?model=churn&kind=drift_started`)).json['events'] as { kind: string; severity: string; data: Record<string, unknown> }[];
      return events[0];
    }, 30_000, 200);
    // A check may catch the window half drifted: the episode starts on dataset drift or target drift.
    expect(started.data['dataset_drift'] === true || started.data['target_drift'] === true, JSON.stringify(started)).toBe(true);
    const reasons = ((await getJson(`${base}/v1/events?model=churn&kind=check_completed`)).json['events'] as { data: { reason: string } }[]).map((e) => e.data.reason);
    expect(reasons.every((r) => r === 'schedule')).toBe(true);

    // The webhook alert, signed.
    const alert = await waitFor('the webhook alert', async () => receiver!.requests.find((r) => r.path === '/driftwatch-alerts'), 30_000, 200);
    expect(alert.method).toBe('POST');
    expect(verifySignature(alert.headers, alert.body, SECRET, Date.now())).toBe(true);
    expect(verifySignature(alert.headers, alert.body, 'another secret', Date.now())).toBe(false);
    expect(verifySignature(alert.headers, alert.body.replace('churn', 'chum'), SECRET, Date.now())).toBe(false);
    const payload = JSON.parse(alert.body) as Record<string, unknown>;
    expect(JSON.stringify(payload)).toContain('churn');
    const alerts = (await getJson(`${base}/v1/alerts?model=churn`)).json['alerts'] as { state: string }[];
    expect(alerts.length).toBeGreaterThan(0);
    const deliveries = (await getJson(`${base}/v1/alerts/deliveries`)).json['deliveries'] as { channel: string; event: string; outcome: string; status_code: number | null }[];
    expect(deliveries).toContainEqual(expect.objectContaining({ channel: 'hook', event: 'fired', outcome: 'ok', status_code: 200 }));

    // The trigger asked for retraining; the worker trained a challenger and asks a person before promoting it.
    const pending = await waitFor('a pending approval', async () => {
      const list = (await getJson(`${base}/v1/approvals?state=pending`)).json['approvals'] as { id: number; kind: string; model: string; model_version: number | null; job_id: number }[];
      return list[0];
    }, 120_000, 250);
    expect(pending).toMatchObject({ kind: 'promotion', model: 'churn', model_version: 2 });
    const job = (await getJson(`${base}/v1/jobs/${pending.job_id}`)).json;
    expect(job).toMatchObject({ kind: 'pipeline', model: 'churn', created_by: 'monitor', state: 'succeeded', result: { decision: 'awaiting_approval' } });
    expect(((await getJson(`${base}/v1/events?model=churn&kind=retraining_requested`)).json['events'] as unknown[]).length).toBe(1);
    // Still version 1 until someone approves.
    expect((await getJson(`${base}/v1/models/churn`)).json).toMatchObject({ production_version: 1 });

    const approved = await postJson(`${base}/v1/approvals/${pending.id}/approve`, { comment: 'looks right' });
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);
    expect(approved.json).toMatchObject({ state: 'approved', outcome: { decision: 'promoted', production_version: 2 } });

    // Version 2 serves (the alias is polled every second) and the registry says so.
    await waitFor('version 2 to serve', async () => {
      const r = await postJson(`${base}/v1/models/churn/predict`, { rows: normal.slice(0, 2) });
      expect(r.status).toBe(200);
      return r.json['model_version'] === 2 ? true : undefined;
    }, 15_000, 100);
    expect((await getJson(`${base}/v1/models/churn`)).json).toMatchObject({ production_version: 2, aliases: { production: 2 } });
    expect(((await getJson(`${base}/v1/approvals?state=pending`)).json['approvals'] as unknown[])).toEqual([]);

    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    child = undefined;
  });
});

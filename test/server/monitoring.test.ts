/**
 * Monitoring routes through Fastify inject (and the event stream over a real socket), on SQLite and Postgres:
 * logged traffic with late labels, a check run now, the drift history, performance per window, the overview
 * summary, events, retraining through the queue and the worker, and server-sent events from this process and
 * from another one.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/index.js';
import type { DriftwatchConfig, Runtime } from '../../src/runtime/index.js';
import { startWorker } from '../../src/worker/index.js';
import { describeEachBackend, type TestBackend } from '../helpers/store-backends.js';
import { churnRows, churnTable, createKey, registerChurnModel, testRuntime } from './helpers.js';

const CONFIG: DriftwatchConfig = {
  monitor: { window: { kind: 'count', size: 400 }, min_rows: 50 },
  pipeline: { trainer: { algo: 'rf', params: { n_estimators: 10, max_depth: 4 }, seed: 1 }, approval: { mode: 'auto' }, gates: { min: 0, max_drop_vs_champion: 1 } },
};

describeEachBackend('monitoring routes', (backend: TestBackend) => {
  let runtime: Runtime | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    await runtime?.close();
    runtime = undefined;
    app = undefined;
  });

  /** 300 rows predicted (rows 1500…1799 of the churn data) and their true labels sent as feedback. */
  const setup = async (options: { labels?: boolean } = {}) => {
    const opened = await backend.open();
    await registerChurnModel(opened.store, opened.home);
    ({ runtime } = await testRuntime(opened, CONFIG));
    app = await buildApp(runtime);
    const rows = await churnRows(300, 1500);
    const predicted = await app.inject({ method: 'POST', url: '/v1/models/churn/predict', payload: { rows } });
    expect(predicted.statusCode, predicted.body).toBe(200);
    const table = await churnTable(1800);
    const churn = table.column('churn')!;
    if (churn.storage !== 'categorical') throw new Error('churn is categorical');
    const labels = predicted.json().predictions.map((p: { prediction_id: string }, i: number) => ({ prediction_id: p.prediction_id, label: churn.dictionary[churn.codes[1500 + i]!]! }));
    if (options.labels !== false) {
      const fed = await app.inject({ method: 'POST', url: '/v1/models/churn/feedback', payload: { labels } });
      expect(fed.json().updated).toBe(300);
    }
    return { opened, app, runtime };
  };

  it('runs a check now and serves the drift history, performance per window, events and the summary', async () => {
    const { app, opened } = await setup();
    const viewer = await createKey(opened.store, 'viewer', 'viewer');
    const ops = await createKey(opened.store, 'ops', 'operator');
    expect((await app.inject({ method: 'POST', url: '/v1/models/churn/check', headers: viewer, payload: {} })).statusCode).toBe(403);
    const check = await app.inject({ method: 'POST', url: '/v1/models/churn/check', headers: ops, payload: {} });
    expect(check.statusCode, check.body).toBe(200);
    const c = check.json();
    expect(c).toMatchObject({ model: 'churn', status: 'checked', rows: 300, labelled: 300, model_version: 1 });
    expect(c.report_id).toEqual(expect.any(Number));
    expect(c.events.map((e: { kind: string }) => e.kind)).toContain('check_completed');
    expect((await opened.store.audit.list({ action: 'monitor.check_requested' }))[0]).toMatchObject({ actor: 'ops', subject: 'churn' });
    expect((await app.inject({ method: 'POST', url: '/v1/models/nope/check', headers: ops, payload: {} })).statusCode).toBe(404);

    const drift = (await app.inject({ url: '/v1/models/churn/drift?limit=10', headers: viewer })).json();
    expect(drift.latest).toMatchObject({ id: c.report_id, model: 'churn', model_version: 1 });
    expect(drift.history.map((r: { id: number }) => r.id)).toEqual([c.report_id]);
    expect((await app.inject({ url: `/v1/models/churn/drift?from=${Date.now() + 3_600_000}`, headers: viewer })).json().history).toEqual([]);
    expect((await app.inject({ url: '/v1/models/churn/drift?to=never', headers: viewer })).json().error.field).toBe('to');

    const perf = (await app.inject({ url: '/v1/models/churn/performance?window=hour&limit=3', headers: viewer })).json();
    expect(perf.window).toBe('hour');
    expect(perf.windows).toHaveLength(3);
    const last = perf.windows[2];
    expect(last).toMatchObject({ rows: 300, labelled: 300 });
    expect(last.metrics.accuracy).toBeGreaterThan(0.6);
    expect(last.metrics.f1).toEqual(expect.any(Number));
    expect(last.metrics.roc_auc).toBeGreaterThan(0.6);
    expect(perf.windows[0]).toMatchObject({ rows: 0, labelled: 0, metrics: { accuracy: null } });
    expect(Date.parse(last.end) - Date.parse(last.start)).toBe(3_600_000);
    const week = (await app.inject({ url: '/v1/models/churn/performance?window=week&limit=1', headers: viewer })).json().windows[0];
    expect(new Date(week.start).getUTCDay()).toBe(1);
    expect(week.rows).toBe(300);

    const events = (await app.inject({ url: '/v1/events?model=churn&kind=check_completed,drift_started', headers: viewer })).json().events;
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.every((e: { kind: string }) => ['check_completed', 'drift_started'].includes(e.kind))).toBe(true);
    expect((await app.inject({ url: '/v1/events?kind=nothing', headers: viewer })).json().events).toEqual([]);

    const summary = (await app.inject({ url: '/v1/models/churn/summary', headers: viewer })).json();
    expect(summary).toMatchObject({ model: 'churn', production_version: 1, total_predictions: 300, latest_report_id: c.report_id, total_columns: c.total_columns, drifted_columns: c.drifted_columns, retraining_count: 0 });
    expect(summary.current_metric).toMatchObject({ name: 'accuracy', value: last.metrics.accuracy });
    expect(summary.threshold).toBeGreaterThan(0);
    expect(summary.top_feature).toMatchObject({ column: expect.any(String), score: expect.any(Number) });
    expect(summary.series.drift_share).toHaveLength(1);
    expect(summary.series.accuracy.at(-1)[1]).toBe(last.metrics.accuracy);
    expect(Object.keys(summary.series.class_distribution).sort()).toEqual(['No', 'Yes']);
    expect(summary.series.confidence.at(-1)[1]).toBeGreaterThan(0.5);
  });

  it('retrains through the queue: 201 with the job, the same job while it waits, then the worker runs it', async () => {
    const { app, runtime, opened } = await setup();
    const ops = await createKey(opened.store, 'ops', 'operator');
    const first = await app.inject({ method: 'POST', url: '/v1/models/churn/retrain', headers: ops, payload: { reason: 'labels look off' } });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'pipeline', model: 'churn', state: 'queued', created_by: 'ops', duplicate: false });
    const second = await app.inject({ method: 'POST', url: '/v1/models/churn/retrain', headers: ops, payload: {} });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ id: first.json().id, duplicate: true });
    expect((await opened.store.audit.list({ action: 'pipeline.retrain_requested' })).map((e) => e.details['duplicate'])).toEqual([false, true]);
    // The frozen window holds the model's inputs and the label, not the logged outputs (they would leak into training).
    const payload = (await opened.store.jobs.get(first.json().id))!.payload as { current: string; label: string };
    const header = (await readFile(payload.current, 'utf8')).split('\n')[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['tenure', 'contract', 'churn']));
    expect(header.filter((h) => h.startsWith('_'))).toEqual([]);
    expect(payload.label).toBe('churn');

    const worker = startWorker({ queue: runtime.queue, handlers: runtime.jobHandlers, logger: runtime.logger });
    try {
      let job = first.json();
      for (let i = 0; i < 600 && (job.state === 'queued' || job.state === 'running'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await app.inject({ url: `/v1/jobs/${job.id}`, headers: ops })).json();
      }
      expect(job.state, JSON.stringify(job)).toBe('succeeded');
      expect(job.result.decision).toBe('promoted');
      expect(job.steps.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['check_drift', 'train', 'evaluate', 'gates', 'register', 'promote']));
    } finally {
      await worker.stop();
    }
    const model = (await app.inject({ url: '/v1/models/churn', headers: ops })).json();
    expect(model.production_version).toBe(2);
    const summary = (await app.inject({ url: '/v1/models/churn/summary', headers: ops })).json();
    expect(summary.retraining_count).toBe(1);
    expect(summary.series.training_time).toHaveLength(1);
    expect((await app.inject({ method: 'POST', url: '/v1/models/nope/retrain', headers: ops, payload: {} })).statusCode).toBe(404);
  }, 120_000);

  it('refuses to retrain before any label arrived (422) and names the feedback route', async () => {
    const { app } = await setup({ labels: false });
    const res = await app.inject({ method: 'POST', url: '/v1/models/churn/retrain', payload: {} });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('NO_DATA');
    expect(res.json().error.message).toContain('/v1/models/churn/feedback');
  });

  it('streams events over a real socket: this process, another process, heartbeats, and a clean end at shutdown', async () => {
    const { app, opened } = await setup();
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${url}/v1/events/stream?model=churn&heartbeat_s=0.2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp, ms = 10_000): Promise<void> => {
      const deadline = Date.now() + ms;
      while (!pattern.test(text)) {
        if (Date.now() > deadline) throw new Error(`no ${pattern} in the stream: ${text}`);
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended: ${text}`);
        text += decoder.decode(value);
      }
    };
    await readUntil(/: connected/);
    // In this process: the monitor's own listener.
    await app.inject({ method: 'POST', url: '/v1/models/churn/check', payload: {} });
    await readUntil(/"kind":"check_completed"/);
    // From another process: only in the events table, found by the poll.
    const peer = await opened.reopen();
    try {
      await peer.events.append({ model: 'churn', kind: 'retraining_requested', summary: 'from another process' });
      await peer.events.append({ model: 'other', kind: 'retraining_requested', summary: 'another model' });
    } finally {
      await peer.close();
    }
    await readUntil(/from another process/);
    await readUntil(/: heartbeat/);
    const records = text.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)) as { id: string; model: string; kind: string });
    expect(records.every((r) => r.model === 'churn')).toBe(true);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);

    const closing = app.close();
    const rest = await (async () => {
      for (;;) {
        const { done } = await reader.read();
        if (done) return 'ended';
      }
    })();
    await closing;
    expect(rest).toBe('ended');
  }, 60_000);
});

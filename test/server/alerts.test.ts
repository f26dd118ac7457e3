/**
 * The alerts routes through Fastify inject, on SQLite and Postgres: alerts fired by the runtime's alerter,
 * delivery attempts to a real local webhook, acknowledge, snooze and column mutes with their roles and audit.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/index.js';
import type { Runtime } from '../../src/runtime/index.js';
import { describeEachBackend, type TestBackend } from '../helpers/store-backends.js';
import { createKey, registerChurnModel, testRuntime } from './helpers.js';

describeEachBackend('alerts routes', (backend: TestBackend) => {
  let runtime: Runtime | undefined;
  let app: FastifyInstance | undefined;
  let hook: Server | undefined;
  afterEach(async () => {
    await app?.close();
    await runtime?.close();
    await new Promise((r) => (hook === undefined ? r(undefined) : hook.close(r)));
    runtime = undefined;
    app = undefined;
    hook = undefined;
  });

  const setup = async () => {
    const received: unknown[] = [];
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => hook!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const opened = await backend.open();
    await registerChurnModel(opened.store, opened.home);
    ({ runtime } = await testRuntime(opened, { alerts: { channels: { hook: { type: 'webhook', url } }, policy: { consecutive: 2 } } }));
    app = await buildApp(runtime);
    const at = Date.now();
    for (const i of [0, 1]) {
      await runtime.alerter.observe({ model: 'churn', kind: 'dataset_drift', active: true, severity: 'HIGH', at: at + i * 1000, summary: '9 of 19 columns drifted', reportId: '7', columns: ['tenure', 'contract'] });
    }
    return { opened, app, runtime, received };
  };

  it('lists firing alerts and their deliveries; operators acknowledge and snooze, with the key in the audit log', async () => {
    const { app, opened, received } = await setup();
    const viewer = await createKey(opened.store, 'viewer', 'viewer');
    const ops = await createKey(opened.store, 'ops', 'operator');
    const alerts = (await app.inject({ url: '/v1/alerts?model=churn&state=firing', headers: viewer })).json().alerts;
    expect(alerts).toEqual([expect.objectContaining({ model: 'churn', kind: 'dataset_drift', state: 'firing', severity: 'HIGH', report_id: '7', columns: ['tenure', 'contract'], acknowledged_by: null })]);
    const id = alerts[0].id as string;

    // Delivery runs in the background: wait for its record.
    let deliveries: { alert_id: string; channel: string; outcome: string; status_code: number }[] = [];
    for (let i = 0; i < 100 && deliveries.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      deliveries = (await app.inject({ url: '/v1/alerts/deliveries', headers: viewer })).json().deliveries;
    }
    expect(deliveries[0]).toMatchObject({ alert_id: id, channel: 'hook', outcome: 'ok', status_code: 200, event: 'fired', attempt: 1 });
    expect(received).toHaveLength(1);
    expect((await app.inject({ url: `/v1/alerts/deliveries?alert_id=${id}`, headers: viewer })).json().deliveries).toHaveLength(1);

    expect((await app.inject({ method: 'POST', url: `/v1/alerts/${id}/ack`, headers: viewer, payload: {} })).statusCode).toBe(403);
    const ack = await app.inject({ method: 'POST', url: `/v1/alerts/${id}/ack`, headers: ops, payload: { comment: 'looking into it' } });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ id, acknowledged_by: 'ops', ack_comment: 'looking into it' });

    const until = new Date(Date.now() + 3_600_000).toISOString();
    const snooze = await app.inject({ method: 'POST', url: `/v1/alerts/${id}/snooze`, headers: ops, payload: { until } });
    expect(snooze.statusCode, snooze.body).toBe(200);
    expect(Date.parse(snooze.json().snoozed_until)).toBe(Date.parse(until));
    expect(snooze.json().snoozed_by).toBe('ops');
    const minutes = await app.inject({ method: 'POST', url: `/v1/alerts/${id}/snooze`, headers: ops, payload: { minutes: 30 } });
    expect(minutes.statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/v1/alerts/${id}/snooze`, headers: ops, payload: {} })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: `/v1/alerts/${id}/snooze`, headers: ops, payload: { until: 'tomorrow' } })).json().error.field).toBe('until');
    expect((await app.inject({ method: 'POST', url: '/v1/alerts/999999/ack', headers: ops })).statusCode).toBe(404);

    const audit = await opened.store.audit.list({ actor: 'ops' });
    expect(audit.map((e) => e.action)).toEqual(['alert.acknowledged', 'alert.snoozed', 'alert.snoozed']);
  });

  it('mutes and unmutes a column for operators', async () => {
    const { app, opened } = await setup();
    const ops = await createKey(opened.store, 'ops', 'operator');
    const viewer = await createKey(opened.store, 'viewer', 'viewer');
    expect((await app.inject({ method: 'POST', url: '/v1/models/churn/mutes', headers: viewer, payload: { column: 'tenure' } })).statusCode).toBe(403);
    const muted = await app.inject({ method: 'POST', url: '/v1/models/churn/mutes', headers: ops, payload: { column: 'tenure' } });
    expect(muted.statusCode, muted.body).toBe(201);
    expect(muted.json().mutes).toEqual([expect.objectContaining({ model: 'churn', column: 'tenure', created_by: 'ops' })]);
    expect((await app.inject({ url: '/v1/models/churn/mutes', headers: viewer })).json().mutes).toHaveLength(1);
    expect((await app.inject({ method: 'POST', url: '/v1/models/nope/mutes', headers: ops, payload: { column: 'tenure' } })).statusCode).toBe(404);
    const unmuted = await app.inject({ method: 'DELETE', url: '/v1/models/churn/mutes/tenure', headers: ops });
    expect(unmuted.statusCode, unmuted.body).toBe(200);
    expect(unmuted.json().mutes).toEqual([]);
    expect((await app.inject({ method: 'DELETE', url: '/v1/models/churn/mutes/tenure', headers: ops })).statusCode).toBe(404);
    const audit = await opened.store.audit.list({ actor: 'ops' });
    expect(audit.map((e) => [e.action, e.details['column']])).toEqual([['alert.column_muted', 'tenure'], ['alert.column_unmuted', 'tenure']]);
  });
});

import { timingSafeEqual } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { createAlerter, signPayload, type Alerter, type AlertsConfig, type CheckSignal, type Severity } from '../../src/alerts/index.js';
import { manualClock, type ManualClock } from '../../src/core/clock.js';
import type { Store } from '../../src/store/index.js';
import { startHttpServer, startSmtpServer, waitFor, type ReceivedRequest, type Reply } from '../helpers/alert-servers.js';
import { describeEachBackend } from '../helpers/store-backends.js';
import { failure } from '../helpers/table-cells.js';

const HOUR = 3_600_000;
const SECRET = 'whsec-test-0123456789';
const FAST = { attempts: 3, backoff: '20ms', timeout: '2s', close_timeout: '3s' } as const;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface LogLine { level: string; fields: Record<string, unknown>; message: string }

function setup(store: Store, clock: ManualClock, config: AlertsConfig, env: NodeJS.ProcessEnv = {}): { alerter: Alerter; logs: LogLine[] } {
  const logs: LogLine[] = [];
  const log = (level: string) => (fields: Record<string, unknown>, message: string): void => {
    logs.push({ level, fields, message });
  };
  const alerter = createAlerter({ store, clock, config, env, logger: { info: log('info'), warn: log('warn'), error: log('error') } });
  cleanups.push(() => alerter.close());
  return { alerter, logs };
}

async function server(reply?: (req: ReceivedRequest, i: number) => Reply) {
  const s = await startHttpServer(reply);
  cleanups.push(() => s.close());
  return s;
}

/** One check per hour on the manual clock. */
function check(clock: ManualClock, active: boolean, over: Partial<CheckSignal> = {}): CheckSignal {
  clock.advance(HOUR);
  return { model: 'churn', kind: 'dataset_drift', active, severity: 'MEDIUM' as Severity, at: clock.now(), summary: active ? '11 of 19 columns drifted (share 0.58)' : '1 of 19 columns drifted', reportId: '42', columns: ['tenure', 'contract'], ...over };
}

/** The receiver's side of the webhook contract: recompute the HMAC over `${timestamp}.${raw body}`. */
function verifySignature(req: ReceivedRequest, secret: string): boolean {
  const ts = req.headers['x-driftwatch-timestamp'];
  const sig = req.headers['x-driftwatch-signature'];
  if (typeof ts !== 'string' || typeof sig !== 'string') return false;
  const expected = Buffer.from(signPayload(secret, ts, req.body));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

describeEachBackend('alerter', (backend) => {
  it('fires once after two drifted checks, with a signed, timestamped webhook, and resolves after six quiet ones', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const hook = await server();
    const { alerter } = setup(store, clock, { channels: { hook: { type: 'webhook', url: `${hook.url}/hooks/dw`, secret_env: 'HOOK_SECRET', headers: { 'X-Team': 'ml' } } }, delivery: FAST, public_url: 'https://dw.example.com/' }, { HOOK_SECRET: SECRET });

    expect(await alerter.observe(check(clock, true))).toEqual({ fired: false, resolved: false });
    const fired = await alerter.observe(check(clock, true));
    expect(fired.fired).toBe(true);
    const firedAt = clock.now();
    expect(await alerter.observe(check(clock, true))).toEqual({ fired: false, resolved: false, alertId: fired.alertId });
    await waitFor(() => hook.requests.length === 1, 5000, 'the webhook');

    const req = hook.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/hooks/dw');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-team']).toBe('ml');
    expect(req.headers['x-driftwatch-timestamp']).toBe(String(Math.floor(firedAt / 1000)));
    expect(verifySignature(req, SECRET)).toBe(true);
    expect(verifySignature({ ...req, body: req.body.replace('MEDIUM', 'LOW') }, SECRET)).toBe(false);
    expect(verifySignature(req, 'another-secret')).toBe(false);
    const body = JSON.parse(req.body) as { event: string; alert: Record<string, unknown>; text: string };
    expect(body.event).toBe('fired');
    expect(body.alert).toMatchObject({ id: fired.alertId, model: 'churn', kind: 'dataset_drift', severity: 'MEDIUM', state: 'firing', report_id: '42', report_url: 'https://dw.example.com/v1/reports/42?format=html', columns: ['tenure', 'contract'] });
    expect(body.text).toContain('11 of 19 columns drifted');

    // Five quiet checks do not end the episode; the sixth does, and says so.
    for (let i = 0; i < 5; i++) expect(await alerter.observe(check(clock, false))).toMatchObject({ resolved: false });
    expect(await alerter.observe(check(clock, false))).toEqual({ fired: false, resolved: true, alertId: fired.alertId });
    await waitFor(() => hook.requests.length === 2, 5000, 'the resolved message');
    expect(JSON.parse(hook.requests[1]!.body)).toMatchObject({ event: 'resolved', alert: { state: 'resolved', id: fired.alertId } });

    const alerts = await alerter.list({ model: 'churn' });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ id: fired.alertId, state: 'resolved', openedAt: new Date(firedAt).toISOString(), resolvedAt: new Date(clock.now()).toISOString() });
    // The receiver has the request a moment before the attempt is recorded.
    await waitFor(async () => (await alerter.deliveries({ alertId: fired.alertId! })).length === 2, 5000, 'two delivery records');
    expect((await alerter.deliveries({ alertId: fired.alertId! })).map((d) => [d.event, d.attempt, d.outcome, d.httpStatus])).toEqual([['resolved', 1, 'ok', 200], ['fired', 1, 'ok', 200]]);
    expect(await alerter.list({ state: 'firing' })).toEqual([]);
  });

  it('retries a failing webhook with growing waits, records every attempt, and records the failure when it never succeeds', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const flaky = await server((_, i) => (i < 2 ? { status: 500, body: 'boom' } : { status: 204 }));
    const down = await server(() => ({ status: 503, body: 'maintenance' }));
    const { alerter, logs } = setup(store, clock, {
      channels: { flaky: { type: 'webhook', url: flaky.url, secret_env: 'HOOK_SECRET' }, down: { type: 'webhook', url: down.url } },
      delivery: FAST,
    }, { HOOK_SECRET: SECRET });
    await alerter.observe(check(clock, true));
    const { alertId } = await alerter.observe(check(clock, true));
    await waitFor(async () => (await alerter.deliveries({ alertId: alertId! })).length === 6, 5000, 'six attempts');

    const byChannel = async (name: string) => (await alerter.deliveries({ alertId: alertId! })).filter((d) => d.channel === name).reverse().map((d) => [d.attempt, d.outcome, d.httpStatus, d.error]);
    expect(await byChannel('flaky')).toEqual([[1, 'failed', 500, 'the webhook answered HTTP 500: boom'], [2, 'failed', 500, 'the webhook answered HTTP 500: boom'], [3, 'ok', 204, null]]);
    expect(await byChannel('down')).toEqual([1, 2, 3].map((n) => [n, 'failed', 503, 'the webhook answered HTTP 503: maintenance']));
    // Every retry is signed afresh; the waits grow (20 ms, then 80 ms).
    expect(flaky.requests.every((r) => verifySignature(r, SECRET))).toBe(true);
    expect(down.requests.every((r) => r.headers['x-driftwatch-signature'] === undefined)).toBe(true);
    const [a, b, c] = flaky.requests.map((r) => r.at);
    expect(b! - a!).toBeGreaterThanOrEqual(15);
    expect(c! - b!).toBeGreaterThanOrEqual(70);
    expect(logs.some((l) => l.level === 'error' && l.message === 'alert delivery failed for good' && l.fields['channel'] === 'down')).toBe(true);
  });

  it('an alert\'s "resolved" waits for its slow "fired" on the same channel: the receiver and the record see them in order', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    let firedAnsweredAt = Infinity;
    // The first request ("fired") is answered after 400 ms; "resolved" is scheduled while it waits.
    const hook = await server((_req, i) => {
      if (i === 0) setTimeout(() => (firedAnsweredAt = performance.now()), 400);
      return { status: 200, ...(i === 0 ? { delayMs: 400 } : {}) };
    });
    const { alerter } = setup(store, clock, { channels: { hook: { type: 'webhook', url: hook.url } }, delivery: FAST });
    await alerter.observe(check(clock, true));
    const fired = await alerter.observe(check(clock, true));
    expect(fired.fired).toBe(true);
    await waitFor(() => hook.requests.length >= 1, 5000, 'the fired message to arrive');
    for (let i = 0; i < 6; i++) await alerter.observe(check(clock, false));
    await waitFor(() => hook.requests.length === 2, 5000, 'the resolved message');
    expect(hook.requests.map((r) => (JSON.parse(r.body) as { event: string }).event)).toEqual(['fired', 'resolved']);
    // Sent only once "fired" had its answer, not beside it.
    expect(hook.requests[1]!.at).toBeGreaterThanOrEqual(firedAnsweredAt - 1);
    const deliveries = await waitFor(async () => {
      const d = await alerter.deliveries({ alertId: fired.alertId! });
      return d.length === 2 ? d : undefined;
    }, 5000, 'both deliveries recorded');
    expect(deliveries.map((d) => d.event)).toEqual(['resolved', 'fired']);
  });

  it('never blocks observe on a slow channel: the attempt times out and is recorded', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const slow = await server(() => ({ status: 200, delayMs: 3000 }));
    const { alerter } = setup(store, clock, { channels: { slow: { type: 'webhook', url: slow.url, timeout: '150ms' } }, delivery: { ...FAST, attempts: 2 } });
    await alerter.observe(check(clock, true));
    const t0 = performance.now();
    const { fired, alertId } = await alerter.observe(check(clock, true));
    expect(fired).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1000);
    const deliveries = await waitFor(async () => {
      const d = await alerter.deliveries({ alertId: alertId! });
      return d.length === 2 ? d : undefined;
    }, 5000, 'two timed-out attempts');
    expect(deliveries.map((d) => [d.attempt, d.outcome, d.httpStatus, d.error])).toEqual([[2, 'failed', null, 'no answer within 150 ms'], [1, 'failed', null, 'no answer within 150 ms']]);
    expect(deliveries.every((d) => d.durationMs >= 100 && d.durationMs < 2900)).toBe(true);
  });

  it('close() does not wait out a long backoff: retries still pending are abandoned and logged', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const down = await server(() => ({ status: 502 }));
    const { alerter, logs } = setup(store, clock, { channels: { down: { type: 'webhook', url: down.url } }, delivery: { attempts: 4, backoff: '30s', close_timeout: '2s' } });
    await alerter.observe(check(clock, true));
    const { alertId } = await alerter.observe(check(clock, true));
    await waitFor(async () => (await alerter.deliveries({ alertId: alertId! })).length === 1, 5000, 'the first attempt');
    const t0 = performance.now();
    await alerter.close();
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(down.requests).toHaveLength(1);
    expect(logs.filter((l) => l.message === 'alert delivery abandoned: the alerter is closing').map((l) => l.fields['channel'])).toEqual(['down']);
  });

  it('posts Slack messages in the incoming-webhook and chat.postMessage shapes, and routes by severity', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const slack = await server((req) => {
      if (req.path === '/services/T000/B000/XXXX') return { status: 200, body: 'ok' };
      if (req.path === '/api/chat.postMessage') {
        const ok = req.headers.authorization === 'Bearer xoxb-test-token' && (JSON.parse(req.body) as { channel: string }).channel === '#ml-alerts';
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(ok ? { ok: true, ts: '1.2' } : { ok: false, error: 'invalid_auth' }) };
      }
      return { status: 404, body: 'no route' };
    });
    const hook = await server();
    const { alerter } = setup(store, clock, {
      channels: {
        incoming: { type: 'slack', webhook_url_env: 'SLACK_WEBHOOK_URL' },
        bot: { type: 'slack', bot_token_env: 'SLACK_BOT_TOKEN', channel: '#ml-alerts', slack_api_url: `${slack.url}/api` },
        hook: { type: 'webhook', url: hook.url },
      },
      routes: [{ min_severity: 'HIGH', channels: ['incoming', 'bot'] }, { min_severity: 'LOW', channels: ['hook'] }],
      delivery: FAST,
      public_url: 'https://dw.example.com',
    }, { SLACK_WEBHOOK_URL: `${slack.url}/services/T000/B000/XXXX`, SLACK_BOT_TOKEN: 'xoxb-test-token' });

    // A MEDIUM episode goes to the webhook only.
    await alerter.observe(check(clock, true, { model: 'fraud' }));
    const medium = await alerter.observe(check(clock, true, { model: 'fraud' }));
    await waitFor(() => hook.requests.length === 1, 5000, 'the webhook');
    // A HIGH one goes everywhere.
    await alerter.observe(check(clock, true, { severity: 'HIGH' }));
    const high = await alerter.observe(check(clock, true, { severity: 'HIGH' }));
    await waitFor(() => slack.requests.length === 2 && hook.requests.length === 2, 5000, 'Slack and the webhook');
    expect(slack.requests.map((r) => r.path).sort()).toEqual(['/api/chat.postMessage', '/services/T000/B000/XXXX']);

    const incoming = slack.requests.find((r) => r.path.startsWith('/services'))!;
    const { text } = JSON.parse(incoming.body) as { text: string };
    expect(Object.keys(JSON.parse(incoming.body) as object)).toEqual(['text']);
    expect(text).toContain('[HIGH] churn: dataset drift');
    expect(text).toContain('11 of 19 columns drifted (share 0.58)');
    expect(text).toContain('Report: https://dw.example.com/v1/reports/42?format=html');
    const posted = slack.requests.find((r) => r.path === '/api/chat.postMessage')!;
    expect(posted.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(JSON.parse(posted.body)).toEqual({ channel: '#ml-alerts', text });
    await waitFor(async () => (await alerter.deliveries({ alertId: high.alertId! })).length === 3, 5000, 'three deliveries');
    expect((await alerter.deliveries({ alertId: high.alertId! })).map((d) => [d.channel, d.outcome]).sort()).toEqual([['bot', 'ok'], ['hook', 'ok'], ['incoming', 'ok']]);
    await waitFor(async () => (await alerter.deliveries({ alertId: medium.alertId! })).length === 1, 5000, 'the MEDIUM delivery record');
    expect((await alerter.deliveries({ alertId: medium.alertId! })).map((d) => d.channel)).toEqual(['hook']);
  });

  it('records a refused chat.postMessage without retrying it, and keeps secrets out of errors and logs', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const slack = await server((req) => (req.path.startsWith('/api/')
      ? { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: false, error: 'channel_not_found' }) }
      // A server that echoes the request path, which holds the webhook's secret part.
      : { status: 500, body: `cannot post to ${req.path}` }));
    const secretPath = '/services/T000/B000/SeCrEtPaRt';
    const { alerter, logs } = setup(store, clock, {
      channels: {
        bot: { type: 'slack', bot_token_env: 'SLACK_BOT_TOKEN', channel: '#nope', slack_api_url: `${slack.url}/api/` },
        incoming: { type: 'slack', webhook_url_env: 'SLACK_WEBHOOK_URL' },
      },
      delivery: { ...FAST, attempts: 2 },
    }, { SLACK_BOT_TOKEN: 'xoxb-secret-token', SLACK_WEBHOOK_URL: `${slack.url}${secretPath}` });
    await alerter.observe(check(clock, true));
    const { alertId } = await alerter.observe(check(clock, true));
    await waitFor(async () => (await alerter.deliveries({ alertId: alertId! })).length === 3, 5000, 'three attempts');
    await alerter.close();
    const deliveries = await alerter.deliveries({ alertId: alertId! });
    expect(deliveries.filter((d) => d.channel === 'bot').map((d) => [d.attempt, d.outcome, d.error])).toEqual([[1, 'failed', 'Slack chat.postMessage refused: channel_not_found']]);
    const incoming = deliveries.filter((d) => d.channel === 'incoming');
    expect(incoming.map((d) => d.outcome)).toEqual(['failed', 'failed']);
    const everything = JSON.stringify([deliveries, logs]);
    expect(everything).not.toContain('xoxb-secret-token');
    expect(everything).not.toContain('SeCrEtPaRt');
    expect(incoming[0]!.error).toBe('the Slack webhook answered HTTP 500: cannot post to ***');
  });

  it('sends email through SMTP with the configured login', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const { alerter } = setup(store, clock, {
      channels: { mail: { type: 'email', host: '127.0.0.1', port: smtp.port, secure: false, user_env: 'SMTP_USER', password_env: 'SMTP_PASSWORD', from: 'driftwatch@example.com', to: ['oncall@example.com', 'ml@example.com'] } },
      delivery: FAST,
    }, { SMTP_USER: 'dw', SMTP_PASSWORD: 'smtp-pass-123' });
    await alerter.observe(check(clock, true, { severity: 'HIGH' }));
    const { alertId } = await alerter.observe(check(clock, true, { severity: 'HIGH' }));
    const mail = await waitFor(() => smtp.mails[0], 10_000, 'the email');
    expect(mail.from).toBe('driftwatch@example.com');
    expect(mail.to).toEqual(['oncall@example.com', 'ml@example.com']);
    expect(mail.auth).toEqual({ user: 'dw', password: 'smtp-pass-123' });
    expect(mail.data).toContain('Subject: [Driftwatch] [HIGH] churn: dataset drift');
    // The body is quoted-printable: undo its soft line breaks.
    expect(mail.data.replace(/=\r\n/g, '')).toContain('Model churn, dataset drift, severity HIGH: 11 of 19 columns drifted (share 0.58)');
    const [d] = await waitFor(async () => {
      const all = await alerter.deliveries({ alertId: alertId! });
      return all.length === 1 ? all : undefined;
    }, 5000, 'the delivery record');
    expect(d).toMatchObject({ channel: 'mail', outcome: 'ok', httpStatus: 250, attempt: 1 });
  });

  it('acknowledged alerts do not re-notify; snoozed ones wait for the snooze to end', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const hook = await server();
    const { alerter } = setup(store, clock, { channels: { hook: { type: 'webhook', url: hook.url } }, delivery: FAST, policy: { resolve_after: 3 } });
    const events = (): string[] => hook.requests.map((r) => (JSON.parse(r.body) as { event: string; alert: { kind: string } }).event);

    await alerter.observe(check(clock, true, { severity: 'LOW' }));
    const { alertId } = await alerter.observe(check(clock, true, { severity: 'LOW' }));
    await alerter.observe(check(clock, true, { severity: 'MEDIUM' }));
    await waitFor(() => hook.requests.length === 2, 5000, 'fired and escalated');
    expect(events()).toEqual(['fired', 'escalated']);
    const acked = await alerter.acknowledge(alertId!, 'ana', 'on it');
    expect(acked).toMatchObject({ acknowledgedBy: 'ana', ackComment: 'on it', severity: 'MEDIUM' });
    await alerter.observe(check(clock, true, { severity: 'HIGH' }));
    expect((await alerter.list())[0]!.severity).toBe('HIGH');

    // Snoozed for 6 hours: the episode resolves inside the snooze, silently, and the next one opening in it
    // (after the 6 h cooldown since the first fire) stays quiet too.
    const until = clock.now() + 6 * HOUR;
    const snoozed = await alerter.snooze(alertId!, until, 'bo');
    expect(snoozed.snoozedUntil).toBe(new Date(until).toISOString());
    await alerter.observe(check(clock, false));
    await alerter.observe(check(clock, false));
    expect((await alerter.observe(check(clock, false))).resolved).toBe(true);
    await alerter.observe(check(clock, true));
    const reopened = await alerter.observe(check(clock, true));
    expect(reopened.fired).toBe(true);
    await alerter.close();
    expect(events()).toEqual(['fired', 'escalated']);
    expect((await store.audit.list({ subjectKind: 'alert', subject: alertId! })).map((e) => [e.actor, e.action])).toEqual([['ana', 'alert.acknowledged'], ['bo', 'alert.snoozed']]);
    expect((await alerter.list({ state: 'firing' }))[0]).toMatchObject({ id: reopened.alertId, notifiedAt: null });
  });

  it('sends a firing held back by a snooze at the first drifted check after it', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const hook = await server();
    const { alerter } = setup(store, clock, { channels: { hook: { type: 'webhook', url: hook.url } }, delivery: FAST, policy: { cooldown: '1h', resolve_after: 3 } });
    await alerter.observe(check(clock, true));
    const first = await alerter.observe(check(clock, true));
    await alerter.snooze(first.alertId!, clock.now() + 10 * HOUR, 'ana');
    await alerter.observe(check(clock, false));
    await alerter.observe(check(clock, false));
    await alerter.observe(check(clock, false));
    await alerter.observe(check(clock, true));
    const second = await alerter.observe(check(clock, true));
    expect(second.fired).toBe(true);
    await alerter.observe(check(clock, true));
    await waitFor(() => hook.requests.length === 1, 5000, 'the first firing');
    clock.advance(10 * HOUR);
    await alerter.observe(check(clock, true));
    await waitFor(() => hook.requests.length === 2, 5000, 'the held firing');
    expect(JSON.parse(hook.requests[1]!.body)).toMatchObject({ event: 'fired', alert: { id: second.alertId } });
    expect((await alerter.list({ state: 'firing' }))[0]!.notifiedAt).toBe(new Date(clock.now()).toISOString());
  });

  it('muted columns do not count; unmuting restores them; the API checks its input', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const { alerter } = setup(store, clock, {});
    await alerter.mute('churn', 'tenure', 'ana');
    await alerter.mute('churn', 'contract', 'ana');
    await alerter.mute('fraud', 'amount', 'ana');
    expect((await alerter.mutes('churn')).map((m) => [m.column, m.createdBy])).toEqual([['contract', 'ana'], ['tenure', 'ana']]);
    for (let i = 0; i < 4; i++) expect((await alerter.observe(check(clock, true))).fired).toBe(false);
    await alerter.unmute('churn', 'contract', 'bo');
    expect((await alerter.observe(check(clock, true))).fired).toBe(false);
    expect((await alerter.observe(check(clock, true))).fired).toBe(true);
    expect((await failure(alerter.unmute('churn', 'contract', 'bo'))).code).toBe('NOT_FOUND');
    expect((await failure(alerter.acknowledge('nope', 'ana'))).code).toBe('NOT_FOUND');
    expect((await failure(alerter.acknowledge('999', 'ana'))).code).toBe('NOT_FOUND');
    expect((await failure(alerter.snooze('999', clock.now(), 'ana'))).code).toBe('NOT_FOUND');
    expect((await failure(alerter.mute('churn', '', 'ana'))).code).toBe('INVALID_ARGUMENT');
    expect((await failure(alerter.observe({ ...check(clock, true), kind: 'vibes' as 'dataset_drift' }))).code).toBe('INVALID_ARGUMENT');
    expect((await alerter.list({ model: 'churn' })).length).toBe(1);
    expect(await alerter.list({ model: 'fraud' })).toEqual([]);
    expect((await store.audit.list({ subject: 'churn' })).map((e) => [e.actor, e.action, e.details['column']])).toEqual([
      ['ana', 'alert.column_muted', 'tenure'], ['ana', 'alert.column_muted', 'contract'], ['bo', 'alert.column_unmuted', 'contract'],
    ]);
  });

  it('refuses to start when a channel secret is missing from the environment, naming the variable only', () => {
    const clock = manualClock(0);
    let caught: unknown;
    try {
      createAlerter({ store: {} as Store, clock, env: {}, config: { channels: { hook: { type: 'webhook', url: 'http://127.0.0.1:9/', secret_env: 'HOOK_SECRET' } } } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'CONFIG_INVALID', field: 'alerts.channels.hook.secret_env' });
    expect((caught as Error).message).toContain('HOOK_SECRET is not set');
  });

  it('two alerters on one store (two processes) open one alert per episode', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store, peer } = await backend.open(clock);
    const other = await peer();
    const hook = await server();
    const config: AlertsConfig = { channels: { hook: { type: 'webhook', url: hook.url } }, delivery: FAST };
    const a = setup(store, clock, config).alerter;
    const b = setup(other, clock, config).alerter;
    const results = [];
    for (let i = 0; i < 6; i++) {
      const s = check(clock, true);
      results.push(...(await Promise.all([a.observe(s), b.observe(s)])));
    }
    expect(results.filter((r) => r.fired)).toHaveLength(1);
    expect(await a.list()).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
    expect(hook.requests).toHaveLength(1);
  });
});

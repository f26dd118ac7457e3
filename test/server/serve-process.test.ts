/**
 * `driftwatch serve` as a process over real sockets, on SQLite and Postgres: start-up and the URL, the keyless
 * rule, graceful SIGTERM (in-flight requests finish, their rows committed), and the reliability test of issue
 * 11 §7 — SIGKILL under load, then every acknowledged row is in the store after a restart, none twice.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { describeEachBackend, type TestBackend } from '../helpers/store-backends.js';
import { churnRows, registerChurnModel } from './helpers.js';
import { postJson, spawnServe, startServe, type ServeChild } from './spawn-serve.js';

describeEachBackend('driftwatch serve', (backend: TestBackend) => {
  const children: ServeChild[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) {
      c.proc.kill('SIGKILL');
      await c.exited;
    }
  });

  const prepared = async () => {
    const opened = await backend.open();
    await registerChurnModel(opened.store, opened.home);
    await opened.store.close();
    const env = { DATABASE_URL: opened.url ?? '' };
    return { opened, env };
  };

  it('prints its URL, serves, and stops gracefully on SIGTERM with in-flight requests answered and committed', { timeout: 120_000 }, async () => {
    const { opened, env } = await prepared();
    const child = await startServe(['--home', opened.home, '--port', '0'], env);
    children.push(child);
    expect(child.stderr()).toMatch(/no API keys, so loopback only/);
    expect((await fetch(`${child.url}/health`)).status).toBe(200);
    const ready = await fetch(`${child.url}/ready`);
    expect(ready.status).toBe(200);
    // Logs are JSON lines on stdout, with the keyless warning.
    const rows = await churnRows(50);
    const inFlight = Array.from({ length: 40 }, (_, i) => postJson(`${child.url}/v1/models/churn/predict`, { rows: [rows[i % 50]] }));
    await new Promise((r) => setTimeout(r, 5));
    child.proc.kill('SIGTERM');
    const answers = await Promise.allSettled(inFlight);
    expect(await child.exited).toBe(0);
    const ok = answers.flatMap((a) => (a.status === 'fulfilled' && a.value.status === 200 ? [a.value.json] : []));
    // Requests that reached the server before it stopped accepting are answered; none fails half-way.
    for (const a of answers) if (a.status === 'fulfilled') expect([200, 503]).toContain(a.value.status);
    const store = await openStore({ home: opened.home, url: opened.url });
    try {
      const w = await store.predictions.readWindow('churn', {});
      const logged = new Set(w.predictionIds);
      for (const body of ok) for (const p of body['predictions'] as { prediction_id: string }[]) expect(logged.has(p.prediction_id)).toBe(true);
    } finally {
      await store.close();
    }
    expect(child.stderr()).toMatch(/SIGTERM: finishing in-flight requests/);
    const logLines = child.stdout().trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
    expect(logLines.some((l) => /no API keys are configured/.test(l.msg))).toBe(true);
    expect(logLines.some((l) => l.msg === 'Driftwatch stopped')).toBe(true);
  });

  it('refuses to listen beyond loopback without API keys (exit 2)', { timeout: 60_000 }, async () => {
    const { opened, env } = await prepared();
    const child = spawnServe(['--home', opened.home, '--port', '0', '--host', '0.0.0.0'], env);
    expect(await child.exited).toBe(2);
    expect(child.stderr()).toMatch(/refusing to listen on 0\.0\.0\.0 without API keys/);
  });

  it('keeps every acknowledged row through a SIGKILL under load, and none twice', { timeout: 180_000 }, async () => {
    const { opened, env } = await prepared();
    const child = await startServe(['--home', opened.home, '--port', '0'], env);
    children.push(child);
    const rows = await churnRows(200);
    const acknowledged: string[] = [];
    const ackBatches: { id: string; rows: number }[] = [];
    let stop = false;
    let batch = 0;
    const predictLoop = async () => {
      while (!stop) {
        const n = 1 + (acknowledged.length % 3);
        try {
          const r = await postJson(`${child.url}/v1/models/churn/predict`, { rows: rows.slice(0, n) });
          if (r.status === 200) for (const p of r.json['predictions'] as { prediction_id: string }[]) acknowledged.push(p.prediction_id);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const ingestLoop = async () => {
      while (!stop) {
        const id = `b-${batch++}`;
        try {
          const r = await postJson(`${child.url}/v1/models/churn/ingest`, { batch_id: id, rows: rows.slice(0, 100).map((x) => ({ ...x, prediction: 'No' })) });
          if (r.status === 200) ackBatches.push({ id, rows: 100 });
        } catch {
          return;
        }
      }
    };
    const loops = [...Array.from({ length: 12 }, predictLoop), ingestLoop(), ingestLoop()];
    while (acknowledged.length < 300 || ackBatches.length < 3) await new Promise((r) => setTimeout(r, 20));
    child.proc.kill('SIGKILL');
    stop = true;
    await Promise.all(loops);
    expect(await child.exited).toBe('SIGKILL');

    // Restart on the same store: it comes up, and every acknowledged row is there once.
    const again = await startServe(['--home', opened.home, '--port', '0'], env);
    children.push(again);
    expect((await fetch(`${again.url}/ready`)).status).toBe(200);
    const store = await openStore({ home: opened.home, url: opened.url });
    try {
      const w = await store.predictions.readWindow('churn', {});
      const counts = new Map<string, number>();
      for (const id of w.predictionIds) counts.set(id, (counts.get(id) ?? 0) + 1);
      expect([...counts.values()].every((c) => c === 1)).toBe(true);
      const missing = acknowledged.filter((id) => !counts.has(id));
      expect(missing).toEqual([]);
      // Ingested batches: acknowledged ones are stored, and a resend is a duplicate (stored once).
      for (const b of ackBatches.slice(0, 2)) {
        const r = await postJson(`${again.url}/v1/models/churn/ingest`, { batch_id: b.id, rows: rows.slice(0, 100).map((x) => ({ ...x, prediction: 'No' })) });
        expect(r.json['status']).toBe('duplicate');
      }
      expect(w.rowCount).toBeGreaterThanOrEqual(acknowledged.length + ackBatches.length * 100);
    } finally {
      await store.close();
    }
  });
});

describe('driftwatch serve --demo', () => {
  it('trains, registers and promotes the churn demo model, then serves it; a restart keeps version 1', { timeout: 180_000 }, async () => {
    const home = await mkdtemp(join(tmpdir(), 'driftwatch-demo-'));
    onTestFinished(() => rm(home, { recursive: true, force: true }));
    const opened = { home };
    const child = await startServe(['--home', opened.home, '--port', '0', '--demo'], {}, 150_000);
    try {
      expect(child.stderr()).toMatch(/demo model churn version 1 trained and promoted/);
      const rows = await churnRows(2);
      const r = await postJson(`${child.url}/v1/models/churn/predict`, { rows });
      expect(r.status).toBe(200);
      expect(r.json['model_version']).toBe(1);

      // The dashboard's demo buttons: drifted, labelled traffic and a check at once; then back to the start.
      const me = await fetch(`${child.url}/v1/me`).then((x) => x.json() as Promise<Record<string, unknown>>);
      expect(me['demo']).toBe(true);
      const simulated = await postJson(`${child.url}/v1/demo/simulate-drift`, {});
      expect(simulated.status).toBe(200);
      expect(simulated.json).toMatchObject({ rows: 600, drift: true });
      expect(simulated.json['report_id']).toEqual(expect.any(Number));
      const reset = await postJson(`${child.url}/v1/demo/reset`, {});
      expect(reset.status).toBe(200);
      expect(reset.json).toMatchObject({ production_version: 1 });
      expect(reset.json['deleted_rows']).toBeGreaterThanOrEqual(600);
      const audit = await fetch(`${child.url}/v1/audit?limit=50`).then((x) => x.json() as Promise<{ events: { action: string }[] }>);
      expect(audit.events.map((e) => e.action)).toEqual(expect.arrayContaining(['demo.drift_simulated', 'demo.reset']));
    } finally {
      child.proc.kill('SIGTERM');
      expect(await child.exited).toBe(0);
    }
    const again = await startServe(['--home', opened.home, '--port', '0', '--demo']);
    again.proc.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(again.stderr()).toMatch(/demo model churn version 1 already in production/);
  });
});

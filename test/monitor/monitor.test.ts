import { beforeAll, expect, it } from 'vitest';
import { createAlerter } from '../../src/alerts/index.js';
import { manualClock } from '../../src/core/clock.js';
import { createMonitor, type CheckSignal, type EventRecord, type MonitorConfig, type SignalObserver } from '../../src/monitor/index.js';
import { createRegistry } from '../../src/registry/index.js';
import type { Store } from '../../src/store/index.js';
import { resolvePipelineSettings, type TriggerReason } from '../../src/pipeline/index.js';
import { describeEachBackend } from '../helpers/store-backends.js';
import { churnTraffic, drifted, registerChurn, rowsOf, type ChurnTraffic } from './churn-traffic.js';

let traffic: ChurnTraffic;
beforeAll(async () => {
  traffic = await churnTraffic();
}, 60_000);

/** An observer that keeps what it was told (the alerts module's Alerter has the same `observe`). */
function recordingObserver(): SignalObserver & { signals: CheckSignal[] } {
  const signals: CheckSignal[] = [];
  return {
    signals,
    observe(s) {
      signals.push(s);
      return Promise.resolve({ fired: false, resolved: false });
    },
  };
}

function setup(store: Store, clock: ReturnType<typeof manualClock>, config: MonitorConfig = {}) {
  const registry = createRegistry(store);
  const alerter = recordingObserver();
  const retrain: { model: string; reasons: TriggerReason[] }[] = [];
  // F1 on a few hundred labelled rows moves by a few hundredths from sample to sample: the performance
  // trigger allows 0.2 here so that only the drift this test injects asks for retraining.
  const triggers = resolvePipelineSettings({ triggers: { performance: { metric: 'f1', max_drop: 0.2 } } }).triggers;
  const monitor = createMonitor({ store, registry, clock, alerter, config, triggers, requestRetraining: (model, reasons) => (retrain.push({ model, reasons }), Promise.resolve()) });
  const events: EventRecord[] = [];
  monitor.onEvent((e) => events.push(e));
  return { registry, alerter, retrain, monitor, events };
}

describeEachBackend('monitor', (backend) => {
  it('a stable window records no drift, a drifted one drift_started (once), stable again drift_ended', { timeout: 120_000 }, async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const { registry, alerter, retrain, monitor, events } = setup(store, clock);
    await registerChurn(registry, traffic);

    /** Logs rows; labels arrive later for the first 600 (realised performance is scored on them). */
    const logWithLabels = async (batchId: string, t: ReturnType<typeof rowsOf>) => {
      const logged = await monitor.logRows('churn', batchId, t.rows);
      await store.predictions.setLabels('churn', logged.predictionIds.slice(0, 600).map((id, i) => ({ predictionId: id, label: t.labels[i]! })));
    };
    await logWithLabels('stable-1', rowsOf(traffic.heldOut, 0, 1000));
    const first = await monitor.check('churn');
    expect(first.status).toBe('checked');
    expect(first.rows).toBe(1000);
    expect(first.labelled).toBe(600);
    expect(first.drift).toBe(false);
    expect(first.datasetDrift).toBe(false);
    expect(first.performance?.metric).toBe('f1');
    expect(first.performance?.current).toBeGreaterThan(0.3);
    expect(first.events.map((e) => e.kind)).toEqual(['check_completed']);
    const report = await store.reports.require(first.reportId!);
    expect(report.modelName).toBe('churn');
    expect((report.report as { model?: unknown }).model).toBeDefined();

    clock.advance(300_000);
    // The demo's drift (more month-to-month contracts, higher prices, bunched tenures) with its labels
    // arriving: 4 of 19 features drift (no dataset drift by the default share of 0.5), and so does the target.
    await logWithLabels('drifted-1', rowsOf(drifted(traffic.heldOut), 1000, 1000));
    const second = await monitor.check('churn');
    expect(second.drift).toBe(true);
    expect(second.targetDrift).toBe(true);
    expect(second.driftedColumns).toBeGreaterThanOrEqual(3);
    expect(second.events.map((e) => e.kind)).toEqual(['drift_started', 'retraining_requested', 'check_completed']);
    expect(retrain).toEqual([{ model: 'churn', reasons: expect.arrayContaining(['target_drift']) as TriggerReason[] }]);

    // Still drifted: no second drift_started, and retraining is not asked for again in the same episode.
    clock.advance(300_000);
    await logWithLabels('drifted-2', rowsOf(drifted(traffic.heldOut, 6), 2000, 1000));
    const third = await monitor.check('churn');
    expect(third.drift).toBe(true);
    expect(third.events.map((e) => e.kind)).toEqual(['check_completed']);
    expect(retrain).toHaveLength(1);

    clock.advance(300_000);
    await logWithLabels('stable-2', rowsOf(traffic.heldOut, 3000, 1000));
    const fourth = await monitor.check('churn');
    expect(fourth.drift).toBe(false);
    expect(fourth.events.map((e) => e.kind)).toEqual(['drift_ended', 'check_completed']);

    const stored = await store.events.list({ model: 'churn', kinds: ['drift_started', 'drift_ended'], order: 'asc' });
    expect(stored.map((e) => e.kind)).toEqual(['drift_started', 'drift_ended']);
    expect(events.filter((e) => e.kind !== 'check_completed').map((e) => e.kind)).toEqual(['drift_started', 'retraining_requested', 'drift_ended']);
    const targetSignals = alerter.signals.filter((s) => s.kind === 'target_drift');
    expect(targetSignals.map((s) => s.active)).toEqual([false, true, true, false]);
    const driftSignals = alerter.signals.filter((s) => s.kind === 'dataset_drift');
    expect(driftSignals).toHaveLength(4);
    expect(driftSignals[1]!.columns).toEqual(expect.arrayContaining(['contract', 'monthly_charges']));
    expect(alerter.signals.some((s) => s.kind === 'performance_drop')).toBe(true);
    expect((await store.reports.list({ modelName: 'churn' })).length).toBe(4);
    // Four checks, one baseline: read and prepared once.
    expect(monitor.diagnostics().baselinesPrepared).toBe(1);
  });

  it('the real alerter fires on the second drifted check (its default policy) and resolves when drift has gone', { timeout: 120_000 }, async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const registry = createRegistry(store);
    await registerChurn(registry, traffic);
    const alerter = createAlerter({ store, clock, config: {}, env: {} });
    const monitor = createMonitor({ store, registry, clock, alerter, config: {} });
    const log = async (batchId: string, t: ReturnType<typeof rowsOf>) => {
      const logged = await monitor.logRows('churn', batchId, t.rows);
      await store.predictions.setLabels('churn', logged.predictionIds.slice(0, 600).map((id, i) => ({ predictionId: id, label: t.labels[i]! })));
    };
    const checkAfter = async (batchId: string, t: ReturnType<typeof rowsOf>) => {
      clock.advance(3_600_000);
      await log(batchId, t);
      return monitor.check('churn');
    };
    await checkAfter('s1', rowsOf(traffic.heldOut, 0, 1000));
    expect(await alerter.list({ model: 'churn' })).toEqual([]);
    await checkAfter('d1', rowsOf(drifted(traffic.heldOut), 1000, 1000));
    expect(await alerter.list({ model: 'churn', state: 'firing' })).toEqual([]);
    await checkAfter('d2', rowsOf(drifted(traffic.heldOut, 6), 2000, 1000));
    const firing = await alerter.list({ model: 'churn', state: 'firing' });
    expect(firing.map((a) => a.kind)).toContain('target_drift');
    // Back to stable: the episode ends after enough quiet checks.
    for (let k = 0; k < 8; k++) await checkAfter(`s${k + 2}`, rowsOf(traffic.heldOut, 3000, 1000));
    expect((await alerter.list({ model: 'churn', state: 'firing' })).map((a) => a.kind)).not.toContain('target_drift');
    await alerter.close();
  });

  it('loads a 100,000-row window as a Table, numeric and categorical columns in their kinds', { timeout: 60_000 }, async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const { registry, monitor } = setup(store, clock);
    await registerChurn(registry, traffic);
    const { rows } = rowsOf(traffic.heldOut, 0, 4000);
    for (let b = 0; b < 25; b++) await store.predictions.insertBatch('churn', `b${b}`, rows);
    // How fast: npm run bench:serve (timed tests flake on shared machines).
    const table = await monitor.window('churn', { last: 100_000 });
    expect(table.rowCount).toBe(100_000);
    expect(table.column('monthly_charges')!.storage).toBe('numeric');
    expect(table.column('contract')!.storage).toBe('categorical');
  });

  it('training data: the labelled rows in the baseline\'s columns and kinds, with the label, and nothing logged besides', { timeout: 60_000 }, async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const { registry, monitor } = setup(store, clock);
    await registerChurn(registry, traffic);
    const t = rowsOf(traffic.heldOut, 0, 300);
    const logged = await monitor.logRows('churn', null, t.rows);
    await store.predictions.setLabels('churn', logged.predictionIds.slice(0, 120).map((id, i) => ({ predictionId: id, label: t.labels[i]! })));
    const table = await monitor.trainingTable('churn');
    expect(table.rowCount).toBe(120);
    expect(table.names).toEqual(traffic.reference.names);
    for (const c of table.columns) expect([c.name, c.storage, c.kind]).toEqual([c.name, traffic.reference.column(c.name)!.storage, traffic.reference.column(c.name)!.kind]);
    const label = table.column('churn')!;
    expect(label.storage === 'categorical' && Array.from(label.codes, (k) => label.dictionary[k])).toEqual(t.labels.slice(0, 120));
  });
});

describeEachBackend('monitor schedule, retention, redaction', (backend) => {
  it('the schedule checks each production model every interval_s, one check at a time', { timeout: 60_000 }, async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const { registry, monitor } = setup(store, clock, { interval_s: 300 });
    expect(await monitor.tick()).toEqual([]);
    await registerChurn(registry, traffic);
    await monitor.logRows('churn', null, rowsOf(traffic.heldOut, 0, 200).rows);
    expect((await monitor.tick()).map((r) => r.status)).toEqual(['checked']);
    // Not due again until the interval has passed on the clock.
    expect(await monitor.tick()).toEqual([]);
    clock.advance(299_000);
    expect(await monitor.tick()).toEqual([]);
    clock.advance(1000);
    expect(await monitor.tick()).toHaveLength(1);

    // The timer: with the clock moved on, the running schedule picks the model up by itself.
    const schedule = monitor.startSchedule();
    clock.advance(300_000);
    const deadline = Date.now() + 20_000;
    while ((await store.events.list({ model: 'churn', kinds: ['check_completed'] })).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await schedule.stop();
    expect(await store.events.list({ model: 'churn', kinds: ['check_completed'] })).toHaveLength(3);
    // Two checks asked for at once run one after the other.
    const [a, b] = await Promise.all([monitor.check('churn'), monitor.check('churn')]);
    expect(b.reportId).toBeGreaterThan(a.reportId!);
  });

  it('realised performance per day from logged predictions and the labels that arrived', async () => {
    const clock = manualClock('2026-12-01T10:00:00Z');
    const { store } = await backend.open(clock);
    const { registry, monitor } = setup(store, clock);
    await registerChurn(registry, traffic);
    const day = 86_400_000;
    const t0 = Date.parse('2026-12-01T00:00:00Z');
    // Day 1: 4 rows, 3 labelled, 2 right. Day 2: 2 rows, none labelled. Day 3: 2 rows, both right.
    const batch = (ts: number[], prediction: string[]) => store.predictions.insertColumns('churn', null, { rowCount: ts.length, features: { tenure: ts.map(() => 1) }, tsMs: ts, prediction });
    const d1 = await batch([t0 + 1000, t0 + 2000, t0 + 3000, t0 + 4000], ['Yes', 'No', 'Yes', 'No']);
    await batch([t0 + day + 5, t0 + day + 6], ['No', 'No']);
    const d3 = await batch([t0 + 2 * day, t0 + 2 * day + 1], ['Yes', 'No']);
    await store.predictions.setLabels('churn', [
      { predictionId: d1.predictionIds[0]!, label: 'Yes' }, { predictionId: d1.predictionIds[1]!, label: 'Yes' }, { predictionId: d1.predictionIds[2]!, label: 'Yes' },
      { predictionId: d3.predictionIds[0]!, label: 'Yes' }, { predictionId: d3.predictionIds[1]!, label: 'No' },
    ]);
    clock.set(t0 + 2 * day + 3_600_000);
    const windows = await monitor.performance('churn', { bucket: 'day', fromMs: t0 });
    expect(windows.map((w) => [w.start, w.rows, w.labelled])).toEqual([['2026-12-01T00:00:00.000Z', 4, 3], ['2026-12-02T00:00:00.000Z', 2, 0], ['2026-12-03T00:00:00.000Z', 2, 2]]);
    // Churn's positive class is Yes: precision 1, recall 2/3 on day 1.
    expect(windows[0]!.metrics['accuracy']).toBeCloseTo(2 / 3, 12);
    expect(windows[0]!.metrics['precision']).toBe(1);
    expect(windows[0]!.metrics['recall']).toBeCloseTo(2 / 3, 12);
    expect(windows[1]!.metrics).toEqual({});
    expect(windows[2]!.metrics['f1']).toBe(1);
  });

  it('a time window holds the rows stamped in the last hour, whenever they arrived', { timeout: 60_000 }, async () => {
    const clock = manualClock('2026-12-01T12:00:00Z');
    const { store } = await backend.open(clock);
    const { registry, monitor } = setup(store, clock, { window: { kind: 'hour', size: 1 } });
    await registerChurn(registry, traffic);
    const now = clock.now();
    const at = (ts: number) => (r: ReturnType<typeof rowsOf>['rows'][number]) => ({ ...r, tsMs: ts });
    await monitor.logRows('churn', 'late', rowsOf(traffic.heldOut, 0, 100).rows.map(at(now - 2 * 3_600_000)));
    await monitor.logRows('churn', 'recent', rowsOf(traffic.heldOut, 100, 60).rows.map(at(now - 600_000)));
    await monitor.logRows('churn', 'older-but-sent-last', rowsOf(traffic.heldOut, 160, 30).rows.map(at(now - 3 * 3_600_000)));
    const table = await monitor.window('churn');
    expect(table.rowCount).toBe(60);
    expect(table.column('_timestamp')!.kind).toBe('datetime');
    const result = await monitor.check('churn');
    expect(result.rows).toBe(60);
    expect(result.windowStart).toBe(new Date(now - 600_000).toISOString());
  });

  it('retention prunes logged rows by age and count', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const { monitor } = setup(store, clock, { retention: { max_age_days: 7, max_rows: 200 } });
    const { rows } = rowsOf(traffic.heldOut, 0, 100);
    await monitor.logRows('churn', 'old', rows);
    clock.advance(8 * 86_400_000);
    for (const id of ['a', 'b', 'c']) await monitor.logRows('churn', id, rows);
    expect(await store.predictions.count('churn')).toBe(400);
    // The week-old batch goes by age; then batches go oldest first while 200 newer rows remain.
    expect(await monitor.prune()).toEqual({ rows: 200 });
    expect(await store.predictions.count('churn')).toBe(200);
    expect((await monitor.logRows('churn', 'old', rows)).status).toBe('duplicate');
  });

  it('redacted features are stored hashed (salted, per store) and still compared with the hashed reference', { timeout: 60_000 }, async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const { registry, monitor } = setup(store, clock, { redact: ['payment_method'] });
    await registerChurn(registry, traffic);
    const { rows } = rowsOf(traffic.heldOut, 0, 500);
    await monitor.logRows('churn', null, rows);
    await monitor.logColumns('churn', null, { rowCount: 2, features: { payment_method: ['Mailed check', null], tenure: [1, 2] } });
    const w = await store.predictions.readWindow('churn', { last: 502 });
    const stored = w.features.get('payment_method')!;
    const values = Array.from({ length: 502 }, (_, i) => (stored.kind === 'dict' && stored.codes[i]! >= 0 ? stored.dict[stored.codes[i]!] : null));
    const original = rows.map((r) => r.features['payment_method']);
    expect(values.every((v, i) => (i < 500 ? typeof v === 'string' && /^[0-9a-f]{16}$/.test(v) : true))).toBe(true);
    expect(values.slice(0, 500)).not.toContain('Mailed check');
    // Same value, same hash (both logging paths); a missing value stays missing.
    const mailed = original.indexOf('Mailed check');
    expect(values[500]).toBe(values[mailed]);
    expect(values[501]).toBe(null);
    expect(new Set(values.slice(0, 500)).size).toBe(new Set(original).size);
    // The salt is the store's: another monitor on the same store hashes alike.
    const salt = await store.settings.get('redaction_salt');
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    const again = createMonitor({ store, registry, clock, config: { redact: ['payment_method'] } });
    expect((await again.redactor()).hash('Mailed check')).toBe(values[mailed]);
    const result = await monitor.check('churn');
    expect(result.status).toBe('checked');
    const report = (await store.reports.require(result.reportId!)).report as { columns: { name: string; drifted: boolean }[]; notes: string[] };
    expect(report.columns.find((c) => c.name === 'payment_method')?.drifted).toBe(false);
    expect(report.notes.join(' ')).toMatch(/redacted/);
  });
});

import { expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { describeEachBackend } from '../helpers/store-backends.js';
import { failure } from '../helpers/table-cells.js';

describeEachBackend('alert repository', (backend) => {
  it('opens, updates, acknowledges, snoozes and lists alerts newest first', async () => {
    const clock = manualClock('2026-12-01T10:00:00Z');
    const { store } = await backend.open(clock);
    const at = clock.now();
    const a = await store.alerts.create({ modelName: 'churn', kind: 'dataset_drift', severity: 'MEDIUM', summary: 'drift in 9 of 19 columns', reportId: '7', columns: ['tenure', 'contract'], details: { drift_share: 0.47 }, atMs: at, notifiedAtMs: at });
    expect(a).toMatchObject({ modelName: 'churn', kind: 'dataset_drift', state: 'firing', severity: 'MEDIUM', reportId: '7', columns: ['tenure', 'contract'], details: { drift_share: 0.47 }, openedAt: '2026-12-01T10:00:00.000Z', notifiedAt: '2026-12-01T10:00:00.000Z', resolvedAt: null, acknowledgedBy: null });
    // One firing alert per model and kind: a second is refused by the database itself.
    expect((await failure(store.alerts.create({ modelName: 'churn', kind: 'dataset_drift', severity: 'LOW', summary: 'x', atMs: at, notifiedAtMs: null }))).code).toBe('CONFLICT');
    const other = await store.alerts.create({ modelName: 'churn', kind: 'target_drift', severity: 'HIGH', summary: 'churn rate moved', atMs: at, notifiedAtMs: null, snoozedUntilMs: at + 1000 });
    expect(other.notifiedAt).toBeNull();
    expect(other.snoozedUntil).toBe('2026-12-01T10:00:01.000Z');

    clock.advance(3_600_000);
    const acked = await store.alerts.acknowledge(a.id, 'ana', 'looking into it');
    expect(acked).toMatchObject({ acknowledgedBy: 'ana', acknowledgedAt: '2026-12-01T11:00:00.000Z', ackComment: 'looking into it' });
    const snoozed = await store.alerts.snooze(a.id, Date.parse('2026-12-02T00:00:00Z'), 'bo');
    expect(snoozed).toMatchObject({ snoozedUntil: '2026-12-02T00:00:00.000Z', snoozedBy: 'bo' });
    const resolved = await store.alerts.update(a.id, { state: 'resolved', resolvedAtMs: clock.now(), severity: 'HIGH', lastSignalAtMs: clock.now() });
    expect(resolved).toMatchObject({ state: 'resolved', severity: 'HIGH', resolvedAt: '2026-12-01T11:00:00.000Z', lastSignalAt: '2026-12-01T11:00:00.000Z' });
    // Once resolved, a new episode may open.
    const next = await store.alerts.create({ modelName: 'churn', kind: 'dataset_drift', severity: 'LOW', summary: 'again', atMs: clock.now(), notifiedAtMs: clock.now() });

    expect((await store.alerts.list()).map((x) => x.id)).toEqual([next.id, other.id, a.id]);
    expect((await store.alerts.list({ state: 'firing' })).map((x) => x.id)).toEqual([next.id, other.id]);
    expect((await store.alerts.list({ modelName: 'churn', kind: 'target_drift' })).map((x) => x.id)).toEqual([other.id]);
    expect((await store.alerts.list({ modelName: 'fraud' }))).toEqual([]);
    expect((await store.alerts.list({ limit: 1 })).map((x) => x.id)).toEqual([next.id]);
    for (const e of [await failure(store.alerts.require(9999)), await failure(store.alerts.acknowledge(9999, 'ana')), await failure(store.alerts.snooze(9999, 0, 'ana'))]) {
      expect(e.code).toBe('NOT_FOUND');
    }
  });

  it('keeps the streak state durable, and refuses a write based on a stale read', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store, reopen } = await backend.open(clock);
    const zero = await store.alerts.streak('churn', 'dataset_drift');
    expect(zero).toMatchObject({ activeStreak: 0, quietStreak: 0, openAlertId: null, lastFiredAtMs: null, version: 0 });
    const state = { modelName: 'churn', kind: 'dataset_drift', activeStreak: 1, quietStreak: 0, openAlertId: null, lastFiredAtMs: null, snoozedUntilMs: null, lastSignalAtMs: clock.now() };
    expect(await store.alerts.saveStreak(state, 0)).toBe(true);
    // A second writer that also read "never written" loses.
    expect(await store.alerts.saveStreak({ ...state, activeStreak: 5 }, 0)).toBe(false);
    const a = await store.alerts.create({ modelName: 'churn', kind: 'dataset_drift', severity: 'LOW', summary: 's', atMs: clock.now(), notifiedAtMs: clock.now() });
    expect(await store.alerts.saveStreak({ ...state, activeStreak: 2, openAlertId: a.id, lastFiredAtMs: clock.now(), snoozedUntilMs: clock.now() + 5 }, 1)).toBe(true);
    expect(await store.alerts.saveStreak({ ...state, activeStreak: 9 }, 1)).toBe(false);
    const again = await reopen();
    expect(await again.alerts.streak('churn', 'dataset_drift')).toEqual({ ...state, activeStreak: 2, openAlertId: a.id, lastFiredAtMs: clock.now(), snoozedUntilMs: clock.now() + 5, version: 2 });
    expect((await again.alerts.streak('churn', 'target_drift')).version).toBe(0);
  });

  it('records every delivery attempt and lists them newest first', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const a = await store.alerts.create({ modelName: 'churn', kind: 'dataset_drift', severity: 'LOW', summary: 's', atMs: clock.now(), notifiedAtMs: clock.now() });
    const first = await store.alerts.recordDelivery({ alertId: a.id, channel: 'hook', event: 'fired', attempt: 1, outcome: 'failed', httpStatus: 500, error: 'HTTP 500', durationMs: 12.4 });
    clock.advance(1000);
    const second = await store.alerts.recordDelivery({ alertId: a.id, channel: 'hook', event: 'fired', attempt: 2, outcome: 'ok', httpStatus: 200, durationMs: 3 });
    expect(first).toMatchObject({ alertId: a.id, channel: 'hook', event: 'fired', attempt: 1, outcome: 'failed', httpStatus: 500, error: 'HTTP 500', durationMs: 12, at: '2026-12-01T00:00:00.000Z' });
    expect(second).toMatchObject({ attempt: 2, outcome: 'ok', error: null, at: '2026-12-01T00:00:01.000Z' });
    expect((await store.alerts.deliveries({ alertId: a.id })).map((d) => d.attempt)).toEqual([2, 1]);
    expect((await store.alerts.deliveries({ alertId: a.id + 1 }))).toEqual([]);
    expect((await store.alerts.deliveries({ limit: 1 })).map((d) => d.id)).toEqual([second.id]);
  });

  it('mutes a column once, lists mutes per model and unmutes', async () => {
    const { store } = await backend.open(manualClock('2026-12-01T00:00:00Z'));
    const m = await store.alerts.mute('churn', 'tenure', 'ana');
    expect(m).toEqual({ modelName: 'churn', column: 'tenure', createdAt: '2026-12-01T00:00:00.000Z', createdBy: 'ana' });
    expect((await store.alerts.mute('churn', 'tenure', 'bo')).createdBy).toBe('ana');
    await store.alerts.mute('churn', 'contract', 'ana');
    await store.alerts.mute('fraud', 'amount', 'ana');
    expect((await store.alerts.mutes('churn')).map((x) => x.column)).toEqual(['contract', 'tenure']);
    expect((await store.alerts.mutes()).length).toBe(3);
    expect(await store.alerts.unmute('churn', 'tenure')).toBe(true);
    expect(await store.alerts.unmute('churn', 'tenure')).toBe(false);
    expect((await store.alerts.mutes('churn')).map((x) => x.column)).toEqual(['contract']);
  });
});

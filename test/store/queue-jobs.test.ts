/**
 * The embedded queue's repository on its own, on a clock the test moves: claims, leases, retries, dedupe and
 * clean-up, on SQLite and Postgres. (test/queue/queue.test.ts runs the queue built on it in real time.)
 */
import { expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { describeEachBackend } from '../helpers/store-backends.js';

describeEachBackend('queue jobs', (backend) => {
  it('claims due jobs oldest first, each for one token, and renews, completes and fails only for that token', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const q = store.queueJobs;
    const base = { queue: 'q', maxAttempts: 2, backoffMs: 1000 };
    const a = (await q.enqueue({ ...base, kind: 'k', payload: { n: 1 } })).job;
    clock.advance(1);
    const b = (await q.enqueue({ ...base, kind: 'k', payload: { n: 2 } })).job;
    const later = (await q.enqueue({ ...base, kind: 'k', payload: {}, delayMs: 5000 })).job;
    await q.enqueue({ ...base, queue: 'other', kind: 'k', payload: {} });
    await q.enqueue({ ...base, kind: 'unhandled', payload: {} });
    expect(later.state).toBe('delayed');
    expect(await q.counts('q')).toEqual({ waiting: 3, delayed: 1, active: 0, completed: 0, failed: 0 });

    const first = await q.claim('q', ['k'], 't1', 10_000);
    expect(first).toMatchObject({ id: a.id, state: 'active', attempts: 1, lockedBy: 't1', payload: { n: 1 } });
    expect((await q.claim('q', ['k'], 't2', 10_000))?.id).toBe(b.id);
    expect(await q.claim('q', ['k'], 't3', 10_000)).toBeUndefined();
    expect(await q.claim('q', [], 't3', 10_000)).toBeUndefined();

    expect(await q.renew(a.id, 't2', 10_000)).toBe(false);
    expect(await q.complete(a.id, 't2', 'stolen')).toBe(false);
    expect(await q.renew(a.id, 't1', 10_000)).toBe(true);
    expect(await q.complete(a.id, 't1', { ok: true })).toBe(true);
    expect(await q.get('q', a.id)).toMatchObject({ state: 'completed', result: { ok: true }, lockedBy: null, finishedAt: '2026-12-01T00:00:00.001Z' });
    expect(await q.get('other', a.id)).toBeUndefined();

    // A failed attempt waits backoff × 2^(attempt-1), then the last one fails the job.
    const retry = await q.fail(b.id, 't2', 'boom');
    expect(retry).toMatchObject({ state: 'delayed', attempts: 1, lastError: 'boom', runAt: '2026-12-01T00:00:01.001Z' });
    clock.advance(999);
    expect(await q.claim('q', ['k'], 't4', 10_000)).toBeUndefined();
    clock.advance(1);
    expect((await q.get('q', b.id))?.state).toBe('waiting');
    expect(await q.claim('q', ['k'], 't4', 10_000)).toMatchObject({ id: b.id, attempts: 2 });
    expect(await q.fail(b.id, 't4', 'boom again')).toMatchObject({ state: 'failed', attempts: 2, lastError: 'boom again' });
    expect(await q.fail(b.id, 't4', 'once more')).toBeUndefined();
  });

  it('makes a job claimable again when its lease passes, and fails it once its attempts are used up that way', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const q = store.queueJobs;
    const { job } = await q.enqueue({ queue: 'q', kind: 'k', payload: {}, maxAttempts: 2, backoffMs: 0 });
    await q.claim('q', ['k'], 'dead-1', 1000);
    clock.advance(1000);
    expect(await q.claim('q', ['k'], 'alive', 1000)).toBeUndefined();
    clock.advance(1);
    expect(await q.claim('q', ['k'], 'dead-2', 1000)).toMatchObject({ id: job.id, attempts: 2, lockedBy: 'dead-2' });
    expect(await q.renew(job.id, 'dead-1', 1000)).toBe(false);
    clock.advance(1001);
    // Its second and last attempt died too: the claim fails it instead of running a third.
    expect(await q.claim('q', ['k'], 'alive', 1000)).toBeUndefined();
    expect(await q.get('q', job.id)).toMatchObject({ state: 'failed', attempts: 2, lastError: 'its consumer stopped (the lease passed) during attempt 2 of 2' });
  });

  it('releases a job without counting the attempt, keeps one unfinished job per dedupe key, and deletes old finished jobs', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const q = store.queueJobs;
    const base = { queue: 'q', kind: 'k', payload: {}, maxAttempts: 3, backoffMs: 0, dedupeKey: 'retrain:churn' };
    const first = await q.enqueue(base);
    expect(first.created).toBe(true);
    expect(await q.enqueue({ ...base, payload: { other: true } })).toMatchObject({ created: false, job: { id: first.job.id, payload: {} } });
    expect((await q.enqueue({ ...base, queue: 'q2' })).created).toBe(true);
    await q.claim('q', ['k'], 't', 1000);
    expect((await q.enqueue(base)).created).toBe(false);
    expect(await q.release(first.job.id, 't')).toBe(true);
    expect(await q.get('q', first.job.id)).toMatchObject({ state: 'waiting', attempts: 0, lockedBy: null });
    await q.claim('q', ['k'], 't2', 1000);
    await q.complete(first.job.id, 't2', null);
    const second = await q.enqueue(base);
    expect(second.created).toBe(true);
    await q.claim('q', ['k'], 't3', 1000);
    await q.fail(second.job.id, 't3', 'x');
    await q.claim('q', ['k'], 't3', 1000);
    await q.fail(second.job.id, 't3', 'x');
    await q.claim('q', ['k'], 't3', 1000);
    expect((await q.fail(second.job.id, 't3', 'x'))?.state).toBe('failed');
    clock.advance(2 * 24 * 3600_000);
    expect(await q.deleteFinished('q', { completedBeforeMs: clock.now() - 24 * 3600_000, failedBeforeMs: clock.now() - 7 * 24 * 3600_000 })).toBe(1);
    expect(await q.get('q', first.job.id)).toBeUndefined();
    expect((await q.get('q', second.job.id))?.state).toBe('failed');
    expect(await q.counts('q2')).toMatchObject({ waiting: 1 });
  });
});

/**
 * What only the embedded queue does: a consumer that loses its lease (it stalled past it and another consumer
 * took the job) is told through its signal and records nothing. On clocks the test sets, SQLite and Postgres.
 */
import { expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { isDriftwatchError } from '../../src/core/index.js';
import { openQueue } from '../../src/queue/index.js';
import { describeEachBackend } from '../helpers/store-backends.js';

describeEachBackend('embedded queue', (backend) => {
  it('aborts a handler whose lease another consumer took over, and keeps its outcome out of the job', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store, reopen } = await backend.open(clock);
    const queue = await openQueue({ store, prefix: 'lease_test', leaseMs: 300, pollMs: 20 });
    const errors: unknown[] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let reason: unknown;
    const consumer = queue.consume(
      {
        k: async ({ signal }) => {
          started();
          await new Promise((resolve) => signal.addEventListener('abort', resolve));
          reason = signal.reason;
          return 'too late';
        },
      },
      { onError: (e) => errors.push(e) },
    );
    const { id } = await queue.enqueue('k', {});
    await running;
    // Another process whose clock is past the lease (this one's renewals extend it from a clock that stands
    // still) takes the job over.
    const thief = await reopen(manualClock('2026-12-01T00:00:10Z'));
    const stolen = await thief.queueJobs.claim('lease_test', ['k'], 'thief', 60_000);
    expect(stolen).toMatchObject({ id: Number(id), attempts: 2, lockedBy: 'thief' });
    for (let i = 0; i < 250 && reason === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(isDriftwatchError(reason) && reason.code).toBe('CONFLICT');
    await consumer.stop();
    expect(await queue.get(id)).toMatchObject({ state: 'active', attempts: 2 });
    expect(errors.some((e) => isDriftwatchError(e) && /lost its lease/.test(e.message))).toBe(true);
    await queue.close();
  });
});

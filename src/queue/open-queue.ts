/**
 * Picks the queue: BullMQ when a Redis URL is given (REDIS_URL), else the embedded durable queue in the
 * store's database. The one place that decides; everything else sees a `JobQueue`.
 */
import type { Clock } from '../core/index.js';
import { DriftwatchError } from '../core/index.js';
import type { Store } from '../store/index.js';
import { embeddedQueue } from './embedded-queue.js';
import { DEFAULT_QUEUE_PREFIX, type JobQueue } from './types.js';

export interface OpenQueueOptions {
  readonly store: Store;
  /** redis:// or rediss:// URL: jobs go through BullMQ on it. Absent or empty: the embedded queue. */
  readonly redisUrl?: string | undefined;
  /** The queue's name, and on Redis its key prefix (default "driftwatch"). */
  readonly prefix?: string | undefined;
  /**
   * Accepted for symmetry with the other modules. Job times of the embedded queue come from the store's clock
   * (they are written with every other record); BullMQ keeps time in Redis and its workers.
   */
  readonly clock?: Clock | undefined;
  /** A consumer's lease on a job (default 30 s): how soon the job of a process that died runs again. */
  readonly leaseMs?: number | undefined;
  /** How often an idle embedded consumer polls (default 200 ms). */
  readonly pollMs?: number | undefined;
  /** BullMQ only: how often workers look for stalled jobs (default: the lease). */
  readonly stalledIntervalMs?: number | undefined;
  /** Errors of the queue's connection (Redis lost and being retried); consumers take their own. */
  readonly onError?: ((error: unknown) => void) | undefined;
}

export async function openQueue(opts: OpenQueueOptions): Promise<JobQueue> {
  const prefix = opts.prefix ?? DEFAULT_QUEUE_PREFIX;
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(prefix)) {
    throw new DriftwatchError('INVALID_ARGUMENT', `the queue prefix must be letters, digits, "_", "." or "-" (at most 100), not "${prefix}"`, { field: 'prefix' });
  }
  for (const [field, value] of [['leaseMs', opts.leaseMs], ['pollMs', opts.pollMs], ['stalledIntervalMs', opts.stalledIntervalMs]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 10)) throw new DriftwatchError('INVALID_ARGUMENT', `the queue's ${field} must be at least 10 ms, not ${value}`, { field });
  }
  const redisUrl = opts.redisUrl?.trim();
  if (redisUrl === undefined || redisUrl === '') {
    return embeddedQueue({ store: opts.store, name: prefix, ...(opts.leaseMs === undefined ? {} : { leaseMs: opts.leaseMs }), ...(opts.pollMs === undefined ? {} : { pollMs: opts.pollMs }) });
  }
  if (!/^rediss?:\/\//i.test(redisUrl)) {
    throw new DriftwatchError('INVALID_ARGUMENT', `REDIS_URL must start with redis:// or rediss:// (or be unset for the embedded queue), not "${redisUrl.split(':')[0]}:…"`, { field: 'REDIS_URL' });
  }
  // Loaded only here: a process on the embedded queue never loads BullMQ.
  const { bullmqQueue } = await import('./bullmq-queue.js');
  return bullmqQueue({
    url: redisUrl,
    prefix,
    ...(opts.leaseMs === undefined ? {} : { leaseMs: opts.leaseMs }),
    ...(opts.stalledIntervalMs === undefined ? {} : { stalledIntervalMs: opts.stalledIntervalMs }),
    ...(opts.onError === undefined ? {} : { onError: opts.onError }),
  });
}

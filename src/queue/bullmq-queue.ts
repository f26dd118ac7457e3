/**
 * The job queue on BullMQ over Redis, for several API and worker processes on several machines. One BullMQ
 * queue (`jobs`, under the key prefix) holds every kind; the kind is the BullMQ job name. A dedupe key is
 * BullMQ's deduplication id, which lasts until the job completes or fails; each job gets its own id here, so
 * an enqueue that returns another id met a duplicate. A worker that dies leaves its job's lock to expire;
 * BullMQ's stalled-job check then moves the job back to wait, and another worker runs it.
 */
import { randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { DriftwatchError } from '../core/index.js';
import { connectRedis, REDIS_COMMAND_TIMEOUT_MS, unavailable, withTimeout, type RedisClient } from './redis-connection.js';
import {
  checkedEnqueueOptions,
  DEFAULT_GRACE_MS,
  type JobHandler,
  type JobPayload,
  type JobQueue,
  type JobState,
  type QueueConsumer,
  type QueuedJob,
} from './types.js';

export interface BullmqQueueOptions {
  readonly url: string;
  /** The Redis key prefix: queues of different prefixes on one Redis do not see each other's jobs. */
  readonly prefix: string;
  /** A worker's lock on a job (default 30 s), renewed at half of it; a dead worker's job is stalled after it. */
  readonly leaseMs?: number;
  /** How often workers look for stalled jobs (default: the lease). */
  readonly stalledIntervalMs?: number;
  /** How often a job may stall (its worker died) and be run again before it fails (default 2). */
  readonly maxStalledCount?: number;
  /** Errors of the connection itself (Redis lost and being retried). */
  readonly onError?: (error: unknown) => void;
}

const QUEUE_NAME = 'jobs';
/** Finished jobs are kept this long for `get` (and then removed by BullMQ). */
const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 10_000 };
const KEEP_FAILED = { age: 30 * 24 * 3600, count: 10_000 };

const STATE_OF: Readonly<Record<string, JobState>> = {
  waiting: 'waiting',
  prioritized: 'waiting',
  'waiting-children': 'waiting',
  delayed: 'delayed',
  active: 'active',
  completed: 'completed',
  failed: 'failed',
};

export async function bullmqQueue(options: BullmqQueueOptions): Promise<JobQueue> {
  const { url, prefix } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const onError = options.onError ?? (() => undefined);
  const producer = await connectRedis(url, 'producer', onError);
  // BullMQ types the connection as its own client interface; an ioredis instance is what it expects.
  const queue = new Queue(QUEUE_NAME, { connection: producer as unknown as ConnectionOptions, prefix });
  queue.on('error', (e: unknown) => onError(unavailable(url, e)));
  const consumers = new Set<QueueConsumer>();
  let closed = false;

  /** Runs a Redis call, failing at once with UNAVAILABLE while the connection is down, or after a timeout. */
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    if (closed) throw new DriftwatchError('UNAVAILABLE', `the job queue "${prefix}" is closed`);
    if (producer.status !== 'ready') throw unavailable(url, new Error(`connection ${producer.status}`));
    try {
      return await withTimeout(fn(), REDIS_COMMAND_TIMEOUT_MS, `${what}: no answer within ${REDIS_COMMAND_TIMEOUT_MS} ms`);
    } catch (e) {
      throw unavailable(url, e);
    }
  };

  const toJob = (job: Job, state: JobState): QueuedJob => {
    return {
      id: job.id!,
      kind: job.name,
      payload: job.data as JobPayload,
      state,
      attempts: job.attemptsStarted,
      ...(job.failedReason === undefined || job.failedReason === null || job.failedReason === '' ? {} : { error: job.failedReason }),
      ...(state === 'completed' && job.returnvalue !== undefined && job.returnvalue !== null ? { result: job.returnvalue as unknown } : {}),
      createdAt: new Date(job.timestamp).toISOString(),
      ...(typeof job.finishedOn === 'number' && (state === 'completed' || state === 'failed') ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
    };
  };

  return {
    backend: 'bullmq',
    async enqueue(kind, payload, opts = {}) {
      const { attempts, backoffMs, delayMs } = checkedEnqueueOptions(opts);
      const jobId = randomUUID();
      const job = await call('enqueue', () =>
        queue.add(kind, payload, {
          jobId,
          attempts,
          backoff: { type: 'exponential', delay: backoffMs },
          ...(delayMs > 0 ? { delay: delayMs } : {}),
          ...(opts.dedupeKey === undefined ? {} : { deduplication: { id: opts.dedupeKey } }),
          removeOnComplete: KEEP_COMPLETED,
          removeOnFail: KEEP_FAILED,
        }),
      );
      return { id: job.id!, duplicate: job.id !== jobId };
    },
    consume(handlers, opts = {}) {
      if (closed) throw new DriftwatchError('UNAVAILABLE', `the job queue "${prefix}" is closed`);
      const consumer = startWorker({ url, prefix, leaseMs, options, handlers, concurrency: opts.concurrency ?? 1, graceMs: opts.graceMs ?? DEFAULT_GRACE_MS, onError: opts.onError ?? onError });
      consumers.add(consumer);
      return {
        async stop() {
          await consumer.stop();
          consumers.delete(consumer);
        },
      };
    },
    async get(id) {
      // The state first, then the job's data: read the other way round, a job finishing in between would
      // read as completed without its result.
      const raw = await call('get', () => queue.getJobState(id));
      const state = STATE_OF[raw];
      if (state === undefined) return undefined;
      const job = await call('get', () => queue.getJob(id));
      return job === undefined || job === null ? undefined : toJob(job as Job, state);
    },
    async counts() {
      const c = await call('counts', () => queue.getJobCounts('waiting', 'prioritized', 'waiting-children', 'delayed', 'active', 'completed', 'failed'));
      const out: Record<JobState, number> = { waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0 };
      for (const [k, n] of Object.entries(c)) {
        const s = STATE_OF[k];
        if (s !== undefined) out[s] += n;
      }
      return out;
    },
    async ping() {
      await call('ping', () => producer.ping());
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...consumers].map((c) => c.stop()));
      consumers.clear();
      await queue.close().catch(() => undefined);
      await quietly(producer);
    },
  };
}

interface WorkerSetup {
  readonly url: string;
  readonly prefix: string;
  readonly leaseMs: number;
  readonly options: BullmqQueueOptions;
  readonly handlers: Readonly<Record<string, JobHandler>>;
  readonly concurrency: number;
  readonly graceMs: number;
  readonly onError: (e: unknown) => void;
}

/**
 * A BullMQ Worker on its own connection. `consume` is synchronous, so the connection is opened in the
 * background: an unreachable Redis is reported through `onError` and retried until `stop()`.
 */
function startWorker(setup: WorkerSetup): QueueConsumer {
  const { url, prefix, leaseMs, handlers, graceMs, onError } = setup;
  let stopping = false;
  let worker: Worker | undefined;
  let client: RedisClient | undefined;
  const started = (async () => {
    for (let tries = 1; !stopping; tries++) {
      try {
        client = await connectRedis(url, 'worker', onError);
        break;
      } catch (e) {
        onError(e);
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 200 * tries)));
      }
    }
    if (stopping || client === undefined) return;
    worker = new Worker(
      QUEUE_NAME,
      async (job: Job, _token?: string, signal?: AbortSignal) => {
        const handler = handlers[job.name];
        // Every worker of one Redis must handle every kind: BullMQ hands out jobs of all kinds alike.
        if (handler === undefined) throw new UnrecoverableError(`this worker has no handler for jobs of kind "${job.name}" (it handles ${Object.keys(handlers).join(', ') || 'none'})`);
        const result: unknown = await handler({ id: job.id!, kind: job.name, payload: job.data as JobPayload, attempt: job.attemptsStarted, signal: signal ?? new AbortController().signal });
        return result === undefined ? null : result;
      },
      {
        connection: client as unknown as ConnectionOptions,
        prefix,
        concurrency: Math.max(1, Math.floor(setup.concurrency)),
        lockDuration: leaseMs,
        stalledInterval: setup.options.stalledIntervalMs ?? leaseMs,
        maxStalledCount: setup.options.maxStalledCount ?? 2,
      },
    );
    worker.on('error', (e: unknown) => onError(unavailable(url, e)));
  })();

  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        stopping = true;
        await started;
        if (worker !== undefined) {
          const w = worker;
          // close() stops taking jobs and waits for the running ones. After the grace period their signals
          // abort; after a second one they are left behind (their locks expire and BullMQ runs them again).
          const timers: NodeJS.Timeout[] = [];
          timers.push(setTimeout(() => w.cancelAllJobs('the worker is stopping'), graceMs));
          const abandon = new Promise<void>((resolve) => timers.push(setTimeout(resolve, 2 * graceMs)));
          try {
            const finished = await Promise.race([w.close().then(() => true), abandon.then(() => false)]);
            if (!finished) await w.close(true);
          } finally {
            timers.forEach(clearTimeout);
          }
        }
        if (client !== undefined) await quietly(client);
      })();
      return stopped;
    },
  };
}

async function quietly(client: RedisClient): Promise<void> {
  try {
    await withTimeout(client.quit(), 1000, 'quit');
  } catch {
    client.disconnect();
  }
}

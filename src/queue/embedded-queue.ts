/**
 * The embedded durable queue: jobs are rows of the store's `queue_jobs` table, so they survive a restart and
 * are shared by every process on one database (SQLite file or Postgres). A consumer claims a due job under a
 * lease (one atomic statement, see the repository), renews the lease while the handler runs, and records the
 * outcome; a process that dies stops renewing, its lease passes, and another consumer claims the job again.
 * Consumers poll (every `pollMs`) and are also woken at once by an enqueue through the same queue object
 * (the API and the worker of one process share it). Closing the queue stops its consumers; the store stays
 * open: it belongs to whoever opened it.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DriftwatchError } from '../core/index.js';
import type { QueueJobRecord, Store } from '../store/index.js';
import {
  checkedEnqueueOptions,
  DEFAULT_GRACE_MS,
  errorMessage,
  type ConsumeOptions,
  type JobHandler,
  type JobPayload,
  type JobQueue,
  type QueueConsumer,
  type QueuedJob,
} from './types.js';

export interface EmbeddedQueueOptions {
  readonly store: Store;
  /** The queue's name: queues of different names on one database do not see each other's jobs. */
  readonly name: string;
  /** How long a claim lasts without renewal (default 30 s); renewed every third of it while the handler runs. */
  readonly leaseMs?: number;
  /** How often an idle consumer looks for due jobs (default 200 ms). */
  readonly pollMs?: number;
}

export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_POLL_MS = 200;
/** Finished jobs are kept this long for `get` (as on BullMQ), then deleted by a consumer in passing. */
const KEEP_COMPLETED_MS = 7 * 24 * 3600_000;
const KEEP_FAILED_MS = 30 * 24 * 3600_000;
const CLEANUP_EVERY_MS = 10 * 60_000;

export function embeddedQueue(options: EmbeddedQueueOptions): JobQueue {
  const { store, name } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  /** The consumers of this queue object, woken by its enqueues. */
  const wakers = new Set<() => void>();
  const consumers = new Set<QueueConsumer>();
  let closed = false;

  const toJob = (r: QueueJobRecord): QueuedJob => ({
    id: String(r.id),
    kind: r.kind,
    payload: r.payload as JobPayload,
    state: r.state,
    attempts: r.attempts,
    ...(r.lastError === null ? {} : { error: r.lastError }),
    ...(r.state === 'completed' && r.result !== null ? { result: r.result } : {}),
    createdAt: r.createdAt,
    ...(r.finishedAt === null ? {} : { finishedAt: r.finishedAt }),
  });
  const ensureOpen = () => {
    if (closed) throw new DriftwatchError('UNAVAILABLE', `the job queue "${name}" is closed`);
  };

  return {
    backend: 'embedded',
    async enqueue(kind, payload, opts = {}) {
      ensureOpen();
      const { attempts, backoffMs, delayMs } = checkedEnqueueOptions(opts);
      const { job, created } = await store.queueJobs.enqueue({ queue: name, kind, payload, dedupeKey: opts.dedupeKey, delayMs, maxAttempts: attempts, backoffMs });
      if (created && delayMs === 0) for (const wake of wakers) wake();
      return { id: String(job.id), duplicate: !created };
    },
    consume(handlers, opts = {}) {
      ensureOpen();
      const consumer = startConsumer({ store, name, leaseMs, pollMs, handlers, opts, wakers });
      consumers.add(consumer);
      return {
        async stop() {
          await consumer.stop();
          consumers.delete(consumer);
        },
      };
    },
    async get(id) {
      if (!/^[1-9][0-9]{0,15}$/.test(id)) return undefined;
      const r = await store.queueJobs.get(name, Number(id));
      return r === undefined ? undefined : toJob(r);
    },
    counts: () => store.queueJobs.counts(name),
    ping: () => store.ping(),
    async close() {
      closed = true;
      await Promise.all([...consumers].map((c) => c.stop()));
      consumers.clear();
    },
  };
}

interface ConsumerSetup {
  readonly store: Store;
  readonly name: string;
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly handlers: Readonly<Record<string, JobHandler>>;
  readonly opts: ConsumeOptions;
  readonly wakers: Set<() => void>;
}

/** One job being run: its handler's promise, and how to abort or abandon it. */
interface Running {
  readonly done: Promise<void>;
  /** Aborts the handler's signal because the consumer is stopping. */
  interrupt(): void;
  /** Stops renewing the lease (the handler ignored its abort): the job will run again elsewhere. */
  abandon(): void;
}

function startConsumer(setup: ConsumerSetup): QueueConsumer {
  const { store, name, leaseMs, pollMs, handlers, opts, wakers } = setup;
  const kinds = Object.keys(handlers);
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
  const graceMs = opts.graceMs ?? DEFAULT_GRACE_MS;
  const report = (e: unknown) => opts.onError?.(e);
  // Who holds a claim: readable in the table when a person asks which process runs a job.
  const consumerId = `${hostname()}:${process.pid}:${randomUUID()}`;
  let claims = 0;
  let stopping = false;
  const running = new Map<number, Running>();

  let wakeUp: (() => void) | undefined;
  // A wake-up that comes while the loop is busy claiming is kept, so the loop looks again before sleeping.
  let woken = false;
  const wake = () => {
    woken = true;
    const w = wakeUp;
    wakeUp = undefined;
    w?.();
  };
  wakers.add(wake);

  const run = (job: QueueJobRecord, token: string): Running => {
    const controller = new AbortController();
    let interrupted = false;
    let lost = false;
    // Renewal runs until the outcome is known; a renewal answering after that changes nothing.
    let renewing = true;
    let timer: NodeJS.Timeout | undefined;
    const renew = () => {
      timer = setTimeout(() => {
        store.queueJobs.renew(job.id, token, leaseMs).then(
          (held) => {
            if (!renewing) return;
            if (held) return renew();
            lost = true;
            report(new DriftwatchError('CONFLICT', `job ${job.id} (${job.kind}) of queue "${name}" lost its lease: another consumer may run it`));
            controller.abort(new DriftwatchError('CONFLICT', `job ${job.id} lost its lease`));
          },
          // The database may be back before the lease passes: keep trying.
          (e: unknown) => {
            if (!renewing) return;
            report(e);
            renew();
          },
        );
      }, Math.max(10, Math.floor(leaseMs / 3)));
    };
    renew();
    const stopRenewing = () => {
      renewing = false;
      clearTimeout(timer);
    };
    const handler = handlers[job.kind]!;
    const done = (async () => {
      let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, value: await handler({ id: String(job.id), kind: job.kind, payload: job.payload as JobPayload, attempt: job.attempts, signal: controller.signal }) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      stopRenewing();
      if (lost) return;
      try {
        if (outcome.ok) {
          await completeOrFail(store, job, token, outcome.value);
        } else if (interrupted) {
          // Stopped by a shutdown, not by its own fault: back to wait, the attempt not counted.
          await store.queueJobs.release(job.id, token);
        } else {
          await store.queueJobs.fail(job.id, token, errorMessage(outcome.error));
        }
      } catch (e) {
        // The outcome could not be recorded (database down): the lease passes and the job runs again.
        report(e);
      }
    })().finally(() => {
      running.delete(job.id);
      wake();
    });
    return {
      done,
      interrupt() {
        interrupted = true;
        controller.abort(new DriftwatchError('UNAVAILABLE', `the worker is stopping; job ${job.id} will run again`));
      },
      abandon: stopRenewing,
    };
  };

  let cleanedAt = -Infinity;
  const cleanUp = async () => {
    const now = store.clock.now();
    if (now - cleanedAt < CLEANUP_EVERY_MS) return;
    cleanedAt = now;
    await store.queueJobs.deleteFinished(name, { completedBeforeMs: now - KEEP_COMPLETED_MS, failedBeforeMs: now - KEEP_FAILED_MS }).catch(report);
  };

  const loop = (async () => {
    // Consecutive failed claims (database unreachable): the loop waits longer between them, up to 5 s.
    let failures = 0;
    while (!stopping) {
      woken = false;
      await cleanUp();
      if (running.size < concurrency) {
        let job: QueueJobRecord | undefined;
        const token = `${consumerId}#${++claims}`;
        try {
          job = await store.queueJobs.claim(name, kinds, token, leaseMs);
          failures = 0;
        } catch (e) {
          failures++;
          report(e);
        }
        if (stopping && job !== undefined) {
          await store.queueJobs.release(job.id, token).catch(report);
          break;
        }
        if (job !== undefined) {
          running.set(job.id, run(job, token));
          continue;
        }
      }
      if (woken && failures === 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, failures === 0 ? pollMs : Math.min(5000, pollMs * 2 ** failures));
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();

  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        stopping = true;
        wake();
        await loop;
        wakers.delete(wake);
        if (running.size === 0) return;
        const all = Promise.allSettled([...running.values()].map((r) => r.done));
        const timers: NodeJS.Timeout[] = [];
        const after = (ms: number, fn: () => void) => new Promise<void>((resolve) => timers.push(setTimeout(() => (fn(), resolve()), ms)));
        // After the grace period the handlers are asked to stop (their signal aborts); after a second one
        // they are left behind, their leases no longer renewed, so their jobs run again elsewhere.
        const current = [...running.values()];
        void after(graceMs, () => current.forEach((r) => r.interrupt()));
        await Promise.race([all, after(2 * graceMs, () => current.forEach((r) => r.abandon()))]);
        timers.forEach(clearTimeout);
      })();
      return stopped;
    },
  };
}

async function completeOrFail(store: Store, job: QueueJobRecord, token: string, value: unknown): Promise<void> {
  let result: unknown;
  try {
    // A result that JSON cannot hold fails the job here, rather than the store write later.
    result = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  } catch (e) {
    await store.queueJobs.fail(job.id, token, `the handler's result is not JSON-serialisable (${errorMessage(e)})`);
    return;
  }
  await store.queueJobs.complete(job.id, token, result);
}

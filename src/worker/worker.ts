/**
 * The background worker: consumes the queue with the handlers the runtime supplies (kind → handler), logging
 * each job's start and outcome. It holds no job logic of its own, so `driftwatch serve --role worker` and the
 * all-in-one process run the same thing.
 */
import { isDriftwatchError } from '../core/index.js';
import type { JobHandler, JobQueue } from '../queue/index.js';

/** The logger calls the worker makes; a pino logger is one. */
export interface WorkerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface StartWorkerOptions {
  readonly queue: JobQueue;
  readonly handlers: Readonly<Record<string, JobHandler>>;
  readonly logger: WorkerLogger;
  /** Jobs run at once (default 1). */
  readonly concurrency?: number;
  /** How long `stop()` lets the running jobs finish before their signal aborts (default: the queue's, 25 s). */
  readonly graceMs?: number;
}

export interface RunningWorker {
  /** Stops taking jobs and waits for the running ones (see QueueConsumer.stop). Idempotent. */
  stop(): Promise<void>;
}

export function startWorker(options: StartWorkerOptions): RunningWorker {
  const { queue, logger } = options;
  const kinds = Object.keys(options.handlers);
  const logged: Record<string, JobHandler> = {};
  for (const [kind, handler] of Object.entries(options.handlers)) {
    logged[kind] = async (job) => {
      const fields = { job: job.id, kind, attempt: job.attempt };
      logger.info(fields, 'job started');
      // Elapsed time of this process, not a point in time: no Clock needed.
      const t0 = performance.now();
      try {
        const result = await handler(job);
        logger.info({ ...fields, ms: Math.round(performance.now() - t0) }, 'job completed');
        return result;
      } catch (e) {
        logger.warn({ ...fields, ms: Math.round(performance.now() - t0), error: describe(e) }, 'job attempt failed');
        throw e;
      }
    };
  }
  const consumer = queue.consume(logged, {
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
    onError: (e) => logger.error({ error: describe(e) }, 'job queue error'),
  });
  logger.info({ backend: queue.backend, kinds, concurrency: options.concurrency ?? 1 }, 'worker started');
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        logger.info({}, 'worker stopping: finishing the running jobs');
        await consumer.stop();
        logger.info({}, 'worker stopped');
      })();
      return stopped;
    },
  };
}

/** An error as log fields: the code and message, never the payload (it may hold data a log must not). */
function describe(e: unknown): Record<string, unknown> {
  if (isDriftwatchError(e)) return { code: e.code, message: e.message };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { message: String(e) };
}

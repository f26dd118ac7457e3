/**
 * The job queue as the rest of Driftwatch sees it: one interface, two implementations (the embedded durable
 * queue in the store's database, and BullMQ on Redis), chosen by `openQueue`. A job runs at least once; a
 * handler that must not repeat a side effect checks for it (the pipeline resumes from its recorded steps).
 */
import { DriftwatchError } from '../core/index.js';

/** A job's input: JSON-serialisable. */
export type JobPayload = Readonly<Record<string, unknown>>;

export interface EnqueueOptions {
  /** While a job with this key is waiting, delayed or active, enqueueing again returns that job (`duplicate: true`). */
  dedupeKey?: string;
  /** Run no sooner than this many ms from now. */
  delayMs?: number;
  /** Attempts in all, the first included (default 3). */
  attempts?: number;
  /** Base of the exponential backoff between attempts: backoffMs × 2^(attempt-1) (default 1000). */
  backoffMs?: number;
}

export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

export const JOB_STATES: readonly JobState[] = ['waiting', 'delayed', 'active', 'completed', 'failed'];

export interface QueuedJob {
  id: string;
  kind: string;
  payload: JobPayload;
  state: JobState;
  /** Attempts started so far. */
  attempts: number;
  /** The last attempt's error (a failed job's reason, or the error a retry follows). */
  error?: string;
  result?: unknown;
  createdAt: string;
  finishedAt?: string;
}

export type JobHandler = (job: {
  id: string;
  kind: string;
  payload: JobPayload;
  /** 1 for the first attempt. */
  attempt: number;
  /** Aborted when the consumer stops and its grace period has passed, or when the job's lease was lost. */
  signal: AbortSignal;
}) => Promise<unknown>;

export interface ConsumeOptions {
  /** Jobs run at once by this consumer (default 1). */
  concurrency?: number;
  /** How long `stop()` lets running handlers finish before aborting their signal (default 25 s). */
  graceMs?: number;
  /** Errors of the consumer itself (backend unreachable, a lease lost); handler errors fail the job instead. */
  onError?: (error: unknown) => void;
}

export interface QueueConsumer {
  /** Stops taking jobs and waits for the running ones to finish (their signal aborts after the grace period). */
  stop(): Promise<void>;
}

export interface JobQueue {
  readonly backend: 'embedded' | 'bullmq';
  enqueue(kind: string, payload: JobPayload, opts?: EnqueueOptions): Promise<{ id: string; duplicate: boolean }>;
  /** Runs jobs of the kinds `handlers` names; other kinds are left to other consumers. */
  consume(handlers: Readonly<Record<string, JobHandler>>, opts?: ConsumeOptions): QueueConsumer;
  get(id: string): Promise<QueuedJob | undefined>;
  counts(): Promise<Record<JobState, number>>;
  /** Resolves when the backend answers; DriftwatchError UNAVAILABLE when it is down. */
  ping(): Promise<void>;
  /** Stops every consumer (as `stop()` does) and releases the connection. */
  close(): Promise<void>;
}

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_MS = 1000;
export const DEFAULT_GRACE_MS = 25_000;
/** The queue name (and, on Redis, key prefix) when none is given. */
export const DEFAULT_QUEUE_PREFIX = 'driftwatch';

/** The options both implementations validate the same way. */
export function checkedEnqueueOptions(opts: EnqueueOptions): { attempts: number; backoffMs: number; delayMs: number } {
  const attempts = opts.attempts ?? DEFAULT_ATTEMPTS;
  const backoffMs = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  const delayMs = opts.delayMs ?? 0;
  const bad = (field: string, value: number, what: string): never => {
    throw new DriftwatchError('INVALID_ARGUMENT', `enqueue: ${field} must be ${what}, not ${value}`, { field });
  };
  if (!Number.isInteger(attempts) || attempts < 1) bad('attempts', attempts, 'a whole number of at least 1');
  if (!Number.isFinite(backoffMs) || backoffMs < 0) bad('backoffMs', backoffMs, 'a number of ms of at least 0');
  if (!Number.isFinite(delayMs) || delayMs < 0) bad('delayMs', delayMs, 'a number of ms of at least 0');
  return { attempts, backoffMs: Math.round(backoffMs), delayMs: Math.round(delayMs) };
}

/** A thrown value as the one line a job's error keeps. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message === '' ? e.name : e.message;
  return String(e);
}

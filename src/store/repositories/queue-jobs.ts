/**
 * The embedded job queue's table. A job waits (or is delayed until `run_at`), is claimed by one consumer
 * under a lease, and completes, fails, or goes back to wait for a retry with exponential backoff. Claiming is
 * one UPDATE … WHERE id = (SELECT … [FOR UPDATE SKIP LOCKED]) RETURNING statement, so two processes on one
 * database never claim the same job; a lease that passes (its process died) makes the job claimable again.
 * Every write after the claim names the claim token, so a consumer that lost its lease cannot touch the job.
 */
import { sql, type Selectable } from 'kysely';
import { isoOf, isoOrNull, toCount, type StoreContext } from '../context.js';
import type { QueueJobsTable } from '../schema.js';

export type QueueJobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

export const QUEUE_JOB_STATES: readonly QueueJobState[] = ['waiting', 'delayed', 'active', 'completed', 'failed'];

export interface QueueJobRecord {
  readonly id: number;
  readonly queue: string;
  readonly kind: string;
  readonly payload: unknown;
  /** As seen now: a delayed job whose time has come reads as waiting. */
  readonly state: QueueJobState;
  readonly dedupeKey: string | null;
  readonly runAt: string;
  /** Attempts started so far (the one running included). */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly backoffMs: number;
  readonly lockedBy: string | null;
  readonly leaseUntil: string | null;
  readonly lastError: string | null;
  readonly result: unknown;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

export interface NewQueueJob {
  readonly queue: string;
  readonly kind: string;
  readonly payload: unknown;
  readonly dedupeKey?: string | undefined;
  /** Not before this many ms from now (0: at once). */
  readonly delayMs?: number | undefined;
  readonly maxAttempts: number;
  readonly backoffMs: number;
}

export interface QueueJobRepository {
  /** Adds a job, or returns the unfinished job of this queue holding the dedupe key (`created: false`). */
  enqueue(input: NewQueueJob): Promise<{ job: QueueJobRecord; created: boolean }>;
  get(queue: string, id: number): Promise<QueueJobRecord | undefined>;
  /**
   * Takes the next due job of these kinds (waiting or delayed with `run_at` passed, or active with its lease
   * passed) for `token`, for `leaseMs`, counting one more attempt. A job whose consumer died on its last
   * attempt is failed here rather than run beyond `max_attempts`.
   */
  claim(queue: string, kinds: readonly string[], token: string, leaseMs: number): Promise<QueueJobRecord | undefined>;
  /** Extends the lease; false when the job is no longer held by `token` (the lease passed and another took it). */
  renew(id: number, token: string, leaseMs: number): Promise<boolean>;
  /** Completes a held job with its result; false when `token` no longer holds it. */
  complete(id: number, token: string, result: unknown): Promise<boolean>;
  /**
   * Records a failed attempt: delayed for a retry (backoff × 2^(attempt-1)) while attempts remain, failed
   * otherwise. Undefined when `token` no longer holds it.
   */
  fail(id: number, token: string, error: string): Promise<QueueJobRecord | undefined>;
  /** Puts a held job back to wait without counting the attempt (its consumer is shutting down). */
  release(id: number, token: string): Promise<boolean>;
  counts(queue: string): Promise<Record<QueueJobState, number>>;
  /** Deletes the queue's completed jobs finished before `completedBeforeMs` and failed ones before `failedBeforeMs`. */
  deleteFinished(queue: string, cutoffs: { completedBeforeMs: number; failedBeforeMs: number }): Promise<number>;
}

/** Claims skipped because a job exhausted its attempts by dying; bounded so one claim call stays short. */
const MAX_EXHAUSTED_PER_CLAIM = 16;

export function queueJobRepository(ctx: StoreContext): QueueJobRepository {
  const { db, dialect, clock } = ctx;
  const at = (ms: number): string => dialect.writeTime(ms);
  const toRecord = (r: Selectable<QueueJobsTable>): QueueJobRecord => {
    const runAtMs = dialect.readTime(r.run_at);
    const stored = r.state as QueueJobState;
    return {
      id: r.id,
      queue: r.queue,
      kind: r.kind,
      payload: dialect.readJson(r.payload),
      state: stored === 'delayed' && runAtMs <= clock.now() ? 'waiting' : stored,
      dedupeKey: r.dedupe_key,
      runAt: isoOf(ctx, r.run_at),
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      backoffMs: r.backoff,
      lockedBy: r.locked_by,
      leaseUntil: isoOrNull(ctx, r.lease_until),
      lastError: r.last_error,
      result: r.result === null ? null : dialect.readJson(r.result),
      createdAt: isoOf(ctx, r.created_at),
      finishedAt: isoOrNull(ctx, r.finished_at),
    };
  };

  const repo: QueueJobRepository = {
    async enqueue(input) {
      const now = clock.now();
      const delay = Math.max(0, input.delayMs ?? 0);
      // Between a duplicate's failed insert and reading the holder, the holder may finish: then insert again.
      for (let tries = 0; tries < 5; tries++) {
        // ON CONFLICT DO NOTHING (no target) covers the partial unique index on both backends.
        const row = await db.insertInto('queue_jobs').values({
          queue: input.queue,
          kind: input.kind,
          payload: dialect.writeJson(input.payload),
          state: delay > 0 ? 'delayed' : 'waiting',
          dedupe_key: input.dedupeKey ?? null,
          run_at: at(now + delay),
          attempts: 0,
          max_attempts: input.maxAttempts,
          backoff: input.backoffMs,
          locked_by: null,
          lease_until: null,
          last_error: null,
          result: null,
          created_at: at(now),
          finished_at: null,
        }).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
        if (row !== undefined) return { job: toRecord(row), created: true };
        if (input.dedupeKey === undefined) throw new Error(`queue ${input.queue}: a job without a dedupe key was not inserted`);
        const holder = await db.selectFrom('queue_jobs').selectAll()
          .where('queue', '=', input.queue).where('dedupe_key', '=', input.dedupeKey)
          .where('state', 'in', ['waiting', 'delayed', 'active']).executeTakeFirst();
        if (holder !== undefined) return { job: toRecord(holder), created: false };
      }
      throw new Error(`queue ${input.queue}: the job holding key "${input.dedupeKey}" kept changing while enqueueing`);
    },
    async get(queue, id) {
      const r = await db.selectFrom('queue_jobs').selectAll().where('queue', '=', queue).where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : toRecord(r);
    },
    async claim(queue, kinds, token, leaseMs) {
      if (kinds.length === 0) return undefined;
      for (let skipped = 0; skipped <= MAX_EXHAUSTED_PER_CLAIM; skipped++) {
        const now = at(clock.now());
        const due = () => db.selectFrom('queue_jobs').select('id')
          .where('queue', '=', queue).where('kind', 'in', [...kinds])
          .where((eb) => eb.or([
            eb.and([eb('state', 'in', ['waiting', 'delayed']), eb('run_at', '<=', now)]),
            eb.and([eb('state', '=', 'active'), eb('lease_until', '<', now)]),
          ]))
          .orderBy('run_at').orderBy('id').limit(1);
        // An idle consumer polls often: looking first, without a lock, keeps an empty poll a read (on SQLite
        // an UPDATE takes the database's one write lock even when it changes nothing).
        if ((await due().executeTakeFirst()) === undefined) return undefined;
        // Postgres: a row another transaction is claiming is skipped, not waited for (and not taken twice).
        const next = due().$if(dialect.rowLocks, (q) => q.forUpdate().skipLocked());
        const row = await db.updateTable('queue_jobs')
          .set({ state: 'active', attempts: sql`attempts + 1`, locked_by: token, lease_until: at(clock.now() + leaseMs) })
          .where('id', '=', next)
          .returningAll().executeTakeFirst();
        if (row === undefined) return undefined;
        if (row.attempts <= row.max_attempts) return toRecord(row);
        // It was claimed before, and every attempt it had ended with its consumer gone: it fails now.
        await db.updateTable('queue_jobs').set({
          state: 'failed',
          attempts: row.max_attempts,
          last_error: row.last_error ?? `its consumer stopped (the lease passed) during attempt ${row.max_attempts} of ${row.max_attempts}`,
          locked_by: null,
          lease_until: null,
          finished_at: now,
        }).where('id', '=', row.id).where('locked_by', '=', token).execute();
      }
      return undefined;
    },
    async renew(id, token, leaseMs) {
      const r = await db.updateTable('queue_jobs').set({ lease_until: at(clock.now() + leaseMs) })
        .where('id', '=', id).where('locked_by', '=', token).where('state', '=', 'active').executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async complete(id, token, result) {
      const r = await db.updateTable('queue_jobs').set({
        state: 'completed',
        result: result === undefined ? null : dialect.writeJson(result),
        locked_by: null,
        lease_until: null,
        finished_at: at(clock.now()),
      }).where('id', '=', id).where('locked_by', '=', token).where('state', '=', 'active').executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async fail(id, token, error) {
      const held = await db.selectFrom('queue_jobs').select(['attempts', 'max_attempts', 'backoff'])
        .where('id', '=', id).where('locked_by', '=', token).where('state', '=', 'active').executeTakeFirst();
      if (held === undefined) return undefined;
      const now = clock.now();
      const retry = held.attempts < held.max_attempts;
      const r = await db.updateTable('queue_jobs').set(retry
        ? { state: 'delayed', run_at: at(now + held.backoff * 2 ** (held.attempts - 1)), last_error: error, locked_by: null, lease_until: null }
        : { state: 'failed', last_error: error, locked_by: null, lease_until: null, finished_at: at(now) })
        .where('id', '=', id).where('locked_by', '=', token).where('state', '=', 'active')
        .returningAll().executeTakeFirst();
      return r === undefined ? undefined : toRecord(r);
    },
    async release(id, token) {
      const r = await db.updateTable('queue_jobs')
        .set({ state: 'waiting', attempts: sql`attempts - 1`, run_at: at(clock.now()), locked_by: null, lease_until: null })
        .where('id', '=', id).where('locked_by', '=', token).where('state', '=', 'active').executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async counts(queue) {
      const now = at(clock.now());
      const rows = await db.selectFrom('queue_jobs')
        .select((eb) => [
          eb.case().when(eb.and([eb('state', '=', 'delayed'), eb('run_at', '<=', now)])).then('waiting').else(eb.ref('state')).end().as('state'),
          eb.fn.countAll().as('n'),
        ])
        .where('queue', '=', queue)
        .groupBy(sql`1`)
        .execute();
      const out: Record<QueueJobState, number> = { waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0 };
      for (const r of rows) {
        const s = r.state as QueueJobState;
        if (Object.hasOwn(out, s)) out[s] += toCount(r.n);
      }
      return out;
    },
    async deleteFinished(queue, cutoffs) {
      const r = await db.deleteFrom('queue_jobs').where('queue', '=', queue)
        .where((eb) => eb.or([
          eb.and([eb('state', '=', 'completed'), eb('finished_at', '<', at(cutoffs.completedBeforeMs))]),
          eb.and([eb('state', '=', 'failed'), eb('finished_at', '<', at(cutoffs.failedBeforeMs))]),
        ]))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
  return repo;
}

/**
 * Durable jobs and their steps. A job is queued, running, then succeeded, failed or cancelled; a dedupe key
 * (for example "retrain:churn") makes a second trigger while one is queued or running return that job
 * instead of creating another — enforced by a partial unique index, so it holds across processes.
 */
import { sql, type Selectable } from 'kysely';
import { DriftwatchError } from '../../core/index.js';
import { isoOf, isoOrNull, nowValue, type StoreContext } from '../context.js';
import type { JobStepsTable, JobsTable } from '../schema.js';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type StepState = 'running' | 'succeeded' | 'failed' | 'skipped';

export const JOB_STATES: readonly JobState[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

export interface Job {
  readonly id: number;
  readonly kind: string;
  readonly modelName: string | null;
  readonly dedupeKey: string | null;
  readonly state: JobState;
  readonly attempts: number;
  readonly payload: unknown;
  readonly result: unknown;
  readonly error: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly updatedAt: string;
}

export interface JobStep {
  readonly id: number;
  readonly jobId: number;
  readonly seq: number;
  readonly name: string;
  /** The job attempt this step ran in (a resumed job runs its remaining steps in a later attempt). */
  readonly attempt: number;
  readonly state: StepState;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  readonly outcome: string | null;
  readonly detail: unknown;
  readonly log: string;
}

export interface NewJob {
  readonly kind: string;
  readonly modelName?: string | null;
  readonly dedupeKey?: string | null;
  readonly payload?: unknown;
  readonly createdBy: string;
}

export interface JobListFilter {
  readonly state?: JobState | readonly JobState[];
  readonly modelName?: string;
  readonly kind?: string;
  readonly limit?: number;
}

export interface JobRepository {
  /** Queues a job, or returns the queued/running job with the same dedupe key (`created: false`). */
  enqueue(input: NewJob): Promise<{ job: Job; created: boolean }>;
  get(id: number): Promise<Job | undefined>;
  require(id: number): Promise<Job>;
  /** Newest first. */
  list(filter?: JobListFilter): Promise<Job[]>;
  /** The queued or running job holding a dedupe key. */
  active(dedupeKey: string): Promise<Job | undefined>;
  /** Marks a queued job running (attempts + 1); undefined when another worker took it first. */
  start(id: number): Promise<Job | undefined>;
  /** Takes the oldest queued job (of these kinds), safely against other workers. */
  claimNext(kinds?: readonly string[]): Promise<Job | undefined>;
  /** Ends a running job. CONFLICT when it is not running. */
  finish(id: number, state: 'succeeded' | 'failed', outcome?: { result?: unknown; error?: string | null }): Promise<Job>;
  /** Cancels a queued or running job. CONFLICT when it already ended. */
  cancel(id: number, reason: string): Promise<Job>;
  /** Puts a running job whose process died back in the queue, keeping its completed steps. */
  requeue(id: number): Promise<Job>;
  startStep(jobId: number, name: string): Promise<JobStep>;
  finishStep(stepId: number, state: Exclude<StepState, 'running'>, outcome?: { outcome?: string | null; detail?: unknown }): Promise<JobStep>;
  appendLog(stepId: number, text: string): Promise<void>;
  steps(jobId: number): Promise<JobStep[]>;
}

export function jobRepository(ctx: StoreContext): JobRepository {
  const { db, dialect, clock } = ctx;
  const toJob = (r: Selectable<JobsTable>): Job => ({
    id: r.id,
    kind: r.kind,
    modelName: r.model_name,
    dedupeKey: r.dedupe_key,
    state: r.state as JobState,
    attempts: r.attempts,
    payload: dialect.readJson(r.payload),
    result: r.result === null ? null : dialect.readJson(r.result),
    error: r.error,
    createdAt: isoOf(ctx, r.created_at),
    createdBy: r.created_by,
    startedAt: isoOrNull(ctx, r.started_at),
    finishedAt: isoOrNull(ctx, r.finished_at),
    updatedAt: isoOf(ctx, r.updated_at),
  });
  const toStep = (r: Selectable<JobStepsTable>): JobStep => ({
    id: r.id,
    jobId: r.job_id,
    seq: r.seq,
    name: r.name,
    attempt: r.attempt,
    state: r.state as StepState,
    startedAt: isoOf(ctx, r.started_at),
    finishedAt: isoOrNull(ctx, r.finished_at),
    durationMs: r.duration_ms,
    outcome: r.outcome,
    detail: r.detail === null ? null : dialect.readJson(r.detail),
    log: r.log,
  });
  const stateConflict = (job: Job, wanted: string) =>
    new DriftwatchError('CONFLICT', `job ${job.id} is ${job.state}: it cannot ${wanted}`, { field: 'job' });

  const repo: JobRepository = {
    async enqueue(input) {
      const now = nowValue(ctx);
      // ON CONFLICT DO NOTHING (no target) covers the partial unique index on both backends and, unlike a
      // caught unique violation, does not abort a surrounding Postgres transaction.
      const row = await db.insertInto('jobs').values({
        kind: input.kind,
        model_name: input.modelName ?? null,
        dedupe_key: input.dedupeKey ?? null,
        state: 'queued',
        attempts: 0,
        payload: dialect.writeJson(input.payload ?? {}),
        result: null,
        error: null,
        created_at: now,
        created_by: input.createdBy,
        started_at: null,
        finished_at: null,
        updated_at: now,
      }).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
      if (row !== undefined) return { job: toJob(row), created: true };
      const existing = await repo.active(input.dedupeKey!);
      if (existing === undefined) throw new DriftwatchError('CONFLICT', `a job with key "${input.dedupeKey}" was being created at the same moment; try again`, { field: 'job' });
      return { job: existing, created: false };
    },
    async get(id) {
      const r = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : toJob(r);
    },
    async require(id) {
      const j = await repo.get(id);
      if (j === undefined) throw new DriftwatchError('NOT_FOUND', `there is no job ${id}; \`driftwatch jobs list\` shows the jobs`, { field: 'job' });
      return j;
    },
    async list(filter = {}) {
      let q = db.selectFrom('jobs').selectAll();
      if (filter.state !== undefined) q = q.where('state', 'in', typeof filter.state === 'string' ? [filter.state] : [...filter.state]);
      if (filter.modelName !== undefined) q = q.where('model_name', '=', filter.modelName);
      if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
      const rows = await q.orderBy('id', 'desc').limit(filter.limit ?? 1000).execute();
      return rows.map(toJob);
    },
    async active(dedupeKey) {
      const r = await db.selectFrom('jobs').selectAll().where('dedupe_key', '=', dedupeKey).where('state', 'in', ['queued', 'running']).executeTakeFirst();
      return r === undefined ? undefined : toJob(r);
    },
    async start(id) {
      const now = nowValue(ctx);
      const r = await db.updateTable('jobs').set({ state: 'running', attempts: sql`attempts + 1`, started_at: now, updated_at: now })
        .where('id', '=', id).where('state', '=', 'queued').returningAll().executeTakeFirst();
      return r === undefined ? undefined : toJob(r);
    },
    async claimNext(kinds) {
      // Compare-and-set on the state: if another worker took the oldest job first, try the next one.
      for (let tries = 0; tries < 20; tries++) {
        let q = db.selectFrom('jobs').select('id').where('state', '=', 'queued');
        if (kinds !== undefined) q = q.where('kind', 'in', [...kinds]);
        const next = await q.orderBy('id').limit(1).executeTakeFirst();
        if (next === undefined) return undefined;
        const started = await repo.start(next.id);
        if (started !== undefined) return started;
      }
      return undefined;
    },
    async finish(id, state, outcome = {}) {
      const now = nowValue(ctx);
      const r = await db.updateTable('jobs').set({
        state,
        result: outcome.result === undefined ? null : dialect.writeJson(outcome.result),
        error: outcome.error ?? null,
        finished_at: now,
        updated_at: now,
      }).where('id', '=', id).where('state', '=', 'running').returningAll().executeTakeFirst();
      if (r === undefined) throw stateConflict(await repo.require(id), `become ${state}`);
      return toJob(r);
    },
    async cancel(id, reason) {
      const now = nowValue(ctx);
      const r = await db.updateTable('jobs').set({ state: 'cancelled', error: reason, finished_at: now, updated_at: now })
        .where('id', '=', id).where('state', 'in', ['queued', 'running']).returningAll().executeTakeFirst();
      if (r === undefined) throw stateConflict(await repo.require(id), 'be cancelled');
      return toJob(r);
    },
    async requeue(id) {
      const now = nowValue(ctx);
      await db.updateTable('job_steps').set({ state: 'failed', outcome: 'interrupted', finished_at: now }).where('job_id', '=', id).where('state', '=', 'running').execute();
      const r = await db.updateTable('jobs').set({ state: 'queued', updated_at: now }).where('id', '=', id).where('state', '=', 'running').returningAll().executeTakeFirst();
      if (r === undefined) throw stateConflict(await repo.require(id), 'be resumed (only a running job whose process died can)');
      return toJob(r);
    },
    async startStep(jobId, name) {
      const job = await repo.require(jobId);
      const last = await db.selectFrom('job_steps').select((eb) => eb.fn.max('seq').as('seq')).where('job_id', '=', jobId).executeTakeFirst();
      const r = await db.insertInto('job_steps').values({
        job_id: jobId,
        seq: Number(last?.seq ?? 0) + 1,
        name,
        attempt: job.attempts,
        state: 'running',
        started_at: nowValue(ctx),
        finished_at: null,
        duration_ms: null,
        outcome: null,
        detail: null,
        log: '',
      }).returningAll().executeTakeFirstOrThrow();
      return toStep(r);
    },
    async finishStep(stepId, state, outcome = {}) {
      const step = await db.selectFrom('job_steps').selectAll().where('id', '=', stepId).executeTakeFirst();
      if (step === undefined) throw new DriftwatchError('NOT_FOUND', `there is no job step ${stepId}`, { field: 'step' });
      if (step.state !== 'running') throw new DriftwatchError('CONFLICT', `step "${step.name}" of job ${step.job_id} already ended (${step.state})`, { field: 'step' });
      const nowMs = clock.now();
      const r = await db.updateTable('job_steps').set({
        state,
        finished_at: dialect.writeTime(nowMs),
        duration_ms: Math.max(0, Math.round(nowMs - dialect.readTime(step.started_at))),
        outcome: outcome.outcome ?? null,
        detail: outcome.detail === undefined ? null : dialect.writeJson(outcome.detail),
      }).where('id', '=', stepId).returningAll().executeTakeFirstOrThrow();
      return toStep(r);
    },
    async appendLog(stepId, text) {
      await db.updateTable('job_steps').set({ log: sql`log || ${text}` }).where('id', '=', stepId).execute();
    },
    async steps(jobId) {
      const rows = await db.selectFrom('job_steps').selectAll().where('job_id', '=', jobId).orderBy('seq').execute();
      return rows.map(toStep);
    },
  };
  return repo;
}

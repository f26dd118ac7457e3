/**
 * Retraining over HTTP: trigger it (a pipeline job recorded and queued; a second trigger while one waits or
 * runs answers that job), list jobs, and show one with its steps, timings and logs.
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  jobDetailSchema,
  jobIdParamsSchema,
  jobsQuerySchema,
  listJobsResponseSchema,
  modelNameParamsSchema,
  retrainBodySchema,
  retrainResponseSchema,
  type JobDetail,
  type JobInfo,
  type JobsQuery,
  type RetrainBody,
  type RetrainResponse,
} from '../../contracts/index.js';
import { DriftwatchError } from '../../core/index.js';
import type { Job, JobStep } from '../../store/index.js';
import type { RouteContext } from '../build-app.js';
import { optionalBody } from '../optional-body.js';
import { routeSchema } from '../route-schema.js';

export function jobInfo(j: Job, nowMs: number): JobInfo {
  const start = j.startedAt === null ? null : Date.parse(j.startedAt);
  const end = j.finishedAt === null ? nowMs : Date.parse(j.finishedAt);
  return {
    id: j.id,
    kind: j.kind,
    model: j.modelName,
    state: j.state,
    attempts: j.attempts,
    error: j.error,
    result: j.result ?? null,
    created_at: j.createdAt,
    created_by: j.createdBy,
    started_at: j.startedAt,
    finished_at: j.finishedAt,
    duration_ms: start === null ? null : Math.max(0, end - start),
  };
}

function stepInfo(s: JobStep) {
  return { seq: s.seq, name: s.name, attempt: s.attempt, state: s.state, started_at: s.startedAt, finished_at: s.finishedAt, duration_ms: s.durationMs, outcome: s.outcome, detail: s.detail ?? null, log: s.log };
}

export const jobRoutes: FastifyPluginAsync<RouteContext> = async (app, { runtime }) => {
  const { store, clock } = runtime;

  app.post<{ Params: { name: string }; Body: RetrainBody }>('/v1/models/:name/retrain', {
    preValidation: optionalBody,
    config: { audit: { action: 'pipeline.retrain_requested', subjectKind: 'model' } },
    schema: routeSchema({
      tags: ['jobs'],
      summary: 'Start retraining the model (a pipeline job on the queue)',
      description: "The model's monitored window is frozen into the job's data; the worker runs the pipeline (check, train, evaluate, gates, approval, register, promote). 201 with the new job; 200 with `duplicate: true` and the job already waiting or running for this model; 409 while an approval request of the model is pending.",
      params: modelNameParamsSchema,
      body: retrainBodySchema,
      response: { 200: retrainResponseSchema, 201: retrainResponseSchema },
    }),
  }, async (req, reply): Promise<RetrainResponse> => {
    const { job, created } = await runtime.retraining.request({ model: req.params.name, actor: req.principal.name, reason: req.body?.reason ?? null, force: true });
    req.auditDetails = { job: job.id, duplicate: !created, ...(req.body?.reason !== undefined ? { reason: req.body.reason } : {}) };
    void reply.code(created ? 201 : 200);
    return { ...jobInfo(job, clock.now()), duplicate: !created };
  });

  app.get<{ Querystring: JobsQuery }>('/v1/jobs', {
    schema: routeSchema({ tags: ['jobs'], summary: 'Jobs, newest first', query: jobsQuerySchema, response: { 200: listJobsResponseSchema } }),
  }, async (req) => {
    const q = req.query;
    const jobs = await store.jobs.list({ ...(q.model !== undefined ? { modelName: q.model } : {}), ...(q.state !== undefined ? { state: q.state } : {}), ...(q.kind !== undefined ? { kind: q.kind } : {}), limit: q.limit ?? 100 });
    const now = clock.now();
    return { jobs: jobs.map((j) => jobInfo(j, now)) };
  });

  app.get<{ Params: { id: number } }>('/v1/jobs/:id', {
    schema: routeSchema({ tags: ['jobs'], summary: 'A job with its steps (timings, outcome, detail, log)', params: jobIdParamsSchema, response: { 200: jobDetailSchema } }),
  }, async (req): Promise<JobDetail> => {
    const job = await store.jobs.get(req.params.id);
    if (job === undefined) throw new DriftwatchError('NOT_FOUND', `there is no job ${req.params.id}`, { field: 'id' });
    const steps = await store.jobs.steps(job.id);
    const log = steps.map((s) => s.log.split('\n').filter((l) => l !== '').map((l) => `[${s.name}] ${l}`).join('\n')).filter((t) => t !== '').join('\n');
    return { ...jobInfo(job, clock.now()), steps: steps.map(stepInfo), log };
  });
};

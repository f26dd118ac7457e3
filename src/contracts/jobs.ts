/** Retraining jobs (the pipeline's durable jobs, with their steps and logs) and approval requests. */
import { z } from 'zod';

export const JOB_STATE_NAMES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

export const jobStepSchema = z.strictObject({
  seq: z.number().int(),
  name: z.string(),
  attempt: z.number().int(),
  /** running, succeeded, failed, skipped. */
  state: z.string(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  duration_ms: z.number().nullable(),
  outcome: z.string().nullable(),
  detail: z.unknown(),
  log: z.string(),
});

export const jobSchema = z.strictObject({
  id: z.number().int(),
  kind: z.string(),
  model: z.string().nullable(),
  state: z.enum(JOB_STATE_NAMES),
  attempts: z.number().int(),
  error: z.string().nullable(),
  /** The pipeline's result (decision, champion and challenger, message) once finished. */
  result: z.unknown(),
  created_at: z.string(),
  created_by: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  /** Wall time from start to finish (or to now while running), in ms; null before it starts. */
  duration_ms: z.number().nullable(),
});

export const jobDetailSchema = jobSchema.extend({
  steps: z.array(jobStepSchema),
  /** Every step's log, in order, each line prefixed with its step. */
  log: z.string(),
});

export const jobsQuerySchema = z.strictObject({
  model: z.string().min(1).max(200).optional(),
  state: z.enum(JOB_STATE_NAMES).optional(),
  kind: z.string().min(1).max(100).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const jobIdParamsSchema = z.strictObject({ id: z.number().int().min(1) });

export const listJobsResponseSchema = z.strictObject({ jobs: z.array(jobSchema) });

export const retrainBodySchema = z.strictObject({ reason: z.string().max(2000).optional() });

export const retrainResponseSchema = jobSchema.extend({
  /** True when a job for this model was already waiting or running: that job is answered, none was started. */
  duplicate: z.boolean(),
});

export const APPROVAL_STATES = ['pending', 'approved', 'rejected'] as const;

export const approvalSchema = z.strictObject({
  id: z.number().int(),
  /** retraining (before training) or promotion (before promoting the challenger). */
  kind: z.string(),
  model: z.string(),
  model_version: z.number().int().nullable(),
  job_id: z.number().int().nullable(),
  state: z.enum(APPROVAL_STATES),
  /** The pipeline's evidence: drift, trigger, metric, champion, challenger, gates. */
  evidence: z.unknown(),
  requested_at: z.string(),
  requested_by: z.string(),
  decided_by: z.string().nullable(),
  decided_at: z.string().nullable(),
  comment: z.string().nullable(),
});

export const approvalsQuerySchema = z.strictObject({
  state: z.enum(APPROVAL_STATES).optional(),
  model: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const approvalIdParamsSchema = z.strictObject({ id: z.number().int().min(1) });

export const listApprovalsResponseSchema = z.strictObject({ approvals: z.array(approvalSchema) });

export const decideBodySchema = z.strictObject({ comment: z.string().max(2000).optional() });

export const decideResponseSchema = approvalSchema.extend({
  /** What the pipeline did next (approved requests continue it), or null. */
  outcome: z
    .strictObject({
      job_id: z.number().int(),
      decision: z.string(),
      message: z.string(),
      production_version: z.number().int().nullable(),
    })
    .nullable(),
});

export type JobStepInfo = z.infer<typeof jobStepSchema>;
export type JobInfo = z.infer<typeof jobSchema>;
export type JobDetail = z.infer<typeof jobDetailSchema>;
export type JobsQuery = z.infer<typeof jobsQuerySchema>;
export type RetrainBody = z.infer<typeof retrainBodySchema>;
export type RetrainResponse = z.infer<typeof retrainResponseSchema>;
export type ApprovalInfo = z.infer<typeof approvalSchema>;
export type ApprovalsQuery = z.infer<typeof approvalsQuerySchema>;
export type DecideBody = z.infer<typeof decideBodySchema>;
export type DecideResponse = z.infer<typeof decideResponseSchema>;

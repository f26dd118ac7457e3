/**
 * Approval requests of the retraining pipeline: list, show (with the evidence), approve or reject. A decision
 * goes through the pipeline's own `decideApproval` (what `driftwatch approvals approve` runs): approving a
 * promotion request registers and promotes the challenger at once, approving a retraining request queues the
 * pipeline's continuation for the worker; it records the decision in the audit log with the key's name.
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  approvalIdParamsSchema,
  approvalSchema,
  approvalsQuerySchema,
  decideBodySchema,
  decideResponseSchema,
  listApprovalsResponseSchema,
  type ApprovalInfo,
  type ApprovalsQuery,
  type DecideBody,
  type DecideResponse,
} from '../../contracts/index.js';
import { DriftwatchError } from '../../core/index.js';
import { decideApproval, type PipelineRequest } from '../../pipeline/index.js';
import type { Approval } from '../../store/index.js';
import type { RouteContext } from '../build-app.js';
import { optionalBody } from '../optional-body.js';
import { routeSchema } from '../route-schema.js';

export function approvalInfo(a: Approval): ApprovalInfo {
  return {
    id: a.id,
    kind: a.kind,
    model: a.modelName,
    model_version: a.modelVersion,
    job_id: a.jobId,
    state: a.state,
    evidence: a.evidence ?? null,
    requested_at: a.requestedAt,
    requested_by: a.requestedBy,
    decided_by: a.decidedBy,
    decided_at: a.decidedAt,
    comment: a.comment,
  };
}

export const approvalRoutes: FastifyPluginAsync<RouteContext> = async (app, { runtime }) => {
  const { store, clock, registry } = runtime;

  app.get<{ Querystring: ApprovalsQuery }>('/v1/approvals', {
    schema: routeSchema({ tags: ['approvals'], summary: 'Approval requests, newest first', query: approvalsQuerySchema, response: { 200: listApprovalsResponseSchema } }),
  }, async (req) => {
    const q = req.query;
    const list = await store.approvals.list({ ...(q.state !== undefined ? { state: q.state } : {}), ...(q.model !== undefined ? { modelName: q.model } : {}), limit: q.limit ?? 100 });
    return { approvals: list.map(approvalInfo) };
  });

  app.get<{ Params: { id: number } }>('/v1/approvals/:id', {
    schema: routeSchema({ tags: ['approvals'], summary: 'One approval request with its evidence', params: approvalIdParamsSchema, response: { 200: approvalSchema } }),
  }, async (req) => {
    const a = await store.approvals.get(req.params.id);
    if (a === undefined) throw new DriftwatchError('NOT_FOUND', `there is no approval request ${req.params.id}`, { field: 'id' });
    return approvalInfo(a);
  });

  for (const decision of ['approve', 'reject'] as const) {
    app.post<{ Params: { id: number }; Body: DecideBody }>(`/v1/approvals/:id/${decision}`, {
    preValidation: optionalBody,
      // decideApproval writes the audit record (approval.approved / approval.rejected) with the key's name.
      config: { audit: false },
      schema: routeSchema({
        tags: ['approvals'],
        summary: decision === 'approve' ? 'Approve: the pipeline continues (trains, or registers and promotes)' : 'Reject: nothing changes',
        description: '409 when the request was already decided.',
        params: approvalIdParamsSchema,
        body: decideBodySchema,
        response: { 200: decideResponseSchema },
      }),
    }, async (req): Promise<DecideResponse> => {
      const existing = await store.approvals.get(req.params.id);
      if (existing === undefined) throw new DriftwatchError('NOT_FOUND', `there is no approval request ${req.params.id}`, { field: 'id' });
      if (existing.state !== 'pending') throw new DriftwatchError('CONFLICT', `approval request ${existing.id} was already ${existing.state} by ${String(existing.decidedBy)}`, { field: 'id' });
      // Approving a promotion finishes the run here (register, promote, a report: seconds); approving
      // retraining means training, which goes to the worker through the queue like any retraining.
      const continueWith = existing.kind === 'retraining' ? async (r: PipelineRequest) => (await runtime.retraining.enqueue(r)).job : undefined;
      const { decided, outcome, queued } = await decideApproval({ store, clock, registry }, req.params.id, decision === 'approve' ? 'approved' : 'rejected', req.principal.name, req.body?.comment ?? null, continueWith === undefined ? {} : { continueWith });
      return {
        ...approvalInfo(decided),
        outcome: queued !== undefined
          ? { job_id: queued.id, decision: 'queued', message: `job ${queued.id} continues the pipeline (training) on the worker; follow it at GET /v1/jobs/${queued.id}`, production_version: null }
          : outcome === null ? null : { job_id: outcome.job.id, decision: outcome.decision, message: outcome.message, production_version: outcome.productionVersion },
      };
    });
  }
};

/** Approval requests: the evidence a person decides on, and who decided what, when, and why. */
import type { Selectable } from 'kysely';
import { DriftwatchError } from '../../core/index.js';
import { isoOf, isoOrNull, nowValue, type StoreContext } from '../context.js';
import type { ApprovalsTable } from '../schema.js';

export type ApprovalState = 'pending' | 'approved' | 'rejected';
/** 'promotion': promote a trained challenger; 'retraining': start training at all. */
export type ApprovalKind = 'promotion' | 'retraining';

export interface Approval {
  readonly id: number;
  readonly kind: ApprovalKind;
  readonly modelName: string;
  readonly modelVersion: number | null;
  readonly jobId: number | null;
  readonly evidence: unknown;
  readonly state: ApprovalState;
  readonly requestedAt: string;
  readonly requestedBy: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly comment: string | null;
}

export interface NewApproval {
  readonly kind: ApprovalKind;
  readonly modelName: string;
  readonly modelVersion?: number | null;
  readonly jobId?: number | null;
  readonly evidence: unknown;
  readonly requestedBy: string;
}

export interface ApprovalRepository {
  create(input: NewApproval): Promise<Approval>;
  get(id: number): Promise<Approval | undefined>;
  require(id: number): Promise<Approval>;
  /** Newest first. */
  list(filter?: { state?: ApprovalState; modelName?: string; jobId?: number; limit?: number }): Promise<Approval[]>;
  /** Records the decision; CONFLICT when the request was already decided. */
  decide(id: number, decision: 'approved' | 'rejected', actor: string, comment?: string | null): Promise<Approval>;
}

export function approvalRepository(ctx: StoreContext): ApprovalRepository {
  const { db, dialect } = ctx;
  const toApproval = (r: Selectable<ApprovalsTable>): Approval => ({
    id: r.id,
    kind: r.kind as ApprovalKind,
    modelName: r.model_name,
    modelVersion: r.model_version,
    jobId: r.job_id,
    evidence: dialect.readJson(r.evidence),
    state: r.state as ApprovalState,
    requestedAt: isoOf(ctx, r.requested_at),
    requestedBy: r.requested_by,
    decidedBy: r.decided_by,
    decidedAt: isoOrNull(ctx, r.decided_at),
    comment: r.comment,
  });
  const repo: ApprovalRepository = {
    async create(input) {
      const r = await db.insertInto('approvals').values({
        kind: input.kind,
        model_name: input.modelName,
        model_version: input.modelVersion ?? null,
        job_id: input.jobId ?? null,
        evidence: dialect.writeJson(input.evidence),
        state: 'pending',
        requested_at: nowValue(ctx),
        requested_by: input.requestedBy,
        decided_by: null,
        decided_at: null,
        comment: null,
      }).returningAll().executeTakeFirstOrThrow();
      return toApproval(r);
    },
    async get(id) {
      const r = await db.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : toApproval(r);
    },
    async require(id) {
      const a = await repo.get(id);
      if (a === undefined) throw new DriftwatchError('NOT_FOUND', `there is no approval request ${id}; \`driftwatch approvals list\` shows them`, { field: 'approval' });
      return a;
    },
    async list(filter = {}) {
      let q = db.selectFrom('approvals').selectAll();
      if (filter.state !== undefined) q = q.where('state', '=', filter.state);
      if (filter.modelName !== undefined) q = q.where('model_name', '=', filter.modelName);
      if (filter.jobId !== undefined) q = q.where('job_id', '=', filter.jobId);
      const rows = await q.orderBy('id', 'desc').limit(filter.limit ?? 1000).execute();
      return rows.map(toApproval);
    },
    async decide(id, decision, actor, comment = null) {
      const r = await db.updateTable('approvals').set({ state: decision, decided_by: actor, decided_at: nowValue(ctx), comment })
        .where('id', '=', id).where('state', '=', 'pending').returningAll().executeTakeFirst();
      if (r !== undefined) return toApproval(r);
      const a = await repo.require(id);
      throw new DriftwatchError('CONFLICT', `approval request ${id} was already ${a.state} by ${a.decidedBy ?? 'someone'} at ${a.decidedAt ?? 'an unknown time'}`, { field: 'approval' });
    },
  };
  return repo;
}

/** `driftwatch approvals …`: pending approval requests, their evidence, and the decision (which continues the pipeline). */
import { Command } from 'commander';
import { systemClock } from '../../core/index.js';
import type { CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { actorOf, printJson, withStore } from '../store-access.js';
import type { Approval } from '../../store/index.js';

interface Common {
  readonly home?: string;
  readonly actor?: string;
  readonly json?: boolean;
  readonly comment?: string;
  readonly state?: string;
}

const withCommon = (cmd: Command): Command =>
  cmd.option('--home <dir>', 'data directory (default: DRIFTWATCH_HOME, ./.driftwatch)').option('--actor <name>', 'who (default: the OS user)').option('--json', 'print JSON');

const parseId = (id: string): number => {
  const n = Number(id);
  if (!Number.isInteger(n) || n < 1) throw badOption('ID', `must be an approval request number, got "${id}"`);
  return n;
};

export function approvalJson(a: Approval): Record<string, unknown> {
  return { id: a.id, kind: a.kind, model: a.modelName, version: a.modelVersion, job: a.jobId, state: a.state, evidence: a.evidence, requested_at: a.requestedAt, requested_by: a.requestedBy, decided_by: a.decidedBy, decided_at: a.decidedAt, comment: a.comment };
}

export function createApprovalsCommand(ctx: CommandContext): Command {
  const { io } = ctx;
  const cmd = new Command('approvals').summary('approval requests: list, show, approve, reject');
  cmd.addCommand(withCommon(new Command('list').summary('approval requests, newest first').option('--state <state>', 'pending, approved or rejected')).action(async (f: Common) => {
    if (f.state !== undefined && !['pending', 'approved', 'rejected'].includes(f.state)) throw badOption('--state', `must be pending, approved or rejected, got "${f.state}"`);
    await withStore(io, f, undefined, async (store) => {
      const list = await store.approvals.list(f.state !== undefined ? { state: f.state as Approval['state'] } : {});
      if (f.json === true) return printJson(io, list.map(approvalJson));
      if (list.length === 0) io.stdout.write('no approval requests\n');
      for (const a of list) io.stdout.write(`${a.id}  ${a.state.padEnd(8)} ${a.kind.padEnd(10)} ${a.modelName}${a.modelVersion !== null ? `:${a.modelVersion}` : ''}  requested ${a.requestedAt} by ${a.requestedBy}${a.decidedBy !== null ? `  decided by ${a.decidedBy}` : ''}\n`);
    });
  }));
  cmd.addCommand(withCommon(new Command('show').argument('<id>').summary('one request with its evidence')).action(async (id: string, f: Common) => {
    await withStore(io, f, undefined, async (store) => {
      const a = await store.approvals.require(parseId(id));
      if (f.json === true) return printJson(io, approvalJson(a));
      io.stdout.write(`approval ${a.id} (${a.kind}) for ${a.modelName}${a.modelVersion !== null ? ` version ${a.modelVersion}` : ''}: ${a.state}\n${JSON.stringify(a.evidence, null, 2)}\n`);
    });
  }));
  for (const decision of ['approve', 'reject'] as const) {
    cmd.addCommand(withCommon(new Command(decision).argument('<id>').summary(decision === 'approve' ? 'approve, and continue the pipeline (train or promote)' : 'reject: nothing changes').option('--comment <text>', 'why')).action(async (id: string, f: Common) => {
      const { decideApproval } = await import('../../pipeline/index.js');
      await withStore(io, f, undefined, async (store) => {
        const { decided, outcome } = await decideApproval({ store, clock: systemClock }, parseId(id), decision === 'approve' ? 'approved' : 'rejected', actorOf(f, io), f.comment ?? null);
        if (f.json === true) return printJson(io, { approval: approvalJson(decided), outcome: outcome === null ? null : { job: outcome.job.id, decision: outcome.decision, message: outcome.message, production_version: outcome.productionVersion } });
        io.stdout.write(`approval ${decided.id} ${decided.state} by ${String(decided.decidedBy)}\n`);
        if (outcome !== null) io.stdout.write(`job ${outcome.job.id}: ${outcome.decision.replaceAll('_', ' ')} — ${outcome.message}\n`);
      });
    }));
  }
  return cmd;
}

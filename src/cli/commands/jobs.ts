/** `driftwatch jobs …`: durable pipeline jobs, their steps, and resuming one whose process died. */
import { Command } from 'commander';
import { systemClock } from '../../core/index.js';
import type { CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { printJson, withStore } from '../store-access.js';
import type { Job, JobStep } from '../../store/index.js';

interface Common {
  readonly home?: string;
  readonly json?: boolean;
}

const withCommon = (cmd: Command): Command => cmd.option('--home <dir>', 'data directory (default: DRIFTWATCH_HOME, ./.driftwatch)').option('--json', 'print JSON');

export function jobJson(j: Job, steps?: readonly JobStep[]): Record<string, unknown> {
  const result = (j.result ?? {}) as Record<string, unknown>;
  return {
    id: j.id, kind: j.kind, model: j.modelName, state: j.state, attempts: j.attempts, outcome: result.decision ?? null, failed_gate: result.failed_gate ?? null,
    result: j.result, error: j.error, created_at: j.createdAt, created_by: j.createdBy, started_at: j.startedAt, finished_at: j.finishedAt,
    ...(steps !== undefined ? { steps: steps.map((s) => ({ seq: s.seq, name: s.name, attempt: s.attempt, state: s.state, started_at: s.startedAt, finished_at: s.finishedAt, duration_ms: s.durationMs, outcome: s.outcome, detail: s.detail, log: s.log })) } : {}),
  };
}

export function createJobsCommand(ctx: CommandContext): Command {
  const { io } = ctx;
  const cmd = new Command('jobs').summary('pipeline jobs: list, show, resume');
  cmd.addCommand(withCommon(new Command('list').summary('jobs, newest first')).action(async (f: Common) => {
    await withStore(io, f, undefined, async (store) => {
      const jobs = await store.jobs.list();
      if (f.json === true) return printJson(io, jobs.map((j) => jobJson(j)));
      if (jobs.length === 0) io.stdout.write('no jobs\n');
      for (const j of jobs) {
        const r = (j.result ?? {}) as { decision?: string; failed_gate?: { gate: string } | null };
        io.stdout.write(`${j.id}  ${j.state.padEnd(9)} ${j.kind} ${String(j.modelName)}  ${r.decision ?? j.error ?? ''}${r.failed_gate != null ? ` (gate ${r.failed_gate.gate})` : ''}  ${j.createdAt}\n`);
      }
    });
  }));
  cmd.addCommand(withCommon(new Command('show').argument('<id>').summary('one job with its steps and logs')).action(async (id: string, f: Common) => {
    const n = Number(id);
    if (!Number.isInteger(n) || n < 1) throw badOption('ID', `must be a job number, got "${id}"`);
    await withStore(io, f, undefined, async (store) => {
      const j = await store.jobs.require(n);
      const steps = await store.jobs.steps(n);
      if (f.json === true) return printJson(io, jobJson(j, steps));
      io.stdout.write(`job ${j.id} (${j.kind} ${String(j.modelName)}): ${j.state}${j.error !== null ? ` — ${j.error}` : ''}\n`);
      for (const s of steps) io.stdout.write(`  ${s.seq}. ${s.name.padEnd(16)} ${s.state.padEnd(9)} ${s.durationMs ?? '-'} ms  ${s.outcome ?? ''}\n`);
    });
  }));
  cmd.addCommand(withCommon(new Command('resume').argument('[id]').summary('resume pipeline jobs whose process died, from their last completed step')).action(async (id: string | undefined, f: Common) => {
    const { resumeJobs } = await import('../../pipeline/index.js');
    await withStore(io, f, undefined, async (store) => {
      const outcomes = await resumeJobs({ store, clock: systemClock }, id === undefined ? undefined : Number(id));
      if (f.json === true) return printJson(io, outcomes.map((o) => ({ job: o.job.id, decision: o.decision, message: o.message })));
      if (outcomes.length === 0) io.stdout.write('no job to resume\n');
      for (const o of outcomes) io.stdout.write(`job ${o.job.id}: ${o.decision.replaceAll('_', ' ')} — ${o.message}\n`);
    });
  }));
  return cmd;
}

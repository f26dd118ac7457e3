/** `driftwatch pipeline`: check drift, decide by policy, retrain, gate, ask, promote — recorded as a durable job. */
import { Command } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import { systemClock } from '../../core/index.js';
import type { CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { actorOf, askYesNo, canAsk, printJson, withStore } from '../store-access.js';
import type { ApprovalQuestion, PipelineOutcome } from '../../pipeline/index.js';
import type { Store } from '../../store/index.js';

interface PipelineFlags {
  readonly config?: string;
  readonly name?: string;
  readonly reference?: string;
  readonly current?: string;
  readonly label?: string;
  readonly yes?: boolean;
  readonly no?: boolean;
  readonly auto?: boolean;
  readonly force?: boolean;
  readonly json?: boolean;
  readonly home?: string;
  readonly actor?: string;
  readonly preset?: string;
  readonly driftShare?: string;
  readonly failOnDrift?: boolean;
  readonly baseline?: string;
}

export function createPipelineCommand(ctx: CommandContext): Command {
  return new Command('pipeline')
    .summary('check drift and, when the policy says so, retrain, gate, approve and promote')
    .description(
      'Runs the retraining pipeline for a registered model as a durable job: check drift against the monitored ' +
        'reference → decide by the trigger policies → train a challenger → evaluate it and the champion on the same ' +
        'holdout → gates → approval → register → promote → update the reference → regenerate the report. With no ' +
        'registered model yet it first trains version 1 on the reference and makes it production. Exits 0 whenever it ran.',
    )
    .option('-c, --config <file>', 'driftwatch.yaml with a `pipeline:` section')
    .option('--name <model>', 'the registered model name')
    .option('-r, --reference <file>', 'reference data (used until the model has a baseline)')
    .option('-k, --current <file>', 'current (production) data, labelled')
    .option('-l, --label <column>', 'the label column')
    .option('--yes', 'approve without asking')
    .option('--no', 'reject without asking')
    .option('--auto', 'approval mode auto: promote when the gates pass')
    .option('--force', 'retrain whatever the triggers say')
    .option('--preset <name>', 'drift preset (default, evidently, classic)')
    .option('--drift-share <share>', 'dataset drift when at least this share of features drift')
    .option('--fail-on-drift', 'exit 1 when dataset drift was found')
    .option('--baseline <which>', 'what a promoted version is monitored against: current (default) or training_data')
    .option('--json', 'print the outcome as one JSON object')
    .option('--home <dir>', 'data directory (default: DRIFTWATCH_HOME, the config, ./.driftwatch)')
    .option('--actor <name>', 'who runs it (default: the OS user)')
    .action(async (flags: PipelineFlags) => {
      const { io } = ctx;
      if (flags.yes === true && flags.no === true) throw badOption('--yes', 'give --yes or --no, not both');
      const [{ loadConfig, pipelineConfigOf }, p] = await Promise.all([import('../../runtime/index.js'), import('../../pipeline/index.js')]);
      const loaded = flags.config !== undefined ? await loadConfig(flags.config, io.cwd) : null;
      const cfg = loaded?.config;
      const abs = (f: string) => (isAbsolute(f) ? f : resolve(io.cwd, f));
      const name = flags.name ?? cfg?.pipeline?.name;
      const reference = flags.reference !== undefined ? abs(flags.reference) : cfg?.reference;
      const current = flags.current !== undefined ? abs(flags.current) : cfg?.current;
      const label = flags.label ?? cfg?.label;
      if (name === undefined) throw badOption('--name', 'missing: name the model (or `pipeline: { name: … }` in the config)');
      if (reference === undefined) throw badOption('--reference', 'missing: give the reference data file');
      if (current === undefined) throw badOption('--current', 'missing: give the current data file');
      if (label === undefined) throw badOption('--label', 'missing: name the label column');
      let driftShare: number | undefined = cfg?.drift_share;
      if (flags.driftShare !== undefined) {
        driftShare = Number(flags.driftShare);
        if (!(driftShare > 0 && driftShare <= 1)) throw badOption('--drift-share', `must be a number in (0, 1], got "${flags.driftShare}"`);
      }
      const preset = (flags.preset ?? cfg?.preset) as 'default' | 'evidently' | 'classic' | undefined;
      if (preset !== undefined && !['default', 'evidently', 'classic'].includes(preset)) throw badOption('--preset', `must be default, evidently or classic, got "${preset}"`);
      let pipelineCfg = cfg !== undefined ? pipelineConfigOf(cfg) : {};
      if (flags.baseline !== undefined) {
        const choice = p.BASELINE_CHOICES.find((b) => b === flags.baseline);
        if (choice === undefined) throw badOption('--baseline', `must be current or training_data, got "${flags.baseline}"`);
        pipelineCfg = { ...pipelineCfg, baseline: choice };
      }
      if (flags.auto === true) pipelineCfg = { ...pipelineCfg, approval: { ...pipelineCfg.approval, mode: 'auto' } };
      if (cfg?.retraining?.requires_labels === false) io.stderr.write('retraining.requires_labels is false in the config: training always needs the label column, so it changes nothing\n');
      if (cfg?.retraining?.enabled === false && flags.force !== true) io.stderr.write('retraining.enabled is false in the config: drift is checked, nothing is retrained (--force retrains)\n');
      const settings = p.resolvePipelineSettings(pipelineCfg);
      if (settings.triggers.schedule !== null) p.assertCron(settings.triggers.schedule);
      const actor = actorOf(flags, io);
      const interactive = canAsk(io) && flags.json !== true;
      const ask = async (q: ApprovalQuestion): Promise<boolean | null> => {
        if (flags.yes === true) return true;
        if (flags.no === true) return false;
        if (!interactive) return null;
        io.stderr.write(evidenceLines(q).join('\n') + '\n');
        return askYesNo(io, q.kind === 'promotion' ? `Promote version ${String(q.version)} to production?` : 'Approve retraining?');
      };
      const outcome = await withStore(io, flags, cfg?.home, async (store) => {
        const o = await p.runPipeline({ store, clock: systemClock, ask, ...(flags.json === true ? {} : { onStep: (s, state, o) => { if (state !== 'started') io.stderr.write(`  ${state === 'succeeded' ? '✓' : state === 'failed' ? '✗' : '·'} ${s}${o !== undefined ? `: ${o}` : ''}\n`); } }) }, {
          name, reference, current, label, settings, actor, cwd: loaded?.baseDir ?? io.cwd, force: flags.force === true,
          analysis: { ...(preset !== undefined ? { preset } : {}), ...(driftShare !== undefined ? { driftShare } : {}), ...(cfg?.columns?.drop !== undefined ? { drop: cfg.columns.drop } : {}) },
        });
        await writeRetrainingFiles(io, store, name, cfg?.retraining);
        return o;
      });
      if (flags.json === true) printJson(io, outcomeJson(outcome));
      else io.stdout.write(summaryLines(outcome).join('\n') + '\n');
      const failOnDrift = flags.failOnDrift === true || cfg?.fail_on_drift === true;
      ctx.exitCode = failOnDrift && outcome.drift?.dataset_drift === true ? 1 : 0;
    });
}

/** `retraining.save_path` gets the production model and `retraining.log_path` the retrain log, after every run. */
async function writeRetrainingFiles(io: CommandContext['io'], store: Store, name: string, r: { save_path?: string; log_path?: string } | undefined): Promise<void> {
  if (r === undefined) return;
  const p = await import('../../pipeline/index.js');
  if (r.save_path !== undefined) {
    const version = await p.saveProductionModel(store, name, r.save_path);
    if (version !== null) io.stderr.write(`wrote ${name} version ${version} (production) to ${r.save_path}\n`);
  }
  if (r.log_path !== undefined) await p.writeRetrainLog(store, r.log_path, name);
}

function evidenceLines(q: ApprovalQuestion): string[] {
  const e = q.evidence;
  const lines = [`drift: ${e.drift.dataset_drift ? 'dataset drift' : 'no dataset drift'} (share ${fmt(e.drift.drift_share)}, severity ${String(e.drift.severity)}${e.drift.target_drift ? ', target drift' : ''}); trigger: ${e.trigger.join(', ')}`];
  if (e.champion !== null || e.challenger !== null) {
    lines.push(`${e.metric}: champion${e.champion?.version != null ? ` (version ${e.champion.version})` : ''} ${fmt(e.champion?.value ?? null)}  →  challenger${e.challenger !== null ? ` (version ${e.challenger.version})` : ''} ${fmt(e.challenger?.value ?? null)}`);
  }
  for (const g of e.gates) lines.push(`gate ${g.gate}: ${g.passed ? 'passed' : 'FAILED'} — ${g.detail}`);
  return lines;
}

function summaryLines(o: PipelineOutcome): string[] {
  const lines: string[] = [];
  if (o.drift !== null) lines.push(`drift: ${o.drift.dataset_drift ? 'dataset drift' : 'no dataset drift'} (share ${fmt(o.drift.drift_share)}, severity ${String(o.drift.severity)})`);
  if (o.trigger !== null && o.trigger.retrain) lines.push(`trigger: ${o.trigger.explanation.join('; ')}`);
  if (o.challengerValue !== null) lines.push(`${o.metric}: champion ${fmt(o.championValue)}, challenger ${fmt(o.challengerValue)}`);
  lines.push(`job ${o.job.id}: ${o.decision.replaceAll('_', ' ')} — ${o.message}`);
  return lines;
}

function outcomeJson(o: PipelineOutcome): Record<string, unknown> {
  return {
    job: o.job.id, decision: o.decision, message: o.message, trigger: o.trigger?.reasons ?? [], drift: o.drift, metric: o.metric,
    champion: { version: o.championVersion, value: o.championValue }, challenger: { version: o.challengerVersion, value: o.challengerValue },
    gates: o.gates, approval_id: o.approvalId, production_version: o.productionVersion,
  };
}

function fmt(v: number | null): string {
  return v === null || Number.isNaN(v) ? 'n/a' : String(Math.round(v * 10000) / 10000);
}

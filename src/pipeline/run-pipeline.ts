/**
 * The retraining pipeline as a durable job: check drift → decide → (approve) → select data → train →
 * evaluate → gates → (approve) → register → promote → update the reference → regenerate the report.
 * Every step is a job step with its start, end, outcome, duration and a JSON detail; a resumed job reuses
 * the details of the steps it completed and runs only the rest, and the version it registers is tagged
 * with the job, so a crash between "registered" and "step finished" never registers a second version.
 */
import { hostname } from 'node:os';
import type { Clock } from '../core/index.js';
import { DriftwatchError } from '../core/index.js';
import { readTable, type Table } from '../data/index.js';
import { analyzeDrift, type DriftReport } from '../drift/index.js';
import { evaluateModel, loadModel, type Model } from '../models/index.js';
import { createRegistry, PRODUCTION, type ModelVersion, type Registry } from '../registry/index.js';
import type { Job, Store } from '../store/index.js';
import { evaluateGates, gateFailure, type GateResult } from './gates.js';
import type { PipelineSettings } from './pipeline-config.js';
import { scheduleDue } from './schedule.js';
import { labelledRows, selectTrainingData, splitHoldout } from './select-data.js';
import { trainChallenger } from './trainers.js';
import { decideTrigger, type TriggerDecision, type TriggerReason } from './trigger-policy.js';

export const PIPELINE_JOB_KIND = 'pipeline';

/** What a run needs; stored as the job's payload, so everything here is plain JSON. */
export interface PipelineRequest {
  readonly name: string;
  /** Absolute paths. The reference is used only until the model has a production baseline. */
  readonly reference: string;
  readonly current: string;
  readonly label: string;
  readonly settings: PipelineSettings;
  readonly analysis?: { readonly preset?: 'default' | 'evidently' | 'classic'; readonly driftShare?: number; readonly drop?: readonly string[] };
  readonly force?: boolean;
  readonly actor: string;
  /** Folder an external training command runs in. */
  readonly cwd: string;
  /** Drift alerts counted by the caller (service), for the after-N-alerts policy. */
  readonly driftAlerts?: number;
  /** Set on a job that continues another after its approval was decided. */
  readonly continues?: { readonly jobId: number; readonly approvalId: number };
  /**
   * What the service's monitor saw when it asked for this run: its check, on the window it watches, is the
   * evidence a person approves on. The pipeline's own check covers all the rows it trains on, in which the
   * drifted ones may still be few.
   */
  readonly observed?: { readonly drift: ApprovalEvidence['drift']; readonly reasons: readonly string[]; readonly reportId: number | null };
}

export interface ApprovalQuestion {
  readonly approvalId: number;
  readonly kind: 'promotion' | 'retraining';
  readonly version: number | null;
  readonly evidence: ApprovalEvidence;
}

export interface ApprovalEvidence {
  readonly drift: { readonly dataset_drift: boolean; readonly drift_share: number | null; readonly severity: string | null; readonly target_drift: boolean };
  readonly trigger: readonly string[];
  readonly metric: string;
  readonly champion: { readonly version: number | null; readonly value: number | null } | null;
  readonly challenger: { readonly version: number; readonly value: number } | null;
  readonly gates: readonly GateResult[];
}

export interface PipelineDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly registry?: Registry;
  /**
   * Asks a person (a TTY prompt): true approves, false rejects, null leaves the request pending. Absent:
   * human approvals stay pending.
   */
  readonly ask?: (q: ApprovalQuestion) => Promise<boolean | null>;
  /** Each step as it starts and ends (for a CLI's progress lines). */
  readonly onStep?: (name: string, state: 'started' | 'succeeded' | 'failed' | 'skipped', outcome?: string) => void;
}

export type PipelineDecision =
  | 'bootstrapped'
  | 'no_retraining'
  | 'promoted'
  | 'rejected_by_gate'
  | 'rejected_by_approver'
  | 'awaiting_approval'
  | 'already_running'
  | 'approval_pending';

export interface PipelineOutcome {
  readonly decision: PipelineDecision;
  readonly job: Job;
  readonly created: boolean;
  readonly trigger: TriggerDecision | null;
  readonly drift: ApprovalEvidence['drift'] | null;
  readonly metric: string;
  readonly championVersion: number | null;
  readonly championValue: number | null;
  readonly challengerVersion: number | null;
  readonly challengerValue: number | null;
  readonly gates: readonly GateResult[];
  readonly approvalId: number | null;
  readonly productionVersion: number | null;
  readonly message: string;
}

export const dedupeKeyFor = (name: string): string => `pipeline:${name}`;
const runnerId = (): string => `${hostname()}:${process.pid}`;

/** Starts a pipeline run for a model, or reports the job (or pending approval) already holding it. */
export async function runPipeline(deps: PipelineDeps, request: PipelineRequest): Promise<PipelineOutcome> {
  const { store } = deps;
  if (request.continues === undefined) {
    const pending = await store.approvals.list({ state: 'pending', modelName: request.name, limit: 1 });
    if (pending[0] !== undefined && pending[0].jobId !== null) {
      const job = await store.jobs.require(pending[0].jobId);
      return { ...emptyOutcome(job, false, request.settings), decision: 'approval_pending', approvalId: pending[0].id, message: `approval request ${pending[0].id} for "${request.name}" is still pending: decide it first (\`driftwatch approvals approve ${pending[0].id}\` or \`reject ${pending[0].id}\`)` };
    }
  }
  const { job, created } = await store.jobs.enqueue({ kind: PIPELINE_JOB_KIND, modelName: request.name, dedupeKey: dedupeKeyFor(request.name), payload: request, createdBy: request.actor });
  if (!created) return { ...emptyOutcome(job, false, request.settings), decision: 'already_running', message: `job ${job.id} is already ${job.state} for "${request.name}"; no second job was started` };
  const started = await store.jobs.start(job.id);
  if (started === undefined) return { ...emptyOutcome(job, false, request.settings), decision: 'already_running', message: `job ${job.id} was taken by another process` };
  return executeJob(deps, started, true);
}

/** Resumes running pipeline jobs whose process died (or one job by id); returns what each did. */
export async function resumeJobs(deps: PipelineDeps, only?: number): Promise<PipelineOutcome[]> {
  const { store } = deps;
  const jobs = only !== undefined ? [await store.jobs.require(only)] : await store.jobs.list({ kind: PIPELINE_JOB_KIND, state: ['running', 'queued'] });
  const out: PipelineOutcome[] = [];
  for (const j of jobs.reverse()) {
    if (j.kind !== PIPELINE_JOB_KIND) throw new DriftwatchError('CONFLICT', `job ${j.id} is a ${j.kind} job, not a pipeline job`, { field: 'job' });
    if (j.state === 'running') {
      if (await runnerAlive(store, j)) {
        if (only !== undefined) throw new DriftwatchError('CONFLICT', `job ${j.id} is running in a live process; it cannot be resumed`, { field: 'job' });
        continue;
      }
      await store.jobs.requeue(j.id);
    } else if (j.state !== 'queued') {
      throw new DriftwatchError('CONFLICT', `job ${j.id} is ${j.state}: only a queued job or a running job whose process died can be resumed`, { field: 'job' });
    }
    const started = await store.jobs.start(j.id);
    if (started !== undefined) out.push(await executeJob(deps, started, false));
  }
  return out;
}

/**
 * Records a person's decision on an approval request and, when approved, continues the pipeline: here and now,
 * or — with `continueWith` (a service whose worker runs jobs) — by handing the continuation's request to it,
 * which records and queues the job (the answer then has no outcome yet, and `queued` is that job).
 */
export async function decideApproval(
  deps: PipelineDeps,
  approvalId: number,
  decision: 'approved' | 'rejected',
  actor: string,
  comment: string | null = null,
  options: { readonly continueWith?: (request: PipelineRequest) => Promise<Job> } = {},
): Promise<{ decided: import('../store/index.js').Approval; outcome: PipelineOutcome | null; queued?: Job }> {
  const { store } = deps;
  const decided = await store.approvals.decide(approvalId, decision, actor, comment);
  await store.audit.record({ actor, action: `approval.${decision}`, subjectKind: 'approval', subject: String(approvalId), details: { model: decided.modelName, version: decided.modelVersion, kind: decided.kind, job: decided.jobId, comment } });
  if (decided.jobId === null) return { decided, outcome: null };
  const parent = await store.jobs.require(decided.jobId);
  const request = parent.payload as PipelineRequest;
  if (decision === 'rejected') {
    await recordRetrain(store, request, { at: deps.clock.now(), decision: 'rejected_by_approver', who: actor, version: decided.modelVersion, parentJob: parent.id });
    return { decided, outcome: null };
  }
  const next: PipelineRequest = { ...request, actor, continues: { jobId: rootJobId(parent), approvalId } };
  if (options.continueWith !== undefined) return { decided, outcome: null, queued: await options.continueWith(next) };
  const outcome = await runPipeline(deps, next);
  return { decided, outcome };
}

function rootJobId(job: Job): number {
  const p = job.payload as PipelineRequest;
  return p.continues?.jobId ?? job.id;
}

async function runnerAlive(store: Store, job: Job): Promise<boolean> {
  const steps = await store.jobs.steps(job.id);
  const last = steps.at(-1);
  const m = last === undefined ? null : /runner (\S+):(\d+)/.exec(last.log);
  if (m === null || m[1] !== hostname()) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function emptyOutcome(job: Job, created: boolean, settings: PipelineSettings): PipelineOutcome {
  return { decision: 'already_running', job, created, trigger: null, drift: null, metric: settings.gates.metric, championVersion: null, championValue: null, challengerVersion: null, challengerValue: null, gates: [], approvalId: null, productionVersion: null, message: '' };
}

// ---------------------------------------------------------------------------------------------------------

type Detail = Record<string, unknown>;

async function executeJob(deps: PipelineDeps, job: Job, created: boolean): Promise<PipelineOutcome> {
  const { store } = deps;
  const registry = deps.registry ?? createRegistry(store);
  const request = job.payload as PipelineRequest;
  const rootId = rootJobId(job);
  // Details of completed steps: the parent's (a continuation) and this job's own (a resumed job).
  const done = new Map<string, Detail>();
  if (request.continues !== undefined) for (const s of await store.jobs.steps(request.continues.jobId)) if (s.state === 'succeeded') done.set(s.name, s.detail as Detail);
  for (const s of await store.jobs.steps(job.id)) if (s.state === 'succeeded') done.set(s.name, s.detail as Detail);
  // A continuation re-decides its approval step.
  if (request.continues !== undefined) done.delete('approval');

  const step = async <T extends Detail>(name: string, fn: (log: (text: string) => Promise<void>) => Promise<{ outcome: string; detail: T }>): Promise<T> => {
    const cached = done.get(name);
    if (cached !== undefined) {
      deps.onStep?.(name, 'skipped', 'done before');
      return cached as T;
    }
    const s = await store.jobs.startStep(job.id, name);
    await store.jobs.appendLog(s.id, `runner ${runnerId()}\n`);
    deps.onStep?.(name, 'started');
    try {
      const { outcome, detail } = await fn((text) => store.jobs.appendLog(s.id, text));
      await store.jobs.finishStep(s.id, 'succeeded', { outcome, detail });
      done.set(name, detail);
      deps.onStep?.(name, 'succeeded', outcome);
      return detail;
    } catch (e) {
      await store.jobs.appendLog(s.id, `${(e as Error).message}\n`).catch(() => undefined);
      await store.jobs.finishStep(s.id, 'failed', { outcome: (e as Error).message }).catch(() => undefined);
      deps.onStep?.(name, 'failed', (e as Error).message);
      throw e;
    }
  };

  const settings = request.settings;
  const metric = settings.gates.metric;
  let outcome: PipelineOutcome;
  try {
    outcome = await runSteps({ deps, registry, request, job, rootId, step, settings, metric, created });
  } catch (e) {
    await store.jobs.finish(job.id, 'failed', { error: (e as Error).message }).catch(() => undefined);
    throw e;
  }
  const finished = await store.jobs.finish(job.id, 'succeeded', { result: resultOf(outcome) });
  return { ...outcome, job: finished };
}

function resultOf(o: PipelineOutcome): Record<string, unknown> {
  const failed = o.gates.find((g) => !g.passed);
  return {
    decision: o.decision,
    trigger: o.trigger?.reasons ?? [],
    drift_share: o.drift?.drift_share ?? null,
    metric: o.metric,
    champion: o.championVersion === null ? null : { version: o.championVersion, value: o.championValue },
    challenger: o.challengerVersion === null ? null : { version: o.challengerVersion, value: o.challengerValue },
    failed_gate: failed === undefined ? null : { gate: failed.gate, detail: failed.detail, values: failed.values },
    approval_id: o.approvalId,
    production_version: o.productionVersion,
    message: o.message,
  };
}

interface RunContext {
  readonly deps: PipelineDeps;
  readonly registry: Registry;
  readonly request: PipelineRequest;
  readonly job: Job;
  readonly rootId: number;
  readonly step: <T extends Detail>(name: string, fn: (log: (text: string) => Promise<void>) => Promise<{ outcome: string; detail: T }>) => Promise<T>;
  readonly settings: PipelineSettings;
  readonly metric: string;
  readonly created: boolean;
}

async function runSteps(c: RunContext): Promise<PipelineOutcome> {
  const { deps, registry, request, step, settings, metric } = c;
  const { store, clock } = deps;
  const name = request.name;
  const tagJob = String(c.rootId);
  const base = { job: c.job, created: c.created, metric, gates: [] as GateResult[], approvalId: null, challengerVersion: null, challengerValue: null };

  // With no model yet, version 1 is trained on the reference and made production.
  const bootstrap = await step('bootstrap', async (log) => {
    const existing = await productionOf(registry, name);
    if (existing !== null) return { outcome: `version ${existing.version} is in production`, detail: { trained: false, version: existing.version } };
    const already = await versionTagged(registry, name, tagJob, 'bootstrap');
    const reference = await readTable(request.reference);
    let version = already;
    if (version === null) {
      const { holdout, rest } = splitHoldout(reference, request.label, settings.holdout.fraction, settings.holdout.seed);
      const trained = await trainChallenger({ train: rest, label: request.label, settings: settings.trainer, clock, cwd: request.cwd, onLog: (t) => void log(t) });
      const metrics = await scoreBytes(trained.bytes, holdout, request.label);
      version = await registry.registerModel({
        name, modelBytes: trained.bytes, reference: { table: reference, source: request.reference }, label: request.label, metrics, parameters: trained.parameters,
        tags: { job: tagJob, trigger: 'bootstrap' }, alias: PRODUCTION, actor: request.actor, reason: 'first version, trained on the reference',
      });
    } else if (!version.aliases.includes(PRODUCTION)) {
      version = await registry.promote(name, version.version, { actor: request.actor, reason: 'first version, trained on the reference' });
    }
    return { outcome: `version ${version.version} trained on the reference and made production`, detail: { trained: true, version: version.version } };
  });

  // Check drift against the monitored reference (the production version's baseline).
  const check = await step('check_drift', async () => {
    const [{ table: reference, datasetVersion }, current] = await Promise.all([registry.loadReference(name), readTable(request.current)]);
    const report = analyze(reference, current, request, clock);
    const champion = await productionOf(registry, name);
    let performance: { metric: string; recorded: number; current: number } | null = null;
    const perf = settings.triggers.performance;
    const recorded = champion?.metrics[perf?.metric ?? metric];
    if (perf !== null && champion !== null && typeof recorded === 'number' && labelledRows(current, request.label).length > 0) {
      const { model } = await registry.loadModel({ name, version: champion.version });
      const value = await metricOf(model, current, request.label, perf.metric);
      if (value !== null) performance = { metric: perf.metric, recorded, current: value };
    }
    const stored = await store.reports.save({ modelName: name, modelVersion: champion?.version ?? null, referenceDatasetVersionId: datasetVersion.id, summary: summaryOf(report), report });
    return {
      outcome: report.dataset.dataset_drift ? `dataset drift: ${report.dataset.drifted_columns} of ${report.dataset.columns_analyzed} columns (share ${round(report.dataset.drifted_share)})` : `no dataset drift (${report.dataset.drifted_columns} of ${report.dataset.columns_analyzed} columns drifted)`,
      detail: {
        drift: driftOf(report),
        quality_failures: qualityFailures(report),
        performance,
        champion_version: champion?.version ?? null,
        report_id: stored.id,
      },
    };
  });
  const drift = check.drift as ApprovalEvidence['drift'];
  const championVersion = check.champion_version as number | null;

  const decision = await step('decide', async () => {
    const lastRun = (await store.jobs.list({ kind: PIPELINE_JOB_KIND, modelName: name, state: 'succeeded', limit: 1 }))[0];
    const due = settings.triggers.schedule === null ? false : scheduleDue(settings.triggers.schedule, lastRun === undefined ? null : Date.parse(lastRun.finishedAt ?? lastRun.createdAt), clock.now());
    const d = decideTrigger({
      manual: request.force === true,
      noModel: false,
      datasetDrift: drift.dataset_drift,
      driftShare: drift.drift_share,
      severity: drift.severity as 'LOW' | 'MEDIUM' | 'HIGH' | null,
      targetDrift: drift.target_drift,
      performance: check.performance as { metric: string; recorded: number; current: number } | null,
      driftAlerts: request.driftAlerts ?? 0,
      scheduleDue: due,
    }, settings.triggers);
    return { outcome: d.retrain ? `retrain: ${d.explanation.join('; ')}` : d.explanation.join('; '), detail: { ...d } };
  }) as unknown as TriggerDecision;

  const out = (o: Partial<PipelineOutcome> & Pick<PipelineOutcome, 'decision' | 'message'>): PipelineOutcome => ({
    ...base, trigger: decision, drift, championVersion, championValue: null, productionVersion: championVersion, ...o,
  });
  if (!decision.retrain) {
    const o = out({ decision: bootstrap.trained === true ? 'bootstrapped' : 'no_retraining', message: bootstrap.trained === true ? `version ${String(bootstrap.version)} trained on the reference and made production; ${decision.explanation.join('; ')}` : decision.explanation.join('; ') });
    await recordRetrain(store, request, { at: clock.now(), decision: o.decision, trigger: decision.reasons, driftShare: drift.drift_share, who: request.actor, version: championVersion, jobId: c.job.id });
    return o;
  }

  const evidenceBase = { drift: request.observed?.drift ?? drift, trigger: request.observed?.reasons ?? decision.reasons, metric };
  const human = settings.approval.mode === 'human';
  if (human && settings.approval.where === 'before_training') {
    const a = await approvalStep(c, 'retraining', null, { ...evidenceBase, champion: championVersion === null ? null : { version: championVersion, value: null }, challenger: null, gates: [] });
    if (a.state !== 'approved') return out(a.state === 'pending' ? { decision: 'awaiting_approval', approvalId: a.id, message: pendingMessage(a.id, 'retraining') } : { decision: 'rejected_by_approver', approvalId: a.id, message: `retraining was rejected (approval ${a.id}); nothing changed` });
  }

  const trained = await step('train', async (log) => {
    const existing = await versionTagged(registry, name, tagJob, 'challenger');
    if (existing !== null) return { outcome: `version ${existing.version} was registered before a restart`, detail: { sha256: existing.artifactSha256, parameters: existing.parameters, rows: 0, data: '' } };
    const { train, description } = await trainingData(registry, request);
    await log(`training data: ${description}\n`);
    const model = await trainChallenger({ train, label: request.label, settings: settings.trainer, clock, cwd: request.cwd, onLog: (t) => void log(t) });
    const info = await store.artifacts.put(model.bytes);
    return { outcome: `trained on ${train.rowCount} rows (${description})`, detail: { sha256: info.sha256, parameters: model.parameters, rows: train.rowCount, data: description } };
  });

  const evaluated = await step('evaluate', async () => {
    const { holdout } = await trainingData(registry, request);
    const challengerModel = await modelFromArtifact(store, trained.sha256 as string, request.label);
    const challengerMetrics = await metricsOf(challengerModel, holdout, request.label);
    let championMetrics: Record<string, number> | null = null;
    if (championVersion !== null) {
      const { model } = await registry.loadModel({ name, version: championVersion });
      championMetrics = await metricsOf(model, holdout, request.label);
    }
    return {
      outcome: `${metric} on ${holdout.rowCount} holdout rows: challenger ${round(challengerMetrics[metric] ?? NaN)}${championMetrics === null ? '' : `, champion ${round(championMetrics[metric] ?? NaN)}`}`,
      detail: { holdout_rows: holdout.rowCount, challenger: challengerMetrics, champion: championMetrics },
    };
  });
  const challengerValue = (evaluated.challenger as Record<string, number>)[metric] ?? NaN;
  const championValue = evaluated.champion === null ? null : (evaluated.champion as Record<string, number>)[metric] ?? null;

  const gated = await step('gates', async () => {
    const results = evaluateGates({ metric, challenger: challengerValue, champion: championValue, qualityFailures: check.quality_failures as string[] }, settings.gates);
    const failure = gateFailure(results);
    return { outcome: failure ?? 'all gates passed', detail: { results, failure } };
  });
  const gates = gated.results as GateResult[];
  const nextVersion = (await registry.getModel(name)).latestVersion + 1;
  const withValues = { gates, championValue, challengerValue };

  const register = (reason: string) => step('register', async () => {
    const existing = await versionTagged(registry, name, tagJob, 'challenger');
    if (existing !== null) return { outcome: `version ${existing.version} (registered before a restart)`, detail: { version: existing.version } };
    const { train } = await trainingData(registry, request);
    const bytes = await store.artifacts.get(trained.sha256 as string);
    // Lineage is always the training data. The baseline monitored from now on is, by default, the data
    // production sees now (the current file): a combined training set is half old data, so checking new
    // traffic against it keeps finding the drift the model was just retrained for. `baseline: training_data`
    // monitors against the training data itself (the registry's default when no reference is given).
    const v = await registry.registerModel({
      name, modelBytes: bytes, ...(settings.baseline === 'current' ? { reference: { file: request.current } } : {}), trainedOn: { table: train, source: `pipeline job ${c.rootId}` }, label: request.label,
      metrics: evaluated.challenger as Record<string, number>, parameters: trained.parameters as Record<string, unknown>,
      parentVersion: championVersion, tags: { job: tagJob, trigger: decision.reasons.join(',') }, actor: request.actor, reason,
    });
    return { outcome: `version ${v.version} registered`, detail: { version: v.version } };
  });

  if (gated.failure !== null) {
    const reg = await register('challenger from the retraining pipeline');
    const version = reg.version as number;
    await step('reject', async () => {
      const v = await registry.getVersion({ name, version });
      if (v.state !== 'rejected') await registry.reject(name, version, { actor: request.actor, reason: gated.failure as string });
      return { outcome: `version ${version} rejected: ${String(gated.failure)}`, detail: { version } };
    });
    await recordRetrain(store, request, { at: clock.now(), decision: 'rejected_by_gate', trigger: decision.reasons, driftShare: drift.drift_share, oldMetric: championValue, newMetric: challengerValue, who: request.actor, version, jobId: c.job.id, reason: gated.failure });
    return out({ decision: 'rejected_by_gate', ...withValues, challengerVersion: version, message: `version ${version} was rejected (${String(gated.failure)}); version ${String(championVersion)} stays in production` });
  }

  if (human && settings.approval.where === 'before_promotion') {
    const a = await approvalStep(c, 'promotion', nextVersion, { ...evidenceBase, champion: { version: championVersion, value: championValue }, challenger: { version: nextVersion, value: challengerValue }, gates });
    if (a.state !== 'approved') {
      if (a.state === 'rejected') await recordRetrain(store, request, { at: clock.now(), decision: 'rejected_by_approver', trigger: decision.reasons, driftShare: drift.drift_share, oldMetric: championValue, newMetric: challengerValue, who: a.decidedBy ?? request.actor, version: null, jobId: c.job.id });
      return out(a.state === 'pending'
        ? { decision: 'awaiting_approval', approvalId: a.id, ...withValues, message: pendingMessage(a.id, 'promotion', nextVersion) }
        : { decision: 'rejected_by_approver', approvalId: a.id, ...withValues, message: `promotion was rejected (approval ${a.id}); nothing changed` });
    }
  }

  const reg = await register('challenger from the retraining pipeline');
  const version = reg.version as number;
  await step('promote', async () => {
    const v = await registry.getVersion({ name, version });
    if (!v.aliases.includes(PRODUCTION)) await registry.promote(name, version, { actor: request.actor, reason: `retrained (${decision.reasons.join(', ')})` });
    return { outcome: `version ${version} is in production`, detail: { version } };
  });
  const baseline = await step('update_baseline', async () => {
    const ref = await registry.reference(name);
    const what = settings.baseline === 'current' ? 'the current data' : 'the training data';
    return { outcome: `reference baseline is dataset version ${String(ref?.version)}: ${what} (${String(ref?.rowCount)} rows)`, detail: { dataset_version_id: ref?.id ?? null, rows: ref?.rowCount ?? null, baseline: settings.baseline } };
  });
  await step('report', async () => {
    const [{ table: reference }, current] = await Promise.all([registry.loadReference(name), readTable(request.current)]);
    const report = analyze(reference, current, request, clock);
    const stored = await store.reports.save({ modelName: name, modelVersion: version, referenceDatasetVersionId: baseline.dataset_version_id as number | null, summary: summaryOf(report), report });
    return { outcome: `drift against the new reference: ${report.dataset.dataset_drift ? 'dataset drift' : 'no dataset drift'} (share ${round(report.dataset.drifted_share)})`, detail: { report_id: stored.id, drift: driftOf(report) } };
  });
  await recordRetrain(store, request, { at: clock.now(), decision: 'promoted', trigger: decision.reasons, driftShare: drift.drift_share, oldMetric: championValue, newMetric: challengerValue, who: request.actor, version, jobId: c.job.id });
  return out({ decision: 'promoted', ...withValues, challengerVersion: version, productionVersion: version, message: `version ${version} is now in production (${metric} ${round(challengerValue)}${championValue === null ? '' : ` vs ${round(championValue)}`}); the monitored reference is now ${settings.baseline === 'current' ? 'the current data' : 'its training data'}` });
}

async function approvalStep(c: RunContext, kind: 'promotion' | 'retraining', version: number | null, evidence: ApprovalEvidence): Promise<import('../store/index.js').Approval> {
  const { store } = c.deps;
  const detail = await c.step('approval', async (log) => {
    // A continuation job decides on the approval it was started for; a first run creates the request.
    let a = c.request.continues !== undefined ? await store.approvals.require(c.request.continues.approvalId)
      : (await store.approvals.list({ jobId: c.job.id, limit: 1 }))[0] ?? await store.approvals.create({ kind, modelName: c.request.name, modelVersion: version, jobId: c.job.id, evidence, requestedBy: c.request.actor });
    if (a.state === 'pending' && c.deps.ask !== undefined) {
      const answer = await c.deps.ask({ approvalId: a.id, kind, version, evidence });
      if (answer !== null) {
        a = await store.approvals.decide(a.id, answer ? 'approved' : 'rejected', c.request.actor, null);
        await store.audit.record({ actor: c.request.actor, action: `approval.${a.state}`, subjectKind: 'approval', subject: String(a.id), details: { model: a.modelName, version: a.modelVersion, kind, job: c.job.id } });
      }
    }
    await log(`approval request ${a.id}: ${a.state}\n`);
    return { outcome: a.state === 'pending' ? `approval request ${a.id} is waiting for a decision` : `${a.state} by ${String(a.decidedBy)}`, detail: { approval_id: a.id, state: a.state } };
  });
  return store.approvals.require(detail.approval_id as number);
}

function pendingMessage(id: number, kind: 'promotion' | 'retraining', version?: number): string {
  const what = kind === 'promotion' ? `promote version ${String(version)}` : 'retrain';
  return `approval request ${id} (${what}) is pending: approve it with \`driftwatch approvals approve ${id}\` or reject it with \`driftwatch approvals reject ${id} --comment "…"\``;
}

async function recordRetrain(store: Store, request: PipelineRequest, e: { at: number; decision: string; trigger?: readonly TriggerReason[]; driftShare?: number | null; oldMetric?: number | null; newMetric?: number | null; who: string; version: number | null; jobId?: number; parentJob?: number; reason?: unknown }): Promise<void> {
  await store.audit.record({
    actor: e.who, action: 'pipeline.run', subjectKind: 'model', subject: request.name,
    details: { decision: e.decision, trigger: (e.trigger ?? []).join(','), drift_share: e.driftShare ?? null, metric: request.settings.gates.metric, old_metric: e.oldMetric ?? null, new_metric: e.newMetric ?? null, version: e.version, job: e.jobId ?? e.parentJob ?? null, ...(e.reason != null ? { reason: e.reason } : {}) },
  });
}

// ---------------------------------------------------------------------------------------------------------

async function productionOf(registry: Registry, name: string): Promise<ModelVersion | null> {
  try {
    return await registry.getVersion({ name, alias: PRODUCTION });
  } catch (e) {
    if (e instanceof DriftwatchError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

/** The version this job registered (the bootstrap's, or the challenger's), found by its tags after a restart. */
async function versionTagged(registry: Registry, name: string, job: string, kind: 'bootstrap' | 'challenger'): Promise<ModelVersion | null> {
  try {
    const versions = await registry.listVersions(name);
    return versions.find((v) => v.tags.job === job && (v.tags.trigger === 'bootstrap') === (kind === 'bootstrap')) ?? null;
  } catch (e) {
    if (e instanceof DriftwatchError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

/** The training data and holdout, recomputed the same way on every attempt (seeded, from the same inputs). */
async function trainingData(registry: Registry, request: PipelineRequest): Promise<{ train: Table; holdout: Table; description: string }> {
  const [reference, current] = await Promise.all([baselineFor(registry, request), readTable(request.current)]);
  const s = selectTrainingData(reference, current, request.label, request.settings);
  return { train: s.train, holdout: s.holdout, description: s.description };
}

/** The reference the challenger is trained with: the champion's baseline (selection runs before promotion). */
async function baselineFor(registry: Registry, request: PipelineRequest): Promise<Table> {
  return (await registry.loadReference(request.name)).table;
}

async function modelFromArtifact(store: Store, sha256: string, label: string): Promise<Model> {
  const path = await store.artifacts.localPath(sha256);
  return (await loadModel(path, { label })).model;
}

async function scoreBytes(bytes: Uint8Array, holdout: Table, label: string): Promise<Record<string, number>> {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-model-'));
  try {
    const path = join(dir, 'model.json');
    await writeFile(path, bytes);
    return await metricsOf((await loadModel(path, { label })).model, holdout, label);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function metricsOf(model: Model, table: Table, label: string): Promise<Record<string, number>> {
  const evaluation = await evaluateModel(model, table, label);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(evaluation)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}

async function metricOf(model: Model, table: Table, label: string, metric: string): Promise<number | null> {
  const rows = labelledRows(table, label);
  if (rows.length === 0) return null;
  return (await metricsOf(model, table, label))[metric] ?? null;
}

function analyze(reference: Table, current: Table, request: PipelineRequest, clock: Clock): DriftReport {
  const a = request.analysis ?? {};
  return analyzeDrift(reference, current, {
    target: request.label,
    clock,
    referencePath: null,
    currentPath: request.current,
    ...(a.preset !== undefined ? { preset: a.preset } : {}),
    ...(a.driftShare !== undefined ? { driftShare: a.driftShare } : {}),
    ...(a.drop !== undefined ? { drop: a.drop } : {}),
  });
}

function driftOf(report: DriftReport): ApprovalEvidence['drift'] {
  return { dataset_drift: report.dataset.dataset_drift, drift_share: report.dataset.drifted_share, severity: report.dataset.severity, target_drift: report.target_drift?.drifted === true };
}

function summaryOf(report: DriftReport) {
  return { datasetDrift: report.dataset.dataset_drift, driftShare: report.dataset.drifted_share, driftedColumns: report.dataset.drifted_columns, totalColumns: report.dataset.columns_analyzed, severity: report.dataset.severity };
}

function qualityFailures(report: DriftReport): string[] {
  return [
    ...report.quality.issues.filter((i) => i.kind === 'all_missing').map((i) => i.message),
    ...report.schema.missing_in_current.map((c) => `column "${c}" is missing from the current data`),
  ];
}

function round(v: number): number {
  return Math.round(v * 10000) / 10000;
}


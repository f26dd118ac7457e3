/**
 * Retraining in the service. A request (`POST /v1/models/:name/retrain`, or the monitor's trigger) snapshots
 * the model's monitored window into a file, records a queued pipeline job under the model's dedupe key, and
 * puts a `pipeline.run` message on the job queue; the worker's handler runs that job with the pipeline's own
 * `resumeJobs`, so its steps, logs and approvals are the CLI pipeline's. A second request while a job waits
 * or runs gets that job back instead of a new one.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DriftwatchError, type Clock } from '../core/index.js';
import { createTable, MISSING_CODE, tableToCsvString, writeFileAtomic, type Column, type Table } from '../data/index.js';
import { dedupeKeyFor, PIPELINE_JOB_KIND, resolvePipelineSettings, resumeJobs, type PipelineConfig, type PipelineRequest } from '../pipeline/index.js';
import type { JobHandler, JobQueue } from '../queue/index.js';
import type { Registry } from '../registry/index.js';
import type { Job, Store } from '../store/index.js';

/** The queue message kind whose handler runs a recorded pipeline job. */
export const PIPELINE_RUN_KIND = 'pipeline.run';

/**
 * Fewest labelled rows a retraining from logged traffic starts with. The champion and the challenger are
 * compared on a 20% holdout of them; below ~40 holdout rows one row flips F1 by several points, and a
 * challenger rejected on such noise ends the drift episode's one request for nothing. A monitor's request
 * refused for this is asked again at the next check, when more labels have arrived.
 */
export const MIN_LABELLED_ROWS = 200;

/** How many of the newest logged rows a retraining reads (its labelled ones are the current data). */
export const RETRAINING_WINDOW_ROWS = 50_000;

export interface RetrainRequest {
  readonly model: string;
  /** Who asked: an API key's name, or "monitor". */
  readonly actor: string;
  readonly reason?: string | null;
  /** Retrain whatever the drift check says (a person asked); the monitor's trigger passes it too. */
  readonly force?: boolean;
  /** The monitor's check that asked (its drift and reasons become the approval's evidence). */
  readonly observed?: PipelineRequest['observed'];
}

export interface Retraining {
  /** The job that will retrain the model: a new one (`created`), or the one already waiting or running. */
  request(r: RetrainRequest): Promise<{ job: Job; created: boolean }>;
  /**
   * Records a pipeline job for a prepared request (an approved request's continuation) and queues it; the
   * job already holding the model's dedupe key when there is one.
   */
  enqueue(request: PipelineRequest): Promise<{ job: Job; created: boolean }>;
  /** The worker's handler of `pipeline.run` messages. */
  readonly handler: JobHandler;
}

export interface RetrainingDeps {
  readonly store: Store;
  readonly registry: Registry;
  readonly clock: Clock;
  readonly queue: JobQueue;
  readonly home: string;
  readonly pipeline?: PipelineConfig | undefined;
  /** The model's monitored window as a table (the monitor's), or undefined when this process has no monitor. */
  readonly window: (model: string) => Promise<Table> | undefined;
}

export function createRetraining(deps: RetrainingDeps): Retraining {
  const { store, registry, clock, queue } = deps;

  const enqueue = async (request: PipelineRequest, reason: string | null): Promise<{ job: Job; created: boolean }> => {
    const { job, created } = await store.jobs.enqueue({ kind: PIPELINE_JOB_KIND, modelName: request.name, dedupeKey: dedupeKeyFor(request.name), payload: request, createdBy: request.actor });
    if (!created) return { job, created };
    try {
      await queue.enqueue(PIPELINE_RUN_KIND, { job_id: job.id, model: request.name, ...(reason !== null ? { reason } : {}) }, { dedupeKey: `pipeline-run:${job.id}`, attempts: 1 });
    } catch (e) {
      // Nothing will run the recorded job: cancel it so the model is not blocked behind it.
      await store.jobs.cancel(job.id, 'the job queue refused it').catch(() => undefined);
      throw e;
    }
    return { job, created };
  };

  return {
    async request(r) {
      await store.models.requireModel(r.model);
      const pending = (await store.approvals.list({ state: 'pending', modelName: r.model, limit: 1 }))[0];
      if (pending !== undefined && pending.jobId !== null) {
        throw new DriftwatchError('CONFLICT', `approval request ${pending.id} for "${r.model}" is still pending: approve or reject it first (POST /v1/approvals/${pending.id}/approve or …/reject)`, { field: 'name' });
      }
      const key = dedupeKeyFor(r.model);
      const active = await store.jobs.active(key);
      if (active !== undefined) return { job: active, created: false };

      const production = await registry.getVersion({ name: r.model, alias: 'production' }).catch((e: unknown) => {
        if (e instanceof DriftwatchError && e.code === 'NOT_FOUND') throw new DriftwatchError('CONFLICT', `model "${r.model}" has no production version to retrain; promote one first`, { field: 'name' });
        throw e;
      });
      const label = production.signature.label;
      if (label === null) throw new DriftwatchError('CONFLICT', `model "${r.model}" version ${production.version} records no label column, so it cannot be retrained from logged rows`, { field: 'name' });
      const reference = await registry.reference(r.model);
      if (reference === null) throw new DriftwatchError('CONFLICT', `model "${r.model}" has no reference baseline; register the production version with one`, { field: 'name' });
      const windowing = deps.window(r.model);
      if (windowing === undefined) throw new DriftwatchError('UNAVAILABLE', 'this process has no monitor, so it cannot read the logged rows to retrain on', { field: 'name' });
      const logged = await windowing;
      if (logged.rowCount === 0) throw new DriftwatchError('NO_DATA', `no rows are logged for "${r.model}" yet; retraining needs predictions (and their labels) to train on`, { field: 'name' });
      // Only the model's inputs and the label: the logged prediction, probability and time would leak into training.
      const keep = new Set([...production.signature.inputs.map((i) => i.name), label]);
      const window = createTable(logged.columns.filter((c) => keep.has(c.name)));
      const labelled = window.column(label);
      if (labelled === undefined || !hasValues(labelled)) {
        throw new DriftwatchError('NO_DATA', `none of the ${logged.rowCount} rows in the window of "${r.model}" has its label yet; send labels (POST /v1/models/${r.model}/feedback) before retraining`, { field: 'name' });
      }
      const labelledCount = countValues(labelled);
      if (labelledCount < MIN_LABELLED_ROWS) {
        throw new DriftwatchError('NO_DATA', `only ${labelledCount} of the ${logged.rowCount} logged rows of "${r.model}" have their label; retraining needs at least ${MIN_LABELLED_ROWS}, so that champion and challenger are compared on a holdout large enough to tell them apart — send more labels (POST /v1/models/${r.model}/feedback)`, { field: 'name' });
      }

      // The window is frozen into a file: the pipeline (and a continuation after an approval) reads it by path.
      const dir = join(deps.home, 'pipeline', `${r.model}-${clock.now()}-${process.pid}`);
      await mkdir(dir, { recursive: true });
      const current = join(dir, 'current.csv');
      await writeFileAtomic(current, tableToCsvString(window));
      const request: PipelineRequest = {
        name: r.model,
        // Read only to bootstrap a model without a production version, which was ruled out above.
        reference: await store.artifacts.localPath(reference.artifactSha256),
        current,
        label,
        settings: resolvePipelineSettings(deps.pipeline),
        force: r.force ?? true,
        actor: r.actor,
        ...(r.observed !== undefined ? { observed: r.observed } : {}),
        cwd: deps.home,
      };
      const out = await enqueue(request, r.reason ?? null);
      if (!out.created) await rm(dir, { recursive: true, force: true });
      return out;
    },

    enqueue: (request) => enqueue(request, null),

    async handler({ payload }) {
      const id = Number(payload['job_id']);
      const job = await store.jobs.get(id);
      // Cancelled, or finished by another runner (`driftwatch pipeline --resume`): nothing to do.
      if (job === undefined || (job.state !== 'queued' && job.state !== 'running')) return { job_id: id, skipped: job?.state ?? 'missing' };
      const [outcome] = await resumeJobs({ store, clock, registry }, id);
      return outcome === undefined ? { job_id: id, skipped: 'taken by another runner' } : { job_id: id, decision: outcome.decision, message: outcome.message };
    },
  };
}

function countValues(c: Column): number {
  let n = 0;
  if (c.storage === 'numeric') {
    for (const v of c.values) if (!Number.isNaN(v)) n++;
  } else {
    for (const k of c.codes) if (k !== MISSING_CODE) n++;
  }
  return n;
}

function hasValues(c: Column): boolean {
  return c.storage === 'numeric' ? c.values.some((v) => !Number.isNaN(v)) : c.codes.some((k) => k !== MISSING_CODE);
}

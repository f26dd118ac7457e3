/**
 * Jobs and approvals over HTTP, on SQLite and Postgres: a pipeline run on the bundled churn data with
 * injected drift leaves a promotion request pending; the routes list and show the job (steps, timings, logs)
 * and the request (evidence); an operator's approval promotes the challenger through the pipeline's own
 * decideApproval, a rejection changes nothing, a decided request cannot be decided again, viewers cannot decide.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { resolvePipelineSettings, runPipeline, type PipelineRequest } from '../../src/pipeline/index.js';
import { buildApp } from '../../src/server/index.js';
import { startWorker } from '../../src/worker/index.js';
import type { Runtime } from '../../src/runtime/index.js';
import { describeEachBackend, type TestBackend } from '../helpers/store-backends.js';
import { writeChurnPair, type ChurnPair } from '../pipeline/churn-fixture.js';
import { createKey, testRuntime } from './helpers.js';

let dir: string;
let pair: ChurnPair;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-approvals-'));
  pair = await writeChurnPair(dir, { rows: 1600 });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeEachBackend('jobs and approvals routes', (backend: TestBackend) => {
  let runtime: Runtime | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    await runtime?.close();
    runtime = undefined;
    app = undefined;
  });

  const setup = async (where: 'before_promotion' | 'before_training' = 'before_promotion') => {
    const opened = await backend.open();
    ({ runtime } = await testRuntime(opened));
    app = await buildApp(runtime);
    const request: PipelineRequest = {
      name: 'churn', reference: pair.reference, current: pair.current, label: 'churn', actor: 'ana', cwd: dir,
      settings: resolvePipelineSettings({ trainer: { algo: 'rf', params: { n_estimators: 20, max_depth: 5 }, seed: 42 }, approval: { mode: 'human', where } }), analysis: { driftShare: 0.15 },
    };
    const outcome = await runPipeline({ store: opened.store, clock: runtime.clock }, request);
    expect(outcome.decision).toBe('awaiting_approval');
    const ops = await createKey(opened.store, 'ops', 'operator');
    const viewer = await createKey(opened.store, 'viewer', 'viewer');
    return { opened, app, runtime, outcome, ops, viewer };
  };

  it('shows the job with its steps and the pending request with its evidence; approving promotes the challenger', async () => {
    const { app, opened, outcome, ops, viewer } = await setup();
    const jobs = (await app.inject({ url: '/v1/jobs?model=churn', headers: viewer })).json().jobs;
    expect(jobs).toEqual([expect.objectContaining({ id: outcome.job.id, kind: 'pipeline', model: 'churn', state: 'succeeded', created_by: 'ana' })]);
    expect(jobs[0].duration_ms).toBeGreaterThanOrEqual(0);
    expect((await app.inject({ url: '/v1/jobs?state=running', headers: viewer })).json().jobs).toEqual([]);
    const job = (await app.inject({ url: `/v1/jobs/${outcome.job.id}`, headers: viewer })).json();
    expect(job.steps.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['bootstrap', 'check_drift', 'decide', 'train', 'evaluate', 'gates', 'approval']));
    for (const s of job.steps) {
      expect(s.state).toBe('succeeded');
      expect(s.duration_ms).toBeGreaterThanOrEqual(0);
      expect(s.started_at).toEqual(expect.any(String));
    }
    expect(job.log).toContain('[approval] approval request');
    expect(job.result).toMatchObject({ decision: 'awaiting_approval' });
    expect((await app.inject({ url: '/v1/jobs/999999', headers: viewer })).statusCode).toBe(404);

    const pending = (await app.inject({ url: '/v1/approvals?state=pending', headers: viewer })).json().approvals;
    expect(pending).toEqual([expect.objectContaining({ id: outcome.approvalId, kind: 'promotion', model: 'churn', model_version: 2, job_id: outcome.job.id, state: 'pending', requested_by: 'ana' })]);
    const shown = (await app.inject({ url: `/v1/approvals/${outcome.approvalId}`, headers: viewer })).json();
    expect(shown.evidence).toMatchObject({ drift: { dataset_drift: true }, metric: 'f1', champion: { version: 1 }, challenger: { version: 2 } });
    expect(shown.evidence.gates.length).toBeGreaterThan(0);

    expect((await app.inject({ method: 'POST', url: `/v1/approvals/${outcome.approvalId}/approve`, headers: viewer, payload: {} })).statusCode).toBe(403);
    const approved = await app.inject({ method: 'POST', url: `/v1/approvals/${outcome.approvalId}/approve`, headers: ops, payload: { comment: 'challenger is better' } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ id: outcome.approvalId, state: 'approved', decided_by: 'ops', comment: 'challenger is better', outcome: { decision: 'promoted', production_version: 2 } });
    expect((await app.inject({ url: '/v1/models/churn', headers: viewer })).json().production_version).toBe(2);

    const again = await app.inject({ method: 'POST', url: `/v1/approvals/${outcome.approvalId}/reject`, headers: ops, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
    const audit = await opened.store.audit.list({ actor: 'ops' });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['approval.approved', 'model.promoted']));
    expect((await app.inject({ url: '/v1/approvals?state=pending', headers: viewer })).json().approvals).toEqual([]);
    expect((await app.inject({ url: '/v1/approvals?state=maybe', headers: viewer })).statusCode).toBe(400);
  });

  it('approving a retraining request queues the training for the worker, which promotes the challenger', async () => {
    const { app, runtime, outcome, ops } = await setup('before_training');
    const pending = (await app.inject({ url: `/v1/approvals/${outcome.approvalId}`, headers: ops })).json();
    expect(pending).toMatchObject({ kind: 'retraining', model_version: null, state: 'pending' });
    const approved = await app.inject({ method: 'POST', url: `/v1/approvals/${outcome.approvalId}/approve`, headers: ops, payload: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    const queued = approved.json().outcome;
    expect(queued).toMatchObject({ decision: 'queued', production_version: null });
    expect((await app.inject({ url: `/v1/jobs/${queued.job_id}`, headers: ops })).json()).toMatchObject({ state: 'queued', created_by: 'ops' });
    const worker = startWorker({ queue: runtime.queue, handlers: runtime.jobHandlers, logger: runtime.logger });
    try {
      let job = { state: 'queued' } as { state: string; result?: { decision: string } };
      for (let i = 0; i < 600 && (job.state === 'queued' || job.state === 'running'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await app.inject({ url: `/v1/jobs/${queued.job_id}`, headers: ops })).json();
      }
      expect(job.state, JSON.stringify(job)).toBe('succeeded');
      expect(job.result?.decision).toBe('promoted');
    } finally {
      await worker.stop();
    }
    expect((await app.inject({ url: '/v1/models/churn', headers: ops })).json().production_version).toBe(2);
  }, 120_000);

  it('rejecting changes nothing but the request', async () => {
    const { app, outcome, ops } = await setup();
    const rejected = await app.inject({ method: 'POST', url: `/v1/approvals/${outcome.approvalId}/reject`, headers: ops, payload: { comment: 'not now' } });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ state: 'rejected', decided_by: 'ops', comment: 'not now', outcome: null });
    expect((await app.inject({ url: '/v1/models/churn', headers: ops })).json().production_version).toBe(1);
    expect((await app.inject({ method: 'POST', url: '/v1/approvals/999999/approve', headers: ops, payload: {} })).statusCode).toBe(404);
  });
});

import { expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { ERROR_CODES } from '../../src/core/error-codes.js';
import { cellsOf, MIGRATION_NAMES, type FeatureValue } from '../../src/store/index.js';
import { describeEachBackend } from '../helpers/store-backends.js';
import { failure } from '../helpers/table-cells.js';

/** Changing this list is deliberate: shipped migrations are never edited or reordered, only appended. */
const PINNED_MIGRATIONS = ['0001_registry_datasets_reports', '0002_jobs_approvals_audit', '0003_predictions_api_keys', '0004_queue', '0005_alerts', '0006_events', '0007_prediction_columns'];

it('the migration list is pinned', () => {
  expect(MIGRATION_NAMES).toEqual(PINNED_MIGRATIONS);
});

describeEachBackend('store', (backend) => {
  it('applies every migration once, in order, and reopening applies nothing again', async () => {
    const { store, reopen } = await backend.open();
    expect(store.backend).toBe(backend.name);
    expect(await store.appliedMigrations()).toEqual(PINNED_MIGRATIONS);
    const again = await reopen();
    expect(await again.appliedMigrations()).toEqual(PINNED_MIGRATIONS);
    await again.ping();
  });

  it('numbers dataset versions from 1 per dataset and finds a version by content', async () => {
    const clock = manualClock('2026-12-01T10:00:00Z');
    const { store } = await backend.open(clock);
    const base = { format: 'csv', rowCount: 10, columnCount: 2, fingerprint: 'f', columns: [{ name: 'a', kind: 'numeric' }, { name: 'b', kind: 'categorical' }], createdBy: 'ana' };
    const v1 = await store.datasets.createVersion({ ...base, dataset: 'churn', artifactSha256: 'a'.repeat(64) });
    clock.advance(1000);
    const v2 = await store.datasets.createVersion({ ...base, dataset: 'churn', artifactSha256: 'b'.repeat(64), rowCount: 20 });
    const other = await store.datasets.createVersion({ ...base, dataset: 'fraud', artifactSha256: 'a'.repeat(64) });
    expect([v1.version, v2.version, other.version]).toEqual([1, 2, 1]);
    expect(v1.createdAt).toBe('2026-12-01T10:00:00.000Z');
    expect(v2.createdAt).toBe('2026-12-01T10:00:01.000Z');
    expect(v1.columns).toEqual(base.columns);
    expect((await store.datasets.findByContent('churn', 'b'.repeat(64)))?.id).toBe(v2.id);
    expect(await store.datasets.findByContent('churn', 'c'.repeat(64))).toBeUndefined();
    expect((await store.datasets.listVersions('churn')).map((v) => v.rowCount)).toEqual([10, 20]);
    expect((await store.datasets.listDatasets()).map((d) => [d.name, d.versions])).toEqual([['churn', 2], ['fraud', 1]]);
    const e = await failure(store.datasets.requireVersion(9999));
    expect(e.code).toBe('NOT_FOUND');
  });

  it('stores drift reports whole and lists their summaries newest first', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const report = { columns: [{ name: 'age', drift: true, score: 0.31, note: 'ünïcode "quoted"' }], nested: { list: [1, 2, 3] } };
    const first = await store.reports.save({ modelName: 'churn', modelVersion: 1, summary: { datasetDrift: false, driftShare: 0, driftedColumns: 0, totalColumns: 5, severity: null }, report: { n: 1 } });
    clock.advance(3_600_000);
    const second = await store.reports.save({ modelName: 'churn', windowStartMs: Date.parse('2026-11-30T00:00:00Z'), windowEndMs: Date.parse('2026-12-01T00:00:00Z'), summary: { datasetDrift: true, driftShare: 0.4, driftedColumns: 2, totalColumns: 5, severity: 'HIGH' }, report });
    expect(second.windowStart).toBe('2026-11-30T00:00:00.000Z');
    const got = await store.reports.require(second.id);
    expect(got.report).toEqual(report);
    expect(got.datasetDrift).toBe(true);
    expect(got.driftShare).toBeCloseTo(0.4, 12);
    expect((await store.reports.list({ modelName: 'churn' })).map((r) => r.id)).toEqual([second.id, first.id]);
    expect((await store.reports.list({ modelName: 'churn', untilMs: Date.parse('2026-12-01T00:30:00Z') })).map((r) => r.id)).toEqual([first.id]);
    expect((await store.reports.latest('churn'))?.id).toBe(second.id);
    expect(await store.reports.latest('other')).toBeUndefined();
    expect((await failure(store.reports.require(12345))).code).toBe('NOT_FOUND');
  });

  it('keeps one active job per dedupe key, and a new one once it ended', async () => {
    const { store } = await backend.open();
    const a = await store.jobs.enqueue({ kind: 'retrain', modelName: 'churn', dedupeKey: 'retrain:churn', payload: { force: true }, createdBy: 'cron' });
    const b = await store.jobs.enqueue({ kind: 'retrain', modelName: 'churn', dedupeKey: 'retrain:churn', createdBy: 'api' });
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.job.id).toBe(a.job.id);
    expect(b.job.payload).toEqual({ force: true });
    // Another model's job is independent.
    expect((await store.jobs.enqueue({ kind: 'retrain', modelName: 'fraud', dedupeKey: 'retrain:fraud', createdBy: 'cron' })).created).toBe(true);
    const running = await store.jobs.start(a.job.id);
    expect(running?.state).toBe('running');
    expect(running?.attempts).toBe(1);
    expect((await store.jobs.enqueue({ kind: 'retrain', modelName: 'churn', dedupeKey: 'retrain:churn', createdBy: 'api' })).created).toBe(false);
    await store.jobs.finish(a.job.id, 'succeeded', { result: { version: 2 } });
    const c = await store.jobs.enqueue({ kind: 'retrain', modelName: 'churn', dedupeKey: 'retrain:churn', createdBy: 'api' });
    expect(c.created).toBe(true);
    expect(c.job.id).not.toBe(a.job.id);
    expect((await store.jobs.require(a.job.id)).result).toEqual({ version: 2 });
  });

  it('a burst of concurrent triggers creates one job', async () => {
    const { store, peer } = await backend.open();
    const other = await peer();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? store : other).jobs.enqueue({ kind: 'retrain', modelName: 'churn', dedupeKey: 'retrain:churn', createdBy: `t${i}` })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.job.id)).size).toBe(1);
  });

  it('records job steps with durations from the clock, and refuses to end a job twice', async () => {
    const clock = manualClock('2026-12-01T02:00:00Z');
    const { store } = await backend.open(clock);
    const { job } = await store.jobs.enqueue({ kind: 'retrain', modelName: 'churn', createdBy: 'cron' });
    expect((await store.jobs.claimNext())?.id).toBe(job.id);
    expect(await store.jobs.claimNext()).toBeUndefined();
    const s1 = await store.jobs.startStep(job.id, 'check-drift');
    clock.advance(1500);
    await store.jobs.appendLog(s1.id, 'drift share 0.4\n');
    await store.jobs.appendLog(s1.id, 'dataset drift\n');
    const done = await store.jobs.finishStep(s1.id, 'succeeded', { outcome: 'drift', detail: { share: 0.4 } });
    expect(done.durationMs).toBe(1500);
    expect(done.log).toBe('drift share 0.4\ndataset drift\n');
    expect((await failure(store.jobs.finishStep(s1.id, 'failed'))).code).toBe('CONFLICT');
    await store.jobs.startStep(job.id, 'train');
    // The process dies here; a restart puts the job back with its completed step kept.
    const requeued = await store.jobs.requeue(job.id);
    expect(requeued.state).toBe('queued');
    const again = await store.jobs.start(job.id);
    expect(again?.attempts).toBe(2);
    const s3 = await store.jobs.startStep(job.id, 'train');
    expect(s3.attempt).toBe(2);
    const steps = await store.jobs.steps(job.id);
    expect(steps.map((s) => [s.seq, s.name, s.state, s.outcome])).toEqual([[1, 'check-drift', 'succeeded', 'drift'], [2, 'train', 'failed', 'interrupted'], [3, 'train', 'running', null]]);
    await store.jobs.finish(job.id, 'failed', { error: 'trainer crashed' });
    const e = await failure(store.jobs.finish(job.id, 'succeeded'));
    expect(e.code).toBe('CONFLICT');
    expect(ERROR_CODES[e.code].http).toBe(409);
    expect((await failure(store.jobs.cancel(job.id, 'no'))).code).toBe('CONFLICT');
    expect((await store.jobs.list({ state: 'failed' })).map((j) => j.error)).toEqual(['trainer crashed']);
    expect((await failure(store.jobs.require(999))).code).toBe('NOT_FOUND');
  });

  it('two workers claiming at once never get the same job', async () => {
    const { store, peer } = await backend.open();
    const other = await peer();
    for (let i = 0; i < 6; i++) await store.jobs.enqueue({ kind: 'check', createdBy: 'scheduler' });
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? store : other).jobs.claimNext()));
    const ids = claims.filter((j) => j !== undefined).map((j) => j!.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('decides an approval once: who, when, and the comment', async () => {
    const clock = manualClock('2026-12-02T09:00:00Z');
    const { store } = await backend.open(clock);
    const evidence = { drift: { share: 0.4 }, champion: { f1: 0.81 }, challenger: { f1: 0.86 }, gates: [{ name: 'floor', passed: true }] };
    const a = await store.approvals.create({ kind: 'promotion', modelName: 'churn', modelVersion: 2, evidence, requestedBy: 'pipeline' });
    expect(a.state).toBe('pending');
    expect(a.evidence).toEqual(evidence);
    clock.advance(60_000);
    const d = await store.approvals.decide(a.id, 'approved', 'ana', 'looks better');
    expect([d.state, d.decidedBy, d.decidedAt, d.comment]).toEqual(['approved', 'ana', '2026-12-02T09:01:00.000Z', 'looks better']);
    const e = await failure(store.approvals.decide(a.id, 'rejected', 'bob'));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('already approved by ana');
    expect((await store.approvals.list({ state: 'pending' }))).toEqual([]);
    expect((await failure(store.approvals.require(77))).code).toBe('NOT_FOUND');
  });

  it('lists audit events by subject (prefix), action and time', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    await store.audit.record({ actor: 'ana', action: 'model.promoted', subjectKind: 'model', subject: 'churn', details: { version: 2 } });
    clock.advance(1000);
    await store.audit.record({ actor: 'ana', action: 'model.version_registered', subjectKind: 'model', subject: 'churn:3' });
    await store.audit.record({ actor: 'bob', action: 'model.promoted', subjectKind: 'model', subject: 'churn_x' });
    await store.audit.record({ actor: 'bob', action: 'model.promoted', subjectKind: 'model', subject: 'ch%rn' });
    expect((await store.audit.list({ subjectPrefix: 'churn' })).map((e) => e.subject)).toEqual(['churn', 'churn:3']);
    expect((await store.audit.list({ subjectPrefix: 'ch%rn' })).map((e) => e.subject)).toEqual(['ch%rn']);
    expect((await store.audit.list({ action: 'model.promoted', sinceMs: Date.parse('2026-12-01T00:00:01Z') })).map((e) => e.subject)).toEqual(['churn_x', 'ch%rn']);
    expect((await store.audit.list())[0]!.details).toEqual({ version: 2 });
  });

  it('lists one model\'s events: its own subjects and the approvals, jobs and reports whose details name it', async () => {
    const { store } = await backend.open(manualClock('2026-12-01T00:00:00Z'));
    await store.audit.record({ actor: 'ana', action: 'model.promoted', subjectKind: 'model', subject: 'churn:3' });
    await store.audit.record({ actor: 'ana', action: 'approval.approved', subjectKind: 'approval', subject: '7', details: { model: 'churn', version: 4 } });
    await store.audit.record({ actor: 'pipeline', action: 'job.finished', subjectKind: 'job', subject: '12', details: { model: 'churn' } });
    await store.audit.record({ actor: 'pipeline', action: 'job.finished', subjectKind: 'job', subject: '13', details: { model: 'churn_x' } });
    await store.audit.record({ actor: 'bob', action: 'model.promoted', subjectKind: 'model', subject: 'churn_x' });
    // A dataset or key named like the model is not about it.
    await store.audit.record({ actor: 'bob', action: 'key.created', subjectKind: 'api_key', subject: 'churn' });
    expect((await store.audit.list({ model: 'churn' })).map((e) => `${e.subjectKind}:${e.subject}`)).toEqual(['model:churn:3', 'approval:7', 'job:12']);
    expect((await store.audit.list({ model: 'churn', action: 'job.finished', order: 'desc', limit: 1 })).map((e) => e.subject)).toEqual(['12']);
    expect(await store.audit.list({ model: 'nobody' })).toEqual([]);
  });

  it('a failed transaction leaves nothing behind', async () => {
    const { store } = await backend.open();
    const boom = new Error('boom');
    await expect(store.transaction(async (tx) => {
      await tx.models.ensureModel('churn', 'ana');
      await tx.audit.record({ actor: 'ana', action: 'x', subjectKind: 'model', subject: 'churn' });
      throw boom;
    })).rejects.toBe(boom);
    expect(await store.models.getModel('churn')).toBeUndefined();
    expect(await store.audit.list()).toEqual([]);
  });

  it('stores an ingest batch once, reads windows column by column, and reports unknown label ids', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      predictionId: `p${i}`,
      modelVersion: 1,
      tsMs: Date.parse('2026-12-01T00:00:00Z') + i * 1000,
      features: i % 10 === 0 ? ({ tenure: i, plan: 'basic' } as Record<string, FeatureValue>) : { tenure: i, plan: i % 2 === 0 ? 'pro' : 'basic', extra: true },
      prediction: i % 3 === 0 ? 'yes' : 'no',
      probability: i % 7 === 0 ? null : i / 2500,
    }));
    expect(await store.predictions.insertBatch('churn', 'batch_001', rows)).toMatchObject({ status: 'stored', rowCount: 2500 });
    const dup = await store.predictions.insertBatch('churn', 'batch_001', rows.slice(0, 3));
    expect(dup).toMatchObject({ status: 'duplicate', rowCount: 2500 });
    // A retried batch gets the ids of the first one back.
    expect(dup.predictionIds.slice(0, 2)).toEqual(['p0', 'p1']);
    expect(await store.predictions.count('churn')).toBe(2500);
    // A repeated prediction id in a new batch is refused whole.
    expect((await failure(store.predictions.insertBatch('churn', 'batch_002', [{ predictionId: 'new', features: {} }, rows[0]!]))).code).toBe('CONFLICT');
    expect(await store.predictions.count('churn')).toBe(2500);

    const w = await store.predictions.readWindow('churn', { last: 1000 });
    expect(w.rowCount).toBe(1000);
    expect(w.predictionIds[0]).toBe('p1500');
    expect(w.tsMs[999]).toBe(Date.parse('2026-12-01T00:00:00Z') + 2499 * 1000);
    expect(cellsOf(w.features.get('tenure')!).slice(0, 2)).toEqual([1500, 1501]);
    expect(cellsOf(w.features.get('extra')!)[0]).toBe(null);
    expect(cellsOf(w.features.get('extra')!)[1]).toBe(true);
    // p1505 (1505 = 7 * 215) was logged without a probability.
    expect(Number.isNaN(w.probability[5])).toBe(true);
    expect(w.probability[1]).toBe(1501 / 2500);
    const ranged = await store.predictions.readWindow('churn', { fromMs: Date.parse('2026-12-01T00:00:10Z'), toMs: Date.parse('2026-12-01T00:00:20Z') });
    expect(ranged.predictionIds).toEqual(Array.from({ length: 10 }, (_, i) => `p${10 + i}`));

    const labels = await store.predictions.setLabels('churn', [{ predictionId: 'p1', label: 'yes' }, { predictionId: 'nope', label: 'no' }, { predictionId: 'p2', label: 'no' }]);
    expect(labels).toEqual({ updated: 2, unknown: ['nope'] });
    const labelled = await store.predictions.readWindow('churn', { labelledOnly: true });
    expect([labelled.predictionIds, labelled.label]).toEqual([['p1', 'p2'], ['yes', 'no']]);
    expect(await store.predictions.prune('churn', Date.parse('2026-12-01T00:00:05Z'))).toBe(5);
    expect(cellsOf((await store.predictions.readWindow('churn', { last: 1 })).features.get('tenure')!)).toEqual([2499]);
    // A batch pruned away entirely is still remembered as sent.
    expect(await store.predictions.prune('churn', Date.parse('2026-12-02T00:00:00Z'))).toBe(2495);
    expect((await store.predictions.insertBatch('churn', 'batch_001', rows.slice(0, 3))).status).toBe('duplicate');
    expect((await store.predictions.readWindow('churn', {})).rowCount).toBe(0);
  });

  it('keeps API keys as hashes, unique by name, revocable', async () => {
    const { store } = await backend.open();
    const k = await store.apiKeys.create({ name: 'ci', role: 'operator', keyHash: 'h1', prefix: 'dw_ab', createdBy: 'admin' });
    expect((await failure(store.apiKeys.create({ name: 'ci', role: 'viewer', keyHash: 'h2', prefix: 'dw_cd', createdBy: 'admin' }))).code).toBe('CONFLICT');
    expect((await store.apiKeys.findActiveByHash('h1'))?.id).toBe(k.id);
    expect(await store.apiKeys.countActive()).toBe(1);
    await store.apiKeys.revoke('ci');
    expect(await store.apiKeys.findActiveByHash('h1')).toBeUndefined();
    expect((await failure(store.apiKeys.revoke('ci'))).code).toBe('NOT_FOUND');
  });
});

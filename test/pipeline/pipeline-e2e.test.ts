/**
 * The retraining loop end to end on the bundled churn data with injected drift, on SQLite and Postgres:
 * approve, reject, a failing gate, rollback, and two pipelines at once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { createRegistry } from '../../src/registry/index.js';
import { decideApproval, resolvePipelineSettings, runPipeline, type PipelineConfig, type PipelineRequest } from '../../src/pipeline/index.js';
import type { Store } from '../../src/store/index.js';
import { describeEachBackend } from '../helpers/store-backends.js';
import { writeChurnPair, type ChurnPair } from './churn-fixture.js';

// Small forests keep the suite quick; the defaults (400 trees, depth 10) are checked in pipeline-config.test.ts.
const FAST: PipelineConfig = { trainer: { algo: 'rf', params: { n_estimators: 30, max_depth: 6 }, seed: 42 } };

let dir: string;
let pair: ChurnPair;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-pipeline-'));
  pair = await writeChurnPair(dir, { rows: 2400 });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const request = (config: PipelineConfig = {}, overrides: Partial<PipelineRequest> = {}): PipelineRequest => ({
  name: 'churn', reference: pair.reference, current: pair.current, label: 'churn',
  settings: resolvePipelineSettings({ ...FAST, ...config }), analysis: { driftShare: 0.15 }, actor: 'ana', cwd: dir, ...overrides,
});

describeEachBackend('retraining pipeline on the churn data', (backend) => {
  const open = async (): Promise<{ store: Store; clock: ReturnType<typeof manualClock> }> => {
    const clock = manualClock('2026-12-01T09:00:00Z');
    const { store } = await backend.open(clock);
    return { store, clock };
  };

  it('drift → approval request → approve → version 2 promoted, reference updated; the next check finds no drift; rollback restores version 1 and its baseline', async () => {
    const { store, clock } = await open();
    const registry = createRegistry(store);
    const first = await runPipeline({ store, clock }, request());
    expect(first.decision).toBe('awaiting_approval');
    expect(first.drift?.dataset_drift).toBe(true);
    expect(first.trigger?.reasons).toContain('dataset_drift');
    expect(first.championVersion).toBe(1);
    // Version 1 was trained on the reference and made production, recorded like any promotion.
    const v1 = await registry.getVersion({ name: 'churn', alias: 'production' });
    expect(v1.version).toBe(1);
    expect((await registry.reference('churn'))?.rowCount).toBe(pair.referenceRows);
    const pending = await store.approvals.list({ state: 'pending' });
    expect(pending).toHaveLength(1);
    expect(pending[0]!.kind).toBe('promotion');
    expect(pending[0]!.modelVersion).toBe(2);
    const evidence = pending[0]!.evidence as { champion: { value: number }; challenger: { value: number }; gates: unknown[]; drift: { dataset_drift: boolean } };
    expect(evidence.drift.dataset_drift).toBe(true);
    expect(evidence.champion.value).toBeGreaterThan(0);
    expect(evidence.challenger.value).toBeGreaterThan(0);
    expect(evidence.gates.length).toBeGreaterThan(0);
    // Nothing was registered while the request waits.
    expect(await registry.listVersions('churn')).toHaveLength(1);

    clock.advance(3600_000);
    const { decided, outcome } = await decideApproval({ store, clock }, pending[0]!.id, 'approved', 'bo', 'looks better');
    expect(decided.state).toBe('approved');
    expect(decided.decidedBy).toBe('bo');
    expect(outcome?.decision).toBe('promoted');
    const prod = await registry.getVersion({ name: 'churn', alias: 'production' });
    expect(prod.version).toBe(2);
    expect(prod.parentVersion).toBe(1);
    expect((await registry.reference('churn'))?.rowCount).toBe(pair.currentRows);
    const steps = await store.jobs.steps(outcome!.job.id);
    expect(steps.map((s) => s.name)).toEqual(['approval', 'register', 'promote', 'update_baseline', 'report']);
    for (const s of steps) {
      expect(s.state).toBe('succeeded');
      expect(s.durationMs).not.toBeNull();
    }

    // The next check against the new reference: no drift, nothing to do.
    clock.advance(3600_000);
    const next = await runPipeline({ store, clock }, request());
    expect(next.drift?.dataset_drift).toBe(false);
    expect(next.decision).toBe('no_retraining');
    expect(await registry.listVersions('churn')).toHaveLength(2);

    clock.advance(3600_000);
    const back = await registry.rollback('churn', { actor: 'bo', reason: 'test' });
    expect(back.version).toBe(1);
    expect((await registry.reference('churn'))?.rowCount).toBe(pair.referenceRows);
    const moves = await registry.history('churn');
    expect(moves.map((m) => [m.kind, m.version, m.previousVersion])).toEqual([['promote', 1, null], ['promote', 2, 1], ['rollback', 1, 2]]);
    expect(await registry.historyAt('churn', '2026-12-01T10:30:00Z')).toBe(2);
    expect(await registry.historyAt('churn', '2026-12-01T09:30:00Z')).toBe(1);
    const log = await store.audit.list({ action: 'pipeline.run' });
    expect(log.map((e) => e.details.decision)).toEqual(['promoted', 'no_retraining']);
    expect(log[0]!.actor).toBe('bo');
  }, 120_000);

  it('reject: the request is decided, nothing else changes', async () => {
    const { store, clock } = await open();
    const registry = createRegistry(store);
    const first = await runPipeline({ store, clock }, request());
    expect(first.decision).toBe('awaiting_approval');
    const jobsBefore = await store.jobs.list();
    const { decided, outcome } = await decideApproval({ store, clock }, first.approvalId!, 'rejected', 'bo', 'not now');
    expect(decided.state).toBe('rejected');
    expect(decided.comment).toBe('not now');
    expect(outcome).toBeNull();
    expect(await registry.listVersions('churn')).toHaveLength(1);
    expect((await registry.getVersion({ name: 'churn', alias: 'production' })).version).toBe(1);
    expect((await registry.reference('churn'))?.rowCount).toBe(pair.referenceRows);
    expect(await store.jobs.list()).toHaveLength(jobsBefore.length);
  }, 120_000);

  it('a failing gate keeps the champion and records the challenger as rejected with the reason', async () => {
    const { store, clock } = await open();
    const registry = createRegistry(store);
    const out = await runPipeline({ store, clock }, request({ gates: { min: 0.99 } }));
    expect(out.decision).toBe('rejected_by_gate');
    const v2 = await registry.getVersion({ name: 'churn', version: 2 });
    expect(v2.state).toBe('rejected');
    expect(v2.stateReason).toMatch(/gate floor failed: f1 0\.\d+ < floor 0\.99/);
    expect((await registry.getVersion({ name: 'churn', alias: 'production' })).version).toBe(1);
    const job = await store.jobs.require(out.job.id);
    expect((job.result as { failed_gate: { gate: string; values: { min: number } } }).failed_gate).toMatchObject({ gate: 'floor', values: { min: 0.99 } });
    expect(await store.approvals.list()).toHaveLength(0);
  }, 120_000);

  it('auto approval promotes when the gates pass, with no approval request', async () => {
    const { store, clock } = await open();
    const out = await runPipeline({ store, clock }, request({ approval: { mode: 'auto' }, gates: { max_drop_vs_champion: 1 } }));
    expect(out.decision).toBe('promoted');
    expect(out.productionVersion).toBe(2);
    expect(await store.approvals.list()).toHaveLength(0);
  }, 120_000);

  it('baseline: training_data monitors the promoted version against the data it was trained on; rollback restores the first baseline', async () => {
    const { store, clock } = await open();
    const registry = createRegistry(store);
    const out = await runPipeline({ store, clock }, request({ approval: { mode: 'auto' }, gates: { max_drop_vs_champion: 1 }, baseline: 'training_data' }));
    expect(out.decision).toBe('promoted');
    expect(out.message).toMatch(/monitored reference is now its training data/);
    const v2 = await registry.getVersion({ name: 'churn', alias: 'production' });
    expect(v2.version).toBe(2);
    expect(v2.referenceDatasetVersionId).toBe(v2.trainedOnDatasetVersionId);
    // The combined strategy trains on the reference and the current rows not held out (20% of them).
    const trainedRows = pair.referenceRows + pair.currentRows - Math.round(pair.currentRows * 0.2);
    expect((await registry.reference('churn'))?.rowCount).toBe(trainedRows);
    // Why this is not the default: the injected shift is still there against a half-old training set.
    clock.advance(3600_000);
    const next = await runPipeline({ store, clock }, request({ baseline: 'training_data' }));
    expect(next.drift?.dataset_drift).toBe(true);
    await store.approvals.decide(next.approvalId!, 'rejected', 'bo', 'same drift as before');
    const back = await registry.rollback('churn', { actor: 'bo', reason: 'test' });
    expect(back.version).toBe(1);
    expect((await registry.reference('churn'))?.rowCount).toBe(pair.referenceRows);
  }, 120_000);

  it('before_training: the person approves retraining first; approving trains, gates and promotes', async () => {
    const { store, clock } = await open();
    const out = await runPipeline({ store, clock }, request({ approval: { where: 'before_training' }, gates: { max_drop_vs_champion: 1 } }));
    expect(out.decision).toBe('awaiting_approval');
    const [a] = await store.approvals.list();
    expect(a!.kind).toBe('retraining');
    const steps = await store.jobs.steps(out.job.id);
    expect(steps.map((s) => s.name)).not.toContain('train');
    const { outcome } = await decideApproval({ store, clock }, a!.id, 'approved', 'bo');
    expect(outcome?.decision).toBe('promoted');
    expect((await store.jobs.steps(outcome!.job.id)).map((s) => s.name)).toEqual(['approval', 'train', 'evaluate', 'gates', 'register', 'promote', 'update_baseline', 'report']);
  }, 120_000);

  it('two pipelines started at once for one model create one job; the other reports it', async () => {
    const clock = manualClock('2026-12-01T09:00:00Z');
    const opened = await backend.open(clock);
    const { store } = opened;
    // On Postgres a second pool, as another process would have; on SQLite the same connection.
    const peer = await opened.peer();
    const [a, b] = await Promise.all([runPipeline({ store, clock }, request()), runPipeline({ store: peer, clock }, request())]);
    const created = [a, b].filter((o) => o.created);
    expect(created).toHaveLength(1);
    const other = [a, b].find((o) => !o.created)!;
    expect(other.decision).toBe('already_running');
    expect(other.job.id).toBe(created[0]!.job.id);
    expect(await store.jobs.list({ kind: 'pipeline' })).toHaveLength(1);
    expect(await createRegistry(store).listVersions('churn')).toHaveLength(1);
  }, 120_000);
});

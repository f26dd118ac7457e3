import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { categoricalColumn, createTable, numericColumn, tableToCsvString, type Table } from '../../src/data/index.js';
import { trainModel } from '../../src/models/index.js';
import { createRegistry, parseModelRef, productionStack } from '../../src/registry/index.js';
import { describeEachBackend } from '../helpers/store-backends.js';
import { failure } from '../helpers/table-cells.js';

/** A small, deterministic churn-like table; `shift` moves the numeric feature (a drifted batch). */
function churnTable(n: number, shift = 0): Table {
  const tenure: number[] = [];
  const plan: string[] = [];
  const churned: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = ((i * 37) % 60) + shift;
    tenure.push(t);
    plan.push(i % 3 === 0 ? 'pro' : 'basic');
    churned.push(t < 20 || (i % 7 === 0 && t < 40) ? 'yes' : 'no');
  }
  return createTable([numericColumn('tenure', tenure), categoricalColumn('plan', plan), categoricalColumn('churned', churned)]);
}

let dir: string;
let model1: Uint8Array;
let model2: Uint8Array;
let model3: Uint8Array;
let referenceFile: string;
let reference2File: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-registry-'));
  const train = async (t: Table, seed: number) => {
    const { model } = await trainModel(t, { label: 'churned', algo: 'logreg', seed, validFraction: 0.2 });
    return Buffer.from(JSON.stringify(model.toFile()));
  };
  model1 = await train(churnTable(200), 1);
  model2 = await train(churnTable(200, 10), 2);
  model3 = await train(churnTable(220, 5), 3);
  referenceFile = join(dir, 'reference.csv');
  reference2File = join(dir, 'reference-2.csv');
  await writeFile(referenceFile, tableToCsvString(churnTable(200)));
  await writeFile(reference2File, tableToCsvString(churnTable(200, 10)));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('parses model references', () => {
  expect(parseModelRef('churn')).toEqual({ name: 'churn' });
  expect(parseModelRef('churn@production')).toEqual({ name: 'churn', alias: 'production' });
  expect(parseModelRef('churn:12')).toEqual({ name: 'churn', version: 12 });
  expect(() => parseModelRef('churn:0')).toThrow(/whole number/);
  expect(() => parseModelRef('../x')).toThrow(/not a valid model name/);
});

describeEachBackend('registry', (backend) => {
  it('registers version 1 with its reference as production, with lineage and an audit trail', async () => {
    const clock = manualClock('2026-12-01T08:00:00Z');
    const { store } = await backend.open(clock);
    const registry = createRegistry(store);
    const v1 = await registry.registerModel({ name: 'churn', modelBytes: model1, reference: { file: referenceFile }, actor: 'ana', alias: 'production', reason: 'first model', tags: { team: 'growth' } });
    expect(v1.version).toBe(1);
    expect(v1.state).toBe('production');
    expect(v1.aliases).toEqual(['production']);
    expect(v1.format).toBe('native');
    expect(v1.signature.label).toBe('churned');
    expect(v1.signature.task).toBe('binary');
    expect(v1.signature.inputs.map((i) => i.name).sort()).toEqual(['plan', 'tenure']);
    expect(v1.tags).toEqual({ team: 'growth' });
    expect(v1.createdAt).toBe('2026-12-01T08:00:00.000Z');
    expect(Object.keys(v1.metrics).length).toBeGreaterThan(0);
    // Lineage and baseline: the reference file, stored as a dataset version of the model's name.
    const ref = await registry.reference('churn');
    expect(ref?.dataset).toBe('churn');
    expect(ref?.rowCount).toBe(200);
    expect(ref?.columnCount).toBe(3);
    expect(v1.trainedOnDatasetVersionId).toBe(ref?.id);
    expect(v1.referenceDatasetVersionId).toBe(ref?.id);
    const { table } = await registry.loadReference('churn');
    expect(table.rowCount).toBe(200);
    expect(table.names).toEqual(['tenure', 'plan', 'churned']);
    const actions = (await store.audit.list({ subjectPrefix: 'churn' })).map((e) => e.action);
    expect(actions).toEqual(['model.created', 'dataset.version_created', 'model.version_registered', 'model.version_approved', 'model.version_production', 'model.promoted']);
    // The stored model predicts as the original.
    const { model } = await registry.loadModel({ name: 'churn', alias: 'production' });
    const predicted = await model.predict(churnTable(20));
    expect(predicted.labels).toHaveLength(20);
  });

  it('numbers versions from 1 per model and resolves NAME, NAME@alias and NAME:version', async () => {
    const { store } = await backend.open();
    const registry = createRegistry(store);
    await registry.registerModel({ name: 'churn', modelBytes: model1, reference: { file: referenceFile }, actor: 'ana', alias: 'production' });
    const v2 = await registry.registerModel({ name: 'churn', modelBytes: model2, reference: { file: reference2File }, actor: 'pipeline', parentVersion: 1, alias: 'challenger' });
    const other = await registry.registerModel({ name: 'fraud', modelBytes: model3, actor: 'bob' });
    expect([v2.version, v2.state, v2.parentVersion, other.version]).toEqual([2, 'candidate', 1, 1]);
    expect(v2.aliases).toEqual(['challenger']);
    expect((await registry.getVersion({ name: 'churn' })).version).toBe(1);
    expect((await registry.getVersion({ name: 'churn', alias: 'challenger' })).version).toBe(2);
    expect((await registry.getVersion({ name: 'churn', version: 2 })).artifactSha256).toBe(v2.artifactSha256);
    expect((await registry.getVersion({ name: 'fraud' })).version).toBe(1);
    expect((await registry.listVersions('churn')).map((v) => [v.version, v.state, v.aliases])).toEqual([[1, 'production', ['production']], [2, 'candidate', ['challenger']]]);
    expect((await registry.listModels()).map((m) => [m.name, m.latestVersion])).toEqual([['churn', 2], ['fraud', 1]]);
    // The same reference data registered again is not stored twice.
    await registry.registerModel({ name: 'churn', modelBytes: model3, reference: { file: referenceFile }, actor: 'ana' });
    expect((await store.datasets.listVersions('churn')).length).toBe(2);
    for (const [ref, field] of [[{ name: 'nope' }, 'model'], [{ name: 'churn', version: 9 }, 'version'], [{ name: 'churn', alias: 'canary' }, 'alias']] as const) {
      const e = await failure(registry.getVersion(ref));
      expect(e.code).toBe('NOT_FOUND');
      expect(e.field).toBe(field);
    }
  });

  it('promotes with the baseline, answers "who held production at T", and rolls back model and baseline', async () => {
    const clock = manualClock('2026-12-01T08:00:00Z');
    const { store } = await backend.open(clock);
    const registry = createRegistry(store);
    await registry.registerModel({ name: 'churn', modelBytes: model1, reference: { file: referenceFile }, actor: 'ana', alias: 'production' });
    const baseline1 = (await registry.reference('churn'))!;
    clock.set('2026-12-01T09:00:00Z');
    await registry.registerModel({ name: 'churn', modelBytes: model2, reference: { file: reference2File }, actor: 'pipeline' });
    clock.set('2026-12-01T10:00:00Z');
    const promoted = await registry.promote('churn', 2, { actor: 'ana', reason: 'better F1 on the holdout' });
    expect(promoted.state).toBe('production');
    const baseline2 = (await registry.reference('churn'))!;
    expect(baseline2.id).not.toBe(baseline1.id);
    expect(baseline2.source).toBe('reference-2.csv');
    expect((await registry.getVersion({ name: 'churn', version: 1 })).state).toBe('archived');

    expect(await registry.historyAt('churn', '2026-12-01T07:59:59Z')).toBeNull();
    expect(await registry.historyAt('churn', '2026-12-01T08:00:00Z')).toBe(1);
    expect(await registry.historyAt('churn', '2026-12-01T09:59:59.999Z')).toBe(1);
    expect(await registry.historyAt('churn', new Date('2026-12-01T10:00:00Z'))).toBe(2);

    clock.set('2026-12-01T11:30:00Z');
    const back = await registry.rollback('churn', { actor: 'bob', reason: 'false positives' });
    expect(back.version).toBe(1);
    expect(back.state).toBe('production');
    expect((await registry.reference('churn'))?.id).toBe(baseline1.id);
    expect((await registry.loadReference('churn')).table.rowCount).toBe(200);
    expect((await registry.getVersion({ name: 'churn', version: 2 })).state).toBe('archived');
    expect(await registry.historyAt('churn', '2026-12-01T11:00:00Z')).toBe(2);
    expect(await registry.historyAt('churn', Date.parse('2026-12-01T11:30:00Z'))).toBe(1);

    const history = await registry.history('churn', 'production');
    expect(history.map((m) => [m.kind, m.version, m.previousVersion, m.actor, m.movedAt, m.referenceDatasetVersionId])).toEqual([
      ['promote', 1, null, 'ana', '2026-12-01T08:00:00.000Z', baseline1.id],
      ['promote', 2, 1, 'ana', '2026-12-01T10:00:00.000Z', baseline2.id],
      ['rollback', 1, 2, 'bob', '2026-12-01T11:30:00.000Z', baseline1.id],
    ]);
    expect(history[1]!.reason).toBe('better F1 on the holdout');
    expect(history[2]!.reason).toBe('false positives');
    const rolled = (await store.audit.list({ action: 'model.rolled_back' }))[0]!;
    expect(rolled.actor).toBe('bob');
    expect(rolled.details).toMatchObject({ version: 1, previous_version: 2, reference_dataset_version_id: baseline1.id, previous_reference_dataset_version_id: baseline2.id, reason: 'false positives' });
    // Nothing earlier to go back to.
    expect((await failure(registry.rollback('churn', { actor: 'bob' }))).code).toBe('CONFLICT');
  });

  it('rolling back twice after three promotions lands on version 1', async () => {
    const { store } = await backend.open(manualClock('2026-12-01T00:00:00Z'));
    const registry = createRegistry(store);
    await registry.registerModel({ name: 'churn', modelBytes: model1, actor: 'a', alias: 'production' });
    await registry.registerModel({ name: 'churn', modelBytes: model2, actor: 'a', alias: 'production' });
    await registry.registerModel({ name: 'churn', modelBytes: model3, actor: 'a', alias: 'production' });
    expect((await registry.rollback('churn', { actor: 'a' })).version).toBe(2);
    expect((await registry.rollback('churn', { actor: 'a' })).version).toBe(1);
    expect(productionStack(await registry.history('churn', 'production'))).toEqual([1]);
    expect((await registry.listVersions('churn')).map((v) => v.state)).toEqual(['production', 'archived', 'archived']);
  });

  it('two concurrent registrations get distinct version numbers', async () => {
    const { store, peer } = await backend.open();
    const other = await peer();
    const [a, b] = await Promise.all([
      createRegistry(store).registerModel({ name: 'churn', modelBytes: model1, actor: 'one' }),
      createRegistry(other).registerModel({ name: 'churn', modelBytes: model2, actor: 'two' }),
    ]);
    expect([a.version, b.version].sort()).toEqual([1, 2]);
    const c = await createRegistry(other).registerModel({ name: 'churn', modelBytes: model3, actor: 'three' });
    expect(c.version).toBe(3);
    expect((await createRegistry(store).getModel('churn')).latestVersion).toBe(3);
  });

  it('refuses invalid state transitions with CONFLICT and changes nothing', async () => {
    const { store } = await backend.open();
    const registry = createRegistry(store);
    await registry.registerModel({ name: 'churn', modelBytes: model1, actor: 'a', alias: 'production' });
    await registry.registerModel({ name: 'churn', modelBytes: model2, actor: 'a' });
    await registry.registerModel({ name: 'churn', modelBytes: model3, actor: 'a' });
    await registry.reject('churn', 2, { actor: 'gate', reason: 'F1 0.71 below the floor 0.80' });
    expect((await registry.getVersion({ name: 'churn', version: 2 })).stateReason).toBe('F1 0.71 below the floor 0.80');
    const refused = await failure(registry.promote('churn', 2, { actor: 'a' }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('version 2 is rejected');
    expect((await registry.getVersion({ name: 'churn', alias: 'production' })).version).toBe(1);
    expect((await registry.getVersion({ name: 'churn', version: 1 })).state).toBe('production');
    expect((await failure(registry.approve('churn', 2, { actor: 'a' }))).code).toBe('CONFLICT');
    expect((await failure(registry.approve('churn', 1, { actor: 'a' }))).code).toBe('CONFLICT');
    expect((await failure(registry.reject('churn', 1, { actor: 'a' }))).code).toBe('CONFLICT');
    expect((await failure(registry.archive('churn', 1, { actor: 'a' }))).code).toBe('CONFLICT');
    expect((await failure(registry.promote('churn', 1, { actor: 'a' }))).code).toBe('CONFLICT');
    expect((await failure(registry.setAlias('churn', 'challenger', 2, { actor: 'a' }))).code).toBe('CONFLICT');
    expect((await failure(registry.setAlias('churn', 'production', 3, { actor: 'a' }))).code).toBe('INVALID_ARGUMENT');
    await registry.approve('churn', 3, { actor: 'ana' });
    await registry.archive('churn', 3, { actor: 'ana' });
    expect((await registry.listVersions('churn')).map((v) => v.state)).toEqual(['production', 'rejected', 'archived']);
    expect((await registry.history('churn', 'production'))).toHaveLength(1);
  });

  it('moves and removes user-defined aliases, recorded in the history', async () => {
    const clock = manualClock('2026-12-01T00:00:00Z');
    const { store } = await backend.open(clock);
    const registry = createRegistry(store);
    await registry.registerModel({ name: 'churn', modelBytes: model1, actor: 'a' });
    await registry.registerModel({ name: 'churn', modelBytes: model2, actor: 'a' });
    await registry.setAlias('churn', 'canary', 1, { actor: 'ana' });
    clock.advance(1000);
    await registry.setAlias('churn', 'canary', 2, { actor: 'ana', reason: 'try v2' });
    expect(await registry.historyAt('churn', '2026-12-01T00:00:00.500Z', 'canary')).toBe(1);
    clock.advance(1000);
    await registry.setAlias('churn', 'canary', null, { actor: 'bob' });
    expect((await registry.getModel('churn')).aliases).toEqual([]);
    expect(await registry.historyAt('churn', '2026-12-01T00:00:05Z', 'canary')).toBeNull();
    expect((await registry.history('churn', 'canary')).map((m) => [m.kind, m.version, m.previousVersion])).toEqual([['set', 1, null], ['set', 2, 1], ['remove', null, 2]]);
    expect((await failure(registry.setAlias('churn', 'canary', null, { actor: 'bob' }))).code).toBe('NOT_FOUND');
  });

  it('replaces the baseline without retraining, recorded; a damaged model artifact is ARTIFACT_CORRUPT', async () => {
    const { store } = await backend.open();
    const registry = createRegistry(store);
    const v1 = await registry.registerModel({ name: 'churn', modelBytes: model1, reference: { table: churnTable(100) }, actor: 'a', alias: 'production' });
    const before = (await registry.reference('churn'))!;
    expect(before.format).toBe('csv');
    const after = await registry.setReference('churn', { file: reference2File }, { actor: 'ana', reason: 'new season' });
    expect((await registry.reference('churn'))?.id).toBe(after.id);
    expect((await registry.getVersion({ name: 'churn', version: 1 })).trainedOnDatasetVersionId).toBe(before.id);
    const event = (await store.audit.list({ action: 'model.baseline_set' }))[0]!;
    expect(event.details).toMatchObject({ version: 1, reference_dataset_version_id: after.id, previous_reference_dataset_version_id: before.id, reason: 'new season' });
    await writeFile(await store.artifacts.localPath(v1.artifactSha256), '{"tampered": true}');
    expect((await failure(registry.loadModel({ name: 'churn' }))).code).toBe('ARTIFACT_CORRUPT');
  });

  it('refuses bad registrations before storing anything', async () => {
    const { store } = await backend.open();
    const registry = createRegistry(store);
    expect((await failure(registry.registerModel({ name: 'bad name', modelBytes: model1, actor: 'a' }))).code).toBe('INVALID_ARGUMENT');
    expect((await failure(registry.registerModel({ name: 'churn', actor: 'a' }))).code).toBe('INVALID_ARGUMENT');
    const missing = await failure(registry.registerModel({ name: 'churn', modelFile: join(dir, 'missing.json'), actor: 'a' }));
    expect(missing.code).toBe('FILE_NOT_FOUND');
    const notModel = join(dir, 'not-a-model.json');
    await writeFile(notModel, '{"hello": 1}');
    const invalid = await failure(registry.registerModel({ name: 'churn', modelFile: notModel, actor: 'a' }));
    expect(invalid.code).toBe('MODEL_INVALID');
    expect(invalid.file).toBe(notModel);
    expect((await failure(registry.registerModel({ name: 'churn', modelBytes: model1, actor: 'a', parentVersion: 4 }))).code).toBe('NOT_FOUND');
    expect(await store.models.listModels()).toEqual([]);
  });
});

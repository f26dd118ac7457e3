/**
 * The model registry: registered models with numbered versions, their lineage (the dataset version each
 * was trained on) and their monitored reference baseline, aliases with a full history of who moved them,
 * when and why, promotion and one-step rollback. Every change is one transaction and one or more audit
 * events; times come from the store's Clock.
 */
import { DriftwatchError } from '../core/index.js';
import { loadModel, type Model, type ModelSignature } from '../models/index.js';
import type { AliasMove, AliasRecord, DatasetVersion, Repositories, Store, StoredModelVersion } from '../store/index.js';
import { prepareDataset, readDatasetArtifact, type DatasetSource } from './datasets.js';
import type { Table } from '../data/table/index.js';
import { assertAliasName, assertModelName, PRODUCTION, type ModelRef } from './refs.js';
import { assertTransition, type VersionState } from './states.js';

/** The formats the registry records: Driftwatch's native JSON, ONNX, XGBoost's JSON. */
export type RegistryModelFormat = 'native' | 'onnx' | 'xgboost';

export interface ModelVersion extends Omit<StoredModelVersion, 'state' | 'signature' | 'format'> {
  readonly format: RegistryModelFormat;
  readonly signature: ModelSignature;
  readonly state: VersionState;
  /** Aliases pointing at this version now. */
  readonly aliases: readonly string[];
}

export interface Actor {
  /** Who or what made the change: a user name, "pipeline", an API key's name. */
  readonly actor: string;
  /** Why, in a person's words; kept in the history and the audit log. */
  readonly reason?: string | null;
}

export interface RegisterModelInput extends Actor {
  readonly name: string;
  /** The model file (native JSON, ONNX, XGBoost JSON), or its bytes. Exactly one. */
  readonly modelFile?: string;
  readonly modelBytes?: Uint8Array;
  /** The reference baseline monitored while this version serves. */
  readonly reference?: DatasetSource;
  /** The data it was trained on (lineage), when not the reference itself. */
  readonly trainedOn?: DatasetSource;
  /** Name of the dataset the data is stored under (default: the model's name). */
  readonly datasetName?: string;
  /** The label column (for imported models whose file does not say). */
  readonly label?: string;
  /** Column names for an ONNX model with one [N, F] input. */
  readonly featureNames?: readonly string[];
  /** Metrics to record (default: the model card's). */
  readonly metrics?: Readonly<Record<string, number>>;
  /** Parameters to record (default: the model card's). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly parentVersion?: number | null;
  readonly tags?: Readonly<Record<string, string>>;
  readonly description?: string | null;
  /** Point this alias at the new version ('production' promotes it). */
  readonly alias?: string;
}

export interface RegisteredModelView {
  readonly name: string;
  readonly description: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly latestVersion: number;
  readonly aliases: readonly AliasRecord[];
}

export interface Registry {
  readonly store: Store;
  registerModel(input: RegisterModelInput): Promise<ModelVersion>;
  listModels(): Promise<RegisteredModelView[]>;
  getModel(name: string): Promise<RegisteredModelView>;
  listVersions(name: string): Promise<ModelVersion[]>;
  /** `NAME:3`, `NAME@alias`, or `NAME` (production if set, else the latest version). NOT_FOUND otherwise. */
  getVersion(ref: ModelRef): Promise<ModelVersion>;
  approve(name: string, version: number, by: Actor): Promise<ModelVersion>;
  reject(name: string, version: number, by: Actor): Promise<ModelVersion>;
  archive(name: string, version: number, by: Actor): Promise<ModelVersion>;
  /** Moves `production` to the version (approving a candidate on the way), archiving the previous holder. */
  promote(name: string, version: number, by: Actor): Promise<ModelVersion>;
  /** Puts production back to the holder before the current one, with its baseline. CONFLICT when there is none. */
  rollback(name: string, by: Actor): Promise<ModelVersion>;
  /** Points a non-production alias (challenger, user-defined) at a version, or removes it with null. */
  setAlias(name: string, alias: string, version: number | null, by: Actor): Promise<AliasMove>;
  /** Every alias move, oldest first (one alias's when given). */
  history(name: string, alias?: string): Promise<AliasMove[]>;
  /** The version that held the alias (default production) at a time; null when none did. */
  historyAt(name: string, at: number | Date | string, alias?: string): Promise<number | null>;
  /** The monitored reference baseline: the production version's. Null without a production version. */
  reference(name: string): Promise<DatasetVersion | null>;
  /** Replaces the production version's reference baseline without retraining (recorded). */
  setReference(name: string, source: DatasetSource, by: Actor): Promise<DatasetVersion>;
  loadReference(name: string): Promise<{ datasetVersion: DatasetVersion; table: Table }>;
  /** The model a version holds, loaded from its verified artifact. */
  loadModel(ref: ModelRef): Promise<{ version: ModelVersion; model: Model }>;
}

const FORMAT_OF: Readonly<Record<string, RegistryModelFormat>> = { native: 'native', onnx: 'onnx', 'xgboost-json': 'xgboost' };

export function createRegistry(store: Store): Registry {
  const { artifacts } = store;

  const view = (v: StoredModelVersion, aliases: readonly AliasRecord[]): ModelVersion => ({
    ...v,
    format: v.format as RegistryModelFormat,
    signature: v.signature as ModelSignature,
    state: v.state as VersionState,
    aliases: aliases.filter((a) => a.version === v.version).map((a) => a.alias),
  });

  const audit = (tx: Repositories, by: Actor, action: string, subject: string, details: Record<string, unknown>) =>
    tx.audit.record({ actor: by.actor, action, subjectKind: 'model', subject, details: { ...details, ...(by.reason != null ? { reason: by.reason } : {}) } });

  /** One state change, validated, audited. */
  const transition = async (tx: Repositories, v: StoredModelVersion, to: VersionState, by: Actor): Promise<StoredModelVersion> => {
    assertTransition(v.name, v.version, v.state as VersionState, to);
    const next = await tx.models.setState(v.id, v.state, to, by.reason ?? null);
    await audit(tx, by, `model.version_${to}`, `${v.name}:${v.version}`, { version: v.version, from: v.state, to });
    return next;
  };

  /** Moves production inside a transaction that holds the model's lock. */
  const moveProduction = async (tx: Repositories, modelId: number, target: StoredModelVersion, kind: 'promote' | 'rollback', by: Actor): Promise<AliasMove> => {
    const current = await tx.aliases.get(modelId, PRODUCTION);
    if (current?.version === target.version) {
      throw new DriftwatchError('CONFLICT', `model "${target.name}" version ${target.version} is already in production`, { field: 'version' });
    }
    let t = target;
    if (kind === 'promote' && t.state === 'candidate') t = await transition(tx, t, 'approved', { actor: by.actor, reason: by.reason ?? 'approved by promotion' });
    const previous = current === undefined ? undefined : await tx.models.requireVersion(target.name, current.version);
    // Check the target first: a refused promotion must leave the current holder untouched.
    assertTransition(t.name, t.version, t.state as VersionState, 'production');
    if (previous !== undefined && previous.state === 'production') {
      await transition(tx, previous, 'archived', { actor: by.actor, reason: `${kind === 'rollback' ? 'rolled back' : 'replaced'} by version ${target.version}` });
    }
    await transition(tx, t, 'production', by);
    const move = await tx.aliases.move(modelId, {
      alias: PRODUCTION,
      version: t.version,
      previousVersion: current?.version ?? null,
      referenceDatasetVersionId: t.referenceDatasetVersionId,
      actor: by.actor,
      reason: by.reason ?? null,
      kind,
    });
    await audit(tx, by, kind === 'rollback' ? 'model.rolled_back' : 'model.promoted', t.name, {
      version: t.version,
      previous_version: current?.version ?? null,
      reference_dataset_version_id: t.referenceDatasetVersionId,
      previous_reference_dataset_version_id: previous?.referenceDatasetVersionId ?? null,
    });
    return move;
  };

  const locked = async <T>(name: string, fn: (tx: Repositories, modelId: number) => Promise<T>): Promise<T> =>
    store.transaction(async (tx) => {
      const model = await tx.models.requireModel(name);
      await tx.models.lockModel(model.id);
      return fn(tx, model.id);
    });

  const versionView = async (name: string, version: number): Promise<ModelVersion> => {
    const model = await store.models.requireModel(name);
    const [v, aliases] = await Promise.all([store.models.requireVersion(name, version), store.aliases.list(model.id)]);
    return view(v, aliases);
  };

  const stateChange = (to: VersionState) => async (name: string, version: number, by: Actor): Promise<ModelVersion> => {
    await locked(name, async (tx) => {
      const v = await tx.models.requireVersion(name, version);
      if (to === 'archived' && v.state === 'production') {
        throw new DriftwatchError('CONFLICT', `model "${name}" version ${version} is in production: promote another version or roll back first`, { field: 'state' });
      }
      await transition(tx, v, to, by);
    });
    return versionView(name, version);
  };

  const registry: Registry = {
    store,
    async registerModel(input) {
      assertModelName(input.name);
      if (input.alias !== undefined) assertAliasName(input.alias);
      if ((input.modelFile === undefined) === (input.modelBytes === undefined)) {
        throw new DriftwatchError('INVALID_ARGUMENT', 'give exactly one of modelFile and modelBytes', { field: 'model' });
      }
      // Artifacts and data first, outside the transaction: they are content-addressed, so a failure later
      // leaves at most an unreferenced file, never a half-registered version.
      const modelInfo = input.modelFile !== undefined ? await artifacts.putFile(input.modelFile) : await artifacts.put(input.modelBytes!);
      const loaded = await loadModel(await artifacts.localPath(modelInfo.sha256), {
        ...(input.label !== undefined ? { label: input.label } : {}),
        ...(input.featureNames !== undefined ? { featureNames: input.featureNames } : {}),
      }).catch((e: unknown) => {
        // Name the user's file, not the artifact's path.
        if (e instanceof DriftwatchError && input.modelFile !== undefined) throw new DriftwatchError(e.code, e.message, { file: input.modelFile }, { cause: e });
        throw e;
      });
      const reference = input.reference === undefined ? undefined : await prepareDataset(artifacts, input.reference);
      const trained = input.trainedOn === undefined ? undefined : await prepareDataset(artifacts, input.trainedOn);
      const datasetName = input.datasetName ?? input.name;
      const { model, format } = loaded;
      const signature: ModelSignature = input.label !== undefined && model.signature.label === null ? { ...model.signature, label: input.label } : model.signature;

      const registered = await store.transaction(async (tx) => {
        const { model: m, created } = await tx.models.ensureModel(input.name, input.actor, input.description ?? null);
        await tx.models.lockModel(m.id);
        if (created) await audit(tx, input, 'model.created', input.name, {});
        const storeData = async (p: typeof reference) => {
          if (p === undefined) return undefined;
          const existing = await tx.datasets.findByContent(datasetName, p.version.artifactSha256);
          if (existing !== undefined) return existing;
          const dv = await tx.datasets.createVersion({ ...p.version, dataset: datasetName, createdBy: input.actor, description: null });
          await tx.audit.record({ actor: input.actor, action: 'dataset.version_created', subjectKind: 'dataset', subject: `${datasetName}:${dv.version}`, details: { artifact_sha256: dv.artifactSha256, rows: dv.rowCount, columns: dv.columnCount, fingerprint: dv.fingerprint, source: dv.source } });
          return dv;
        };
        const referenceVersion = await storeData(reference);
        const trainedVersion = (await storeData(trained)) ?? referenceVersion;
        if (input.parentVersion != null) await tx.models.requireVersion(input.name, input.parentVersion);
        const v = await tx.models.insertVersion(m.id, {
          artifactSha256: modelInfo.sha256,
          format: FORMAT_OF[format] ?? format,
          signature,
          metrics: input.metrics ?? model.card.metrics,
          parameters: input.parameters ?? model.card.parameters,
          trainingFingerprint: model.card.data_fingerprint ?? trainedVersion?.fingerprint ?? null,
          trainedOnDatasetVersionId: trainedVersion?.id ?? null,
          referenceDatasetVersionId: referenceVersion?.id ?? trainedVersion?.id ?? null,
          parentVersion: input.parentVersion ?? null,
          createdBy: input.actor,
          tags: input.tags ?? {},
          description: input.description ?? null,
          state: 'candidate',
        });
        await audit(tx, input, 'model.version_registered', `${input.name}:${v.version}`, {
          version: v.version,
          artifact_sha256: v.artifactSha256,
          format: v.format,
          trained_on_dataset_version_id: v.trainedOnDatasetVersionId,
          reference_dataset_version_id: v.referenceDatasetVersionId,
          parent_version: v.parentVersion,
        });
        if (input.alias === PRODUCTION) await moveProduction(tx, m.id, v, 'promote', input);
        else if (input.alias !== undefined) await setAliasIn(tx, m.id, v, input.alias, input);
        return v;
      });
      return versionView(input.name, registered.version);
    },

    async listModels() {
      const models = await store.models.listModels();
      return Promise.all(models.map(async (m) => ({ name: m.name, description: m.description, createdAt: m.createdAt, updatedAt: m.updatedAt, latestVersion: m.latestVersion, aliases: await store.aliases.list(m.id) })));
    },
    async getModel(name) {
      const m = await store.models.requireModel(name);
      return { name: m.name, description: m.description, createdAt: m.createdAt, updatedAt: m.updatedAt, latestVersion: m.latestVersion, aliases: await store.aliases.list(m.id) };
    },
    async listVersions(name) {
      const m = await store.models.requireModel(name);
      const [versions, aliases] = await Promise.all([store.models.listVersions(name), store.aliases.list(m.id)]);
      return versions.map((v) => view(v, aliases));
    },
    async getVersion(ref) {
      const m = await store.models.requireModel(ref.name);
      if (ref.version !== undefined) return versionView(ref.name, ref.version);
      const aliases = await store.aliases.list(m.id);
      if (ref.alias !== undefined) {
        const a = aliases.find((x) => x.alias === ref.alias);
        if (a === undefined) {
          const known = aliases.map((x) => x.alias).join(', ');
          throw new DriftwatchError('NOT_FOUND', `model "${ref.name}" has no alias "${ref.alias}"${known === '' ? ' (it has no aliases)' : ` (its aliases: ${known})`}`, { field: 'alias' });
        }
        return versionView(ref.name, a.version);
      }
      const production = aliases.find((x) => x.alias === PRODUCTION);
      if (production !== undefined) return versionView(ref.name, production.version);
      if (m.latestVersion === 0) throw new DriftwatchError('NOT_FOUND', `model "${ref.name}" has no versions yet`, { field: 'version' });
      return versionView(ref.name, m.latestVersion);
    },

    approve: stateChange('approved'),
    reject: stateChange('rejected'),
    archive: stateChange('archived'),

    async promote(name, version, by) {
      await locked(name, async (tx, modelId) => moveProduction(tx, modelId, await tx.models.requireVersion(name, version), 'promote', by));
      return versionView(name, version);
    },

    async rollback(name, by) {
      const target = await locked(name, async (tx, modelId) => {
        const stack = productionStack(await tx.aliases.history(modelId, PRODUCTION));
        const previous = stack.at(-2);
        if (previous === undefined) {
          throw new DriftwatchError('CONFLICT', `model "${name}" has no earlier production version to roll back to`, { field: 'model' });
        }
        await moveProduction(tx, modelId, await tx.models.requireVersion(name, previous), 'rollback', { actor: by.actor, reason: by.reason ?? `rollback of version ${stack.at(-1)!}` });
        return previous;
      });
      return versionView(name, target);
    },

    async setAlias(name, alias, version, by) {
      assertAliasName(alias);
      if (alias === PRODUCTION) {
        throw new DriftwatchError('INVALID_ARGUMENT', `"production" moves only by promote or rollback, which also change the versions' states and the baseline`, { field: 'alias' });
      }
      return locked(name, async (tx, modelId) => {
        if (version === null) {
          const current = await tx.aliases.get(modelId, alias);
          if (current === undefined) throw new DriftwatchError('NOT_FOUND', `model "${name}" has no alias "${alias}"`, { field: 'alias' });
          const move = await tx.aliases.move(modelId, { alias, version: null, previousVersion: current.version, referenceDatasetVersionId: null, actor: by.actor, reason: by.reason ?? null, kind: 'remove' });
          await audit(tx, by, 'alias.removed', name, { alias, previous_version: current.version });
          return move;
        }
        return setAliasIn(tx, modelId, await tx.models.requireVersion(name, version), alias, by);
      });
    },

    async history(name, alias) {
      const m = await store.models.requireModel(name);
      return store.aliases.history(m.id, alias);
    },
    async historyAt(name, at, alias = PRODUCTION) {
      const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
      if (!Number.isFinite(ms)) throw new DriftwatchError('INVALID_ARGUMENT', `"${String(at)}" is not a time; use ISO 8601, e.g. 2026-12-01T10:00Z`, { field: 'at' });
      const m = await store.models.requireModel(name);
      const move = await store.aliases.moveAt(m.id, alias, ms);
      return move?.version ?? null;
    },

    async reference(name) {
      const m = await store.models.requireModel(name);
      const production = await store.aliases.get(m.id, PRODUCTION);
      if (production === undefined) return null;
      const v = await store.models.requireVersion(name, production.version);
      return v.referenceDatasetVersionId === null ? null : store.datasets.requireVersion(v.referenceDatasetVersionId);
    },
    async setReference(name, source, by) {
      const prepared = await prepareDataset(artifacts, source);
      return locked(name, async (tx, modelId) => {
        const production = await tx.aliases.get(modelId, PRODUCTION);
        if (production === undefined) throw new DriftwatchError('CONFLICT', `model "${name}" has no production version whose baseline could be replaced; promote a version first`, { field: 'model' });
        const v = await tx.models.requireVersion(name, production.version);
        const dv = (await tx.datasets.findByContent(name, prepared.version.artifactSha256)) ?? (await tx.datasets.createVersion({ ...prepared.version, dataset: name, createdBy: by.actor, description: by.reason ?? null }));
        await tx.models.setReference(v.id, dv.id);
        await audit(tx, by, 'model.baseline_set', `${name}:${v.version}`, { version: v.version, reference_dataset_version_id: dv.id, previous_reference_dataset_version_id: v.referenceDatasetVersionId, fingerprint: dv.fingerprint });
        return dv;
      });
    },
    async loadReference(name) {
      const dv = await registry.reference(name);
      if (dv === null) throw new DriftwatchError('NOT_FOUND', `model "${name}" has no reference baseline (no production version with one); register it with a reference`, { field: 'reference' });
      return { datasetVersion: dv, table: await readDatasetArtifact(artifacts, dv.artifactSha256, dv.format) };
    },
    async loadModel(ref) {
      const version = await registry.getVersion(ref);
      const path = await artifacts.localPath(version.artifactSha256);
      const { model } = await loadModel(path, {
        ...(version.signature.label !== null ? { label: version.signature.label } : {}),
        featureNames: version.signature.inputs.map((i) => i.name),
      });
      return { version, model };
    },
  };

  async function setAliasIn(tx: Repositories, modelId: number, v: StoredModelVersion, alias: string, by: Actor): Promise<AliasMove> {
    if (v.state === 'rejected') throw new DriftwatchError('CONFLICT', `model "${v.name}" version ${v.version} was rejected; an alias cannot point at it`, { field: 'alias' });
    const current = await tx.aliases.get(modelId, alias);
    const move = await tx.aliases.move(modelId, { alias, version: v.version, previousVersion: current?.version ?? null, referenceDatasetVersionId: null, actor: by.actor, reason: by.reason ?? null, kind: 'set' });
    await audit(tx, by, 'alias.moved', v.name, { alias, version: v.version, previous_version: current?.version ?? null });
    return move;
  }

  return registry;
}

/**
 * The production holders still "stacked": replaying the history, a promotion pushes, a rollback pops (it
 * undoes the move before it), a removal clears. Rolling back twice after three promotions gives version 1.
 */
export function productionStack(moves: readonly AliasMove[]): number[] {
  const stack: number[] = [];
  for (const m of moves) {
    if (m.kind === 'rollback') stack.pop();
    else if (m.kind === 'remove' || m.version === null) stack.length = 0;
    else stack.push(m.version);
  }
  return stack;
}


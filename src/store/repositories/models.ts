/** Registered models and their versions. The rules (which state may follow which) live in src/registry. */
import { sql, type Selectable } from 'kysely';
import { DriftwatchError } from '../../core/index.js';
import { isoOf, nowValue, type StoreContext } from '../context.js';
import type { ModelVersionsTable, RegisteredModelsTable } from '../schema.js';

export interface RegisteredModel {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: string;
  readonly latestVersion: number;
}

export interface StoredModelVersion {
  readonly id: number;
  readonly modelId: number;
  readonly name: string;
  readonly version: number;
  readonly artifactSha256: string;
  readonly format: string;
  readonly signature: unknown;
  readonly metrics: Readonly<Record<string, number>>;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly trainingFingerprint: string | null;
  readonly trainedOnDatasetVersionId: number | null;
  readonly referenceDatasetVersionId: number | null;
  readonly parentVersion: number | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly description: string | null;
  readonly state: string;
  readonly stateReason: string | null;
  readonly updatedAt: string;
}

export interface NewModelVersion {
  readonly artifactSha256: string;
  readonly format: string;
  readonly signature: unknown;
  readonly metrics: Readonly<Record<string, number>>;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly trainingFingerprint: string | null;
  readonly trainedOnDatasetVersionId: number | null;
  readonly referenceDatasetVersionId: number | null;
  readonly parentVersion: number | null;
  readonly createdBy: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly description: string | null;
  readonly state: string;
}

export interface ModelRepository {
  /** The model of that name, created if new; `created` says which. */
  ensureModel(name: string, actor: string, description?: string | null): Promise<{ model: RegisteredModel; created: boolean }>;
  getModel(name: string): Promise<RegisteredModel | undefined>;
  /** NOT_FOUND naming the model when it is not registered. */
  requireModel(name: string): Promise<RegisteredModel>;
  listModels(): Promise<RegisteredModel[]>;
  /**
   * Takes the model row's write lock for the rest of the transaction (and bumps updated_at), so changes to
   * one model's versions and aliases happen one at a time on both backends.
   */
  lockModel(modelId: number): Promise<void>;
  /** Adds a version with the next number (under the model's lock). */
  insertVersion(modelId: number, input: NewModelVersion): Promise<StoredModelVersion>;
  getVersion(name: string, version: number): Promise<StoredModelVersion | undefined>;
  /** NOT_FOUND naming the model and version. */
  requireVersion(name: string, version: number): Promise<StoredModelVersion>;
  listVersions(name: string): Promise<StoredModelVersion[]>;
  /** Moves a version from one state to another; CONFLICT when it is no longer in `from`. */
  setState(id: number, from: string, to: string, reason: string | null): Promise<StoredModelVersion>;
  setReference(id: number, datasetVersionId: number | null): Promise<StoredModelVersion>;
}

export function modelRepository(ctx: StoreContext): ModelRepository {
  const { db, dialect } = ctx;
  const toModel = (r: Selectable<RegisteredModelsTable>): RegisteredModel => ({
    id: r.id,
    name: r.name,
    description: r.description,
    createdAt: isoOf(ctx, r.created_at),
    updatedAt: isoOf(ctx, r.updated_at),
    createdBy: r.created_by,
    latestVersion: r.last_version,
  });
  const selectVersions = () =>
    db.selectFrom('model_versions as v').innerJoin('registered_models as m', 'm.id', 'v.model_id').selectAll('v').select('m.name as name');
  const toVersion = (r: Selectable<ModelVersionsTable> & { name: string }): StoredModelVersion => ({
    id: r.id,
    modelId: r.model_id,
    name: r.name,
    version: r.version,
    artifactSha256: r.artifact_sha256,
    format: r.format,
    signature: dialect.readJson(r.signature),
    metrics: dialect.readJson(r.metrics) as Record<string, number>,
    parameters: dialect.readJson(r.parameters) as Record<string, unknown>,
    trainingFingerprint: r.training_fingerprint,
    trainedOnDatasetVersionId: r.trained_on_dataset_version_id,
    referenceDatasetVersionId: r.reference_dataset_version_id,
    parentVersion: r.parent_version,
    createdAt: isoOf(ctx, r.created_at),
    createdBy: r.created_by,
    tags: dialect.readJson(r.tags) as Record<string, string>,
    description: r.description,
    state: r.state,
    stateReason: r.state_reason,
    updatedAt: isoOf(ctx, r.updated_at),
  });
  const byId = async (id: number) => toVersion(await selectVersions().where('v.id', '=', id).executeTakeFirstOrThrow());

  const repo: ModelRepository = {
    async ensureModel(name, actor, description = null) {
      const now = nowValue(ctx);
      const inserted = await db.insertInto('registered_models')
        .values({ name, description, created_at: now, updated_at: now, created_by: actor, last_version: 0 })
        .onConflict((oc) => oc.column('name').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted !== undefined) return { model: toModel(inserted), created: true };
      return { model: await repo.requireModel(name), created: false };
    },
    async getModel(name) {
      const r = await db.selectFrom('registered_models').selectAll().where('name', '=', name).executeTakeFirst();
      return r === undefined ? undefined : toModel(r);
    },
    async requireModel(name) {
      const m = await repo.getModel(name);
      if (m === undefined) throw new DriftwatchError('NOT_FOUND', `no model named "${name}" is registered; \`driftwatch models list\` shows the registered models`, { field: 'model' });
      return m;
    },
    async listModels() {
      const rows = await db.selectFrom('registered_models').selectAll().orderBy('name').execute();
      return rows.map(toModel);
    },
    async lockModel(modelId) {
      await db.updateTable('registered_models').set({ updated_at: nowValue(ctx) }).where('id', '=', modelId).execute();
    },
    async insertVersion(modelId, input) {
      const now = nowValue(ctx);
      const bumped = await db.updateTable('registered_models').set({ last_version: sql`last_version + 1`, updated_at: now }).where('id', '=', modelId).returning(['last_version', 'name']).executeTakeFirstOrThrow();
      const row = await db.insertInto('model_versions').values({
        model_id: modelId,
        version: bumped.last_version,
        artifact_sha256: input.artifactSha256,
        format: input.format,
        signature: dialect.writeJson(input.signature),
        metrics: dialect.writeJson(input.metrics),
        parameters: dialect.writeJson(input.parameters),
        training_fingerprint: input.trainingFingerprint,
        trained_on_dataset_version_id: input.trainedOnDatasetVersionId,
        reference_dataset_version_id: input.referenceDatasetVersionId,
        parent_version: input.parentVersion,
        created_at: now,
        created_by: input.createdBy,
        tags: dialect.writeJson(input.tags),
        description: input.description,
        state: input.state,
        state_reason: null,
        updated_at: now,
      }).returningAll().executeTakeFirstOrThrow();
      return toVersion({ ...row, name: bumped.name });
    },
    async getVersion(name, version) {
      const r = await selectVersions().where('m.name', '=', name).where('v.version', '=', version).executeTakeFirst();
      return r === undefined ? undefined : toVersion(r);
    },
    async requireVersion(name, version) {
      const v = await repo.getVersion(name, version);
      if (v !== undefined) return v;
      const m = await repo.requireModel(name);
      throw new DriftwatchError('NOT_FOUND', `model "${name}" has no version ${version} (its versions are 1 to ${m.latestVersion})`, { field: 'version' });
    },
    async listVersions(name) {
      const rows = await selectVersions().where('m.name', '=', name).orderBy('v.version').execute();
      return rows.map(toVersion);
    },
    async setState(id, from, to, reason) {
      const res = await db.updateTable('model_versions').set({ state: to, state_reason: reason, updated_at: nowValue(ctx) }).where('id', '=', id).where('state', '=', from).executeTakeFirst();
      const v = await byId(id);
      if (Number(res.numUpdatedRows) !== 1) {
        throw new DriftwatchError('CONFLICT', `model "${v.name}" version ${v.version} is ${v.state}, not ${from}: it cannot become ${to}`, { field: 'state' });
      }
      return v;
    },
    async setReference(id, datasetVersionId) {
      await db.updateTable('model_versions').set({ reference_dataset_version_id: datasetVersionId, updated_at: nowValue(ctx) }).where('id', '=', id).execute();
      return byId(id);
    },
  };
  return repo;
}

/**
 * The model registry over HTTP: list and show models and versions, download a version's artifact, the alias
 * history, register a version (multipart: the model file and its reference data), promote, roll back. The
 * registry audits its own changes (with the key's name as the actor), so these routes add no audit record.
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  aliasHistoryQuerySchema,
  aliasHistoryResponseSchema,
  listModelsResponseSchema,
  modelDetailResponseSchema,
  modelNameParamsSchema,
  modelVersionSchema,
  promoteBodySchema,
  registerFieldsSchema,
  rollbackBodySchema,
  versionChangeResponseSchema,
  versionParamsSchema,
  type AliasMoveInfo,
  type ModelDetailResponse,
  type ModelVersionInfo,
  type PromoteBody,
  type RollbackBody,
  type VersionChangeResponse,
} from '../../contracts/index.js';
import { PRODUCTION, type ModelVersion, type Registry } from '../../registry/index.js';
import type { AliasMove } from '../../store/index.js';
import type { RouteContext } from '../build-app.js';
import { optionalBody } from '../optional-body.js';
import { routeSchema } from '../route-schema.js';
import { receiveUploads, registerMultipart, uploadsFolder, withUploadNames } from '../uploads.js';

type NameParams = { name: string };
type VersionParams = { name: string; version: number };

export function versionInfo(v: ModelVersion): ModelVersionInfo {
  const s = v.signature;
  return {
    name: v.name,
    version: v.version,
    state: v.state,
    state_reason: v.stateReason,
    format: v.format,
    aliases: [...v.aliases],
    metrics: { ...v.metrics },
    parameters: { ...v.parameters },
    parent_version: v.parentVersion,
    training_fingerprint: v.trainingFingerprint,
    trained_on_dataset_version_id: v.trainedOnDatasetVersionId,
    reference_dataset_version_id: v.referenceDatasetVersionId,
    artifact_sha256: v.artifactSha256,
    created_at: v.createdAt,
    created_by: v.createdBy,
    description: v.description,
    tags: { ...v.tags },
    signature: { task: s.task, inputs: s.inputs.map((i) => ({ name: i.name, kind: i.kind })), classes: s.classes === null ? null : [...s.classes], positive_class: s.positiveClass, label: s.label },
  };
}

export function aliasMoveInfo(m: AliasMove): AliasMoveInfo {
  return { alias: m.alias, version: m.version, previous_version: m.previousVersion, at: m.movedAt, actor: m.actor, reason: m.reason, kind: m.kind };
}

async function productionOf(registry: Registry, name: string): Promise<number | null> {
  const m = await registry.getModel(name);
  return m.aliases.find((a) => a.alias === PRODUCTION)?.version ?? null;
}

const DEFAULT_UPLOAD_MB = 32;

export const modelRoutes: FastifyPluginAsync<RouteContext> = async (app, { runtime }) => {
  const { registry, store } = runtime;
  const maxFileBytes = Math.round((runtime.config.server?.body_limit_mb ?? DEFAULT_UPLOAD_MB) * 1048576);
  await registerMultipart(app, maxFileBytes);

  app.get('/v1/models', {
    schema: routeSchema({ tags: ['models'], summary: 'Registered models', response: { 200: listModelsResponseSchema } }),
  }, async () => {
    const models = await registry.listModels();
    return {
      models: models.map((m) => ({
        name: m.name,
        description: m.description,
        production_version: m.aliases.find((a) => a.alias === PRODUCTION)?.version ?? null,
        versions: m.latestVersion,
        latest_version: m.latestVersion === 0 ? null : m.latestVersion,
        created_at: m.createdAt,
        updated_at: m.updatedAt,
      })),
    };
  });

  app.get<{ Params: NameParams }>('/v1/models/:name', {
    schema: routeSchema({ tags: ['models'], summary: 'A model with its versions and aliases', params: modelNameParamsSchema, response: { 200: modelDetailResponseSchema } }),
  }, async (req): Promise<ModelDetailResponse> => {
    const [m, versions] = await Promise.all([registry.getModel(req.params.name), registry.listVersions(req.params.name)]);
    const aliases: Record<string, number> = {};
    for (const a of m.aliases) aliases[a.alias] = a.version;
    return {
      name: m.name,
      description: m.description,
      created_at: m.createdAt,
      updated_at: m.updatedAt,
      production_version: aliases[PRODUCTION] ?? null,
      latest_version: m.latestVersion === 0 ? null : m.latestVersion,
      versions: versions.map(versionInfo),
      aliases,
    };
  });

  app.get<{ Params: VersionParams }>('/v1/models/:name/versions/:version', {
    schema: routeSchema({ tags: ['models'], summary: 'One version: state, metrics, lineage, signature', params: versionParamsSchema, response: { 200: modelVersionSchema } }),
  }, async (req) => versionInfo(await registry.getVersion({ name: req.params.name, version: req.params.version })));

  app.get<{ Params: VersionParams }>('/v1/models/:name/versions/:version/artifact', {
    schema: routeSchema({
      tags: ['models'],
      summary: "Download the version's model file",
      description: 'The stored artifact, verified against its checksum; the `X-Artifact-SHA256` header carries the checksum.',
      params: versionParamsSchema,
      response: {},
    }),
  }, async (req, reply) => {
    const v = await registry.getVersion({ name: req.params.name, version: req.params.version });
    const bytes = await store.artifacts.get(v.artifactSha256);
    const ext = v.format === 'onnx' ? 'onnx' : 'json';
    void reply
      .header('content-type', v.format === 'onnx' ? 'application/octet-stream' : 'application/json')
      .header('content-disposition', `attachment; filename="${v.name}-v${v.version}.${ext}"`)
      .header('x-artifact-sha256', v.artifactSha256);
    return reply.send(bytes);
  });

  app.get<{ Params: NameParams; Querystring: { alias?: string } }>('/v1/models/:name/aliases/history', {
    schema: routeSchema({ tags: ['models'], summary: 'Every alias move, oldest first', params: modelNameParamsSchema, query: aliasHistoryQuerySchema, response: { 200: aliasHistoryResponseSchema } }),
  }, async (req) => ({ history: (await registry.history(req.params.name, req.query.alias)).map(aliasMoveInfo) }));

  app.post<{ Params: NameParams }>('/v1/models/:name/versions', {
    config: { audit: false },
    schema: routeSchema({
      tags: ['models'],
      summary: 'Register a version (multipart upload)',
      description: 'multipart/form-data: `model` (native JSON, ONNX, XGBoost JSON), `reference` (CSV, Parquet, JSON Lines: the baseline monitored while it serves), and optional text fields `alias` (`production` promotes it), `label`, `description`, `reason`.',
      params: modelNameParamsSchema,
      response: { 201: versionChangeResponseSchema },
    }),
  }, async (req, reply): Promise<VersionChangeResponse> => {
    const up = await receiveUploads(req, { fileNames: ['model', 'reference'], required: ['model', 'reference'], fields: registerFieldsSchema, maxFileBytes, root: uploadsFolder(runtime.home) });
    try {
      const f = up.fields;
      const registered = await registry.registerModel({
        name: req.params.name,
        modelFile: up.files['model']!.absolute,
        reference: { file: up.files['reference']!.absolute },
        actor: req.principal.name,
        ...(f.alias !== undefined ? { alias: f.alias } : {}),
        ...(f.label !== undefined ? { label: f.label } : {}),
        ...(f.description !== undefined ? { description: f.description } : {}),
        ...(f.reason !== undefined ? { reason: f.reason } : {}),
      }).catch((e: unknown) => Promise.reject(withUploadNames(e, up.files)));
      void reply.code(201);
      return { model: req.params.name, version: versionInfo(registered), production_version: await productionOf(registry, req.params.name) };
    } finally {
      await up.cleanup();
    }
  });

  app.post<{ Params: NameParams; Body: PromoteBody }>('/v1/models/:name/promote', {
    config: { audit: false },
    schema: routeSchema({
      tags: ['models'],
      summary: 'Promote a version (or point another alias at it)',
      description: '`alias` defaults to `production`: the version becomes production (approved on the way if a candidate), the previous holder is archived, and its baseline becomes the monitored one. Any other alias only points at the version.',
      params: modelNameParamsSchema,
      body: promoteBodySchema,
      response: { 200: versionChangeResponseSchema },
    }),
  }, async (req): Promise<VersionChangeResponse> => {
    const { name } = req.params;
    const by = { actor: req.principal.name, reason: req.body.reason ?? null };
    const alias = req.body.alias ?? PRODUCTION;
    const v = alias === PRODUCTION ? await registry.promote(name, req.body.version, by) : (await registry.setAlias(name, alias, req.body.version, by), await registry.getVersion({ name, version: req.body.version }));
    return { model: name, version: versionInfo(v), production_version: await productionOf(registry, name) };
  });

  app.post<{ Params: NameParams; Body: RollbackBody }>('/v1/models/:name/rollback', {
    preValidation: optionalBody,
    config: { audit: false },
    schema: routeSchema({
      tags: ['models'],
      summary: 'Put production back to the version before the current one',
      description: 'With its baseline. 409 when there is no earlier production version.',
      params: modelNameParamsSchema,
      body: rollbackBodySchema,
      response: { 200: versionChangeResponseSchema },
    }),
  }, async (req): Promise<VersionChangeResponse> => {
    const v = await registry.rollback(req.params.name, { actor: req.principal.name, reason: req.body.reason ?? null });
    return { model: req.params.name, version: versionInfo(v), production_version: v.version };
  });
};

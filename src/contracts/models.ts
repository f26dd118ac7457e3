/**
 * The model registry over HTTP: models, versions (with lineage and metrics), aliases and their history,
 * registering a version (multipart upload), promotion and rollback.
 */
import { z } from 'zod';

export const modelNameParamsSchema = z.strictObject({ name: z.string().min(1).max(200) });

export const versionParamsSchema = z.strictObject({ name: z.string().min(1).max(200), version: z.number().int().min(1) });

export const modelListItemSchema = z.strictObject({
  name: z.string(),
  description: z.string().nullable(),
  /** The version the `production` alias points to, or null. */
  production_version: z.number().int().nullable(),
  /** How many versions are registered. */
  versions: z.number().int(),
  latest_version: z.number().int().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const listModelsResponseSchema = z.strictObject({ models: z.array(modelListItemSchema) });

const signatureSchema = z.strictObject({
  task: z.string(),
  inputs: z.array(z.strictObject({ name: z.string(), kind: z.string() })),
  classes: z.array(z.string()).nullable(),
  positive_class: z.string().nullable(),
  label: z.string().nullable(),
});

export const modelVersionSchema = z.strictObject({
  name: z.string(),
  version: z.number().int(),
  /** candidate, approved, production, archived, rejected. */
  state: z.string(),
  state_reason: z.string().nullable(),
  /** native, onnx, xgboost. */
  format: z.string(),
  /** Aliases pointing at this version now. */
  aliases: z.array(z.string()),
  metrics: z.record(z.string(), z.number()),
  parameters: z.record(z.string(), z.unknown()),
  parent_version: z.number().int().nullable(),
  training_fingerprint: z.string().nullable(),
  trained_on_dataset_version_id: z.number().int().nullable(),
  reference_dataset_version_id: z.number().int().nullable(),
  artifact_sha256: z.string(),
  created_at: z.string(),
  created_by: z.string(),
  description: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  signature: signatureSchema,
});

export const modelDetailResponseSchema = z.strictObject({
  name: z.string(),
  description: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  production_version: z.number().int().nullable(),
  latest_version: z.number().int().nullable(),
  /** Oldest first. */
  versions: z.array(modelVersionSchema),
  /** Alias → version, e.g. `{"production": 2}`. */
  aliases: z.record(z.string(), z.number().int()),
});

export const aliasMoveSchema = z.strictObject({
  alias: z.string(),
  /** Null when the alias was removed. */
  version: z.number().int().nullable(),
  previous_version: z.number().int().nullable(),
  at: z.string(),
  actor: z.string(),
  reason: z.string().nullable(),
  /** promote, rollback, set, remove. */
  kind: z.string(),
});

export const aliasHistoryQuerySchema = z.strictObject({ alias: z.string().min(1).max(64).optional() });

export const aliasHistoryResponseSchema = z.strictObject({ history: z.array(aliasMoveSchema) });

export const promoteBodySchema = z.strictObject({
  version: z.number().int().min(1),
  /** `production` (default) moves production, with states and baseline; any other alias just points at the version. */
  alias: z.string().min(1).max(64).optional(),
  reason: z.string().max(2000).optional(),
});

export const rollbackBodySchema = z.strictObject({ reason: z.string().max(2000).optional() });

/** What promote, rollback and register answer: the version now, and where production points. */
export const versionChangeResponseSchema = z.strictObject({
  model: z.string(),
  version: modelVersionSchema,
  production_version: z.number().int().nullable(),
});

/** The text fields of the multipart registration (besides the `model` and `reference` files). */
export const registerFieldsSchema = z.strictObject({
  alias: z.string().min(1).max(64).optional(),
  label: z.string().min(1).max(500).optional(),
  description: z.string().max(2000).optional(),
  reason: z.string().max(2000).optional(),
});

export type ModelListItem = z.infer<typeof modelListItemSchema>;
export type ListModelsResponse = z.infer<typeof listModelsResponseSchema>;
export type ModelVersionInfo = z.infer<typeof modelVersionSchema>;
export type ModelDetailResponse = z.infer<typeof modelDetailResponseSchema>;
export type AliasMoveInfo = z.infer<typeof aliasMoveSchema>;
export type AliasHistoryResponse = z.infer<typeof aliasHistoryResponseSchema>;
export type PromoteBody = z.infer<typeof promoteBodySchema>;
export type RollbackBody = z.infer<typeof rollbackBodySchema>;
export type VersionChangeResponse = z.infer<typeof versionChangeResponseSchema>;
export type RegisterFields = z.infer<typeof registerFieldsSchema>;

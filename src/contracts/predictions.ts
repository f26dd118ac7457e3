/**
 * The serving routes: predict, ingest (rows predicted elsewhere), feedback (late labels), and the seed
 * microservices' request shapes (`POST /predict`, `POST /ingest/batch`) so their clients work unchanged.
 */
import { z } from 'zod';

/** One feature value as JSON carries it; null is a missing value. */
export const featureValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type FeatureValueJson = z.infer<typeof featureValueSchema>;

/** Most rows one request may carry (the body limit applies too). */
export const MAX_ROWS = 100_000;

export const modelParamsSchema = z.strictObject({ name: z.string().min(1).max(200) });

export const featureRowSchema = z.record(z.string(), featureValueSchema);

/** `{"rows": [{feature: value}, …]}` or `{"columns": {feature: [values…]}}`: exactly one of the two. */
export const predictBodySchema = z.strictObject({
  rows: z.array(featureRowSchema).min(1).max(MAX_ROWS).optional(),
  columns: z.record(z.string(), z.array(featureValueSchema).max(MAX_ROWS)).optional(),
});

export const predictionSchema = z.strictObject({
  /** Quote it in `POST …/feedback` when the label arrives. */
  prediction_id: z.string(),
  /** The predicted class (classifiers) or null. */
  label: z.string().nullable(),
  /** Binary classifiers: the positive class's probability; else null. */
  probability: z.number().nullable(),
  /** Classifiers: every class's probability. */
  probabilities: z.record(z.string(), z.number()).nullable(),
  /** Regressors: the predicted value. */
  value: z.number().nullable(),
});

export const predictResponseSchema = z.strictObject({
  model: z.string(),
  /** The version that answered every row of this request (the production alias's when it started). */
  model_version: z.number().int(),
  predictions: z.array(predictionSchema),
});

/** Keys of an ingested row that are not features. */
export const INGEST_RESERVED_KEYS = ['prediction', 'probability', 'label', 'timestamp', 'prediction_id'] as const;

export const ingestBodySchema = z.strictObject({
  /** Idempotency key: a batch sent again is stored once and answered with `"status": "duplicate"`. */
  batch_id: z.string().min(1).max(200),
  /** Features, plus optional `prediction`, `probability`, `label`, `timestamp` (ISO or epoch ms), `prediction_id`. */
  rows: z.array(featureRowSchema).min(1).max(MAX_ROWS),
});

export const ingestResponseSchema = z.strictObject({
  status: z.enum(['stored', 'duplicate']),
  batch_id: z.string(),
  rows: z.number().int(),
  /** Rows that came without a prediction and were predicted by the production model at ingest. */
  predicted: z.number().int(),
  /** The rows' prediction ids, in order (for a duplicate: those the first send stored). */
  prediction_ids: z.array(z.string()).optional(),
});

export const feedbackBodySchema = z.strictObject({
  labels: z
    .array(z.strictObject({ prediction_id: z.string().min(1), label: z.union([z.string(), z.number(), z.boolean()]) }))
    .min(1)
    .max(MAX_ROWS),
});

export const feedbackResponseSchema = z.strictObject({
  updated: z.number().int(),
  /** Ids that match no logged prediction of this model: nothing was stored for them. */
  unknown_ids: z.array(z.string()),
});

/** The seed services' shape: positional rows in the model signature's input order. */
export const seedPredictBodySchema = z.strictObject({
  features: z.array(z.array(featureValueSchema)).min(1).max(MAX_ROWS),
  /** Known labels of the rows, logged with them. */
  labels: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  batch_id: z.string().min(1).max(200).optional(),
});

export const seedPredictResponseSchema = z.strictObject({
  model: z.string(),
  model_version: z.number().int(),
  /** Predicted class (or value, as text) per row. */
  predictions: z.array(z.string()),
  /** Positive-class probability per row (binary classifiers), as the seed services answered; else null. */
  probabilities: z.array(z.number()).nullable(),
  prediction_ids: z.array(z.string()),
});

export const seedIngestBodySchema = z.strictObject({
  features: z.array(z.array(featureValueSchema)).min(1).max(MAX_ROWS),
  labels: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  /** Predictions made elsewhere; rows without one are predicted at ingest. */
  predictions: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  batch_id: z.string().min(1).max(200),
});

export type PredictBody = z.infer<typeof predictBodySchema>;
export type PredictResponse = z.infer<typeof predictResponseSchema>;
export type IngestBody = z.infer<typeof ingestBodySchema>;
export type IngestResponse = z.infer<typeof ingestResponseSchema>;
export type FeedbackBody = z.infer<typeof feedbackBodySchema>;
export type FeedbackResponse = z.infer<typeof feedbackResponseSchema>;
export type SeedPredictBody = z.infer<typeof seedPredictBodySchema>;
export type SeedPredictResponse = z.infer<typeof seedPredictResponseSchema>;
export type SeedIngestBody = z.infer<typeof seedIngestBodySchema>;

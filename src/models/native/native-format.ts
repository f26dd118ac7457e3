/**
 * The native model file: one JSON document holding everything needed to predict — signature,
 * preprocessing, estimator — and the model card. Versioned: `format_version` changes only deliberately,
 * and a golden-file test pins the shape (docs/model-format.md).
 */
import { DriftwatchError } from '../../core/errors.js';
import type { ModelCard, ModelSignature } from '../model.js';
import type { EncoderSpec } from '../preprocess/feature-encoder.js';
import type { TreeEnsemble } from '../trees/types.js';

export const MODEL_FORMAT = 'driftwatch-model';
export const MODEL_FORMAT_VERSION = '1';

export type NativeEstimator =
  | { readonly type: 'gbdt' | 'random_forest'; readonly ensemble: TreeEnsemble }
  | {
      readonly type: 'logistic_regression';
      /** Row-major rows x d; rows = 1 for two classes (class 1's weights), else one row per class. */
      readonly coef: readonly number[];
      readonly intercept: readonly number[];
      readonly n_classes: number;
    }
  | { readonly type: 'linear_regression'; readonly coef: readonly number[]; readonly intercept: number };

export interface NativeModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly format_version: string;
  readonly signature: ModelSignature;
  readonly card: ModelCard;
  readonly encoder: EncoderSpec;
  readonly estimator: NativeEstimator;
}

/** True when a parsed JSON document is a Driftwatch native model. */
export function isNativeModelFile(doc: unknown): doc is NativeModelFile {
  return typeof doc === 'object' && doc !== null && (doc as Record<string, unknown>)['format'] === MODEL_FORMAT;
}

/** Checks a parsed native model document enough that prediction cannot fail on its shape. */
export function validateNativeModelFile(doc: unknown, source: string): NativeModelFile {
  const fail = (field: string, what: string): never => {
    throw new DriftwatchError('MODEL_INVALID', `model field ${field}: ${what}`, { file: source, field });
  };
  if (!isNativeModelFile(doc)) return fail('format', `expected "${MODEL_FORMAT}"`);
  if (doc.format_version !== MODEL_FORMAT_VERSION) {
    throw new DriftwatchError('MODEL_UNSUPPORTED', `model format version ${String(doc.format_version)} is not supported by this Driftwatch (it reads version ${MODEL_FORMAT_VERSION}); upgrade Driftwatch or retrain`, { file: source, field: 'format_version' });
  }
  if (!doc.signature || !Array.isArray(doc.signature.inputs)) fail('signature.inputs', 'missing');
  if (!doc.encoder || !Array.isArray(doc.encoder.columns)) fail('encoder.columns', 'missing');
  const est = doc.estimator as NativeEstimator | undefined;
  if (!est) return fail('estimator', 'missing');
  switch (est.type) {
    case 'gbdt':
    case 'random_forest':
      if (!est.ensemble || !Array.isArray(est.ensemble.trees)) fail('estimator.ensemble.trees', 'missing');
      break;
    case 'logistic_regression':
    case 'linear_regression':
      if (!Array.isArray(est.coef)) fail('estimator.coef', 'missing');
      break;
    default:
      fail('estimator.type', `unknown estimator "${String((est as { type?: unknown }).type)}"`);
  }
  return doc;
}

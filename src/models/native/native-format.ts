/**
 * The native model file: one JSON document holding everything needed to predict — signature,
 * preprocessing, estimator — and the model card. Versioned: `format_version` changes only deliberately,
 * and a golden-file test pins the shape (docs/model-format.md).
 */
import { DriftwatchError } from '../../core/index.js';
import type { ModelCard, ModelSignature } from '../model.js';
import type { EncoderSpec } from '../preprocess/feature-encoder.js';
import type { TreeEnsemble } from '../trees/index.js';

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

/** The model as it is in memory; the file spells every key in snake_case (see toFileDocument). */
export interface NativeModelParts {
  readonly signature: ModelSignature;
  readonly card: ModelCard;
  readonly encoder: EncoderSpec;
  readonly estimator: NativeEstimator;
}

export interface NativeModelFile extends NativeModelParts {
  readonly format: typeof MODEL_FORMAT;
  readonly format_version: string;
}

/** The JSON document written to disk: every key snake_case, like the rest of Driftwatch's files. */
export function toFileDocument(parts: NativeModelParts): Record<string, unknown> {
  return {
    format: MODEL_FORMAT,
    format_version: MODEL_FORMAT_VERSION,
    signature: convertKeys(parts.signature, toSnake),
    card: parts.card,
    encoder: convertKeys(parts.encoder, toSnake),
    estimator: convertKeys(parts.estimator, toSnake),
  };
}

/** Back from the file's snake_case to the in-memory shapes. */
function fromFileDocument(doc: Record<string, unknown>): NativeModelFile {
  return {
    format: MODEL_FORMAT,
    format_version: String(doc['format_version']),
    signature: convertKeys(doc['signature'], toCamel) as ModelSignature,
    card: doc['card'] as ModelCard,
    encoder: convertKeys(doc['encoder'], toCamel) as EncoderSpec,
    estimator: convertEstimator(doc['estimator']),
  };
}

function convertEstimator(v: unknown): NativeEstimator {
  // Only the tree ensemble uses camelCase in memory; the linear estimators are snake_case already.
  const est = v as Record<string, unknown> | undefined;
  if (est && (est['type'] === 'gbdt' || est['type'] === 'random_forest')) return { ...(est as object), ensemble: convertKeys(est['ensemble'], toCamel) } as NativeEstimator;
  return est as NativeEstimator;
}

const toSnake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const toCamel = (k: string): string => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

function convertKeys(v: unknown, f: (k: string) => string): unknown {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x !== null ? convertKeys(x, f) : x));
  if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [f(k), convertKeys(x, f)]));
}

/** True when a parsed JSON document is a Driftwatch native model. */
export function isNativeModelFile(doc: unknown): doc is NativeModelFile {
  return typeof doc === 'object' && doc !== null && (doc as Record<string, unknown>)['format'] === MODEL_FORMAT;
}

/** Checks a parsed native model document enough that prediction cannot fail on its shape. */
export function validateNativeModelFile(raw: unknown, source: string): NativeModelFile {
  const fail = (field: string, what: string): never => {
    throw new DriftwatchError('MODEL_INVALID', `model field ${field}: ${what}`, { file: source, field });
  };
  if (!isNativeModelFile(raw)) return fail('format', `expected "${MODEL_FORMAT}"`);
  if (raw.format_version !== MODEL_FORMAT_VERSION) {
    throw new DriftwatchError('MODEL_UNSUPPORTED', `model format version ${String(raw.format_version)} is not supported by this Driftwatch (it reads version ${MODEL_FORMAT_VERSION}); upgrade Driftwatch or retrain`, { file: source, field: 'format_version' });
  }
  const doc = fromFileDocument(raw as unknown as Record<string, unknown>);
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

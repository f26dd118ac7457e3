/**
 * A native model: preprocessing + estimator, predicting on raw tables. Built by training or by reading
 * a native model file; written back with `toFile()`.
 */
import type { Table } from '../../data/table/index.js';
import type { InputBinding, Model, ModelCard, ModelSignature, PredictionResult } from '../model.js';
import { encode, requireColumns, type EncoderSpec, type Matrix } from '../preprocess/feature-encoder.js';
import { compileEnsemble } from '../trees/index.js';
import { predictLogistic } from '../linear/logistic-regression.js';
import { predictLinear } from '../linear/ridge.js';
import { predictionFrom } from '../predictions.js';
import { toFileDocument, type NativeEstimator } from './native-format.js';

export interface NativeModel extends Model {
  readonly encoder: EncoderSpec;
  readonly estimator: NativeEstimator;
  /** Predicts on an already-encoded matrix (the hot path for serving and permutation importance). */
  predictMatrix(m: Matrix): PredictionResult;
  /** The model file document (snake_case keys), ready for JSON.stringify. */
  toFile(): Record<string, unknown>;
}

/**
 * `dataSource` names the data file in errors about a table, for a model used on one known file (training);
 * a model read from a file leaves it out: the caller knows which data file it read, and the model file is not it.
 */
export function createNativeModel(signature: ModelSignature, card: ModelCard, encoder: EncoderSpec, estimator: NativeEstimator, dataSource?: string): NativeModel {
  const raw = rawPredictor(estimator);
  const predictMatrix = (m: Matrix): PredictionResult => predictionFrom(raw(m), signature.classes);
  const inputs = encoder.columns.map((c) => c.name);
  return {
    signature,
    card,
    encoder,
    estimator,
    predictMatrix,
    async predict(table: Table): Promise<PredictionResult> {
      return predictMatrix(encode(encoder, table, dataSource));
    },
    bindInputs(table: Table): InputBinding {
      requireColumns(inputs, table, dataSource);
      return { columns: inputs, by: 'name', unused: table.names.filter((n) => !inputs.includes(n)) };
    },
    toFile(): Record<string, unknown> {
      return toFileDocument({ signature, card, encoder, estimator });
    },
  };
}

// Training builds a model to evaluate and then the final one with its card, on the same estimator:
// compiling a tree ensemble (layout and WebAssembly) once per estimator serves both.
const compiled = new WeakMap<NativeEstimator, (m: Matrix) => Float64Array>();

/** Class probabilities (n x K) or values (n) from an encoded matrix. */
function rawPredictor(est: NativeEstimator): (m: Matrix) => Float64Array {
  let raw = compiled.get(est);
  if (raw === undefined) {
    raw = compilePredictor(est);
    compiled.set(est, raw);
  }
  return raw;
}

function compilePredictor(est: NativeEstimator): (m: Matrix) => Float64Array {
  switch (est.type) {
    case 'gbdt':
    case 'random_forest': {
      const predictor = compileEnsemble(est.ensemble);
      return (m) => predictor.predict(m.X, m.n);
    }
    case 'logistic_regression': {
      const rows = est.n_classes === 2 ? 1 : est.n_classes;
      const weights = { nFeatures: est.coef.length / rows, nClasses: est.n_classes, coef: Float64Array.from(est.coef), intercept: Float64Array.from(est.intercept) };
      return (m) => predictLogistic(weights, m.X, m.n, m.d);
    }
    case 'linear_regression': {
      const weights = { nFeatures: est.coef.length, coef: Float64Array.from(est.coef), intercept: est.intercept };
      return (m) => predictLinear(weights, m.X, m.n, m.d);
    }
  }
}

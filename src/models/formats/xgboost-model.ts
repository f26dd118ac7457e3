/**
 * An imported XGBoost JSON model as a Driftwatch `Model`. Inputs are read by the feature names saved in
 * the model (XGBoost keeps them when trained on a DataFrame); a model saved without names reads the
 * first `num_feature` columns of the table in order, leaving out the label column when given.
 * XGBoost classifiers know their classes only as 0..K-1, so those are the class labels.
 */
import { DRIFTWATCH_VERSION } from '../../core/index.js';
import type { Table } from '../../data/table/index.js';
import { cardWithoutTrainingFacts, type Model, type ModelSignature, type PredictionResult } from '../model.js';
import { encode, type EncoderSpec } from '../preprocess/feature-encoder.js';
import { xgboostMargins, xgboostTask, xgboostTransform, type XgboostModel } from './xgboost-json.js';
import { positionalColumns, rawNumericSpec } from './imported-inputs.js';
import { predictionFrom } from '../predictions.js';

export interface XgboostModelOptions {
  /** The label column, left out of positional inputs. */
  readonly label?: string;
  /** Names the file in error messages. */
  readonly source?: string;
}

export function xgboostAsModel(xgb: XgboostModel, options: XgboostModelOptions = {}): Model {
  const task = xgboostTask(xgb);
  const classes = task === 'regression' ? null : Array.from({ length: task === 'binary' ? 2 : xgb.groups }, (_, i) => String(i));
  const names = xgb.featureNames ?? null;
  const signature: ModelSignature = {
    task,
    inputs: (names ?? Array.from({ length: xgb.numFeature }, (_, i) => `f${i}`)).map((name) => ({ name, kind: 'numeric' as const })),
    classes,
    positiveClass: task === 'binary' ? '1' : null,
    label: options.label ?? null,
  };
  const card = cardWithoutTrainingFacts({ algorithm: `xgboost (${xgb.objective})`, parameters: { objective: xgb.objective, base_score: xgb.baseScore, trees: xgb.trees.length }, format_version: `xgboost-${xgb.xgboostVersion.join('.')}`, source: 'xgboost-json' }, DRIFTWATCH_VERSION);

  const specFor = (table: Table): EncoderSpec =>
    rawNumericSpec(names ?? positionalColumns(table, xgb.numFeature, options.label, 'the XGBoost model has no feature names and', options.source));

  return {
    signature,
    card,
    async predict(table: Table): Promise<PredictionResult> {
      const { X, n, d } = encode(specFor(table), table, options.source);
      return predictionFrom(xgboostTransform(xgb, xgboostMargins(xgb, X, n, d)), classes);
    },
  };
}

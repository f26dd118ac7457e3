/**
 * An imported XGBoost JSON model as a Driftwatch `Model`. XGBoost reads one feature matrix by position,
 * so the table's columns besides the label must be exactly its `num_feature` inputs: the same names when
 * the model records them (XGBoost keeps them when trained on a DataFrame; they are then read by name),
 * else as many columns, in order — or the caller maps them with `featureNames` (imported-inputs.ts).
 * XGBoost classifiers know their classes only as 0..K-1, so those are the class labels.
 */
import { DRIFTWATCH_VERSION } from '../../core/index.js';
import type { Table } from '../../data/table/index.js';
import { cardWithoutTrainingFacts, type InputBinding, type Model, type ModelSignature, type PredictionResult } from '../model.js';
import { encode } from '../preprocess/feature-encoder.js';
import { xgboostMargins, xgboostTask, xgboostTransform, type XgboostModel } from './xgboost-json.js';
import { bindPositional, checkFeatureNames, rawNumericSpec } from './imported-inputs.js';
import { predictionFrom } from '../predictions.js';

export interface XgboostModelOptions {
  /** The label column, never an input. */
  readonly label?: string;
  /** Table columns, in the model's input order, to read instead of matching names or positions. */
  readonly featureNames?: readonly string[];
}

export function xgboostAsModel(xgb: XgboostModel, options: XgboostModelOptions = {}): Model {
  const task = xgboostTask(xgb);
  const classes = task === 'regression' ? null : Array.from({ length: task === 'binary' ? 2 : xgb.groups }, (_, i) => String(i));
  const names = xgb.featureNames ?? null;
  const featureNames = checkFeatureNames(options.featureNames, xgb.numFeature, 'the XGBoost model');
  const signature: ModelSignature = {
    task,
    inputs: (featureNames ?? names ?? Array.from({ length: xgb.numFeature }, (_, i) => `f${i}`)).map((name) => ({ name, kind: 'numeric' as const })),
    classes,
    positiveClass: task === 'binary' ? '1' : null,
    label: options.label ?? null,
  };
  const card = cardWithoutTrainingFacts({ algorithm: `xgboost (${xgb.objective})`, parameters: { objective: xgb.objective, base_score: xgb.baseScore, trees: xgb.trees.length }, format_version: `xgboost-${xgb.xgboostVersion.join('.')}`, source: 'xgboost-json' }, DRIFTWATCH_VERSION);

  const bindInputs = (table: Table): InputBinding =>
    bindPositional(table, { width: xgb.numFeature, names, label: options.label ?? null, featureNames, model: 'the XGBoost model' });

  return {
    signature,
    card,
    bindInputs,
    async predict(table: Table): Promise<PredictionResult> {
      const { X, n, d } = encode(rawNumericSpec(bindInputs(table).columns), table);
      return predictionFrom(xgboostTransform(xgb, xgboostMargins(xgb, X, n, d)), classes);
    },
  };
}

/**
 * Training a native model on a table: choose features and task, split off a validation set (seeded),
 * encode, fit the learner on the training split, evaluate it on the validation rows (gbdt: stopping early on
 * them), then refit on every row with the same settings (gbdt: the rounds early stopping kept), and build the
 * model card from the parameters in use.
 */
import { isoNow, systemClock, type Clock } from '../../core/index.js';
import { DRIFTWATCH_VERSION } from '../../core/index.js';
import { DriftwatchError } from '../../core/index.js';
import { createRng } from '../../core/index.js';
import { selectRows } from '../../data/index.js';
import type { Table } from '../../data/table/index.js';
import { evaluateClassifier, evaluateRegressor, type ClassifierEvaluation, type RegressorEvaluation } from '../../metrics/index.js';
import { accuracy } from '../../metrics/index.js';
import { argmaxRows } from '../../metrics/index.js';
import { matrixColumn } from '../../metrics/index.js';
import { r2Score } from '../../metrics/index.js';
import { rocAuc } from '../../metrics/index.js';
import { cardWithoutTrainingFacts, type ModelCard, type ModelSignature } from '../model.js';
import { encode, encodedGroups, fitEncoder, type EncodedGroup, type Matrix } from '../preprocess/feature-encoder.js';
import { encodeLabelStrings, labelStrings } from '../preprocess/label-encoder.js';
import { tableFingerprint } from '../preprocess/fingerprint.js';
import { trainGbdt, type GbdtParams } from '../gbdt/index.js';
import { trainRandomForest, type RandomForestParams } from '../forest/index.js';
import { trainLogisticRegression, type LogisticRegressionOptions } from '../linear/logistic-regression.js';
import { trainRidge, type RidgeOptions } from '../linear/ridge.js';
import { MODEL_FORMAT_VERSION, type NativeEstimator } from './native-format.js';
import { createNativeModel, type NativeModel } from './native-model.js';
import { EARLY_STOPPING_MIN_ROWS, paramsInUse, type TaskKind } from './defaults.js';
import { importanceDefinitions } from './importance-definitions.js';
import { resolveParams, type Algorithm, type ParamValue } from './params.js';
import { permutationImportance } from './permutation-importance.js';
import { checkTrainingClasses, inUserNames } from './training-checks.js';

export type { TaskKind };

export interface TrainOptions {
  readonly label: string;
  readonly algo: Algorithm;
  /** Learner parameters in user spelling (snake_case), validated by `resolveParams`. */
  readonly params?: Readonly<Record<string, ParamValue>>;
  /** Share of rows held out for validation (default 0.2; 0 trains on everything and skips evaluation). */
  readonly validFraction?: number;
  readonly seed?: number;
  /**
   * After validation, train the saved model again on every row (default true): the validation rows then teach
   * the model too, and the metrics are those of the same settings fitted on the training split.
   */
  readonly refit?: boolean;
  readonly positiveClass?: string;
  /** Inferred from the label when absent: text/boolean labels or <= 20 distinct integers are classes. */
  readonly task?: TaskKind;
  /** Input columns; default every column but the label, ids, timestamps, free text and `drop`. */
  readonly features?: readonly string[];
  readonly drop?: readonly string[];
  /** Names the data in error messages and the card. */
  readonly source?: string;
  /** Stamps the card's `created_at` (default: the system clock). */
  readonly clock?: Clock;
  /** Trees done and total, as training goes (tree learners), for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface TrainResult {
  readonly model: NativeModel;
  /** Metrics on the validation rows of the model fitted on the training split. */
  readonly validation: ClassifierEvaluation | RegressorEvaluation | null;
  /** Rows of the training split (the model that `validation` measures was fitted on these). */
  readonly trainRows: number;
  readonly validRows: number;
  /** Rows the returned model was fitted on: every row after a refit, else the training split. */
  readonly modelRows: number;
  /** gbdt: boosting rounds in the returned model (early stopping's choice when it ran), else null. */
  readonly rounds: number | null;
  readonly excluded: readonly { readonly name: string; readonly reason: string }[];
}

const ALGO_NAMES: Record<Algorithm, string> = { gbdt: 'gradient-boosted trees', rf: 'random forest', logreg: 'logistic regression' };

export async function trainModel(table: Table, options: TrainOptions): Promise<TrainResult> {
  const labelCol = table.column(options.label);
  if (!labelCol) {
    throw new DriftwatchError('COLUMN_NOT_FOUND', `label column "${options.label}" is not in the data (columns: ${table.names.join(', ')})`, {
      ...(options.source ? { file: options.source } : {}),
      field: 'label',
    });
  }
  const validFraction = options.validFraction ?? 0.2;
  if (!(validFraction >= 0 && validFraction < 1)) throw new DriftwatchError('USAGE', `--valid-fraction must be in [0, 1), got ${validFraction}`, { field: 'valid-fraction' });
  // Checked before any work: a bad parameter is the user's to fix first.
  resolveParams(options.algo, options.params ?? {});
  const seed = options.seed ?? 0;

  // Rows without a label teach nothing.
  const labels = labelStrings(labelCol);
  const keep = Int32Array.from(labels.flatMap((l, i) => (l === null ? [] : [i])));
  if (keep.length < 2) throw new DriftwatchError('NO_DATA', `label column "${options.label}" has ${keep.length} non-missing values; training needs at least 2`, { field: 'label' });
  const data = keep.length === table.rowCount ? table : selectRows(table, keep);
  const task: TaskKind = options.task ?? inferTask(data, options.label);
  const used = paramsInUse(options.algo, task, options.params ?? {});
  // How categorical columns are encoded is preprocessing, not a learner option.
  const { categoricalEncoding, ...params } = resolveParams(options.algo, used);

  const excluded: { name: string; reason: string }[] = [];
  const features = options.features
    ? [...options.features]
    : data.names.filter((name) => {
        if (name === options.label) return false;
        if (options.drop?.includes(name)) return (excluded.push({ name, reason: 'dropped' }), false);
        const kind = data.column(name)!.kind;
        if (kind === 'id' || kind === 'datetime' || kind === 'text') return (excluded.push({ name, reason: `${kind} column` }), false);
        return true;
      });
  if (features.length === 0) throw new DriftwatchError('NO_DATA', 'no feature columns left to train on', { field: 'features' });

  const linear = options.algo === 'logreg';
  const treeEncoding = categoricalEncoding === 'onehot' || categoricalEncoding === 'ordinal' ? categoricalEncoding : 'auto';
  const encoder = fitEncoder(data, features, linear ? { categorical: 'onehot', impute: true, standardize: true } : { categorical: treeEncoding, impute: false, standardize: false });
  const all = encode(encoder, data, options.source);

  let classes: readonly string[] | null = null;
  let positiveClass: string | null = null;
  let y: Float64Array;
  if (task === 'classification') {
    const kept = keep.length === labels.length ? labels : Array.from(keep, (i) => labels[i]!);
    const enc = encodeLabelStrings(kept, options.label, options.positiveClass !== undefined ? { positiveClass: options.positiveClass } : {});
    classes = enc.classes;
    positiveClass = enc.positiveClass;
    y = Float64Array.from(enc.y);
  } else {
    const col = data.column(options.label)!;
    if (col.storage !== 'numeric') throw new DriftwatchError('USAGE', `regression needs a numeric label; "${options.label}" is ${col.kind}`, { field: 'label' });
    y = col.values.slice();
  }

  // Seeded shuffle, then the first rows are the validation set.
  const n = all.n;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const nValid = validFraction > 0 ? Math.max(1, Math.round(n * validFraction)) : 0;
  const validIdx = order.subarray(0, nValid);
  const trainIdx = order.subarray(nValid);
  const train = takeRows(all, trainIdx);
  const valid = takeRows(all, validIdx);
  const yTrain = trainIdx.length === n ? y : Float64Array.from(trainIdx, (i) => y[i]!);
  const yValid = Float64Array.from(validIdx, (i) => y[i]!);
  if (classes !== null) checkTrainingClasses(yTrain, classes, nValid > 0, options.algo);

  const groups = encodedGroups(encoder);
  const refit = nValid > 0 && options.refit !== false;
  // One progress bar over both fits: the refit's rounds are added once the first fit knows how many it kept.
  let firstRounds = 0;
  const fit = await fitEstimator(options.algo, task, classes?.length ?? 0, train, yTrain, nValid > 0 ? { x: valid.X, y: yValid } : undefined, params, seed, groups, options.onProgress && ((done, total) => {
    firstRounds = done;
    options.onProgress!(done, refit ? 2 * total : total);
  }));

  const signature: ModelSignature = {
    task: task === 'regression' ? 'regression' : classes!.length === 2 ? 'binary' : 'multiclass',
    inputs: encoder.columns.map((c) => (c.kind === 'numeric' ? { name: c.name, kind: 'numeric' as const } : { name: c.name, kind: 'categorical' as const, categories: c.categories })),
    classes,
    positiveClass,
    label: options.label,
  };
  const provisional = createNativeModel(signature, cardWithoutTrainingFacts({ algorithm: options.algo, parameters: {}, format_version: MODEL_FORMAT_VERSION, source: 'native' }, DRIFTWATCH_VERSION), encoder, fit.estimator, options.source);
  let validation: ClassifierEvaluation | RegressorEvaluation | null = null;
  let final = fit;
  if (refit) {
    // The refit has nothing to stop early on: it trains the rounds the validation split chose.
    const again = options.algo === 'gbdt' ? { ...params, nEstimators: fit.rounds!, earlyStopping: 'off' } : params;
    final = await fitEstimator(options.algo, task, classes?.length ?? 0, all, y, undefined, again, seed, groups, options.onProgress && ((done, total) => options.onProgress!(firstRounds + done, firstRounds + total)));
  }
  const importances: Record<string, Record<string, number>> = { ...final.importances };
  if (nValid > 0) {
    validation = evaluate(provisional, valid, yValid, classes, positiveClass);
    const yValidClass = Int32Array.from(yValid);
    importances['permutation'] = permutationImportance(valid, {
      groups,
      score: (m) => scoreOf(provisional, m, yValid, yValidClass, classes),
      repeats: 2,
      seed,
    });
  }
  const card: ModelCard = {
    algorithm: ALGO_NAMES[options.algo] + (options.algo === 'logreg' && task === 'regression' ? ' (ridge regression)' : ''),
    parameters: {
      algo: options.algo,
      ...used,
      ...(final.rounds !== null ? { n_estimators_used: final.rounds } : {}),
      seed,
      valid_fraction: validFraction,
      refit,
    },
    training_rows: refit ? n : trainIdx.length,
    data_fingerprint: tableFingerprint(data, [...features, options.label]),
    feature_importances: importances,
    feature_importance_definitions: importanceDefinitions(Object.keys(importances), classes),
    metrics: validation ? numericMetrics(validation) : {},
    created_at: isoNow(options.clock ?? systemClock),
    driftwatch_version: DRIFTWATCH_VERSION,
    format_version: MODEL_FORMAT_VERSION,
    source: 'native',
  };
  return {
    model: createNativeModel(signature, card, encoder, final.estimator, options.source),
    validation,
    trainRows: trainIdx.length,
    validRows: nValid,
    modelRows: refit ? n : trainIdx.length,
    rounds: final.rounds,
    excluded,
  };
}

function inferTask(table: Table, label: string): TaskKind {
  const col = table.column(label)!;
  if (col.storage === 'categorical') return 'classification';
  const distinct = new Set<number>();
  for (const v of col.values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) return 'regression';
    distinct.add(v);
    if (distinct.size > 20) return 'regression';
  }
  return 'classification';
}

function takeRows(m: Matrix, idx: Int32Array): Matrix {
  if (idx.length === m.n) return m;
  const X = new Float64Array(idx.length * m.d);
  for (let r = 0; r < idx.length; r++) X.set(m.X.subarray(idx[r]! * m.d, idx[r]! * m.d + m.d), r * m.d);
  return { X, n: idx.length, d: m.d };
}

interface Fit {
  readonly estimator: NativeEstimator;
  readonly importances: Record<string, Record<string, number>>;
  /** gbdt: boosting rounds kept. */
  readonly rounds: number | null;
}

async function fitEstimator(...args: Parameters<typeof fitLearner>): Promise<Fit> {
  try {
    return await fitLearner(...args);
  } catch (e) {
    throw inUserNames(e, args[0]);
  }
}

async function fitLearner(
  algo: Algorithm,
  task: TaskKind,
  nClasses: number,
  train: Matrix,
  y: Float64Array,
  validation: { x: Float64Array; y: Float64Array } | undefined,
  params: Record<string, ParamValue>,
  seed: number,
  groups: readonly EncodedGroup[],
  onProgress?: (done: number, total: number) => void,
): Promise<Fit> {
  if (algo === 'gbdt') {
    const { loss, earlyStopping, ...rest } = params;
    const objective: GbdtParams['objective'] =
      task === 'classification' ? (nClasses === 2 ? 'binary' : 'multiclass') : loss === 'absolute' ? 'absolute' : loss === 'huber' ? 'huber' : 'regression';
    // Early stopping watches the validation split; without one it is off (trainGbdt would otherwise hold out
    // rows of its own, which `--valid-fraction 0` asked not to do).
    const early =
      validation !== undefined &&
      Number(rest['earlyStoppingRounds'] ?? 0) > 0 &&
      (earlyStopping === 'on' || (earlyStopping !== 'off' && validation.y.length >= EARLY_STOPPING_MIN_ROWS));
    const res = trainGbdt(train.X, y, train.d, {
      ...(rest as Partial<GbdtParams>),
      objective,
      ...(objective === 'multiclass' ? { nClasses } : {}),
      ...(early ? { validation } : { earlyStoppingRounds: 0 }),
      ...(onProgress ? { onProgress } : {}),
      seed,
    });
    return { estimator: { type: 'gbdt', ensemble: res.ensemble }, importances: namedImportances(res.importance, groups), rounds: res.nRounds };
  }
  if (algo === 'rf') {
    const res = await trainRandomForest(train.X, y, train.d, {
      ...(params as Partial<RandomForestParams>),
      task: task === 'classification' ? 'classification' : 'regression',
      ...(task === 'classification' ? { nClasses } : {}),
      ...(onProgress ? { onProgress } : {}),
      seed,
    });
    return { estimator: { type: 'random_forest', ensemble: res.ensemble }, importances: namedImportances(res.importance, groups), rounds: null };
  }
  if (task === 'classification') {
    const { alpha: _alpha, ...opts } = params;
    const fit = trainLogisticRegression(train.X, train.n, train.d, Int32Array.from(y), nClasses, opts as LogisticRegressionOptions);
    // On standardised inputs, |coefficient| (summed over classes) is a fair importance.
    const d = train.d;
    const weight = Array.from({ length: d }, (_, j) => Array.from({ length: fit.coef.length / d }, (_, r) => Math.abs(fit.coef[r * d + j]!)).reduce((a, b) => a + b, 0));
    return {
      estimator: { type: 'logistic_regression', coef: Array.from(fit.coef), intercept: Array.from(fit.intercept), n_classes: nClasses },
      importances: { coefficient: normalised(groups, weight) },
      rounds: null,
    };
  }
  const { C: _c, maxIter: _m, tol: _t, ...opts } = params;
  const fit = trainRidge(train.X, train.n, train.d, y, opts as RidgeOptions);
  return { estimator: { type: 'linear_regression', coef: Array.from(fit.coef), intercept: fit.intercept }, importances: {}, rounds: null };
}

function evaluate(model: NativeModel, m: Matrix, y: Float64Array, classes: readonly string[] | null, positiveClass: string | null): ClassifierEvaluation | RegressorEvaluation {
  const out = model.predictMatrix(m);
  if (classes === null) return evaluateRegressor(y, out.values!);
  return evaluateClassifier(Int32Array.from(y), out.probabilities!, { classes, ...(positiveClass !== null ? { positiveClass } : {}) });
}

/** The score permutation importance watches: ROC AUC (binary), accuracy (multiclass), R² (regression). */
function scoreOf(model: NativeModel, m: Matrix, y: Float64Array, yClass: Int32Array, classes: readonly string[] | null): number {
  // Only the one metric: this runs once per input column and repeat.
  const out = model.predictMatrix(m);
  if (classes === null) return r2Score(y, out.values!);
  const p = out.probabilities!;
  const k = classes.length;
  if (k === 2) {
    const auc = rocAuc(yClass, matrixColumn(p, m.n, 2, 1));
    if (!Number.isNaN(auc)) return auc;
  }
  return accuracy(yClass, argmaxRows(p, m.n, k));
}

function namedImportances(imp: { gain: Float64Array; split: Float64Array }, groups: readonly EncodedGroup[]): Record<string, Record<string, number>> {
  return { gain: normalised(groups, Array.from(imp.gain)), split: normalised(groups, Array.from(imp.split)) };
}

/**
 * Importances per input column, summing a one-hot column's parts: a card speaks of the columns a user
 * has (and the drift report names), not of `plan=basic`.
 */
function normalised(groups: readonly EncodedGroup[], values: readonly number[]): Record<string, number> {
  const total = values.reduce((a, b) => a + b, 0);
  return Object.fromEntries(
    groups.map((g) => {
      let sum = 0;
      for (let i = g.start; i < g.end; i++) sum += values[i]!;
      return [g.name, total > 0 ? sum / total : 0];
    }),
  );
}

function numericMetrics(e: ClassifierEvaluation | RegressorEvaluation): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(e)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}



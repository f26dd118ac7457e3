import { DriftwatchError } from '../core/index.js';
import { accuracy, balancedAccuracy } from './accuracy.js';
import { argmaxRows } from './argmax.js';
import { averagePrecision, averagePrecisionOvr } from './average-precision.js';
import { matrixColumn } from './binary-curve.js';
import { brierScore } from './brier.js';
import { expectedCalibrationError } from './calibration.js';
import { classificationReport, type ReportRow } from './classification-report.js';
import { confusionMatrix } from './confusion.js';
import { logLoss } from './log-loss.js';
import { precisionRecallF1 } from './precision-recall-f1.js';
import { meanAbsoluteError, meanAbsolutePercentageError, r2Score, rootMeanSquaredError } from './regression.js';
import { rocAuc, rocAucOvr } from './roc-auc.js';
import { checkLabels, checkProbabilities } from './validate.js';

/**
 * Every metric of a classifier on one data set. This object is the `driftwatch evaluate --json` output:
 * keys are snake_case and stable. A metric that is undefined on the data (ROC AUC when y_true holds one
 * class) is `null`.
 */
export interface ClassifierEvaluation {
  task: 'binary' | 'multiclass';
  n_samples: number;
  /** Binary: the label of the positive class; multiclass: null. */
  positive_class: string | null;
  /** How precision, recall and f1 are computed: of the positive class (binary) or the macro mean (multiclass). */
  average: 'binary' | 'macro';
  accuracy: number;
  balanced_accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Binary ROC AUC of the positive class; multiclass one-vs-rest macro ROC AUC. */
  roc_auc: number | null;
  /** Average precision of the positive class; multiclass one-vs-rest macro average precision. */
  pr_auc: number | null;
  log_loss: number;
  /** Binary only (null for multiclass). */
  brier: number | null;
  /** Expected calibration error over 10 equal-width bins (see `expectedCalibrationError`). */
  ece: number;
  /** `confusion_matrix[t][p]`: rows are true classes, columns predicted classes, in `classes` order. */
  confusion_matrix: number[][];
  /** The class labels, in the order of the confusion matrix. */
  classes: string[];
  /** Per-class precision, recall, f1 and support, keyed by class label. */
  per_class: Record<string, ReportRow>;
  macro_avg: ReportRow;
  weighted_avg: ReportRow;
}

/** Every regression metric on one data set (the `evaluate --json` output for regressors). */
export interface RegressorEvaluation {
  n_samples: number;
  mae: number;
  rmse: number;
  r2: number;
  mape: number;
}

/** Options of `evaluateClassifier`. */
export interface EvaluateClassifierOptions {
  /** Class labels; `yTrue` holds indices into this list. */
  classes: readonly string[];
  /** Binary only: the positive class, as an index into `classes` or a label. Default: index 1. */
  positiveClass?: number | string;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

function resolvePositive(classes: readonly string[], positiveClass: number | string | undefined): number {
  if (positiveClass === undefined) return 1;
  const idx = typeof positiveClass === 'number' ? positiveClass : classes.indexOf(positiveClass);
  if (!(idx === 0 || idx === 1)) {
    throw new DriftwatchError('INVALID_ARGUMENT', `evaluateClassifier: positive class ${JSON.stringify(positiveClass)} is not one of the two classes ${JSON.stringify(classes)}.`, { field: 'positiveClass' });
  }
  return idx;
}

/**
 * Evaluates a classifier from its probabilities. `yTrue` holds class indices into `options.classes`.
 * `probabilities` is row-major n x K; for two classes it may instead be n probabilities of the positive
 * class. Predicted labels: binary, the positive class when its probability is > 0.5 (sklearn's `predict`
 * for logistic models); multiclass, the first class of highest probability (numpy argmax).
 */
export function evaluateClassifier(yTrue: Int32Array, probabilities: Float64Array, options: EvaluateClassifierOptions): ClassifierEvaluation {
  const classes = [...options.classes];
  const k = classes.length;
  const n = yTrue.length;
  if (k < 2) throw new DriftwatchError('INVALID_ARGUMENT', `evaluateClassifier: need at least 2 classes, got ${k}.`, { field: 'classes' });
  if (n === 0) throw new DriftwatchError('INVALID_ARGUMENT', 'evaluateClassifier: no rows to evaluate; pass at least one row.');
  checkLabels('evaluateClassifier', yTrue, k);
  checkProbabilities('evaluateClassifier probabilities', probabilities);
  const report = (pred: Int32Array) => {
    const r = classificationReport(yTrue, pred, k);
    const perClass: Record<string, ReportRow> = {};
    r.per_class.forEach((row, c) => (perClass[classes[c]!] = row));
    return { per_class: perClass, macro_avg: r.macro_avg, weighted_avg: r.weighted_avg };
  };
  const common = (pred: Int32Array) => ({
    n_samples: n,
    accuracy: accuracy(yTrue, pred),
    balanced_accuracy: balancedAccuracy(yTrue, pred, k),
  });

  if (k === 2) {
    const pos = resolvePositive(classes, options.positiveClass);
    let pPos: Float64Array;
    if (probabilities.length === n) pPos = probabilities;
    else if (probabilities.length === 2 * n) pPos = matrixColumn(probabilities, n, 2, pos);
    else {
      throw new DriftwatchError('INVALID_ARGUMENT', `evaluateClassifier: expected ${n} positive-class probabilities or ${2 * n} (n x 2, row-major), got ${probabilities.length}.`);
    }
    const yPred = Int32Array.from(pPos, (p) => (p > 0.5 ? pos : 1 - pos));
    const prf = precisionRecallF1(yTrue, yPred, 2, { average: 'binary', positiveClass: pos });
    return {
      task: 'binary',
      positive_class: classes[pos]!,
      average: 'binary',
      ...common(yPred),
      ...prf,
      roc_auc: finiteOrNull(rocAuc(yTrue, pPos, pos)),
      pr_auc: finiteOrNull(averagePrecision(yTrue, pPos, pos)),
      log_loss: logLoss(yTrue, pPos, 2, { positiveClass: pos }),
      brier: brierScore(yTrue, pPos, pos),
      ece: expectedCalibrationError(yTrue, pPos, 2, { nBins: 10, positiveClass: pos }),
      confusion_matrix: confusionMatrix(yTrue, yPred, 2),
      classes,
      ...report(yPred),
    };
  }

  if (probabilities.length !== n * k) {
    throw new DriftwatchError('INVALID_ARGUMENT', `evaluateClassifier: expected ${n} x ${k} = ${n * k} probabilities (row-major), got ${probabilities.length}.`);
  }
  const yPred = argmaxRows(probabilities, n, k);
  const prf = precisionRecallF1(yTrue, yPred, k, { average: 'macro' });
  return {
    task: 'multiclass',
    positive_class: null,
    average: 'macro',
    ...common(yPred),
    ...prf,
    roc_auc: finiteOrNull(rocAucOvr(yTrue, probabilities, k, 'macro')),
    pr_auc: finiteOrNull(averagePrecisionOvr(yTrue, probabilities, k, 'macro')),
    log_loss: logLoss(yTrue, probabilities, k),
    brier: null,
    ece: expectedCalibrationError(yTrue, probabilities, k, { nBins: 10 }),
    confusion_matrix: confusionMatrix(yTrue, yPred, k),
    classes,
    ...report(yPred),
  };
}

/** Evaluates a regressor: MAE, RMSE, R² and MAPE (as a fraction), each like scikit-learn. */
export function evaluateRegressor(yTrue: Float64Array, yPred: Float64Array): RegressorEvaluation {
  return {
    n_samples: yTrue.length,
    mae: meanAbsoluteError(yTrue, yPred),
    rmse: rootMeanSquaredError(yTrue, yPred),
    r2: r2Score(yTrue, yPred),
    mape: meanAbsolutePercentageError(yTrue, yPred),
  };
}

/**
 * Classification and regression metrics on typed arrays, matching scikit-learn 1.2 to 1e-9.
 * Conventions: class labels are `Int32Array` indices 0..K-1; probabilities are `Float64Array`, either the
 * positive-class probability per row (binary) or row-major n x K; regression targets are `Float64Array`.
 */
export { accuracy, balancedAccuracy } from './accuracy.js';
export { argmaxRows } from './argmax.js';
export { averagePrecision, averagePrecisionOvr } from './average-precision.js';
export { binaryCurve, type BinaryCurve } from './binary-curve.js';
export { brierScore } from './brier.js';
export {
  calibrationCurve,
  expectedCalibrationError,
  expectedCalibrationErrorFrom,
  type CalibrationCurve,
  type CalibrationStrategy,
} from './calibration.js';
export { classificationReport, type ClassificationReport, type ReportRow } from './classification-report.js';
export { confusionMatrix } from './confusion.js';
export {
  evaluateClassifier,
  evaluateRegressor,
  type ClassifierEvaluation,
  type EvaluateClassifierOptions,
  type RegressorEvaluation,
} from './evaluate.js';
export { evaluationChange, isRegression, type Evaluation } from './evaluation.js';
export { LOG_LOSS_EPS, logLoss } from './log-loss.js';
export {
  averageScores,
  perClassScores,
  precisionRecallF1,
  type Averaging,
  type PerClassScores,
  type PrecisionRecallF1,
} from './precision-recall-f1.js';
export { meanAbsoluteError, meanAbsolutePercentageError, r2Score, rootMeanSquaredError } from './regression.js';
export { rocAuc, rocAucOvr, rocCurve, trapezoid, type RocCurve } from './roc-auc.js';
export { matrixColumn } from './binary-curve.js';

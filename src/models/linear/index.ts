/**
 * Linear learners on dense row-major Float64Array matrices: L2 logistic regression (binary and multinomial,
 * fitted by L-BFGS to sklearn's lbfgs objective) and ridge regression (closed form, sklearn's cholesky
 * solver). The cores assume finite inputs: missing values must be imputed by the caller (the preprocessing
 * saved with a model does that).
 */
export { choleskySolve } from './cholesky.js';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type LbfgsStopReason, type Objective } from './lbfgs.js';
export {
  predictLogistic,
  trainLogisticRegression,
  type LogisticFit,
  type LogisticRegressionOptions,
  type LogisticTrainingInfo,
  type LogisticWeights,
} from './logistic-regression.js';
export { predictLinear, trainRidge, type LinearWeights, type RidgeOptions } from './ridge.js';
export { applyScaling, columnScaling, type ColumnScaling } from './standardize.js';

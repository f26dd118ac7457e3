/**
 * Plain-data shapes of a trained tree ensemble. Everything here is numbers, strings and arrays of numbers, so a
 * model can be written as JSON (or mapped onto ONNX `ai.onnx.ml.TreeEnsembleClassifier/Regressor`) without the
 * training code. See README.md in this folder for the full contract.
 */

/** The learning task of an ensemble. */
export type TreeTask = 'binary' | 'multiclass' | 'regression';

/**
 * One decision tree as parallel node arrays (node 0 is the root). For node `i`:
 * - `feature[i]` is the column index tested, or -1 when `i` is a leaf;
 * - a row goes to `left[i]` when `x[feature] <= threshold[i]`, to `right[i]` when `x > threshold`, and when `x` is
 *   NaN to `left[i]` if `missingLeft[i] === 1` else `right[i]` (ONNX: mode BRANCH_LEQ, missing_value_tracks_true);
 * - `threshold[i]` is a raw feature value (a bin's upper edge), so no binning is needed at predict time;
 * - leaves carry `valueDim` numbers at `value[i * valueDim .. (i + 1) * valueDim)` (zeros for internal nodes);
 * - `gain[i]` is the loss reduction of the split (0 for leaves); `cover[i]` the hessian sum (GBDT) or the
 *   weighted sample count (random forest) that reached the node during training.
 */
export interface TreeNodes {
  readonly feature: number[];
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  readonly missingLeft: number[];
  readonly value: number[];
  readonly gain: number[];
  readonly cover: number[];
}

/**
 * A trained ensemble. Raw score of output `k` for a row:
 *   `baseScore[k] + combine over trees t with treeOutput[t] = k (or all trees when valueDim > 1) of leafValue`,
 * where combine is `sum` (gradient boosting; learning rate already folded into leaf values) or `mean` (random
 * forest). Then `postTransform` maps raw scores to predictions: `sigmoid` (binary GBDT: probability of class 1),
 * `softmax` (multiclass GBDT), `identity` (regression, and random forest whose leaves already hold class
 * probabilities).
 */
export interface TreeEnsemble {
  /** Shape version of this plain-data form; bump when a field changes meaning. */
  readonly version: 1;
  readonly algorithm: 'gbdt' | 'random_forest';
  readonly task: TreeTask;
  readonly nFeatures: number;
  /** 2 for binary, K for multiclass, 0 for regression. */
  readonly nClasses: number;
  /** Number of outputs (raw scores) per row: 1 for binary GBDT and regression, K for multiclass and binary RF. */
  readonly nOutputs: number;
  /** Numbers per leaf: 1 for GBDT (a tree feeds one output), nOutputs for random forest (a leaf is a distribution). */
  readonly valueDim: number;
  readonly aggregation: 'sum' | 'mean';
  readonly postTransform: 'sigmoid' | 'softmax' | 'identity';
  readonly baseScore: number[];
  /** For valueDim === 1: which output each tree adds to (multiclass GBDT: round-robin over classes). */
  readonly treeOutput: number[];
  readonly trees: TreeNodes[];
}

/** Normalised feature importances (each sums to 1 over features, or all zeros for a stump-only model). */
export interface FeatureImportance {
  /** Total split gain per feature, normalised. */
  readonly gain: Float64Array;
  /** Number of splits per feature, normalised. */
  readonly split: Float64Array;
}

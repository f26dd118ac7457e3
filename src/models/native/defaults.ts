/**
 * The hyperparameters `driftwatch train` uses, in the user's spelling: the defaults per learner and task, with
 * what the user gave on top. The model card records this map, so it names every value the learner ran with.
 *
 * The defaults are chosen to match or beat scikit-learn's own defaults (HistGradientBoostingClassifier,
 * RandomForestClassifier(n_estimators=100), LogisticRegression) on small and large tables; the quality test
 * (defaults-quality.test.ts, over test/fixtures/scripts/defaults_quality.py's fixtures) holds them to it, and
 * docs/models.md gives the reasons. They are `train`'s defaults: the learners' own option defaults (XGBoost's for
 * trainGbdt, which the benchmark compares with XGBoost) stay as they are.
 */
import type { Algorithm, ParamValue } from './params.js';

export type TaskKind = 'classification' | 'regression';

type Params = Readonly<Record<string, ParamValue>>;

const GBDT: Params = {
  n_estimators: 100,
  // 0.3 at depth 6 (XGBoost's defaults) overfits small tables; 0.1 with leaf-wise trees of 31 leaves and at least
  // 20 rows a leaf is scikit-learn HistGradientBoosting's recipe and LightGBM's.
  learning_rate: 0.1,
  grow_policy: 'leafwise',
  max_leaves: 31,
  // scikit-learn sets no depth limit; 8 changed no test AUC by more than 0.0003 and keeps every tree within the
  // compiled complete-tree predictor (depth <= 12): unlimited leaf-wise trees went 20 deep and predicted ~20x slower.
  max_depth: 8,
  min_samples_leaf: 20,
  // Only keeps leaves off near-zero curvature; 1 (XGBoost's) forbids splitting nearly pure nodes, which costs AUC
  // where the classes separate well.
  min_child_weight: 0.001,
  lambda: 0,
  min_split_gain: 0,
  subsample: 1,
  colsample_bytree: 1,
  max_bins: 255,
  // Early stopping on fewer validation rows picks its round from noise: on 57 rows of the breast-cancer data it
  // stopped anywhere from 30 to 100 rounds, and AUC fell by up to 0.007; on 700 rows of churn it stopped at
  // 15-25 rounds every time and gained 0.01. From 500 rows on it is the default (scikit-learn's 'auto' starts at
  // 10,000 training rows).
  early_stopping: 'auto',
  early_stopping_rounds: 10,
  categorical: 'auto',
};

const RF: Params = {
  n_estimators: 100,
  max_depth: 0,
  min_samples_split: 2,
  min_samples_leaf: 1,
  bootstrap: true,
  max_bins: 255,
  categorical: 'auto',
};

/** Parameters that only one task reads: left out of the other task's map (and of its card). */
const ONLY_FOR: Readonly<Record<Algorithm, Readonly<Record<string, TaskKind>>>> = {
  gbdt: { loss: 'regression', huber_delta: 'regression' },
  rf: {},
  logreg: { C: 'classification', max_iter: 'classification', tol: 'classification', alpha: 'regression' },
};

/** `early_stopping=auto` stops early when the validation split has at least this many rows. */
export const EARLY_STOPPING_MIN_ROWS = 500;

export function defaultParams(algo: Algorithm, task: TaskKind): Params {
  switch (algo) {
    case 'gbdt':
      return task === 'regression' ? { ...GBDT, loss: 'squared' } : GBDT;
    case 'rf':
      return task === 'regression' ? { ...RF, criterion: 'mse', max_features: 'all' } : { ...RF, criterion: 'gini', max_features: 'sqrt' };
    case 'logreg':
      return task === 'regression' ? { alpha: 1, fit_intercept: true } : { C: 1, max_iter: 100, tol: 1e-4, fit_intercept: true };
  }
}

/** The defaults with the user's values on top, less what this task does not read. */
export function paramsInUse(algo: Algorithm, task: TaskKind, given: Params): Record<string, ParamValue> {
  const merged: Record<string, ParamValue> = { ...defaultParams(algo, task), ...given };
  if (algo === 'gbdt' && task === 'regression' && merged['loss'] === 'huber' && merged['huber_delta'] === undefined) merged['huber_delta'] = 1;
  for (const [name, only] of Object.entries(ONLY_FOR[algo])) if (only !== task) delete merged[name];
  if (algo === 'gbdt' && merged['loss'] !== 'huber') delete merged['huber_delta'];
  return merged;
}

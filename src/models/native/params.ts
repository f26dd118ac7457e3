/**
 * Learner parameters as users write them (`--param max_depth=6`, or a config map), in snake_case like
 * scikit-learn and XGBoost, validated once here: an unknown name or a bad value fails naming the
 * parameter, the value and what is allowed.
 */
import { DriftwatchError } from '../../core/index.js';
import { MAX_ONEHOT_CATEGORIES } from '../preprocess/feature-encoder.js';

export type Algorithm = 'gbdt' | 'rf' | 'logreg';
export const ALGORITHMS: readonly Algorithm[] = ['gbdt', 'rf', 'logreg'];

export type ParamValue = number | string | boolean;

interface ParamDef {
  /** The learner's option name. */
  readonly key: string;
  readonly type: 'int' | 'number' | 'string' | 'boolean' | 'int-or-string';
  readonly choices?: readonly string[];
  readonly help: string;
}

// Preprocessing of both tree learners (train-model takes it out before the learner sees the options).
const CATEGORICAL: ParamDef = { key: 'categoricalEncoding', type: 'string', choices: ['auto', 'onehot', 'ordinal'], help: `categorical columns: auto (one-hot up to ${MAX_ONEHOT_CATEGORIES} categories, else ordinal codes), onehot or ordinal (auto)` };

const GBDT: Record<string, ParamDef> = {
  n_estimators: { key: 'nEstimators', type: 'int', help: 'boosting rounds (100)' },
  learning_rate: { key: 'learningRate', type: 'number', help: 'shrinkage (0.3)' },
  max_depth: { key: 'maxDepth', type: 'int', help: 'maximum depth, 0 = none (6)' },
  max_leaves: { key: 'maxLeaves', type: 'int', help: 'maximum leaves per tree, 0 = none' },
  grow_policy: { key: 'growPolicy', type: 'string', choices: ['depthwise', 'leafwise'], help: 'depthwise (XGBoost) or leafwise (LightGBM)' },
  min_samples_leaf: { key: 'minSamplesLeaf', type: 'int', help: 'minimum rows per leaf (1)' },
  min_child_weight: { key: 'minChildWeight', type: 'number', help: 'minimum hessian per leaf (1)' },
  lambda: { key: 'lambda', type: 'number', help: 'L2 regularisation of leaf values (1)' },
  min_split_gain: { key: 'minSplitGain', type: 'number', help: 'minimum gain to split (0)' },
  subsample: { key: 'subsample', type: 'number', help: 'row fraction per tree (1)' },
  colsample_bytree: { key: 'colsampleByTree', type: 'number', help: 'feature fraction per tree (1)' },
  max_bins: { key: 'maxBins', type: 'int', help: 'histogram bins per feature, 2..255 (255)' },
  loss: { key: 'loss', type: 'string', choices: ['squared', 'absolute', 'huber'], help: 'regression loss (squared)' },
  huber_delta: { key: 'huberDelta', type: 'number', help: 'Huber threshold (1)' },
  early_stopping_rounds: { key: 'earlyStoppingRounds', type: 'int', help: 'stop after this many rounds without validation improvement, 0 = off' },
  categorical: CATEGORICAL,
};

const RF: Record<string, ParamDef> = {
  n_estimators: { key: 'nEstimators', type: 'int', help: 'trees (100)' },
  criterion: { key: 'criterion', type: 'string', choices: ['gini', 'entropy', 'mse'], help: 'split criterion (gini / mse)' },
  max_features: { key: 'maxFeatures', type: 'int-or-string', choices: ['sqrt', 'log2', 'all'], help: 'features per split: sqrt, log2, all, a fraction or a count' },
  max_depth: { key: 'maxDepth', type: 'int', help: 'maximum depth, 0 = none' },
  min_samples_split: { key: 'minSamplesSplit', type: 'int', help: 'minimum rows to split (2)' },
  min_samples_leaf: { key: 'minSamplesLeaf', type: 'int', help: 'minimum rows per leaf (1)' },
  bootstrap: { key: 'bootstrap', type: 'boolean', help: 'bootstrap samples (true)' },
  oob_score: { key: 'oobScore', type: 'boolean', help: 'out-of-bag score (true)' },
  max_bins: { key: 'maxBins', type: 'int', help: 'histogram bins per feature, 2..255 (255)' },
  n_threads: { key: 'nThreads', type: 'int', help: 'worker threads (all cores)' },
  categorical: CATEGORICAL,
};

const LOGREG: Record<string, ParamDef> = {
  C: { key: 'C', type: 'number', help: 'inverse L2 strength, as scikit-learn (1)' },
  max_iter: { key: 'maxIter', type: 'int', help: 'L-BFGS iterations (100)' },
  tol: { key: 'tol', type: 'number', help: 'gradient tolerance (1e-4)' },
  fit_intercept: { key: 'fitIntercept', type: 'boolean', help: 'fit an intercept (true)' },
  alpha: { key: 'alpha', type: 'number', help: 'ridge strength for regression labels (1)' },
};

export const PARAMS: Readonly<Record<Algorithm, Readonly<Record<string, ParamDef>>>> = { gbdt: GBDT, rf: RF, logreg: LOGREG };

/** Parses `k=v` strings (from --param) into a raw map. */
export function parseParamStrings(items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new DriftwatchError('USAGE', `--param expects name=value, got "${item}"`, { field: 'param' });
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}

/** Validates and converts a parameter map for an algorithm into the learner's option names. */
export function resolveParams(algo: Algorithm, raw: Readonly<Record<string, ParamValue>>): Record<string, ParamValue> {
  const defs = PARAMS[algo];
  const out: Record<string, ParamValue> = {};
  for (const [name, value] of Object.entries(raw)) {
    const def = defs[name];
    if (!def) {
      throw new DriftwatchError('USAGE', `unknown parameter "${name}" for --algo ${algo} (allowed: ${Object.keys(defs).join(', ')})`, { field: name });
    }
    out[def.key] = convert(name, def, value);
  }
  return out;
}

function convert(name: string, def: ParamDef, value: ParamValue): ParamValue {
  const bad = (expected: string): never => {
    throw new DriftwatchError('USAGE', `parameter ${name}: expected ${expected}, got "${String(value)}"`, { field: name });
  };
  const text = String(value).trim();
  switch (def.type) {
    case 'int': {
      const n = typeof value === 'number' ? value : Number(text);
      return Number.isInteger(n) ? n : bad('an integer');
    }
    case 'number': {
      const n = typeof value === 'number' ? value : Number(text);
      return text !== '' && Number.isFinite(n) ? n : bad('a number');
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const t = text.toLowerCase();
      if (['true', '1', 'yes'].includes(t)) return true;
      if (['false', '0', 'no'].includes(t)) return false;
      return bad('true or false');
    }
    case 'string':
      return def.choices && !def.choices.includes(text) ? bad(`one of ${def.choices.join(', ')}`) : text;
    case 'int-or-string': {
      if (def.choices?.includes(text)) return text;
      const n = Number(text);
      return text !== '' && Number.isFinite(n) && n > 0 ? n : bad(`one of ${def.choices?.join(', ')} or a positive number`);
    }
  }
}

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
  /** Numeric range, checked here so that an error names the parameter as the user wrote it. */
  readonly range?: Range;
  readonly help: string;
}

interface Range {
  readonly test: (x: number) => boolean;
  readonly expected: string;
}

const atLeast = (min: number): Range => ({ test: (x) => x >= min, expected: `>= ${min}` });
const positive: Range = { test: (x) => x > 0, expected: '> 0' };
const fraction: Range = { test: (x) => x > 0 && x <= 1, expected: 'in (0, 1]' };
const bins: Range = { test: (x) => x >= 2 && x <= 255, expected: 'in 2..255' };

// Preprocessing of both tree learners (train-model takes it out before the learner sees the options).
const CATEGORICAL: ParamDef = { key: 'categoricalEncoding', type: 'string', choices: ['auto', 'onehot', 'ordinal'], help: `categorical columns: auto (one-hot up to ${MAX_ONEHOT_CATEGORIES} categories, else ordinal codes), onehot or ordinal (auto)` };

const GBDT: Record<string, ParamDef> = {
  n_estimators: { key: 'nEstimators', type: 'int', range: atLeast(1), help: 'boosting rounds at most (100; early stopping on the validation split usually keeps fewer)' },
  learning_rate: { key: 'learningRate', type: 'number', range: positive, help: 'shrinkage (0.1)' },
  max_depth: { key: 'maxDepth', type: 'int', range: atLeast(0), help: 'maximum depth, 0 = none (8)' },
  max_leaves: { key: 'maxLeaves', type: 'int', range: { test: (x) => x === 0 || x >= 2, expected: '>= 2, or 0 for none' }, help: 'maximum leaves per tree, 0 = none (31)' },
  grow_policy: { key: 'growPolicy', type: 'string', choices: ['depthwise', 'leafwise'], help: 'leafwise (LightGBM, scikit-learn HistGradientBoosting; the default) or depthwise (XGBoost)' },
  min_samples_leaf: { key: 'minSamplesLeaf', type: 'int', range: atLeast(1), help: 'minimum rows per leaf (20)' },
  min_child_weight: { key: 'minChildWeight', type: 'number', range: atLeast(0), help: 'minimum hessian per leaf (0.001)' },
  lambda: { key: 'lambda', type: 'number', range: atLeast(0), help: 'L2 regularisation of leaf values (0)' },
  min_split_gain: { key: 'minSplitGain', type: 'number', range: atLeast(0), help: 'minimum gain to split (0)' },
  subsample: { key: 'subsample', type: 'number', range: fraction, help: 'row fraction per tree (1)' },
  colsample_bytree: { key: 'colsampleByTree', type: 'number', range: fraction, help: 'feature fraction per tree (1)' },
  max_bins: { key: 'maxBins', type: 'int', range: bins, help: 'histogram bins per feature, 2..255 (255)' },
  loss: { key: 'loss', type: 'string', choices: ['squared', 'absolute', 'huber'], help: 'regression loss (squared)' },
  huber_delta: { key: 'huberDelta', type: 'number', range: positive, help: 'Huber threshold (1)' },
  early_stopping: { key: 'earlyStopping', type: 'string', choices: ['auto', 'on', 'off'], help: 'stop boosting once the validation loss stops improving, then refit with the rounds kept: auto = when the validation split has at least 500 rows (auto)' },
  early_stopping_rounds: { key: 'earlyStoppingRounds', type: 'int', range: atLeast(0), help: 'early stopping: rounds without improvement of the validation loss before stopping (10)' },
  categorical: CATEGORICAL,
};

const RF: Record<string, ParamDef> = {
  n_estimators: { key: 'nEstimators', type: 'int', range: atLeast(1), help: 'trees (100)' },
  criterion: { key: 'criterion', type: 'string', choices: ['gini', 'entropy', 'mse'], help: 'split criterion (gini / mse)' },
  max_features: { key: 'maxFeatures', type: 'int-or-string', choices: ['sqrt', 'log2', 'all'], help: 'features per split: sqrt, log2, all, a fraction or a count' },
  max_depth: { key: 'maxDepth', type: 'int', range: atLeast(0), help: 'maximum depth, 0 = none (0)' },
  min_samples_split: { key: 'minSamplesSplit', type: 'int', range: atLeast(2), help: 'minimum rows to split (2)' },
  min_samples_leaf: { key: 'minSamplesLeaf', type: 'int', range: atLeast(1), help: 'minimum rows per leaf (1)' },
  bootstrap: { key: 'bootstrap', type: 'boolean', help: 'bootstrap samples (true)' },
  oob_score: { key: 'oobScore', type: 'boolean', help: 'out-of-bag score (true)' },
  max_bins: { key: 'maxBins', type: 'int', range: bins, help: 'histogram bins per feature, 2..255 (255)' },
  n_threads: { key: 'nThreads', type: 'int', range: atLeast(1), help: 'worker threads (all cores)' },
  categorical: CATEGORICAL,
};

const LOGREG: Record<string, ParamDef> = {
  C: { key: 'C', type: 'number', range: positive, help: 'inverse L2 strength, as scikit-learn (1)' },
  max_iter: { key: 'maxIter', type: 'int', range: atLeast(1), help: 'L-BFGS iterations (100)' },
  tol: { key: 'tol', type: 'number', range: positive, help: 'gradient tolerance (1e-4)' },
  fit_intercept: { key: 'fitIntercept', type: 'boolean', help: 'fit an intercept (true)' },
  alpha: { key: 'alpha', type: 'number', range: atLeast(0), help: 'ridge strength for regression labels (1)' },
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
      if (!Number.isInteger(n)) return bad(def.range ? `an integer ${def.range.expected}` : 'an integer');
      return def.range && !def.range.test(n) ? bad(`an integer ${def.range.expected}`) : n;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : Number(text);
      if (text === '' || !Number.isFinite(n)) return bad(def.range ? `a number ${def.range.expected}` : 'a number');
      return def.range && !def.range.test(n) ? bad(`a number ${def.range.expected}`) : n;
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

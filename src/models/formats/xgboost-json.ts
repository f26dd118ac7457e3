/**
 * XGBoost's JSON model format (`booster.save_model("model.json")`, XGBoost >= 1.0), read and evaluated
 * natively — no Python, no native addon. Trees are flattened into typed arrays at load time.
 *
 * Evaluation follows XGBoost's predictor exactly where it matters for bit-level agreement: inputs are
 * rounded to float32 (XGBoost's DMatrix stores float), a node goes left when `value < split_condition`
 * in float32, a missing value (NaN) follows the node's `default_left`, and leaf values are accumulated in
 * float32 on top of the float32 base margin. The output transform (sigmoid, softmax, exp) is then done in
 * double, which agrees with XGBoost's float32 transform to about 1e-7.
 */
import { DriftwatchError } from '../../core/index.js';
import { checkXgboostTree, checkXgboostVersion } from './xgboost-checks.js';

export type XgboostObjective =
  | 'binary:logistic'
  | 'binary:logitraw'
  | 'binary:hinge'
  | 'reg:squarederror'
  | 'reg:linear'
  | 'reg:squaredlogerror'
  | 'reg:logistic'
  | 'reg:pseudohubererror'
  | 'reg:absoluteerror'
  | 'reg:quantileerror'
  | 'count:poisson'
  | 'reg:gamma'
  | 'reg:tweedie'
  | 'multi:softprob'
  | 'multi:softmax';

/** One tree in flat arrays, node i's children at left[i] / right[i] (-1 for a leaf). */
export interface XgboostTree {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly feature: Int32Array;
  /** Split thresholds as float32; for leaves, the leaf value. */
  readonly threshold: Float32Array;
  readonly defaultLeft: Uint8Array;
  /** For categorical splits: the categories that go right, per node (undefined for numeric splits). */
  readonly categories: readonly (ReadonlySet<number> | undefined)[];
  /** Output group (class) this tree adds to. */
  readonly group: number;
}

export interface XgboostModel {
  readonly format: 'xgboost-json';
  readonly xgboostVersion: readonly number[];
  readonly objective: XgboostObjective;
  /** Number of output groups: the number of classes for multi:*, else 1. */
  readonly groups: number;
  readonly numFeature: number;
  readonly featureNames: readonly string[] | null;
  /** base_score as stored (a probability for logistic objectives, a mean for regression); the first of a vector. */
  readonly baseScore: number;
  /** The margin every prediction starts from (base_score through the objective's inverse link), float32. */
  readonly baseMargin: number;
  /**
   * Per output group, the margin it starts from: `baseMargin` for every group, except a multiclass model
   * of XGBoost >= 3.1, which stores one intercept per class ("[a,b,c]", margins as they are).
   */
  readonly baseMargins: readonly number[];
  readonly trees: readonly XgboostTree[];
}

const SUPPORTED: ReadonlySet<string> = new Set<XgboostObjective>([
  'binary:logistic',
  'binary:logitraw',
  'binary:hinge',
  'reg:squarederror',
  'reg:linear',
  'reg:squaredlogerror',
  'reg:logistic',
  'reg:pseudohubererror',
  'reg:absoluteerror',
  'reg:quantileerror',
  'count:poisson',
  'reg:gamma',
  'reg:tweedie',
  'multi:softprob',
  'multi:softmax',
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** True when a parsed JSON document looks like an XGBoost JSON model (used for format detection). */
export function isXgboostJson(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null) return false;
  const learner = (doc as Record<string, unknown>)['learner'];
  return typeof learner === 'object' && learner !== null && 'gradient_booster' in learner;
}

/** Parses and validates an XGBoost JSON model. `source` names the file in error messages. */
export function parseXgboostJson(text: string, source = 'model'): XgboostModel {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new DriftwatchError('MODEL_INVALID', `not valid JSON (${(e as Error).message})`, { file: source });
  }
  return readXgboostDocument(doc, source);
}

/** Validates an already parsed XGBoost JSON document (format detection has parsed the file once). */
export function readXgboostDocument(doc: unknown, source = 'model'): XgboostModel {
  if (!isXgboostJson(doc)) {
    throw new DriftwatchError('MODEL_INVALID', 'not an XGBoost JSON model: no "learner.gradient_booster" (save it with booster.save_model("model.json"))', { file: source });
  }
  const fail = (field: string, what: string): never => {
    throw new DriftwatchError('MODEL_INVALID', `XGBoost model field ${field}: ${what}`, { file: source, field });
  };
  const root = doc as { [key: string]: Json };
  const learner = obj(root['learner'], 'learner', fail);
  const version = checkXgboostVersion(root['version'], source);
  const objectiveName = str(obj(learner['objective'], 'learner.objective', fail)['name'], 'learner.objective.name', fail);
  if (!SUPPORTED.has(objectiveName)) {
    throw new DriftwatchError('MODEL_UNSUPPORTED', `XGBoost objective "${objectiveName}" is not supported (supported: ${[...SUPPORTED].join(', ')})`, { file: source, field: 'learner.objective.name' });
  }
  const objective = objectiveName as XgboostObjective;
  const params = obj(learner['learner_model_param'], 'learner.learner_model_param', fail);
  const numClass = Number(str(params['num_class'] ?? '0', 'learner_model_param.num_class', fail));
  const numFeature = Number(str(params['num_feature'] ?? '0', 'learner_model_param.num_feature', fail));
  if (!Number.isInteger(numFeature) || numFeature < 1) fail('learner_model_param.num_feature', `"${String(params['num_feature'])}" is not a positive whole number`);
  const numTarget = Number(params['num_target'] ?? '1');
  if (numTarget > 1) {
    throw new DriftwatchError('MODEL_UNSUPPORTED', `multi-target XGBoost models (num_target=${numTarget}) are not supported`, { file: source, field: 'learner_model_param.num_target' });
  }
  // XGBoost 1.x writes base_score as "5E-1"; 2.x and 3.0 as "[5E-1]"; 3.1 one value per class for multiclass.
  const baseScores = str(params['base_score'] ?? '0.5', 'learner_model_param.base_score', fail).replace(/^\[|\]$/g, '').split(',').map(Number);
  if (!baseScores.every(Number.isFinite)) fail('learner_model_param.base_score', 'not a number or a list of numbers');
  const baseScore = baseScores[0]!;
  if ((objective === 'binary:logistic' || objective === 'reg:logistic') && !(baseScore > 0 && baseScore < 1)) {
    fail('learner_model_param.base_score', `${baseScore} is not a probability strictly between 0 and 1, as ${objective} needs`);
  }

  const booster = obj(learner['gradient_booster'], 'learner.gradient_booster', fail);
  const boosterName = str(booster['name'] ?? 'gbtree', 'gradient_booster.name', fail);
  if (boosterName !== 'gbtree') {
    throw new DriftwatchError('MODEL_UNSUPPORTED', `XGBoost booster "${boosterName}" is not supported (only gbtree; dart and gblinear models cannot be imported)`, { file: source, field: 'gradient_booster.name' });
  }
  const model = obj(booster['model'], 'gradient_booster.model', fail);
  const treesJson = arr(model['trees'], 'gradient_booster.model.trees', fail);
  const treeInfo = arr(model['tree_info'] ?? [], 'gradient_booster.model.tree_info', fail).map(Number);
  if (objective.startsWith('multi:') && !(Number.isInteger(numClass) && numClass >= 2)) fail('learner_model_param.num_class', `${objective} needs at least 2 classes, got "${String(params['num_class'])}"`);
  const groups = objective.startsWith('multi:') ? numClass : 1;
  if (baseScores.length !== 1 && !(objective.startsWith('multi:') && baseScores.length === groups)) {
    fail('learner_model_param.base_score', `${baseScores.length} values for a model with ${groups} output${groups === 1 ? '' : 's'}`);
  }
  if (treeInfo.length !== treesJson.length) fail('gradient_booster.model.tree_info', `${treeInfo.length} entries for ${treesJson.length} trees`);
  const trees = treesJson.map((t, i) => parseTree(obj(t, `trees[${i}]`, fail), i, treeInfo[i]!, groups, numFeature, fail));

  const featureNames = Array.isArray(learner['feature_names']) && learner['feature_names'].length > 0 ? learner['feature_names'].map(String) : null;
  if (featureNames !== null && featureNames.length !== numFeature) {
    fail('learner.feature_names', `${featureNames.length} names for ${numFeature} features (learner_model_param.num_feature)`);
  }
  if (featureNames !== null && new Set(featureNames).size !== featureNames.length) fail('learner.feature_names', 'a name appears twice');
  return {
    format: 'xgboost-json',
    xgboostVersion: version,
    objective,
    groups,
    numFeature,
    featureNames,
    baseScore,
    baseMargin: Math.fround(baseMarginOf(objective, baseScore)),
    baseMargins: Array.from({ length: groups }, (_, k) => Math.fround(baseMarginOf(objective, baseScores.length === 1 ? baseScore : baseScores[k]!))),
    trees,
  };
}

function baseMarginOf(objective: XgboostObjective, base: number): number {
  switch (objective) {
    case 'binary:logistic':
    case 'reg:logistic':
      return -Math.log(1 / base - 1);
    case 'count:poisson':
    case 'reg:gamma':
    case 'reg:tweedie':
      return Math.log(base);
    default:
      return base;
  }
}

function parseTree(t: { [key: string]: Json }, index: number, group: number, groups: number, numFeature: number, fail: (f: string, w: string) => never): XgboostTree {
  const at = (k: string): number[] => arr(t[k], `trees[${index}].${k}`, fail).map(Number);
  const left = Int32Array.from(at('left_children'));
  const right = Int32Array.from(at('right_children'));
  const feature = Int32Array.from(at('split_indices'));
  const threshold = Float32Array.from(at('split_conditions'));
  const defaultLeft = Uint8Array.from(at('default_left'));
  const n = left.length;
  if ([right, feature, threshold, defaultLeft].some((a) => a.length !== n) || n === 0) {
    fail(`trees[${index}]`, 'node arrays have different lengths');
  }
  checkXgboostTree({ left, right, feature, threshold }, index, numFeature, fail);
  if (!Number.isInteger(group) || group < 0 || group >= groups) fail(`tree_info[${index}]`, `group ${group} out of range 0..${groups - 1}`);
  const categories: (Set<number> | undefined)[] = new Array(n).fill(undefined);
  const splitType = t['split_type'] === undefined ? [] : at('split_type');
  if (splitType.some((s) => s === 1)) {
    const nodes = at('categories_nodes');
    const segments = at('categories_segments');
    const sizes = at('categories_sizes');
    const cats = at('categories');
    nodes.forEach((node, k) => {
      const start = segments[k]!;
      const end = start + sizes[k]!;
      if (!(node >= 0 && node < n && left[node] !== -1)) fail(`trees[${index}].categories_nodes`, `entry ${k} names node ${node}, which is not a split of this tree`);
      if (!(Number.isInteger(start) && start >= 0 && end <= cats.length && end >= start)) fail(`trees[${index}].categories_segments`, `entry ${k} points outside the categories list`);
      categories[node] = new Set(cats.slice(start, end));
    });
  }
  return { left, right, feature, threshold, defaultLeft, categories, group };
}

/**
 * Raw margins, row-major n x groups, for a row-major n x d feature matrix (NaN = missing).
 * Features beyond the matrix width are treated as missing.
 */
export function xgboostMargins(model: XgboostModel, X: Float64Array, n: number, d: number): Float64Array {
  const g = model.groups;
  const acc = new Float32Array(n * g);
  for (let r = 0; r < n; r++) acc.set(model.baseMargins, r * g);
  const row = new Float32Array(Math.max(d, model.numFeature));
  for (let r = 0; r < n; r++) {
    row.fill(NaN);
    for (let j = 0; j < d; j++) row[j] = X[r * d + j]!; // Float32Array assignment rounds like XGBoost's DMatrix.
    for (const tree of model.trees) {
      const leaf = findLeaf(tree, row);
      acc[r * g + tree.group] = acc[r * g + tree.group]! + tree.threshold[leaf]!;
    }
  }
  return Float64Array.from(acc);
}

function findLeaf(tree: XgboostTree, row: Float32Array): number {
  let node = 0;
  while (tree.left[node] !== -1) {
    const v = row[tree.feature[node]!]!;
    if (Number.isNaN(v)) {
      node = tree.defaultLeft[node] ? tree.left[node]! : tree.right[node]!;
      continue;
    }
    const cats = tree.categories[node];
    if (cats !== undefined) {
      // XGBoost sends the categories in the node's set right, everything else left.
      node = cats.has(v) ? tree.right[node]! : tree.left[node]!;
    } else {
      node = v < tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
    }
  }
  return node;
}

/**
 * What `predict`/`predict_proba` returns for these margins: for classifiers the class probabilities
 * (binary: n x 2, [1 - p, p]; multiclass: n x K), for regression the prediction (n x 1).
 */
export function xgboostTransform(model: XgboostModel, margins: Float64Array): Float64Array {
  const g = model.groups;
  const n = margins.length / g;
  switch (model.objective) {
    case 'binary:logistic': {
      const out = new Float64Array(n * 2);
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-margins[i]!));
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return out;
    }
    case 'reg:logistic':
      return margins.map((m) => 1 / (1 + Math.exp(-m)));
    case 'count:poisson':
    case 'reg:gamma':
    case 'reg:tweedie':
      return margins.map((m) => Math.exp(m));
    case 'multi:softprob':
    case 'multi:softmax': {
      const out = new Float64Array(n * g);
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let k = 0; k < g; k++) max = Math.max(max, margins[i * g + k]!);
        let sum = 0;
        for (let k = 0; k < g; k++) sum += out[i * g + k] = Math.exp(margins[i * g + k]! - max);
        for (let k = 0; k < g; k++) out[i * g + k] = out[i * g + k]! / sum;
      }
      return out;
    }
    default:
      return margins.slice();
  }
}

/** The task this objective solves. */
export function xgboostTask(model: XgboostModel): 'binary' | 'multiclass' | 'regression' {
  if (model.objective.startsWith('multi:')) return 'multiclass';
  if (model.objective.startsWith('binary:')) return 'binary';
  return 'regression';
}

function obj(v: Json | undefined, field: string, fail: (f: string, w: string) => never): { [key: string]: Json } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(field, 'missing or not an object');
  return v;
}
function arr(v: Json | undefined, field: string, fail: (f: string, w: string) => never): Json[] {
  if (!Array.isArray(v)) return fail(field, 'missing or not an array');
  return v;
}
function str(v: Json | undefined, field: string, fail: (f: string, w: string) => never): string {
  if (typeof v !== 'string') return fail(field, 'missing or not a string');
  return v;
}

/**
 * Histogram-based gradient boosting (XGBoost `hist` / LightGBM style) on a dense row-major matrix.
 * Deterministic under `seed`: the same data, parameters and seed give the identical ensemble.
 */
import { availableParallelism } from 'node:os';
import { DriftwatchError } from '../../core/index.js';
import { createRng, type Rng } from '../../core/index.js';
import { applyBins, binThreshold, type BinMapper, featureImportance, sampleIndices, type FeatureImportance, type TreeEnsemble, type TreeNodes } from '../trees/index.js';
import { binIntoWorkspace } from './gbdt-binning.js';
import { median, nextNegExp, scalarGradients, scalarLoss, softmaxColumns, softmaxLoss, type GbdtObjective } from './gbdt-losses.js';
import { MAX_TASKS } from './gbdt-arena.js';
import type { TaskRunner } from './gbdt-threads.js';
import { GrowWorkspace, growGbdtTree, type BinnedTree, type GrowOptions } from './grow-gbdt-tree.js';

export interface GbdtParams {
  /** `binary` (labels 0/1), `multiclass` (labels 0..K-1), `regression` (L2), `absolute` (L1), `huber`. */
  readonly objective: GbdtObjective;
  /** Number of classes for `multiclass`; default: max label + 1. */
  readonly nClasses?: number;
  /** Boosting rounds. Default 100. */
  readonly nEstimators?: number;
  /** Shrinkage. Default 0.3 (XGBoost's default). */
  readonly learningRate?: number;
  /** `depthwise` (default, XGBoost) or `leafwise` (LightGBM, best-gain-first up to maxLeaves). */
  readonly growPolicy?: 'depthwise' | 'leafwise';
  /** Maximum depth; 0 = unlimited. Default 6 (depthwise) or 0 (leafwise). */
  readonly maxDepth?: number;
  /** Maximum leaves per tree; 0 = unlimited. Default 0 (depthwise) or 31 (leafwise). */
  readonly maxLeaves?: number;
  /** Minimum rows in a leaf (LightGBM min_data_in_leaf). Default 1. */
  readonly minSamplesLeaf?: number;
  /** Minimum hessian sum in a leaf (XGBoost min_child_weight). Default 1. */
  readonly minChildWeight?: number;
  /** L2 regularisation of leaf values (XGBoost lambda). Default 1. */
  readonly lambda?: number;
  /** Minimum gain to split (XGBoost gamma). Default 0. */
  readonly minSplitGain?: number;
  /** Fraction of rows sampled (without replacement) per tree. Default 1. */
  readonly subsample?: number;
  /** Fraction of features sampled per tree. Default 1. */
  readonly colsampleByTree?: number;
  /** Maximum value bins per feature (2..255). Default 255. */
  readonly maxBins?: number;
  /** Huber loss threshold on the residual. Default 1. */
  readonly huberDelta?: number;
  /** Stop when the validation loss has not improved for this many rounds; 0 = off. Default 0. */
  readonly earlyStoppingRounds?: number;
  /** When early stopping is on and no `validation` set is given: fraction of rows held out (seeded). Default 0.1. */
  readonly validationFraction?: number;
  /** An explicit validation set (row-major, same columns). */
  readonly validation?: { readonly x: Float64Array; readonly y: Float64Array };
  readonly seed?: number;
  /**
   * Threads for histogram building: 2 (default when the machine has 2+ cores) lends large nodes' second halves to
   * a helper thread. The model is identical for any value.
   */
  readonly nThreads?: number;
  /** Record the training loss after every round (costs one loss evaluation per round). Default false. */
  readonly recordTrainingLoss?: boolean;
  /** Called after each boosting round with rounds done and the maximum (for a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface GbdtResult {
  readonly ensemble: TreeEnsemble;
  readonly importance: FeatureImportance;
  /** Rounds kept (after early stopping: the best round + 1). */
  readonly nRounds: number;
  /** Validation loss after each round (empty when there is no validation set). */
  readonly validationLoss: number[];
  /** Training loss after each round (empty unless `recordTrainingLoss`). */
  readonly trainLoss: number[];
}

interface Normalised {
  objective: GbdtObjective;
  nEstimators: number;
  learningRate: number;
  grow: GrowOptions;
  subsample: number;
  colsample: number;
  maxBins: number;
  huberDelta: number;
  earlyStoppingRounds: number;
  validationFraction: number;
  seed: number;
  nThreads: number;
}

function normalise(p: GbdtParams): Normalised {
  const num = (name: string, v: number | undefined, dflt: number, ok: (x: number) => boolean, expect: string): number => {
    const x = v ?? dflt;
    if (typeof x !== 'number' || !ok(x)) throw new DriftwatchError('INVALID_ARGUMENT', `invalid ${name}: ${String(x)} (expected ${expect})`, { field: name });
    return x;
  };
  const objectives: GbdtObjective[] = ['binary', 'multiclass', 'regression', 'absolute', 'huber'];
  if (!objectives.includes(p.objective)) {
    throw new DriftwatchError('INVALID_ARGUMENT', `invalid objective: ${String(p.objective)} (expected one of ${objectives.join(', ')})`, { field: 'objective' });
  }
  const leafWise = (p.growPolicy ?? 'depthwise') === 'leafwise';
  if (p.growPolicy !== undefined && p.growPolicy !== 'depthwise' && p.growPolicy !== 'leafwise') {
    throw new DriftwatchError('INVALID_ARGUMENT', `invalid growPolicy: ${String(p.growPolicy)} (expected depthwise or leafwise)`, { field: 'growPolicy' });
  }
  const int = (x: number): boolean => Number.isInteger(x) && x >= 0;
  const pos = (x: number): boolean => Number.isFinite(x) && x >= 0;
  const frac = (x: number): boolean => x > 0 && x <= 1;
  return {
    objective: p.objective,
    nEstimators: num('nEstimators', p.nEstimators, 100, (x) => int(x) && x >= 1, 'an integer >= 1'),
    learningRate: num('learningRate', p.learningRate, 0.3, (x) => x > 0 && Number.isFinite(x), 'a number > 0'),
    grow: {
      leafWise,
      maxDepth: num('maxDepth', p.maxDepth, leafWise ? 0 : 6, int, 'an integer >= 0'),
      maxLeaves: num('maxLeaves', p.maxLeaves, leafWise ? 31 : 0, (x) => int(x) && x !== 1, 'an integer >= 2, or 0'),
      minSamplesLeaf: num('minSamplesLeaf', p.minSamplesLeaf, 1, (x) => int(x) && x >= 1, 'an integer >= 1'),
      minChildWeight: num('minChildWeight', p.minChildWeight, 1, pos, 'a number >= 0'),
      lambda: num('lambda', p.lambda, 1, pos, 'a number >= 0'),
      minSplitGain: num('minSplitGain', p.minSplitGain, 0, pos, 'a number >= 0'),
    },
    subsample: num('subsample', p.subsample, 1, frac, 'a fraction in (0, 1]'),
    colsample: num('colsampleByTree', p.colsampleByTree, 1, frac, 'a fraction in (0, 1]'),
    maxBins: num('maxBins', p.maxBins, 255, (x) => Number.isInteger(x) && x >= 2 && x <= 255, 'an integer in 2..255'),
    huberDelta: num('huberDelta', p.huberDelta, 1, (x) => x > 0 && Number.isFinite(x), 'a number > 0'),
    earlyStoppingRounds: num('earlyStoppingRounds', p.earlyStoppingRounds, 0, int, 'an integer >= 0'),
    validationFraction: num('validationFraction', p.validationFraction, 0.1, (x) => x > 0 && x < 1, 'a fraction in (0, 1)'),
    seed: num('seed', p.seed, 0, (x) => Number.isInteger(x), 'an integer'),
    nThreads: num('nThreads', p.nThreads, Math.min(2, availableParallelism()), (x) => int(x) && x >= 1, 'an integer >= 1'),
  };
}

/**
 * Trains gradient-boosted trees on `x` (row-major, `y.length` rows x `d` features; NaN = missing).
 */
export function trainGbdt(x: Float64Array, y: Float64Array, d: number, params: GbdtParams): GbdtResult {
  const o = normalise(params);
  let n = y.length;
  if (n === 0 || x.length !== n * d) {
    throw new DriftwatchError('INVALID_ARGUMENT', `x has ${x.length} values for ${n} labels and ${d} features; expected n*d`);
  }
  const rng = createRng(o.seed);
  const K = o.objective === 'multiclass' ? checkClasses(y, params.nClasses) : o.objective === 'binary' ? checkBinary(y) : 1;

  // Validation split: explicit, held out (seeded), or none.
  let vx: Float64Array | null = null;
  let vy: Float64Array | null = null;
  if (params.validation) {
    vx = params.validation.x;
    vy = params.validation.y;
    if (vx.length !== vy.length * d) throw new DriftwatchError('INVALID_ARGUMENT', 'validation.x does not have validation.y.length x d values', { field: 'validation' });
  } else if (o.earlyStoppingRounds > 0) {
    const split = holdOut(x, y, d, o.validationFraction, rng.fork());
    x = split.x;
    y = split.y;
    vx = split.vx;
    vy = split.vy;
    n = y.length;
  }

  const nOut = o.objective === 'multiclass' ? K : 1;
  const ws = new GrowWorkspace(y, n, d, o.grow.minSamplesLeaf > 1 ? 3 : 2, nOut, o.nThreads);
  try {
    return boost(ws, x, y, d, o, params, K, rng, vx, vy);
  } finally {
    ws.close();
  }
}

/** The boosting rounds of `trainGbdt` on a workspace holding the training rows. */
function boost(
  ws: GrowWorkspace,
  x: Float64Array,
  y: Float64Array,
  d: number,
  o: Normalised,
  params: GbdtParams,
  K: number,
  rng: Rng,
  vx: Float64Array | null,
  vy: Float64Array | null,
): GbdtResult {
  const n = y.length;
  const mapper = binIntoWorkspace(ws, x, { maxBins: o.maxBins, seed: o.seed });
  const bins = ws.arena.bins;
  const nv = vy ? vy.length : 0;
  const vbins = vx ? applyBins(mapper, vx, nv) : null;

  const nOut = o.objective === 'multiclass' ? K : 1;
  const base = baseScores(o.objective, y, K);
  const { gh, rows, score } = ws.arena;
  const runner = ws.runner;
  const negExp = o.objective === 'binary' ? ws.arena.negExp.fill(Math.exp(-base[0])) : null;
  const vscore = new Float64Array(nv * nOut);
  for (let c = 0; c < nOut; c++) {
    score.fill(base[c], c * n, (c + 1) * n);
    vscore.fill(base[c], c * nv, (c + 1) * nv);
  }
  const prob = o.objective === 'multiclass' ? new Float64Array(n * K) : null;
  const residual = o.objective === 'absolute' ? new Float64Array(n) : null;
  const trees: BinnedTree[] = [];
  const treeOutput: number[] = [];
  const trainLoss: number[] = [];
  const validationLoss: number[] = [];
  let bestLoss = Infinity;
  let bestRound = -1;
  let roundsDone = 0;
  let gradientsReady = false;

  for (let round = 0; round < o.nEstimators; round++) {
    if (prob) softmaxColumns(score, prob, n, K);
    for (let c = 0; c < nOut; c++) {
      if (prob) {
        const off = c * n;
        for (let i = 0; i < n; i++) {
          const p = prob[off + i];
          gh[2 * i] = p - (y[i] === c ? 1 : 0);
          gh[2 * i + 1] = Math.max(p * (1 - p), 1e-16);
        }
      } else if (o.objective === 'binary') {
        // After a tree grown on all rows, its leaf steps have written the gradients already.
        if (!gradientsReady) {
          const chunk = Math.ceil(n / 4);
          for (let s = 0; s < n; s += chunk) runner.addGradients(s, Math.min(n, s + chunk));
          runner.run();
        }
        gradientsReady = false;
      } else {
        scalarGradients(o.objective as 'regression' | 'absolute' | 'huber', y, score, gh, o.huberDelta);
      }
      const nRows = sampleRows(ws, rows, n, o.subsample, rng);
      const feats = sampleFeatures(d, o.colsample, rng);
      const tree = growGbdtTree(ws, nRows, feats, o.grow);
      if (residual) medianLeaves(tree, rows, y, score, residual);
      for (let k = 0; k < tree.value.length; k++) tree.value[k] *= o.learningRate;
      trees.push(tree);
      treeOutput.push(c);
      // Training scores: sampled rows are found through their leaf's row range, the rest by traversal.
      const sc = score.subarray(c * n, (c + 1) * n);
      if (nRows === n && negExp) {
        addLeafSteps(tree, runner);
        gradientsReady = true;
      } else if (nRows === n) {
        addLeafValues(tree, rows, sc);
      } else {
        addBinnedTree(tree, bins, d, mapper, n, sc, negExp);
      }
      if (vbins) addBinnedTree(tree, vbins, d, mapper, nv, vscore.subarray(c * nv, (c + 1) * nv));
    }
    roundsDone++;
    params.onProgress?.(roundsDone, o.nEstimators);
    if (params.recordTrainingLoss) trainLoss.push(lossOf(o, y, score, n, K));
    if (vy) {
      const vl = lossOf(o, vy, vscore, nv, K);
      validationLoss.push(vl);
      if (vl < bestLoss - 1e-7) {
        bestLoss = vl;
        bestRound = round;
      } else if (o.earlyStoppingRounds > 0 && round - bestRound >= o.earlyStoppingRounds) {
        break;
      }
    }
  }
  const nRounds = o.earlyStoppingRounds > 0 && bestRound >= 0 ? bestRound + 1 : roundsDone;
  const kept = trees.slice(0, nRounds * nOut);
  const nodes = kept.map((t) => toNodes(t, mapper));
  const task = o.objective === 'binary' ? 'binary' : o.objective === 'multiclass' ? 'multiclass' : 'regression';
  const ensemble: TreeEnsemble = {
    version: 1,
    algorithm: 'gbdt',
    task,
    nFeatures: d,
    nClasses: task === 'binary' ? 2 : task === 'multiclass' ? K : 0,
    nOutputs: nOut,
    valueDim: 1,
    aggregation: 'sum',
    postTransform: task === 'binary' ? 'sigmoid' : task === 'multiclass' ? 'softmax' : 'identity',
    baseScore: base,
    treeOutput: treeOutput.slice(0, nRounds * nOut),
    trees: nodes,
  };
  return { ensemble, importance: featureImportance(ensemble), nRounds, validationLoss, trainLoss: trainLoss.slice(0, nRounds) };
}

function lossOf(o: Normalised, y: Float64Array, score: Float64Array, n: number, K: number): number {
  return o.objective === 'multiclass'
    ? softmaxLoss(y, score, n, K)
    : scalarLoss(o.objective as Exclude<GbdtObjective, 'multiclass'>, y, score.subarray(0, n), o.huberDelta);
}

function checkBinary(y: Float64Array): number {
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new DriftwatchError('INVALID_ARGUMENT', `binary labels must be 0 or 1; row ${i} has ${y[i]}`, { field: 'y' });
  }
  return 2;
}

function checkClasses(y: Float64Array, given: number | undefined): number {
  let max = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isInteger(v) || v < 0) throw new DriftwatchError('INVALID_ARGUMENT', `multiclass labels must be integers 0..K-1; row ${i} has ${v}`, { field: 'y' });
    if (v > max) max = v;
  }
  const K = given ?? max + 1;
  if (K < 2 || max >= K) throw new DriftwatchError('INVALID_ARGUMENT', `nClasses ${K} does not cover label ${max}`, { field: 'nClasses' });
  return K;
}

/** Prior log-odds (binary), log class priors (multiclass), mean (L2) or median (L1, Huber). */
function baseScores(objective: GbdtObjective, y: Float64Array, K: number): number[] {
  const n = y.length;
  if (objective === 'binary') {
    let s = 0;
    for (let i = 0; i < n; i++) s += y[i];
    const p = Math.min(Math.max(s / n, 1e-15), 1 - 1e-15);
    return [Math.log(p / (1 - p))];
  }
  if (objective === 'multiclass') {
    const counts = new Float64Array(K);
    for (let i = 0; i < n; i++) counts[y[i]]++;
    return Array.from(counts, (c) => Math.log(Math.max(c / n, 1e-15)));
  }
  if (objective === 'regression') {
    let s = 0;
    for (let i = 0; i < n; i++) s += y[i];
    return [s / n];
  }
  return [median(y)];
}

function holdOut(x: Float64Array, y: Float64Array, d: number, fraction: number, rng: Rng) {
  const n = y.length;
  const nv = Math.max(1, Math.min(n - 1, Math.round(n * fraction)));
  const isValid = new Uint8Array(n);
  for (const i of sampleIndices(n, nv, rng)) isValid[i] = 1;
  const nt = n - nv;
  const out = { x: new Float64Array(nt * d), y: new Float64Array(nt), vx: new Float64Array(nv * d), vy: new Float64Array(nv) };
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (isValid[i]) {
      out.vx.set(x.subarray(i * d, (i + 1) * d), b * d);
      out.vy[b++] = y[i];
    } else {
      out.x.set(x.subarray(i * d, (i + 1) * d), a * d);
      out.y[a++] = y[i];
    }
  }
  return out;
}

/** Fills `rows` with the rows of this tree (all, or a seeded Bernoulli sample) in increasing order. */
function sampleRows(ws: GrowWorkspace, rows: Uint32Array, n: number, rate: number, rng: Rng): number {
  if (rate >= 1) {
    ws.kernels.iota(n);
    return n;
  }
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.next() < rate) rows[k++] = i;
  if (k === 0) rows[k++] = rng.int(n);
  return k;
}

function sampleFeatures(d: number, rate: number, rng: Rng): Int32Array {
  if (rate >= 1) return Int32Array.from({ length: d }, (_, f) => f);
  return Int32Array.from(sampleIndices(d, Math.max(1, Math.round(rate * d)), rng));
}

/** L1 loss: a leaf's value is the median residual of its rows (the loss's exact minimiser), not a Newton step. */
function medianLeaves(tree: BinnedTree, rows: Uint32Array, y: Float64Array, score: Float64Array, buf: Float64Array): void {
  for (let node = 0; node < tree.feature.length; node++) {
    if (tree.feature[node] >= 0) continue;
    const s = tree.rowStart[node];
    const c = tree.rowCount[node];
    for (let k = 0; k < c; k++) {
      const i = rows[s + k];
      buf[k] = y[i] - score[i];
    }
    tree.value[node] = median(buf.subarray(0, c));
  }
}

/** Adds each leaf's value to the scores of its rows (found through the leaf's row range). */
function addLeafValues(tree: BinnedTree, rows: Uint32Array, score: Float64Array): void {
  for (let node = 0; node < tree.feature.length; node++) {
    if (tree.feature[node] >= 0) continue;
    addToRows(rows, tree.rowStart[node], tree.rowStart[node] + tree.rowCount[node], tree.value[node], score);
  }
}

function addToRows(rows: Uint32Array, start: number, end: number, v: number, score: Float64Array): void {
  for (let k = start; k < end; k++) score[rows[k]] += v;
}

/** Binary loss: each leaf's step (score, exp(-score), next gradients) as a task, on both threads. */
function addLeafSteps(tree: BinnedTree, runner: TaskRunner): void {
  let tasks = 0;
  for (let node = 0; node < tree.feature.length; node++) {
    if (tree.feature[node] >= 0) continue;
    runner.addLeafStep(tree.rowStart[node], tree.rowStart[node] + tree.rowCount[node], tree.value[node]);
    if (++tasks === MAX_TASKS) {
      runner.run();
      tasks = 0;
    }
  }
  runner.run();
}

/** Adds a bin-space tree's leaf values to `out` for every row of a binned matrix (and carries `negExp`). */
function addBinnedTree(tree: BinnedTree, bins: Uint8Array, d: number, mapper: BinMapper, n: number, out: Float64Array, negExp: Float64Array | null = null): void {
  const { feature, bin, missingLeft, left, right, value } = tree;
  const miss = mapper.missingBin;
  const factor = negExp ? value.map((v) => Math.exp(-v)) : null;
  for (let i = 0; i < n; i++) {
    let node = 0;
    while (feature[node] >= 0) {
      const f = feature[node];
      const b = bins[i * d + f];
      node = (b === miss[f] ? missingLeft[node] === 1 : b <= bin[node]) ? left[node] : right[node];
    }
    out[i] += value[node];
    if (negExp) negExp[i] = nextNegExp(negExp[i], factor![node], out[i]);
  }
}

/** Bin-space tree to the plain raw-threshold form (binThreshold). */
function toNodes(t: BinnedTree, mapper: BinMapper): TreeNodes {
  const m = t.feature.length;
  const threshold = new Array<number>(m).fill(0);
  const value = new Array<number>(m).fill(0);
  for (let k = 0; k < m; k++) {
    const f = t.feature[k];
    if (f >= 0) {
      threshold[k] = binThreshold(mapper, f, t.bin[k]);
    } else {
      value[k] = t.value[k];
    }
  }
  return {
    feature: t.feature.slice(),
    threshold,
    left: t.left.slice(),
    right: t.right.slice(),
    missingLeft: t.missingLeft.slice(),
    value,
    gain: t.gain.slice(),
    cover: t.cover.slice(),
  };
}

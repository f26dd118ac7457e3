/**
 * Random forest (Breiman; scikit-learn's RandomForestClassifier/Regressor semantics) on pre-binned features,
 * trained on several cores with worker threads. Probabilities are the mean of the trees' leaf class
 * distributions, as in scikit-learn.
 */
import { availableParallelism } from 'node:os';
import { DriftwatchError } from '../../core/index.js';
import { createRng } from '../../core/index.js';
import { binFeatures, binThreshold, type BinMapper, featureImportance, type FeatureImportance, type TreeEnsemble, type TreeNodes } from '../trees/index.js';
import { runForestTask, type ForestJob, type ForestTaskResult } from './forest-task.js';
import type { ForestBinnedTree, ForestCriterion } from './grow-forest-tree.js';
import { siblingModuleUrl, startModuleWorker } from '../../kernels/index.js';

export interface RandomForestParams {
  /** `classification` (labels 0..K-1) or `regression`. */
  readonly task: 'classification' | 'regression';
  /** Number of classes; default max label + 1. */
  readonly nClasses?: number;
  /** Trees. Default 100. */
  readonly nEstimators?: number;
  /** `gini` (default) or `entropy` for classification; `mse` (default) for regression. */
  readonly criterion?: ForestCriterion;
  /**
   * Features tried per split: `sqrt` (classification default), `log2`, a fraction in (0, 1), an integer count, or
   * `all` (regression default, as scikit-learn >= 1.1's 1.0).
   */
  readonly maxFeatures?: 'sqrt' | 'log2' | 'all' | number;
  /** 0 = unlimited (default). */
  readonly maxDepth?: number;
  /** Default 2. */
  readonly minSamplesSplit?: number;
  /** Default 1. */
  readonly minSamplesLeaf?: number;
  /** Bootstrap samples per tree. Default true. */
  readonly bootstrap?: boolean;
  /** Compute out-of-bag predictions and score (needs bootstrap). Default true when bootstrapping. */
  readonly oobScore?: boolean;
  /** Maximum value bins per feature (2..255). Default 255. */
  readonly maxBins?: number;
  /** Worker threads; default the machine's available parallelism; 1 trains on the calling thread. */
  readonly nThreads?: number;
  readonly seed?: number;
  /** Called as trees finish with trees done and the total (for a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface RandomForestResult {
  readonly ensemble: TreeEnsemble;
  readonly importance: FeatureImportance;
  /** Out-of-bag accuracy (classification) or R² (regression) over rows that were out of bag at least once. */
  readonly oobScore: number | null;
  /**
   * Out-of-bag predictions: row-major n x nClasses probabilities (classification) or n values (regression); NaN for
   * rows never out of bag.
   */
  readonly oobPrediction: Float64Array | null;
}

/** Trains a random forest on `x` (row-major, `y.length` rows x `d`). */
export async function trainRandomForest(x: Float64Array, y: Float64Array, d: number, params: RandomForestParams): Promise<RandomForestResult> {
  const n = y.length;
  if (n === 0 || x.length !== n * d) throw new DriftwatchError('INVALID_ARGUMENT', `x has ${x.length} values for ${n} labels and ${d} features; expected n*d`);
  const regression = params.task === 'regression';
  if (params.task !== 'classification' && !regression) {
    throw new DriftwatchError('INVALID_ARGUMENT', `invalid task: ${String(params.task)} (expected classification or regression)`, { field: 'task' });
  }
  const K = regression ? 0 : classCount(y, params.nClasses);
  const criterion = params.criterion ?? (regression ? 'mse' : 'gini');
  if (regression ? criterion !== 'mse' : criterion === 'mse' || (criterion !== 'gini' && criterion !== 'entropy')) {
    throw new DriftwatchError('INVALID_ARGUMENT', `invalid criterion: ${String(criterion)} for ${params.task}`, { field: 'criterion' });
  }
  const nEstimators = intParam('nEstimators', params.nEstimators, 100, 1);
  const bootstrap = params.bootstrap ?? true;
  const wantOob = (params.oobScore ?? bootstrap) && bootstrap;
  const seed = params.seed ?? 0;
  const mtry = resolveMaxFeatures(params.maxFeatures ?? (regression ? 'all' : 'sqrt'), d);
  const options = {
    criterion,
    nClasses: K,
    mtry,
    maxDepth: intParam('maxDepth', params.maxDepth, 0, 0),
    minSamplesSplit: intParam('minSamplesSplit', params.minSamplesSplit, 2, 2),
    minSamplesLeaf: intParam('minSamplesLeaf', params.minSamplesLeaf, 1, 1),
  };
  const binned = binFeatures(x, n, d, { maxBins: params.maxBins ?? 255, seed });
  // Shared memory so workers read the bins and labels without a copy each; column-major for the split search.
  const bins = new Uint8Array(new SharedArrayBuffer(binned.bins.length));
  const rowMajor = binned.bins;
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) bins[f * n + i] = rowMajor[i * d + f];
  const labels = new Float64Array(new SharedArrayBuffer(n * 8));
  labels.set(y);
  const job: ForestJob = { bins, n, d, labels, bootstrap, options };
  const seedRng = createRng(seed);
  const seeds = Array.from({ length: nEstimators }, () => Math.floor(seedRng.next() * 4294967296));
  const threads = Math.max(1, Math.min(params.nThreads ?? availableParallelism(), nEstimators));
  let finished = 0;
  const progress = (): void => params.onProgress?.(++finished, nEstimators);
  const results =
    threads === 1
      ? seeds.map((s, t) => {
          const r = runForestTask(job, t, s);
          progress();
          return r;
        })
      : await runInWorkers(job, seeds, threads, progress);

  const vd = regression ? 1 : K;
  const trees = results.map((r) => toNodes(r.tree, binned.mapper, vd));
  const ensemble: TreeEnsemble = {
    version: 1,
    algorithm: 'random_forest',
    task: regression ? 'regression' : K === 2 ? 'binary' : 'multiclass',
    nFeatures: d,
    nClasses: K,
    nOutputs: vd,
    valueDim: vd,
    aggregation: 'mean',
    postTransform: 'identity',
    baseScore: new Array<number>(vd).fill(0),
    treeOutput: new Array<number>(trees.length).fill(0),
    trees,
  };
  let oobScore: number | null = null;
  let oobPrediction: Float64Array | null = null;
  if (wantOob) ({ oobScore, oobPrediction } = outOfBag(results, y, vd, regression));
  return { ensemble, importance: featureImportance(ensemble), oobScore, oobPrediction };
}

async function runInWorkers(job: ForestJob, seeds: number[], threads: number, onTree: () => void): Promise<ForestTaskResult[]> {
  const results: ForestTaskResult[] = new Array(seeds.length);
  let next = 0;
  const url = siblingModuleUrl(import.meta.url, 'forest-worker');
  await Promise.all(
    Array.from({ length: threads }, () =>
      new Promise<void>((resolve, reject) => {
        const w = startModuleWorker(url, job);
        const feed = (): void => {
          if (next < seeds.length) {
            const t = next++;
            w.postMessage({ t, seed: seeds[t] });
          } else {
            w.postMessage(null);
          }
        };
        w.on('message', (r: ForestTaskResult) => {
          results[r.t] = r;
          onTree();
          feed();
        });
        w.on('error', reject);
        w.on('exit', () => resolve());
        feed();
      }),
    ),
  );
  for (let t = 0; t < seeds.length; t++) {
    if (!results[t]) throw new DriftwatchError('INTERNAL', `random forest worker did not return tree ${t}`);
  }
  return results;
}

/** Out-of-bag predictions accumulated in tree order, so the sums do not depend on thread scheduling. */
function outOfBag(results: ForestTaskResult[], y: Float64Array, vd: number, regression: boolean) {
  const n = y.length;
  const sum = new Float64Array(n * vd);
  const votes = new Int32Array(n);
  for (const r of results) {
    const { oobLeaf, tree } = r;
    for (let i = 0; i < n; i++) {
      const leaf = oobLeaf[i];
      if (leaf < 0) continue;
      votes[i]++;
      for (let k = 0; k < vd; k++) sum[i * vd + k] += tree.value[leaf * vd + k];
    }
  }
  const pred = new Float64Array(n * vd).fill(NaN);
  let used = 0;
  let correct = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) if (votes[i] > 0) {
    used++;
    meanY += y[i];
  }
  meanY /= Math.max(1, used);
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    if (votes[i] === 0) continue;
    let arg = 0;
    for (let k = 0; k < vd; k++) {
      pred[i * vd + k] = sum[i * vd + k] / votes[i];
      if (pred[i * vd + k] > pred[i * vd + arg]) arg = k;
    }
    if (regression) {
      ssRes += (y[i] - pred[i]) ** 2;
      ssTot += (y[i] - meanY) ** 2;
    } else if (arg === y[i]) correct++;
  }
  const oobScore = used === 0 ? null : regression ? (ssTot > 0 ? 1 - ssRes / ssTot : 0) : correct / used;
  return { oobScore, oobPrediction: pred };
}

function toNodes(t: ForestBinnedTree, mapper: BinMapper, vd: number): TreeNodes {
  const m = t.feature.length;
  const threshold = new Array<number>(m).fill(0);
  const value = new Array<number>(m * vd).fill(0);
  for (let k = 0; k < m; k++) {
    const f = t.feature[k];
    if (f >= 0) {
      threshold[k] = binThreshold(mapper, f, t.bin[k]);
    } else {
      for (let j = 0; j < vd; j++) value[k * vd + j] = t.value[k * vd + j];
    }
  }
  return { feature: t.feature, threshold, left: t.left, right: t.right, missingLeft: new Array<number>(m).fill(0), value, gain: t.gain, cover: t.cover };
}

function classCount(y: Float64Array, given: number | undefined): number {
  let max = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isInteger(v) || v < 0) throw new DriftwatchError('INVALID_ARGUMENT', `class labels must be integers 0..K-1; row ${i} has ${v}`, { field: 'y' });
    if (v > max) max = v;
  }
  const K = given ?? Math.max(2, max + 1);
  if (max >= K) throw new DriftwatchError('INVALID_ARGUMENT', `nClasses ${K} does not cover label ${max}`, { field: 'nClasses' });
  return K;
}

function intParam(name: string, v: number | undefined, dflt: number, min: number): number {
  const x = v ?? dflt;
  if (!Number.isInteger(x) || x < min) throw new DriftwatchError('INVALID_ARGUMENT', `invalid ${name}: ${String(x)} (expected an integer >= ${min})`, { field: name });
  return x;
}

function resolveMaxFeatures(m: 'sqrt' | 'log2' | 'all' | number, d: number): number {
  if (m === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(d)));
  if (m === 'log2') return Math.max(1, Math.floor(Math.log2(d)));
  if (m === 'all') return d;
  if (typeof m === 'number' && m > 0 && m < 1) return Math.max(1, Math.floor(m * d));
  if (typeof m === 'number' && Number.isInteger(m) && m >= 1 && m <= d) return m;
  throw new DriftwatchError('INVALID_ARGUMENT', `invalid maxFeatures: ${String(m)} (expected sqrt, log2, all, a fraction in (0, 1) or an integer 1..${d})`, { field: 'maxFeatures' });
}

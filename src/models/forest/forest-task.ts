/**
 * One unit of random-forest work: bootstrap, grow and out-of-bag leaf lookup for tree `t` from its own seed.
 * Seeds are per tree, not per worker, so a forest is identical whatever the number of threads.
 */
import { createRng } from '../../core/index.js';
import { growForestTree, type ForestBinnedTree, type ForestTreeOptions } from './grow-forest-tree.js';

/** Everything a worker needs, shared between threads without copying. */
export interface ForestJob {
  /** Column-major n x d bins (`bins[f * n + i]`). */
  readonly bins: Uint8Array;
  readonly n: number;
  readonly d: number;
  readonly labels: Float64Array;
  readonly bootstrap: boolean;
  readonly options: ForestTreeOptions;
}

export interface ForestTaskResult {
  readonly t: number;
  readonly tree: ForestBinnedTree;
  /** For each training row: the leaf it reaches when out of bag, else -1 (empty when bootstrap is off). */
  readonly oobLeaf: Int32Array;
}

export function runForestTask(job: ForestJob, t: number, seed: number): ForestTaskResult {
  const { bins, n, d, labels } = job;
  const rng = createRng(seed);
  const weights = new Float64Array(n);
  if (job.bootstrap) {
    for (let k = 0; k < n; k++) weights[rng.int(n)] += 1;
  } else {
    weights.fill(1);
  }
  const tree = growForestTree(bins, n, d, labels, weights, job.options, rng);
  let oobLeaf = new Int32Array(0);
  if (job.bootstrap) {
    oobLeaf = new Int32Array(n).fill(-1);
    const { feature, bin, left, right } = tree;
    for (let i = 0; i < n; i++) {
      if (weights[i] > 0) continue;
      let node = 0;
      while (feature[node] >= 0) node = bins[feature[node] * n + i] <= bin[node] ? left[node] : right[node];
      oobLeaf[i] = node;
    }
  }
  return { t, tree, oobLeaf };
}

/**
 * A seeded binary classification set in the manner of scikit-learn's `make_classification`: `informative`
 * features drawn as Gaussian clusters (two per class) placed on the vertices of a hypercube and linearly mixed by
 * a random matrix, `redundant` features that are random linear combinations of the informative ones, the rest
 * pure noise; 1% of labels flipped; columns shuffled. Rows are in random order already.
 */
import { createRng } from '../src/core/rng.js';

export interface SyntheticOptions {
  readonly rows: number;
  readonly features?: number; // default 30
  readonly informative?: number; // default 10
  readonly redundant?: number; // default 2
  readonly clustersPerClass?: number; // default 2
  readonly classSep?: number; // default 1
  readonly flipY?: number; // default 0.01
  readonly seed?: number; // default 0
}

export interface SyntheticData {
  /** Row-major rows x features. */
  readonly x: Float64Array;
  /** Labels 0/1. */
  readonly y: Float64Array;
  readonly rows: number;
  readonly features: number;
}

export function makeClassification(o: SyntheticOptions): SyntheticData {
  const n = o.rows;
  const d = o.features ?? 30;
  const inf = o.informative ?? 10;
  const red = o.redundant ?? 2;
  const cpc = o.clustersPerClass ?? 2;
  const sep = o.classSep ?? 1;
  const flip = o.flipY ?? 0.01;
  const rng = createRng(o.seed ?? 0);
  const nClusters = 2 * cpc;
  // Distinct hypercube vertices as centroids.
  const centroids: number[][] = [];
  const used = new Set<string>();
  while (centroids.length < nClusters) {
    const v = Array.from({ length: inf }, () => (rng.next() < 0.5 ? -sep : sep));
    const key = v.join(',');
    if (!used.has(key)) {
      used.add(key);
      centroids.push(v);
    }
  }
  const mix = centroids.map(() => Array.from({ length: inf * inf }, () => 2 * rng.next() - 1));
  const redMat = Array.from({ length: inf * red }, () => 2 * rng.next() - 1);
  const colPerm = Array.from({ length: d }, (_, i) => i);
  for (let i = d - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [colPerm[i], colPerm[j]] = [colPerm[j], colPerm[i]];
  }
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  const z = new Float64Array(inf);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const c = rng.int(nClusters);
    y[i] = c % 2;
    const A = mix[c];
    const g = Array.from({ length: inf }, () => rng.normal());
    for (let a = 0; a < inf; a++) {
      let s = centroids[c][a];
      for (let b = 0; b < inf; b++) s += g[b] * A[b * inf + a];
      z[a] = s;
    }
    for (let a = 0; a < inf; a++) row[a] = z[a];
    for (let r = 0; r < red; r++) {
      let s = 0;
      for (let a = 0; a < inf; a++) s += z[a] * redMat[a * red + r];
      row[inf + r] = s;
    }
    for (let k = inf + red; k < d; k++) row[k] = rng.normal();
    for (let k = 0; k < d; k++) x[i * d + colPerm[k]] = row[k];
    if (rng.next() < flip) y[i] = rng.int(2);
  }
  return { x, y, rows: n, features: d };
}

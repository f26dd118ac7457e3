import { describe, it, expect } from 'vitest';
import { createRng } from '../../core/rng.js';
import { trainRandomForest } from './random-forest.js';
import { compileEnsemble } from '../trees/index.js';

function data(n: number, d: number, seed: number, classes = 2) {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) x[i * d + f] = rng.normal();
    const s = x[i * d] + 0.5 * x[i * d + 1] * x[i * d + 2] + 0.3 * rng.normal();
    y[i] = classes === 2 ? (s > 0 ? 1 : 0) : s < -0.5 ? 0 : s < 0.5 ? 1 : 2;
  }
  return { x, y };
}

describe('trainRandomForest', () => {
  it('gives the identical forest whatever the number of threads, and is seeded', async () => {
    const { x, y } = data(1500, 6, 1);
    const p = { task: 'classification' as const, nEstimators: 12, seed: 9 };
    const one = await trainRandomForest(x, y, 6, { ...p, nThreads: 1 });
    const two = await trainRandomForest(x, y, 6, { ...p, nThreads: 2 });
    expect(JSON.stringify(two.ensemble)).toBe(JSON.stringify(one.ensemble));
    expect(two.oobScore).toBe(one.oobScore);
    expect(Array.from(two.oobPrediction!)).toEqual(Array.from(one.oobPrediction!));
    const other = await trainRandomForest(x, y, 6, { ...p, nThreads: 1, seed: 10 });
    expect(JSON.stringify(other.ensemble)).not.toBe(JSON.stringify(one.ensemble));
  });

  it('averages leaf class distributions into probabilities; OOB accuracy tracks held-out accuracy', async () => {
    const { x, y } = data(3000, 5, 2, 3);
    const r = await trainRandomForest(x, y, 5, { task: 'classification', nEstimators: 40, criterion: 'entropy', maxFeatures: 'log2', nThreads: 1 });
    const test = data(1000, 5, 3, 3);
    const prob = compileEnsemble(r.ensemble).predict(test.x, 1000);
    let correct = 0;
    for (let i = 0; i < 1000; i++) {
      const row = Array.from(prob.subarray(i * 3, i * 3 + 3));
      expect(row[0] + row[1] + row[2]).toBeCloseTo(1, 12);
      if (row.indexOf(Math.max(...row)) === test.y[i]) correct++;
    }
    expect(r.oobScore!).toBeGreaterThan(0.7);
    expect(Math.abs(r.oobScore! - correct / 1000)).toBeLessThan(0.05);
    expect(r.importance.gain[0]).toBe(Math.max(...r.importance.gain));
  });

  it('fits a regression with out-of-bag R²', async () => {
    const rng = createRng(4);
    const n = 2000;
    const x = new Float64Array(n * 3);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < 3; f++) x[i * 3 + f] = rng.next();
      y[i] = 4 * Math.sin(5 * x[i * 3]) + x[i * 3 + 1] + 0.2 * rng.normal();
    }
    const r = await trainRandomForest(x, y, 3, { task: 'regression', nEstimators: 30, minSamplesLeaf: 3, nThreads: 1 });
    expect(r.oobScore!).toBeGreaterThan(0.9);
    expect(r.ensemble.task).toBe('regression');
  });

  it('honours depth and leaf-size limits', async () => {
    const { x, y } = data(1000, 4, 5);
    const r = await trainRandomForest(x, y, 4, { task: 'classification', nEstimators: 5, maxDepth: 3, minSamplesLeaf: 20, maxFeatures: 2, nThreads: 1, bootstrap: false });
    expect(r.oobScore).toBeNull();
    for (const t of r.ensemble.trees) {
      const depth = new Array<number>(t.feature.length).fill(0);
      for (let k = 0; k < t.feature.length; k++) {
        if (t.feature[k] < 0) continue;
        depth[t.left[k]] = depth[k] + 1;
        depth[t.right[k]] = depth[k] + 1;
        expect(t.cover[t.left[k]]).toBeGreaterThanOrEqual(20);
        expect(t.cover[t.right[k]]).toBeGreaterThanOrEqual(20);
      }
      expect(Math.max(...depth)).toBeLessThanOrEqual(3);
    }
  });

  it('rejects bad options with the option named', async () => {
    const { x, y } = data(50, 2, 6);
    await expect(trainRandomForest(x, y, 2, { task: 'classification', maxFeatures: 7 })).rejects.toThrow(/maxFeatures/);
    await expect(trainRandomForest(x, y, 2, { task: 'classification', criterion: 'mse' })).rejects.toThrow(/criterion/);
  });
});

import { describe, it, expect } from 'vitest';
import { createRng } from '../../core/rng.js';
import { trainGbdt } from './gbdt.js';
import { compileEnsemble } from '../trees/index.js';

/** y = 1 when x0 > 0.5; the other columns are noise. */
function separable(n: number, d: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) x[i * d + f] = rng.next();
    y[i] = x[i * d] > 0.5 ? 1 : 0;
  }
  return { x, y };
}

/** A noisy nonlinear problem (labels flipped at `noise` rate). */
function noisy(n: number, d: number, seed: number, noise = 0.2) {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) x[i * d + f] = rng.normal();
    const s = x[i * d] * x[i * d + 1] + Math.sin(2 * x[i * d + 2]);
    y[i] = (s > 0) !== rng.next() < noise ? 1 : 0;
  }
  return { x, y };
}

describe('trainGbdt', () => {
  it('is deterministic under a seed, with row and column subsampling', () => {
    const { x, y } = noisy(2000, 6, 1);
    const p = { objective: 'binary' as const, nEstimators: 20, subsample: 0.7, colsampleByTree: 0.5, seed: 42 };
    const a = trainGbdt(x, y, 6, p);
    const b = trainGbdt(x, y, 6, p);
    expect(JSON.stringify(a.ensemble)).toBe(JSON.stringify(b.ensemble));
    const c = trainGbdt(x, y, 6, { ...p, seed: 43 });
    expect(JSON.stringify(c.ensemble)).not.toBe(JSON.stringify(a.ensemble));
  });

  it('gives the identical model with 1 or 2 threads (tasks are shared with the helper thread)', () => {
    const { x, y } = noisy(40_000, 5, 11);
    // Depth 11 opens hundreds of nodes per level: the histogram memory grows while the helper works on it.
    for (const extra of [{}, { maxDepth: 11, nEstimators: 2 }, { objective: 'regression' as const, minSamplesLeaf: 5, colsampleByTree: 0.6 }]) {
      const p = { objective: 'binary' as const, nEstimators: 4, seed: 1, ...extra };
      const one = trainGbdt(x, y, 5, { ...p, nThreads: 1 });
      const two = trainGbdt(x, y, 5, { ...p, nThreads: 2 });
      expect(JSON.stringify(two.ensemble)).toBe(JSON.stringify(one.ensemble));
    }
  });

  it('splits a perfectly separable feature at the class boundary', () => {
    // 200 rows: fewer distinct values than bins, so every gap between values is a candidate threshold.
    const { x, y } = separable(200, 4, 2);
    const r = trainGbdt(x, y, 4, { objective: 'binary', nEstimators: 5, maxDepth: 1 });
    const root = r.ensemble.trees[0];
    expect(root.feature[0]).toBe(0);
    let maxNeg = -Infinity;
    let minPos = Infinity;
    for (let i = 0; i < 200; i++) {
      if (y[i] === 1) minPos = Math.min(minPos, x[i * 4]);
      else maxNeg = Math.max(maxNeg, x[i * 4]);
    }
    expect(root.threshold[0]).toBeGreaterThanOrEqual(maxNeg);
    expect(root.threshold[0]).toBeLessThan(minPos);
    const p = compileEnsemble(r.ensemble).predictPositive(x, 200);
    for (let i = 0; i < 200; i++) expect(p[i] > 0.5 ? 1 : 0).toBe(y[i]);
    expect(r.importance.gain[0]).toBe(1);
  });

  it('sends missing values to the side learnt from the training rows', () => {
    // Feature 0 is missing exactly for positives among rows with x0 <= 0.5; positives otherwise have x0 > 0.5.
    const n = 2000;
    const rng = createRng(3);
    const x = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = rng.next();
      x[i * 2 + 1] = rng.next();
      y[i] = rng.next() < 0.5 ? 1 : 0;
      x[i * 2] = y[i] === 1 ? (v > 0.5 ? v : NaN) : v * 0.5;
    }
    const r = trainGbdt(x, y, 2, { objective: 'binary', nEstimators: 10, maxDepth: 2 });
    const t = r.ensemble.trees[0];
    expect(t.feature[0]).toBe(0);
    // Positives (x0 > 0.5) are on the right, so NaN must go right too.
    expect(t.missingLeft[0]).toBe(0);
    const pred = compileEnsemble(r.ensemble);
    const probe = Float64Array.from([NaN, 0.5, 0.2, 0.5, 0.9, 0.5]);
    const p = pred.predictPositive(probe, 3);
    expect(p[0]).toBeGreaterThan(0.9);
    expect(p[1]).toBeLessThan(0.1);
    expect(p[2]).toBeGreaterThan(0.9);
  });

  it('multiclass softmax probabilities sum to 1 and fit the classes', () => {
    const n = 1500;
    const rng = createRng(4);
    const x = new Float64Array(n * 3);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < 3; f++) x[i * 3 + f] = rng.next();
      y[i] = x[i * 3] < 0.33 ? 0 : x[i * 3 + 1] < 0.5 ? 1 : 2;
    }
    const r = trainGbdt(x, y, 3, { objective: 'multiclass', nEstimators: 30 });
    expect(r.ensemble.trees.length).toBe(90);
    expect(r.ensemble.treeOutput.slice(0, 6)).toEqual([0, 1, 2, 0, 1, 2]);
    const prob = compileEnsemble(r.ensemble).predict(x, n);
    let correct = 0;
    for (let i = 0; i < n; i++) {
      const row = prob.subarray(i * 3, i * 3 + 3);
      expect(row[0] + row[1] + row[2]).toBeCloseTo(1, 12);
      const arg = row.indexOf(Math.max(...row));
      if (arg === y[i]) correct++;
    }
    expect(correct / n).toBeGreaterThan(0.97);
  });

  it.each(['regression', 'absolute', 'huber'] as const)('%s loss decreases the training loss', (objective) => {
    const n = 1000;
    const rng = createRng(5);
    const x = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i * 2] = rng.next();
      x[i * 2 + 1] = rng.next();
      y[i] = 3 * Math.sin(6 * x[i * 2]) + x[i * 2 + 1] + 0.1 * rng.normal();
    }
    const r = trainGbdt(x, y, 2, { objective, nEstimators: 40, learningRate: 0.2, recordTrainingLoss: true });
    const l = r.trainLoss;
    expect(l.length).toBe(40);
    for (let k = 1; k < l.length; k++) expect(l[k]).toBeLessThanOrEqual(l[k - 1] + 1e-12);
    expect(l[l.length - 1]).toBeLessThan(l[0] * 0.2);
    // The compiled model reproduces the loss the trainer recorded.
    const p = compileEnsemble(r.ensemble).predict(x, n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(p[i] - y[i]);
      s += objective === 'regression' ? 0.5 * a * a : objective === 'absolute' ? a : a <= 1 ? 0.5 * a * a : a - 0.5;
    }
    expect(s / n).toBeCloseTo(l[l.length - 1], 9);
  });

  it('early stopping stops when the validation loss stops improving and keeps the best round', () => {
    const { x, y } = noisy(3000, 5, 6, 0.3);
    const r = trainGbdt(x, y, 5, { objective: 'binary', nEstimators: 500, learningRate: 0.5, maxDepth: 6, earlyStoppingRounds: 5, seed: 1 });
    expect(r.nRounds).toBeLessThan(500);
    expect(r.validationLoss.length).toBe(r.nRounds + 5);
    const best = Math.min(...r.validationLoss);
    expect(r.validationLoss[r.nRounds - 1]).toBe(best);
    expect(r.ensemble.trees.length).toBe(r.nRounds);
  });

  it('leaf-wise growth respects maxLeaves and min samples per leaf', () => {
    const { x, y } = noisy(3000, 5, 7);
    const r = trainGbdt(x, y, 5, { objective: 'binary', nEstimators: 5, growPolicy: 'leafwise', maxLeaves: 7, minSamplesLeaf: 50 });
    for (const t of r.ensemble.trees) {
      expect(t.feature.filter((f) => f < 0).length).toBeLessThanOrEqual(7);
    }
    // Every leaf holds at least 50 training rows: count rows per leaf of the first tree.
    const t = r.ensemble.trees[0];
    const counts = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      let node = 0;
      while (t.feature[node] >= 0) node = x[i * 5 + t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
      counts.set(node, (counts.get(node) ?? 0) + 1);
    }
    for (const c of counts.values()) expect(c).toBeGreaterThanOrEqual(50);
  });

  it('rejects bad options with the option named', () => {
    const { x, y } = separable(10, 1, 1);
    expect(() => trainGbdt(x, y, 1, { objective: 'binary', learningRate: -1 })).toThrow(/learningRate/);
    expect(() => trainGbdt(x, y, 1, { objective: 'binary', subsample: 2 })).toThrow(/subsample/);
    expect(() => trainGbdt(x, Float64Array.from(y, (v) => v * 3), 1, { objective: 'binary' })).toThrow(/0 or 1/);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { evaluateClassifier } from '../../metrics/index.js';
import { columnScaling, minimizeLbfgs, predictLinear, predictLogistic, trainLogisticRegression, trainRidge } from './index.js';

const root = join(import.meta.dirname, '../../..');
const fixtures = join(root, 'test/fixtures/models/linear');
const load = <T>(name: string): T => JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as T;

interface LogisticSolution { coef: number[]; intercept: number[]; n_iter: number; proba: number[] }
interface LogisticCase {
  C: number;
  fit_intercept: boolean;
  n_classes: number;
  n?: number;
  d?: number;
  X?: number[];
  y?: number[];
  csv?: string;
  scaler_mean?: number[];
  scaler_scale?: number[];
  sklearn: LogisticSolution;
  optimum: LogisticSolution;
}
interface RidgeCase { alpha: number; fit_intercept: boolean; n: number; d: number; X?: number[]; y?: number[]; coef: number[]; intercept: number; prediction: number[] }

/** The all-numeric breast-cancer CSV: header, 30 features, 0/1 target. */
function breastCancer(): { X: Float64Array; y: Int32Array; n: number; d: number } {
  const lines = readFileSync(join(root, 'examples/data/breast_cancer_wisconsin.csv'), 'utf8').trim().split('\n').slice(1);
  const n = lines.length;
  const d = 30;
  const X = new Float64Array(n * d);
  const y = new Int32Array(n);
  lines.forEach((line, i) => {
    const v = line.split(',').map(Number);
    for (let j = 0; j < d; j++) X[i * d + j] = v[j]!;
    y[i] = v[d]!;
  });
  return { X, y, n, d };
}

function standardized(c: LogisticCase, X: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = (X[i * d + j]! - c.scaler_mean![j]!) / c.scaler_scale![j]!;
  return out;
}

/** Largest absolute difference divided by the largest expected magnitude. */
function relMaxDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return diff / Math.max(scale, 1e-300);
}
function maxAbsDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let m = 0;
  for (let i = 0; i < expected.length; i++) m = Math.max(m, Math.abs(actual[i]! - expected[i]!));
  return m;
}

function caseData(name: string) {
  const c = load<LogisticCase>(name);
  if (c.csv) {
    const bc = breastCancer();
    return { c, ...bc, Xfit: standardized(c, bc.X, bc.n, bc.d) };
  }
  const X = Float64Array.from(c.X!);
  return { c, X, y: Int32Array.from(c.y!), n: c.n!, d: c.d!, Xfit: X };
}

const logisticCases = ['breast_cancer_C1', 'breast_cancer_C0.1', 'multinomial_3', 'binary_no_intercept'];

describe('logistic regression reaches the optimum of sklearn\'s lbfgs objective', () => {
  for (const name of logisticCases) {
    it(`${name}: tight tolerance matches the precise optimum (coef 1e-6 relative, probabilities 1e-7)`, () => {
      const { c, y, n, d, Xfit } = caseData(name);
      const fit = trainLogisticRegression(Xfit, n, d, y, c.n_classes, { C: c.C, fitIntercept: c.fit_intercept, tol: 1e-8, ftol: 0, maxIter: 1000 });
      expect(fit.training.converged).toBe(true);
      expect(relMaxDiff(fit.coef, c.optimum.coef)).toBeLessThan(1e-6);
      expect(maxAbsDiff(fit.intercept, c.optimum.intercept)).toBeLessThan(1e-6 * Math.max(1, ...c.optimum.intercept.map(Math.abs)));
      expect(maxAbsDiff(predictLogistic(fit, Xfit, n, d), c.optimum.proba)).toBeLessThan(1e-7);
    });

    it(`${name}: sklearn's default settings (tol 1e-4, 100 iterations) agree with sklearn's own fit`, () => {
      const { c, y, n, d, Xfit } = caseData(name);
      const fit = trainLogisticRegression(Xfit, n, d, y, c.n_classes, { C: c.C, fitIntercept: c.fit_intercept });
      expect(fit.training.converged).toBe(true);
      // Both stop short of the optimum by the optimiser tolerance: sklearn's own fit is up to 9e-5 (relative)
      // from it on these cases, so the two fits may differ by about twice that.
      expect(relMaxDiff(fit.coef, c.sklearn.coef)).toBeLessThan(2e-4);
      expect(maxAbsDiff(predictLogistic(fit, Xfit, n, d), c.sklearn.proba)).toBeLessThan(1e-4);
    });
  }

  it('standardize folds StandardScaler into raw-space weights (breast cancer, C = 1)', () => {
    const { c, X, y, n, d } = caseData('breast_cancer_C1');
    const scaling = columnScaling(X, n, d);
    expect(relMaxDiff(scaling.mean, c.scaler_mean!)).toBeLessThan(1e-12);
    expect(relMaxDiff(scaling.scale, c.scaler_scale!)).toBeLessThan(1e-12);
    const fit = trainLogisticRegression(X, n, d, y, 2, { C: 1, standardize: true, tol: 1e-8, ftol: 0, maxIter: 1000 });
    const rawCoef = c.optimum.coef.map((w, j) => w / c.scaler_scale![j]!);
    const rawIntercept = c.optimum.intercept[0]! - rawCoef.reduce((s, w, j) => s + w * c.scaler_mean![j]!, 0);
    expect(relMaxDiff(fit.coef, rawCoef)).toBeLessThan(1e-6);
    expect(Math.abs(fit.intercept[0]! - rawIntercept)).toBeLessThan(1e-6 * Math.abs(rawIntercept));
    expect(maxAbsDiff(predictLogistic(fit, X, n, d), c.optimum.proba)).toBeLessThan(1e-7);
  });

  it('binary batch prediction (SIMD margins over copied chunks) equals the plain formula, across chunks and widths', () => {
    const rng = createRng(11);
    for (const [n, d] of [[1, 1], [5, 2], [4099, 3], [2048, 30], [2500, 31], [10, 0], [300, 700]] as const) {
      const X = Float64Array.from({ length: n * d }, () => rng.normal() * 4);
      const w = { nFeatures: d, nClasses: 2, coef: Float64Array.from({ length: d }, () => rng.normal()), intercept: Float64Array.from([0.3]) };
      const p = predictLogistic(w, X, n, d);
      for (let i = 0; i < n; i++) {
        let z = 0.3;
        for (let j = 0; j < d; j++) z += w.coef[j]! * X[i * d + j]!;
        const want = 1 / (1 + Math.exp(-z));
        // The margin is summed in another order (SIMD pairs): equal up to rounding that grows with the width.
        expect(Math.abs(p[2 * i + 1]! - want)).toBeLessThan(1e-15 * Math.max(4, d));
        expect(p[2 * i]! + p[2 * i + 1]!).toBeCloseTo(1, 15);
      }
    }
  });

  it('probabilities are rows of a distribution and binary output is [P(0), P(1)]', () => {
    const { c, y, n, d, Xfit } = caseData('multinomial_3');
    const fit = trainLogisticRegression(Xfit, n, d, y, 3, { C: c.C });
    const p = predictLogistic(fit, Xfit, n, d);
    for (let i = 0; i < n; i++) expect(p[3 * i]! + p[3 * i + 1]! + p[3 * i + 2]!).toBeCloseTo(1, 12);
  });

  it('rejects missing values, unknown labels and absent classes with INVALID_ARGUMENT', () => {
    const X = Float64Array.from([0, 1, NaN, 2]);
    expect(() => trainLogisticRegression(X, 2, 2, Int32Array.from([0, 1]), 2)).toThrow(/impute missing values/);
    // Standardising checks X through the column statistics; the message is the same, naming the first bad cell.
    expect(() => trainLogisticRegression(X, 2, 2, Int32Array.from([0, 1]), 2, { standardize: true })).toThrow('X[row 1, column 0] is NaN');
    expect(() => trainLogisticRegression(Float64Array.from([0, 1, 2, Infinity]), 2, 2, Int32Array.from([0, 1]), 2, { standardize: true })).toThrow('X[row 1, column 1] is Infinity');
    expect(() => predictLogistic({ nFeatures: 2, nClasses: 2, coef: Float64Array.from([1, 0]), intercept: Float64Array.from([0]) }, Float64Array.from([0, 1, 2, -Infinity]), 2, 2)).toThrow('X[row 1, column 1] is -Infinity');
    const ok = Float64Array.from([0, 1, 1, 2]);
    expect(() => trainLogisticRegression(ok, 2, 2, Int32Array.from([0, 2]), 2)).toThrow(/not a class index/);
    expect(() => trainLogisticRegression(ok, 2, 2, Int32Array.from([0, 0]), 2)).toThrow(/class 1 has no training rows/);
    expect(() => trainLogisticRegression(ok, 2, 2, Int32Array.from([0, 1]), 2, { C: 0 })).toThrow(/C must be a positive number/);
  });

  it('trains on 50,000 x 30 rows (standardised) to a converged optimum', () => {
    const rng = createRng(7);
    const n = 50_000;
    const d = 30;
    const X = new Float64Array(n * d);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) {
        const v = rng.normal();
        X[i * d + j] = v;
        if (j < 10) z += v * (j % 2 === 0 ? 0.8 : -0.5);
      }
      y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    const fit = trainLogisticRegression(X, n, d, y, 2, { C: 1, standardize: true });
    expect(fit.training.converged).toBe(true);
    expect(fit.coef[0]!).toBeGreaterThan(0.7);
    expect(Math.abs(fit.coef[20]!)).toBeLessThan(0.05);
  });
});

describe('quality on a fixed split (issue 3, section 6)', () => {
  it('breast cancer: accuracy and ROC AUC within 0.01 of StandardScaler + sklearn LogisticRegression', () => {
    const ref = load<{ test_rows: number[]; accuracy: number; roc_auc: number }>('breast_cancer_split');
    const { X, y, n, d } = breastCancer();
    const isTest = new Uint8Array(n);
    for (const i of ref.test_rows) isTest[i] = 1;
    const take = (test: boolean) => {
      const rows = [...Array(n).keys()].filter((i) => (isTest[i] === 1) === test);
      const Xs = new Float64Array(rows.length * d);
      rows.forEach((r, k) => Xs.set(X.subarray(r * d, (r + 1) * d), k * d));
      return { X: Xs, y: Int32Array.from(rows, (r) => y[r]!), n: rows.length };
    };
    const train = take(false);
    const test = take(true);
    const fit = trainLogisticRegression(train.X, train.n, d, train.y, 2, { standardize: true });
    const ev = evaluateClassifier(test.y, predictLogistic(fit, test.X, test.n, d), { classes: ['malignant', 'benign'] });
    expect(Math.abs(ev.accuracy - ref.accuracy)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(ev.roc_auc! - ref.roc_auc)).toBeLessThanOrEqual(0.01);
  });
});

describe('L-BFGS', () => {
  it('minimises the Rosenbrock function', () => {
    const res = minimizeLbfgs(
      (x, g) => {
        const a = 1 - x[0]!;
        const b = x[1]! - x[0]! * x[0]!;
        g[0] = -2 * a - 400 * x[0]! * b;
        g[1] = 200 * b;
        return a * a + 100 * b * b;
      },
      Float64Array.from([-1.2, 1]),
      { maxIter: 500, gtol: 1e-10, ftol: 0 },
    );
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 8);
    expect(res.x[1]).toBeCloseTo(1, 8);
  });

  it('stops at once when the start is already stationary', () => {
    const res = minimizeLbfgs((x, g) => {
      g[0] = 2 * x[0]!;
      return x[0]! * x[0]!;
    }, Float64Array.from([0]));
    expect(res.iterations).toBe(0);
    expect(res.reason).toBe('gtol');
  });
});

describe('ridge regression matches sklearn Ridge(solver="cholesky") to 1e-9', () => {
  for (const name of ['ridge_alpha1', 'ridge_alpha10_no_intercept', 'ridge_alpha0.01', 'ridge_breast_cancer']) {
    it(name, () => {
      const c = load<RidgeCase>(name);
      let X: Float64Array;
      let y: Float64Array;
      if (c.X) {
        X = Float64Array.from(c.X);
        y = Float64Array.from(c.y!);
      } else {
        // Breast cancer: "mean area" (column 3) from the other 29 features, standardised like the script.
        const bc = breastCancer();
        const s = columnScaling(bc.X, bc.n, 30);
        X = new Float64Array(bc.n * 29);
        y = new Float64Array(bc.n);
        for (let i = 0; i < bc.n; i++) {
          y[i] = bc.X[i * 30 + 3]!;
          for (let j = 0, k = 0; j < 30; j++) if (j !== 3) X[i * 29 + k++] = (bc.X[i * 30 + j]! - s.mean[j]!) / s.scale[j]!;
        }
      }
      const w = trainRidge(X, c.n, c.d, y, { alpha: c.alpha, fitIntercept: c.fit_intercept });
      expect(relMaxDiff(w.coef, c.coef)).toBeLessThan(1e-9);
      expect(Math.abs(w.intercept - c.intercept)).toBeLessThan(1e-9 * Math.max(1, Math.abs(c.intercept)));
      expect(relMaxDiff(predictLinear(w, X, c.n, c.d), c.prediction)).toBeLessThan(1e-9);
    });
  }

  it('fails clearly on singular least squares', () => {
    const X = Float64Array.from([1, 2, 2, 4, 3, 6]);
    expect(() => trainRidge(X, 3, 2, Float64Array.from([1, 2, 3]), { alpha: 0 })).toThrow(/singular/);
  });
});

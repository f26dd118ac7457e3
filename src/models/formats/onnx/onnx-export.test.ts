import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/rng.js';
import { categoricalColumn, createTable, numericColumn, type Table } from '../../../data/table/index.js';
import { encode, fitEncoder, type EncodeOptions } from '../../preprocess/feature-encoder.js';
import { trainGbdt } from '../../gbdt/index.js';
import { compileEnsemble } from '../../trees/index.js';
import { predictLogistic, trainLogisticRegression } from '../../linear/logistic-regression.js';
import { exportOnnx } from './onnx-export.js';
import { loadOnnxModel } from './onnx-model.js';

/** A mixed table: two numeric columns (with missing values, values exactly representable in float32) and one categorical. */
function data(n: number, seed: number): { table: Table; y: Float64Array } {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const plan: (string | null)[] = [];
  const y = new Float64Array(n);
  const plans = ['basic', 'plus', 'premium', 'trial'];
  for (let i = 0; i < n; i++) {
    a[i] = Math.fround(Math.round(rng.normal() * 1000) / 64);
    b[i] = rng.next() < 0.1 ? NaN : Math.fround(Math.round(rng.next() * 4096) / 32);
    const k = rng.int(4);
    plan.push(rng.next() < 0.05 ? null : plans[k]!);
    const z = a[i]! / 10 + (Number.isNaN(b[i]!) ? 1 : b[i]! / 50) - 1.5 + (k === 2 ? 1 : k === 0 ? -1 : 0) + rng.normal() * 0.5;
    y[i] = z > 0 ? 1 : 0;
  }
  return { table: createTable([numericColumn('a', a), numericColumn('b', b), categoricalColumn('plan', plan)]), y };
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const trees: EncodeOptions = { categorical: 'ordinal', impute: false, standardize: false };
const linear: EncodeOptions = { categorical: 'onehot', impute: true, standardize: true };

describe('ONNX export: onnxruntime-node reproduces the native model', () => {
  const train = data(2000, 1);
  const test = data(500, 2);
  // A category the model never saw, and missing values, must behave the same in both.
  const testTable = createTable([test.table.column('a')!, test.table.column('b')!, categoricalColumn('plan', [...Array(499).fill('basic'), 'unheard-of'])]);

  it('binary gradient boosting, preprocessing in the graph', async () => {
    const spec = fitEncoder(train.table, ['a', 'b', 'plan'], trees);
    const m = encode(spec, train.table);
    const { ensemble } = trainGbdt(m.X, train.y, m.d, { objective: 'binary', nEstimators: 30, maxDepth: 4, seed: 3 });
    const bytes = exportOnnx({ encoder: spec, estimator: { kind: 'trees', ensemble }, classes: ['no', 'yes'] });
    const onnx = await loadOnnxModel(bytes);
    expect(onnx.signature.classes).toEqual(['no', 'yes']);
    expect(onnx.signature.inputs.map((i) => [i.name, i.kind])).toEqual([['a', 'numeric'], ['b', 'numeric'], ['plan', 'categorical']]);
    const t = encode(spec, testTable);
    const native = compileEnsemble(ensemble).predict(t.X, t.n);
    const got = await onnx.predict(testTable);
    expect(maxDiff(got.probabilities!, native)).toBeLessThan(1e-6);
    expect(got.labels!.slice(0, 5)).toEqual(Array.from({ length: 5 }, (_, i) => (native[2 * i + 1]! > 0.5 ? 'yes' : 'no')));
  });

  it('multiclass gradient boosting and regression', async () => {
    const spec = fitEncoder(train.table, ['a', 'b', 'plan'], trees);
    const m = encode(spec, train.table);
    const y3 = train.y.map((v, i) => (v === 1 ? (m.X[i * m.d]! > 0 ? 2 : 1) : 0));
    const multi = trainGbdt(m.X, y3, m.d, { objective: 'multiclass', nEstimators: 10, maxDepth: 3, seed: 1 }).ensemble;
    const t = encode(spec, testTable);
    const onnx = await loadOnnxModel(exportOnnx({ encoder: spec, estimator: { kind: 'trees', ensemble: multi }, classes: ['x', 'y', 'z'] }));
    expect(maxDiff((await onnx.predict(testTable)).probabilities!, compileEnsemble(multi).predict(t.X, t.n))).toBeLessThan(1e-6);

    const target = Float64Array.from({ length: m.n }, (_, i) => (Number.isNaN(m.X[i * m.d + 1]!) ? 0 : m.X[i * m.d + 1]!) + m.X[i * m.d]!);
    const reg = trainGbdt(m.X, target, m.d, { objective: 'regression', nEstimators: 20, maxDepth: 4, seed: 1 }).ensemble;
    const onnxReg = await loadOnnxModel(exportOnnx({ encoder: spec, estimator: { kind: 'trees', ensemble: reg }, classes: null }));
    const native = compileEnsemble(reg).predict(t.X, t.n);
    const got = (await onnxReg.predict(testTable)).values!;
    for (let i = 0; i < native.length; i++) expect(Math.abs(got[i]! - native[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(native[i]!)));
  });

  it('logistic regression with imputation, scaling and one-hot in the graph', async () => {
    const spec = fitEncoder(train.table, ['a', 'b', 'plan'], linear);
    const m = encode(spec, train.table);
    const fit = trainLogisticRegression(m.X, m.n, m.d, Int32Array.from(train.y), 2, {});
    const onnx = await loadOnnxModel(exportOnnx({ encoder: spec, estimator: { kind: 'logistic', coef: fit.coef, intercept: fit.intercept, nClasses: 2 }, classes: ['0', '1'] }));
    const t = encode(spec, testTable);
    expect(maxDiff((await onnx.predict(testTable)).probabilities!, predictLogistic(fit, t.X, t.n, t.d))).toBeLessThan(1e-6);
  });
});

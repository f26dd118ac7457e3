import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../../core/errors.js';
import { parseXgboostJson, xgboostMargins, xgboostTask, xgboostTransform } from './xgboost-json.js';

const dir = join(import.meta.dirname, '../../../test/fixtures/models/xgboost');

interface Expected {
  kind: 'binary' | 'multiclass' | 'regression';
  X: (number | null)[][];
  margin: number[] | number[][];
  probabilities?: number[][];
  prediction?: number[];
}

function load(name: string) {
  const model = parseXgboostJson(readFileSync(join(dir, `${name}.model.json`), 'utf8'), `${name}.model.json`);
  const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Expected;
  const n = expected.X.length;
  const d = expected.X[0]!.length;
  const X = new Float64Array(n * d);
  expected.X.forEach((row, i) => row.forEach((v, j) => (X[i * d + j] = v === null ? NaN : v)));
  return { model, expected, X, n, d };
}

describe('XGBoost JSON import reproduces XGBoost 1.7 predictions', () => {
  for (const name of ['binary', 'binary_exact', 'multiclass', 'regression']) {
    it(`${name}: margins and outputs within 1e-6`, () => {
      const { model, expected, X, n, d } = load(name);
      expect(xgboostTask(model)).toBe(expected.kind);
      const margins = xgboostMargins(model, X, n, d);
      const flatMargin = (expected.margin as (number | number[])[]).flat();
      expect(margins.length).toBe(flatMargin.length);
      flatMargin.forEach((m, i) => expect(Math.abs(margins[i]! - m)).toBeLessThan(1e-5 * Math.max(1, Math.abs(m))));
      const out = xgboostTransform(model, margins);
      const want = expected.kind === 'regression' ? expected.prediction! : expected.probabilities!.flat();
      expect(out.length).toBe(want.length);
      want.forEach((p, i) => expect(Math.abs(out[i]! - p)).toBeLessThan(1e-6 * Math.max(1, Math.abs(p))));
    });
  }

  it('reads base_score and objective', () => {
    const { model } = load('binary_exact');
    expect(model.baseScore).toBeCloseTo(0.3, 6);
    expect(model.objective).toBe('binary:logistic');
    expect(model.groups).toBe(1);
    expect(load('multiclass').model.groups).toBe(3);
  });

  it('rejects what it cannot read with a clear error', () => {
    expect(() => parseXgboostJson('{', 'm.json')).toThrow(DriftwatchError);
    expect(() => parseXgboostJson('{"a": 1}', 'm.json')).toThrow(/not an XGBoost JSON model/);
    const doc = JSON.parse(readFileSync(join(dir, 'binary.model.json'), 'utf8'));
    doc.learner.objective.name = 'rank:pairwise';
    expect(() => parseXgboostJson(JSON.stringify(doc), 'm.json')).toThrow(/objective "rank:pairwise" is not supported/);
    doc.learner.objective.name = 'binary:logistic';
    doc.learner.gradient_booster.model.trees[0].left_children = [5];
    expect(() => parseXgboostJson(JSON.stringify(doc), 'm.json')).toThrow(/trees\[0\]/);
  });
});

describe('XGBoost model adapter', () => {
  it('predicts on a table by position when the model has no feature names', async () => {
    const { xgboostAsModel } = await import('./xgboost-model.js');
    const { createTable, numericColumn } = await import('../../data/table/index.js');
    const { model, expected, X, n, d } = load('binary');
    const cols = Array.from({ length: d }, (_, j) => numericColumn(`x${j}`, Float64Array.from({ length: n }, (_, i) => X[i * d + j]!)));
    const m = xgboostAsModel(model, { label: 'y' });
    expect(m.signature.classes).toEqual(['0', '1']);
    const result = await m.predict(createTable([...cols, numericColumn('y', new Float64Array(n))]));
    const probs = expected.probabilities!.flat();
    probs.forEach((p, i) => expect(Math.abs(result.probabilities![i]! - p)).toBeLessThan(1e-6));
    expect(result.labels![0]).toBe(probs[1]! > 0.5 ? '1' : '0');
    await expect(m.predict(createTable(cols.slice(0, 2)))).rejects.toThrow(/reads 6 features by position/);
  });

  it('loadModel tells an XGBoost JSON file by its content and reads the same model', async () => {
    const { loadModel } = await import('./load-model.js');
    const file = join(dir, 'binary.model.json');
    const loaded = await loadModel(file);
    expect(loaded.format).toBe('xgboost-json');
    const { model } = load('binary');
    expect(loaded.model.card.parameters).toEqual({ objective: model.objective, base_score: model.baseScore, trees: model.trees.length });
  });
});

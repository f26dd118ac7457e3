import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTable, numericColumn } from '../../../data/table/index.js';
import { DriftwatchError } from '../../../core/errors.js';
import { loadOnnxModel } from './onnx-model.js';

const dir = join(import.meta.dirname, '../../../../test/fixtures/models/onnx');
const fixture = <T>(name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;

interface RfExpected {
  columns: string[];
  X: number[][];
  probabilities: number[][];
  labels: number[];
}

function tableOf(columns: string[], X: number[][]) {
  return createTable(columns.map((c, j) => numericColumn(c, X.map((row) => row[j]!))));
}

describe('ONNX import (models made by scikit-learn + onnx.helper)', () => {
  const rf = fixture<RfExpected>('rf.expected.json');

  for (const file of ['rf_tensor.onnx', 'rf_zipmap.onnx']) {
    it(`${file}: random forest probabilities match scikit-learn's`, async () => {
      const model = await loadOnnxModel(readFileSync(join(dir, file)), { source: file });
      expect(model.signature.task).toBe('binary');
      expect(model.signature.classes).toEqual(['0', '1']);
      expect(model.signature.inputs).toHaveLength(30);
      const result = await model.predict(tableOf(rf.columns, rf.X));
      const want = rf.probabilities.flat();
      expect(result.probabilities!.length).toBe(want.length);
      want.forEach((p, i) => expect(Math.abs(result.probabilities![i]! - p)).toBeLessThan(1e-6));
      expect(result.labels).toEqual(rf.labels.map(String));
    });
  }

  it('reads an unnamed [N, F] input by position, leaving out the label, and says so when columns are short', async () => {
    const model = await loadOnnxModel(readFileSync(join(dir, 'rf_tensor.onnx')), { source: 'rf_tensor.onnx', label: 'y' });
    const withLabel = createTable([numericColumn('y', rf.X.map(() => 0)), ...tableOf(rf.columns, rf.X).columns]);
    const result = await model.predict(withLabel);
    expect(Math.abs(result.probabilities![1]! - rf.probabilities[0]![1]!)).toBeLessThan(1e-6);
    await expect(model.predict(tableOf(rf.columns.slice(0, 3), rf.X))).rejects.toThrow(/reads 30 features by position and records no names, but the data has 3 columns/);
  });

  it('reads named columns by name with featureNames, in any table order', async () => {
    const model = await loadOnnxModel(readFileSync(join(dir, 'rf_tensor.onnx')), { featureNames: rf.columns });
    const reversed = createTable([...tableOf(rf.columns, rf.X).columns].reverse());
    const result = await model.predict(reversed);
    expect(Math.abs(result.probabilities![1]! - rf.probabilities[0]![1]!)).toBeLessThan(1e-6);
  });

  it('one input per column: a linear regression', async () => {
    const lin = fixture<{ columns: string[]; X: number[][]; prediction: number[] }>('linreg.expected.json');
    const model = await loadOnnxModel(readFileSync(join(dir, 'linreg_columns.onnx')));
    expect(model.signature.task).toBe('regression');
    expect(model.signature.inputs.map((i) => i.name)).toEqual(lin.columns);
    const result = await model.predict(tableOf(lin.columns, lin.X));
    lin.prediction.forEach((p, i) => expect(Math.abs(result.values![i]! - p)).toBeLessThan(1e-5 * Math.max(1, Math.abs(p))));
    await expect(model.predict(tableOf(['age', 'income'], lin.X))).rejects.toThrow(/needs column "score"/);
  });

  it('refuses bytes that are not ONNX', async () => {
    await expect(loadOnnxModel(new TextEncoder().encode('hello, not a model'), { source: 'x.onnx' })).rejects.toBeInstanceOf(DriftwatchError);
  });
});

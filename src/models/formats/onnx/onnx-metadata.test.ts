import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../../../core/errors.js';
import { createRng } from '../../../core/rng.js';
import { categoricalColumn, createTable, numericColumn, type Table } from '../../../data/index.js';
import { nativeModelToOnnx } from './native-to-onnx.js';
import { trainModel } from '../../native/train-model.js';
import { loadOnnxModel } from './onnx-model.js';
import { decodeOnnx, encodeOnnx } from './onnx-proto.js';

function table(n: number): Table {
  const rng = createRng(5);
  const x = Float64Array.from({ length: n }, () => rng.normal());
  const plan = Array.from({ length: n }, (_, i) => ['basic', 'plus', 'premium'][i % 3]!);
  const bought = Array.from({ length: n }, (_, i) => (x[i]! + (plan[i] === 'premium' ? 1 : 0) + rng.normal() > 0.5 ? 'bought' : 'left'));
  const spend = Float64Array.from({ length: n }, (_, i) => 3 * x[i]! + (plan[i] === 'plus' ? 2 : 0) + rng.normal() * 0.1);
  return createTable([numericColumn('x', x), categoricalColumn('plan', plan), categoricalColumn('outcome', bought), numericColumn('spend', spend)]);
}

describe('ONNX export records what the graph cannot say, and import reads it back', () => {
  const data = table(400);

  it('a classifier: label, task, classes, a positive class that is not the default, inputs with their categories', async () => {
    const { model } = await trainModel(data, { label: 'outcome', algo: 'logreg', positiveClass: 'left', drop: ['spend'], validFraction: 0 });
    expect(model.signature.positiveClass).toBe('left');
    const onnx = await loadOnnxModel(nativeModelToOnnx(model), { source: 'm.onnx' });
    expect(onnx.signature).toEqual(model.signature);
    expect(onnx.signature.inputs.find((i) => i.name === 'plan')?.categories).toEqual(['basic', 'plus', 'premium']);
    // The label the user gives still wins over the recorded one.
    expect((await loadOnnxModel(nativeModelToOnnx(model), { label: 'other' })).signature.label).toBe('other');
    const a = await model.predict(data);
    const b = await onnx.predict(data);
    expect(b.labels).toEqual(a.labels);
  });

  it('a regressor: label and task', async () => {
    const { model } = await trainModel(data, { label: 'spend', algo: 'gbdt', params: { n_estimators: 5 }, drop: ['outcome'], validFraction: 0 });
    const onnx = await loadOnnxModel(nativeModelToOnnx(model));
    expect([onnx.signature.task, onnx.signature.label, onnx.signature.classes]).toEqual(['regression', 'spend', null]);
  });

  it('refuses metadata that contradicts the graph, naming the key', async () => {
    const { model } = await trainModel(data, { label: 'outcome', algo: 'logreg', drop: ['spend'], validFraction: 0 });
    const edit = async (key: string, value: string): Promise<DriftwatchError> => {
      const doc = decodeOnnx(nativeModelToOnnx(model));
      doc['metadata_props'] = (doc['metadata_props'] as { key: string; value: string }[]).map((p) => (p.key === key ? { key, value } : p));
      return loadOnnxModel(encodeOnnx(doc), { source: 'm.onnx' }).then(
        () => {
          throw new Error('accepted');
        },
        (e: DriftwatchError) => e,
      );
    };
    const cases: [string, string, RegExp][] = [
      ['driftwatch.task', 'regression', /"driftwatch\.task": says regression, but the graph's outputs are those of a binary model/],
      ['driftwatch.positive_class', 'maybe', /"driftwatch\.positive_class": "maybe" is not one of the classes/],
      ['driftwatch.classes', '["a","b"]', /differ from the graph's classes bought, left/],
      ['driftwatch.inputs', '[{"name":"x","kind":"numeric"}]', /does not match the graph's inputs \(x, plan\)/],
      ['driftwatch.inputs', '{oops', /"driftwatch\.inputs": not valid JSON/],
    ];
    for (const [key, value, message] of cases) {
      const e = await edit(key, value);
      expect(e.code, key).toBe('MODEL_INVALID');
      expect(e.message).toMatch(message);
      expect(e.field).toBe(`metadata_props.${key}`);
    }
  });
});

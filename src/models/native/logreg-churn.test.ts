/**
 * Issue 3 quality check: native logistic regression trained through `trainModel` (the real encoder: mean-impute
 * + standardise numeric, one-hot categorical) on the churn data, against scikit-learn's pipeline on the same
 * fixed split (test/fixtures/scripts/logreg_churn.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable, selectRows } from '../../data/index.js';
import { accuracy, rocAuc } from '../../metrics/index.js';
import { encodeLabels } from '../preprocess/label-encoder.js';
import { trainModel } from './train-model.js';

const root = join(import.meta.dirname, '../../..');

interface ChurnReference {
  readonly csv: string;
  readonly numeric: readonly string[];
  readonly categorical: readonly string[];
  readonly train_indices: readonly number[];
  readonly test_indices: readonly number[];
  readonly accuracy: number;
  readonly roc_auc: number;
}

const ref = JSON.parse(readFileSync(join(root, 'test/fixtures/models/linear/logreg_churn.json'), 'utf8')) as ChurnReference;

describe('logistic regression on churn (categorical columns) vs scikit-learn', () => {
  it('matches accuracy and ROC AUC within 0.01 on the fixed test rows', async () => {
    const table = await readTable(join(root, ref.csv));
    const train = selectRows(table, Int32Array.from(ref.train_indices));
    const test = selectRows(table, Int32Array.from(ref.test_indices));

    const { model } = await trainModel(train, { label: 'churn', algo: 'logreg', validFraction: 0, seed: 0 });
    // The label's positive class must be churners, or AUC would be measured on the wrong class.
    expect(model.signature.classes).toEqual(['No', 'Yes']);
    expect(model.signature.positiveClass).toBe('Yes');
    // Same column split as sklearn's ColumnTransformer: the 0/1 flags are numeric, the text columns one-hot.
    const kinds = Object.fromEntries(model.signature.inputs.map((c) => [c.name, c.kind]));
    for (const name of ref.numeric) expect(kinds[name], name).toBe('numeric');
    for (const name of ref.categorical) expect(kinds[name], name).toBe('categorical');

    const out = await model.predict(test);
    const y = encodeLabels(test.column('churn')!, { classes: model.signature.classes! }).y;
    expect(y.every((c) => c === 0 || c === 1)).toBe(true);
    const p = out.probabilities!;
    const pYes = Float64Array.from({ length: test.rowCount }, (_, i) => p[2 * i + 1]!);
    const predicted = Int32Array.from(pYes, (q) => (q > 0.5 ? 1 : 0));

    const acc = accuracy(y, predicted);
    const auc = rocAuc(y, pYes);
    expect(Math.abs(acc - ref.accuracy)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(auc - ref.roc_auc)).toBeLessThanOrEqual(0.01);
  });
});

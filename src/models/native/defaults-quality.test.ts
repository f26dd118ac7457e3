/**
 * Issue 9's quality targets for `driftwatch train`'s defaults, on the fixed 50/50 splits of
 * test/fixtures/scripts/defaults_quality.py (bundled churn, breast cancer, 10,000 rows of the benchmark's synthetic
 * data): test ROC AUC of
 *   gbdt   >= scikit-learn HistGradientBoostingClassifier() defaults - 0.003
 *   rf     >= RandomForestClassifier(n_estimators=100)               - 0.003
 *   logreg >= LogisticRegression() defaults                          - 0.002
 * Each learner trains on the train rows as `train` does by default: its seeded 20% validation split, early
 * stopping (gbdt), then the refit on every row.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable, selectRows, type Table } from '../../data/index.js';
import { rocAuc } from '../../metrics/index.js';
import { encodeLabels } from '../preprocess/label-encoder.js';
import type { Algorithm } from './params.js';
import { trainModel, type TrainOptions } from './train-model.js';

const root = join(import.meta.dirname, '../../..');

interface DatasetReference {
  readonly csv: string;
  readonly label: string;
  readonly positive_class: string;
  readonly train_indices: readonly number[];
  readonly test_indices: readonly number[];
  readonly roc_auc: { readonly hist_gradient_boosting: number; readonly random_forest: number; readonly logistic_regression: number };
}

const ref = JSON.parse(readFileSync(join(root, 'test/fixtures/models/defaults/quality.json'), 'utf8')) as { datasets: Record<string, DatasetReference> };

async function testAuc(train: Table, test: Table, ds: DatasetReference, algo: Algorithm, extra: Partial<TrainOptions> = {}): Promise<number> {
  const { model } = await trainModel(train, { label: ds.label, algo, ...extra });
  expect(model.signature.positiveClass).toBe(ds.positive_class);
  const classes = model.signature.classes!;
  const y = encodeLabels(test.column(ds.label)!, { classes }).y;
  const pos = classes.indexOf(ds.positive_class);
  const p = (await model.predict(test)).probabilities!;
  return rocAuc(y, Float64Array.from({ length: test.rowCount }, (_, i) => p[i * classes.length + pos]!));
}

describe('default hyperparameters against scikit-learn defaults (test ROC AUC, fixed splits)', () => {
  for (const [name, ds] of Object.entries(ref.datasets)) {
    describe(name, async () => {
      const table = await readTable(join(root, ds.csv));
      const train = selectRows(table, Int32Array.from(ds.train_indices));
      const test = selectRows(table, Int32Array.from(ds.test_indices));

      it('gbdt >= HistGradientBoostingClassifier - 0.003', async () => {
        expect(await testAuc(train, test, ds, 'gbdt')).toBeGreaterThanOrEqual(ds.roc_auc.hist_gradient_boosting - 0.003);
      });

      it('rf >= RandomForestClassifier(n_estimators=100) - 0.003 (both averaged over seeds)', async () => {
        // A forest's AUC moves with its seed by ~0.002 on these sets; the fixture averages scikit-learn's seeds
        // 0..4, ours 0 and 1 (each of our seeds 0..4 was within 0.002 of that mean when the defaults were chosen). With the refit, the saved forest is the one fitted on every row, which is what
        // `--valid-fraction 0` trains directly (train-defaults.test.ts checks they are the same): half the work.
        const aucs = [];
        for (const seed of [0, 1]) aucs.push(await testAuc(train, test, ds, 'rf', { seed, validFraction: 0 }));
        expect(aucs.reduce((a, b) => a + b, 0) / aucs.length).toBeGreaterThanOrEqual(ds.roc_auc.random_forest - 0.003);
      });

      it('logreg >= LogisticRegression - 0.002', async () => {
        expect(await testAuc(train, test, ds, 'logreg')).toBeGreaterThanOrEqual(ds.roc_auc.logistic_regression - 0.002);
      });
    });
  }
});

/**
 * What `trainModel` promises around its defaults: the refit on every row after validation (gbdt with the rounds
 * early stopping kept), the card naming every hyperparameter in use and what each importance measures, one error
 * for a training split with a single class whatever the learner, and parameter errors in the user's spelling.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../../core/errors.js';
import { categoricalColumn, createTable, numericColumn } from '../../data/table/index.js';
import { readTable } from '../../data/read-table.js';
import { defaultParams } from './defaults.js';
import type { ParamValue } from './params.js';
import { trainModel } from './train-model.js';

const root = join(import.meta.dirname, '../../..');
const algos = ['gbdt', 'rf', 'logreg'] as const;

describe('train defaults, refit and card', async () => {
  const cancer = await readTable(join(root, 'examples/data/breast_cancer_wisconsin.csv'));
  const churn = await readTable(join(root, 'examples/data/telco_churn.csv'));

  it('the card records every hyperparameter in use (defaults and the user’s), the seed and the split', async () => {
    for (const algo of algos) {
      const given: Record<string, ParamValue> = algo === 'gbdt' ? { learning_rate: 0.2 } : algo === 'rf' ? { n_estimators: 20, n_threads: 1 } : { C: 0.5 };
      const { model, rounds } = await trainModel(cancer, { label: 'target', algo, params: given, seed: 3 });
      const params = model.card.parameters;
      expect(params).toMatchObject({ ...defaultParams(algo, 'classification'), ...given, algo, seed: 3, valid_fraction: 0.2, refit: true });
      if (algo === 'gbdt') {
        expect(params['n_estimators_used']).toBe(rounds);
        const est = model.estimator;
        expect(est.type === 'gbdt' && est.ensemble.trees.length).toBe(rounds);
      }
      // Regression-only settings are not "in use" for a classifier.
      expect(params).not.toHaveProperty('loss');
      expect(params).not.toHaveProperty('alpha');
    }
  });

  it('the saved model is refit on every row: rf and logreg equal a --valid-fraction 0 fit, with validation metrics kept', async () => {
    for (const algo of ['rf', 'logreg'] as const) {
      const params: Record<string, ParamValue> = algo === 'rf' ? { n_estimators: 15, n_threads: 1 } : {};
      const a = await trainModel(cancer, { label: 'target', algo, params, seed: 5 });
      const b = await trainModel(cancer, { label: 'target', algo, params, seed: 5, validFraction: 0 });
      expect(a.validation).not.toBeNull();
      expect(a.modelRows).toBe(569);
      expect(a.trainRows + a.validRows).toBe(569);
      expect(a.model.card.training_rows).toBe(569);
      const pa = (await a.model.predict(cancer)).probabilities!;
      const pb = (await b.model.predict(cancer)).probabilities!;
      expect(Array.from(pa)).toEqual(Array.from(pb));
      const c = await trainModel(cancer, { label: 'target', algo, params, seed: 5, refit: false });
      expect(c.modelRows).toBe(c.trainRows);
      expect(c.model.card.parameters['refit']).toBe(false);
    }
  });

  it('gbdt stops early on a validation split of 500+ rows and refits with the rounds it kept', async () => {
    const early = await trainModel(churn, { label: 'churn', algo: 'gbdt' });
    expect(early.rounds).toBeGreaterThan(0);
    expect(early.rounds).toBeLessThan(100);
    expect(early.modelRows).toBe(7043);
    // Too few validation rows (114 here) for 'auto': all rounds, as scikit-learn does on small data.
    expect((await trainModel(cancer, { label: 'target', algo: 'gbdt' })).rounds).toBe(100);
    expect((await trainModel(cancer, { label: 'target', algo: 'gbdt', params: { early_stopping: 'on' } })).rounds).toBeLessThanOrEqual(100);
    expect((await trainModel(churn, { label: 'churn', algo: 'gbdt', params: { early_stopping: 'off', n_estimators: 30 } })).rounds).toBe(30);
    // No validation split, nothing to stop on: no rows are held out behind the user's back either.
    const all = await trainModel(churn, { label: 'churn', algo: 'gbdt', validFraction: 0, params: { n_estimators: 30 } });
    expect(all.rounds).toBe(30);
    expect(all.modelRows).toBe(7043);
  });

  it('importances say what they are: permutation is a drop in score, gain and split are shares summing to 1', async () => {
    const { model } = await trainModel(cancer, { label: 'target', algo: 'gbdt', params: { n_estimators: 20 } });
    const defs = model.card.feature_importance_definitions!;
    expect(Object.keys(defs).sort()).toEqual(Object.keys(model.card.feature_importances).sort());
    expect(defs['permutation']).toMatch(/drop in validation ROC AUC .*not a share/);
    for (const kind of ['gain', 'split']) {
      expect(defs[kind]).toMatch(/sum to 1/);
      const total = Object.values(model.card.feature_importances[kind]!).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(1, 9);
    }
    const lin = await trainModel(cancer, { label: 'target', algo: 'logreg' });
    expect(lin.model.card.feature_importance_definitions!['coefficient']).toMatch(/sum to 1/);
  });
});

describe('one error for a training split with a single class, whatever the learner', () => {
  // Ten rows, one of class "b": a 90% validation split leaves one training row, so one class.
  const table = createTable([
    numericColumn('x', [0.5, 3.25, 1.5, 9.75, 2.5, 7.25, 4.5, 8.75, 6.5, 5.25]),
    categoricalColumn('y', ['a', 'a', 'a', 'a', 'b', 'a', 'a', 'a', 'a', 'a']),
  ]);

  for (const algo of algos) {
    it(algo, async () => {
      const e = await trainModel(table, { label: 'y', algo, validFraction: 0.9 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DriftwatchError);
      expect((e as DriftwatchError).code).toBe('SINGLE_CLASS');
      expect((e as DriftwatchError).message).toBe('the training split has only one class ("a"): add rows, or use --valid-fraction 0');
    });
  }
});

describe('parameter errors name the parameter as the user wrote it', () => {
  const table = createTable([
    numericColumn('x', [0.5, 3.25, 1.5, 9.75, 2.5, 7.25, 4.5, 8.75, 6.5, 5.25]),
    numericColumn('z', [1, 0, 1, 0, 1, 1, 0, 0, 1, 0]),
    categoricalColumn('y', ['a', 'b', 'a', 'b', 'b', 'a', 'a', 'b', 'a', 'b']),
  ]);
  const cases: [(typeof algos)[number], Record<string, number | string>, RegExp][] = [
    ['gbdt', { max_depth: -1 }, /^parameter max_depth: expected an integer >= 0, got "-1"$/],
    ['gbdt', { max_leaves: 1 }, /^parameter max_leaves: expected an integer >= 2, or 0 for none/],
    ['gbdt', { subsample: 0 }, /^parameter subsample: expected a number in \(0, 1\]/],
    ['rf', { min_samples_split: 1 }, /^parameter min_samples_split: expected an integer >= 2/],
    // Checked by the forest itself (it needs the column count): still in the user's spelling.
    ['rf', { max_features: 9, n_threads: 1 }, /^parameter max_features: 9 \(expected .* an integer 1\.\.2\)$/],
    ['logreg', { C: 0 }, /^parameter C: expected a number > 0/],
  ];
  for (const [algo, params, message] of cases) {
    it(`${algo} ${JSON.stringify(params)}`, async () => {
      const e = await trainModel(table, { label: 'y', algo, params, validFraction: 0 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DriftwatchError);
      expect((e as DriftwatchError).message).toMatch(message);
      expect((e as DriftwatchError).message).not.toMatch(/maxDepth|maxLeaves|minSamplesSplit|maxFeatures|trainLogisticRegression/);
      expect((e as DriftwatchError).field).toBe(Object.keys(params)[0]);
    });
  }
});

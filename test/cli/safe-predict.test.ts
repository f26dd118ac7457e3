/**
 * Prediction never silently uses the wrong inputs: the model commands as a person runs them on files made
 * elsewhere — a label in front of a positional model's features, an exported ONNX model evaluated on its
 * own, files that are not models, categories the model never saw, a bad value in the data, and a baseline
 * of another task.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/index.js';
import { repoRoot, runCli, tempDir } from './helpers/run-cli.js';

const fixtures = join(repoRoot, 'test/fixtures/models');
const churn = join(repoRoot, 'examples/data/telco_churn.csv');
const cancer = join(repoRoot, 'examples/data/breast_cancer_wisconsin.csv');
const { dir, cleanup } = tempDir('driftwatch-safe-predict-');
afterAll(cleanup);
const at = (name: string) => join(dir, name);

// A native model with named inputs (a categorical among them), and its ONNX export.
beforeAll(async () => {
  const r = await runCli(['train', '--data', churn, '--label', 'churn', '--algo', 'gbdt', '--param', 'n_estimators=20', '--out', at('gbdt.json'), '--onnx', at('gbdt.onnx'), '--quiet']);
  if (r.code !== 0) throw new Error(r.stderr);
});

/** Rewrites a CSV (no quoted fields) with its columns in another order, or with columns added. */
function reshape(from: string, to: string, edit: (cells: string[], row: number) => string[]): void {
  const lines = readFileSync(from, 'utf8').trimEnd().split('\n');
  writeFileSync(to, lines.map((l, i) => edit(l.split(','), i).join(',')).join('\n') + '\n');
}

async function probabilities(file: string): Promise<number[]> {
  const col = (await readTable(file)).column('probability')!;
  if (col.storage !== 'numeric') throw new Error('probability must be numeric');
  return Array.from(col.values);
}

describe('a model that reads its inputs by position', () => {
  beforeAll(() => {
    reshape(cancer, at('label-first.csv'), (c) => [c[c.length - 1]!, ...c.slice(0, -1)]);
    // An id column and the features in reverse order: only --features can map this.
    reshape(cancer, at('shuffled.csv'), (c, i) => [i === 0 ? 'id' : String(i), ...c.slice(0, -1).reverse(), c[c.length - 1]!]);
  });

  it('refuses a file whose columns besides the label are not exactly its inputs, naming the data file', async () => {
    const r = await runCli(['predict', '--model', join(fixtures, 'onnx/rf_tensor.onnx'), '--data', at('label-first.csv'), '--out', at('x.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/label-first\.csv: the ONNX model \(one input "float_input" of 30 features\) reads 30 features by position and records no names, but the data has 31 columns \("target", "mean radius"/);
    expect(r.stderr).toMatch(/name the label column with --label if it is one of them, or give the 30 input columns in the model's order with --features/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('with --label the same file predicts exactly what the file in the model order does, and says which columns it used', async () => {
    const a = await runCli(['predict', '--model', join(fixtures, 'onnx/rf_tensor.onnx'), '--data', cancer, '--label', 'target', '--out', at('plain.csv')]);
    const b = await runCli(['predict', '--model', join(fixtures, 'onnx/rf_tensor.onnx'), '--data', at('label-first.csv'), '--label', 'target', '--out', at('label-first-out.csv')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(b.stdout).toMatch(/^Inputs by position \(30\): mean radius, mean texture, .*, worst fractal dimension; not used: target$/m);
    expect(await probabilities(at('label-first-out.csv'))).toEqual(await probabilities(at('plain.csv')));
  });

  it('--features maps shuffled columns with an id onto the inputs, in predict and in evaluate', async () => {
    const names = readFileSync(cancer, 'utf8').split('\n')[0]!.split(',').slice(0, -1).join(',');
    const refused = await runCli(['predict', '--model', join(fixtures, 'onnx/rf_tensor.onnx'), '--data', at('shuffled.csv'), '--label', 'target', '--out', at('y.csv')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/has 31 columns besides the label "target" \("id", "worst fractal dimension"/);
    const r = await runCli(['predict', '--model', join(fixtures, 'onnx/rf_tensor.onnx'), '--data', at('shuffled.csv'), '--features', names, '--out', at('mapped.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Inputs as mapped by --features \(30\): mean radius, .*; not used: id, target$/m);
    expect(await probabilities(at('mapped.csv'))).toEqual(await probabilities(at('plain.csv')));
    const e = await runCli(['evaluate', '--model', join(fixtures, 'onnx/rf_tensor.onnx'), '--data', at('shuffled.csv'), '--label', 'target', '--features', names, '--json']);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout).accuracy).toBeGreaterThan(0.95);
    const wrongCount = await runCli(['evaluate', '--model', join(fixtures, 'onnx/rf_tensor.onnx'), '--data', at('shuffled.csv'), '--label', 'target', '--features', 'id,mean radius']);
    expect(wrongCount.stderr).toMatch(/--features: the ONNX model .* reads 30 features, but 2 columns were given/);
  });

  it('an XGBoost model with the label first: refused without --label, XGBoost\'s own probabilities with it', async () => {
    const expected = JSON.parse(readFileSync(join(fixtures, 'xgboost/binary.expected.json'), 'utf8')) as { X: (number | null)[][]; probabilities: number[][] };
    const rows = expected.X.map((r, i) => [String(i % 2), ...r.map((v) => (v === null ? '' : String(v)))].join(','));
    writeFileSync(at('xgb.csv'), ['y,x0,x1,x2,x3,x4,x5', ...rows].join('\n') + '\n');
    const model = join(fixtures, 'xgboost/binary.model.json');
    const refused = await runCli(['predict', '--model', model, '--data', at('xgb.csv'), '--out', at('z.csv')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/xgb\.csv: the XGBoost model reads 6 features by position and records no names, but the data has 7 columns \("y", "x0"/);
    const r = await runCli(['predict', '--model', model, '--data', at('xgb.csv'), '--label', 'y', '--out', at('xgb-out.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Inputs by position \(6\): x0, x1, x2, x3, x4, x5; not used: y$/m);
    const got = await probabilities(at('xgb-out.csv'));
    expected.probabilities.forEach((p, i) => expect(Math.abs(got[i]! - p[1]!)).toBeLessThan(1e-6));
  });

  it('a model with named inputs ignores extra columns and passes them through; --features is refused for it', async () => {
    const r = await runCli(['predict', '--model', at('gbdt.json'), '--data', churn, '--out', at('named.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Inputs by name \(19\): female, senior_citizen, .*, total_charges; not used: churn$/m);
    const f = await runCli(['predict', '--model', at('gbdt.json'), '--data', churn, '--features', 'tenure', '--out', at('named.csv')]);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/--features: this model reads its inputs by name \(female, .*\), not by position/);
    expect(f.stdout).toBe('');
  });
});

describe('the ONNX export carries the label, classes and positive class', () => {
  it('evaluate on the exported file needs no --label and agrees with the native model', async () => {
    const native = await runCli(['evaluate', '--model', at('gbdt.json'), '--data', churn, '--json']);
    const onnx = await runCli(['evaluate', '--model', at('gbdt.onnx'), '--data', churn, '--json']);
    expect(onnx.stderr).not.toMatch(/driftwatch:/);
    expect(onnx.code).toBe(0);
    const [a, b] = [JSON.parse(native.stdout), JSON.parse(onnx.stdout)];
    expect(b.positive_class).toBe('Yes');
    expect(b.classes).toEqual(a.classes);
    expect(Math.abs(b.roc_auc - a.roc_auc)).toBeLessThan(1e-6);
    expect(b.confusion_matrix).toEqual(a.confusion_matrix);
  });
});

describe('what the data holds', () => {
  it('categories never seen in training: a warning with counts per column, without --verbose', async () => {
    reshape(churn, at('new-categories.csv'), (c, i) => (i === 1 ? c.map((v) => (v === 'Month-to-month' ? 'Weekly' : v)) : i === 2 || i === 3 ? c.map((v) => (v === 'Mailed check' ? 'Crypto' : v)) : c));
    for (const model of ['gbdt.json', 'gbdt.onnx']) {
      const r = await runCli(['predict', '--model', at(model), '--data', at('new-categories.csv'), '--out', at('w.csv')]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^warning: .*new-categories\.csv has categories the model never saw in training, predicted like a missing value \(docs\/models\.md\): contract: 1 row \("Weekly"\); payment_method: 2 rows \("Crypto"\)$/m);
    }
    const clean = await runCli(['predict', '--model', at('gbdt.json'), '--data', churn, '--out', at('w.csv')]);
    expect(clean.stderr).toBe('');
  });

  it('a value that is not a number: the data file and its line, not the model file', async () => {
    reshape(churn, at('bad-value.csv'), (c, i) => (i === 3 ? c.map((v, j) => (j === 18 ? 'abc' : v)) : c));
    for (const model of ['gbdt.json', 'gbdt.onnx']) {
      const r = await runCli(['predict', '--model', at(model), '--data', at('bad-value.csv'), '--out', at('v.csv')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^driftwatch: .*bad-value\.csv:4: column "monthly_charges" must be numeric for this model, but holds "abc"$/m);
      expect(r.stderr).not.toMatch(/gbdt\./);
    }
  });

  it('evaluate --baseline with a model of another task: a clear error', async () => {
    await runCli(['train', '--data', churn, '--label', 'monthly_charges', '--drop', 'churn', '--algo', 'logreg', '--out', at('ridge.json'), '--quiet']);
    const r = await runCli(['evaluate', '--model', at('gbdt.json'), '--baseline', at('ridge.json'), '--data', churn]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--baseline: .*ridge\.json is a regression model and .*gbdt\.json a binary model; compare models of the same task/);
    expect(r.stdout).not.toMatch(/—/);
  });

  it('files that are not models, and a damaged XGBoost model, as --model', async () => {
    writeFileSync(at('array.json'), '[1, 2]');
    writeFileSync(at('null.json'), 'null');
    const xgb = JSON.parse(readFileSync(join(fixtures, 'xgboost/binary.model.json'), 'utf8'));
    xgb.learner.gradient_booster.model.trees[3].split_indices[0] = 99;
    writeFileSync(at('f99.json'), JSON.stringify(xgb));
    const cases: [string, RegExp][] = [
      [at('array.json'), /array\.json: a JSON array of 2 items, not a model\. A model file is Driftwatch JSON/],
      [at('null.json'), /null\.json: JSON null, not a model\./],
      [churn, /telco_churn\.csv: a text file that looks like CSV data \(first line: "churn,female,/],
      [at('f99.json'), /f99\.json: XGBoost model field trees\[3\]\.split_indices: node 0 splits on feature 99, but the model has 6 features/],
    ];
    for (const [model, message] of cases) {
      const r = await runCli(['predict', '--model', model, '--data', churn, '--out', at('n.csv')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/ONNX model \(/);
    }
  });
});

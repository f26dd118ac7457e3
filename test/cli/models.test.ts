/**
 * The model commands as a person uses them: train each learner on the churn CSV, evaluate, export to ONNX
 * and get the same predictions back, import an XGBoost JSON and an ONNX model made elsewhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/index.js';
import { repoRoot, runCli, tempDir } from './helpers/run-cli.js';

const churn = join(repoRoot, 'examples/data/telco_churn.csv');
const { dir, cleanup } = tempDir('driftwatch-models-cli-');
afterAll(cleanup);

describe('driftwatch train / evaluate / predict', () => {
  it('trains gbdt on churn, writes JSON and ONNX, and prints validation metrics', async () => {
    const r = await runCli(['train', '--data', churn, '--label', 'churn', '--algo', 'gbdt', '--param', 'n_estimators=40', '--param', 'max_depth=4', '--param', 'learning_rate=0.1', '--out', join(dir, 'gbdt.json'), '--onnx', join(dir, 'gbdt.onnx')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Trained gradient-boosted trees on 7043 rows of .* with \d+ boosting rounds/);
    expect(r.stdout).toMatch(/Validation \(1409 rows held out, seed 0; model fitted on the other 5634; the saved model is then refit on all 7043 rows\)/);
    expect(r.stdout).toMatch(/Permutation importance \(drop in validation ROC AUC when the column is shuffled; not a share\): contract /);
    expect(r.stdout).toMatch(/Gain importance \(share of the total split gain; sums to 1\): /);
    expect(r.stdout).toMatch(/roc_auc\s+0\.8\d+/);
    expect(r.stdout).toMatch(/Model written to .*gbdt\.json; ONNX written to .*gbdt\.onnx/);
  });

  it('evaluate --json prints one object with snake_case metrics', async () => {
    const r = await runCli(['evaluate', '--model', join(dir, 'gbdt.json'), '--data', churn, '--json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of ['accuracy', 'balanced_accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'pr_auc', 'log_loss', 'brier', 'confusion_matrix']) expect(m).toHaveProperty(k);
    expect(m['roc_auc'] as number).toBeGreaterThan(0.8);
    expect(m['positive_class']).toBe('Yes');
  });

  it('evaluate --baseline compares two models on the same rows', async () => {
    await runCli(['train', '--data', churn, '--label', 'churn', '--algo', 'logreg', '--out', join(dir, 'logreg.json'), '--quiet']);
    const r = await runCli(['evaluate', '--model', join(dir, 'gbdt.json'), '--baseline', join(dir, 'logreg.json'), '--data', churn]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/metric\s+model\s+baseline\s+change/);
    const j = JSON.parse((await runCli(['evaluate', '--model', join(dir, 'gbdt.json'), '--baseline', join(dir, 'logreg.json'), '--data', churn, '--json'])).stdout);
    expect(Object.keys(j)).toEqual(['model', 'baseline', 'change']);
  });

  it('predict adds prediction and probability; the ONNX export predicts the same', async () => {
    const a = await runCli(['predict', '--model', join(dir, 'gbdt.json'), '--data', churn, '--out', join(dir, 'native.csv')]);
    expect(a.code).toBe(0);
    const b = await runCli(['predict', '--model', join(dir, 'gbdt.onnx'), '--data', churn, '--out', join(dir, 'onnx.csv')]);
    expect(b.code).toBe(0);
    const x = await readTable(join(dir, 'native.csv'));
    const y = await readTable(join(dir, 'onnx.csv'));
    expect(x.names.slice(-2)).toEqual(['prediction', 'probability']);
    expect(x.rowCount).toBe(7043);
    const p = x.column('probability')!;
    const q = y.column('probability')!;
    if (p.storage !== 'numeric' || q.storage !== 'numeric') throw new Error('probability must be numeric');
    let worst = 0;
    for (let i = 0; i < p.values.length; i++) worst = Math.max(worst, Math.abs(p.values[i]! - q.values[i]!));
    expect(worst).toBeLessThan(1e-6);
  });

  it('imports an XGBoost JSON model and an ONNX model made by scikit-learn', async () => {
    const fixtures = join(repoRoot, 'test/fixtures/models');
    const xgbExpected = JSON.parse(readFileSync(join(fixtures, 'xgboost/binary.expected.json'), 'utf8')) as { X: (number | null)[][]; probabilities: number[][] };
    const csv = ['x0,x1,x2,x3,x4,x5', ...xgbExpected.X.map((r) => r.map((v) => (v === null ? '' : String(v))).join(','))].join('\n') + '\n';
    const dataPath = join(dir, 'xgb-input.csv');
    (await import('node:fs')).writeFileSync(dataPath, csv);
    const r = await runCli(['predict', '--model', join(fixtures, 'xgboost/binary.model.json'), '--data', dataPath, '--out', join(dir, 'xgb-out.csv')]);
    expect(r.stderr).toBe('');
    const t = await readTable(join(dir, 'xgb-out.csv'));
    const col = t.column('probability')!;
    if (col.storage !== 'numeric') throw new Error('numeric expected');
    xgbExpected.probabilities.forEach((p, i) => expect(Math.abs(col.values[i]! - p[1]!)).toBeLessThan(1e-6));

    const bc = join(repoRoot, 'examples/data/breast_cancer_wisconsin.csv');
    const e = await runCli(['evaluate', '--model', join(fixtures, 'onnx/rf_zipmap.onnx'), '--data', bc, '--label', 'target', '--json']);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout).accuracy).toBeGreaterThan(0.95);
  });

  it('bad input: one line, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['train', '--data', churn, '--label', 'nope', '--out', join(dir, 'x.json')], /label column "nope" is not in the data/],
      [['train', '--data', churn, '--label', 'churn', '--algo', 'svm', '--out', join(dir, 'x.json')], /--algo/],
      [['train', '--data', churn, '--label', 'churn', '--param', 'max_depht=3', '--out', join(dir, 'x.json')], /unknown parameter "max_depht"/],
      [['evaluate', '--model', join(dir, 'missing.json'), '--data', churn], /model file not found/],
      [['predict', '--model', join(dir, 'gbdt.json'), '--data', join(repoRoot, 'examples/data/breast_cancer_wisconsin.csv'), '--out', join(dir, 'y.csv')], /needs columns/],
      // A file where the output's folder should be, or a folder where the output should be: bad input, not a bug.
      [['train', '--data', churn, '--label', 'churn', '--algo', 'logreg', '--valid-fraction', '0', '--out', join(churn, 'x.json')], /telco_churn\.csv cannot be created as a folder \(a file is in the way\)/],
      [['predict', '--model', join(dir, 'gbdt.json'), '--data', churn, '--out', dir], /--out: .* is a folder; give the name of the CSV file to write/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});

/**
 * Model-aware drift analysis on the bundled churn data: a model trained by our trainer on one part, the
 * reference another part, the current the rest — as it is, or with drift injected by simulateDrift.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { isDriftwatchError } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';
import { createTable, readTable, selectRows, simulateDrift, type Table } from '../../src/data/index.js';
import { analyzeDrift } from '../../src/drift/index.js';
import { nativeModelToOnnx, trainModel, type NativeModel } from '../../src/models/index.js';
import { analyzeModelDrift, fileIn, type AnalyzeModelDriftOptions } from '../../src/workflows/index.js';

const churnPath = resolve(import.meta.dirname, '../../examples/data/telco_churn.csv');
const scratch = mkdtempSync(join(tmpdir(), 'driftwatch-analyze-model-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const clock = manualClock('2026-12-01T00:00:00Z');
let train: Table;
let reference: Table;
let current: Table;
let drifted: Table;
let classifier: NativeModel;

const rows = (t: Table, from: number, to: number): Table => selectRows(t, Int32Array.from({ length: to - from }, (_, i) => from + i));

beforeAll(async () => {
  const churn = await readTable(churnPath);
  train = rows(churn, 0, 3000);
  reference = rows(churn, 3000, 5000);
  current = rows(churn, 5000, churn.rowCount);
  // Long-standing customers churn less: the model now expects far fewer churners than there are.
  drifted = simulateDrift(current, [{ kind: 'shift', column: 'tenure', amount: 30, source: '--shift tenure=+30' }], createRng(7));
  classifier = (await trainModel(train, { label: 'churn', algo: 'gbdt', seed: 0, clock })).model;
}, 120_000);

function run(cur: Table, extra: Partial<AnalyzeModelDriftOptions> = {}) {
  return analyzeModelDrift({
    reference: { table: reference, display: 'reference rows' },
    current: { table: cur, display: 'current rows' },
    model: { loaded: { model: classifier, format: 'native' }, display: 'churn model' },
    analyze: { target: 'churn', clock },
    workers: 1,
    ...extra,
  });
}

describe('analyzeModelDrift on churn', () => {
  it('injected drift shifts the predictions and lowers F1 by more than 0.05: a performance alert', async () => {
    const { report, performanceAlert } = await run(drifted);
    const m = report.model!;
    expect(m.model).toEqual({ path: 'churn model', format: 'native', algorithm: classifier.card.algorithm, task: 'binary', classes: ['No', 'Yes'] });
    // The predicted class distribution moved, judged by the drift engine's own method for a binary column.
    expect(m.prediction_drift.name).toBe('predicted_class');
    expect(m.prediction_drift.role).toBe('prediction');
    expect(m.prediction_drift.drifted).toBe(true);
    const share = (s: typeof m.prediction_drift.summary.reference, v: string) => (s.type === 'categorical' ? s.top.find((t) => t.value === v)?.share ?? 0 : NaN);
    expect(share(m.prediction_drift.summary.current, 'Yes')).toBeLessThan(share(m.prediction_drift.summary.reference, 'Yes'));
    // Performance: F1 (the default metric) dropped past the default 0.05.
    const p = m.performance!;
    expect(p.metric).toBe('f1');
    expect(p.max_drop).toBe(0.05);
    expect(p.reference.n_samples).toBe(2000);
    expect(p.current.n_samples).toBe(drifted.rowCount);
    expect(p.drop).toBeCloseTo(p.reference.metrics.f1! - p.current.metrics.f1!, 12);
    expect(p.drop!).toBeGreaterThan(0.05);
    expect(p.change.f1).toBeCloseTo(-p.drop!, 12);
    expect(Object.keys(p.reference.metrics)).toEqual(['accuracy', 'balanced_accuracy', 'f1', 'roc_auc']);
    expect(p.alert).toBe(true);
    expect(m.performance_alert).toBe(true);
    expect(performanceAlert).toBe(true);
  });

  it('without drift there is no alert, and the data part of the report is the plain analysis', async () => {
    const { report, performanceAlert } = await run(current);
    const p = report.model!.performance!;
    expect(p.drop!).toBeLessThanOrEqual(0.05);
    expect(p.alert).toBe(false);
    expect(performanceAlert).toBe(false);
    const { model: _model, ...data } = report;
    expect(data).toEqual(analyzeDrift(reference, current, { target: 'churn', clock }));
  });

  it('confidence: top-class probabilities, their mean and low-confidence share on both sides, and their drift', async () => {
    const { report } = await run(drifted, { lowConfidence: 0.7 });
    const c = report.model!.confidence!;
    expect(c.low_confidence_threshold).toBe(0.7);
    expect(c.reference.rows).toBe(2000);
    // Check the figures against the model's own probabilities.
    const pred = await classifier.predict(reference);
    const top = Array.from({ length: reference.rowCount }, (_, i) => Math.max(pred.probabilities![2 * i]!, pred.probabilities![2 * i + 1]!));
    expect(c.reference.mean).toBeCloseTo(top.reduce((s, x) => s + x, 0) / top.length, 12);
    expect(c.reference.low_confidence_share).toBeCloseTo(top.filter((x) => x < 0.7).length / top.length, 12);
    expect(Math.min(...top)).toBeGreaterThanOrEqual(0.5);
    expect(c.mean_change).toBeCloseTo(c.current.mean - c.reference.mean, 12);
    expect(c.drift.name).toBe('confidence');
    expect(c.drift.histogram.type).toBe('numeric');
  });

  it('watches the metric and drop it is given; a metric of the other task is refused naming the setting', async () => {
    const lenient = await run(drifted, { performance: { metric: 'f1', maxDrop: 0.9 } });
    expect(lenient.performanceAlert).toBe(false);
    const auc = await run(drifted, { performance: { metric: 'roc_auc' } });
    expect(auc.report.model!.performance!.metric).toBe('roc_auc');
    await expect(run(drifted, { performance: { metric: 'rmse' } })).rejects.toSatisfy(
      (e) => isDriftwatchError(e) && e.code === 'USAGE' && e.field === 'performance.metric' && /rmse.*classification/.test(e.message),
    );
  });

  it('without the label in current: no performance, a note saying why, no alert', async () => {
    const table = createTable(drifted.columns.filter((c) => c.name !== 'churn'));
    const { report, performanceAlert } = await analyzeModelDrift({
      reference: { table: reference, display: 'reference rows' },
      current: { table, display: 'current rows' },
      model: { loaded: { model: classifier, format: 'native' }, display: 'churn model' },
      analyze: { clock },
      workers: 1,
    });
    expect(report.model!.performance).toBeNull();
    expect(report.model!.notes.join(' ')).toMatch(/label column "churn" is not in current rows/);
    expect(report.model!.prediction_drift.drifted).toBe(true);
    expect(performanceAlert).toBe(false);
  });

  it('an ONNX export of the model gives the same section as the native model', async () => {
    const onnxPath = join(scratch, 'churn.onnx');
    writeFileSync(onnxPath, nativeModelToOnnx(classifier));
    const native = await run(drifted);
    // The export records its input names: no feature mapping is needed, and one is refused as predict refuses it.
    await expect(run(drifted, { model: fileIn(onnxPath, scratch), featureNames: train.names.filter((n) => n !== 'churn'), label: 'churn' })).rejects.toThrow(
      /^featureNames: this model reads its inputs by name \(/,
    );
    const onnx = await run(drifted, { model: fileIn(onnxPath, scratch), label: 'churn' });
    const m = onnx.report.model!;
    expect(m.model.format).toBe('onnx');
    expect(m.model.path).toBe('churn.onnx');
    expect(m.prediction_drift.summary).toEqual(native.report.model!.prediction_drift.summary);
    // ONNX Runtime computes in float32: the metrics agree to about 1e-6, the alert exactly.
    expect(m.performance!.current.metrics.f1).toBeCloseTo(native.report.model!.performance!.current.metrics.f1!, 4);
    expect(m.performance!.alert).toBe(true);
    expect(onnx.performanceAlert).toBe(true);
  });
});

describe('analyzeModelDrift with a regression model', () => {
  it('judges the predicted values, has no confidence, scores MAE, RMSE and R² and alerts on R²', async () => {
    const features = ['tenure', 'contract', 'internet_service', 'phone_service', 'multiple_lines', 'streaming_tv', 'streaming_movies', 'total_charges', 'monthly_charges'];
    const regressor = (await trainModel(train, { label: 'monthly_charges', algo: 'gbdt', seed: 0, clock, drop: train.names.filter((n) => !features.includes(n)) })).model;
    expect(regressor.signature.task).toBe('regression');
    // Services vanish from current but the bills stay: the model now underestimates every bill.
    const shifted = simulateDrift(current, [{ kind: 'shift', column: 'total_charges', amount: -1500, source: '--shift total_charges=-1500' }], createRng(3));
    const runWith = (cur: Table) =>
      analyzeModelDrift({
        reference: { table: reference, display: 'reference rows' },
        current: { table: cur, display: 'current rows' },
        model: { loaded: { model: regressor, format: 'native' }, display: 'bill model' },
        analyze: { clock },
        workers: 1,
      });
    const steady = await runWith(current);
    const m = steady.report.model!;
    expect(m.model.task).toBe('regression');
    expect(m.model.classes).toBeNull();
    expect(m.prediction_drift.name).toBe('predicted_value');
    expect(m.prediction_drift.kind).toBe('numeric');
    expect(m.confidence).toBeNull();
    expect(Object.keys(m.performance!.reference.metrics)).toEqual(['mae', 'rmse', 'r2']);
    expect(m.performance!.metric).toBe('r2');
    expect(m.performance!.label).toBe('monthly_charges');
    expect(m.performance!.alert).toBe(false);
    const moved = await runWith(shifted);
    const p = moved.report.model!.performance!;
    expect(moved.report.model!.prediction_drift.drifted).toBe(true);
    expect(p.drop).toBeCloseTo(p.reference.metrics.r2! - p.current.metrics.r2!, 12);
    expect(p.alert).toBe(true);
    // An error metric's drop is its rise.
    const byMae = await analyzeModelDrift({
      reference: { table: reference, display: 'reference rows' },
      current: { table: shifted, display: 'current rows' },
      model: { loaded: { model: regressor, format: 'native' }, display: 'bill model' },
      analyze: { clock },
      performance: { metric: 'mae', maxDrop: 1 },
      workers: 1,
    });
    const q = byMae.report.model!.performance!;
    expect(q.drop).toBeCloseTo(q.current.metrics.mae! - q.reference.metrics.mae!, 12);
    expect(q.drop!).toBeGreaterThan(1);
    expect(q.alert).toBe(true);
  }, 120_000);
});

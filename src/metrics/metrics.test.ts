import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  argmaxRows,
  averagePrecision,
  averagePrecisionOvr,
  balancedAccuracy,
  brierScore,
  calibrationCurve,
  classificationReport,
  confusionMatrix,
  evaluateClassifier,
  evaluateRegressor,
  expectedCalibrationError,
  logLoss,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  precisionRecallF1,
  r2Score,
  rocAuc,
  rocAucOvr,
  rocCurve,
  rootMeanSquaredError,
} from './index.js';

const dir = join(import.meta.dirname, '../../test/fixtures/metrics');

interface Prf { precision: number; recall: number; f1: number }
interface Row extends Prf { support: number }
interface Report { per_class: Row[]; macro_avg: Row; weighted_avg: Row }
interface ClsCase {
  name: string;
  n_classes: number;
  positive_class?: number;
  y_true: number[];
  proba: number[];
  y_pred: number[];
  expected: {
    accuracy: number;
    balanced_accuracy: number;
    binary?: Prf;
    macro: Prf;
    weighted: Prf;
    roc_auc?: number | null;
    roc_curve?: { fpr: number[]; tpr: number[] };
    roc_auc_macro?: number | null;
    roc_auc_weighted?: number | null;
    roc_auc_macro_present?: number;
    roc_auc_weighted_present?: number;
    average_precision?: number;
    average_precision_macro?: number;
    average_precision_weighted?: number;
    log_loss: number;
    brier?: number;
    confusion_matrix: number[][];
    report: Report;
    calibration?: Record<string, { prob_true: number[]; prob_pred: number[] }>;
    ece: Record<string, number>;
  };
}
interface RegCase { name: string; y_true: number[]; y_pred: number[]; expected: { mae: number; rmse: number; r2: number; mape: number } }

const cls = (JSON.parse(readFileSync(join(dir, 'classification.json'), 'utf8')) as { cases: ClsCase[] }).cases;
const reg = (JSON.parse(readFileSync(join(dir, 'regression.json'), 'utf8')) as { cases: RegCase[] }).cases;

/** Within 1e-9, relative for large values and absolute near 0. */
function close(actual: number, expected: number, what: string): void {
  const tol = 1e-9 * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol)) throw new Error(`${what}: got ${actual}, sklearn ${expected}`);
}
function closeAll(actual: ArrayLike<number>, expected: number[], what: string): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) close(actual[i]!, expected[i]!, `${what}[${i}]`);
}
function closePrf(actual: Prf, expected: Prf, what: string): void {
  close(actual.precision, expected.precision, `${what} precision`);
  close(actual.recall, expected.recall, `${what} recall`);
  close(actual.f1, expected.f1, `${what} f1`);
}
function closeReport(actual: Report, expected: Report, what: string): void {
  actual.per_class.forEach((row, k) => {
    closePrf(row, expected.per_class[k]!, `${what} class ${k}`);
    expect(row.support).toBe(expected.per_class[k]!.support);
  });
  closePrf(actual.macro_avg, expected.macro_avg, `${what} macro`);
  closePrf(actual.weighted_avg, expected.weighted_avg, `${what} weighted`);
  expect(actual.macro_avg.support).toBe(expected.macro_avg.support);
}

describe('classification metrics match scikit-learn 1.2 to 1e-9', () => {
  for (const c of cls) {
    it(c.name, () => {
      const y = Int32Array.from(c.y_true);
      const yp = Int32Array.from(c.y_pred);
      const p = Float64Array.from(c.proba);
      const k = c.n_classes;
      const e = c.expected;
      close(accuracy(y, yp), e.accuracy, 'accuracy');
      close(balancedAccuracy(y, yp, k), e.balanced_accuracy, 'balanced_accuracy');
      closePrf(precisionRecallF1(y, yp, k, { average: 'macro' }), e.macro, 'macro');
      closePrf(precisionRecallF1(y, yp, k, { average: 'weighted' }), e.weighted, 'weighted');
      expect(confusionMatrix(y, yp, k)).toEqual(e.confusion_matrix);
      closeReport(classificationReport(y, yp, k), e.report, 'report');
      close(logLoss(y, p, k, { positiveClass: c.positive_class ?? 1 }), e.log_loss, 'log_loss');
      if (k === 2) {
        const pos = c.positive_class!;
        closePrf(precisionRecallF1(y, yp, 2, { average: 'binary', positiveClass: pos }), e.binary!, 'binary');
        if (e.roc_auc === null) expect(rocAuc(y, p, pos)).toBeNaN();
        else close(rocAuc(y, p, pos), e.roc_auc!, 'roc_auc');
        if (e.roc_curve) {
          const curve = rocCurve(y, p, pos);
          closeAll(curve.fpr, e.roc_curve.fpr, 'fpr');
          closeAll(curve.tpr, e.roc_curve.tpr, 'tpr');
        }
        close(averagePrecision(y, p, pos), e.average_precision!, 'average_precision');
        close(brierScore(y, p, pos), e.brier!, 'brier');
        for (const [key, curve] of Object.entries(e.calibration!)) {
          const [strategy, bins] = key.split('_') as ['uniform' | 'quantile', string];
          const got = calibrationCurve(y, p, { nBins: Number(bins), strategy, positiveClass: pos });
          closeAll(got.prob_true, curve.prob_true, `${key} prob_true`);
          closeAll(got.prob_pred, curve.prob_pred, `${key} prob_pred`);
        }
      } else {
        // Where sklearn's ovr AUC is defined it equals the average over classes present, which is what
        // Driftwatch returns when a class is absent from y_true (sklearn raises there).
        close(rocAucOvr(y, p, k, 'macro'), e.roc_auc_macro ?? e.roc_auc_macro_present!, 'roc_auc macro');
        close(rocAucOvr(y, p, k, 'weighted'), e.roc_auc_weighted ?? e.roc_auc_weighted_present!, 'roc_auc weighted');
        close(rocAucOvr(y, p, k, 'macro'), e.roc_auc_macro_present!, 'roc_auc macro over present classes');
        close(averagePrecisionOvr(y, p, k, 'macro'), e.average_precision_macro!, 'ap macro');
        close(averagePrecisionOvr(y, p, k, 'weighted'), e.average_precision_weighted!, 'ap weighted');
      }
      for (const [bins, value] of Object.entries(e.ece)) {
        close(expectedCalibrationError(y, p, k, { nBins: Number(bins), positiveClass: c.positive_class ?? 1 }), value, `ece ${bins}`);
      }
    });
  }
});

describe('evaluateClassifier', () => {
  for (const c of cls) {
    it(`${c.name}: one object with the sklearn values`, () => {
      const k = c.n_classes;
      const classes = Array.from({ length: k }, (_, i) => `c${i}`);
      const ev = evaluateClassifier(Int32Array.from(c.y_true), Float64Array.from(c.proba), { classes, positiveClass: c.positive_class });
      const e = c.expected;
      close(ev.accuracy, e.accuracy, 'accuracy');
      close(ev.balanced_accuracy, e.balanced_accuracy, 'balanced_accuracy');
      closePrf(ev, k === 2 ? e.binary! : e.macro, 'prf');
      if (k === 2) {
        if (e.roc_auc === null) expect(ev.roc_auc).toBeNull();
        else close(ev.roc_auc!, e.roc_auc!, 'roc_auc');
        close(ev.pr_auc!, e.average_precision!, 'pr_auc');
        close(ev.brier!, e.brier!, 'brier');
        expect(ev.positive_class).toBe(classes[c.positive_class!]);
      } else {
        close(ev.roc_auc!, e.roc_auc_macro ?? e.roc_auc_macro_present!, 'roc_auc');
        close(ev.pr_auc!, e.average_precision_macro!, 'pr_auc');
        expect(ev.brier).toBeNull();
      }
      close(ev.log_loss, e.log_loss, 'log_loss');
      close(ev.ece, e.ece['10']!, 'ece');
      expect(ev.confusion_matrix).toEqual(e.confusion_matrix);
      closeReport({ per_class: classes.map((l) => ev.per_class[l]!), macro_avg: ev.macro_avg, weighted_avg: ev.weighted_avg }, e.report, 'report');
      expect(JSON.parse(JSON.stringify(ev))).toEqual(ev);
    });
  }

  it('keeps the documented snake_case keys (the evaluate --json contract)', () => {
    const c = cls[0]!;
    const ev = evaluateClassifier(Int32Array.from(c.y_true), Float64Array.from(c.proba), { classes: ['0', '1'] });
    expect(Object.keys(ev)).toEqual([
      'task', 'positive_class', 'average', 'n_samples', 'accuracy', 'balanced_accuracy', 'precision', 'recall', 'f1',
      'roc_auc', 'pr_auc', 'log_loss', 'brier', 'ece', 'confusion_matrix', 'classes', 'per_class', 'macro_avg', 'weighted_avg',
    ]);
    expect(Object.keys(ev.per_class['1']!)).toEqual(['precision', 'recall', 'f1', 'support']);
  });

  it('accepts n x 2 probabilities and a positive class given by label', () => {
    const c = cls.find((x) => x.name === 'binary_positive_class_0')!;
    const p = Float64Array.from(c.proba);
    const both = new Float64Array(2 * p.length);
    p.forEach((v, i) => {
      both[2 * i] = v;
      both[2 * i + 1] = 1 - v;
    });
    const ev = evaluateClassifier(Int32Array.from(c.y_true), both, { classes: ['no', 'yes'], positiveClass: 'no' });
    close(ev.roc_auc!, c.expected.roc_auc!, 'roc_auc');
    expect(ev.positive_class).toBe('no');
  });

  it('rejects a positive class that is not one of the classes, and mismatched lengths', () => {
    const y = Int32Array.from([0, 1]);
    expect(() => evaluateClassifier(y, Float64Array.from([0.2, 0.8]), { classes: ['a', 'b'], positiveClass: 'c' })).toThrow(/not one of the two classes/);
    expect(() => evaluateClassifier(y, Float64Array.from([0.2, 0.8, 0.1]), { classes: ['a', 'b'] })).toThrow(/probabilities/);
    expect(() => evaluateClassifier(y, Float64Array.from([0.2, 1.8]), { classes: ['a', 'b'] })).toThrow(/not a probability/);
  });
});

describe('regression metrics match scikit-learn 1.2 to 1e-9', () => {
  for (const c of reg) {
    it(c.name, () => {
      const y = Float64Array.from(c.y_true);
      const p = Float64Array.from(c.y_pred);
      close(meanAbsoluteError(y, p), c.expected.mae, 'mae');
      close(rootMeanSquaredError(y, p), c.expected.rmse, 'rmse');
      close(r2Score(y, p), c.expected.r2, 'r2');
      close(meanAbsolutePercentageError(y, p), c.expected.mape, 'mape');
      const ev = evaluateRegressor(y, p);
      close(ev.r2, c.expected.r2, 'evaluate r2');
      expect(Object.keys(ev)).toEqual(['n_samples', 'mae', 'rmse', 'r2', 'mape']);
    });
  }
});

describe('argmaxRows', () => {
  it('picks the largest value of each row, the first on ties (numpy argmax)', () => {
    expect(Array.from(argmaxRows(Float64Array.from([0.2, 0.5, 0.3, 0.4, 0.4, 0.2, 0.1, 0.1, 0.8]), 3, 3))).toEqual([1, 0, 2]);
  });
});

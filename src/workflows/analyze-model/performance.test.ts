/** The model section's per-class report, against hand-computed precision, recall, F1 and support (sklearn semantics). */
import { describe, expect, it } from 'vitest';
import { categoricalColumn } from '../../data/index.js';
import type { Model, PredictionResult } from '../../models/index.js';
import { perClassPerformance, scoreSide } from './performance.js';

const stub = (task: 'binary' | 'multiclass', classes: string[], positiveClass: string | null): Model =>
  ({ signature: { task, inputs: [], classes, positiveClass, label: 'y' } }) as unknown as Model;

/** n x K probabilities putting 0.7 on each row's predicted class. */
function predicting(classes: string[], predicted: string[]): PredictionResult {
  const k = classes.length;
  const p = new Float64Array(predicted.length * k).fill(0.3 / (k - 1));
  predicted.forEach((c, i) => (p[i * k + classes.indexOf(c)] = 0.7));
  return { labels: predicted, probabilities: p, values: null };
}

describe('per-class report of the model section', () => {
  it('multiclass: each class in model order, 0/0 as 0, absent classes with support 0, unlabelled rows skipped', () => {
    const classes = ['a', 'b', 'c', 'd'];
    const label = categoricalColumn('y', ['a', 'a', 'a', 'b', 'b', 'c', 'c', null]);
    const pred = predicting(classes, ['a', 'a', 'b', 'b', 'd', 'a', 'b', 'a']);
    const { side, perClass } = scoreSide(stub('multiclass', classes, null), label, pred, 'ref.csv');
    expect(side.n_samples).toBe(7);
    const rows = perClass!;
    expect(rows).toHaveLength(4);
    // a: 2 of the 3 predicted a are a; 2 of the 3 a found.
    expect(rows[0]!.precision).toBeCloseTo(2 / 3, 12);
    expect(rows[0]!.recall).toBeCloseTo(2 / 3, 12);
    expect(rows[0]!.f1).toBeCloseTo(2 / 3, 12);
    expect(rows[0]!.support).toBe(3);
    // b: 1 of 3 predicted, 1 of 2 found: F1 = 2 (1/3)(1/2) / (5/6) = 0.4.
    expect(rows[1]!.precision).toBeCloseTo(1 / 3, 12);
    expect(rows[1]!.recall).toBeCloseTo(0.5, 12);
    expect(rows[1]!.f1).toBeCloseTo(0.4, 12);
    expect(rows[1]!.support).toBe(2);
    // c: never predicted (precision 0/0 -> 0), never found.
    expect(rows[2]).toEqual({ precision: 0, recall: 0, f1: 0, support: 2 });
    // d: predicted once, never true (recall 0/0 -> 0).
    expect(rows[3]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    // The macro mean of the per-class F1 is the section's multiclass F1.
    expect(side.metrics.f1).toBeCloseTo((2 / 3 + 0.4) / 4, 12);
  });

  it('binary: the predicted class is the positive one above 0.5; both classes are reported', () => {
    const classes = ['No', 'Yes'];
    const label = categoricalColumn('y', ['Yes', 'Yes', 'No', 'No', 'No']);
    const pYes = [0.9, 0.5, 0.6, 0.2, 0.1];
    const pred: PredictionResult = { labels: null, probabilities: Float64Array.from(pYes.flatMap((p) => [1 - p, p])), values: null };
    const { side, perClass } = scoreSide(stub('binary', classes, 'Yes'), label, pred, 'cur.csv');
    // Predicted Yes, No, Yes, No, No.
    expect(perClass![0]!.precision).toBeCloseTo(2 / 3, 12);
    expect(perClass![0]!.recall).toBeCloseTo(2 / 3, 12);
    expect(perClass![0]!.support).toBe(3);
    expect(perClass![1]).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(side.metrics.f1).toBe(0.5);
  });

  it('pairs both sides class by class, and is null for regressors', () => {
    const s = { precision: 1, recall: 1, f1: 1, support: 1 };
    const z = { precision: 0, recall: 0, f1: 0, support: 0 };
    expect(perClassPerformance(['x', 'y'], [s, z], [z, s])).toEqual([{ class: 'x', reference: s, current: z }, { class: 'y', reference: z, current: s }]);
    expect(perClassPerformance(null, null, null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { windowsOf, windowsSpanning, windowStart, type LoggedRows } from './window-metrics.js';

const HOUR = 3_600_000;
const rows = (ts: number[], prediction: (string | null)[], label: (string | null)[], probability: number[]): LoggedRows => ({
  rowCount: ts.length,
  tsMs: Float64Array.from(ts),
  prediction,
  label,
  probability: Float64Array.from(probability),
});

describe('windowsOf', () => {
  const now = Date.parse('2026-12-03T10:30:00Z'); // a Thursday

  it('aligns windows to UTC hours, days and Monday weeks, oldest first, ending with the current one', () => {
    expect(new Date(windowStart(now, 'hour')).toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(new Date(windowStart(now, 'day')).toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(new Date(windowStart(now, 'week')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    const w = windowsOf(rows([now - HOUR, now, now + 2 * HOUR], ['a', 'a', 'a'], [null, null, null], [NaN, NaN, NaN]), 'hour', 2, now, { task: 'binary', classes: ['a', 'b'], positiveClass: 'b' });
    expect(w.map((x) => [new Date(x.start).toISOString(), x.rows])).toEqual([['2026-12-03T09:00:00.000Z', 1], ['2026-12-03T10:00:00.000Z', 1]]);
    expect(w[1]!.metrics).toEqual({ accuracy: null, precision: null, recall: null, f1: null, roc_auc: null });
  });

  it('windowsSpanning counts every aligned window from the oldest row to now, so windowsOf keeps the oldest rows', () => {
    const step = 15_000;
    // Logged 14 s before a request made 3 s into a 15-second window: two windows, though the span is under one.
    const at = Math.floor(now / step) * step + 3_000;
    const oldest = at - 14_000;
    expect(windowsSpanning(oldest, at, step)).toBe(2);
    expect(windowsSpanning(at - 2_000, at, step)).toBe(1);
    expect(windowsSpanning(at - 15_000, at, step)).toBe(2);
    const w = windowsOf(rows([oldest], ['a'], ['a'], [0.9]), step, windowsSpanning(oldest, at, step), at, { task: 'binary', classes: ['a', 'b'], positiveClass: 'b' });
    expect(w.reduce((n, x) => n + x.rows, 0)).toBe(1);
  });

  it('scores binary rows whose labels arrived, with ROC AUC from the positive-class probability, confidence and class shares', () => {
    const t = [now, now, now, now, now];
    const w = windowsOf(rows(t, ['yes', 'no', 'yes', 'no', 'no'], ['yes', 'no', 'no', null, 'yes'], [0.9, 0.2, 0.6, 0.1, 0.4]), 'day', 1, now, { task: 'binary', classes: ['no', 'yes'], positiveClass: 'yes' })[0]!;
    expect(w).toMatchObject({ rows: 5, labelled: 4 });
    expect(w.metrics['accuracy']).toBeCloseTo(0.5, 12);
    // yes predicted twice (one right), two true yes (one found).
    expect(w.metrics['precision']).toBeCloseTo(0.5, 12);
    expect(w.metrics['recall']).toBeCloseTo(0.5, 12);
    // Labelled scores: yes 0.9, 0.4; no 0.2, 0.6 → 3 of 4 pairs ordered.
    expect(w.metrics['roc_auc']).toBeCloseTo(0.75, 12);
    expect(w.confidence).toBeCloseTo((0.9 + 0.8 + 0.6 + 0.9 + 0.6) / 5, 12);
    expect(w.classShares).toEqual({ yes: 0.4, no: 0.6 });
  });

  it('scores regressors with MAE, RMSE and R²', () => {
    const w = windowsOf(rows([now, now, now], ['1', '2', '4'], ['1', '3', '5'], [NaN, NaN, NaN]), 'week', 1, now, { task: 'regression', classes: null, positiveClass: null })[0]!;
    expect(w.metrics['mae']).toBeCloseTo(2 / 3, 12);
    expect(w.metrics['rmse']).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(w.metrics['r2']).toBeCloseTo(1 - 2 / 8, 12);
    expect(w.confidence).toBeNull();
  });
});

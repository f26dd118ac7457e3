import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../core/index.js';
import { categoricalColumn, createTable, numericColumn, type Table } from '../data/index.js';
import { resolvePipelineSettings } from './pipeline-config.js';
import { selectTrainingData } from './select-data.js';

const DAY = 86_400_000;
const t0 = Date.parse('2026-11-01T00:00:00Z');

/** `n` rows, one a day from `startDay`, labelled alternately, x = the day number. */
function daily(startDay: number, n: number): Table {
  const days = Array.from({ length: n }, (_, i) => startDay + i);
  return createTable([
    numericColumn('ts', days.map((d) => t0 + d * DAY), 'datetime'),
    numericColumn('x', days),
    categoricalColumn('y', days.map((d) => (d % 2 === 0 ? 'yes' : 'no'))),
  ]);
}

describe('selectTrainingData', () => {
  it('`last_days` keeps the rows within N days of the newest row, never the holdout', () => {
    const settings = resolvePipelineSettings({ data: { strategy: 'last_days', days: 10, time_column: 'ts' }, holdout: { fraction: 0.2, seed: 1 } });
    const { train, holdout, description } = selectTrainingData(daily(0, 30), daily(30, 20), 'y', settings);
    const trainDays = Array.from((train.column('x') as { values: Float64Array }).values);
    const heldDays = new Set(Array.from((holdout.column('x') as { values: Float64Array }).values));
    expect(holdout.rowCount).toBe(4);
    expect(Math.min(...trainDays)).toBeGreaterThanOrEqual(49 - 10);
    expect(trainDays.every((d) => !heldDays.has(d))).toBe(true);
    // every non-held row of days 39..49 is there
    expect(trainDays.length + [...heldDays].filter((d) => d >= 39).length).toBe(11);
    expect(description).toMatch(/last 10 days/);
  });

  it('`last_days` without a time column, or with one that holds no dates, says what to set', () => {
    const missing = resolvePipelineSettings({ data: { strategy: 'last_days', days: 10 } });
    expect(() => selectTrainingData(daily(0, 30), daily(30, 20), 'y', missing)).toThrow(/needs `days`.*`time_column`/);
    const notDates = resolvePipelineSettings({ data: { strategy: 'last_days', days: 10, time_column: 'x' } });
    const err = (() => { try { selectTrainingData(daily(0, 30), daily(30, 20), 'y', notDates); } catch (e) { return e; } return null; })();
    expect(err).toBeInstanceOf(DriftwatchError);
    expect((err as DriftwatchError).message).toMatch(/"x" does not hold dates/);
    const unknown = resolvePipelineSettings({ data: { strategy: 'last_days', days: 10, time_column: 'when' } });
    expect(() => selectTrainingData(daily(0, 30), daily(30, 20), 'y', unknown)).toThrow(/"when" is not in the data/);
  });

  it('`last_rows` takes the newest rows of reference + current', () => {
    const settings = resolvePipelineSettings({ data: { strategy: 'last_rows', rows: 5 }, holdout: { fraction: 0.2, seed: 1 } });
    const { train } = selectTrainingData(daily(0, 30), daily(30, 20), 'y', settings);
    expect(train.rowCount).toBe(5);
  });
});

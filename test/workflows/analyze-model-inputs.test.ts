/**
 * analyze --model binds the data's columns to the model's inputs exactly as predict does, before the data
 * analysis runs, and a bad model file is reported before any data is read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { DriftwatchError } from '../../src/core/errors.js';
import { createTable, numericColumn } from '../../src/data/index.js';
import { parseXgboostJson, xgboostAsModel } from '../../src/models/index.js';
import { analyzeModelDrift, fileIn, predictToCsv } from '../../src/workflows/index.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/models/xgboost');
const expected = JSON.parse(readFileSync(resolve(fixtures, 'binary.expected.json'), 'utf8')) as { X: (number | null)[][] };
const xgb = parseXgboostJson(readFileSync(resolve(fixtures, 'binary.model.json'), 'utf8'));
const features = Array.from({ length: 6 }, (_, j) => numericColumn(`x${j}`, expected.X.map((r) => r[j] ?? NaN)));
const label = numericColumn('y', expected.X.map((_, i) => i % 2));
// The label first: a positional model fed these columns as they are would read it as its first input.
const table = createTable([label, ...features]);
const clock = manualClock('2026-12-01T00:00:00Z');
const scratch = mkdtempSync(join(tmpdir(), 'driftwatch-analyze-model-inputs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const caught = (p: Promise<unknown>): Promise<DriftwatchError> => p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e as DriftwatchError);

describe('analyzeModelDrift: the same inputs as predict, checked before the analysis', () => {
  it('a positional model and a label it was not told about: INPUT_MISMATCH naming the data, as predict, and no analysis', async () => {
    const model = { loaded: { model: xgboostAsModel(xgb), format: 'xgboost-json' as const }, display: 'xgb' };
    const events: string[] = [];
    // The drift engine reads the clock for the report's time: a clock that records it shows whether it ran.
    const watched = { now: () => (events.push('analysis'), clock.now()) };
    const analysed = await caught(
      analyzeModelDrift({
        reference: { table, display: 'reference rows' },
        current: { table, display: 'current rows' },
        model,
        analyze: { clock: watched },
        workers: 1,
        onRead: () => events.push('read'),
        onReport: () => void events.push('report'),
      }),
    );
    const predicted = await caught(predictToCsv({ model, data: { table, display: 'reference rows' } }));
    expect([analysed.code, analysed.file]).toEqual(['INPUT_MISMATCH', 'reference rows']);
    expect(analysed.message).toBe(predicted.message);
    expect(events).toEqual(['read']);
  });

  it('with the label named, the model reads the six features by position, and says so', async () => {
    const model = { loaded: { model: xgboostAsModel(xgb, { label: 'y' }), format: 'xgboost-json' as const }, display: 'xgb' };
    const seen: unknown[] = [];
    const r = await analyzeModelDrift({
      reference: { table, display: 'reference rows' },
      current: { table, display: 'current rows' },
      model,
      label: 'y',
      analyze: { clock, target: 'y' },
      workers: 1,
      onModelInputs: (inputs) => seen.push(inputs),
    });
    const inputs = { columns: ['x0', 'x1', 'x2', 'x3', 'x4', 'x5'], by: 'position', unused: ['y'] };
    expect(r.inputs).toEqual(inputs);
    expect(seen).toEqual([inputs]);
    expect((await predictToCsv({ model, data: { table, display: 'rows' } })).inputs).toEqual(inputs);
    expect(r.report.model!.prediction_drift.drifted).toBe(false);
  });

  it('a bad model file is reported before any data is read', async () => {
    const notAModel = join(scratch, 'model.csv');
    writeFileSync(notAModel, 'a,b\n1,2\n');
    const events: string[] = [];
    const failed = await caught(
      analyzeModelDrift({
        // Data files that do not exist: reading them first would fail with a different error.
        reference: fileIn(join(scratch, 'missing-reference.csv'), scratch),
        current: fileIn(join(scratch, 'missing-current.csv'), scratch),
        model: fileIn(notAModel, scratch),
        analyze: { clock },
        workers: 1,
        onRead: () => events.push('read'),
        onReadProgress: () => events.push('progress'),
      }),
    );
    expect(failed).toBeInstanceOf(DriftwatchError);
    expect(failed.file).toBe('model.csv');
    expect(failed.message).not.toMatch(/missing-reference/);
    expect(events).toEqual([]);
  });
});

/**
 * The prediction and evaluation workflows as the server will call them (tables in memory, models loaded):
 * a positional model refuses columns that are not exactly its inputs, the result says which columns were
 * read, unseen categories reach onWarning, and a baseline of another task is refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../../src/core/errors.js';
import { categoricalColumn, createTable, numericColumn } from '../../src/data/index.js';
import { parseXgboostJson, trainModel, xgboostAsModel } from '../../src/models/index.js';
import { evaluateModels, predictToCsv } from '../../src/workflows/index.js';
import { locateDataError } from '../../src/workflows/model-io/index.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/models/xgboost');
const expected = JSON.parse(readFileSync(resolve(fixtures, 'binary.expected.json'), 'utf8')) as { X: (number | null)[][]; probabilities: number[][] };
const xgb = parseXgboostJson(readFileSync(resolve(fixtures, 'binary.model.json'), 'utf8'));
const features = Array.from({ length: 6 }, (_, j) => numericColumn(`x${j}`, expected.X.map((r) => r[j] ?? NaN)));
const y = numericColumn('y', expected.X.map((_, i) => i % 2));

describe('workflows: prediction never silently uses the wrong inputs', () => {
  it('a positional model with a label it was not told about: INPUT_MISMATCH naming the data', async () => {
    const model = { loaded: { model: xgboostAsModel(xgb), format: 'xgboost-json' as const }, display: 'xgb' };
    const failed = await predictToCsv({ model, data: { table: createTable([y, ...features]), display: 'request rows' } }).catch((e: unknown) => e as DriftwatchError);
    expect(failed).toBeInstanceOf(DriftwatchError);
    expect([(failed as DriftwatchError).code, (failed as DriftwatchError).file]).toEqual(['INPUT_MISMATCH', 'request rows']);
  });

  it('with the label named, the result says which columns were read, and by position', async () => {
    const model = { loaded: { model: xgboostAsModel(xgb, { label: 'y' }), format: 'xgboost-json' as const }, display: 'xgb' };
    const r = await predictToCsv({ model, data: { table: createTable([y, ...features]), display: 'rows' } });
    expect(r.inputs).toEqual({ columns: ['x0', 'x1', 'x2', 'x3', 'x4', 'x5'], by: 'position', unused: ['y'] });
    const p = r.table.column('probability')!;
    if (p.storage !== 'numeric') throw new Error('numeric expected');
    expected.probabilities.forEach((q, i) => expect(Math.abs(p.values[i]! - q[1]!)).toBeLessThan(1e-6));
  });

  it('unseen categories reach onWarning; a baseline of another task is refused', async () => {
    const n = 200;
    const plan = Array.from({ length: n }, (_, i) => ['a', 'b', 'c'][i % 3]!);
    const x = Array.from({ length: n }, (_, i) => (i * 37) % 101);
    const table = createTable([categoricalColumn('plan', plan), numericColumn('x', x), categoricalColumn('label', x.map((v, i) => (v + (plan[i] === 'a' ? 30 : 0) > 60 ? 'yes' : 'no'))), numericColumn('amount', x.map((v) => v * 2 + 1))]);
    const classifier = (await trainModel(table, { label: 'label', algo: 'logreg', drop: ['amount'], validFraction: 0 })).model;
    const regressor = (await trainModel(table, { label: 'amount', algo: 'logreg', drop: ['label'], validFraction: 0 })).model;
    const warnings: string[] = [];
    const later = createTable([categoricalColumn('plan', ['a', 'z', 'z', 'q']), numericColumn('x', [1, 2, 3, 4]), categoricalColumn('label', ['yes', 'no', 'no', 'yes'])]);
    const r = await evaluateModels({ model: { loaded: { model: classifier, format: 'native' }, display: 'm' }, data: { table: later, display: 'later rows' }, onWarning: (w) => warnings.push(w) });
    expect(r.inputs.by).toBe('name');
    expect(warnings).toEqual(['later rows has categories the model never saw in training, predicted like a missing value (docs/models.md): plan: 3 rows ("z", "q")']);
    await expect(
      evaluateModels({ model: { loaded: { model: classifier, format: 'native' }, display: 'm' }, baseline: { loaded: { model: regressor, format: 'native' }, display: 'r' }, data: { table, display: 'rows' } }),
    ).rejects.toThrow(/^baseline: r is a regression model and m a binary model; compare models of the same task$/);
  });

  it('a value that is not a number: the line of a regular file; a pipe is not read again (it has been consumed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftwatch-locate-'));
    try {
      writeFileSync(join(dir, 'data.csv'), 'x,y\n1,2\n3,abc\n');
      execFileSync('mkfifo', [join(dir, 'pipe')]);
      const table = createTable([numericColumn('x', [1, 3]), categoricalColumn('y', ['2', 'abc'])]);
      const raised = new DriftwatchError('INVALID_ARGUMENT', 'column "y" must be numeric for this model, but holds "abc"', { field: 'y' });
      const inFile = (await locateDataError(raised, { absolute: join(dir, 'data.csv'), display: 'data.csv' }, table, undefined)) as DriftwatchError;
      expect(inFile.toDisplayString()).toBe('data.csv:3: column "y" must be numeric for this model, but holds "abc"');
      const inPipe = (await locateDataError(raised, { absolute: join(dir, 'pipe'), display: 'stdin' }, table, undefined)) as DriftwatchError;
      expect(inPipe.toDisplayString()).toBe('stdin: column "y" must be numeric for this model, but holds "abc"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

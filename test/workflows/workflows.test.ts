/** The workflows as the server and the worker will call them: tables in memory, a clock, a signal; no CLI. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { isDriftwatchError } from '../../src/core/errors.js';
import { categoricalColumn, createTable, numericColumn, readTable, type Table } from '../../src/data/index.js';
import { analyzeDrift } from '../../src/drift/index.js';
import { analyzeFiles, evaluateModels, fileIn, predictToCsv, trainAndSave } from '../../src/workflows/index.js';

const churn = resolve(import.meta.dirname, '../../examples/data/telco_churn.csv');
const scratch = mkdtempSync(join(tmpdir(), 'driftwatch-workflows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function pair(): [Table, Table] {
  const n = 400;
  const ref = createTable([
    numericColumn('x', Float64Array.from({ length: n }, (_, i) => (i % 97) / 10)),
    categoricalColumn('c', Array.from({ length: n }, (_, i) => ['a', 'b', 'c'][i % 3]!)),
  ]);
  const cur = createTable([
    numericColumn('x', Float64Array.from({ length: n }, (_, i) => (i % 97) / 10 + 3)),
    categoricalColumn('c', Array.from({ length: n }, (_, i) => ['a', 'b', 'c'][i % 3]!)),
  ]);
  return [ref, cur];
}

describe('analyzeFiles', () => {
  it('analyses tables in memory exactly as analyzeDrift does, and writes the report files asked for', async () => {
    const [reference, current] = pair();
    const clock = manualClock('2026-03-01T00:00:00Z');
    const dir = fileIn(join(scratch, 'reports'), scratch);
    const result = await analyzeFiles({
      reference: { table: reference, display: 'reference rows' },
      current: { table: current, display: 'current rows' },
      analyze: { clock },
      workers: 1,
      reports: { dir, formats: ['json', 'csv'] },
    });
    expect(result.report).toEqual(analyzeDrift(reference, current, { clock }));
    expect(result.report.generated_at).toBe('2026-03-01T00:00:00.000Z');
    expect(result.written.map((p) => p.slice(dir.absolute.length + 1)).sort()).toEqual(readdirSync(dir.absolute).sort());
    expect(result.written).toHaveLength(2);
  });

  it('checks named columns against both inputs before analysing', async () => {
    const [reference, current] = pair();
    const run = analyzeFiles({
      reference: { table: reference, display: 'ref' },
      current: { table: current, display: 'cur' },
      namedColumns: [{ source: 'label', name: 'churn' }],
    });
    await expect(run).rejects.toSatisfy((e) => isDriftwatchError(e) && e.code === 'COLUMN_NOT_FOUND');
  });

  it('stops when its signal is aborted, with the signal reason', async () => {
    const stop = new AbortController();
    const reason = new Error('cancelled by the caller');
    stop.abort(reason);
    const run = analyzeFiles({ reference: fileIn(churn, scratch), current: fileIn(churn, scratch), signal: stop.signal });
    await expect(run).rejects.toBe(reason);
  });

  it('reports a file it cannot read by the name the caller gave', async () => {
    const run = analyzeFiles({ reference: fileIn(join(scratch, 'missing.csv'), scratch), current: fileIn(churn, scratch) });
    await expect(run).rejects.toSatisfy((e) => isDriftwatchError(e) && e.code === 'FILE_NOT_FOUND' && e.file === 'missing.csv');
  });
});

describe('train, evaluate and predict workflows', () => {
  it('train a model on a table in memory, stamp it with the given clock, evaluate it and predict with it', async () => {
    const table = await readTable(churn);
    const clock = manualClock('2026-02-03T04:05:06Z');
    const trained = await trainAndSave({
      data: { table, display: 'churn rows' },
      label: 'churn',
      algo: 'logreg',
      validFraction: 0.25,
      seed: 3,
      drop: ['customer_id'],
      clock,
      out: { file: fileIn('model.json', scratch), option: 'out' },
    });
    expect(trained.model.card.created_at).toBe('2026-02-03T04:05:06.000Z');
    expect(trained.validation).not.toBeNull();
    expect(readdirSync(scratch)).toContain('model.json');

    const evaluated = await evaluateModels({ model: fileIn('model.json', scratch), baseline: { loaded: { model: trained.model, format: 'native' }, display: 'in memory' }, data: { table, display: 'churn rows' } });
    expect(evaluated.label).toBe('churn');
    expect(evaluated.evaluation.n_samples).toBe(table.rowCount);
    // The saved model and the one in memory are the same model: no change in any metric.
    expect(Object.values(evaluated.change ?? { missing: 1 }).every((d) => d === 0)).toBe(true);

    const predicted = await predictToCsv({ model: { loaded: { model: trained.model, format: 'native' }, display: 'in memory' }, data: { table, display: 'churn rows' } });
    expect(predicted.rows).toBe(table.rowCount);
    expect(predicted.table.names.slice(-2)).toEqual(['prediction', 'probability']);
  });
});

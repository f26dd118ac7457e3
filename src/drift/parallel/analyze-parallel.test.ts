import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../core/clock.js';
import { createRng } from '../../core/rng.js';
import { DriftwatchError } from '../../core/errors.js';
import { readTable } from '../../data/read-table.js';
import { readTableInWorker } from '../../data/read-table-in-worker.js';
import { selectRows } from '../../data/select-rows.js';
import { categoricalColumn, createTable, numericColumn, type Table } from '../../data/table/index.js';
import { analyzeDrift } from '../analyze.js';
import type { AnalyzeOptions } from '../options.js';
import { analyzeDriftParallel, prestartAnalysisWorkers } from './analyze-parallel.js';

const churnPath = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../examples/data/telco_churn.csv');
const clock = manualClock('2026-01-02T03:04:05Z');
// minValues 0: these tables are small, and the point is to go through the workers.
const onWorkers = { workers: 2, minValues: 0 };

/** Short-tenure customers as reference, long-tenure as current: real drift in most columns. */
async function churnSplit(): Promise<[Table, Table]> {
  const t = await readTable(churnPath);
  const tenure = t.column('tenure')!;
  if (tenure.storage !== 'numeric') throw new Error('tenure should be numeric');
  const ref: number[] = [];
  const cur: number[] = [];
  tenure.values.forEach((v, i) => (v < 30 ? ref : cur).push(i));
  return [selectRows(t, Int32Array.from(ref)), selectRows(t, Int32Array.from(cur))];
}

/** Every column kind and awkward value: NaN, +-Infinity, -0, a constant, all-missing, ids, a kind clash. */
function mixedTables(): [Table, Table] {
  const rng = createRng(7);
  const n = 3000;
  const make = (shift: number, side: 'ref' | 'cur'): Table => {
    const num = (f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));
    return createTable([
      numericColumn('normal', num(() => rng.normal() + shift)),
      numericColumn('with_gaps', num((i) => (i % 17 === 0 ? NaN : i % 101 === 0 ? Infinity : i % 53 === 0 ? -0 : rng.next() * 10 + shift))),
      numericColumn('few_values', num(() => rng.int(4) + (side === 'cur' && rng.next() < 0.2 ? 1 : 0))),
      numericColumn('constant', num(() => 3)),
      numericColumn('all_missing', num(() => NaN)),
      numericColumn('row_id', num((i) => i + (side === 'cur' ? n : 0)), 'id'),
      categoricalColumn('plan', Array.from({ length: n }, () => ['basic', 'plus', 'pro', side === 'cur' ? 'max' : 'pro'][rng.int(4)]!)),
      categoricalColumn('flag', Array.from({ length: n }, (_, i) => (i % 9 === 0 ? null : rng.next() < 0.5 + shift / 10 ? 'yes' : 'no')), 'boolean'),
      side === 'ref'
        ? numericColumn('clash', num(() => rng.int(5)))
        : categoricalColumn('clash', Array.from({ length: n }, () => ['0', '1', '2', 'unknown'][rng.int(4)]!)),
      categoricalColumn('label', Array.from({ length: n }, () => (rng.next() < 0.3 + shift / 5 ? 'churn' : 'stay'))),
    ]);
  };
  return [make(0, 'ref'), make(0.5, 'cur')];
}

describe('analyzeDriftParallel', () => {
  it('uses workers started ahead (their options sent later) and gives the same report; unused ones are closed', async () => {
    const [ref, cur] = mixedTables();
    const options: AnalyzeOptions = { preset: 'default', target: 'label', clock };
    const warm = prestartAnalysisWorkers(2); // one worker, as the analysis on two threads needs
    try {
      expect(await analyzeDriftParallel(ref, cur, options, { ...onWorkers, warm })).toEqual(analyzeDrift(ref, cur, options));
      expect(warm.take()).toBeUndefined(); // taken (and stopped when the analysis finished)
    } finally {
      warm.close();
    }
    const unused = prestartAnalysisWorkers(2);
    expect(await analyzeDriftParallel(ref, cur, options, { workers: 1, warm: unused })).toEqual(analyzeDrift(ref, cur, options));
    unused.close();
    expect(unused.take()).toBeUndefined();
  });
  it('gives the same report as analyzeDrift on the churn data, with every preset', async () => {
    const [ref, cur] = await churnSplit();
    for (const preset of ['default', 'evidently', 'classic'] as const) {
      const options: AnalyzeOptions = { preset, target: 'churn', clock };
      expect(await analyzeDriftParallel(ref, cur, options, onWorkers)).toEqual(analyzeDrift(ref, cur, options));
    }
  });

  it('gives the same report as analyzeDrift on a mixed synthetic table, with overrides and a correction', async () => {
    const [ref, cur] = mixedTables();
    const options: AnalyzeOptions = {
      target: 'label',
      stattest: 'ks',
      perKind: { categorical: { method: 'chi2' } },
      effect: { method: 'wasserstein', threshold: 0.1 },
      correction: 'benjamini-hochberg',
      clock,
    };
    const expected = analyzeDrift(ref, cur, options);
    const got = await analyzeDriftParallel(ref, cur, options, { workers: 3, minValues: 0 });
    expect(got).toEqual(expected);
    expect(got.columns.map((c) => c.name)).toEqual(expected.columns.map((c) => c.name));
    expect(Object.is(got.columns.find((c) => c.name === 'with_gaps')!.summary.reference.type, 'numeric')).toBe(true);
  });

  it('lends shared columns (tables from readTableInWorker) to the workers with the same report', async () => {
    const ref = await readTableInWorker(churnPath, { fallback: false });
    const cur = await readTableInWorker(churnPath, { fallback: false });
    const tenure = ref.column('tenure')!;
    expect(tenure.storage === 'numeric' && tenure.values.buffer instanceof SharedArrayBuffer).toBe(true);
    const options: AnalyzeOptions = { clock, target: 'churn' };
    expect(await analyzeDriftParallel(ref, cur, options, onWorkers)).toEqual(analyzeDrift(ref, cur, options));
    // The workers only read the shared columns.
    expect(ref.columns).toEqual((await readTable(churnPath)).columns);
  });

  it('analyses small tables on the calling thread with the same result', async () => {
    const [ref, cur] = mixedTables();
    expect(await analyzeDriftParallel(ref, cur, { clock })).toEqual(analyzeDrift(ref, cur, { clock }));
  });

  it('rejects with the error analyzeDrift throws for the first failing column', async () => {
    const [ref, cur] = mixedTables();
    // A numeric-only method forced on two categorical columns: the error names the first in plan order.
    const options: AnalyzeOptions = { perColumn: { plan: { method: 'ks' }, clash: { method: 'ks' } }, clock };
    let expected: unknown;
    try {
      analyzeDrift(ref, cur, options);
    } catch (e) {
      expected = e;
    }
    expect(expected).toBeInstanceOf(DriftwatchError);
    const got = await analyzeDriftParallel(ref, cur, options, onWorkers).then(
      () => null,
      (e: unknown) => e,
    );
    expect(got).toBeInstanceOf(DriftwatchError);
    expect([(got as DriftwatchError).code, (got as DriftwatchError).message]).toEqual([(expected as DriftwatchError).code, (expected as DriftwatchError).message]);
  });

  it('rejects a bad worker count', async () => {
    const [ref, cur] = mixedTables();
    await expect(analyzeDriftParallel(ref, cur, {}, { workers: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

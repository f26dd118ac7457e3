import { describe, expect, it } from 'vitest';
import { manualClock } from '../core/clock.js';
import { DriftwatchError } from '../core/errors.js';
import { categoricalColumn, createTable, numericColumn, type Table } from '../data/table/index.js';
import { analyzeDrift } from './analyze.js';
import type { AnalyzeOptions } from './options.js';

const clock = { clock: manualClock('2026-01-02T03:04:05Z') };
const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
/** A deterministic, roughly uniform spread of n values in [0, 1). */
const spread = (n: number, offset = 0): number[] => range(n, (i) => ((i * 0.618033988749895 + offset) % 1));

function tables(): [Table, Table] {
  const n = 400;
  const ref = createTable([
    numericColumn('age', spread(n).map((u) => 20 + 50 * u)),
    numericColumn('income', spread(n, 0.3).map((u) => 1000 * u)),
    categoricalColumn('plan', range(n, (i) => ['basic', 'plus', 'pro'][i % 3]!)),
    categoricalColumn('churn', range(n, (i) => (i % 4 === 0 ? 'yes' : 'no'))),
    numericColumn('score', spread(n, 0.1)),
    numericColumn('user_id', range(n, (i) => i), 'id'),
    numericColumn('only_ref', range(n, (i) => i % 7)),
  ]);
  const cur = createTable([
    numericColumn('age', spread(n, 0.5).map((u) => 20 + 50 * u)),
    // income moved up by half its range: drift under every preset
    numericColumn('income', spread(n, 0.3).map((u) => 500 + 1000 * u)),
    categoricalColumn('plan', range(n, (i) => ['basic', 'plus', 'pro', 'enterprise'][i % 4]!)),
    categoricalColumn('churn', range(n, (i) => (i % 2 === 0 ? 'yes' : 'no'))),
    numericColumn('score', spread(n, 0.2)),
    numericColumn('user_id', range(n, (i) => n + i), 'id'),
    numericColumn('extra', range(n, (i) => i % 5)),
  ]);
  return [ref, cur];
}

function expectError(f: () => unknown, code: string, message: RegExp): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DriftwatchError);
    expect((e as DriftwatchError).code).toBe(code);
    expect((e as DriftwatchError).message).toMatch(message);
    return;
  }
  throw new Error('expected an error');
}

describe('analyzeDrift', () => {
  const [ref, cur] = tables();
  const run = (o: AnalyzeOptions = {}) => analyzeDrift(ref, cur, { ...clock, ...o });

  it('reports features in table order, target and prediction apart, exclusions with reasons', () => {
    const r = run({ target: 'churn', prediction: 'score' });
    expect(r.columns.map((c) => c.name)).toEqual(['age', 'income', 'plan']);
    expect(r.target_drift?.name).toBe('churn');
    expect(r.target_drift?.role).toBe('target');
    expect(r.prediction_drift?.name).toBe('score');
    expect(r.prediction_columns?.map((c) => c.name)).toEqual(['score']);
    expect(r.excluded).toEqual([
      { name: 'user_id', reason: expect.stringMatching(/identifier-like/) },
      { name: 'only_ref', reason: 'missing in current' },
      { name: 'extra', reason: 'not in the reference' },
    ]);
    expect(r.schema).toEqual({ missing_in_current: ['only_ref'], extra_in_current: ['extra'], type_changes: [] });
    expect(r.generated_at).toBe('2026-01-02T03:04:05.000Z');
    expect(r.dataset.columns_analyzed).toBe(3);
  });

  it('finds the shifted column and the new category', () => {
    const r = run({ target: 'churn' });
    const income = r.columns.find((c) => c.name === 'income')!;
    expect(income.drifted).toBe(true);
    expect(income.method).toBe('ks');
    expect(income.effect_size?.method).toBe('wasserstein');
    expect(income.score).toBeGreaterThan(0.5);
    const plan = r.columns.find((c) => c.name === 'plan')!;
    expect(plan.new_categories).toEqual(['enterprise']);
    expect(r.quality.issues.map((i) => i.kind)).toContain('new_categories');
    expect(r.columns.find((c) => c.name === 'age')!.drifted).toBe(false);
  });

  it('the evidently preset counts the target in the share; default does not', () => {
    expect(run({ target: 'churn', preset: 'evidently' }).dataset.columns_analyzed).toBe(5);
    expect(run({ target: 'churn', preset: 'default' }).dataset.columns_analyzed).toBe(4);
    expect(run({ preset: 'evidently' }).notes.join(' ')).toMatch(/mis-fir|flags far more than 5%/);
  });

  it('overrides: per column wins over per kind over the global stattest; no effect size unless chosen', () => {
    const r = run({ stattest: 'psi', perKind: { numeric: { method: 'cvm' } }, perColumn: { age: { method: 'mannwhitney', threshold: 0.01 } } });
    const byName = new Map(r.columns.map((c) => [c.name, c]));
    expect(byName.get('age')!.method).toBe('mannwhitney');
    expect(byName.get('age')!.threshold).toBe(0.01);
    expect(byName.get('income')!.method).toBe('cvm');
    expect(byName.get('plan')!.method).toBe('psi');
    for (const c of r.columns) expect(c.effect_size).toBeNull();
  });

  it('option effect adds a material-effect criterion to overridden methods where it applies', () => {
    const r = run({ stattest: 'psi', effect: { method: 'wasserstein', threshold: 0.2 } });
    const income = r.columns.find((c) => c.name === 'income')!;
    expect(income.effect_size).toMatchObject({ method: 'wasserstein', threshold: 0.2, combine: 'and' });
    const plan = r.columns.find((c) => c.name === 'plan')!;
    expect(plan.effect_size).toBeNull();
    expect(plan.reason).toMatch(/effect wasserstein does not apply/);
  });

  it('the global stattest judges the columns it fits; the preset judges the rest, and says so', () => {
    const r = run({ stattest: 'ks' });
    expect(r.columns.find((c) => c.name === 'income')!.method).toBe('ks');
    const plan = r.columns.find((c) => c.name === 'plan')!;
    expect(plan.method).toBe('chi2');
    expect(plan.reason).toMatch(/stattest ks does not apply to this categorical column/);
  });

  it('a per-column or per-kind method that does not fit is a USAGE error naming column, method and kinds', () => {
    expectError(() => run({ perKind: { categorical: { method: 'ks' } } }), 'USAGE', /"ks".*column "plan".*categorical.*supports numeric/);
    expectError(() => run({ perColumn: { plan: { method: 'fisher' } } }), 'USAGE', /binary column.*"plan" has 4/);
  });

  it('an unknown target or prediction is COLUMN_NOT_FOUND listing the columns and the closest name', () => {
    expectError(() => run({ target: 'churned' }), 'COLUMN_NOT_FOUND', /target column "churned".*Did you mean "churn"\?.*Columns are: age, income/);
    expectError(() => run({ prediction: ['nope'] }), 'COLUMN_NOT_FOUND', /prediction column "nope"/);
  });

  it('nothing comparable is NO_COMMON_COLUMNS', () => {
    const a = createTable([numericColumn('a', [1, 2, 3])]);
    const b = createTable([numericColumn('b', [1, 2, 3])]);
    expectError(() => analyzeDrift(a, b, clock), 'NO_COMMON_COLUMNS', /no column can be compared/);
  });

  it('bad option values are USAGE errors naming the option', () => {
    expectError(() => run({ driftShare: 1.5 }), 'USAGE', /drift_share/);
    expectError(() => run({ stattest: 'ks', threshold: 2 }), 'USAGE', /stattest/);
    expectError(() => run({ psiBins: 1 }), 'USAGE', /psi_bins/);
  });

  it('all-missing columns are excluded with a quality issue', () => {
    const a = createTable([numericColumn('x', range(50, (i) => i)), numericColumn('gone', range(50, (i) => i))]);
    const b = createTable([numericColumn('x', range(50, (i) => i)), numericColumn('gone', range(50, () => NaN))]);
    const r = analyzeDrift(a, b, clock);
    expect(r.excluded).toEqual([{ name: 'gone', reason: 'all values missing in current' }]);
    expect(r.quality.issues).toEqual([{ column: 'gone', kind: 'all_missing', message: 'all values missing in current; not compared' }]);
  });

  it('a numeric column with text in current stays numeric: the text is counted as a quality issue', () => {
    const a = createTable([numericColumn('x', range(30, (i) => i % 3))]);
    const b = createTable([categoricalColumn('x', range(30, (i) => (i % 3 === 0 ? 'unknown' : String(i % 3))))]);
    const r = analyzeDrift(a, b, clock);
    expect(r.columns[0]!.kind).toBe('numeric');
    expect(r.columns[0]!.n_current).toBe(20);
    expect(r.columns[0]!.summary.current.missing).toBe(0);
    expect(r.quality.columns[0]!.non_numeric_current).toEqual({ count: 10, first_value: 'unknown', first_line: null, first_row: 1 });
    expect(r.quality.issues).toContainEqual({ column: 'x', kind: 'non_numeric', message: "10 non-numeric values in current, first at row 1: 'unknown'; left out like missing values" });
    // A third of current is text: that is a change of type, reported beside the count.
    expect(r.schema.type_changes).toEqual([{ name: 'x', reference: 'numeric', current: 'categorical' }]);
  });

  it('a numeric column whose current categories all read as numbers is compared as numeric, no type change', () => {
    const a = createTable([numericColumn('x', range(30, (i) => i % 3))]);
    const b = createTable([categoricalColumn('x', range(30, (i) => (i % 2 === 0 ? '1e3' : String(i % 3))))]);
    const r = analyzeDrift(a, b, clock);
    expect(r.columns[0]!.kind).toBe('numeric');
    expect(r.columns[0]!.n_current).toBe(30);
    expect((r.columns[0]!.summary.current as { max: number | null }).max).toBe(1000);
    expect(r.quality.columns[0]!.non_numeric_current).toBeNull();
    expect(r.schema.type_changes).toEqual([]);
  });

  it('corrections use the corrected p-value for the verdict and keep the raw one', () => {
    const r = run({ correction: 'bonferroni' });
    for (const c of r.columns) {
      if (c.p_value_raw === null) continue;
      expect(c.p_value).toBeCloseTo(Math.min(1, c.p_value_raw * r.columns.length), 12);
    }
    expect(r.correction).toBe('bonferroni');
  });

  it('summaries follow numpy: quantiles with linear interpolation, std with ddof 1', () => {
    const a = createTable([numericColumn('v', [4, 1, 3, 2, NaN, 10, 7])]);
    const r = analyzeDrift(a, a, clock);
    const s = r.columns[0]!.summary.reference;
    if (s.type !== 'numeric') throw new Error('expected numeric');
    // numpy: np.quantile([1,2,3,4,7,10], [.05,.25,.5,.75,.95]) = [1.25, 2.25, 3.5, 6.25, 9.25]
    expect(s.quantiles).toEqual({ p05: 1.25, p25: 2.25, p50: 3.5, p75: 6.25, p95: 9.25 });
    expect(s.count).toBe(6);
    expect(s.missing).toBe(1);
    expect(s.mean).toBeCloseTo(4.5, 14);
    expect(s.std).toBeCloseTo(3.391164991562634, 14); // np.std(..., ddof=1)
  });

  it('histograms: shares summing to 1 over common numeric bins; top categories plus (other)', () => {
    const r = run();
    const h = r.columns.find((c) => c.name === 'age')!.histogram;
    if (h.type !== 'numeric') throw new Error('expected numeric');
    expect(h.edges.length).toBe(31);
    expect(h.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(h.current.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const many = createTable([categoricalColumn('c', range(300, (i) => `v${i % 25}`))]);
    const hc = analyzeDrift(many, many, clock).columns[0]!.histogram;
    if (hc.type !== 'categorical') throw new Error('expected categorical');
    expect(hc.categories.length).toBe(21);
    expect(hc.categories[20]).toBe('(other)');
  });

  it('dataset verdict and severity follow the share (classic: strictly above 0.3)', () => {
    const r = run({ preset: 'classic' });
    expect(r.dataset.drift_share_threshold).toBe(0.3);
    expect(r.dataset.dataset_drift).toBe(r.dataset.drifted_share > 0.3);
    const s = r.dataset.drifted_share;
    expect(r.dataset.severity).toBe(s < 0.25 ? 'LOW' : s > 0.5 ? 'HIGH' : 'MEDIUM');
  });

  it('quality: missing increase, out-of-range share and a column that became constant, with messages', () => {
    const a = createTable([
      numericColumn('x', range(100, (i) => i)),
      numericColumn('k', range(100, (i) => i % 4)),
      categoricalColumn('c', range(100, (i) => (i % 2 === 0 ? 'a' : 'b'))),
    ]);
    const b = createTable([
      numericColumn('x', range(100, (i) => (i < 20 ? NaN : i + 50))),
      numericColumn('k', range(100, () => 2)),
      categoricalColumn('c', range(100, (i) => (i % 2 === 0 ? 'a' : 'z'))),
    ]);
    const r = analyzeDrift(a, b, clock);
    const x = r.quality.columns.find((q) => q.name === 'x')!;
    expect(x.missing_share_change).toBeCloseTo(0.2, 12);
    expect(x.out_of_range_share).toBeCloseTo(50 / 80, 12);
    expect(x.constant_current).toBe(false);
    expect(r.quality.columns.find((q) => q.name === 'k')!.constant_current).toBe(true);
    expect(r.quality.columns.find((q) => q.name === 'c')!.out_of_range_share).toBeNull();
    expect(r.quality.issues.map((i) => `${i.column}:${i.kind}`)).toEqual(['x:missing_increase', 'x:out_of_range', 'k:constant', 'c:new_categories']);
    expect(r.quality.issues[0]!.message).toBe('missing values rose from 0.0% to 20.0%');
    expect(r.quality.issues[3]!.message).toBe('1 category not seen in the reference: "z"');
  });

  it('out of range: a few reference values span no range to leave (the bar is twice the share expected by chance)', () => {
    // 3 reference values: a same-distribution sample falls outside their range half the time.
    const tiny = analyzeDrift(createTable([numericColumn('x', [0.1, 0.5, 0.9])]), createTable([numericColumn('x', [0.05, 0.6, 0.95])]), clock);
    expect(tiny.quality.columns[0]!.out_of_range_share).toBeCloseTo(2 / 3, 12);
    expect(tiny.quality.issues).toEqual([]);
    // 20 reference values: the bar is 4/21 (19%); 3 of 20 current values outside (15%) pass, 5 (25%) do not.
    const ref = createTable([numericColumn('x', range(20, (i) => i))]);
    const cur = (outside: number) => createTable([numericColumn('x', range(20, (i) => (i < outside ? 100 + i : i)))]);
    expect(analyzeDrift(ref, cur(3), clock).quality.issues.map((i) => i.kind)).not.toContain('out_of_range');
    expect(analyzeDrift(ref, cur(5), clock).quality.issues.map((i) => i.kind)).toContain('out_of_range');
  });

  it('columnKinds: a numeric code column compared as categorical, without a schema type change', () => {
    const a = createTable([numericColumn('zip', range(60, (i) => 1000 + (i % 3)))]);
    const b = createTable([numericColumn('zip', range(60, (i) => 1000 + (i % 4)))]);
    const r = analyzeDrift(a, b, { ...clock, columnKinds: { zip: 'categorical' } });
    expect(r.columns[0]!.kind).toBe('categorical');
    expect(r.columns[0]!.new_categories).toEqual(['1003']);
    expect(r.schema.type_changes).toEqual([]);
    expectError(() => analyzeDrift(a, b, { ...clock, columnKinds: { zipcode: 'categorical' } }), 'COLUMN_NOT_FOUND', /Did you mean "zip"/);
  });

  it('a target missing from current leaves target drift empty, with a note', () => {
    const a = createTable([numericColumn('x', range(50, (i) => i)), categoricalColumn('y', range(50, (i) => (i % 2 ? 'p' : 'q')))]);
    const b = createTable([numericColumn('x', range(50, (i) => i))]);
    const r = analyzeDrift(a, b, { ...clock, target: 'y' });
    expect(r.target_drift).toBeNull();
    expect(r.excluded).toEqual([{ name: 'y', reason: 'target column missing in current' }]);
    expect(r.notes.join(' ')).toMatch(/target column "y" is not in the current data/);
  });

  it('dropped, id and timestamp columns are excluded with their reasons; datetime and text kinds too', () => {
    const cols = (shift: number) =>
      createTable([
        numericColumn('x', range(40, (i) => i + shift)),
        numericColumn('t', range(40, (i) => 1.7e12 + i * 1000 + shift), 'datetime'),
        numericColumn('when', range(40, (i) => i)),
        categoricalColumn('note', range(40, (i) => `free text number ${i}`), 'text'),
        numericColumn('row', range(40, (i) => i)),
        numericColumn('junk', range(40, (i) => i)),
      ]);
    const r = analyzeDrift(cols(0), cols(1), { ...clock, drop: ['junk'], id: ['row'], timestamp: 'when' });
    expect(r.excluded.map((e) => [e.name, e.reason.split(/[:(]/)[0]!.trim()])).toEqual([
      ['t', 'datetime'],
      ['when', 'timestamp'],
      ['note', 'free text'],
      ['row', 'identifier'],
      ['junk', 'dropped'],
    ]);
    expect(r.columns.map((c) => c.name)).toEqual(['x']);
  });

  it('is deterministic', () => {
    expect(run({ target: 'churn' })).toEqual(run({ target: 'churn' }));
  });
});

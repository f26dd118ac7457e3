import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/fixtures/report/sample-report.ts';
import { applyQuery, DEFAULT_QUERY, filterColumns, groupByMethod, methodName, nextSort, sortColumns, tableRows } from './columns-table.ts';
import type { ColumnDrift } from './report-json.ts';

const rows = tableRows(sampleReport);
const names = (cs: readonly ColumnDrift[]): string[] => cs.map((c) => c.name);

describe('columns table logic', () => {
  it('lists the features and then the target', () => {
    expect(rows).toHaveLength(sampleReport.columns.length + 1);
    expect(rows.at(-1)!.role).toBe('target');
  });

  it('sorts by score, highest first, by default; NaN scores go last either way', () => {
    const withNaN = [...rows, { ...rows[0]!, name: 'zz_nan', score: Number.NaN }];
    const desc = sortColumns(withNaN, DEFAULT_QUERY.sort);
    const scores = desc.slice(0, -1).map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(desc.at(-1)!.name).toBe('zz_nan');
    expect(sortColumns(withNaN, { key: 'score', dir: 'asc' }).at(-1)!.name).toBe('zz_nan');
  });

  it('sorts names alphabetically and p-values with nulls last', () => {
    expect(names(sortColumns(rows, { key: 'name', dir: 'asc' }))).toEqual([...names(rows)].sort((a, b) => a.localeCompare(b)));
    const byP = sortColumns(rows, { key: 'p_value', dir: 'asc' });
    const firstNull = byP.findIndex((c) => c.p_value === null);
    expect(byP.slice(firstNull).every((c) => c.p_value === null)).toBe(true);
  });

  it('filters by search (name or method, any case) and to drifted columns', () => {
    expect(names(filterColumns(rows, { search: 'INCOME', driftedOnly: false }))).toEqual(['income']);
    expect(filterColumns(rows, { search: 'chi-square', driftedOnly: false }).every((c) => c.method.startsWith('chi'))).toBe(true);
    const drifted = filterColumns(rows, { search: '', driftedOnly: true });
    expect(drifted.length).toBeGreaterThan(0);
    expect(drifted.every((c) => c.drifted)).toBe(true);
    expect(applyQuery(rows, { ...DEFAULT_QUERY, search: 'no such column' })).toEqual([]);
  });

  it('groups by method, keeping the order inside each group', () => {
    const sorted = sortColumns(rows, DEFAULT_QUERY.sort);
    const groups = groupByMethod(sorted);
    expect(new Set(groups.map((g) => g.method))).toEqual(new Set(rows.map((c) => c.method)));
    const ks = groups.find((g) => g.method === 'ks')!;
    expect(ks.label).toBe('KS');
    expect(names(ks.rows)).toEqual(names(sorted.filter((c) => c.method === 'ks')));
    expect(ks.drifted).toBe(ks.rows.filter((c) => c.drifted).length);
  });

  it('a header click toggles direction, and a new column starts where it reads best', () => {
    expect(nextSort({ key: 'score', dir: 'desc' }, 'score')).toEqual({ key: 'score', dir: 'asc' });
    expect(nextSort({ key: 'score', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'p_value')).toEqual({ key: 'p_value', dir: 'desc' });
    expect(methodName('chi2')).toBe('chi-square');
    expect(methodName('brand_new')).toBe('brand_new');
  });
});

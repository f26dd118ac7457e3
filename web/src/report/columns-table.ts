/**
 * The view logic of the report's columns table, apart from React so it is tested on its own: which rows
 * (features, then the target), in which order, matching which search, grouped by which method.
 */
import type { ColumnDrift, DriftReport } from './report-json.ts';

export type SortKey = 'name' | 'method' | 'statistic' | 'p_value' | 'effect' | 'threshold' | 'score' | 'status';
export interface SortState {
  readonly key: SortKey;
  readonly dir: 'asc' | 'desc';
}

export interface TableQuery {
  readonly search: string;
  readonly driftedOnly: boolean;
  readonly sort: SortState;
}

export const DEFAULT_QUERY: TableQuery = { search: '', driftedOnly: false, sort: { key: 'score', dir: 'desc' } };

/** Method names as the docs write them. */
const METHOD_NAMES: Readonly<Record<string, string>> = {
  ks: 'KS', psi: 'PSI', chi2: 'chi-square', chisquare_gof: 'chi-square GoF', ztest: 'Z-test', fisher: 'Fisher exact',
  wasserstein: 'Wasserstein', wasserstein_raw: 'Wasserstein (raw)', jensenshannon: 'Jensen-Shannon', hellinger: 'Hellinger',
  tvd: 'TVD', kl: 'KL divergence', anderson: 'Anderson-Darling', cvm: 'Cramér-von Mises', energy: 'energy distance',
  mannwhitney: 'Mann-Whitney U', ttest: 't-test',
};

export function methodName(method: string): string {
  return METHOD_NAMES[method] ?? method;
}

/** The feature columns, then the target column when the report has one (so its drift is in the table too). */
export function tableRows(report: DriftReport): ColumnDrift[] {
  return report.target_drift !== null && report.target_drift !== undefined ? [...report.columns, report.target_drift] : [...report.columns];
}

/** NaN sorts last whichever way, so "no evidence" never looks like the most or least drifted. */
function compareNumbers(a: number | null, b: number | null, dir: 1 | -1): number {
  const bad = (x: number | null): boolean => x === null || Number.isNaN(x);
  if (bad(a) && bad(b)) return 0;
  if (bad(a)) return 1;
  if (bad(b)) return -1;
  return (a! - b!) * dir;
}

function sortValue(c: ColumnDrift, key: SortKey): number | string | null {
  switch (key) {
    case 'name':
      return c.name.toLowerCase();
    case 'method':
      return methodName(c.method).toLowerCase();
    case 'statistic':
      return c.statistic;
    case 'p_value':
      return c.p_value;
    case 'effect':
      return c.effect_size === null ? null : c.effect_size.value;
    case 'threshold':
      return c.threshold;
    case 'score':
      return c.score;
    case 'status':
      return c.drifted ? 1 : 0;
  }
}

export function sortColumns(rows: readonly ColumnDrift[], sort: SortState): ColumnDrift[] {
  const dir = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    const primary = typeof va === 'string' || typeof vb === 'string'
      ? String(va).localeCompare(String(vb)) * dir
      : compareNumbers(va, vb, dir);
    // Ties by name, so the order is stable across renders.
    return primary !== 0 ? primary : a.name.localeCompare(b.name);
  });
}

export function filterColumns(rows: readonly ColumnDrift[], query: Pick<TableQuery, 'search' | 'driftedOnly'>): ColumnDrift[] {
  const needle = query.search.trim().toLowerCase();
  return rows.filter((c) => {
    if (query.driftedOnly && !c.drifted) return false;
    if (needle === '') return true;
    return c.name.toLowerCase().includes(needle) || c.method.toLowerCase().includes(needle) || methodName(c.method).toLowerCase().includes(needle);
  });
}

export function applyQuery(rows: readonly ColumnDrift[], query: TableQuery): ColumnDrift[] {
  return sortColumns(filterColumns(rows, query), query.sort);
}

export interface MethodGroup {
  readonly method: string;
  readonly label: string;
  readonly rows: readonly ColumnDrift[];
  readonly drifted: number;
}

/** Rows grouped by method, each group keeping the given order; groups by name of method. */
export function groupByMethod(rows: readonly ColumnDrift[]): MethodGroup[] {
  const groups = new Map<string, ColumnDrift[]>();
  for (const c of rows) {
    const g = groups.get(c.method);
    if (g === undefined) groups.set(c.method, [c]);
    else g.push(c);
  }
  return [...groups.entries()]
    .map(([method, rs]) => ({ method, label: methodName(method), rows: rs, drifted: rs.filter((r) => r.drifted).length }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Clicking a header: a new key starts descending for numbers (biggest first) and ascending for names. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'name' || key === 'method' ? 'asc' : 'desc' };
}

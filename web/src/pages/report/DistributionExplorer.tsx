/**
 * Pick a column and see both distributions: reference (grey) and current (blue) as side-by-side bars, so
 * neither hides the other; categories and few-valued numbers (0/1 flags) as labelled categories; hover
 * gives both shares. Summary statistics side by side, and the chart's numbers as a table.
 */
import { useMemo } from 'react';
import { columnsDriftedFirst, distributionBins, distributionOverlayChart } from '../../../../src/report/charts/index.ts';
import { LazyChart as Chart } from '../../components/LazyChart.tsx';
import { StatusPill } from '../../components/ui.tsx';
import { fmtCount, fmtNumber, fmtPercent } from '../../lib/format.ts';
import { useCompact } from '../../lib/hooks.ts';
import { methodName } from '../../report/columns-table.ts';
import type { ColumnDrift } from '../../report/report-json.ts';
import { summaryRows } from '../../report/summary-rows.ts';

/**
 * Columns offered in the picker: a wider report offers its drifted and highest-scoring ones, and the others
 * open from the columns table (a select of 100,000 options stalls the page).
 */
export const PICKER_MAX = 1000;

export function DistributionExplorer({ columns, selected, onSelect }: { readonly columns: readonly ColumnDrift[]; readonly selected: string; readonly onSelect: (name: string) => void }) {
  const column = columns.find((c) => c.name === selected) ?? columns[0];
  const offered = useMemo(() => {
    if (columns.length <= PICKER_MAX) return columns;
    const first = columnsDriftedFirst(columns).slice(0, PICKER_MAX);
    return column === undefined || first.includes(column) ? first : [...first, column];
  }, [columns, column]);
  if (column === undefined) return null;
  return (
    <div className="explorer">
      <label className="field inline">
        <span>Column</span>
        <select value={column.name} onChange={(e) => onSelect(e.target.value)} data-testid="explorer-select">
          {offered.map((c) => <option key={`${c.role}:${c.name}`} value={c.name}>{c.name}{c.drifted ? ' (drifted)' : ''}</option>)}
        </select>
      </label>
      {offered.length < columns.length ? <p className="muted meta" data-testid="picker-note">The list offers {fmtCount(PICKER_MAX)} of {fmtCount(columns.length)} columns (drifted first, then by drift score); open any other from the columns table.</p> : null}
      <ColumnDistribution column={column} />
    </div>
  );
}

export function ColumnDistribution({ column }: { readonly column: ColumnDrift }) {
  const compact = useCompact();
  const spec = useMemo(() => distributionOverlayChart(column, { compact }), [column, compact]);
  const bins = useMemo(() => distributionBins(column), [column]);
  const stats = summaryRows(column);
  return (
    <div className="distribution" data-testid="distribution">
      <p>
        <strong>{column.name}</strong> <StatusPill drifted={column.drifted} /> <span className="muted">{methodName(column.method)}, score {fmtNumber(column.score)} — {column.reason}</span>
      </p>
      <Chart spec={spec} height={compact ? 240 : 300} label={`Distribution of ${column.name}: reference and current side by side`} />
      <div className="two-col">
        <table className="data stats" data-testid="summary-stats">
          <caption>Summary statistics</caption>
          <thead><tr><th scope="col">Statistic</th><th scope="col">Reference</th><th scope="col">Current</th></tr></thead>
          <tbody>
            {stats.map((r) => <tr key={r.label}><th scope="row">{r.label}</th><td className="num">{r.reference}</td><td className="num">{r.current}</td></tr>)}
          </tbody>
        </table>
        <details className="chart-data">
          <summary>Distribution: data table</summary>
          <table className="data">
            <thead><tr><th scope="col">{bins.discrete ? 'Value' : 'Range'}</th><th scope="col">Reference</th><th scope="col">Current</th></tr></thead>
            <tbody>
              {bins.titles.map((t, i) => <tr key={`${t}-${i}`}><th scope="row">{t}</th><td className="num">{fmtPercent(bins.reference[i])}</td><td className="num">{fmtPercent(bins.current[i])}</td></tr>)}
            </tbody>
          </table>
        </details>
      </div>
      {column.new_categories.length > 0 ? <p>New in current: {column.new_categories.join(', ')}</p> : null}
      {column.vanished_categories.length > 0 ? <p>Gone from current: {column.vanished_categories.join(', ')}</p> : null}
      <p className="muted">Rows: reference {fmtCount(column.n_reference)}, current {fmtCount(column.n_current)}.</p>
    </div>
  );
}

/**
 * The report's columns table: sortable by any header, searchable, filterable to drifted columns, and
 * grouped by method on demand. It is also the text alternative of the report's charts. On a phone each row
 * becomes a card (styles.css, via the data-label of each cell). A report of thousands of columns (a file
 * 100,000 columns wide) shows the first ROWS_SHOWN of the current order and a button for more: every row
 * draws a sparkline, and a table of all of them would stall the page; search, sort and the filter still
 * cover every column.
 */
import { useMemo, useState } from 'react';
import { StatusPill } from '../../components/ui.tsx';
import { fmtCount, fmtNumber, fmtPValue } from '../../lib/format.ts';
import { applyQuery, DEFAULT_QUERY, groupByMethod, methodName, nextSort, type SortKey, type TableQuery } from '../../report/columns-table.ts';
import type { ColumnDrift } from '../../report/report-json.ts';
import { Sparkline } from './Sparkline.tsx';

/** Rows drawn at first, and added by each "Show more". */
export const ROWS_SHOWN = 200;

const HEADERS: readonly { readonly key: SortKey; readonly label: string }[] = [
  { key: 'name', label: 'Column' },
  { key: 'method', label: 'Method' },
  { key: 'statistic', label: 'Statistic' },
  { key: 'p_value', label: 'p-value' },
  { key: 'effect', label: 'Effect size' },
  { key: 'threshold', label: 'Threshold' },
  { key: 'score', label: 'Drift score' },
];

export function ColumnsTable({ rows, onPick }: { readonly rows: readonly ColumnDrift[]; readonly onPick: (name: string) => void }) {
  const [query, setQuery] = useState<TableQuery>(DEFAULT_QUERY);
  const [grouped, setGrouped] = useState(false);
  const [limit, setLimit] = useState(ROWS_SHOWN);
  const shown = useMemo(() => applyQuery(rows, query), [rows, query]);
  const groups = useMemo(() => (grouped ? groupByMethod(shown) : [{ method: '', label: '', rows: shown, drifted: 0 }]), [grouped, shown]);
  const hidden = groups.reduce((n, g) => n + Math.max(0, g.rows.length - limit), 0);

  const header = (key: SortKey, label: string) => {
    const active = query.sort.key === key;
    return (
      <th key={key} scope="col" aria-sort={active ? (query.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="sort" onClick={() => setQuery((q) => ({ ...q, sort: nextSort(q.sort, key) }))}>
          {label} <span aria-hidden="true">{active ? (query.sort.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="columns-table">
      <div className="toolbar" role="search">
        <label className="field inline">
          <span>Search</span>
          <input type="search" placeholder="column or method" value={query.search} onChange={(e) => setQuery((q) => ({ ...q, search: e.target.value }))} />
        </label>
        <label className="check"><input type="checkbox" checked={query.driftedOnly} onChange={(e) => setQuery((q) => ({ ...q, driftedOnly: e.target.checked }))} /> Drifted only</label>
        <label className="check"><input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} /> Group by method</label>
        {/* On a phone the header row is hidden (rows are cards), so sorting has its own control. */}
        <label className="field inline narrow-only">
          <span>Sort by</span>
          <select value={`${query.sort.key}:${query.sort.dir}`} onChange={(e) => {
            const [key, dir] = e.target.value.split(':') as [SortKey, 'asc' | 'desc'];
            setQuery((q) => ({ ...q, sort: { key, dir } }));
          }}>
            {[...HEADERS, { key: 'status' as const, label: 'Status' }].flatMap((h) => [
              <option key={`${h.key}:desc`} value={`${h.key}:desc`}>{h.label} ↓</option>,
              <option key={`${h.key}:asc`} value={`${h.key}:asc`}>{h.label} ↑</option>,
            ])}
          </select>
        </label>
        <span className="muted" aria-live="polite">{fmtCount(shown.length)} of {fmtCount(rows.length)} columns</span>
      </div>
      {groups.map((g) => (
        <div key={g.method} className="group">
          {grouped ? <h4 className="group-title">{g.label} <span className="muted">({g.rows.length} columns, {g.drifted} drifted)</span></h4> : null}
          <table className="data responsive" data-testid={grouped ? `columns-${g.method}` : 'columns'}>
            <thead>
              <tr>
                {HEADERS.map((h) => header(h.key, h.label))}
                <th scope="col">Distribution</th>
                {header('status', 'Status')}
              </tr>
            </thead>
            <tbody>
              {g.rows.slice(0, limit).map((c) => (
                <tr key={`${c.role}:${c.name}`} className={c.drifted ? 'row-drifted' : undefined}>
                  <td data-label="Column" className="name">
                    <button type="button" className="link" onClick={() => onPick(c.name)} title="Show in the distribution explorer">{c.name}</button>
                    {c.role !== 'feature' ? <span className="tag">{c.role}</span> : null}
                  </td>
                  <td data-label="Method">{methodName(c.method)}</td>
                  <td data-label="Statistic" className="num">{fmtNumber(c.statistic)}</td>
                  <td data-label="p-value" className="num">{fmtPValue(c.p_value)}</td>
                  <td data-label="Effect size" className="num">{c.effect_size === null ? '—' : `${fmtNumber(c.effect_size.value)} (${methodName(c.effect_size.method)})`}</td>
                  <td data-label="Threshold" className="num">{fmtNumber(c.threshold)}</td>
                  <td data-label="Drift score" className="num">{fmtNumber(c.score)}</td>
                  <td data-label="Distribution"><Sparkline column={c} /></td>
                  <td data-label="Status"><StatusPill drifted={c.drifted} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {hidden > 0 ? (
        <p className="more-rows">
          <span className="muted">{fmtCount(hidden)} more {hidden === 1 ? 'column' : 'columns'} not drawn (search or filter to find one). </span>
          <button type="button" className="link" onClick={() => setLimit((l) => l + ROWS_SHOWN)}>Show {fmtCount(Math.min(ROWS_SHOWN, hidden))} more</button>
        </p>
      ) : null}
      {shown.length === 0 ? <p className="muted">No column matches.</p> : null}
    </div>
  );
}

/** The text alternative of a time-series chart: its points as a table (newest first), folded away by default. */
import type { Series } from '../api/types.ts';
import { fmtNumber, fmtPercent, fmtTime } from '../lib/format.ts';
import { points } from '../lib/series-charts.ts';

export function SeriesTable({ caption, columns }: { readonly caption: string; readonly columns: readonly { readonly name: string; readonly series: Series | undefined; readonly percent?: boolean }[] }) {
  const times = [...new Set(columns.flatMap((c) => points(c.series).map(([t]) => t)))].sort((a, b) => b - a).slice(0, 50);
  const lookup = columns.map((c) => new Map(points(c.series)));
  return (
    <details className="chart-data">
      <summary>{caption}: data table</summary>
      {times.length === 0 ? (
        <p className="muted">No data yet.</p>
      ) : (
        <table className="data">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              {columns.map((c) => <th scope="col" key={c.name}>{c.name}</th>)}
            </tr>
          </thead>
          <tbody>
            {times.map((t) => (
              <tr key={t}>
                <td data-label="Time">{fmtTime(t)}</td>
                {columns.map((c, i) => {
                  const v = lookup[i]!.get(t);
                  return <td key={c.name} data-label={c.name}>{v === undefined || v === null ? '—' : c.percent === true ? fmtPercent(v) : fmtNumber(v)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** A column's summary statistics as rows of (label, reference, current) text for the side-by-side table. */
import { fmtCount, fmtNumber, fmtPercent } from '../lib/format.ts';
import type { ColumnDrift } from './report-json.ts';

export interface SummaryRow {
  readonly label: string;
  readonly reference: string;
  readonly current: string;
}

type Side = ColumnDrift['summary']['reference'];

function topText(s: Side, i: number): string {
  if (s.type !== 'categorical') return '—';
  const t = s.top[i];
  return t === undefined ? '—' : `${t.value} (${fmtPercent(t.share)})`;
}

export function summaryRows(column: ColumnDrift): SummaryRow[] {
  const { reference: r, current: c } = column.summary;
  const rows: SummaryRow[] = [
    { label: 'count', reference: fmtCount(r.count), current: fmtCount(c.count) },
    { label: 'missing', reference: `${fmtCount(r.missing)} (${fmtPercent(r.missing_share)})`, current: `${fmtCount(c.missing)} (${fmtPercent(c.missing_share)})` },
  ];
  if (r.type === 'numeric' && c.type === 'numeric') {
    const q = (s: typeof r, k: 'p05' | 'p25' | 'p50' | 'p75' | 'p95'): string => (s.quantiles === null ? '—' : fmtNumber(s.quantiles[k]));
    rows.push(
      { label: 'mean', reference: fmtNumber(r.mean), current: fmtNumber(c.mean) },
      { label: 'std', reference: fmtNumber(r.std), current: fmtNumber(c.std) },
      { label: 'min', reference: fmtNumber(r.min), current: fmtNumber(c.min) },
      { label: '5%', reference: q(r, 'p05'), current: q(c, 'p05') },
      { label: '25%', reference: q(r, 'p25'), current: q(c, 'p25') },
      { label: 'median', reference: q(r, 'p50'), current: q(c, 'p50') },
      { label: '75%', reference: q(r, 'p75'), current: q(c, 'p75') },
      { label: '95%', reference: q(r, 'p95'), current: q(c, 'p95') },
      { label: 'max', reference: fmtNumber(r.max), current: fmtNumber(c.max) },
    );
  } else {
    rows.push({ label: 'unique', reference: r.type === 'categorical' ? fmtCount(r.unique) : '—', current: c.type === 'categorical' ? fmtCount(c.unique) : '—' });
    const n = Math.min(5, Math.max(r.type === 'categorical' ? r.top.length : 0, c.type === 'categorical' ? c.top.length : 0));
    for (let i = 0; i < n; i++) rows.push({ label: `top ${i + 1}`, reference: topText(r, i), current: topText(c, i) });
  }
  return rows;
}

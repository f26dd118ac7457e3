/** Table cells shared by the HTML report's tables: numbers carry their raw value for the sorting script. */
import type { ColumnDrift } from '../../drift/index.js';
import { PALETTE } from '../charts/index.js';
import { decidingEffect, formatEffect, formatPValue, formatScore, formatStatistic } from '../format.js';
import { h, type Raw } from './escape.js';

/** The raw number for data-value: Number() in the browser reads "Infinity" back; NaN and null sort last as "". */
function sortValue(x: number | null): string {
  if (x === null || Number.isNaN(x)) return '';
  return String(x);
}

export function numCell(x: number | null, text: string): Raw {
  return h`<td class="num" data-value="${sortValue(x)}">${text}</td>`;
}

export function statusPill(drifted: boolean): Raw {
  return drifted ? h`<span class="pill drift">Drifted</span>` : h`<span class="pill stable">Stable</span>`;
}

export function statusCell(drifted: boolean): Raw {
  return h`<td data-value="${drifted ? '1' : '0'}">${statusPill(drifted)}</td>`;
}

export function scoreCell(c: ColumnDrift): Raw {
  const pct = Math.round(Math.min(1, Math.max(0, c.score)) * 100);
  const color = c.drifted ? PALETTE.drifted : PALETTE.stable;
  return h`<td class="num" data-value="${sortValue(c.score)}"><span class="score"><span class="bar"><span style="width:${pct}%;background:${color}"></span></span>${formatScore(c.score)}</span></td>`;
}

export function statisticCell(c: ColumnDrift): Raw {
  return numCell(c.statistic, formatStatistic(c.statistic));
}

export function pValueCell(c: ColumnDrift): Raw {
  return numCell(c.p_value, formatPValue(c.p_value, '—'));
}

/** The effect size that decided the verdict beside the p-value (a distance method's own statistic), against its threshold. */
export function effectCell(c: ColumnDrift): Raw {
  const e = decidingEffect(c);
  if (e === null) return h`<td class="num" data-value=""><span class="muted">—</span></td>`;
  return h`<td class="num effect" data-value="${sortValue(e.value)}" title="${e.method} ${formatStatistic(e.value)}, threshold ${formatStatistic(e.threshold)}">${formatEffect(e)}</td>`;
}

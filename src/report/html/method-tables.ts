import type { ColumnDrift } from '../../drift/index.js';
import { columnsByScore } from '../charts/index.js';
import { formatStatistic } from '../format.js';
import { changeOf } from '../report-columns.js';
import { effectCell, numCell, pValueCell, scoreCell, statisticCell, statusCell } from './cells.js';
import { h, type Raw } from './escape.js';
import { sparklineSvg } from './sparkline.js';

/** Feature columns grouped by drift method, groups in order of first appearance by score. */
function groupByMethod(columns: readonly ColumnDrift[]): Map<string, ColumnDrift[]> {
  const groups = new Map<string, ColumnDrift[]>();
  for (const c of columnsByScore(columns)) {
    const list = groups.get(c.method) ?? [];
    list.push(c);
    groups.set(c.method, list);
  }
  return groups;
}

function table(columns: readonly ColumnDrift[], anchorOf: (c: ColumnDrift) => string): Raw {
  const rows = columns.map((c) => {
    const change = c.drifted ? changeOf(c) : null;
    return h`<tr data-name="${c.name.toLowerCase()}" data-drifted="${c.drifted ? '1' : '0'}">
<td class="name" data-value="${c.name}"><a href="#${anchorOf(c)}">${c.name}</a>${change === null ? null : h`<span class="change">${change}</span>`}</td><td>${c.kind}</td><td class="sparkcell">${sparklineSvg(c)}</td>${statisticCell(c)}${pValueCell(c)}${effectCell(c)}${numCell(c.threshold, formatStatistic(c.threshold))}${scoreCell(c)}${statusCell(c.drifted)}
</tr>`;
  });
  // Fixed column widths so the per-method tables line up under each other. On a phone the rows become
  // cards (style.ts labels their cells by position, so the column order here and there must agree).
  return h`<div class="table-wrap"><table class="sortable fixed cards">
<colgroup><col style="width:20%"><col style="width:9%"><col style="width:9%"><col style="width:8%"><col style="width:8%"><col style="width:15%"><col style="width:9%"><col style="width:12%"><col style="width:10%"></colgroup>
<thead><tr><th>Column</th><th>Kind</th><th>Distribution</th><th class="num" data-type="num">Statistic</th><th class="num" data-type="num">p-value</th><th class="num" data-type="num">Effect size</th><th class="num" data-type="num">Threshold</th><th class="num" data-type="num" aria-sort="descending">Score</th><th data-type="num">Status</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

/** One sortable table per drift method (columns analysed with the same test compare directly). */
export function methodTablesHtml(columns: readonly ColumnDrift[], anchorOf: (c: ColumnDrift) => string): Raw {
  const groups = [...groupByMethod(columns)].map(([method, list]) => {
    // A shared reason explains the whole group; differing ones are shown per column in the panels.
    const reasons = new Set(list.map((c) => c.reason));
    const reason = reasons.size === 1 ? h`<p class="meta small">${list[0]!.reason}</p>` : null;
    return h`<div class="method-group"><h3>${method} · ${list.length} column${list.length === 1 ? '' : 's'}</h3>
${reason}
${table(list, anchorOf)}</div>`;
  });
  return h`<section class="card" id="columns"><h2>Columns by method</h2>
<p class="meta">Click a header to sort; click a column name to open its distribution. A small p-value alone does not make a column drift when the preset also asks for an effect size: the effect-size column shows the value that decided, against its threshold.</p>
<div class="filters" role="search"><input type="search" id="column-search" placeholder="Search columns" aria-label="Search columns"><label><input type="checkbox" id="drifted-only"> Drifted only</label><span class="muted small" id="filter-count" aria-live="polite"></span></div>
${groups}
</section>`;
}

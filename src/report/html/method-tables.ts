import type { ColumnDrift } from '../../drift/index.js';
import { formatCount, formatStatistic } from '../format.js';
import { HTML_MAX_FEATURES } from '../limits.js';
import { changeOf } from '../report-columns.js';
import { effectCell, numCell, pValueCell, scoreCell, statisticCell, statusCell } from './cells.js';
import { h, type Raw } from './escape.js';
import type { FeatureListing } from './features.js';
import { everyItemIn } from './listing.js';
import { sparklineSvg } from './sparkline.js';

/** A drift method's columns: how many there are and those the tables list. */
interface MethodGroup {
  total: number;
  readonly listed: ColumnDrift[];
}

/**
 * Columns (by score) grouped by drift method, groups in order of first appearance. Only the columns in
 * `listed` are listed; the rest are counted.
 */
function groupByMethod(byScore: readonly ColumnDrift[], listed: ReadonlySet<ColumnDrift> | null): Map<string, MethodGroup> {
  const groups = new Map<string, MethodGroup>();
  for (const c of byScore) {
    let group = groups.get(c.method);
    if (group === undefined) groups.set(c.method, (group = { total: 0, listed: [] }));
    group.total += 1;
    if (listed === null || listed.has(c)) group.listed.push(c);
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

function groupHtml(method: string, group: MethodGroup, anchorOf: (c: ColumnDrift) => string): Raw {
  const { listed, total } = group;
  const count = listed.length === total ? `${total} column${total === 1 ? '' : 's'}` : `${formatCount(listed.length)} of ${formatCount(total)} columns`;
  // Not a .method-group, which the filter hides when none of its rows shows: it has no rows to show.
  if (listed.length === 0) return h`<div><h3>${method} · ${count}</h3><p class="meta small">None of them is among the ${formatCount(HTML_MAX_FEATURES)} listed.</p></div>`;
  // A shared reason explains the whole group; differing ones are shown per column in the panels.
  const reasons = new Set(listed.map((c) => c.reason));
  const reason = reasons.size === 1 ? h`<p class="meta small">${listed[0]!.reason}</p>` : null;
  return h`<div class="method-group"><h3>${method} · ${count}</h3>
${reason}
${table(listed, anchorOf)}</div>`;
}

/**
 * One sortable table per drift method (columns analysed with the same test compare directly), rows by
 * score. Past HTML_MAX_FEATURES features the tables list only the features that have a distribution panel
 * (FeatureListing.listed) and say so, and where every feature is.
 */
export function methodTablesHtml({ byScore, listed: shown }: FeatureListing, anchorOf: (c: ColumnDrift) => string, companions: readonly string[] = []): Raw {
  const cut = shown.length < byScore.length;
  const groups = groupByMethod(byScore, cut ? new Set(shown) : null);
  const html = [...groups].map(([method, group]) => groupHtml(method, group, anchorOf));
  const listed = cut
    ? h`<p class="meta wide-note">This report has ${formatCount(byScore.length)} features: the tables list the ${formatCount(HTML_MAX_FEATURES)} with a distribution panel below (drifted ones first, then the highest drift scores), and the search and “Drifted only” filter those rows. Every feature is in ${everyItemIn(['json', 'csv'], companions)}.</p>\n`
    : null;
  // Short enough for the box (260 px).
  const search = cut ? `Search ${formatCount(HTML_MAX_FEATURES)} listed columns` : 'Search columns';
  return h`<section class="card" id="columns"><h2>Columns by method</h2>
<p class="meta">Click a header to sort; click a column name to open its distribution. A small p-value alone does not make a column drift when the preset also asks for an effect size: the effect-size column shows the value that decided, against its threshold.</p>
${listed}<div class="filters" role="search"><input type="search" id="column-search" placeholder="${search}" aria-label="${search}"><label><input type="checkbox" id="drifted-only"> Drifted only</label><span class="muted small" id="filter-count" aria-live="polite"></span></div>
${html}
</section>`;
}

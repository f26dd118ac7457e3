/** The smaller report sections: target and prediction drift, data quality, excluded columns, schema changes, notes. */
import type { ColumnDrift, ColumnQuality, DriftReport, QualityIssue } from '../../drift/index.js';
import { formatCount, formatPercent } from '../format.js';
import { HTML_MAX_ISSUES, HTML_MAX_QUALITY_ROWS } from '../limits.js';
import { changeOf } from '../report-columns.js';
import { effectCell, pValueCell, scoreCell, statisticCell, statusCell } from './cells.js';
import { distributionPanel } from './distributions.js';
import { h, type Raw } from './escape.js';
import { everyItemIn } from './listing.js';

export function roleSectionHtml(roles: readonly ColumnDrift[], anchorOf: (c: ColumnDrift) => string): Raw {
  if (roles.length === 0) {
    return h`<section class="card" id="target"><h2>Target and prediction drift</h2><p class="muted">No target or prediction column was given.</p></section>`;
  }
  const rows = roles.map((c) => {
    const change = c.drifted ? changeOf(c) : null;
    return h`<tr><td class="name">${c.name}${change === null ? null : h`<span class="change">${change}</span>`}</td><td>${c.role}</td><td>${c.kind}</td><td>${c.method}</td>${statisticCell(c)}${pValueCell(c)}${effectCell(c)}${scoreCell(c)}${statusCell(c.drifted)}</tr>`;
  });
  return h`<section class="card" id="target"><h2>Target and prediction drift</h2>
<div class="table-wrap"><table class="cards roles"><thead><tr><th>Column</th><th>Role</th><th>Kind</th><th>Method</th><th class="num">Statistic</th><th class="num">p-value</th><th class="num">Effect size</th><th class="num">Score</th><th>Status</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${roles.map((c) => distributionPanel(c, anchorOf(c), true))}
</section>`;
}

/**
 * The per-column quality rows worth a look first: a column named by an issue, or whose missing share
 * changed; then the others, each group in the report's order. Up to HTML_MAX_QUALITY_ROWS of them.
 */
function qualityRowsListed(columns: readonly ColumnQuality[], issues: readonly QualityIssue[]): ColumnQuality[] {
  if (columns.length <= HTML_MAX_QUALITY_ROWS) return [...columns];
  const named = new Set(issues.map((i) => i.column));
  const notable = (q: ColumnQuality): boolean => named.has(q.name) || q.missing_share_change !== 0;
  const listed: ColumnQuality[] = [];
  for (const wanted of [true, false]) {
    for (const q of columns) {
      if (listed.length >= HTML_MAX_QUALITY_ROWS) return listed;
      if (notable(q) === wanted) listed.push(q);
    }
  }
  return listed;
}

export function qualityHtml(report: DriftReport, companions: readonly string[] = []): Raw {
  const { issues, columns } = report.quality;
  const shownIssues = issues.slice(0, HTML_MAX_ISSUES);
  const issuesLeftOut = issues.length > shownIssues.length
    ? h`<p class="meta small">The first ${formatCount(shownIssues.length)} of ${formatCount(issues.length)} issues; every one is in ${everyItemIn(['json'], companions)}.</p>\n`
    : null;
  const issueList = issues.length === 0
    ? h`<p class="muted">No data-quality issues found.</p>`
    : h`${issuesLeftOut}<ul class="plain">${shownIssues.map((i) => h`<li><span class="issue-kind">${i.kind.replace(/_/g, ' ')}</span><strong>${i.column}</strong>: ${i.message}</li>`)}</ul>`;
  const pct = (x: number | null): string => (x === null ? '—' : formatPercent(x, 1));
  const listed = qualityRowsListed(columns, issues);
  const rowsLeftOut = listed.length < columns.length
    ? h`<p class="meta small">${formatCount(listed.length)} of ${formatCount(columns.length)} columns: those named by an issue or whose missing share changed first. Every column is in ${everyItemIn(['json'], companions)}.</p>\n`
    : null;
  const rows = listed.map((q) => h`<tr><td class="name">${q.name}</td><td class="num">${pct(q.missing_share_reference)}</td><td class="num">${pct(q.missing_share_current)}</td><td class="num">${q.missing_share_change > 0 ? '+' : ''}${pct(q.missing_share_change)}</td><td class="num">${pct(q.out_of_range_share)}</td><td>${q.new_categories.join(', ') || '—'}</td><td>${[q.constant_reference ? 'reference' : '', q.constant_current ? 'current' : ''].filter(Boolean).join(', ') || '—'}</td></tr>`);
  return h`<section class="card" id="quality"><h2>Data quality</h2>
${issueList}
<h3>Per column</h3>
${rowsLeftOut}<div class="table-wrap"><table><thead><tr><th>Column</th><th class="num">Missing (ref)</th><th class="num">Missing (cur)</th><th class="num">Change</th><th class="num">Out of range</th><th>New categories</th><th>Constant in</th></tr></thead>
<tbody>${rows}</tbody></table></div>
</section>`;
}

export function excludedAndSchemaHtml(report: DriftReport): Raw {
  const excluded = report.excluded.length === 0
    ? h`<p class="muted">None.</p>`
    : h`<table><thead><tr><th>Column</th><th>Reason</th></tr></thead><tbody>${report.excluded.map((e) => h`<tr><td class="name">${e.name}</td><td>${e.reason}</td></tr>`)}</tbody></table>`;
  const s = report.schema;
  const items = [
    ...s.missing_in_current.map((n) => h`<li><strong>${n}</strong>: in the reference, missing in current</li>`),
    ...s.extra_in_current.map((n) => h`<li><strong>${n}</strong>: new in current</li>`),
    ...s.type_changes.map((t) => h`<li><strong>${t.name}</strong>: ${t.reference} → ${t.current}</li>`),
  ];
  const schema = items.length === 0 ? h`<p class="muted">The two datasets have the same columns and kinds.</p>` : h`<ul class="plain">${items}</ul>`;
  return h`<div class="grid-2">
<section class="card" id="excluded"><h2>Excluded columns</h2>${excluded}</section>
<section class="card" id="schema"><h2>Schema changes</h2>${schema}</section>
</div>`;
}

export function notesHtml(report: DriftReport): Raw {
  const warnings = report.warnings ?? [];
  if (report.notes.length === 0 && warnings.length === 0) return h``;
  return h`<section class="card" id="notes"><h2>Notes</h2><ul class="plain">${warnings.map((w) => h`<li><strong>Warning:</strong> ${w}</li>`)}${report.notes.map((n) => h`<li>${n}</li>`)}</ul></section>`;
}

import type { ColumnDrift, SampleSummary } from '../../drift/index.js';
import { decidingEffect, formatCount, formatEffect, formatMeasure, formatPercent, formatPValue, formatScore, formatStatistic, methodLabel } from '../format.js';
import { HTML_MAX_CHARTS_WIDE, HTML_MAX_FEATURES } from '../limits.js';
import { changeOf } from '../report-columns.js';
import { statusPill } from './cells.js';
import { distributionChartHtml } from './distribution-chart.js';
import { h, raw, type Raw } from './escape.js';
import type { FeatureListing } from './features.js';
import { everyItemIn } from './listing.js';

function stat(x: number | null): string {
  return x === null ? '—' : formatMeasure(x);
}

function summaryRows(ref: SampleSummary, cur: SampleSummary): Raw[] {
  const row = (label: string, a: string, b: string): Raw => h`<tr><td>${label}</td><td class="num">${a}</td><td class="num">${b}</td></tr>`;
  const rows = [
    row('Values', formatCount(ref.count), formatCount(cur.count)),
    row('Missing', formatPercent(ref.missing_share, 1), formatPercent(cur.missing_share, 1)),
  ];
  if (ref.type === 'numeric' && cur.type === 'numeric') {
    rows.push(
      row('Mean', stat(ref.mean), stat(cur.mean)),
      row('Std', stat(ref.std), stat(cur.std)),
      row('Min', stat(ref.min), stat(cur.min)),
      row('Median', stat(ref.quantiles?.p50 ?? null), stat(cur.quantiles?.p50 ?? null)),
      row('Max', stat(ref.max), stat(cur.max)),
    );
  } else if (ref.type === 'categorical' && cur.type === 'categorical') {
    rows.push(row('Unique', formatCount(ref.unique), formatCount(cur.unique)));
    const top = (s: typeof ref, i: number): string => (s.top[i] ? `${s.top[i]!.value} (${formatPercent(s.top[i]!.share, 1)})` : '—');
    for (let i = 0; i < Math.min(5, Math.max(ref.top.length, cur.top.length)); i++) rows.push(row(`Top ${i + 1}`, top(ref, i), top(cur, i)));
  }
  return rows;
}

/**
 * Server-side chart rendering costs tens of milliseconds per chart, and hundreds of inline SVGs make a
 * heavy page, so past this many panels the chart is left out (the summary table stays).
 */
const MAX_DISTRIBUTION_CHARTS = 100;

/**
 * One collapsible panel: what changed, the distribution chart, the two samples' summaries and the test
 * details. Without its chart, it says that only the first `charts` features have one.
 */
export function distributionPanel(c: ColumnDrift, id: string, open = false, withChart = true, charts = MAX_DISTRIBUTION_CHARTS): Raw {
  const chart = withChart
    ? distributionChartHtml(c, id)
    : h`<p class="muted small">Chart left out: only the first ${charts} features by drift score get one. The histogram data is in drift_report.json.</p>`;
  const extra = [
    c.new_categories.length > 0 ? h`<p class="small"><strong>Only in current:</strong> ${c.new_categories.join(', ')}</p>` : null,
    c.vanished_categories.length > 0 ? h`<p class="small"><strong>Only in reference:</strong> ${c.vanished_categories.join(', ')}</p>` : null,
  ].filter((x): x is Raw => x !== null);
  const change = changeOf(c);
  const effect = decidingEffect(c);
  const decided = effect === null ? null : h`<p class="small muted">Effect size: ${formatEffect(effect)}${effect.exceeded ? '' : ' (below its threshold: not drifted, whatever the p-value)'}.</p>`;
  return h`<details class="dist" id="${id}" data-name="${c.name.toLowerCase()}" data-drifted="${c.drifted ? '1' : '0'}"${raw(open ? ' open' : '')}>
<summary><span class="name">${c.name}</span><span class="muted small">${c.kind} · ${methodLabel(c)} · score ${formatScore(c.score)}</span>${statusPill(c.drifted)}${change === null ? null : h`<span class="change">${change}</span>`}</summary>
<div class="body">
<div class="chart" role="img" aria-label="Reference and current distribution">${chart}</div>
<div>
<table><thead><tr><th></th><th class="num">Reference</th><th class="num">Current</th></tr></thead><tbody>${summaryRows(c.summary.reference, c.summary.current)}</tbody></table>
<p class="small muted">${c.method} statistic ${formatStatistic(c.statistic)}, p-value ${formatPValue(c.p_value, 'n/a')}, threshold ${formatStatistic(c.threshold)}; n = ${formatCount(c.n_reference)} reference / ${formatCount(c.n_current)} current.</p>
${decided}
<p class="small muted">Method: ${c.reason}</p>
${extra}
</div>
</div>
</details>`;
}

/**
 * Every feature's panel (up to HTML_MAX_FEATURES, FeatureListing.listed: a panel each would make a page of
 * hundreds of megabytes for a file 100,000 columns wide), drifted ones first and open, with
 * expand/collapse-all buttons.
 */
export function distributionsHtml({ byScore, listed: ordered }: FeatureListing, anchorOf: (c: ColumnDrift) => string, companions: readonly string[] = []): Raw {
  const leftOut = byScore.length - ordered.length;
  const charts = leftOut > 0 ? HTML_MAX_CHARTS_WIDE : MAX_DISTRIBUTION_CHARTS;
  const which = leftOut > 0
    ? h` The first ${formatCount(HTML_MAX_FEATURES)} features (drifted ones first, then by drift score) have a panel — the ones the tables above list — and the first ${HTML_MAX_CHARTS_WIDE} of them a chart; the other ${formatCount(leftOut)} are in ${everyItemIn(['json'], companions)}.`
    : null;
  return h`<section class="card" id="distributions"><h2>Feature distributions</h2>
<p class="meta"><span class="key ref"></span>Reference against <span class="key cur"></span>current, as a share of non-missing values; hover a bar for both values. Drifted columns are open.${which}</p>
<div class="toolbar"><button type="button" data-toggle-all="open">Expand all</button><button type="button" data-toggle-all="close">Collapse all</button></div>
${ordered.map((c, i) => distributionPanel(c, anchorOf(c), c.drifted && i < charts, i < charts, charts))}
</section>`;
}

import type { ColumnDrift, DriftReport } from '../../drift/index.js';
import { driftGaugeChart, driftPieChart, driftScoreBarChart, driftScoreBarHeight, MAX_SCORE_BARS, scoreBarSubset } from '../charts/index.js';
import { formatCount } from '../format.js';
import { HTML_MAX_FEATURES } from '../limits.js';
import { h, raw, type Raw } from './escape.js';
import { inlineSvg } from './inline-svg.js';

/** The pie, the gauge and the per-feature drift-score bars (`byScore`: the features in columnsByScore's order), rendered server-side to inline SVG. */
export function overviewChartsHtml(report: DriftReport, byScore: readonly ColumnDrift[]): Raw {
  const pie = inlineSvg(driftPieChart(report), 360, 260, 'pie');
  const gauge = inlineSvg(driftGaugeChart(report), 360, 260, 'gauge');
  const shown = scoreBarSubset(report, byScore);
  // A wide and a phone-sized rendering; the stylesheet shows one (a 1100-px chart shrunk to a phone is unreadable).
  const wide = inlineSvg(driftScoreBarChart(shown), 1100, driftScoreBarHeight(shown), 'scores');
  const compact = inlineSvg(driftScoreBarChart(shown, { compact: true }), 360, driftScoreBarHeight(shown), 'scores-compact');
  const bars = `<div class="variant wide">${wide}</div><div class="variant compact">${compact}</div>`;
  const which = shown === report
    ? ''
    : report.columns.length > HTML_MAX_FEATURES
      ? ` The ${MAX_SCORE_BARS} highest of ${formatCount(report.columns.length)} features; the tables below list ${formatCount(HTML_MAX_FEATURES)}.`
      : ` The ${MAX_SCORE_BARS} highest of ${report.columns.length} features; the tables below list every one.`;
  return h`<div class="charts">
<section class="card"><h2>Drifted vs stable columns</h2><div class="chart" role="img" aria-label="Pie chart of drifted and stable columns">${raw(pie)}</div></section>
<section class="card"><h2>Drifted share vs threshold</h2><div class="chart" role="img" aria-label="Gauge of the drifted share against the dataset threshold">${raw(gauge)}</div></section>
</div>
<section class="card" style="margin-top:18px"><h2>Drift score by feature</h2>
<p class="meta">Scores are comparable across methods: every method's threshold maps to 0.5 (dashed line).${which}</p>
<div class="chart" role="img" aria-label="Bar chart of drift scores per feature">${raw(bars)}</div></section>`;
}

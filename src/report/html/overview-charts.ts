import type { DriftReport } from '../../drift/types.js';
import { driftGaugeChart, driftPieChart, driftScoreBarChart, driftScoreBarHeight } from '../charts/index.js';
import { h, raw, type Raw } from './escape.js';
import { inlineSvg } from './inline-svg.js';

/** The pie, the gauge and the per-feature drift-score bars, rendered server-side to inline SVG. */
export function overviewChartsHtml(report: DriftReport): Raw {
  const pie = inlineSvg(driftPieChart(report), 360, 260, 'pie');
  const gauge = inlineSvg(driftGaugeChart(report), 360, 260, 'gauge');
  const bars = inlineSvg(driftScoreBarChart(report), 1100, driftScoreBarHeight(report), 'scores');
  return h`<div class="charts">
<section class="card"><h2>Drifted vs stable columns</h2><div class="chart" role="img" aria-label="Pie chart of drifted and stable columns">${raw(pie)}</div></section>
<section class="card"><h2>Drifted share vs threshold</h2><div class="chart" role="img" aria-label="Gauge of the drifted share against the dataset threshold">${raw(gauge)}</div></section>
</div>
<section class="card" style="margin-top:18px"><h2>Drift score by feature</h2>
<p class="meta">Scores are comparable across methods: every method's threshold maps to 0.5 (dashed line).</p>
<div class="chart" role="img" aria-label="Bar chart of drift scores per feature">${raw(bars)}</div></section>`;
}

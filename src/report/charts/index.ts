/**
 * Chart specifications: pure functions from a DriftReport (or one column of it) to a plain, JSON-serialisable
 * ECharts option. Shared by the HTML and PNG reports (rendered to SVG on the server) and the web dashboard
 * (rendered in the browser), so nothing here touches the DOM, Node APIs, the clock or randomness.
 */
export { baseOption, FONT_FAMILY, PALETTE, type ChartSpec } from './theme.js';
export { formatEdge, roundTo } from './chart-format.js';
export { columnsByScore, columnsDriftedFirst, driftedFirst, driftScoreBarChart, driftScoreBarHeight, MAX_SCORE_BARS, SCORE_THRESHOLD, scoreBarSubset } from './drift-score-bar.js';
export { driftPieChart } from './drift-pie.js';
export { driftGaugeChart } from './drift-gauge.js';
export { binLabels, distributionBins, type DistributionBins } from './distribution-bins.js';
export { distributionMargins, distributionOverlayChart, type OverlayOptions, type PlotMargins } from './distribution-overlay.js';
export { sparkline, SPARKLINE_MAX_BARS, type Sparkline } from './sparkline.js';
export { NON_FINITE, reviveNonFinite } from './revive-json.js';

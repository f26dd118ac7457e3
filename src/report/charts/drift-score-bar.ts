import type { ColumnDrift, DriftReport } from '../../drift/index.js';
import { roundTo } from './chart-format.js';
import { baseOption, PALETTE, type ChartSpec } from './theme.js';

/** Every method's threshold maps to this drift score (docs/drift-score.md). */
export const SCORE_THRESHOLD = 0.5;

/** A NaN score (no evidence either way) sorts below every real one instead of scrambling the sort. */
const sortableScore = (c: ColumnDrift): number => (Number.isNaN(c.score) ? -Infinity : c.score);

/** Feature columns by drift score, highest first; ties by name so the order is stable. */
export function columnsByScore(columns: readonly ColumnDrift[]): ColumnDrift[] {
  return [...columns].sort((a, b) => sortableScore(b) - sortableScore(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Drifted columns first, each group by drift score (columnsByScore's order within it): the order of a list cut
 * short, so that what it shows starts with every drifted column. The score alone can rank a stable column
 * above a drifted one (a preset that combines its criteria by "or", or the evidently preset's `<=`).
 */
export function columnsDriftedFirst(columns: readonly ColumnDrift[]): ColumnDrift[] {
  return driftedFirst(columnsByScore(columns));
}

/** A list already in columnsByScore's order, drifted columns moved to the front (no second sort). */
export function driftedFirst(byScore: readonly ColumnDrift[]): ColumnDrift[] {
  return [...byScore.filter((c) => c.drifted), ...byScore.filter((c) => !c.drifted)];
}

/**
 * Bars beyond this would make a chart taller than anyone scrolls, and laying out an axis of thousands of
 * labels takes the chart library seconds (a browser drawing 100,000 bars stalls): a wide report's chart shows
 * its highest scores, and the tables list more.
 */
export const MAX_SCORE_BARS = 60;

/**
 * The report as the drift-score chart draws it: every feature, or the MAX_SCORE_BARS highest of a wider
 * one (`byScore`: the features in columnsByScore's order, when the caller has them).
 */
export function scoreBarSubset<R extends DriftReport>(report: R, byScore?: readonly ColumnDrift[]): R {
  if (report.columns.length <= MAX_SCORE_BARS) return report;
  return { ...report, columns: (byScore ?? columnsByScore(report.columns)).slice(0, MAX_SCORE_BARS) };
}

/** A height that gives each feature's bar room to breathe; callers pass it to the renderer. */
export function driftScoreBarHeight(report: DriftReport): number {
  return Math.max(160, 60 + 26 * report.columns.length);
}

/**
 * Horizontal bars of each feature's drift score, highest on top, red when drifted and green when stable,
 * with a dashed mark line at the 0.5 threshold every method maps to.
 */
export function driftScoreBarChart(report: DriftReport, options: { readonly compact?: boolean } = {}): ChartSpec {
  const columns = columnsByScore(report.columns);
  return {
    ...baseOption(),
    grid: { left: 8, right: 48, top: 24, bottom: 24, containLabel: true },
    xAxis: {
      type: 'value', min: 0, max: 1, interval: 0.25,
      axisLabel: { color: PALETTE.muted }, splitLine: { lineStyle: { color: PALETTE.grid } },
    },
    yAxis: {
      type: 'category', inverse: true,
      data: columns.map((c) => c.name),
      // A phone-sized chart leaves the bars more room than the names.
      axisLabel: { color: PALETTE.text, width: options.compact === true ? 110 : 180, overflow: 'truncate' },
      axisTick: { show: false }, axisLine: { lineStyle: { color: PALETTE.grid } },
    },
    series: [
      {
        type: 'bar', name: 'drift score', barMaxWidth: 18,
        data: columns.map((c) => ({ value: roundTo(c.score, 3), itemStyle: { color: c.drifted ? PALETTE.drifted : PALETTE.stable } })),
        label: { show: true, position: 'right', color: PALETTE.muted, fontSize: 11 },
        markLine: {
          silent: true, symbol: 'none',
          lineStyle: { color: PALETTE.threshold, type: 'dashed', width: 1 },
          label: { formatter: 'threshold {c}', position: 'start', distance: 4, color: PALETTE.muted, fontSize: 11 },
          data: [{ xAxis: SCORE_THRESHOLD }],
        },
      },
    ],
  };
}

import type { ColumnDrift } from '../../drift/index.js';
import { roundTo } from './chart-format.js';
import { distributionBins } from './distribution-bins.js';
import { baseOption, PALETTE, type ChartSpec } from './theme.js';

export { binLabels } from './distribution-bins.js';

/** The plot area's margins in pixels, fixed (no containLabel) so that a page can lay hover targets over the bars. */
export interface PlotMargins {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface OverlayOptions {
  /** A phone-sized chart: fewer axis labels, smaller margins. */
  readonly compact?: boolean;
}

/** How many axis labels fit: about one per 110 px of a wide chart, one per 80 px of a compact one. */
const MAX_LABELS = { wide: 7, compact: 4 } as const;

function rotated(labels: readonly string[], discrete: boolean, compact: boolean): boolean {
  // Every category is labelled; many, or long ones, are turned to fit.
  if (!discrete) return false;
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return labels.length > (compact ? 4 : 8) || longest * labels.length > (compact ? 40 : 90);
}

/** The plot-area margins of a column's distribution chart (the page lays its hover targets over them). */
export function distributionMargins(column: ColumnDrift, options: OverlayOptions = {}): PlotMargins {
  const bins = distributionBins(column);
  const compact = options.compact === true;
  return { left: 44, right: 10, top: 30, bottom: rotated(bins.labels, bins.discrete, compact) ? 64 : 28 };
}

/**
 * Reference versus current distribution of one column, as percentages of non-missing values, as grouped
 * bars side by side (grey reference, blue current, both opaque so the legend's colours are the bars'
 * colours). Categories, and numeric columns with few values, get a labelled bar pair each; ranged numeric
 * bins are labelled by their midpoints, only a few of them, rounded. The tooltip (in a browser) gives
 * both shares of a slot.
 */
export function distributionOverlayChart(column: ColumnDrift, options: OverlayOptions = {}): ChartSpec {
  const compact = options.compact === true;
  const bins = distributionBins(column);
  const n = bins.labels.length;
  const rotate = rotated(bins.labels, bins.discrete, compact);
  const step = bins.discrete ? 1 : Math.ceil(n / (compact ? MAX_LABELS.compact : MAX_LABELS.wide));
  const margins = distributionMargins(column, options);
  const percent = (shares: readonly number[]): number[] => shares.map((s) => roundTo(s * 100, 2));
  const layout = { barGap: '0%', barCategoryGap: bins.discrete ? '30%' : '12%' };
  return {
    ...baseOption(),
    legend: { top: 0, right: 8, itemWidth: 12, itemHeight: 10, textStyle: { color: PALETTE.muted, fontSize: 11 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { ...margins, containLabel: false },
    xAxis: {
      type: 'category', data: [...bins.labels],
      axisLabel: {
        color: PALETTE.muted, fontSize: 10, interval: step - 1, rotate: rotate ? 35 : 0,
        width: rotate ? 60 : Math.max(40, Math.floor((compact ? 300 : 660) / Math.max(1, Math.ceil(n / step)))),
        overflow: 'truncate',
      },
      axisTick: { alignWithLabel: bins.discrete, interval: step - 1 }, axisLine: { lineStyle: { color: PALETTE.grid } },
    },
    yAxis: {
      type: 'value', name: '% of rows', nameTextStyle: { color: PALETTE.muted, fontSize: 10, align: 'left' },
      axisLabel: { color: PALETTE.muted, fontSize: 10 }, splitLine: { lineStyle: { color: PALETTE.grid } },
      splitNumber: compact ? 3 : 4,
    },
    series: [
      { type: 'bar', name: 'reference', data: percent(bins.reference), itemStyle: { color: PALETTE.reference }, ...layout },
      { type: 'bar', name: 'current', data: percent(bins.current), itemStyle: { color: PALETTE.current }, ...layout },
    ],
  };
}

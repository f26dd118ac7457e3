import type { ColumnDrift } from '../../drift/index.js';
import { formatEdge, roundTo } from './chart-format.js';
import { baseOption, PALETTE, type ChartSpec } from './theme.js';

/** Bin labels such as "18–25.5" from histogram edges. */
export function binLabels(edges: readonly number[]): string[] {
  return edges.slice(0, -1).map((lo, i) => `${formatEdge(lo)}–${formatEdge(edges[i + 1]!)}`);
}

/**
 * Reference versus current distribution of one column, as percentages of non-missing values. Numeric
 * columns overlay the two histograms on the same bins (translucent bars, one behind the other);
 * categorical columns use grouped bars per category.
 */
export function distributionOverlayChart(column: ColumnDrift): ChartSpec {
  const h = column.histogram;
  const numeric = h.type === 'numeric';
  const categories = h.type === 'numeric' ? binLabels(h.edges) : [...h.categories];
  const rotate = categories.length > 6 ? 30 : 0;
  // Few categories have room for long labels; many get short ones (rotated).
  const labelWidth = Math.max(60, Math.min(160, Math.floor(600 / Math.max(1, categories.length))));
  const percent = (shares: readonly number[]): number[] => shares.map((s) => roundTo(s * 100, 2));
  // barGap -100% stacks the two bars on one slot (an overlay); ECharts reads it from every bar series.
  const layout = numeric ? { barGap: '-100%', barCategoryGap: '8%' } : { barGap: '10%', barCategoryGap: '30%' };
  return {
    ...baseOption(),
    legend: { top: 0, right: 8, itemWidth: 12, itemHeight: 10, textStyle: { color: PALETTE.muted, fontSize: 11 } },
    // Rotated labels overhang their tick to the left further than containLabel accounts for.
    grid: { left: rotate ? 28 : 8, right: 8, top: 28, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category', data: categories,
      axisLabel: { color: PALETTE.muted, fontSize: 10, interval: 0, rotate, width: labelWidth, overflow: 'truncate' },
      axisTick: { alignWithLabel: true }, axisLine: { lineStyle: { color: PALETTE.grid } },
    },
    yAxis: {
      type: 'value', name: '% of rows', nameTextStyle: { color: PALETTE.muted, fontSize: 10 },
      axisLabel: { color: PALETTE.muted, fontSize: 10 }, splitLine: { lineStyle: { color: PALETTE.grid } },
    },
    series: [
      {
        type: 'bar', name: 'reference', data: percent(h.reference),
        itemStyle: { color: PALETTE.reference, opacity: numeric ? 0.75 : 1 }, ...layout,
      },
      {
        type: 'bar', name: 'current', data: percent(h.current),
        itemStyle: { color: PALETTE.current, opacity: numeric ? 0.55 : 1 }, ...layout,
      },
    ],
  };
}

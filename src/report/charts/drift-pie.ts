import type { DriftReport } from '../../drift/index.js';
import { baseOption, PALETTE, type ChartSpec } from './theme.js';

/** A donut of drifted versus stable feature columns, with the drifted count in the middle. */
export function driftPieChart(report: DriftReport): ChartSpec {
  const { drifted_columns: drifted, columns_analyzed: analyzed } = report.dataset;
  return {
    ...baseOption(),
    title: {
      text: `${drifted} / ${analyzed}`, subtext: 'columns drifted', left: 'center', top: '35%',
      textStyle: { fontSize: 22, fontWeight: 'bold', color: PALETTE.text }, subtextStyle: { color: PALETTE.muted, fontSize: 12 },
      itemGap: 4,
    },
    legend: { bottom: 0, left: 'center', itemWidth: 12, itemHeight: 10, textStyle: { color: PALETTE.muted, fontSize: 12 } },
    series: [
      {
        type: 'pie', name: 'columns', radius: ['52%', '76%'], center: ['50%', '46%'],
        // Counts live in the slice names and the legend: outside labels get truncated in small charts.
        label: { show: false }, labelLine: { show: false },
        itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
        data: [
          { name: `Drifted (${drifted})`, value: drifted, itemStyle: { color: PALETTE.drifted } },
          { name: `Stable (${analyzed - drifted})`, value: analyzed - drifted, itemStyle: { color: PALETTE.stable } },
        ],
      },
    ],
  };
}

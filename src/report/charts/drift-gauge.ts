import type { DriftReport } from '../../drift/index.js';
import { roundTo } from './chart-format.js';
import { baseOption, PALETTE, type ChartSpec } from './theme.js';

/**
 * A gauge of the drifted share (percent) whose band turns from green to red at the dataset-drift
 * threshold, so the needle shows at a glance which side of it the dataset is on.
 */
export function driftGaugeChart(report: DriftReport): ChartSpec {
  const { drifted_share: share, drift_share_threshold: threshold } = report.dataset;
  const cut = Math.min(1, Math.max(0, threshold));
  return {
    ...baseOption(),
    series: [
      {
        type: 'gauge', name: 'drifted share', min: 0, max: 100, splitNumber: 4,
        startAngle: 200, endAngle: -20, radius: '92%', center: ['50%', '60%'],
        axisLine: { lineStyle: { width: 14, color: [[cut, PALETTE.stable], [1, PALETTE.drifted]] } },
        pointer: { length: '62%', width: 5, itemStyle: { color: PALETTE.threshold } },
        anchor: { show: true, size: 10, itemStyle: { color: PALETTE.threshold } },
        axisTick: { distance: -14, length: 5, lineStyle: { color: '#ffffff', width: 1 } },
        splitLine: { distance: -14, length: 14, lineStyle: { color: '#ffffff', width: 2 } },
        axisLabel: { distance: 20, color: PALETTE.muted, fontSize: 11, formatter: '{value}%' },
        title: { offsetCenter: [0, '32%'], color: PALETTE.muted, fontSize: 12 },
        detail: { valueAnimation: false, offsetCenter: [0, '58%'], formatter: '{value}%', fontSize: 22, fontWeight: 'bold', color: share >= threshold ? PALETTE.drifted : PALETTE.stable },
        data: [{ value: roundTo(share * 100, 1), name: `threshold ${roundTo(threshold * 100, 1)}%` }],
      },
    ],
  };
}

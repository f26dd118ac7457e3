/**
 * Time-series chart specs for the overview. The shared specifications (src/report/charts) draw one report;
 * these draw many over time, in the same palette and typography (baseOption, PALETTE), as plain data.
 */
import { baseOption, PALETTE, type ChartSpec } from '../../../src/report/charts/index.ts';
import type { Series } from '../api/types.ts';

/** Class colours after the status colours are taken: distinguishable, and none is red or green. */
export const CLASS_COLOURS = ['#3a6fd8', '#b7791f', '#8e5bd0', '#2b9bb0', '#c2577a', '#6b7a8f'] as const;

export function toEpoch(t: number | string): number {
  return typeof t === 'number' ? t : Date.parse(t);
}

/** Points sorted by time, with unparseable times dropped (a broken point must not break the chart). */
export function points(series: Series | undefined): [number, number | null][] {
  if (series === undefined) return [];
  return series
    .map(([t, v]): [number, number | null] => [toEpoch(t), v === null || Number.isFinite(v) ? v : null])
    .filter(([t]) => Number.isFinite(t))
    .sort((a, b) => a[0] - b[0]);
}

interface LineOptions {
  readonly name: string;
  readonly series: Series | undefined;
  readonly colour?: string;
  /** Values are shares in [0, 1], drawn as percent. */
  readonly percent?: boolean;
  /** A dashed line at this value (e.g. the drift-share threshold). */
  readonly threshold?: number;
  readonly compact?: boolean;
}

/** The shortest time range an axis shows. */
const MIN_SPAN_MS = 3_600_000;

/**
 * The x range when the points span less than an hour (a young model: one or two 5-minute windows): the last
 * hour up to the newest point. Left to itself ECharts stretches one point's axis over two days.
 */
export function shortRange(times: readonly number[]): { min: number; max: number } | undefined {
  if (times.length === 0) return undefined;
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  if (hi - lo >= MIN_SPAN_MS) return undefined;
  return { min: hi - MIN_SPAN_MS, max: hi + 300_000 };
}

function timeAxes(percent: boolean, compact: boolean, times: readonly number[] = []): Pick<ChartSpec, 'xAxis' | 'yAxis' | 'grid' | 'tooltip'> {
  const range = shortRange(times);
  return {
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'time',
      ...(range ?? {}),
      // Day boundaries read "Dec 6", not a bare "6".
      axisLabel: { color: PALETTE.muted, fontSize: 10, hideOverlap: true, formatter: { year: '{yyyy}', month: '{MMM} {yyyy}', day: '{MMM} {d}', hour: '{HH}:{mm}', minute: '{HH}:{mm}', second: '{HH}:{mm}:{ss}' } }, axisLine: { lineStyle: { color: PALETTE.grid } }, splitNumber: compact ? 3 : 6 },
    yAxis: {
      type: 'value', ...(percent ? { min: 0, max: 100, axisLabel: { color: PALETTE.muted, fontSize: 10, formatter: '{value}%' } } : { axisLabel: { color: PALETTE.muted, fontSize: 10 } }),
      splitLine: { lineStyle: { color: PALETTE.grid } }, splitNumber: compact ? 3 : 4,
    },
  };
}

export function lineChart(o: LineOptions): ChartSpec {
  const scale = o.percent === true ? 100 : 1;
  const data = points(o.series).map(([t, v]) => [t, v === null ? null : Math.round(v * scale * 100) / 100]);
  return {
    ...baseOption(),
    ...timeAxes(o.percent === true, o.compact === true, data.map(([t]) => t!)),
    series: [
      {
        type: 'line', name: o.name, data, showSymbol: data.length < 40, symbolSize: 5, connectNulls: false,
        lineStyle: { width: 2, color: o.colour ?? PALETTE.current }, itemStyle: { color: o.colour ?? PALETTE.current },
        ...(o.threshold !== undefined
          ? {
              markLine: {
                silent: true, symbol: 'none', lineStyle: { color: PALETTE.drifted, type: 'dashed', width: 1 },
                label: { formatter: `threshold ${Math.round(o.threshold * scale * 10) / 10}${o.percent === true ? '%' : ''}`, position: 'insideEndTop', color: PALETTE.muted, fontSize: 10 },
                data: [{ yAxis: Math.round(o.threshold * scale * 100) / 100 }],
              },
            }
          : {}),
      },
    ],
  };
}

/** Each predicted class's share over time, one line per class (lines, not stacked areas: every class stays readable). */
export function classDistributionChart(byClass: Readonly<Record<string, Series>> | undefined, compact = false): ChartSpec {
  const classes = Object.keys(byClass ?? {}).sort();
  return {
    ...baseOption(),
    ...timeAxes(true, compact, classes.flatMap((c) => points(byClass![c]).map(([t]) => t))),
    legend: { top: 0, right: 8, itemWidth: 12, itemHeight: 10, textStyle: { color: PALETTE.muted, fontSize: 11 } },
    series: classes.map((c, i) => ({
      type: 'line' as const, name: `class ${c}`, showSymbol: points(byClass![c]).length < 40,
      data: points(byClass![c]).map(([t, v]) => [t, v === null ? null : Math.round(v * 10000) / 100]),
      lineStyle: { width: 2, color: CLASS_COLOURS[i % CLASS_COLOURS.length] }, itemStyle: { color: CLASS_COLOURS[i % CLASS_COLOURS.length] },
    })),
  };
}

/** Training time (seconds) of each retraining job, one bar per job at the time it ran: the retraining events. */
export function trainingChart(series: Series | undefined, compact = false): ChartSpec {
  return {
    ...baseOption(),
    ...timeAxes(false, compact, points(series).map(([t]) => t)),
    // The unit rides on the tick labels: an axis name above a narrow panel was clipped to "conds".
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: PALETTE.muted, fontSize: 10, formatter: '{value} s' }, splitLine: { lineStyle: { color: PALETTE.grid } } },
    series: [{ type: 'bar', name: 'training time', barMaxWidth: 14, data: points(series), itemStyle: { color: PALETTE.warn } }],
  };
}

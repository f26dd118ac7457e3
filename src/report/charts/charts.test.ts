import { describe, expect, it } from 'vitest';
import { expectGolden, toGoldenJson } from '../../../test/helpers/golden.js';
import { AWKWARD_NAME, sampleReport } from '../../../test/fixtures/report/sample-report.js';
import type { ColumnDrift } from '../../drift/index.js';
import {
  binLabels, columnsByScore, distributionBins, distributionOverlayChart, driftGaugeChart, driftPieChart, driftScoreBarChart, formatEdge, sparkline,
  SPARKLINE_MAX_BARS,
} from './index.js';

type Bars = { legend: unknown; xAxis: { data: string[]; axisLabel: { interval: number } }; series: { name: string; itemStyle: { color: string; opacity?: number }; barGap: string }[] };

const column = (name: string) => sampleReport.columns.find((c) => c.name === name)!;

describe('chart specifications (golden snapshots)', () => {
  it('drift-score bar chart', () => expectGolden('chart-drift-scores.json', toGoldenJson(driftScoreBarChart(sampleReport))));
  it('drifted-vs-stable pie', () => expectGolden('chart-drift-pie.json', toGoldenJson(driftPieChart(sampleReport))));
  it('drifted-share gauge', () => expectGolden('chart-drift-gauge.json', toGoldenJson(driftGaugeChart(sampleReport))));
  it('numeric distribution overlay', () => expectGolden('chart-distribution-income.json', toGoldenJson(distributionOverlayChart(column('income')))));
  it('categorical distribution overlay', () => expectGolden('chart-distribution-device.json', toGoldenJson(distributionOverlayChart(column(AWKWARD_NAME)))));
});

describe('chart specifications (behaviour)', () => {
  it('are plain data: a JSON round trip changes nothing', () => {
    for (const spec of [driftScoreBarChart(sampleReport), driftPieChart(sampleReport), driftGaugeChart(sampleReport), ...sampleReport.columns.map((c) => distributionOverlayChart(c))]) {
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    }
  });

  it('orders bars by score, highest first, and colours them by status', () => {
    const spec = driftScoreBarChart(sampleReport) as { yAxis: { data: string[] }; series: { data: { value: number; itemStyle: { color: string } }[] }[] };
    const scores = spec.series[0]!.data.map((d) => d.value);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(spec.yAxis.data[0]).toBe(AWKWARD_NAME);
    const colours = new Set(spec.series[0]!.data.map((d) => d.itemStyle.color));
    expect(colours.size).toBe(2);
  });

  it('sorts ties by name so the order does not depend on input order', () => {
    const a = { ...sampleReport.columns[0]!, name: 'b', score: 0.3 };
    const b = { ...sampleReport.columns[0]!, name: 'a', score: 0.3 };
    expect(columnsByScore([a, b]).map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('puts NaN scores last', () => {
    const cols = [{ ...sampleReport.columns[0]!, name: 'n', score: NaN }, { ...sampleReport.columns[0]!, name: 'z', score: 0 }];
    expect(columnsByScore(cols).map((c) => c.name)).toEqual(['z', 'n']);
  });

  it('pie slices sum to the columns analysed', () => {
    const spec = driftPieChart(sampleReport) as { series: { data: { value: number }[] }[] };
    expect(spec.series[0]!.data.reduce((s, d) => s + d.value, 0)).toBe(sampleReport.dataset.columns_analyzed);
  });

  it('labels numeric bins compactly', () => {
    expect(binLabels([0, 0.5, 1])).toEqual(['0–0.5', '0.5–1']);
    expect(formatEdge(371843)).toBe('372k');
    expect(formatEdge(2_500_000)).toBe('2.5M');
    expect(formatEdge(25.53)).toBe('25.5');
    expect(formatEdge(Infinity)).toBe('inf');
  });
});

describe('distribution charts', () => {
  const income = column('income');
  const flag: ColumnDrift = {
    ...income, name: 'churn_flag',
    histogram: { type: 'numeric', edges: [-0.5, 0.5, 1.5], reference: [0.735, 0.265], current: [0.602, 0.398], values: [0, 1] },
  };
  const wide: ColumnDrift = {
    ...income,
    histogram: { type: 'numeric', edges: Array.from({ length: 31 }, (_, i) => 18 + i * 2.4), reference: Array<number>(30).fill(1 / 30), current: Array<number>(30).fill(1 / 30) },
  };

  it('draw both samples side by side, opaque, so the legend colours are the bars\' colours', () => {
    const spec = distributionOverlayChart(income) as unknown as Bars;
    expect(spec.series.map((s) => s.name)).toEqual(['reference', 'current']);
    for (const s of spec.series) {
      expect(s.itemStyle.opacity).toBeUndefined();
      expect(s.barGap).not.toBe('-100%');
    }
  });

  it('draw a 0/1 column as two categories "0" and "1"', () => {
    const spec = distributionOverlayChart(flag) as unknown as Bars;
    expect(spec.xAxis.data).toEqual(['0', '1']);
    expect(spec.xAxis.axisLabel.interval).toBe(0);
    expect(distributionBins(flag).discrete).toBe(true);
  });

  it('label a few rounded bins of a continuous column, fewer on a phone, and keep full ranges for hover', () => {
    const spec = distributionOverlayChart(wide) as unknown as Bars;
    const shown = (interval: number): number => Math.ceil(30 / (interval + 1));
    expect(shown(spec.xAxis.axisLabel.interval)).toBeLessThanOrEqual(7);
    expect(shown((distributionOverlayChart(wide, { compact: true }) as unknown as Bars).xAxis.axisLabel.interval)).toBeLessThanOrEqual(4);
    for (const label of spec.xAxis.data) expect(label.replace(/[^0-9]/g, '').length).toBeLessThanOrEqual(3);
    expect(distributionBins(wide).titles[0]).toBe('18–20.4');
  });

  it('give a sparkline of at most 15 bars scaled to the tallest share', () => {
    const s = sparkline(wide);
    expect(s.reference).toHaveLength(SPARKLINE_MAX_BARS);
    expect(Math.max(...s.reference, ...s.current)).toBe(1);
    expect(sparkline(flag)).toMatchObject({ reference: [1, 0.361], current: [0.819, 0.541] });
  });
});

describe('chart specification modules', () => {
  it('import nothing but the report types and each other (shared with the browser dashboard)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('.', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      for (const m of source.matchAll(/^import (type )?[^;]*? from '([^']+)';$/gm)) {
        const [typeOnly, spec] = [m[1] !== undefined, m[2]!];
        const allowed = spec.startsWith('./') || (typeOnly && (spec === '../../drift/index.js' || spec === 'echarts'));
        expect(allowed, `${file} imports ${spec}`).toBe(true);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { expectGolden, toGoldenJson } from '../../../test/helpers/golden.js';
import { AWKWARD_NAME, sampleReport } from '../../../test/fixtures/report/sample-report.js';
import {
  binLabels, columnsByScore, distributionOverlayChart, driftGaugeChart, driftPieChart, driftScoreBarChart, formatEdge,
} from './index.js';

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
    for (const spec of [driftScoreBarChart(sampleReport), driftPieChart(sampleReport), driftGaugeChart(sampleReport), ...sampleReport.columns.map(distributionOverlayChart)]) {
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

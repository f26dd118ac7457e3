import { describe, expect, it } from 'vitest';
import { driftPieChart, PALETTE } from '../../../src/report/charts/index.ts';
import { sampleReport } from '../../../test/fixtures/report/sample-report.ts';
import { parseSse, toEventRecord } from '../api/events.ts';
import { withQuery } from '../api/client.ts';
import type { ModelSummary } from '../api/types.ts';
import { fieldOfUpload } from './analyze-form.ts';
import { forScheme } from './chart-theme.ts';
import { fmtNumber, fmtPercent, fmtPValue, fmtTime } from './format.ts';
import { alertBanner, summaryCards } from './overview.ts';
import { href, parseRoute } from './route.ts';
import { lineChart, points, shortRange } from './series-charts.ts';
import { servingPeriods } from './timeline.ts';

const summary: ModelSummary = {
  total_predictions: 12_345, drift_events: 3, retraining_count: 1, current_metric: null, drifted_columns: 2, total_columns: 19,
  drift_share: 0.105, threshold: 0.5, top_feature: { column: 'tenure', score: 0.71 }, severity: 'MEDIUM', active_alerts: [], series: {},
};

describe('routes', () => {
  it('round-trips every page through the hash', () => {
    for (const r of [
      { page: 'overview' }, { page: 'overview', model: 'churn model' }, { page: 'report' }, { page: 'report', id: '12' },
      { page: 'report', id: '7', model: 'churn' }, { page: 'report', model: 'a/b' }, { page: 'analyze' }, { page: 'approvals' },
      { page: 'models' }, { page: 'models', model: 'churn' }, { page: 'jobs' },
    ] as const) expect(parseRoute(href(r))).toEqual(r);
    expect(parseRoute('')).toEqual({ page: 'overview' });
    expect(parseRoute('#/nonsense')).toEqual({ page: 'overview' });
  });
});

describe('overview', () => {
  it('reads the cards, with "no labels yet" before labels arrive', () => {
    const cards = summaryCards(summary);
    expect(cards.find((c) => c.title === 'Current accuracy')?.value).toBe('no labels yet');
    expect(cards.find((c) => c.title === 'Drifted columns')?.value).toBe('2 / 19');
    expect(cards.find((c) => c.title === 'Drift share')).toMatchObject({ value: '10.5%', note: 'threshold 50.0% — below', tone: 'good' });
    expect(cards.find((c) => c.title === 'Highest drift score')).toMatchObject({ value: '0.71', note: 'tenure', tone: 'bad' });
    expect(summaryCards({ ...summary, current_metric: { name: 'f1', value: 0.8123 } }).find((c) => c.title === 'Current F1')?.value).toBe('0.812');
  });

  it('shows the alert banner while an alert is active, or while the latest check is over the threshold', () => {
    expect(alertBanner(summary)).toBeNull();
    const firing = alertBanner({ ...summary, active_alerts: [{ kind: 'target_drift', severity: 'HIGH', summary: 'churn label drifted' }] });
    expect(firing).toEqual({ title: 'Alert active', lines: ['Target drift (HIGH): churn label drifted'] });
    expect(alertBanner({ ...summary, drift_share: 0.6, drifted_columns: 12 })?.title).toBe('Drift detected');
  });
});

describe('charts', () => {
  it('re-inks a shared spec for the dark theme and keeps the status colours', () => {
    const light = driftPieChart(sampleReport);
    const dark = forScheme(light, true);
    const text = JSON.stringify(dark);
    expect(text).not.toContain(PALETTE.text);
    expect(text).toContain(PALETTE.drifted);
    expect(text).toContain(PALETTE.stable);
    expect(forScheme(light, false)).toBe(light);
  });

  it('time series sort their points, drop broken times and draw shares as percent with the threshold', () => {
    expect(points([['2026-01-02T00:00:00Z', 0.2], ['bad', 1], [Date.UTC(2026, 0, 1), 0.1]])).toEqual([[Date.UTC(2026, 0, 1), 0.1], [Date.UTC(2026, 0, 2), 0.2]]);
    const spec = lineChart({ name: 'drift share', series: [[0, 0.25]], percent: true, threshold: 0.5 }) as { series: { data: number[][]; markLine: { data: { yAxis: number }[] } }[] };
    expect(spec.series[0]!.data).toEqual([[0, 25]]);
    expect(spec.series[0]!.markLine.data[0]!.yAxis).toBe(50);
  });

  it('a young model\'s points (under an hour apart) get the last hour as their axis, not two days', () => {
    const t = Date.UTC(2026, 11, 6, 20, 30);
    expect(shortRange([t, t - 300_000])).toEqual({ min: t - 3_600_000, max: t + 300_000 });
    expect(shortRange([t, t - 7_200_000])).toBeUndefined();
    expect(shortRange([])).toBeUndefined();
    const spec = lineChart({ name: 'confidence', series: [[t, 0.8]], percent: true }) as { xAxis: { min?: number; max?: number } };
    expect(spec.xAxis).toMatchObject({ min: t - 3_600_000, max: t + 300_000 });
  });
});

describe('event stream parsing', () => {
  it('splits complete messages, keeps the unfinished rest, skips comments', () => {
    const { messages, rest } = parseSse(': keep-alive\n\nevent: drift_started\nid: 4\ndata: {"id":4,"model":"churn","kind":"drift_started","at":"x","summary":"s"}\n\ndata: {"partial"');
    expect(messages).toEqual([{ event: 'drift_started', id: '4', data: '{"id":4,"model":"churn","kind":"drift_started","at":"x","summary":"s"}' }]);
    expect(rest).toBe('data: {"partial"');
    expect(toEventRecord(messages[0]!)?.kind).toBe('drift_started');
    expect(toEventRecord({ event: 'message', data: 'not json' })).toBeUndefined();
    expect(parseSse('data: a\r\ndata: b\r\n\r\n').messages[0]!.data).toBe('a\nb');
  });
});

describe('analyze errors and alias timeline', () => {
  it('places an analyze error beside the upload it names', () => {
    expect(fieldOfUpload('current', 'line 4: not a number')).toBe('current');
    expect(fieldOfUpload('reference.rows[3]', 'x')).toBe('reference');
    expect(fieldOfUpload(undefined, 'The current file has no header row')).toBe('current');
    expect(fieldOfUpload('preset', 'unknown preset')).toBeUndefined();
  });

  it('turns alias moves into serving periods, newest first', () => {
    const periods = servingPeriods([
      { alias: 'production', version: 2, previous_version: 1, at: '2026-01-03T00:00:00Z', actor: 'ops', reason: null, kind: 'promote' },
      { alias: 'production', version: 1, previous_version: null, at: '2026-01-01T00:00:00Z', actor: 'ops', reason: null, kind: 'promote' },
      { alias: 'staging', version: 3, previous_version: null, at: '2026-01-02T00:00:00Z', actor: 'ops', reason: null, kind: 'set' },
      { alias: 'production', version: 1, previous_version: 2, at: '2026-01-04T00:00:00Z', actor: 'ops', reason: 'bad', kind: 'rollback' },
    ]);
    expect(periods.map((p) => [p.version, p.from.slice(0, 10), p.to?.slice(0, 10) ?? null])).toEqual([
      [1, '2026-01-04', null], [2, '2026-01-03', '2026-01-04'], [1, '2026-01-01', '2026-01-03'],
    ]);
  });
});

describe('formatting', () => {
  it('never prints NaN% or raw floats', () => {
    expect(fmtPercent(Number.NaN)).toBe('—');
    expect(fmtNumber(Number.NaN)).toBe('n/a');
    expect(fmtNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(fmtNumber(0.123456)).toBe('0.123');
    expect(fmtPValue(3.2e-12)).toBe('< 0.001');
    expect(fmtTime('2026-12-06T19:24:38Z')).toBe('2026-12-06 19:24 UTC');
    expect(withQuery('/v1/jobs', { model: 'a b', state: undefined, limit: 5 })).toBe('/v1/jobs?model=a+b&limit=5');
  });
});

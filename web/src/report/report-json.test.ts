import { describe, expect, it } from 'vitest';
import { renderJson } from '../../../src/report/json.ts';
import { sampleModelReport } from '../../../test/fixtures/report/sample-model-report.ts';
import { sampleReport, AWKWARD_NAME } from '../../../test/fixtures/report/sample-report.ts';
import { num, reviveReport, type ReportJson } from './report-json.ts';

const asJson = (r: typeof sampleReport): ReportJson => JSON.parse(renderJson(r)) as ReportJson;

describe('reviveReport', () => {
  it('turns the JSON report written by the CLI back into numbers, Infinity included', () => {
    const json = asJson(sampleReport);
    const awkwardJson = json.columns.find((c) => c.name === AWKWARD_NAME)!;
    expect(awkwardJson.statistic).toBe('Infinity');
    const report = reviveReport(json);
    const awkward = report.columns.find((c) => c.name === AWKWARD_NAME)!;
    expect(awkward.statistic).toBe(Number.POSITIVE_INFINITY);
    expect(report.columns.map((c) => c.score)).toEqual(sampleReport.columns.map((c) => c.score));
    expect(report.dataset).toMatchObject({ drifted_columns: sampleReport.dataset.drifted_columns, drift_share_threshold: sampleReport.dataset.drift_share_threshold });
    expect(report.target_drift?.name).toBe('churned');
  });

  it('keeps data values that look like non-finite numbers as strings', () => {
    const json = asJson(sampleReport) as unknown as { columns: { histogram: { type: string; categories?: string[] }; summary: { current: { type: string; top?: { value: string }[] } } }[] };
    const cat = json.columns.find((c) => c.histogram.type === 'categorical')!;
    cat.histogram.categories![0] = 'NaN';
    if (cat.summary.current.type === 'categorical') cat.summary.current.top![0]!.value = 'Infinity';
    const report = reviveReport(json as unknown as ReportJson);
    const revived = report.columns.find((c) => c.histogram.type === 'categorical')!;
    expect(revived.histogram.type === 'categorical' && revived.histogram.categories[0]).toBe('NaN');
    if (revived.summary.current.type === 'categorical') expect(revived.summary.current.top[0]!.value).toBe('Infinity');
  });

  it('restores the model section', () => {
    const report = reviveReport(asJson(sampleModelReport));
    expect(report.model?.model.algorithm).toBe(sampleModelReport.model!.model.algorithm);
    expect(report.model?.performance?.metric).toBe(sampleModelReport.model!.performance!.metric);
  });

  it('num reads JSON-report numbers', () => {
    expect(num('NaN')).toBeNaN();
    expect(num('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
    expect(num(0.5)).toBe(0.5);
    expect(num(null)).toBeNaN();
  });
});

import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { buildDemoPair } from '../cli/demo/build-demo-data.js';
import { DEMO_SCENARIOS } from '../cli/demo/scenarios.js';
import { createRng } from '../core/index.js';
import { readTable } from '../data/index.js';
import { analyzeDrift, type DriftReport, type ModelPerformance } from '../drift/index.js';
import { signalsFromReport } from './signals.js';

const scenario = DEMO_SCENARIOS['breast-cancer'];
const table = await readTable(fileURLToPath(new URL(`../../examples/data/${scenario.file}`, import.meta.url)));
const { reference, current } = buildDemoPair(table, scenario, createRng(42));

it('turns a drifted report into active dataset and target drift signals with their columns', () => {
  const report = analyzeDrift(reference, current, { target: scenario.label });
  const signals = signalsFromReport(report, { model: 'bc', at: 1000, reportId: '7' });
  expect(signals.map((s) => [s.kind, s.active, s.severity])).toEqual([['dataset_drift', true, 'HIGH'], ['target_drift', true, 'HIGH']]);
  const ds = signals[0]!;
  expect(ds).toMatchObject({ model: 'bc', at: 1000, reportId: '7' });
  expect(ds.columns).toEqual(report.columns.filter((c) => c.drifted).map((c) => c.name));
  expect(ds.summary).toBe(`${report.dataset.drifted_columns} of ${report.dataset.columns_analyzed} columns drifted (share ${report.dataset.drifted_share.toFixed(2)}, dataset drift from 0.5)`);
  expect(signals[1]!.columns).toEqual(['target']);
});

it('a report of the reference against itself gives inactive LOW signals', () => {
  const report = analyzeDrift(reference, reference, { target: scenario.label });
  expect(signalsFromReport(report, { model: 'bc', at: 0 }).map((s) => [s.kind, s.active, s.severity, s.reportId])).toEqual([['dataset_drift', false, 'LOW', undefined], ['target_drift', false, 'LOW', undefined]]);
});

it('adds prediction drift and performance drop from a model section', () => {
  const base = analyzeDrift(reference, current, { target: scenario.label });
  const performance: ModelPerformance = {
    label: 'target', positive_class: '1', metric: 'f1', max_drop: 0.05, drop: 0.12, alert: true,
    reference: { n_samples: 100, metrics: { f1: 0.95 } }, current: { n_samples: 100, metrics: { f1: 0.83 } }, change: { f1: -0.12 },
  };
  const report: DriftReport = { ...base, model: { model: {} as never, prediction_drift: { ...base.target_drift!, name: 'prediction', role: 'prediction' }, confidence: null, performance, performance_alert: true, notes: [] } };
  const byKind = Object.fromEntries(signalsFromReport(report, { model: 'bc', at: 0 }).map((s) => [s.kind, s]));
  expect(byKind['prediction_drift']).toMatchObject({ active: true, severity: 'MEDIUM', columns: ['prediction'] });
  expect(byKind['performance_drop']).toMatchObject({ active: true, severity: 'HIGH', summary: 'f1 dropped by 0.120 (allowed drop 0.05)', details: { reference: 0.95, current: 0.83 } });
});

/**
 * `driftwatch analyze --model` end to end in-process on the bundled churn data: a model trained by
 * `driftwatch train` on one part, the reference another, the current the rest with drift injected by
 * `driftwatch simulate-drift`; the exit codes of --fail-on-performance and --fail-on-drift; an ML Drift
 * Monitor config file run as it is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/run-cli.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

beforeAll(async () => {
  const lines = readFileSync(resolve(import.meta.dirname, '../../examples/data/telco_churn.csv'), 'utf8').trimEnd().split('\n');
  const [header, ...body] = lines;
  const part = (from: number, to: number): string => [header, ...body.slice(from, to)].join('\n') + '\n';
  writeFileSync(join(dir, 'train.csv'), part(0, 3000));
  writeFileSync(join(dir, 'reference.csv'), part(3000, 5000));
  writeFileSync(join(dir, 'current.csv'), part(5000, body.length));
  const trained = await runCli(['train', '-d', 'train.csv', '--label', 'churn', '-o', 'model.json', '-q'], { cwd: dir });
  expect(trained.code).toBe(0);
  const shifted = await runCli(['simulate-drift', '-i', 'current.csv', '-o', 'drifted.csv', '--shift', 'tenure=+30', '--seed', '7', '-q'], { cwd: dir });
  expect(shifted.code).toBe(0);
}, 120_000);

const analyze = (...args: string[]): ReturnType<typeof runCli> => runCli(['analyze', '-r', 'reference.csv', '--label', 'churn', '--model', 'model.json', ...args], { cwd: dir });

describe('driftwatch analyze --model', () => {
  it('drift that lowers F1 by more than 0.05: the alert in the summary, the JSON and the HTML, and exit 1 with --fail-on-performance', async () => {
    const r = await analyze('-c', 'drifted.csv', '-o', 'out', '-f', 'terminal,json,html', '--fail-on-performance');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Model model\.json \(gradient-boosted trees, binary: No, Yes\)$/m);
    expect(r.stdout).toMatch(/^PERFORMANCE ALERT: F1 dropped from 0\.\d{3} to 0\.\d{3} \(drop 0\.\d{3} > max 0\.05\)$/m);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'drift_report.json'), 'utf8'));
    expect(report.schema_version).toBe('1.3');
    expect(report.model.performance_alert).toBe(true);
    expect(report.model.performance.metric).toBe('f1');
    expect(report.model.prediction_drift.drifted).toBe(true);
    // The per-class report: both classes on both sides, the positive class's F1 that of the metrics.
    const perClass = report.model.performance.per_class;
    expect(perClass.map((c: { class: string }) => c.class)).toEqual(['No', 'Yes']);
    expect(Object.keys(perClass[1].current)).toEqual(['precision', 'recall', 'f1', 'support']);
    expect(perClass[1].current.f1).toBeCloseTo(report.model.performance.current.metrics.f1, 12);
    expect(perClass[0].reference.support + perClass[1].reference.support).toBe(report.model.performance.reference.n_samples);
    const html = readFileSync(join(dir, 'out', 'drift_report.html'), 'utf8');
    expect(html).toContain('id="model-performance"');
    expect(html).toContain('id="model-per-class"');
    expect(html).toContain('id="model-confidence-histogram"');
    expect(html).toMatch(/<div class="banner drift" role="alert">PERFORMANCE ALERT: F1 dropped/);
  }, 60_000);

  it('--fail-on-drift keeps its meaning: the same run without dataset drift exits 0 despite the performance alert', async () => {
    const r = await analyze('-c', 'drifted.csv', '-f', 'terminal', '--fail-on-drift');
    expect(r.stdout).toMatch(/^No dataset drift/m);
    expect(r.stdout).toMatch(/^PERFORMANCE ALERT/m);
    expect(r.code).toBe(0);
  }, 60_000);

  it('without drift: no alert and exit 0 with --fail-on-performance; the verdict line stands in for the summary', async () => {
    const r = await analyze('-c', 'current.csv', '-f', 'json', '-o', 'same', '--fail-on-performance');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No performance alert: F1 (dropped|moved) from 0\.\d{3} to 0\.\d{3} \(drop -?0\.\d{3}, max 0\.05\)$/m);
    const quiet = await analyze('-c', 'current.csv', '-f', 'json', '-o', 'same', '--fail-on-performance', '-q');
    expect([quiet.code, quiet.stdout]).toEqual([0, '']);
    const report = JSON.parse(readFileSync(join(dir, 'same', 'drift_report.json'), 'utf8'));
    expect(report.model.performance_alert).toBe(false);
  }, 60_000);

  it('--max-drop and --performance-metric set the alert; --json prints the report with its model section', async () => {
    const r = await analyze('-c', 'drifted.csv', '--json', '--performance-metric', 'accuracy', '--max-drop', '0.5', '--fail-on-performance');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.model.performance).toMatchObject({ metric: 'accuracy', max_drop: 0.5, alert: false });
  }, 60_000);

  it('--fail-on-performance without a model is a usage error naming what is missing', async () => {
    const r = await runCli(['analyze', '-r', 'reference.csv', '-c', 'current.csv', '--fail-on-performance'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fail-on-performance needs a model: add --model <file>');
  });

  it('a model of the wrong task for the metric, and a bad metric name, are usage errors', async () => {
    const bad = await analyze('-c', 'current.csv', '--performance-metric', 'precision');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--performance-metric.*precision/);
    const wrong = await analyze('-c', 'current.csv', '--performance-metric', 'rmse', '-f', 'terminal');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('performance metric "rmse" does not apply to a classification model');
  }, 60_000);

  it("runs an ML Drift Monitor config file as it is: paths, label, classic thresholds, f1_drop and the model", async () => {
    writeFileSync(
      join(dir, 'monitor.yaml'),
      [
        'data:',
        '  reference_path: "reference.csv"',
        '  production_path: "drifted.csv"',
        '  label_column: "churn"',
        'columns:',
        '  numerical: []',
        '  categorical: []',
        '  drop: []',
        'model:',
        '  path: "model.json"',
        '  framework: "auto"',
        'thresholds:',
        '  ks_statistic: 0.10',
        '  psi: 0.20',
        '  chi2_p_value: 0.05',
        '  f1_drop: 0.05',
        '  drift_feature_fraction: 0.30',
        'psi:',
        '  bins: 10',
        'retraining:',
        '  enabled: true',
        '  requires_labels: true',
        '  save_path: "models/retrained_model.pkl"',
        'output:',
        '  report_path: "monitor-out/drift_report.json"',
        '  log_path: "logs/drift_monitor.log"',
        '  retrain_log_path: "logs/retrain_log.csv"',
      ].join('\n') + '\n',
    );
    const r = await runCli(['analyze', '--config', 'monitor.yaml', '-f', 'json', '--fail-on-performance'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('note: retraining.enabled: `driftwatch analyze` only reports');
    const report = JSON.parse(readFileSync(join(dir, 'monitor-out', 'drift_report.json'), 'utf8'));
    expect(report.preset).toBe('classic');
    expect(report.dataset.drift_share_threshold).toBe(0.3);
    expect(report.current.path).toBe('drifted.csv');
    expect(report.target_drift.name).toBe('churn');
    expect(report.model.performance).toMatchObject({ metric: 'f1', max_drop: 0.05, alert: true });
  }, 60_000);
});

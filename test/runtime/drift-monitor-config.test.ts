/** ML Drift Monitor config files: told apart from Driftwatch's by their keys, and mapped, key group by key group. */
import { describe, expect, it } from 'vitest';
import { isDriftwatchError, type DriftwatchError } from '../../src/core/errors.js';
import { analyzeDrift } from '../../src/drift/index.js';
import { createTable, numericColumn } from '../../src/data/index.js';
import { parseConfigFile } from '../../src/runtime/config/index.js';

const parse = (lines: readonly string[]) => parseConfigFile(lines.join('\n') + '\n', 'monitor.yaml', '/base');

function failure(lines: readonly string[]): DriftwatchError {
  try {
    parse(lines);
  } catch (e) {
    if (isDriftwatchError(e)) return e;
    throw e;
  }
  throw new Error('expected a DriftwatchError');
}

describe('ML Drift Monitor config: detection', () => {
  it('a file with its keys is read in its format, one with Driftwatch keys in Driftwatch format', () => {
    expect(parse(['data:', '  reference_path: r.csv']).format).toBe('drift-monitor');
    expect(parse(['model:', '  path: m.json']).format).toBe('drift-monitor');
    expect(parse(['output:', '  report_path: out/drift_report.json']).format).toBe('drift-monitor');
    expect(parse(['reference: r.csv', 'model: m.json']).format).toBe('driftwatch');
    // `columns` means the same in both: alone, it is read as Driftwatch's.
    expect(parse(['columns:', '  drop: [id]']).format).toBe('driftwatch');
  });

  it('mixing the two formats is an error naming the key and its line', () => {
    const e = failure(['data:', '  reference_path: r.csv', 'preset: evidently']);
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.field).toBe('preset');
    expect(e.line).toBe(3);
    expect(e.message).toContain('`preset` is a Driftwatch key and `data` an ML Drift Monitor key');
    const nested = failure(['output:', '  dir: reports', '  report_path: out/drift_report.json']);
    expect(nested.field).toBe('output.dir');
    expect(nested.line).toBe(2);
  });

  it('an unknown key inside its format is reported as usual, with the allowed keys', () => {
    const e = failure(['data:', '  reference_path: r.csv', '  prod_path: p.csv']);
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/prod_path/);
  });
});

describe('ML Drift Monitor config: mapping', () => {
  it('data.*: reference, current and label; a null label means none', () => {
    expect(parse(['data:', '  reference_path: data/ref.csv', '  production_path: /abs/prod.csv', '  label_column: target']).config).toMatchObject({
      reference: '/base/data/ref.csv',
      current: '/abs/prod.csv',
      label: 'target',
      preset: 'classic',
    });
    expect(parse(['data:', '  reference_path: r.csv', '  label_column: null']).config.label).toBeUndefined();
  });

  it('columns.numerical|categorical|drop: as Driftwatch reads them; empty lists mean auto-detection', () => {
    expect(parse(['data: { reference_path: r.csv }', 'columns:', '  numerical: [age]', '  categorical: gender', '  drop: [id, ts]']).config.columns).toEqual({
      numerical: ['age'],
      categorical: ['gender'],
      drop: ['id', 'ts'],
    });
    expect(parse(['data: { reference_path: r.csv }', 'columns:', '  numerical: []', '  categorical: []', '  drop: []']).config.columns).toEqual({});
  });

  it('model.path: the model to run; a pickle is refused with the ONNX recipe; a CatBoost .cbm with its export recipe', () => {
    expect(parse(['model:', '  path: models/m.onnx', '  framework: sklearn']).config.model).toBe('/base/models/m.onnx');
    expect(parse(['model:', '  path: null']).config.model).toBeUndefined();
    const pkl = failure(['model:', '  path: models/my_model.pkl', '  framework: auto']);
    expect([pkl.code, pkl.field, pkl.file]).toEqual(['MODEL_UNSUPPORTED', 'model.path', 'monitor.yaml']);
    expect(pkl.message).toContain('pickle/joblib file, which is refused');
    expect(pkl.message).toContain('skl2onnx');
    const cbm = failure(['model:', '  path: models/churn.cbm', '  framework: catboost']);
    expect(cbm.code).toBe('MODEL_UNSUPPORTED');
    expect(cbm.message).toContain('model.save_model("model.onnx", format="onnx")');
    expect(failure(['model:', '  path: models/churn.bin', '  framework: catboost']).code).toBe('MODEL_UNSUPPORTED');
    expect(failure(['model:', '  path: m.json', '  framework: tensorflow']).code).toBe('CONFIG_INVALID');
  });

  it('thresholds.*: the classic preset with its KS, PSI and chi-square thresholds, the drift share and the F1 alert', () => {
    const { config } = parse([
      'thresholds:',
      '  ks_statistic: 0.15',
      '  psi: 0.25',
      '  chi2_p_value: 0.01',
      '  f1_drop: 0.08',
      '  drift_feature_fraction: 0.4',
    ]);
    expect(config).toMatchObject({
      preset: 'classic',
      preset_thresholds: { ks: 0.15, psi: 0.25, chi2: 0.01 },
      drift_share: 0.4,
      performance: { metric: 'f1', max_drop: 0.08 },
    });
    expect(failure(['thresholds:', '  chi2_p_value: 1.5']).field).toBe('thresholds.chi2_p_value');
  });

  it('the classic thresholds it sets are the ones the engine judges with', () => {
    const n = 500;
    const ref = createTable([numericColumn('x', Float64Array.from({ length: n }, (_, i) => i / n))]);
    // A shift of 0.12: KS statistic about 0.12, over classic's 0.10 but under a migrated 0.15.
    const cur = createTable([numericColumn('x', Float64Array.from({ length: n }, (_, i) => i / n + 0.12))]);
    const { config } = parse(['thresholds:', '  ks_statistic: 0.15', '  psi: 5']);
    const classic = analyzeDrift(ref, cur, { preset: 'classic' }).columns[0]!;
    const migrated = analyzeDrift(ref, cur, { preset: config.preset!, presetThresholds: config.preset_thresholds! }).columns[0]!;
    expect(classic.drifted).toBe(true);
    expect(migrated.drifted).toBe(false);
    expect(migrated.threshold).toBe(0.15);
    expect(migrated.effect_size?.threshold).toBe(5);
    expect(migrated.reason).toContain('thresholds set: ks 0.15, psi 5');
  });

  it('psi.bins: the PSI bin count', () => {
    expect(parse(['psi:', '  bins: 20']).config.psi_bins).toBe(20);
    expect(failure(['psi:', '  bins: 1']).field).toBe('psi.bins');
  });

  it('retraining.* and output.retrain_log_path: kept for `driftwatch pipeline` (analyze only reports, and says so)', () => {
    const r = parse(['retraining:', '  enabled: true', '  requires_labels: true', '  save_path: models/retrained.json', 'output:', '  retrain_log_path: logs/retrain_log.csv']);
    expect(r.config.retraining).toEqual({ enabled: true, requires_labels: true, save_path: '/base/models/retrained.json', log_path: '/base/logs/retrain_log.csv' });
    expect(r.notes.join(' ')).toContain('retraining.enabled: `driftwatch analyze` only reports');
    expect(failure(['retraining:', '  enabled: yes please']).field).toBe('retraining.enabled');
  });

  it('output.report_path: the report folder; another JSON name and log_path get a note', () => {
    const r = parse(['output:', '  report_path: data/monitor.json', '  log_path: logs/drift_monitor.log']);
    expect(r.config.output).toEqual({ dir: '/base/data' });
    expect(r.notes.join(' ')).toContain('written as drift_report.json in data');
    expect(r.notes.join(' ')).toContain('output.log_path');
  });
});

describe("Driftwatch's own model keys", () => {
  it('model, performance, low_confidence, fail_on_performance, preset_thresholds and retraining', () => {
    const { config, format } = parse([
      'reference: r.csv',
      'model: models/churn.onnx',
      'performance: { metric: roc_auc, max_drop: 0.02 }',
      'low_confidence: 0.7',
      'fail_on_performance: true',
      'preset: classic',
      'preset_thresholds: { ks: 0.2 }',
      'retraining: { enabled: false }',
    ]);
    expect(format).toBe('driftwatch');
    expect(config).toMatchObject({
      model: '/base/models/churn.onnx',
      performance: { metric: 'roc_auc', max_drop: 0.02 },
      low_confidence: 0.7,
      fail_on_performance: true,
      preset_thresholds: { ks: 0.2 },
      retraining: { enabled: false },
    });
    expect(failure(['performance: { metric: precision }']).field).toBe('performance.metric');
    expect(failure(['low_confidence: 2']).field).toBe('low_confidence');
  });
});

/**
 * The config file of ML Drift Monitor, the tool many users come from, read as it is and mapped onto
 * Driftwatch's settings (docs/config.md shows both side by side). Its drift rules are the `classic`
 * preset's (KS statistic > 0.10 or PSI > 0.20 for numbers, chi-square p < 0.05 for categories, an overall
 * alert above 30% of the features); its thresholds set that preset's. Its model files are pickles or
 * CatBoost binaries, which Driftwatch refuses with the recipe to export them to ONNX.
 */
import { basename, dirname, extname } from 'node:path';
import { z } from 'zod';
import { DriftwatchError } from '../../core/index.js';
import type { DriftwatchConfig } from './schema.js';

const path = z.string({ error: 'must be a file path' }).min(1, { error: 'must be a file path' });
const columnName = z.string({ error: 'must be a column name' }).min(1, { error: 'must be a column name' });
const columnList = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v === null ? [] : v),
  z.array(columnName, { error: 'must be a list of column names' }),
);
const positive = z.number({ error: 'must be a positive number' }).positive({ error: 'must be a positive number' });
const openShare = z
  .number({ error: 'must be a number between 0 and 1' })
  .gt(0, { error: 'must be a number between 0 and 1' })
  .lt(1, { error: 'must be a number between 0 and 1' });
const share = z.number({ error: 'must be a number between 0 and 1' }).min(0, { error: 'must be a number between 0 and 1' }).max(1, { error: 'must be a number between 0 and 1' });
const bool = z.boolean({ error: 'must be true or false' });

export const driftMonitorSchema = z.strictObject(
  {
    data: z
      .strictObject(
        { reference_path: path.optional(), production_path: path.optional(), label_column: columnName.nullable().optional() },
        { error: 'must be a mapping (reference_path, production_path, label_column)' },
      )
      .optional(),
    columns: z
      .strictObject(
        { numerical: columnList.optional(), categorical: columnList.optional(), drop: columnList.optional() },
        { error: 'must be a mapping (numerical, categorical, drop)' },
      )
      .optional(),
    model: z
      .strictObject(
        { path: path.nullable().optional(), framework: z.enum(['auto', 'sklearn', 'catboost']).optional() },
        { error: 'must be a mapping (path, framework)' },
      )
      .optional(),
    thresholds: z
      .strictObject(
        {
          ks_statistic: positive.optional(),
          psi: positive.optional(),
          chi2_p_value: openShare.optional(),
          f1_drop: share.optional(),
          drift_feature_fraction: share.refine((v) => v > 0, { error: 'must be a number between 0 and 1' }).optional(),
        },
        { error: 'must be a mapping (ks_statistic, psi, chi2_p_value, f1_drop, drift_feature_fraction)' },
      )
      .optional(),
    psi: z
      .strictObject(
        {
          bins: z
            .number({ error: 'must be a whole number of at least 2' })
            .int({ error: 'must be a whole number of at least 2' })
            .min(2, { error: 'must be a whole number of at least 2' })
            .optional(),
        },
        { error: 'must be a mapping (bins)' },
      )
      .optional(),
    retraining: z
      .strictObject(
        { enabled: bool.optional(), requires_labels: bool.optional(), save_path: path.optional() },
        { error: 'must be a mapping (enabled, requires_labels, save_path)' },
      )
      .optional(),
    output: z
      .strictObject(
        { report_path: path.optional(), log_path: path.optional(), retrain_log_path: path.optional() },
        { error: 'must be a mapping (report_path, log_path, retrain_log_path)' },
      )
      .optional(),
  },
  { error: 'must be a mapping of settings' },
);

export type DriftMonitorConfig = z.output<typeof driftMonitorSchema>;

/** Top-level keys only ML Drift Monitor's format has. */
const MONITOR_ONLY = ['data', 'thresholds', 'psi'] as const;
/** Keys inside shared top-level keys that only ML Drift Monitor's format has. */
const MONITOR_OUTPUT_KEYS = ['report_path', 'log_path', 'retrain_log_path'] as const;
/** Keys both formats have, with the same meaning (`columns.numerical|categorical|drop`, `retraining.*`). */
const SHARED = new Set(['columns', 'retraining']);

export type ConfigFormat = 'driftwatch' | 'drift-monitor';

/**
 * Which format a config document is in, by its keys: ML Drift Monitor's has `data`, `thresholds`, `psi`,
 * a `model` mapping or `output.report_path|log_path|retrain_log_path`. A document with keys of both is
 * refused, naming one key of each.
 */
export function detectConfigFormat(doc: unknown, file: string): ConfigFormat {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return 'driftwatch';
  const d = doc as Record<string, unknown>;
  const monitorKeys: string[] = MONITOR_ONLY.filter((k) => k in d);
  const driftwatchKeys: string[] = Object.keys(d).filter((k) => !SHARED.has(k) && !(MONITOR_ONLY as readonly string[]).includes(k) && k !== 'model' && k !== 'output');
  if ('model' in d) (isMapping(d['model']) ? monitorKeys : driftwatchKeys).push('model');
  const output = d['output'];
  if (isMapping(output)) {
    for (const k of Object.keys(output)) ((MONITOR_OUTPUT_KEYS as readonly string[]).includes(k) ? monitorKeys : driftwatchKeys).push(`output.${k}`);
  }
  if (monitorKeys.length === 0) return 'driftwatch';
  if (driftwatchKeys.length > 0) {
    const dw = driftwatchKeys[0]!;
    throw new DriftwatchError(
      'CONFIG_INVALID',
      `\`${dw}\` is a Driftwatch key and \`${monitorKeys[0]}\` an ML Drift Monitor key: a config file is in one format or the other (docs/config.md shows both); move \`${dw}\` to its ML Drift Monitor equivalent or write the file in Driftwatch's format`,
      { file, field: dw },
    );
  }
  return 'drift-monitor';
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export interface MappedConfig {
  readonly config: DriftwatchConfig;
  /** What was read differently from ML Drift Monitor, for people. */
  readonly notes: readonly string[];
}

/** ML Drift Monitor's settings as Driftwatch's (paths not yet resolved). `file` names the config in errors. */
export function fromDriftMonitor(c: DriftMonitorConfig, file: string): MappedConfig {
  const notes: string[] = [];
  const t = c.thresholds ?? {};
  const presetThresholds = {
    ...(t.ks_statistic !== undefined ? { ks: t.ks_statistic } : {}),
    ...(t.psi !== undefined ? { psi: t.psi } : {}),
    ...(t.chi2_p_value !== undefined ? { chi2: t.chi2_p_value } : {}),
  };
  const modelPath = c.model?.path ?? undefined;
  if (modelPath !== undefined && modelPath !== null) checkModelPath(modelPath, c.model?.framework ?? 'auto', file);
  const retraining = {
    ...(c.retraining?.enabled !== undefined ? { enabled: c.retraining.enabled } : {}),
    ...(c.retraining?.requires_labels !== undefined ? { requires_labels: c.retraining.requires_labels } : {}),
    ...(c.retraining?.save_path !== undefined ? { save_path: c.retraining.save_path } : {}),
    ...(c.output?.retrain_log_path !== undefined ? { log_path: c.output.retrain_log_path } : {}),
  };
  if (c.retraining?.enabled === true) notes.push('retraining.enabled: `driftwatch analyze` only reports; `driftwatch pipeline --config` with this file retrains (docs/pipeline.md).');
  const reportPath = c.output?.report_path;
  if (reportPath !== undefined) {
    const name = basename(reportPath);
    if (extname(name).toLowerCase() === '.json' && name !== 'drift_report.json') {
      notes.push(`output.report_path: the JSON report is written as drift_report.json in ${dirname(reportPath)}, beside the other report files.`);
    }
  }
  if (c.output?.log_path !== undefined) notes.push('output.log_path: driftwatch writes its messages to the terminal (stderr); redirect it to keep a log.');
  const columns = c.columns;
  const config: DriftwatchConfig = {
    preset: 'classic',
    ...(c.data?.reference_path !== undefined ? { reference: c.data.reference_path } : {}),
    ...(c.data?.production_path !== undefined ? { current: c.data.production_path } : {}),
    ...(c.data?.label_column !== undefined && c.data.label_column !== null ? { label: c.data.label_column } : {}),
    ...(columns !== undefined
      ? {
          columns: {
            ...(columns.numerical !== undefined && columns.numerical.length > 0 ? { numerical: columns.numerical } : {}),
            ...(columns.categorical !== undefined && columns.categorical.length > 0 ? { categorical: columns.categorical } : {}),
            ...(columns.drop !== undefined && columns.drop.length > 0 ? { drop: columns.drop } : {}),
          },
        }
      : {}),
    ...(Object.keys(presetThresholds).length > 0 ? { preset_thresholds: presetThresholds } : {}),
    ...(t.drift_feature_fraction !== undefined ? { drift_share: t.drift_feature_fraction } : {}),
    ...(c.psi?.bins !== undefined ? { psi_bins: c.psi.bins } : {}),
    ...(modelPath !== undefined && modelPath !== null ? { model: modelPath } : {}),
    ...(t.f1_drop !== undefined ? { performance: { metric: 'f1' as const, max_drop: t.f1_drop } } : {}),
    ...(Object.keys(retraining).length > 0 ? { retraining } : {}),
    ...(reportPath !== undefined ? { output: { dir: dirname(reportPath) } } : {}),
  };
  return { config, notes };
}

const ONNX_FROM_SKLEARN =
  'export it to ONNX: `from skl2onnx import to_onnx; open("model.onnx", "wb").write(to_onnx(model, X[:1].astype("float32")).SerializeToString())` ' +
  '(or, for XGBoost, `model.save_model("model.json")`), then set model.path to the new file (docs/models.md)';
const ONNX_FROM_CATBOOST =
  'export it to ONNX: `model.save_model("model.onnx", format="onnx")` (CatBoost writes ONNX for numeric features; ' +
  'encode categorical ones first), then set model.path to model.onnx. CatBoost\'s own JSON (`format="json"`) is not a format Driftwatch reads';

/** A pickle or a CatBoost binary is refused at once, naming the key, with the recipe to export the model. */
function checkModelPath(p: string, framework: 'auto' | 'sklearn' | 'catboost', file: string): void {
  const ext = extname(p).toLowerCase();
  if (['.pkl', '.pickle', '.joblib', '.sav'].includes(ext)) {
    throw new DriftwatchError('MODEL_UNSUPPORTED', `model.path: ${p} is a pickle/joblib file, which is refused: loading one runs arbitrary code. To use this model, ${ONNX_FROM_SKLEARN}`, {
      file,
      field: 'model.path',
    });
  }
  if (ext === '.cbm' || (framework === 'catboost' && ext !== '.onnx' && ext !== '.json')) {
    throw new DriftwatchError('MODEL_UNSUPPORTED', `model.path: ${p} is a CatBoost binary model, which Driftwatch does not read. To use this model, ${ONNX_FROM_CATBOOST}`, {
      file,
      field: 'model.path',
    });
  }
}

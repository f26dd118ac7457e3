/**
 * The YAML config file (`driftwatch.yaml`) as a zod schema, composed here because only this layer sees every
 * module whose names it accepts (drift's methods, presets and corrections; report's formats). Keys are
 * snake_case like the JSON report.
 * Every leaf carries a "must be …" message so that a validation error reads as one plain sentence;
 * enum values and unknown keys are phrased by src/core/config (format-issue.ts).
 */
import { z } from 'zod';
import { CORRECTION_NAMES, METHOD_CHOICES, PERFORMANCE_METRICS, PRESET_NAMES } from '../../drift/names/index.js';
import { OUTPUT_FORMATS } from '../../report/formats/index.js';
import { pipelineConfigSchema } from '../../pipeline/pipeline-config.js';
import { serverConfigSchema } from './server-config.js';
import { alertsConfigSchema } from '../../alerts/config.js';
import { monitorConfigSchema } from '../../monitor/config.js';

const columnName = z.string({ error: 'must be a column name' }).min(1, { error: 'must be a column name' });

/** A single name or a list; a lone string is read as a one-item list. */
const columnNames = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z.array(columnName, { error: 'must be a column name or a list of column names' }),
);

const positiveNumber = z.number({ error: 'must be a positive number' }).positive({ error: 'must be a positive number' });

const share = z
  .number({ error: 'must be a number between 0 and 1' })
  .min(0, { error: 'must be a number between 0 and 1' })
  .max(1, { error: 'must be a number between 0 and 1' });

const path = z.string({ error: 'must be a file path' }).min(1, { error: 'must be a file path' });

const bool = z.boolean({ error: 'must be true or false' });

/** The seed tools' retraining settings, used by `driftwatch pipeline` (enabled, save_path, log_path). */
export const retrainingSchema = z
  .strictObject(
    {
      enabled: bool.optional(),
      requires_labels: bool.optional(),
      save_path: path.optional(),
      log_path: path.optional(),
    },
    { error: 'must be a mapping (enabled, requires_labels, save_path, log_path)' },
  )
  .optional();

const methodChoice = z.strictObject(
  {
    method: z.enum(METHOD_CHOICES),
    threshold: positiveNumber.optional(),
  },
  { error: 'must be a mapping with `method` and an optional `threshold`' },
);

export const configSchema = z.strictObject(
  {
    /** Reference (baseline) data file; relative to the config file's folder. */
    reference: path.optional(),
    /** Current data file; relative to the config file's folder. */
    current: path.optional(),
    /** The label (target) column. */
    label: columnName.optional(),
    /** Prediction or probability column(s). */
    prediction: columnNames.optional(),
    columns: z
      .strictObject(
        {
          drop: columnNames.optional(),
          categorical: columnNames.optional(),
          numerical: columnNames.optional(),
          id: columnNames.optional(),
          timestamp: columnName.optional(),
        },
        { error: 'must be a mapping (drop, categorical, numerical, id, timestamp)' },
      )
      .optional(),
    preset: z.enum(PRESET_NAMES).optional(),
    /** Thresholds of the preset's methods by name, e.g. classic's { ks: 0.15, psi: 0.25, chi2: 0.01 }. */
    preset_thresholds: z.partialRecord(z.enum(METHOD_CHOICES), positiveNumber, { error: 'must be a mapping from method name to threshold' }).optional(),
    stattest: z.enum(METHOD_CHOICES).optional(),
    threshold: positiveNumber.optional(),
    per_kind: z
      .strictObject(
        { numeric: methodChoice.optional(), categorical: methodChoice.optional() },
        { error: 'must be a mapping (numeric, categorical)' },
      )
      .optional(),
    per_column: z.record(z.string(), methodChoice, { error: 'must be a mapping from column name to { method, threshold }' }).optional(),
    drift_share: share.refine((v) => v > 0, { error: 'must be a number between 0 and 1' }).optional(),
    severity: z
      .strictObject({ medium: share, high: share }, { error: 'must be a mapping with `medium` and `high`' })
      .refine((s) => s.medium <= s.high, { error: 'medium must not be above high' })
      .optional(),
    correction: z.enum(CORRECTION_NAMES).optional(),
    psi_bins: z
      .number({ error: 'must be a whole number of at least 2' })
      .int({ error: 'must be a whole number of at least 2' })
      .min(2, { error: 'must be a whole number of at least 2' })
      .optional(),
    workers: z
      .number({ error: 'must be a whole number from 1 to 256' })
      .int({ error: 'must be a whole number from 1 to 256' })
      .min(1, { error: 'must be a whole number from 1 to 256' })
      .max(256, { error: 'must be a whole number from 1 to 256' })
      .optional(),
    delimiter: z.string({ error: 'must be a one-character delimiter' }).optional(),
    /** Decimal mark of numbers written as text: auto (detected), '.' or ','. */
    decimal: z.enum(['auto', '.', ',']).optional(),
    /** Markers read as missing (compared ignoring case), replacing the defaults; the empty field always is. */
    missing_values: z
      .preprocess(
        (v) => (typeof v === 'string' || typeof v === 'number' ? [v] : Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? String(x) : x)) : v),
        z.array(z.string({ error: 'must be a text marker' }), { error: 'must be a marker or a list of markers, such as [NA, "-999"]' }),
      )
      .optional(),
    /** Effect size that must also pass on columns whose method is overridden (stattest, per_kind, per_column). */
    effect: methodChoice.optional(),
    fail_on_drift: bool.optional(),
    /** Model file (native JSON, ONNX, XGBoost JSON): adds the report's `model` section. */
    model: path.optional(),
    performance: z
      .strictObject(
        {
          metric: z.enum(PERFORMANCE_METRICS).optional(),
          max_drop: z.number({ error: 'must be a non-negative number' }).min(0, { error: 'must be a non-negative number' }).optional(),
        },
        { error: 'must be a mapping (metric, max_drop)' },
      )
      .optional(),
    /** Top-class probability below which a row is low confidence. */
    low_confidence: share.optional(),
    fail_on_performance: bool.optional(),
    retraining: retrainingSchema,
    /** The data directory (store and artifacts); relative to the config file's folder. */
    home: path.optional(),
    /** The retraining pipeline (`driftwatch pipeline`). */
    pipeline: pipelineConfigSchema.optional(),
    /** The model `POST /predict` and `POST /ingest/batch` (the seed services' routes) act on; default: the only registered model. */
    default_model: z.string({ error: 'must be a model name' }).min(1, { error: 'must be a model name' }).optional(),
    /** `driftwatch serve`: listening, limits, request logging. */
    server: serverConfigSchema.optional(),
    /** Alert channels and policy of the service (src/alerts). */
    alerts: alertsConfigSchema.optional(),
    /** Windows, check interval, retention and redaction of the service's monitoring (src/monitor). */
    monitor: monitorConfigSchema.optional(),
    output: z
      .strictObject(
        {
          dir: path.optional(),
          formats: z
            .preprocess(
              (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : v),
              z.array(z.enum(OUTPUT_FORMATS), { error: `must be a list of formats (${OUTPUT_FORMATS.join(', ')})` }),
            )
            .optional(),
        },
        { error: 'must be a mapping (dir, formats)' },
      )
      .optional(),
  },
  { error: 'must be a mapping of settings' },
);

/** A validated config file, as written (paths not yet resolved). */
export type DriftwatchConfig = z.output<typeof configSchema>;

/**
 * The `pipeline:` section of the config file: trigger policies, the training-data strategy, the trainer,
 * the holdout, the gates and the approval mode. Defaults are the seed tools' (random forest, 400 trees,
 * depth 10, seed 42; reference + current; human approval before promotion).
 */
import { z } from 'zod';

const share = z.number({ error: 'must be a number between 0 and 1' }).min(0, { error: 'must be a number between 0 and 1' }).max(1, { error: 'must be a number between 0 and 1' });
const positiveInt = z.number({ error: 'must be a whole number of at least 1' }).int({ error: 'must be a whole number of at least 1' }).min(1, { error: 'must be a whole number of at least 1' });

export const METRIC_NAMES = ['f1', 'accuracy', 'precision', 'recall', 'roc_auc', 'pr_auc'] as const;
export type PipelineMetric = (typeof METRIC_NAMES)[number];
export const SEVERITY_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export const BASELINE_CHOICES = ['current', 'training_data'] as const;
export type BaselineChoice = (typeof BASELINE_CHOICES)[number];

export const pipelineConfigSchema = z.strictObject(
  {
    /** The registered model's name. */
    name: z.string({ error: 'must be a model name' }).min(1, { error: 'must be a model name' }).optional(),
    triggers: z.strictObject({
      dataset_drift: z.boolean({ error: 'must be true or false' }).optional(),
      /** Retrain when the severity is at least this (LOW, MEDIUM, HIGH) even without dataset drift. */
      min_severity: z.enum(SEVERITY_LEVELS).optional(),
      target_drift: z.boolean({ error: 'must be true or false' }).optional(),
      performance: z.union([z.literal(false), z.strictObject({ metric: z.enum(METRIC_NAMES).optional(), max_drop: share.optional() })], { error: 'must be false or a mapping (metric, max_drop)' }).optional(),
      after_alerts: positiveInt.optional(),
      schedule: z.string({ error: 'must be a cron expression such as "0 2 * * *"' }).optional(),
    }, { error: 'must be a mapping (dataset_drift, min_severity, target_drift, performance, after_alerts, schedule)' }).optional(),
    data: z.strictObject({
      strategy: z.enum(['combined', 'current', 'last_rows', 'last_days']).optional(),
      rows: positiveInt.optional(),
      /** For `last_days`: how many days back from the newest row. */
      days: positiveInt.optional(),
      /** For `last_days`: the column holding each row's time (dates or epoch values). */
      time_column: z.string({ error: 'must be a column name' }).min(1, { error: 'must be a column name' }).optional(),
    }, { error: 'must be a mapping (strategy, rows, days, time_column)' }).optional(),
    trainer: z.strictObject({
      algo: z.enum(['rf', 'gbdt', 'logreg']).optional(),
      params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]), { error: 'must be a mapping of learner parameters' }).optional(),
      seed: z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).optional(),
      /** An external trainer: `{train}` and `{model}` are replaced by file paths. */
      command: z.string({ error: 'must be a command line' }).min(1, { error: 'must be a command line' }).optional(),
      timeout_seconds: positiveInt.optional(),
    }, { error: 'must be a mapping (algo, params, seed, command, timeout_seconds)' }).optional(),
    holdout: z.strictObject({ fraction: share.optional(), seed: z.number().int().optional() }, { error: 'must be a mapping (fraction, seed)' }).optional(),
    gates: z.strictObject({
      metric: z.enum(METRIC_NAMES).optional(),
      min: share.optional(),
      max_drop_vs_champion: share.optional(),
      data_quality: z.boolean({ error: 'must be true or false' }).optional(),
    }, { error: 'must be a mapping (metric, min, max_drop_vs_champion, data_quality)' }).optional(),
    approval: z.strictObject({
      mode: z.enum(['human', 'auto']).optional(),
      where: z.enum(['before_promotion', 'before_training']).optional(),
    }, { error: 'must be a mapping (mode, where)' }).optional(),
    /**
     * What a promoted version is monitored against: the current data it was promoted on, or the data it was
     * trained on (with the `combined` strategy a mixture of old and new, which keeps showing drift after
     * retraining; see docs/pipeline.md).
     */
    baseline: z.enum(BASELINE_CHOICES, { error: 'must be current or training_data' }).optional(),
  },
  { error: 'must be a mapping (name, triggers, data, trainer, holdout, gates, approval, baseline)' },
);

export type PipelineConfig = z.output<typeof pipelineConfigSchema>;

/** Every setting resolved to a value. */
export interface PipelineSettings {
  readonly triggers: {
    readonly datasetDrift: boolean;
    readonly minSeverity: 'LOW' | 'MEDIUM' | 'HIGH' | null;
    readonly targetDrift: boolean;
    readonly performance: { readonly metric: PipelineMetric; readonly maxDrop: number } | null;
    readonly afterAlerts: number | null;
    readonly schedule: string | null;
  };
  readonly data: {
    readonly strategy: 'combined' | 'current' | 'last_rows' | 'last_days';
    readonly rows: number | null;
    readonly days: number | null;
    readonly timeColumn: string | null;
  };
  readonly trainer:
    | { readonly kind: 'native'; readonly algo: 'rf' | 'gbdt' | 'logreg'; readonly params: Readonly<Record<string, number | string | boolean>>; readonly seed: number }
    | { readonly kind: 'command'; readonly command: string; readonly timeoutSeconds: number };
  readonly holdout: { readonly fraction: number; readonly seed: number };
  readonly gates: { readonly metric: PipelineMetric; readonly min: number | null; readonly maxDropVsChampion: number; readonly dataQuality: boolean };
  readonly approval: { readonly mode: 'human' | 'auto'; readonly where: 'before_promotion' | 'before_training' };
  readonly baseline: BaselineChoice;
}

export const DEFAULT_FOREST_PARAMS: Readonly<Record<string, number>> = { n_estimators: 400, max_depth: 10 };

export function resolvePipelineSettings(config: PipelineConfig = {}): PipelineSettings {
  const t = config.triggers ?? {};
  const perf = t.performance;
  const tr = config.trainer ?? {};
  const algo = tr.algo ?? 'rf';
  return {
    triggers: {
      datasetDrift: t.dataset_drift ?? true,
      minSeverity: t.min_severity ?? null,
      targetDrift: t.target_drift ?? true,
      performance: perf === false ? null : { metric: perf?.metric ?? 'f1', maxDrop: perf?.max_drop ?? 0.05 },
      afterAlerts: t.after_alerts ?? null,
      schedule: t.schedule ?? null,
    },
    data: {
      strategy: config.data?.strategy ?? 'combined',
      rows: config.data?.rows ?? null,
      days: config.data?.days ?? null,
      timeColumn: config.data?.time_column ?? null,
    },
    trainer: tr.command !== undefined
      ? { kind: 'command', command: tr.command, timeoutSeconds: tr.timeout_seconds ?? 3600 }
      : { kind: 'native', algo, params: tr.params ?? (algo === 'rf' ? DEFAULT_FOREST_PARAMS : {}), seed: tr.seed ?? 42 },
    holdout: { fraction: config.holdout?.fraction ?? 0.2, seed: config.holdout?.seed ?? 42 },
    gates: {
      metric: config.gates?.metric ?? (perf === false || perf === undefined ? 'f1' : perf.metric ?? 'f1'),
      min: config.gates?.min ?? null,
      maxDropVsChampion: config.gates?.max_drop_vs_champion ?? 0.02,
      dataQuality: config.gates?.data_quality ?? true,
    },
    approval: { mode: config.approval?.mode ?? 'human', where: config.approval?.where ?? 'before_promotion' },
    baseline: config.baseline ?? 'current',
  };
}

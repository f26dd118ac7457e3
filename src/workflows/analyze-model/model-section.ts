/**
 * The report's `model` section: the model runs on the reference and the current table, and its outputs
 * become columns (the predicted class or value, and for classifiers the top-class probability) that the
 * drift engine judges with the same methods and thresholds as the data. The engine never sees the model.
 */
import { DriftwatchError } from '../../core/index.js';
import { categoricalColumn, createTable, numericColumn, type Table } from '../../data/index.js';
import {
  analyzeDrift, CLASSIFIER_METRICS, REGRESSOR_METRICS,
  type AnalyzeOptions, type ColumnDrift, type ModelConfidence, type ModelPerformance, type ModelSection, type PerformanceMetric,
} from '../../drift/index.js';
import type { LoadedModel, PredictionResult } from '../../models/index.js';
import { confidenceSide, DEFAULT_LOW_CONFIDENCE, topClassProbability } from './confidence.js';
import { metricChange, metricDrop, perClassPerformance, scoreSide } from './performance.js';

/** The performance alert: when `metric` drops by more than `maxDrop` from reference to current. */
export interface PerformanceAlertSettings {
  /** Default: f1 for classifiers, r2 for regressors. */
  readonly metric?: PerformanceMetric;
  /** Default 0.05. */
  readonly maxDrop?: number;
}

export const DEFAULT_MAX_DROP = 0.05;

export interface ModelSectionOptions {
  /** The label column (default: the one the model records); performance is scored where both inputs hold it. */
  readonly label?: string;
  readonly performance?: PerformanceAlertSettings;
  /** Top-class probability below which a row counts as low confidence (default 0.6). */
  readonly lowConfidence?: number;
  /** The data analysis's options: the prediction columns are judged with the same preset and methods. */
  readonly analyze?: AnalyzeOptions;
  /** Names of the inputs and the model in messages and in the report. */
  readonly names: { readonly reference: string; readonly current: string; readonly model: string | null };
}

/** Column names the predictions are analysed under (shown in the report). */
export const PREDICTED_CLASS = 'predicted_class';
export const PREDICTED_VALUE = 'predicted_value';
export const CONFIDENCE = 'confidence';

export async function buildModelSection(loaded: LoadedModel, reference: Table, current: Table, options: ModelSectionOptions): Promise<ModelSection> {
  const { model } = loaded;
  const sig = model.signature;
  const notes: string[] = [];
  const metric = options.performance?.metric ?? (sig.task === 'regression' ? 'r2' : 'f1');
  checkMetricFits(metric, sig.task);
  const maxDrop = options.performance?.maxDrop ?? DEFAULT_MAX_DROP;
  const lowThreshold = options.lowConfidence ?? DEFAULT_LOW_CONFIDENCE;

  const [refPred, curPred] = [await predict(loaded, reference, options.names.reference), await predict(loaded, current, options.names.current)];
  const classes = sig.classes;
  const top = (p: PredictionResult): Float64Array => (sig.task === 'regression' ? new Float64Array(0) : topClassProbability(p.probabilities!, classes!.length));
  const [refTop, curTop] = [top(refPred), top(curPred)];
  const outputs = (p: PredictionResult, confidence: Float64Array): Table =>
    sig.task === 'regression'
      ? createTable([numericColumn(PREDICTED_VALUE, p.values!)])
      : createTable([categoricalColumn(PREDICTED_CLASS, p.labels!), numericColumn(CONFIDENCE, confidence)]);
  const refOut = outputs(refPred, refTop);
  const curOut = outputs(curPred, curTop);
  const names = sig.task === 'regression' ? [PREDICTED_VALUE] : [PREDICTED_CLASS, CONFIDENCE];
  const a = options.analyze ?? {};
  const drift = analyzeDrift(refOut, curOut, {
    ...(a.preset !== undefined ? { preset: a.preset } : {}),
    ...(a.stattest !== undefined ? { stattest: a.stattest } : {}),
    ...(a.threshold !== undefined ? { threshold: a.threshold } : {}),
    ...(a.perKind !== undefined ? { perKind: a.perKind } : {}),
    ...(a.effect !== undefined ? { effect: a.effect } : {}),
    ...(a.psiBins !== undefined ? { psiBins: a.psiBins } : {}),
    ...(a.clock !== undefined ? { clock: a.clock } : {}),
    prediction: names,
    columnKinds: sig.task === 'regression' ? { [PREDICTED_VALUE]: 'numeric' } : { [PREDICTED_CLASS]: 'categorical', [CONFIDENCE]: 'numeric' },
  });
  const byName = new Map((drift.prediction_columns ?? []).map((c) => [c.name, c]));
  const predictionDrift = byName.get(names[0]!) ?? unjudged(names[0]!, drift.excluded);

  let confidence: ModelConfidence | null = null;
  if (sig.task !== 'regression') {
    const r = confidenceSide(refTop, lowThreshold);
    const c = confidenceSide(curTop, lowThreshold);
    confidence = {
      low_confidence_threshold: lowThreshold,
      reference: r,
      current: c,
      mean_change: c.mean - r.mean,
      low_confidence_share_change: c.low_confidence_share - r.low_confidence_share,
      drift: byName.get(CONFIDENCE) ?? unjudged(CONFIDENCE, drift.excluded),
    };
  }

  const performance = scorePerformance(loaded, reference, current, refPred, curPred, { ...options, metric, maxDrop }, notes);
  return {
    model: {
      path: options.names.model,
      format: loaded.format,
      algorithm: model.card.algorithm,
      task: sig.task,
      classes: classes === null ? null : [...classes],
    },
    prediction_drift: predictionDrift,
    confidence,
    performance,
    performance_alert: performance?.alert === true,
    notes,
  };
}

function scorePerformance(
  loaded: LoadedModel, reference: Table, current: Table, refPred: PredictionResult, curPred: PredictionResult,
  options: ModelSectionOptions & { metric: PerformanceMetric; maxDrop: number }, notes: string[],
): ModelPerformance | null {
  const { model } = loaded;
  const label = options.label ?? model.signature.label;
  if (label === null) {
    notes.push('No performance: the model does not record its label column and none was named (--label).');
    return null;
  }
  const refLabel = reference.column(label);
  const curLabel = current.column(label);
  if (refLabel === undefined || curLabel === undefined) {
    const where = refLabel === undefined && curLabel === undefined ? 'either input' : refLabel === undefined ? options.names.reference : options.names.current;
    notes.push(`No performance: the label column "${label}" is not in ${where}.`);
    return null;
  }
  const r = scoreSide(model, refLabel, refPred, options.names.reference);
  const c = scoreSide(model, curLabel, curPred, options.names.current);
  for (const note of new Set([r.note, c.note])) if (note !== null) notes.push(note);
  if (r.side.n_samples === 0 || c.side.n_samples === 0) {
    notes.push(`No performance: the label column "${label}" has no values in ${r.side.n_samples === 0 ? options.names.reference : options.names.current}.`);
    return null;
  }
  const drop = metricDrop(options.metric, r.side.metrics, c.side.metrics);
  if (drop === null) notes.push(`The performance alert cannot judge ${options.metric}: it is undefined on ${r.side.metrics[options.metric] == null ? options.names.reference : options.names.current} (one class present).`);
  return {
    label,
    positive_class: model.signature.task === 'binary' ? model.signature.positiveClass : null,
    reference: r.side,
    current: c.side,
    change: metricChange(r.side.metrics, c.side.metrics),
    per_class: perClassPerformance(model.signature.classes, r.perClass, c.perClass),
    metric: options.metric,
    max_drop: options.maxDrop,
    drop,
    alert: drop !== null && drop > options.maxDrop,
  };
}

async function predict(loaded: LoadedModel, table: Table, file: string): Promise<PredictionResult> {
  try {
    return await loaded.model.predict(table);
  } catch (e) {
    // The model's complaint (a missing input column) is about this data file.
    throw e instanceof DriftwatchError && e.file === undefined ? new DriftwatchError(e.code, e.message, { file, ...(e.field !== undefined ? { field: e.field } : {}) }) : e;
  }
}

function checkMetricFits(metric: PerformanceMetric, task: 'binary' | 'multiclass' | 'regression'): void {
  const fits = task === 'regression' ? REGRESSOR_METRICS : CLASSIFIER_METRICS;
  if (!fits.includes(metric)) {
    throw new DriftwatchError(
      'USAGE',
      `performance metric "${metric}" does not apply to a ${task === 'regression' ? 'regression' : 'classification'} model; use one of ${fits.join(', ')}`,
      { field: 'performance.metric' },
    );
  }
}

function unjudged(name: string, excluded: readonly { name: string; reason: string }[]): ColumnDrift {
  const why = excluded.find((e) => e.name === name)?.reason ?? 'not analysed';
  throw new DriftwatchError('NO_DATA', `the model's ${name} cannot be compared between reference and current: ${why}`, { field: name });
}

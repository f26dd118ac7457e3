/**
 * The `model` section of a drift report: what a model made of the reference and the current data. The
 * drift engine never runs a model (the analysis workflow does, and hands the predictions to the engine as
 * columns); these types only describe the result, so every renderer can show it. Keys are snake_case like
 * the rest of the report (docs/report-schema.md).
 */
import type { PERFORMANCE_METRICS } from './names/index.js';
import type { ColumnDrift } from './types.js';

export type PerformanceMetric = (typeof PERFORMANCE_METRICS)[number];

/** Metrics of classifiers and of regressors, in report order. */
export const CLASSIFIER_METRICS: readonly PerformanceMetric[] = ['accuracy', 'balanced_accuracy', 'f1', 'roc_auc'];
export const REGRESSOR_METRICS: readonly PerformanceMetric[] = ['mae', 'rmse', 'r2'];

/** Metrics where a smaller value is better: their "drop" is an increase. */
export const LOWER_IS_BETTER: ReadonlySet<PerformanceMetric> = new Set(['mae', 'rmse']);

export interface ModelInfo {
  /** The model file as named by the user, or null for a model passed in memory. */
  readonly path: string | null;
  readonly format: 'native' | 'xgboost-json' | 'onnx';
  readonly algorithm: string;
  readonly task: 'binary' | 'multiclass' | 'regression';
  /** Class labels in the model's order (classifiers), else null. */
  readonly classes: readonly string[] | null;
}

export interface ConfidenceSide {
  /** Rows the model predicted on. */
  readonly rows: number;
  /** Mean top-class probability. */
  readonly mean: number;
  /** Share of rows whose top-class probability is below `low_confidence_threshold`. */
  readonly low_confidence_share: number;
}

/** Classifiers only: the top-class probability of each row, its distribution on both sides and its drift. */
export interface ModelConfidence {
  readonly low_confidence_threshold: number;
  readonly reference: ConfidenceSide;
  readonly current: ConfidenceSide;
  /** current minus reference. */
  readonly mean_change: number;
  readonly low_confidence_share_change: number;
  /** The confidence column as the drift engine judged it (its histogram is the confidence histogram). */
  readonly drift: ColumnDrift;
}

/** Metric values on one side; a metric undefined on the data (ROC AUC with one class present) is null. */
export type MetricValues = Readonly<Partial<Record<PerformanceMetric, number | null>>>;

export interface PerformanceSide {
  /** Rows with a label (the others are not scored). */
  readonly n_samples: number;
  readonly metrics: MetricValues;
}

/** One class's scores on one side, like a row of scikit-learn's classification_report (0/0 is 0). */
export interface ClassScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Labelled rows of this class. */
  readonly support: number;
}

/** One class's classification report on both sides. */
export interface ClassPerformance {
  readonly class: string;
  readonly reference: ClassScores;
  readonly current: ClassScores;
}

/** Realised performance where the label is in both inputs. */
export interface ModelPerformance {
  readonly label: string;
  /** Binary classifiers: the class F1 and ROC AUC are of; otherwise null (multiclass F1 is the macro mean). */
  readonly positive_class: string | null;
  readonly reference: PerformanceSide;
  readonly current: PerformanceSide;
  /** current minus reference, per metric (null where either is null). */
  readonly change: MetricValues;
  /**
   * Classifiers: precision, recall, F1 and support of each class on each side, in the model's class order
   * (every class listed, support 0 where absent); null for regressors. Absent in reports from before schema 1.3.
   */
  readonly per_class?: readonly ClassPerformance[] | null;
  /** The watched metric and the largest drop allowed before the alert. */
  readonly metric: PerformanceMetric;
  readonly max_drop: number;
  /**
   * How much worse the watched metric got: reference minus current, or current minus reference for errors
   * (MAE, RMSE). Negative when it improved; null when the metric is undefined on either side.
   */
  readonly drop: number | null;
  /** drop > max_drop. */
  readonly alert: boolean;
}

export interface ModelSection {
  readonly model: ModelInfo;
  /** The predicted class (classifiers, categorical) or predicted value (regression, numeric), judged by the drift engine. */
  readonly prediction_drift: ColumnDrift;
  /** Classifiers only; null for regression. */
  readonly confidence: ModelConfidence | null;
  /** Null when the label is not in both inputs (the notes say why). */
  readonly performance: ModelPerformance | null;
  /** The performance alert: true when `performance.alert` is. */
  readonly performance_alert: boolean;
  readonly notes: readonly string[];
}

/**
 * The `Model` interface every model in Driftwatch implements — native learners, imported XGBoost JSON and
 * ONNX graphs alike — so the CLI, the drift monitor and the prediction service treat them the same way.
 * A model predicts on a `Table` of raw columns as the user has them: the preprocessing it was trained
 * with (column order, categorical encoding, missing values) travels with it.
 */
import type { Table } from '../data/table/index.js';

export type Task = 'binary' | 'multiclass' | 'regression';

export interface InputColumn {
  readonly name: string;
  /** How the model reads the column. */
  readonly kind: 'numeric' | 'categorical';
  /** For categorical inputs, the categories seen in training, in encoding order. */
  readonly categories?: readonly string[];
}

export interface ModelSignature {
  readonly task: Task;
  readonly inputs: readonly InputColumn[];
  /** Class labels in output order (classification), else null. */
  readonly classes: readonly string[] | null;
  /** For binary models, the class whose probability `probability` holds. */
  readonly positiveClass: string | null;
  /** The label column the model was trained on, when known. */
  readonly label: string | null;
}

export interface PredictionResult {
  /** Predicted class label per row (classification), else null. */
  readonly labels: readonly string[] | null;
  /** Row-major n x K class probabilities in `signature.classes` order (classification), else null. */
  readonly probabilities: Float64Array | null;
  /** Predicted value per row (regression), else null. */
  readonly values: Float64Array | null;
}

/** Which columns of a table a model reads, and how it matched them (`Model.bindInputs`). */
export interface InputBinding {
  /** The table columns the model reads, in the model's input order. */
  readonly columns: readonly string[];
  /**
   * 'name': matched to the model's named inputs; 'position': the table's columns in file order, for a model
   * that reads one feature matrix and records no names; 'features': in the order the caller mapped them.
   */
  readonly by: 'name' | 'position' | 'features';
  /** Table columns the model does not read (predict passes them through). */
  readonly unused: readonly string[];
}

/** Metadata saved with every model: what it is, what it was trained on, how good it was. */
export interface ModelCard {
  readonly algorithm: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly training_rows: number | null;
  /** SHA-256 over the training columns (names, kinds and values), hex; null for imported models. */
  readonly data_fingerprint: string | null;
  /**
   * Importances by kind, then by feature name: shares that sum to 1 (gain, split count, coefficient) or a drop in
   * score (permutation). `feature_importance_definitions` says which, per kind.
   */
  readonly feature_importances: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Per kind in `feature_importances`, what it measures (absent on imported models and older files). */
  readonly feature_importance_definitions?: Readonly<Record<string, string>>;
  /** Metrics on the validation split at training time (snake_case keys as in `evaluate --json`). */
  readonly metrics: Readonly<Record<string, number>>;
  readonly created_at: string;
  readonly driftwatch_version: string;
  /** Model file format version. */
  readonly format_version: string;
  /** Where the model came from: 'native', 'xgboost-json', 'onnx'. */
  readonly source: 'native' | 'xgboost-json' | 'onnx';
}

export interface Model {
  readonly signature: ModelSignature;
  readonly card: ModelCard;
  /**
   * Predicts on raw columns. A required input column missing from the table is a DriftwatchError
   * ('COLUMN_NOT_FOUND'); unseen categories and missing values follow the model's documented rules.
   * Async because ONNX Runtime is; native models resolve without I/O.
   */
  predict(table: Table): Promise<PredictionResult>;
  /**
   * The columns `predict` would read from this table, or the DriftwatchError it would throw because the
   * columns do not fit: a named input missing ('COLUMN_NOT_FOUND'), or — for a model that reads its inputs
   * by position — columns whose number or names differ from its inputs ('INPUT_MISMATCH').
   */
  bindInputs(table: Table): InputBinding;
}

/**
 * A card that says what a model is and where it came from, with the training facts (rows, fingerprint,
 * importances, metrics) unknown: imported models, and a model still being built.
 */
export function cardWithoutTrainingFacts(card: Pick<ModelCard, 'algorithm' | 'parameters' | 'format_version' | 'source'>, driftwatchVersion: string): ModelCard {
  return {
    ...card,
    training_rows: null,
    data_fingerprint: null,
    feature_importances: {},
    metrics: {},
    // Unknown for an imported model; the epoch says so rather than pretending it is the load time.
    created_at: new Date(0).toISOString(),
    driftwatch_version: driftwatchVersion,
  };
}

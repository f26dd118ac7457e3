/**
 * Model-aware drift analysis: the analysis of two inputs (`analyzeFiles`), and the model run on both, its
 * predictions judged by the drift engine, its confidence and realised performance compared, in the report's
 * `model` section (which every report file then carries).
 */
import type { Table } from '../../data/index.js';
import type { DriftReport } from '../../drift/index.js';
import type { InputBinding } from '../../models/index.js';
import { analyzeFiles, type AnalyzeFilesOptions, type AnalyzeFilesResult } from '../analyze/index.js';
import { bindModelInputs, checkFeaturesUsed, loadModelInput, unseenCategoriesWarning, type ModelInput } from '../model-io/index.js';
import { buildModelSection, type PerformanceAlertSettings } from './model-section.js';

export interface AnalyzeModelDriftOptions extends AnalyzeFilesOptions {
  readonly model: ModelInput;
  /** The label column for realised performance (default: the one the model records, else `analyze.target`). */
  readonly label?: string;
  /** The performance alert (default: F1, or R² for regressors, dropping by more than 0.05). */
  readonly performance?: PerformanceAlertSettings;
  /** Top-class probability below which a row counts as low confidence (default 0.6). */
  readonly lowConfidence?: number;
  /**
   * For a model that reads one feature matrix by position: the data's columns in the model's input order, as
   * `predictToCsv`'s `features`. Without it, such a model needs the columns besides the label to be exactly its
   * inputs (else INPUT_MISMATCH, naming the data file).
   */
  readonly featureNames?: readonly string[];
  /** How the caller names `featureNames` in messages (default `featureNames`). */
  readonly featuresOption?: string;
  /** The data's columns are bound to the model's inputs (before the data analysis): which columns the model reads. */
  readonly onModelInputs?: (inputs: InputBinding) => void;
  /** A note for people as it arises: categories the model never saw in training, per input. */
  readonly onWarning?: (message: string) => void;
}

export interface AnalyzeModelDriftResult extends AnalyzeFilesResult {
  /** True when the watched metric dropped by more than the allowed drop. */
  readonly performanceAlert: boolean;
  /** The reference's columns the model read, and how it matched them (the current's are the same columns). */
  readonly inputs: InputBinding;
}

export async function analyzeModelDrift(options: AnalyzeModelDriftOptions): Promise<AnalyzeModelDriftResult> {
  const label = options.label ?? options.analyze?.target;
  // The model is loaded before the data is read, and its inputs bound to the data's columns as soon as both are
  // read: a bad model file, or data the model cannot read, fails before the analysis, not minutes after it.
  // Binding is predict's (bindModelInputs): analyze --model and predict accept and refuse the same inputs.
  const loaded = await loadModelInput(options.model, {
    ...(label !== undefined ? { label } : {}),
    ...(options.featureNames !== undefined ? { featureNames: options.featureNames } : {}),
  });
  let inputs: InputBinding | null = null;
  const onRead = (reference: Table, current: Table): void => {
    options.onRead?.(reference, current);
    const bound = [bindModelInputs(loaded.model, reference, options.reference), bindModelInputs(loaded.model, current, options.current)];
    // Both inputs bind the same way (one model): the reference's binding speaks for both, as predict's message does.
    checkFeaturesUsed(options.featureNames ?? [], [bound[0]!], options.featuresOption ?? 'featureNames');
    inputs = bound[0]!;
    options.onModelInputs?.(inputs);
    for (const [table, input] of [[reference, options.reference], [current, options.current]] as const) {
      const unseen = unseenCategoriesWarning(loaded.model, table, input.display);
      if (unseen !== null) options.onWarning?.(unseen);
    }
  };
  const extendReport = async (report: DriftReport, reference: Table, current: Table): Promise<DriftReport> => {
    const model = await buildModelSection(loaded, reference, current, {
      ...(label !== undefined ? { label } : {}),
      ...(options.performance !== undefined ? { performance: options.performance } : {}),
      ...(options.lowConfidence !== undefined ? { lowConfidence: options.lowConfidence } : {}),
      ...(options.analyze !== undefined ? { analyze: options.analyze } : {}),
      names: { reference: options.reference.display, current: options.current.display, model: options.model.display },
    });
    return { ...report, model };
  };
  const result = await analyzeFiles({ ...options, onRead, extendReport });
  return { ...result, performanceAlert: result.report.model?.performance_alert === true, inputs: inputs! };
}

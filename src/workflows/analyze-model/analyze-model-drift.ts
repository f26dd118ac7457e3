/**
 * Model-aware drift analysis: the analysis of two inputs (`analyzeFiles`), and the model run on both, its
 * predictions judged by the drift engine, its confidence and realised performance compared, in the report's
 * `model` section (which every report file then carries).
 */
import type { Table } from '../../data/index.js';
import type { DriftReport } from '../../drift/index.js';
import type { LoadedModel } from '../../models/index.js';
import { analyzeFiles, type AnalyzeFilesOptions, type AnalyzeFilesResult } from '../analyze/index.js';
import { loadModelInput, type ModelInput } from '../model-io/index.js';
import { buildModelSection, type PerformanceAlertSettings } from './model-section.js';

export interface AnalyzeModelDriftOptions extends AnalyzeFilesOptions {
  readonly model: ModelInput;
  /** The label column for realised performance (default: the one the model records, else `analyze.target`). */
  readonly label?: string;
  /** The performance alert (default: F1, or R² for regressors, dropping by more than 0.05). */
  readonly performance?: PerformanceAlertSettings;
  /** Top-class probability below which a row counts as low confidence (default 0.6). */
  readonly lowConfidence?: number;
  /** Column names for an ONNX model with one unnamed [N, F] input. */
  readonly featureNames?: readonly string[];
}

export interface AnalyzeModelDriftResult extends AnalyzeFilesResult {
  /** True when the watched metric dropped by more than the allowed drop. */
  readonly performanceAlert: boolean;
}

export async function analyzeModelDrift(options: AnalyzeModelDriftOptions): Promise<AnalyzeModelDriftResult> {
  const label = options.label ?? options.analyze?.target;
  // Loads while the data is read and analysed; a bad model file is reported once the data analysis is done.
  const loading = loadModelInput(options.model, {
    ...(label !== undefined ? { label } : {}),
    ...(options.featureNames !== undefined ? { featureNames: options.featureNames } : {}),
  });
  loading.catch(() => undefined);
  const extendReport = async (report: DriftReport, reference: Table, current: Table): Promise<DriftReport> => {
    const loaded: LoadedModel = await loading;
    const model = await buildModelSection(loaded, reference, current, {
      ...(label !== undefined ? { label } : {}),
      ...(options.performance !== undefined ? { performance: options.performance } : {}),
      ...(options.lowConfidence !== undefined ? { lowConfidence: options.lowConfidence } : {}),
      ...(options.analyze !== undefined ? { analyze: options.analyze } : {}),
      names: { reference: options.reference.display, current: options.current.display, model: options.model.display },
    });
    return { ...report, model };
  };
  const result = await analyzeFiles({ ...options, extendReport });
  return { ...result, performanceAlert: result.report.model?.performance_alert === true };
}

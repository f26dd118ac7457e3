/** Model-aware drift analysis: the model's predictions, confidence and realised performance on both inputs. */
export { analyzeModelDrift, type AnalyzeModelDriftOptions, type AnalyzeModelDriftResult } from './analyze-model-drift.js';
export { buildModelSection, DEFAULT_MAX_DROP, CONFIDENCE, PREDICTED_CLASS, PREDICTED_VALUE, type ModelSectionOptions, type PerformanceAlertSettings } from './model-section.js';
export { DEFAULT_LOW_CONFIDENCE } from './confidence.js';

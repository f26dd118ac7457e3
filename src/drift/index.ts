/** The drift engine: analyzeDrift, its options and report types, the method registry and the presets. */
export * from './types.js';
export * from './model-section-types.js';
export * from './options.js';
export * from './analyze.js';
export * from './parallel/index.js';
export { DRIFT_METHODS, METHOD_NAMES, getMethod, isMethodName } from './methods/registry.js';
export type { DriftMethod, AnalysisKind, ScoreKind, MethodParams, MethodResult } from './methods/types.js';
export { PRESETS } from './presets/index.js';
export { CORRECTION_NAMES, METHOD_CHOICES, PERFORMANCE_METRICS, PRESET_NAMES } from './names/index.js';
export type { Preset, PresetChoice, ColumnFacts, MethodSpec } from './presets/types.js';
export { driftScore } from './score.js';
export { createReferencePreparation, type ReferencePreparation } from './prepare/reference-preparation.js';

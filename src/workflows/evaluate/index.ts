/** A model, and optionally a baseline, evaluated on labelled data. */
export { evaluateModels, type EvaluateModelsOptions, type EvaluateModelsResult } from './evaluate-models.js';

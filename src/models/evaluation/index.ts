/** A model evaluated on labelled data: label alignment, then the metrics of its task. */
export { evaluateModel, type EvaluateModelOptions } from './evaluate-model.js';
export { alignLabels, type AlignedLabels } from './label-alignment.js';

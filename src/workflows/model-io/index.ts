/** Models as workflow inputs (kept apart from io/: loading models brings onnxruntime, which analyses never need). */
export { loadModelInput, type LoadedModelInput, type ModelInput } from './model-input.js';
export { bindModelInputs, checkFeaturesUsed, describeInputs, locateDataError, unseenCategoriesWarning } from './model-inputs.js';

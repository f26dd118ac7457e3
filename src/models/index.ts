/** Models: the Model interface, native learners, formats (native JSON, ONNX, XGBoost JSON). */
export * from './model.js';
export * from './preprocess/index.js';
export { trainModel, type TrainOptions, type TrainResult, type TaskKind } from './native/train-model.js';
export { createNativeModel, type NativeModel } from './native/native-model.js';
export { nativeModelToOnnx } from './formats/onnx/native-to-onnx.js';
export { MODEL_FORMAT, MODEL_FORMAT_VERSION, type NativeEstimator, type NativeModelFile } from './native/native-format.js';
export { ALGORITHMS, PARAMS, parseParamStrings, resolveParams, type Algorithm, type ParamValue } from './native/params.js';
export { permutationImportance } from './native/permutation-importance.js';
export { importanceDefinitions, permutationScore } from './native/importance-definitions.js';
export { loadModel, saveNativeModel, type LoadedModel, type LoadModelOptions, type ModelFormat } from './formats/load-model.js';
export { exportOnnx, type ExportEstimator, type ExportInput } from './formats/onnx/onnx-export.js';
export { loadOnnxModel } from './formats/onnx/onnx-model.js';
export { parseXgboostJson } from './formats/xgboost-json.js';
export { xgboostAsModel } from './formats/xgboost-model.js';
export * from './evaluation/index.js';

export { parseXgboostJson, isXgboostJson, xgboostMargins, xgboostTransform, type XgboostModel } from './xgboost-json.js';
export { xgboostAsModel } from './xgboost-model.js';

/** A model run on data, its output added as columns and written as CSV. */
export { predictToCsv, type PredictToCsvOptions, type PredictToCsvResult } from './predict-to-csv.js';
export { predictionColumns } from './prediction-columns.js';

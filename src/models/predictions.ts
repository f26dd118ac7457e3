import { argmaxRows } from '../metrics/index.js';
import type { PredictionResult } from './model.js';

/**
 * A model's raw output as a `PredictionResult`: a regressor's values (`classes` null), or a classifier's
 * row-major n x K probabilities with each row's most probable class (first wins ties).
 */
export function predictionFrom(out: Float64Array, classes: readonly string[] | null): PredictionResult {
  if (classes === null) return { labels: null, probabilities: null, values: out };
  const k = classes.length;
  const labels = Array.from(argmaxRows(out, out.length / k, k), (j) => classes[j]!);
  return { labels, probabilities: out, values: null };
}

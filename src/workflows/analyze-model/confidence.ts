/**
 * A classifier's confidence: each row's top-class probability. A row is "low confidence" below the
 * threshold (default 0.6: for a binary model, a positive-class probability between 0.4 and 0.6).
 */
import type { ConfidenceSide } from '../../drift/index.js';

export const DEFAULT_LOW_CONFIDENCE = 0.6;

/** Top-class probability per row of row-major n x k probabilities. */
export function topClassProbability(probabilities: Float64Array, k: number): Float64Array {
  const n = probabilities.length / k;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let j = 0; j < k; j++) best = Math.max(best, probabilities[i * k + j]!);
    out[i] = best;
  }
  return out;
}

export function confidenceSide(top: Float64Array, lowThreshold: number): ConfidenceSide {
  let sum = 0;
  let low = 0;
  let rows = 0;
  for (const p of top) {
    if (Number.isNaN(p)) continue;
    rows++;
    sum += p;
    if (p < lowThreshold) low++;
  }
  return { rows, mean: rows === 0 ? Number.NaN : sum / rows, low_confidence_share: rows === 0 ? Number.NaN : low / rows };
}

import { moments, type Moments } from '../prepare/column-pair.js';
import type { NumericSummary, Quantiles } from '../types.js';

/** numpy.quantile(method='linear') on a sorted sample. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const frac = pos - lo;
  // numpy's _lerp form, exact at both ends.
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return frac >= 0.5 ? b - diff * (1 - frac) : a + diff * frac;
}

/**
 * Summary of one side from its finite values, sorted once by the caller (`m`: their moments, when known).
 * `other`: rows that are neither missing nor numbers (text in a numeric column), counted in the share's base.
 */
export function numericSummary(sorted: Float64Array, missing: number, m?: Moments, other = 0): NumericSummary {
  const n = sorted.length;
  const rows = n + missing + other;
  const missingShare = rows === 0 ? 0 : missing / rows;
  if (n === 0) {
    return { type: 'numeric', count: 0, missing, missing_share: missingShare, mean: null, std: null, min: null, quantiles: null, max: null };
  }
  const { mean, ss } = m ?? moments(sorted);
  const quantiles: Quantiles = {
    p05: quantileSorted(sorted, 0.05),
    p25: quantileSorted(sorted, 0.25),
    p50: quantileSorted(sorted, 0.5),
    p75: quantileSorted(sorted, 0.75),
    p95: quantileSorted(sorted, 0.95),
  };
  return {
    type: 'numeric',
    count: n,
    missing,
    missing_share: missingShare,
    mean,
    std: n < 2 ? null : Math.sqrt(ss / (n - 1)),
    min: sorted[0],
    quantiles,
    max: sorted[n - 1],
  };
}

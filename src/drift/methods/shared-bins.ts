/**
 * The common bins of the binned distances (psi, jensenshannon, hellinger, tvd, kl). A numeric column whose
 * reference has more than 20 distinct values is cut into bins — reference quantiles for PSI (stable bins
 * that follow where the reference mass is, the industry convention), Sturges equal-width bins over both
 * samples for the others (what Evidently does for Jensen-Shannon, so the evidently preset matches) — and a
 * column with few values gets one bin per distinct value of reference ∪ current, so that no value is merged
 * with another. Categorical columns use their categories.
 */
import { binCounts, quantileEdges, sturgesEdges } from '../../stats/index.js';
import type { ColumnPair } from '../prepare/column-pair.js';

/** Above this many distinct reference values a numeric column is binned rather than counted per value. */
export const PER_VALUE_LIMIT = 20;
export const DEFAULT_PSI_BINS = 10;

export type BinRule = 'reference-quantiles' | 'sturges';

/** Shares of reference and current over the common bins (each sums to 1). */
export interface SharePair {
  readonly ref: Float64Array;
  readonly cur: Float64Array;
}

export function binnedShares(pair: ColumnPair, rule: BinRule, quantileBins: number = DEFAULT_PSI_BINS): SharePair {
  if (pair.kind === 'numeric' && pair.nUniqueRef > PER_VALUE_LIMIT) {
    const edges = rule === 'sturges' ? sturgesEdges(pair.ref, pair.cur) : quantileEdges(pair.ref, quantileBins);
    return { ref: divide(binCounts(pair.ref, edges), pair.ref.length), cur: divide(binCounts(pair.cur, edges), pair.cur.length) };
  }
  const c = pair.counts();
  return { ref: divide(c.ref, c.nRef), cur: divide(c.cur, c.nCur) };
}

/** Counts over a sample size, like Evidently's `np.histogram(...)[0] / len(sample)`. */
function divide(counts: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i] / n;
  return out;
}

import type { CategoricalSummary, CategoryShare } from '../types.js';

export const TOP_CATEGORIES = 10;

/** Indices of the non-zero entries of `weights`, heaviest first, ties in label order. */
export function rankByCount(weights: ArrayLike<number>): number[] {
  const idx: number[] = [];
  for (let i = 0; i < weights.length; i++) if (weights[i] > 0) idx.push(i);
  return idx.sort((a, b) => weights[b] - weights[a] || a - b);
}

/** Summary of one side from its counts over the pair's labels. */
export function categoricalSummary(labels: readonly string[], counts: Float64Array, missing: number): CategoricalSummary {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i];
  const ranked = rankByCount(counts);
  const top: CategoryShare[] = ranked.slice(0, TOP_CATEGORIES).map((i) => ({ value: labels[i]!, count: counts[i], share: counts[i] / n }));
  const rows = n + missing;
  return { type: 'categorical', count: n, missing, missing_share: rows === 0 ? 0 : missing / rows, unique: ranked.length, top };
}

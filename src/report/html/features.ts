import type { ColumnDrift } from '../../drift/index.js';
import { columnsByScore, driftedFirst } from '../charts/index.js';
import { HTML_MAX_FEATURES } from '../limits.js';

/** The features as the page shows them, worked out once for all its sections (a sort of 100,000 columns takes a tenth of a second). */
export interface FeatureListing {
  /** Every feature, by drift score (columnsByScore). */
  readonly byScore: readonly ColumnDrift[];
  /**
   * The features with a distribution panel and a table row — the same ones, so that every row's link
   * opens a panel — in the panels' order: drifted first, then by score; at most HTML_MAX_FEATURES.
   */
  readonly listed: readonly ColumnDrift[];
}

export function featureListing(columns: readonly ColumnDrift[]): FeatureListing {
  const byScore = columnsByScore(columns);
  return { byScore, listed: driftedFirst(byScore).slice(0, HTML_MAX_FEATURES) };
}

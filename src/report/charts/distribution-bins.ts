import type { ColumnDrift } from '../../drift/index.js';
import { formatEdge, roundTo } from './chart-format.js';

/** One bar slot of a distribution chart: its axis label, its full label for hover text, and both shares. */
export interface DistributionBins {
  /** Short labels for the axis (a value, a category, or a bin's midpoint, rounded). */
  readonly labels: readonly string[];
  /** Full labels for hover text ("18–25.5" for a ranged bin). */
  readonly titles: readonly string[];
  readonly reference: readonly number[];
  readonly current: readonly number[];
  /** Whether each slot is one value or category (drawn as categories) rather than a range of a continuous axis. */
  readonly discrete: boolean;
}

/** Bin labels such as "18–25.5" from histogram edges. */
export function binLabels(edges: readonly number[]): string[] {
  return edges.slice(0, -1).map((lo, i) => `${formatEdge(lo)}–${formatEdge(edges[i + 1]!)}`);
}

/**
 * The slots a distribution chart draws: categories as they are, few-valued numeric columns (0/1 flags,
 * ratings: the histogram lists their values) as one category per value, other numeric columns as ranges.
 */
export function distributionBins(column: ColumnDrift): DistributionBins {
  const h = column.histogram;
  if (h.type === 'categorical') {
    return { labels: h.categories, titles: h.categories, reference: h.reference, current: h.current, discrete: true };
  }
  if (h.values !== undefined && h.values !== null) {
    const labels = h.values.map(formatEdge);
    return { labels, titles: labels, reference: h.reference, current: h.current, discrete: true };
  }
  // Midpoints rounded to the bins' own scale (width 7.5: whole numbers), so the axis reads "38", not "38.2".
  const width = (h.edges[h.edges.length - 1]! - h.edges[0]!) / Math.max(1, h.edges.length - 1);
  const digits = Number.isFinite(width) && width > 0 ? Math.max(0, -Math.floor(Math.log10(width))) : 3;
  const mids = h.edges.slice(0, -1).map((lo, i) => formatEdge(roundTo((lo + h.edges[i + 1]!) / 2, digits)));
  return { labels: mids, titles: binLabels(h.edges), reference: h.reference, current: h.current, discrete: false };
}

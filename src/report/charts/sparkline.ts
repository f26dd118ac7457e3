import type { ColumnDrift } from '../../drift/index.js';
import { roundTo } from './chart-format.js';
import { distributionBins } from './distribution-bins.js';
import { PALETTE } from './theme.js';

/** At most this many bars in a table row's sparkline: adjacent ranged bins are merged beyond it. */
export const SPARKLINE_MAX_BARS = 15;

/**
 * A table row's small histogram as plain geometry (heights in [0, 1] of the tallest share on either side),
 * so the HTML report draws it as a few SVG rectangles without the chart library and the dashboard can draw
 * the same. Ranged bins are merged in runs to at most 15 bars; categories are cut to the first 15.
 */
export interface Sparkline {
  readonly reference: readonly number[];
  readonly current: readonly number[];
  readonly colors: { readonly reference: string; readonly current: string };
}

function merge(shares: readonly number[], run: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < shares.length; i += run) out.push(shares.slice(i, i + run).reduce((s, x) => s + x, 0));
  return out;
}

export function sparkline(column: ColumnDrift): Sparkline {
  const bins = distributionBins(column);
  const run = bins.discrete ? 1 : Math.ceil(bins.reference.length / SPARKLINE_MAX_BARS);
  const ref = merge(bins.reference, run).slice(0, SPARKLINE_MAX_BARS);
  const cur = merge(bins.current, run).slice(0, SPARKLINE_MAX_BARS);
  const top = Math.max(1e-12, ...ref, ...cur);
  return {
    reference: ref.map((x) => roundTo(x / top, 3)),
    current: cur.map((x) => roundTo(x / top, 3)),
    colors: { reference: PALETTE.reference, current: PALETTE.current },
  };
}

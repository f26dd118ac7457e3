/**
 * The report palette and typography, shared by every chart specification, the HTML report and the PNG
 * summary so the three look like one product. Restrained on purpose: red and green carry the drift
 * status, grey and blue the reference and current samples, everything else is neutral.
 */
import type { EChartsOption } from 'echarts';

export const PALETTE = {
  drifted: '#d1453b',
  stable: '#2e9d6a',
  reference: '#9aa5b8',
  current: '#3a6fd8',
  threshold: '#3d4451',
  text: '#1f2530',
  muted: '#5f6b7a',
  grid: '#e3e7ed',
  track: '#edf0f4',
  warn: '#b7791f',
  page: '#f6f7f9',
  // Verdict banners and status pills: a light tint, dark ink and an edge of the drifted and stable colours.
  driftedTint: '#fdecea',
  driftedInk: '#a32d24',
  driftedEdge: '#f5c2bd',
  stableTint: '#e8f6ef',
  stableInk: '#1e6e49',
  stableEdge: '#b9e2cd',
} as const;

/** The system font stack: no web fonts, so the report works offline and renders with local fonts. */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";

/** An ECharts option object. Specs built here hold plain data only (no callbacks) so they survive JSON. */
export type ChartSpec = EChartsOption;

/** Options every spec starts from: static (server-side rendering has no animation), transparent, our font. */
export function baseOption(): ChartSpec {
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { fontFamily: FONT_FAMILY, color: PALETTE.text },
  };
}

/**
 * The shared chart specifications are drawn for a light page (src/report/charts/theme.ts). On a dark page
 * the same specs are re-inked: text, grid and separator colours map to dark-theme ones, while the status and
 * sample colours (red/green, grey/blue) stay, so a chart means the same thing in both themes.
 */
import { PALETTE, type ChartSpec } from '../../../src/report/charts/index.ts';

export const DARK_INK: Readonly<Record<string, string>> = {
  [PALETTE.text]: '#e4e8ee',
  [PALETTE.muted]: '#a3adbb',
  [PALETTE.grid]: '#343b47',
  [PALETTE.track]: '#2a303a',
  [PALETTE.threshold]: '#cfd6e0',
  // Slice and tick separators are drawn in the page colour.
  '#ffffff': '#171a20',
};

function recolour(value: unknown, map: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') return map[value.toLowerCase()] ?? map[value] ?? value;
  if (Array.isArray(value)) return value.map((v) => recolour(v, map));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = recolour(v, map);
    return out;
  }
  return value;
}

/** The spec as it should be drawn in the given colour scheme (unchanged for light). */
export function forScheme(spec: ChartSpec, dark: boolean): ChartSpec {
  return dark ? (recolour(spec, DARK_INK) as ChartSpec) : spec;
}

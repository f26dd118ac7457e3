/**
 * A column's distribution chart for the page: rendered twice from the shared specification, wide for a
 * desktop and compact for a phone (CSS shows one), each with a row of hover targets laid over its bars that
 * give both shares of the slot (a static SVG has no tooltip of its own).
 */
import type { ColumnDrift } from '../../drift/index.js';
import { distributionBins, distributionMargins, distributionOverlayChart, type OverlayOptions } from '../charts/index.js';
import { formatPercent } from '../format.js';
import { h, raw, type Raw } from './escape.js';
import { inlineSvg } from './inline-svg.js';

const SIZES = { wide: { width: 640, height: 260 }, compact: { width: 360, height: 240 } } as const;

const pct = (x: number, of: number): string => `${((100 * x) / of).toFixed(3).replace(/\.?0+$/, '')}%`;

function hoverTargets(c: ColumnDrift, options: OverlayOptions, width: number, height: number): Raw {
  const bins = distributionBins(c);
  const m = distributionMargins(c, options);
  const spans = bins.titles.map((t, i) => {
    const tip = `${t}: reference ${formatPercent(bins.reference[i]!, 1)}, current ${formatPercent(bins.current[i]!, 1)}`;
    return h`<span title="${tip}" data-tip="${tip}"></span>`;
  });
  return h`<div class="hover" style="left:${pct(m.left, width)};right:${pct(m.right, width)};top:${pct(m.top, height)};bottom:${pct(m.bottom, height)}">${spans}</div>`;
}

function variant(c: ColumnDrift, id: string, which: keyof typeof SIZES): Raw {
  const { width, height } = SIZES[which];
  const options = { compact: which === 'compact' };
  const svg = inlineSvg(distributionOverlayChart(c, options), width, height, `${id}-${which}`);
  return h`<div class="variant ${which}">${raw(svg)}${hoverTargets(c, options, width, height)}</div>`;
}

export function distributionChartHtml(c: ColumnDrift, id: string): Raw {
  return h`${variant(c, id, 'wide')}${variant(c, id, 'compact')}`;
}

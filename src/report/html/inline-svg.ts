import type { ChartSpec } from '../charts/index.js';
import { renderChartSvg } from '../svg-chart.js';

/**
 * A chart as an SVG element to inline in HTML. The namespace declarations ECharts writes are dropped:
 * the HTML parser puts <svg> in the SVG namespace by itself, and the report then holds no URL at all.
 */
export function inlineSvg(spec: ChartSpec, width: number, height: number, idPrefix: string): string {
  return renderChartSvg(spec, { width, height, idPrefix })
    .replace(/ xmlns(:xlink)?="[^"]*"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '');
}

import * as echarts from 'echarts';
import type { ChartSpec } from './charts/index.js';
import { estimateTextWidth } from './text-metrics.js';

// Lay text out with the metrics of the font the PNG is drawn in (see text-metrics.ts).
echarts.setPlatformAPI({ measureText: (text: string, font?: string) => ({ width: estimateTextWidth(text, font) }) });

export interface SvgChartOptions {
  readonly width: number;
  readonly height: number;
  /** Prefix for the CSS class names ECharts emits, unique per chart in one document. */
  readonly idPrefix: string;
}

/**
 * Renders a chart specification to an SVG string with ECharts' server-side renderer. ECharts numbers
 * its instances globally (class names `zr<N>-cls-<k>`), which would make output depend on how many charts
 * the process drew before and collide when several charts share one HTML page, so the numbering is
 * replaced with the caller's prefix.
 */
export function renderChartSvg(spec: ChartSpec, options: SvgChartOptions): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: options.width, height: options.height });
  try {
    chart.setOption(spec);
    return chart.renderToSVGString().replace(/zr\d+-cls-/g, `${options.idPrefix}-cls-`);
  } finally {
    chart.dispose();
  }
}

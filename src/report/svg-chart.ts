// ECharts' one-file build, not the package's entry: the entry is ECharts' source as ESM, over a thousand
// modules, and loading them made every report with charts (HTML, PNG) a second or two slower to start.
import * as echarts from 'echarts/dist/echarts.esm.min.mjs';
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
 * Renders a chart specification to an SVG string with ECharts' server-side renderer. ECharts numbers its
 * instances and style classes globally (`zr<N>-cls-<k>`), which would make the output depend on what the
 * process drew before and collide when several charts share one HTML page, so classes are renumbered per
 * chart under the caller's prefix.
 */
export function renderChartSvg(spec: ChartSpec, options: SvgChartOptions): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: options.width, height: options.height });
  try {
    chart.setOption(spec);
    return renumberClasses(chart.renderToSVGString(), options.idPrefix);
  } finally {
    chart.dispose();
  }
}

/** `zr3-cls-41` -> `<prefix>-cls-0`, numbering classes in order of first appearance. */
function renumberClasses(svg: string, prefix: string): string {
  const seen = new Map<string, number>();
  return svg.replace(/zr\d+-cls-\d+/g, (name) => {
    let n = seen.get(name);
    if (n === undefined) {
      n = seen.size;
      seen.set(name, n);
    }
    return `${prefix}-cls-${n}`;
  });
}

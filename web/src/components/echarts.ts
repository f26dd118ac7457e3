/**
 * ECharts from its tree-shakable core with the SVG renderer: only the chart types and components the
 * dashboard draws are bundled (the full build is several times larger).
 */
import { BarChart, GaugeChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
// The shared specs lay out axes with grid.containLabel, which ECharts 6 keeps in this opt-in feature.
import { LegacyGridContainLabel } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GaugeChart, LineChart, PieChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, LegacyGridContainLabel, SVGRenderer]);

export { echarts };

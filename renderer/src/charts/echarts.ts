// The one tree-shaken ECharts build of the app: the charts and components we use (echarts-parts.ts),
// with the canvas renderer for the screen and the SVG renderer for SVG exports.
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { CHART_PARTS } from './echarts-parts';

echarts.use([...CHART_PARTS, CanvasRenderer, SVGRenderer]);

export { echarts };

// Server-side rendering of a chart option to an SVG string, under plain Node with no DOM: ECharts'
// SSR mode with the SVG renderer. The monthly review's HTML/PDF export draws its charts with it,
// from the same options the screen shows (widget-chart.ts).
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { Theme } from '../dashboard/types';
import { CHART_PARTS } from './echarts-parts';
import type { ChartOption } from './option-types';
import { chartTheme } from './theme';

echarts.use([...CHART_PARTS, SVGRenderer]);

export interface SvgRenderSettings {
  width: number;
  height: number;
  theme?: Theme;
  /** Paint the theme's background (default true): an exported image has no card behind it. */
  background?: boolean;
}

/** The chart as a standalone SVG document (no animation, no interaction). */
export function renderOptionToSvg(option: ChartOption, settings: SvgRenderSettings): string {
  const theme = chartTheme(settings.theme);
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: Math.max(1, Math.round(settings.width)),
    height: Math.max(1, Math.round(settings.height)),
  });
  try {
    chart.setOption({
      ...option,
      animation: false,
      backgroundColor: settings.background === false ? 'transparent' : theme.background,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

// The option type of our tree-shaken ECharts build: only the series and components we register
// (renderer/src/charts/echarts.ts for the app, ssr.ts for server-side SVG). Type-only imports, so
// pure option builders stay free of ECharts' runtime (and of the DOM).
import type {
  BarSeriesOption,
  FunnelSeriesOption,
  HeatmapSeriesOption,
  LineSeriesOption,
  PieSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GraphicComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | FunnelSeriesOption
  | HeatmapSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | DataZoomComponentOption
  | VisualMapComponentOption
  | MarkLineComponentOption
  | GraphicComponentOption
>;

/** The query builder's two chart kinds (a dashboard widget's kinds are shared/dashboard's ChartKind). */
export type ChartKind = 'bar' | 'line';

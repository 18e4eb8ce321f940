// The contract between the charts and the dashboard: a widget's query result and spec, drawn as any
// ChartKind but kpi, pivot and table (buildWidgetOption), or as a KPI tile (buildKpiTile); the kind
// a spec gets by default and the kinds it can take; what a click on the chart selects.
// Pure: no DOM, no ECharts runtime (type-only imports); the same options render on screen
// (EChart.tsx) and to SVG on the server (ssr.ts).
//
// Pipeline movement waterfalls: set `input.waterfall = 'movement'` (the first row is the start
// value, the last the end value, the rows between the changes), or call buildWaterfallOption with
// explicit steps.
import type { CellSelector } from '../api';
import type { ChartKind } from '../dashboard/types';
import { buildCartesian } from './build-cartesian';
import { buildKpiTileModel, type KpiTileModel } from './build-kpi';
import { buildFunnel, buildPie } from './build-pie';
import { buildHeatmap } from './build-heatmap';
import { buildScatter } from './build-scatter';
import { buildWaterfall } from './build-waterfall';
import type { WidgetChartInput } from './chart-input';
import type { BuiltChart, ChartEvent } from './common';
import type { ChartOption } from './option-types';
import { readResult } from './result-model';

export type { WidgetChartInput } from './chart-input';
export type { ChartLabels } from './labels';
export { chartLabels } from './labels';
export type { KpiTileModel } from './build-kpi';
export type { ChartEvent } from './common';
export { escapeHtml, MANY_POINTS, CATEGORY_WINDOW, MAX_SERIES } from './common';
export { buildWaterfallOption, type WaterfallStep, type WaterfallSettings } from './build-waterfall';
export { defaultChartKind, compatibleChartKinds, type ColumnShape } from './chart-kinds';
export type { ChartOption } from './option-types';

/** The kinds buildWidgetOption draws (kpi is a tile, pivot and table are the pivot component's). */
export const ECHART_KINDS = ['pie', 'donut', 'line', 'bar', 'column', 'histogram', 'funnel', 'heatmap', 'scatter', 'waterfall'] as const satisfies readonly ChartKind[];
export type EChartKind = (typeof ECHART_KINDS)[number];

export function isEChartKind(kind: ChartKind): kind is EChartKind {
  return (ECHART_KINDS as readonly string[]).includes(kind);
}

export class NotAChartError extends Error {
  constructor(kind: ChartKind) {
    super(`a "${kind}" widget is not drawn by ECharts: ${kind === 'kpi' ? 'use buildKpiTile' : 'use the pivot component'}`);
    this.name = 'NotAChartError';
  }
}

// One build per input object: buildWidgetOption and selectionAt on the same input share it (the
// dashboard memoizes the input, so a click does not rebuild the chart).
const built = new WeakMap<WidgetChartInput, BuiltChart>();

function build(input: WidgetChartInput): BuiltChart {
  const cached = built.get(input);
  if (cached) return cached;
  const kind = input.kind;
  if (!isEChartKind(kind)) throw new NotAChartError(kind);
  const model = readResult(input);
  let chart: BuiltChart;
  switch (kind) {
    case 'pie':
    case 'donut':
      chart = buildPie(model, kind === 'donut');
      break;
    case 'funnel':
      chart = buildFunnel(model);
      break;
    case 'heatmap':
      chart = buildHeatmap(model);
      break;
    case 'scatter':
      chart = buildScatter(model);
      break;
    case 'waterfall':
      chart = buildWaterfall(model);
      break;
    default:
      chart = buildCartesian(model, kind);
  }
  built.set(input, chart);
  return chart;
}

/** The ECharts option of a widget; throws NotAChartError for kpi, pivot and table. */
export function buildWidgetOption(input: WidgetChartInput): ChartOption {
  return build(input).option;
}

/** The KPI tile of a widget (any kind of input: the first measure is the tile's). */
export function buildKpiTile(input: WidgetChartInput): KpiTileModel {
  return buildKpiTileModel(readResult(input));
}

/**
 * What a click on a slice, bar, point or cell selects: dimension id -> value (a time bucket's value
 * is its start date YYYY-MM-DD, a bin's its lower bound, an empty cell's null), for cross-filters
 * and drill-through. Null when the click selects nothing a filter can express: a total, the
 * "Others" group, the centre of a donut, a KPI tile.
 */
export function selectionAt(input: WidgetChartInput, event: ChartEvent): CellSelector | null {
  if (!isEChartKind(input.kind)) return null;
  return build(input).select(event);
}

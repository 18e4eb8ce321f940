// Scatter: two measures per category of a dimension (deals won × conversion rate per rep), a third
// measure as the bubble size, a second dimension as series. Each point is named by its category
// (tooltip, and a label when there are few points). Pure.
import type { CellSelector } from '../api';
import type { ScatterSeriesOption } from 'echarts/charts';
import {
  baseOption,
  legendOption,
  MAX_SERIES,
  paramsOf,
  tooltipLine,
  tooltipStyle,
  tooltipTitle,
  valueAxisStyle,
  type BuiltChart,
  type ChartEvent,
} from './common';
import type { ChartOption } from './option-types';
import { categoryAxis, splitDimensions, valueAt, type MeasureModel, type ResultModel } from './result-model';

/** Points are labelled with their category up to this many. */
export const SCATTER_LABELED_POINTS = 24;

interface Point {
  row: number;
  name: string;
  x: number;
  y: number;
  size: number | null;
}

export function buildScatter(model: ResultModel): BuiltChart {
  const { theme, input } = model;
  const [xMeasure, yMeasure, sizeMeasure] = model.measures as (MeasureModel | undefined)[];
  if (!xMeasure) return { option: baseOption(theme), select: () => null };
  const { category, series: seriesDim } = splitDimensions(model);
  // One measure only: its values against the categories' order.
  const pairOf = (r: number, i: number): [number, number] | null => {
    const a = valueAt(xMeasure.reader, r);
    if (!yMeasure) return a === null ? null : [i, a];
    const b = valueAt(yMeasure.reader, r);
    return a === null || b === null ? null : [a, b];
  };
  const labelOf = (r: number) => (category ? model.categoryLabel(category, r) : model.labels.total);

  // Groups: the values of the second dimension (at most MAX_SERIES), else one series.
  const groups = seriesDim ? categoryAxis(model, seriesDim) : null;
  const groupCount = groups && groups.categories.length <= MAX_SERIES ? groups.categories.length : 1;
  const points: Point[][] = Array.from({ length: groupCount }, () => []);
  model.rows.forEach((r, i) => {
    const pair = pairOf(r, i);
    if (!pair) return;
    const g = groupCount > 1 ? (groups!.indexOfRow.get(r) ?? 0) : 0;
    const name = groupCount === 1 && seriesDim ? `${labelOf(r)} · ${model.categoryLabel(seriesDim, r)}` : labelOf(r);
    points[g]!.push({ row: r, name, x: pair[0], y: pair[1], size: sizeMeasure ? valueAt(sizeMeasure.reader, r) : null });
  });
  const sizes = points.flat().map((p) => p.size).filter((s): s is number => s !== null && s > 0);
  const maxSize = sizes.length ? Math.max(...sizes) : 0;
  const symbolSize = (size: number | null) => (maxSize > 0 && size !== null && size > 0 ? 8 + 28 * Math.sqrt(size / maxSize) : 10);
  const total = points.reduce((n, g) => n + g.length, 0);
  const showLabels = input.options.labels ?? total <= SCATTER_LABELED_POINTS;

  const series: ScatterSeriesOption[] = points.map((group, g) => ({
    type: 'scatter',
    name: groupCount > 1 ? groups!.categories[g]!.label : yMeasure ? yMeasure.label : xMeasure.label,
    color: theme.palette[g % theme.palette.length],
    data: group.map((p) => ({ name: p.name, value: [p.x, p.y], symbolSize: symbolSize(p.size) })),
    itemStyle: { opacity: 0.85, borderColor: theme.separator, borderWidth: 1 },
    label: {
      show: showLabels,
      position: 'right',
      formatter: '{b}',
      color: theme.textMuted,
      fontSize: 11,
    },
    labelLayout: { hideOverlap: true },
    emphasis: { focus: 'series', label: { show: true } },
  }));

  // An axis of positive figures starts at zero (no "-€500K" below the lowest point).
  const all = points.flat();
  const fromZero = (values: number[]) => values.length > 0 && Math.min(...values) >= 0;
  const xFromZero = fromZero(all.map((p) => p.x));
  const yFromZero = fromZero(all.map((p) => p.y));
  const axisName = (m: MeasureModel) => ({ name: m.label, nameLocation: 'middle' as const, nameTextStyle: { color: theme.textMuted, fontSize: 12 } });
  const showLegend = input.options.legend ?? groupCount > 1;
  const option: ChartOption = {
    ...baseOption(theme, total < 2000),
    // 'all': the axis names stay inside the chart too.
    grid: { left: 16, right: showLabels ? 40 : 24, top: showLegend ? 40 : 16, bottom: 16, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    legend: legendOption(theme, showLegend),
    tooltip: {
      ...tooltipStyle(theme),
      trigger: 'item',
      formatter: (raw: unknown) => {
        const p = paramsOf(raw)[0];
        const point = p?.seriesIndex === undefined || p.dataIndex === undefined ? undefined : points[p.seriesIndex]?.[p.dataIndex];
        if (!p || !point) return '';
        const lines = [tooltipTitle(point.name)];
        if (yMeasure) {
          lines.push(tooltipLine(p.marker, xMeasure.label, model.valueText(xMeasure, point.x)));
          lines.push(tooltipLine('', yMeasure.label, model.valueText(yMeasure, point.y)));
        } else lines.push(tooltipLine(p.marker, xMeasure.label, model.valueText(xMeasure, point.y)));
        if (sizeMeasure) lines.push(tooltipLine('', sizeMeasure.label, model.valueText(sizeMeasure, point.size)));
        return lines.join('<br/>');
      },
    },
    xAxis: yMeasure
      ? {
          type: 'value',
          scale: true,
          // Room on the right for the names of the points at the far end.
          boundaryGap: [xFromZero ? '0%' : '4%', showLabels ? '22%' : '6%'],
          ...(xFromZero ? { min: 0 } : {}),
          ...valueAxisStyle(theme),
          axisLine: { show: true, lineStyle: { color: theme.axisLine } },
          ...axisName(xMeasure),
          nameGap: 26,
          axisLabel: { color: theme.textMuted, formatter: (v: number) => model.axisText(xMeasure.format, v), hideOverlap: true },
        }
      : { type: 'value', show: false },
    yAxis: {
      type: 'value',
      scale: true,
      boundaryGap: [yFromZero ? '0%' : '4%', '8%'],
      ...(yFromZero ? { min: 0 } : {}),
      ...valueAxisStyle(theme),
      ...axisName(yMeasure ?? xMeasure),
      nameGap: 44,
      nameRotate: 90,
      axisLabel: { color: theme.textMuted, formatter: (v: number) => model.axisText((yMeasure ?? xMeasure).format, v) },
    },
    series,
  };
  return {
    option,
    select: (event: ChartEvent): CellSelector | null => {
      const point = event.dataIndex === undefined ? undefined : points[event.seriesIndex ?? 0]?.[event.dataIndex];
      if (!point) return null;
      const selector: CellSelector = {};
      for (const d of model.dimensions) {
        const value = categoryAxis(model, d, [point.row]).categories[0];
        if (!value || !value.selectable) return null;
        selector[d.id] = value.value;
      }
      return Object.keys(selector).length ? selector : null;
    },
  };
}

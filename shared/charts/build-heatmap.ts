// Heatmap: two dimensions (rep × month, segment × stage), the first measure as colour. The column
// dimension of a pivot (or the time dimension) runs across, the other down. Pure.
import type { CellSelector } from '../api';
import type { HeatmapSeriesOption } from 'echarts/charts';
import {
  baseOption,
  categoryAxisStyle,
  categoryLabelStyle,
  paramsOf,
  tooltipLine,
  tooltipStyle,
  tooltipTitle,
  type BuiltChart,
  type ChartEvent,
} from './common';
import type { ChartOption } from './option-types';
import { categoryAxis, splitDimensions, valueAt, type Category, type DimensionModel, type ResultModel } from './result-model';

/** Values are written in the cells up to this many cells. */
export const HEATMAP_LABELED_CELLS = 240;

interface Cell {
  x: number;
  y: number;
  value: number;
}

/** Perceived lightness (0..1) of a #rrggbb colour. */
function lightness(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return 1;
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((c) => parseInt(c, 16) / 255);
  return 0.299 * r! + 0.587 * g! + 0.114 * b!;
}

export function heatmapAxes(model: ResultModel): { x: DimensionModel | null; y: DimensionModel | null } {
  const { category, series } = splitDimensions(model);
  if (!series) return { x: category, y: null };
  const onColumns = new Set(model.input.spec.columns ?? []);
  if (onColumns.has(series.id)) return { x: series, y: category };
  if (category?.type === 'time') return { x: category, y: series };
  return { x: series, y: category };
}

export function buildHeatmap(model: ResultModel): BuiltChart {
  const { theme, input } = model;
  const measure = model.measures[0];
  const { x: xDim, y: yDim } = heatmapAxes(model);
  if (!measure || !xDim) return { option: baseOption(theme), select: () => null };
  const xAxis = categoryAxis(model, xDim);
  const yAxis: { categories: Category[]; indexOfRow: Map<number, number> } = yDim
    ? categoryAxis(model, yDim)
    : { categories: [{ key: 'measure', label: measure.label, value: null, selectable: false }], indexOfRow: new Map(model.rows.map((r) => [r, 0])) };

  const byCell = new Map<string, Cell>();
  for (const r of model.rows) {
    const x = xAxis.indexOfRow.get(r);
    const y = yAxis.indexOfRow.get(r);
    const v = valueAt(measure.reader, r);
    if (x === undefined || y === undefined || v === null) continue;
    const key = `${x}:${y}`;
    const cell = byCell.get(key);
    if (cell && measure.additive) cell.value += v;
    else byCell.set(key, { x, y, value: v });
  }
  const cells = [...byCell.values()];
  const values = cells.map((c) => c.value);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  const showLabels = input.options.labels ?? cells.length <= HEATMAP_LABELED_CELLS;
  // Text on a cell: dark on the light end of the scale, light on the dark end.
  const colorAt = (v: number) => {
    const t = max === min ? 1 : (v - min) / (max - min);
    const stops = theme.scale;
    return stops[Math.min(stops.length - 1, Math.round(t * (stops.length - 1)))]!;
  };
  const textOn = (v: number) => (lightness(colorAt(v)) > 0.55 ? '#1f2329' : '#ffffff');

  const series: HeatmapSeriesOption = {
    type: 'heatmap',
    name: measure.label,
    data: cells.map((c) => ({ value: [c.x, c.y, c.value], label: { color: textOn(c.value) } })),
    label: {
      show: showLabels,
      fontSize: 11,
      formatter: (p: unknown) => {
        const v = (p as { value?: unknown[] }).value?.[2];
        return typeof v === 'number' ? model.axisText(measure.format, v) : '';
      },
    },
    itemStyle: { borderColor: theme.separator, borderWidth: 1 },
    emphasis: { itemStyle: { borderColor: theme.text, borderWidth: 1 } },
  };
  const xLabels = xAxis.categories.map((c) => c.label);
  const yLabels = yAxis.categories.map((c) => c.label);
  const option: ChartOption = {
    ...baseOption(theme, cells.length < 2000),
    grid: { left: 8, right: 12, top: 8, bottom: 44, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      ...tooltipStyle(theme),
      trigger: 'item',
      formatter: (raw: unknown) => {
        const p = paramsOf(raw)[0];
        const cell = p?.dataIndex === undefined ? undefined : cells[p.dataIndex];
        if (!cell) return '';
        const title = yDim ? `${yLabels[cell.y] ?? ''} · ${xLabels[cell.x] ?? ''}` : (xLabels[cell.x] ?? '');
        return [tooltipTitle(title), tooltipLine(p?.marker, measure.label, model.valueText(measure, cell.value))].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      data: xLabels,
      ...categoryAxisStyle(theme),
      splitArea: { show: false },
      axisLabel: categoryLabelStyle(theme, xLabels, false),
    },
    yAxis: {
      type: 'category',
      data: yLabels,
      inverse: true,
      ...categoryAxisStyle(theme),
      axisLabel: categoryLabelStyle(theme, yLabels, true),
    },
    visualMap: {
      type: 'continuous',
      min,
      max: max === min ? min + 1 : max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 140,
      text: [model.axisText(measure.format, max), model.axisText(measure.format, min)],
      itemWidth: 10,
      inRange: { color: [...theme.scale] },
      textStyle: { color: theme.textMuted, fontSize: 11 },
      formatter: (v: unknown) => (typeof v === 'number' ? model.axisText(measure.format, v) : String(v)),
    },
    series: [series],
  };
  return {
    option,
    select: (event: ChartEvent): CellSelector | null => {
      const cell = event.dataIndex === undefined ? undefined : cells[event.dataIndex];
      if (!cell) return null;
      const xc = xAxis.categories[cell.x];
      if (!xc?.selectable) return null;
      const selector: CellSelector = { [xDim.id]: xc.value };
      if (yDim) {
        const yc = yAxis.categories[cell.y];
        if (!yc?.selectable) return null;
        selector[yDim.id] = yc.value;
      }
      return selector;
    },
  };
}

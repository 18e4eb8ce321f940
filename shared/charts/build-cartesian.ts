// Line, bar (horizontal), column (vertical) and histogram: one category axis (time buckets, bins
// or values of the first dimension), one series per measure or per value of a second dimension,
// grouped, stacked or 100 % stacked, the comparison period as dashed twins. Pure.
import type { CellSelector } from '../api';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import {
  baseOption,
  CATEGORY_WINDOW,
  categoryAxisStyle,
  categoryLabelStyle,
  legendOption,
  MANY_POINTS,
  MAX_SERIES,
  paramsOf,
  tooltipLine,
  tooltipStyle,
  tooltipTitle,
  valueAxisStyle,
  zoomOption,
  type BuiltChart,
  type ChartEvent,
} from './common';
import type { ChartOption } from './option-types';
import {
  binRangeText,
  categoryAxis,
  splitDimensions,
  valueAt,
  type Category,
  type CategoryAxis,
  type DimensionModel,
  type MeasureFormat,
  type MeasureModel,
  type ResultModel,
} from './result-model';
import { withAlpha } from './theme';

export type CartesianKind = 'line' | 'bar' | 'column' | 'histogram';

interface SeriesDef {
  name: string;
  measure: MeasureModel;
  /** The value of the second dimension this series draws, null without one. */
  group: Category | null;
  comparison: boolean;
  /** The detail rows it is drawn from. */
  rows: readonly number[];
  /** One value per category (raw, before 100 % stacking). */
  values: (number | null)[];
  color: string;
}

/** The single category of a result without dimensions. */
function totalAxis(model: ResultModel): { categories: Category[]; indexOfRow: Map<number, number>; dimension: DimensionModel | null } {
  const indexOfRow = new Map<number, number>();
  for (const r of model.rows) indexOfRow.set(r, 0);
  return { categories: [{ key: 'total', label: model.labels.total, value: null, selectable: false }], indexOfRow, dimension: null };
}

function accumulate(target: (number | null)[], index: number, value: number | null, additive: boolean) {
  if (value === null) return;
  const current = target[index] ?? null;
  target[index] = additive && current !== null ? current + value : value;
}

/** The values of one measure per category, for the rows given. */
function valuesOf(axis: { categories: Category[]; indexOfRow: Map<number, number> }, rows: readonly number[], measure: MeasureModel, reader = measure.reader): (number | null)[] {
  const values: (number | null)[] = axis.categories.map(() => null);
  for (const r of rows) {
    const i = axis.indexOfRow.get(r);
    if (i !== undefined) accumulate(values, i, valueAt(reader, r), measure.additive);
  }
  return values;
}

function comparisonName(model: ResultModel, name: string): string {
  const words = model.input.spec.compare?.to === 'same_period_last_year' ? model.labels.previousYear : model.labels.previous;
  return `${name} (${words})`;
}

function total(values: readonly (number | null)[]): number {
  return values.reduce<number>((sum, v) => sum + Math.abs(v ?? 0), 0);
}

export function buildCartesian(model: ResultModel, kind: CartesianKind): BuiltChart {
  const { theme, labels, input } = model;
  const options = input.options;
  const split = splitDimensions(model);
  let categoryDim = split.category;
  let seriesDim = split.series;
  if (kind === 'histogram') {
    const bin = model.dimensions.find((d) => d.type === 'bin');
    if (bin) {
      categoryDim = bin;
      seriesDim = split.category === bin ? split.series : split.category;
    }
  }
  // A line runs along time: rows without a date cannot be placed on it (they stay in the table).
  const rows =
    kind === 'line' && categoryDim?.type === 'time' ? model.rows.filter((r) => Number.isFinite(categoryDim.reader.number(r))) : model.rows;
  const axis: { categories: Category[]; indexOfRow: Map<number, number>; dimension: DimensionModel | null } = categoryDim
    ? categoryAxis(model, categoryDim, rows)
    : totalAxis(model);
  const categories = axis.categories;
  const measures = model.measures;
  const horizontal = kind === 'bar';
  const stacking = kind === 'histogram' ? 'stacked' : (options.stacking ?? 'grouped');
  const stacked = stacking !== 'grouped' && (seriesDim !== null || measures.length > 1);
  const percent = stacking === 'percent' && stacked;

  // Series: per value of the second dimension (for each measure), else per measure.
  const defs: SeriesDef[] = [];
  let color = 0;
  const nextColor = () => theme.palette[color++ % theme.palette.length]!;
  if (seriesDim) {
    const groups: CategoryAxis = categoryAxis(model, seriesDim, rows);
    const rowsOf = groups.categories.map(() => [] as number[]);
    for (const r of rows) {
      const g = groups.indexOfRow.get(r);
      if (g !== undefined) rowsOf[g]!.push(r);
    }
    let order = groups.categories.map((_, i) => i);
    let othersRows: number[] = [];
    if (order.length > MAX_SERIES && measures[0]) {
      // Keep the largest groups. Stacked, the rest merge into "Others" (the stack keeps its height);
      // side by side, a sum of the rest would dwarf the others and compare with nothing: left out.
      const first = measures[0];
      const weight = order.map((g) => total(valuesOf(axis, rowsOf[g]!, first)));
      const ranked = [...order].sort((a, b) => weight[b]! - weight[a]!);
      const kept = new Set(ranked.slice(0, stacked ? MAX_SERIES - 1 : MAX_SERIES));
      if (stacked) othersRows = order.filter((g) => !kept.has(g)).flatMap((g) => rowsOf[g]!);
      order = order.filter((g) => kept.has(g));
    }
    for (const g of order) {
      const c = nextColor();
      for (const measure of measures) {
        const name = measures.length > 1 ? `${groups.categories[g]!.label} · ${measure.label}` : groups.categories[g]!.label;
        defs.push({ name, measure, group: groups.categories[g]!, comparison: false, rows: rowsOf[g]!, values: valuesOf(axis, rowsOf[g]!, measure), color: c });
      }
    }
    if (othersRows.length > 0) {
      const c = theme.neutral;
      for (const measure of measures.filter((m) => m.additive)) {
        const name = measures.length > 1 ? `${labels.others} · ${measure.label}` : labels.others;
        defs.push({
          name,
          measure,
          group: { key: 'others', label: labels.others, value: null, selectable: false },
          comparison: false,
          rows: othersRows,
          values: valuesOf(axis, othersRows, measure),
          color: c,
        });
      }
    }
  } else {
    for (const measure of measures) {
      defs.push({ name: measure.label, measure, group: null, comparison: false, rows, values: valuesOf(axis, rows, measure), color: nextColor() });
    }
  }
  // The comparison period as twins of the series: dashed lines, paler bars.
  if (options.showComparison && kind !== 'histogram' && !percent) {
    for (const def of [...defs]) {
      if (!def.measure.previous) continue;
      defs.push({ ...def, name: comparisonName(model, def.name), comparison: true, values: valuesOf(axis, def.rows, def.measure, def.measure.previous) });
    }
  }

  // 100 %: each category's values as fractions of its total.
  const drawn = defs.map((d) => d.values);
  if (percent) {
    const totals = categories.map((_, i) => defs.reduce((s, d) => s + Math.abs(d.values[i] ?? 0), 0));
    for (let s = 0; s < drawn.length; s++) drawn[s] = drawn[s]!.map((v, i) => (v === null || totals[i] === 0 ? null : v / totals[i]!));
  }

  // One value axis per format (amounts and counts on their own scales), at most two.
  const formats: MeasureFormat[] = percent ? ['percent'] : [];
  if (!percent) for (const m of measures) if (!formats.includes(m.format) && formats.length < 2) formats.push(m.format);
  if (formats.length === 0) formats.push('number');
  const axisIndexOf = (m: MeasureModel) => (percent ? 0 : Math.max(0, formats.indexOf(m.format)));

  const many = categories.length > MANY_POINTS;
  const crowdedBars = kind !== 'line' && categories.length > CATEGORY_WINDOW * 1.5;
  const labelsShown = options.labels === true;
  const series = defs.map((def, s): LineSeriesOption | BarSeriesOption => {
    const data = drawn[s]!;
    const common = {
      name: def.name,
      data,
      yAxisIndex: horizontal ? undefined : axisIndexOf(def.measure),
      xAxisIndex: horizontal ? axisIndexOf(def.measure) : undefined,
      emphasis: { focus: 'series' as const },
    };
    const labelFormatter = (p: unknown) => {
      const v = (p as { value?: unknown }).value;
      return typeof v === 'number' ? model.axisText(percent ? 'percent' : def.measure.format, v) : '';
    };
    if (kind === 'line') {
      return {
        ...common,
        type: 'line',
        color: def.comparison ? withAlpha(def.color, 0.75) : def.color,
        showSymbol: !many && categories.length <= 60 && !def.comparison,
        symbolSize: 5,
        lineStyle: { width: def.comparison ? 1.5 : 2, type: def.comparison ? 'dashed' : 'solid' },
        connectNulls: false,
        ...(stacked && !def.comparison ? { stack: 'total', areaStyle: { opacity: 0.25 } } : {}),
        ...(many ? { sampling: 'lttb' as const } : {}),
        label: { show: labelsShown && !many, position: 'top', formatter: labelFormatter, color: theme.textMuted, fontSize: 11 },
        z: def.comparison ? 1 : 2,
      };
    }
    return {
      ...common,
      type: 'bar',
      color: def.comparison ? withAlpha(def.color, 0.35) : def.color,
      ...(def.comparison ? { itemStyle: { borderColor: def.color, borderType: 'dashed', borderWidth: 1 } } : {}),
      barMaxWidth: kind === 'histogram' ? undefined : 48,
      ...(kind === 'histogram' ? { barCategoryGap: '2%', barGap: '0%' } : {}),
      ...(stacked && !def.comparison ? { stack: 'total' } : {}),
      ...(crowdedBars ? { large: true } : {}),
      label: {
        show: labelsShown,
        position: stacked ? 'inside' : horizontal ? 'right' : 'top',
        formatter: labelFormatter,
        color: stacked ? '#ffffff' : theme.textMuted,
        fontSize: 11,
      },
    };
  });

  const categoryLabels = categories.map((c) => c.label);
  const categoryAxisOption = {
    type: 'category' as const,
    data: categoryLabels,
    ...categoryAxisStyle(theme),
    boundaryGap: kind !== 'line',
    inverse: horizontal,
    axisLabel: categoryLabelStyle(theme, categoryLabels, horizontal),
    axisPointer: { type: kind === 'line' ? ('line' as const) : ('shadow' as const) },
  };
  const valueAxes = formats.map((format, i) => ({
    type: 'value' as const,
    ...valueAxisStyle(theme),
    ...(percent ? { max: 1 } : {}),
    ...(i > 0 ? { splitLine: { show: false } } : {}),
    axisLabel: { color: theme.textMuted, formatter: (v: number) => model.axisText(format, v), hideOverlap: true },
  }));

  const showLegend = options.legend ?? defs.length > 1;
  const zoom = many || crowdedBars;
  const option: ChartOption = {
    ...baseOption(theme, categories.length * Math.max(1, defs.length) < 2000),
    grid: {
      left: 8,
      right: formats.length > 1 && !horizontal ? 8 : 20,
      top: showLegend ? 36 : 12,
      bottom: zoom && !horizontal ? 36 : 8,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    legend: legendOption(theme, showLegend),
    tooltip: {
      ...tooltipStyle(theme),
      trigger: 'axis',
      axisPointer: { type: kind === 'line' ? 'line' : 'shadow' },
      formatter: (raw: unknown) => {
        const params = paramsOf(raw);
        const first = params[0];
        if (!first || first.dataIndex === undefined) return '';
        const category = categories[first.dataIndex];
        const title =
          categoryDim?.type === 'bin' && category?.position !== undefined
            ? `${categoryDim.label}: ${binRangeText(model, categoryDim, category.position)}`
            : (category?.label ?? '');
        const lines = params.map((p) => {
          const def = defs[p.seriesIndex ?? -1];
          if (!def || p.dataIndex === undefined) return '';
          const rawValue = def.values[p.dataIndex] ?? null;
          let text = model.valueText(def.measure, rawValue);
          if (percent) {
            const share = drawn[p.seriesIndex!]![p.dataIndex] ?? null;
            text = `${model.formats.fractionPercent(share)} · ${text}`;
          }
          return tooltipLine(p.marker, def.name, text);
        });
        return [tooltipTitle(title), ...lines.filter((l) => l !== '')].join('<br/>');
      },
    },
    xAxis: horizontal ? valueAxes : categoryAxisOption,
    yAxis: horizontal ? categoryAxisOption : valueAxes,
    series,
  };
  if (zoom) {
    const window = kind === 'line' || categoryDim?.type === 'time' ? null : { startValue: 0, endValue: CATEGORY_WINDOW - 1 };
    option.dataZoom = zoomOption(theme, horizontal ? 'y' : 'x', window);
  }

  const select = (event: ChartEvent): CellSelector | null => {
    const def = defs[event.seriesIndex ?? 0];
    const index = event.dataIndex;
    if (!def || index === undefined) return null;
    const category = categories[index];
    if (!category || !category.selectable || !axis.dimension) return null;
    const cell: CellSelector = { [axis.dimension.id]: category.value };
    if (def.group && seriesDim) {
      if (!def.group.selectable) return null;
      cell[seriesDim.id] = def.group.value;
    }
    return cell;
  };
  return { option, select };
}

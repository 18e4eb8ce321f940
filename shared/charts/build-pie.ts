// Pie, donut and funnel: one value (the first measure) per category of the first dimension. Pie
// slices go largest first, the smallest merged into "Others" beyond MAX_SLICES; a donut shows the
// total in its centre. A funnel keeps the result's order (the pipeline's stage order) and labels
// each step with its conversion from the previous one. Pure.
import type { CellSelector } from '../api';
import type { FunnelSeriesOption, PieSeriesOption } from 'echarts/charts';
import {
  baseOption,
  legendOption,
  paramsOf,
  tooltipLine,
  tooltipStyle,
  tooltipTitle,
  type BuiltChart,
  type ChartEvent,
} from './common';
import type { ChartOption } from './option-types';
import { categoryAxis, splitDimensions, valueAt, type Category, type MeasureModel, type ResultModel } from './result-model';

/** Slices beyond this many: the smallest merge into "Others". */
export const MAX_SLICES = 10;

interface Slice {
  category: Category;
  value: number;
  color: string;
}

function slicesOf(model: ResultModel, measure: MeasureModel): { categories: Category[]; values: (number | null)[] } {
  const dim = splitDimensions(model).category;
  if (!dim) {
    let total: number | null = null;
    for (const r of model.rows) {
      const v = valueAt(measure.reader, r);
      if (v !== null) total = (total ?? 0) + v;
    }
    return { categories: [{ key: 'total', label: measure.label, value: null, selectable: false }], values: [total] };
  }
  const axis = categoryAxis(model, dim);
  const values: (number | null)[] = axis.categories.map(() => null);
  for (const r of model.rows) {
    const i = axis.indexOfRow.get(r);
    const v = valueAt(measure.reader, r);
    if (i === undefined || v === null) continue;
    values[i] = measure.additive && values[i] !== null ? values[i]! + v : v;
  }
  return { categories: axis.categories, values };
}

function selectorOf(model: ResultModel, category: Category | undefined): CellSelector | null {
  const dim = splitDimensions(model).category;
  if (!dim || !category || !category.selectable) return null;
  return { [dim.id]: category.value };
}

export function buildPie(model: ResultModel, donut: boolean): BuiltChart {
  const { theme, labels, input } = model;
  const measure = model.measures[0];
  if (!measure) return { option: baseOption(theme), select: () => null };
  const { categories, values } = slicesOf(model, measure);
  const dim = splitDimensions(model).category;
  // Only positive values can be drawn as slices.
  let slices: Slice[] = categories
    .map((category, i) => ({ category, value: values[i] ?? 0, color: '' }))
    .filter((s) => s.value > 0);
  const ordered = dim !== null && (dim.type === 'time' || dim.type === 'bin' || dim.stage);
  if (!ordered) slices.sort((a, b) => b.value - a.value);
  if (slices.length > MAX_SLICES && measure.additive) {
    const kept = [...slices].sort((a, b) => b.value - a.value).slice(0, MAX_SLICES - 1);
    const keptSet = new Set(kept);
    const rest = slices.filter((s) => !keptSet.has(s)).reduce((sum, s) => sum + s.value, 0);
    slices = slices.filter((s) => keptSet.has(s));
    slices.push({ category: { key: 'others', label: labels.others, value: null, selectable: false }, value: rest, color: '' });
  }
  slices.forEach((s, i) => {
    s.color = s.category.key === 'others' ? theme.neutral : theme.palette[i % theme.palette.length]!;
  });
  const sum = slices.reduce((acc, s) => acc + s.value, 0);
  const showLegend = input.options.legend ?? slices.length > 1;
  const detailed = input.options.labels === true;

  const series: PieSeriesOption[] = [
    {
      type: 'pie',
      name: measure.label,
      radius: donut ? ['46%', '70%'] : [0, '70%'],
      center: ['50%', showLegend ? '46%' : '50%'],
      avoidLabelOverlap: true,
      itemStyle: { borderColor: theme.separator, borderWidth: 2, borderRadius: donut ? 4 : 2 },
      label: {
        show: true,
        color: theme.text,
        fontSize: 12,
        formatter: (p: unknown) => {
          const q = p as { name?: string; value?: number; percent?: number };
          const pct = model.formats.fractionPercent((q.percent ?? 0) / 100);
          return detailed ? `${q.name ?? ''}\n${model.valueText(measure, q.value ?? null)} · ${pct}` : `${q.name ?? ''}\n${pct}`;
        },
        lineHeight: 15,
        overflow: 'truncate',
        width: 130,
      },
      labelLine: { lineStyle: { color: theme.axisLine }, length: 8, length2: 8 },
      labelLayout: { hideOverlap: true },
      data: slices.map((s) => ({ name: s.category.label, value: s.value, itemStyle: { color: s.color } })),
    },
  ];
  if (donut) {
    // The total in the centre: a silent, transparent series whose label sits at its centre.
    series.push({
      type: 'pie',
      name: labels.total,
      radius: [0, '40%'],
      center: series[0]!.center,
      silent: true,
      tooltip: { show: false },
      label: {
        show: true,
        position: 'center',
        formatter: `{value|${model.axisText(measure.format, sum).replace(/[{}|]/g, '')}}\n{caption|${labels.total.replace(/[{}|]/g, '')}}`,
        rich: {
          value: { fontSize: 18, fontWeight: 'bold', color: theme.text, lineHeight: 24 },
          caption: { fontSize: 11, color: theme.textMuted, lineHeight: 16 },
        },
      },
      labelLine: { show: false },
      emphasis: { disabled: true },
      itemStyle: { color: 'transparent' },
      data: [{ name: '', value: 1 }],
    });
  }

  const option: ChartOption = {
    ...baseOption(theme),
    legend: { ...legendOption(theme, showLegend, 'bottom'), data: slices.map((s) => s.category.label) },
    tooltip: {
      ...tooltipStyle(theme),
      trigger: 'item',
      formatter: (raw: unknown) => {
        const p = paramsOf(raw)[0];
        if (!p || p.seriesIndex !== 0 || p.dataIndex === undefined) return '';
        const slice = slices[p.dataIndex];
        if (!slice) return '';
        return [
          tooltipTitle(slice.category.label),
          tooltipLine(p.marker, measure.label, model.valueText(measure, slice.value)),
          tooltipLine('', labels.share, model.formats.fractionPercent(sum === 0 ? null : slice.value / sum)),
        ].join('<br/>');
      },
    },
    series,
  };
  return {
    option,
    select: (event: ChartEvent) => {
      if ((event.seriesIndex ?? 0) !== 0 || event.dataIndex === undefined) return null;
      return selectorOf(model, slices[event.dataIndex]?.category);
    },
  };
}

export function buildFunnel(model: ResultModel): BuiltChart {
  const { theme, labels, input } = model;
  const measure = model.measures[0];
  if (!measure) return { option: baseOption(theme), select: () => null };
  const { categories, values } = slicesOf(model, measure);
  const steps = categories.map((category, i) => ({ category, value: values[i] ?? 0 }));
  const first = steps[0]?.value ?? 0;
  const max = Math.max(0, ...steps.map((s) => s.value));
  const conversion = (i: number): number | null => {
    const previous = steps[i - 1]?.value;
    return i === 0 || previous === undefined || previous === 0 ? null : steps[i]!.value / previous;
  };
  const showLegend = input.options.legend ?? false;
  const series: FunnelSeriesOption = {
    type: 'funnel',
    name: measure.label,
    sort: 'none',
    left: '4%',
    width: '56%',
    top: showLegend ? 36 : 10,
    bottom: 10,
    min: 0,
    max: max || 1,
    minSize: '6%',
    gap: 2,
    itemStyle: { borderColor: theme.separator, borderWidth: 1 },
    label: {
      show: true,
      position: 'right',
      color: theme.text,
      fontSize: 12,
      formatter: (p: unknown) => {
        const i = (p as { dataIndex?: number }).dataIndex ?? 0;
        const step = steps[i];
        if (!step) return '';
        const rate = conversion(i);
        const value = model.axisText(measure.format, step.value);
        return rate === null ? `${step.category.label} · ${value}` : `${step.category.label} · ${value} · ${model.formats.fractionPercent(rate)}`;
      },
    },
    labelLine: { show: true, length: 12, lineStyle: { color: theme.axisLine } },
    emphasis: { label: { fontWeight: 'bold' } },
    data: steps.map((s, i) => ({ name: s.category.label, value: s.value, itemStyle: { color: theme.palette[i % theme.palette.length] } })),
  };
  const option: ChartOption = {
    ...baseOption(theme),
    legend: { ...legendOption(theme, showLegend), data: steps.map((s) => s.category.label) },
    tooltip: {
      ...tooltipStyle(theme),
      trigger: 'item',
      formatter: (raw: unknown) => {
        const p = paramsOf(raw)[0];
        const i = p?.dataIndex;
        const step = i === undefined ? undefined : steps[i];
        if (!p || i === undefined || !step) return '';
        const lines = [tooltipTitle(step.category.label), tooltipLine(p.marker, measure.label, model.valueText(measure, step.value))];
        const rate = conversion(i);
        if (rate !== null) lines.push(tooltipLine('', labels.conversion, model.formats.fractionPercent(rate)));
        if (i > 0 && first !== 0) lines.push(tooltipLine('', labels.conversionFromFirst, model.formats.fractionPercent(step.value / first)));
        return lines.join('<br/>');
      },
    },
    series: [series],
  };
  return {
    option,
    select: (event: ChartEvent) => (event.dataIndex === undefined ? null : selectorOf(model, steps[event.dataIndex]?.category)),
  };
}

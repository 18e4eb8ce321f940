// Waterfall: how a figure goes from one value to another step by step. Floating bars on a stack
// that runs through every sign (stackStrategy 'all'): an invisible base up to the lower end of each
// step, then the step itself, green when it raises the level, red when it lowers it, grey for the
// absolute bars (a start, an end, a total).
//
// Two ways in:
// - a widget (kind 'waterfall'): the first dimension's categories are the steps, the first measure
//   their increments, and a final total bar closes the chart. With `input.waterfall = 'movement'`
//   the rows are a pipeline movement instead: the first row is the absolute start, the last row the
//   absolute end, the rows between the changes (new, won, lost, slipped, amount changed ...).
// - `buildWaterfallOption(steps, settings)`: explicit steps, for views that compute them (forecast,
//   pipeline movement between two snapshots).
// Pure.
import type { CellSelector } from '../api';
import type { BarSeriesOption } from 'echarts/charts';
import type { ChartOptions, Currency, NumberLocale, Theme } from '../dashboard/types';
import { createFormats, type Formats } from '../format/format';
import {
  baseOption,
  categoryAxisStyle,
  categoryLabelStyle,
  legendOption,
  paramsOf,
  tooltipLine,
  tooltipStyle,
  tooltipTitle,
  valueAxisStyle,
  type BuiltChart,
  type ChartEvent,
} from './common';
import type { ChartLabels } from './labels';
import type { ChartOption } from './option-types';
import { categoryAxis, splitDimensions, valueAt, type Category, type MeasureFormat, type ResultModel } from './result-model';
import { chartTheme, type ChartTheme } from './theme';

export interface WaterfallStep {
  label: string;
  /** For 'start' and 'end': the absolute value; for 'delta': the change. */
  value: number;
  kind: 'start' | 'delta' | 'end';
}

export interface WaterfallSettings {
  display: { locale: NumberLocale; currency: Currency; theme: Theme };
  labels: ChartLabels;
  /** How values are written: amounts with the currency (default), plain numbers, fractions as %. */
  format?: MeasureFormat;
  /** Name of the measure in tooltips ("Pipeline value"). */
  measureLabel?: string;
  options?: ChartOptions;
  /** Closes an increments-only list with a total bar (default: when no step is an 'end'). */
  total?: boolean;
}

interface Bar {
  step: WaterfallStep;
  /** Lower and upper ends of the visible bar. */
  low: number;
  high: number;
  /** Level after the step. */
  level: number;
  role: 'absolute' | 'increase' | 'decrease';
}

function barsOf(steps: readonly WaterfallStep[]): Bar[] {
  let level = 0;
  return steps.map((step) => {
    if (step.kind !== 'delta') {
      level = step.value;
      return { step, low: Math.min(0, step.value), high: Math.max(0, step.value), level, role: 'absolute' as const };
    }
    const before = level;
    level = before + step.value;
    return { step, low: Math.min(before, level), high: Math.max(before, level), level, role: step.value >= 0 ? ('increase' as const) : ('decrease' as const) };
  });
}

function textOf(formats: Formats, format: MeasureFormat, value: number, compact: boolean): string {
  if (format === 'money') return compact ? formats.compactCurrency(value) : formats.currency(value);
  if (format === 'percent') return formats.fractionPercent(value);
  return compact ? formats.compact(value) : formats.number(value);
}

function signedText(formats: Formats, format: MeasureFormat, value: number, compact: boolean): string {
  const text = textOf(formats, format, Math.abs(value), compact);
  return value < 0 ? `−${text}` : `+${text}`;
}

function waterfallOption(bars: readonly Bar[], theme: ChartTheme, formats: Formats, format: MeasureFormat, labels: ChartLabels, measureLabel: string, options: ChartOptions): ChartOption {
  const names = bars.map((b) => b.step.label);
  const showLabels = options.labels ?? bars.length <= 24;
  const showLegend = options.legend ?? true;
  const stackPart = (role: Bar['role'] | 'base', color: string, name: string): BarSeriesOption => ({
    type: 'bar',
    name,
    stack: 'waterfall',
    stackStrategy: 'all',
    color,
    barMaxWidth: 56,
    barCategoryGap: '30%',
    data: bars.map((b) => {
      if (role === 'base') return b.low;
      // 0, not null, where the step is another role's: a null breaks the running stack.
      return b.role === role ? b.high - b.low : 0;
    }),
    ...(role === 'base'
      ? { itemStyle: { color: 'transparent', borderColor: 'transparent' }, emphasis: { disabled: true }, silent: true, tooltip: { show: false } }
      : {
          itemStyle: { borderRadius: 2 },
          label: {
            show: showLabels,
            position: 'top',
            color: theme.textMuted,
            fontSize: 11,
            formatter: (p: unknown) => {
              const bar = bars[(p as { dataIndex?: number }).dataIndex ?? -1];
              if (!bar || bar.role !== role) return '';
              return bar.role === 'absolute' ? textOf(formats, format, bar.step.value, true) : signedText(formats, format, bar.step.value, true);
            },
          },
        }),
  });
  return {
    ...baseOption(theme),
    grid: { left: 8, right: 16, top: showLegend ? 36 : 20, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { ...legendOption(theme, showLegend), data: [labels.increase, labels.decrease, labels.total] },
    tooltip: {
      ...tooltipStyle(theme),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (raw: unknown) => {
        const p = paramsOf(raw).find((x) => x.dataIndex !== undefined);
        const bar = p?.dataIndex === undefined ? undefined : bars[p.dataIndex];
        if (!bar) return '';
        const color = bar.role === 'increase' ? theme.good : bar.role === 'decrease' ? theme.bad : theme.total;
        const marker = `<span style="display:inline-block;margin-right:4px;border-radius:2px;width:10px;height:10px;background-color:${color}"></span>`;
        if (bar.role === 'absolute') return [tooltipTitle(bar.step.label), tooltipLine(marker, measureLabel, textOf(formats, format, bar.step.value, false))].join('<br/>');
        return [
          tooltipTitle(bar.step.label),
          tooltipLine(marker, labels.change, signedText(formats, format, bar.step.value, false)),
          tooltipLine('', measureLabel, textOf(formats, format, bar.level, false)),
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      data: names,
      ...categoryAxisStyle(theme),
      axisLabel: categoryLabelStyle(theme, names, false),
    },
    yAxis: {
      type: 'value',
      ...valueAxisStyle(theme),
      axisLabel: { color: theme.textMuted, formatter: (v: number) => textOf(formats, format, v, true) },
    },
    series: [
      stackPart('base', 'transparent', ''),
      stackPart('increase', theme.good, labels.increase),
      stackPart('decrease', theme.bad, labels.decrease),
      stackPart('absolute', theme.total, labels.total),
    ],
  };
}

/** A waterfall of explicit steps (pipeline movement, forecast bridge). */
export function buildWaterfallOption(steps: readonly WaterfallStep[], settings: WaterfallSettings): ChartOption {
  const formats = createFormats({ locale: settings.display.locale, currency: settings.display.currency });
  const theme = chartTheme(settings.display.theme);
  const all = [...steps];
  const closeWithTotal = settings.total ?? !steps.some((s) => s.kind === 'end');
  if (closeWithTotal) {
    const level = barsOf(all).at(-1)?.level ?? 0;
    all.push({ label: settings.labels.total, value: level, kind: 'end' });
  }
  return waterfallOption(barsOf(all), theme, formats, settings.format ?? 'money', settings.labels, settings.measureLabel ?? settings.labels.total, settings.options ?? {});
}

/** A widget's waterfall, from its result (see the top of this file for the two modes). */
export function buildWaterfall(model: ResultModel): BuiltChart {
  const { theme, labels, input } = model;
  const measure = model.measures[0];
  const dim = splitDimensions(model).category;
  if (!measure) return { option: baseOption(theme), select: () => null };
  const axis = dim ? categoryAxis(model, dim) : null;
  const categories: Category[] = axis ? axis.categories : [{ key: 'total', label: measure.label, value: null, selectable: false }];
  const values: (number | null)[] = categories.map(() => null);
  for (const r of model.rows) {
    const i = axis ? axis.indexOfRow.get(r) : 0;
    const v = valueAt(measure.reader, r);
    if (i === undefined || v === null) continue;
    values[i] = measure.additive && values[i] !== null ? values[i]! + v : v;
  }
  const movement = input.waterfall === 'movement' && categories.length >= 2;
  const last = categories.length - 1;
  const steps: WaterfallStep[] = categories.map((c, i) => {
    if (movement && i === 0) return { label: labels.start, value: values[i] ?? 0, kind: 'start' };
    if (movement && i === last) return { label: labels.end, value: values[i] ?? 0, kind: 'end' };
    return { label: c.label, value: values[i] ?? 0, kind: 'delta' };
  });
  if (!movement) {
    const level = steps.reduce((s, x) => s + x.value, 0);
    steps.push({ label: labels.total, value: level, kind: 'end' });
  }
  const option = waterfallOption(barsOf(steps), theme, model.formats, measure.format, labels, measure.label, input.options);
  return {
    option,
    select: (event: ChartEvent): CellSelector | null => {
      const i = event.dataIndex;
      if (i === undefined || !dim) return null;
      const step = steps[i];
      const category = categories[i];
      if (!step || !category || step.kind !== 'delta' || !category.selectable) return null;
      return { [dim.id]: category.value };
    },
  };
}

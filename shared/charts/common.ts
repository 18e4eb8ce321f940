// Pieces every chart option shares: text and tooltip styles of the theme, escaping, legends,
// category axes. Pure.
import type { CellSelector } from '../api';
import type { ChartOption } from './option-types';
import { CHART_FONT, type ChartTheme } from './theme';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Tooltips are HTML: every value from the data is escaped before it gets there. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Above this many points a line is sampled (LTTB) and the chart gets a zoom slider. */
export const MANY_POINTS = 200;

/** Categories shown at first when there are too many to read: the rest is a pan away. */
export const CATEGORY_WINDOW = 40;

/** Series beyond this many (one per value of a second dimension) are merged into "Others". */
export const MAX_SERIES = 12;

/** What ECharts passes to tooltip and label formatters (the parts we read). */
export interface FormatterParam {
  componentType?: string;
  seriesType?: string;
  seriesIndex?: number;
  seriesName?: string;
  name?: string;
  dataIndex?: number;
  data?: unknown;
  value?: unknown;
  color?: unknown;
  marker?: string;
  percent?: number;
  axisValue?: string | number;
  axisValueLabel?: string;
}

export function paramsOf(raw: unknown): FormatterParam[] {
  return (Array.isArray(raw) ? raw : [raw]) as FormatterParam[];
}

/** One tooltip line: marker, escaped name, bold escaped value. */
export function tooltipLine(marker: string | undefined, name: string, value: string): string {
  return `${marker ?? ''}${escapeHtml(name)}&nbsp;&nbsp;<b>${escapeHtml(value)}</b>`;
}

export function tooltipTitle(text: string): string {
  return `<div class="qd-tooltip-title" style="font-weight:600;margin-bottom:2px">${escapeHtml(text)}</div>`;
}

export function baseOption(theme: ChartTheme, animate = true): ChartOption {
  return {
    // Dates in results are UTC midnights: show them as such whatever the machine's time zone.
    useUTC: true,
    animation: animate,
    backgroundColor: 'transparent',
    color: [...theme.palette],
    textStyle: { fontFamily: CHART_FONT, color: theme.text },
  };
}

export function tooltipStyle(theme: ChartTheme) {
  return {
    confine: true,
    backgroundColor: theme.tooltipBackground,
    borderColor: theme.tooltipBorder,
    textStyle: { color: theme.tooltipText, fontFamily: CHART_FONT, fontSize: 12 },
    extraCssText: 'box-shadow: 0 4px 14px rgba(0,0,0,0.18); border-radius: 6px;',
  };
}

export function legendOption(theme: ChartTheme, show: boolean, placement: 'top' | 'bottom' = 'top'): NonNullable<ChartOption['legend']> {
  return {
    show,
    type: 'scroll',
    ...(placement === 'top' ? { top: 0, left: 0 } : { bottom: 0, left: 'center' }),
    icon: 'roundRect',
    itemWidth: 12,
    itemHeight: 8,
    textStyle: { color: theme.textMuted, fontSize: 12 },
    pageTextStyle: { color: theme.textMuted },
    pageIconColor: theme.text,
    pageIconInactiveColor: theme.axisLine,
  };
}

/** Axis label styling of a category axis with `count` labels, rotated when crowded. */
export function categoryLabelStyle(theme: ChartTheme, labels: readonly string[], horizontal: boolean) {
  const count = labels.length;
  const long = labels.some((l) => l.length > 12);
  if (horizontal) {
    return { color: theme.textMuted, width: 140, overflow: 'truncate' as const, hideOverlap: true, interval: count <= 40 ? 0 : ('auto' as const) };
  }
  const rotate = count > 8 || (long && count > 4) ? 35 : 0;
  return {
    color: theme.textMuted,
    // Every label while they fit; beyond, ECharts keeps every n-th (measured on the rotated labels).
    interval: count <= 16 ? 0 : ('auto' as const),
    rotate,
    width: rotate ? 110 : 90,
    overflow: 'truncate' as const,
    hideOverlap: true,
  };
}

export function valueAxisStyle(theme: ChartTheme) {
  return {
    axisLine: { show: false },
    axisTick: { show: false },
    splitLine: { lineStyle: { color: theme.splitLine } },
  };
}

export function categoryAxisStyle(theme: ChartTheme) {
  return {
    axisLine: { lineStyle: { color: theme.axisLine } },
    axisTick: { show: false },
    splitLine: { show: false },
  };
}

/** Zoom over a category axis: the first `window` categories (all of a time axis), a slider below. */
export function zoomOption(theme: ChartTheme, axis: 'x' | 'y', window: { startValue: number; endValue: number } | null) {
  const index = axis === 'x' ? { xAxisIndex: 0 } : { yAxisIndex: 0 };
  const range = window ?? {};
  return [
    { type: 'inside' as const, ...index, filterMode: 'none' as const, ...range },
    {
      type: 'slider' as const,
      ...index,
      filterMode: 'none' as const,
      brushSelect: false,
      ...(axis === 'x' ? { height: 20, bottom: 6 } : { width: 16, right: 4 }),
      borderColor: theme.axisLine,
      fillerColor: theme.zoomFill,
      textStyle: { color: theme.textMuted },
      dataBackground: { lineStyle: { color: theme.axisLine }, areaStyle: { color: theme.splitLine } },
      ...range,
    },
  ];
}

/** What ECharts reports of a click on a slice, bar, point or cell. */
export interface ChartEvent {
  dataIndex?: number;
  seriesIndex?: number;
  name?: string;
  data?: unknown;
}

/** An option and what a click on it selects (dimension id -> value), null when nothing is. */
export interface BuiltChart {
  option: ChartOption;
  select(event: ChartEvent): CellSelector | null;
}

export const NOTHING_SELECTABLE = (): null => null;

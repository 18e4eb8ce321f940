// The query builder's chart (bar or line of one dimension); dashboards use widget-chart.ts.
// Pure: a query result (Arrow, read through readArrow) + a chart kind -> an ECharts option.
// No DOM, no ECharts runtime; tested in test/unit/charts.test.ts on real Arrow bytes.
import type { ArrowColumnReader, ArrowReader } from '../../../shared/arrow/cells';
import type { ResultColumn } from '../../../shared/api';
import type { TimeGrain } from '../../../shared/spec/types';
import { EMPTY_LABEL, formatBucket, formatCell, formatCompact, formatNumber } from '../ui/format';
import { CATEGORY_WINDOW, escapeHtml, MANY_POINTS } from './common';
import type { ChartKind, ChartOption } from './option-types';

export interface ChartInput {
  reader: ArrowReader;
  /** The result's columns as the query reported them (dimensions first, then measures). */
  columns: readonly ResultColumn[];
  kind: ChartKind;
  /** Time grain of the dimension, to label buckets ("Mar 2024"); null for plain dates. */
  grain?: TimeGrain | null;
}

export { CATEGORY_WINDOW, escapeHtml, MANY_POINTS };

export const PALETTE = ['#4263eb', '#12b886', '#f59f00', '#e8590c', '#7048e8', '#1098ad', '#d6336c', '#5c940d'];

const AXIS_COLOR = '#868e96';
const LINE_COLOR = '#dee2e6';
const TEXT_COLOR = '#495057';

interface TooltipParam {
  axisValue?: string | number;
  axisValueLabel?: string;
  marker?: string;
  seriesName?: string;
  value?: unknown;
  dataIndex?: number;
}

function tooltipValue(value: unknown): number | null {
  const v = Array.isArray(value) ? value[1] : value;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function buildChartOption(input: ChartInput): ChartOption {
  const { reader, columns, kind } = input;
  const dimension = columns.find((c) => c.role === 'dimension');
  const measures = columns.filter((c) => c.role === 'measure');
  const measureReaders = measures
    .map((m) => ({ meta: m, col: reader.column(m.id) }))
    .filter((m): m is { meta: ResultColumn; col: ArrowColumnReader } => m.col !== undefined);
  const dimReader = dimension ? reader.column(dimension.id) : undefined;
  const isTime = dimReader !== undefined && (dimReader.family === 'date' || dimReader.family === 'timestamp');
  const grain = input.grain ?? null;

  const yOf = (col: ArrowColumnReader, row: number): number | null => {
    const v = col.number(row);
    return Number.isFinite(v) ? v : null;
  };

  let pointCount: number;
  let xAxis: ChartOption['xAxis'];
  let seriesData: (row: ArrowColumnReader) => unknown[];
  let headerOf: (p: TooltipParam) => string;

  if (isTime && dimReader) {
    // A time axis keeps gaps honest (a month without deals is a gap, not a neighbour). Rows whose
    // date is empty cannot be placed on it; they stay in the figures table.
    const order: number[] = [];
    for (let r = 0; r < reader.numRows; r++) if (Number.isFinite(dimReader.number(r))) order.push(r);
    order.sort((a, b) => dimReader.number(a) - dimReader.number(b));
    pointCount = order.length;
    xAxis = {
      type: 'time',
      axisLine: { lineStyle: { color: LINE_COLOR } },
      axisTick: { show: false },
      axisLabel: { color: AXIS_COLOR, hideOverlap: true },
      splitLine: { show: false },
    };
    seriesData = (col) => order.map((r) => [dimReader.number(r), yOf(col, r)]);
    headerOf = (p) => {
      const ms = Array.isArray(p.value) ? Number(p.value[0]) : Number(p.axisValue);
      return formatBucket(ms, grain);
    };
  } else {
    const labels: string[] = [];
    for (let r = 0; r < reader.numRows; r++) {
      const text = dimReader ? formatCell(dimReader.get(r), dimension?.kind) : 'Total';
      labels.push(text === '' ? EMPTY_LABEL : text);
    }
    pointCount = labels.length;
    const rotate = pointCount > 8 || labels.some((l) => l.length > 14) ? 35 : 0;
    xAxis = {
      type: 'category',
      data: labels,
      axisLine: { lineStyle: { color: LINE_COLOR } },
      axisTick: { show: false },
      axisLabel: {
        color: AXIS_COLOR,
        interval: pointCount <= 40 ? 0 : 'auto',
        rotate,
        width: rotate ? 110 : 90,
        overflow: 'truncate',
        hideOverlap: true,
      },
    };
    seriesData = (col) => labels.map((_, r) => yOf(col, r));
    headerOf = (p) => String(p.axisValueLabel ?? p.axisValue ?? '');
  }

  const many = pointCount > MANY_POINTS;
  const series = measureReaders.map(({ meta, col }, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    if (kind === 'line') {
      return {
        type: 'line' as const,
        name: meta.label,
        data: seriesData(col) as never,
        color,
        showSymbol: !many && pointCount <= 60,
        symbolSize: 5,
        lineStyle: { width: 2 },
        connectNulls: false,
        ...(many ? { sampling: 'lttb' as const } : {}),
        emphasis: { focus: 'series' as const },
      };
    }
    return {
      type: 'bar' as const,
      name: meta.label,
      data: seriesData(col) as never,
      color,
      barMaxWidth: 48,
      ...(many ? { large: true } : {}),
      itemStyle: { borderRadius: [3, 3, 0, 0] },
    };
  });

  const showLegend = series.length > 1;
  const option: ChartOption = {
    // Dates in results are UTC midnights: show them as such whatever the machine's time zone.
    useUTC: true,
    animation: pointCount < 2000,
    color: PALETTE,
    textStyle: {
      fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      color: TEXT_COLOR,
    },
    grid: {
      left: 12,
      right: 24,
      top: showLegend ? 40 : 16,
      bottom: many ? 56 : 12,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    legend: { show: showLegend, top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: kind === 'bar' ? 'shadow' : 'line' },
      confine: true,
      formatter: (raw: unknown) => {
        const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
        const first = params[0];
        if (!first) return '';
        const lines = params.map((p) => {
          const v = tooltipValue(p.value);
          return `${p.marker ?? ''}${escapeHtml(p.seriesName ?? '')}&nbsp;&nbsp;<b>${v === null ? '–' : escapeHtml(formatNumber(v))}</b>`;
        });
        return [`<div class="qd-tooltip-title">${escapeHtml(headerOf(first))}</div>`, ...lines].join('<br/>');
      },
    },
    xAxis,
    yAxis: {
      type: 'value',
      axisLabel: { color: AXIS_COLOR, formatter: (v: number) => formatCompact(v) },
      splitLine: { lineStyle: { color: '#f1f3f5' } },
    },
    series,
  };
  if (many) {
    // Thousands of categories cannot be read at once: open on the first ones (the largest when
    // sorted by value) and let the slider reach the rest. A time axis opens on its whole range.
    const window = isTime ? {} : { startValue: 0, endValue: CATEGORY_WINDOW - 1 };
    option.dataZoom = [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none', ...window },
      { type: 'slider', xAxisIndex: 0, height: 22, bottom: 8, filterMode: 'none', brushSelect: false, ...window },
    ];
  }
  return option;
}

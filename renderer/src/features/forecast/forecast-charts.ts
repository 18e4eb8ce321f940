// The ECharts options of the forecast views other than the movement waterfall (build-waterfall.ts):
// forecast vs won per period, the reliability diagram of the probabilities, and the mean
// probability of each stage over the snapshots. Pure: the words come in as arguments, numbers
// through the workspace's formats, colours from the chart theme.
import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { CalibrationBucket, StageSanitySnapshot } from '../../../../shared/forecast/types';
import { baseOption, categoryAxisStyle, categoryLabelStyle, legendOption, paramsOf, tooltipLine, tooltipStyle, tooltipTitle, valueAxisStyle } from '../../charts/common';
import type { ChartOption } from '../../charts/option-types';
import { withAlpha, type ChartTheme } from '../../charts/theme';
import type { Formats } from '../../ui/format';

// ---------------------------------------------------------------------------------------------
// Forecast vs won

export interface AccuracyPoint {
  /** The period's label ("Mar 2026", "T1 2026"). */
  label: string;
  forecast: number;
  actual: number;
  /** False while the period runs: its actual is partial. */
  complete: boolean;
  /** The snapshot the forecast was frozen from, in words. */
  snapshot: string;
}

export interface AccuracyChartLabels {
  forecast: string;
  actual: string;
  error: string;
  partial: string;
  snapshot: string;
}

export function accuracyOption(points: readonly AccuracyPoint[], theme: ChartTheme, formats: Formats, labels: AccuracyChartLabels): ChartOption {
  const names = points.map((p) => p.label);
  const actual = theme.palette[1]!;
  const forecast = theme.palette[0]!;
  const bars: BarSeriesOption = {
    type: 'bar',
    name: labels.actual,
    color: actual,
    barMaxWidth: 36,
    data: points.map((p) => ({
      value: p.actual,
      // A running period's bar is pale: what was won so far, not the period's result.
      itemStyle: p.complete ? { color: actual, borderRadius: [2, 2, 0, 0] } : { color: withAlpha(actual, 0.35), borderColor: actual, borderType: 'dashed', borderWidth: 1 },
    })),
  };
  const line: LineSeriesOption = {
    type: 'line',
    name: labels.forecast,
    color: forecast,
    symbol: 'circle',
    symbolSize: 6,
    lineStyle: { width: 2.5 },
    data: points.map((p) => p.forecast),
  };
  return {
    ...baseOption(theme),
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { ...legendOption(theme, true), data: [labels.actual, labels.forecast] },
    tooltip: {
      ...tooltipStyle(theme),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (raw: unknown) => {
        const i = paramsOf(raw)[0]?.dataIndex;
        const p = i === undefined ? undefined : points[i];
        if (!p) return '';
        const error = p.forecast - p.actual;
        return [
          tooltipTitle(p.complete ? p.label : `${p.label} · ${labels.partial}`),
          tooltipLine('', labels.forecast, formats.currency(p.forecast)),
          tooltipLine('', labels.actual, formats.currency(p.actual)),
          tooltipLine('', labels.error, formats.signedCurrency(error)),
          tooltipLine('', labels.snapshot, p.snapshot),
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: names, ...categoryAxisStyle(theme), axisLabel: categoryLabelStyle(theme, names, false) },
    yAxis: { type: 'value', ...valueAxisStyle(theme), axisLabel: { color: theme.textMuted, formatter: (v: number) => formats.compactCurrency(v) } },
    series: [bars, line],
  };
}

// ---------------------------------------------------------------------------------------------
// Reliability diagram

export interface CalibrationSeries {
  name: string;
  buckets: readonly CalibrationBucket[];
  /** Drawn pale, behind: the reference group (the total when a rep is shown). */
  muted?: boolean;
}

export interface CalibrationChartLabels {
  probability: string;
  winRate: string;
  perfect: string;
  observations: (count: number) => string;
  interval: string;
  bucket: string;
}

export function calibrationOption(series: readonly CalibrationSeries[], theme: ChartTheme, formats: Formats, labels: CalibrationChartLabels): ChartOption {
  // Point area follows the observations, within each series (a rep's buckets hold far fewer than the total's).
  const size = (count: number, max: number) => 6 + 20 * Math.sqrt(count / Math.max(1, max));
  const pct = (v: number) => formats.fractionPercent(v);
  const diagonal: LineSeriesOption = {
    type: 'line',
    name: labels.perfect,
    data: [
      [0, 0],
      [1, 1],
    ],
    color: theme.neutral,
    symbol: 'none',
    lineStyle: { type: 'dashed', width: 1.5, color: theme.neutral },
    silent: true,
    tooltip: { show: false },
    z: 1,
  };
  const drawn: (LineSeriesOption | ScatterSeriesOption)[] = [diagonal];
  series.forEach((s, i) => {
    const color = s.muted ? theme.neutral : theme.palette[i === 0 ? 0 : (i + 2) % theme.palette.length]!;
    const points = s.buckets.filter((b) => b.count > 0 && b.meanProbability !== null && b.winRate !== null);
    const max = Math.max(0, ...points.map((b) => b.count));
    drawn.push({
      type: 'line',
      name: s.name,
      color,
      z: s.muted ? 2 : 3,
      lineStyle: { width: s.muted ? 1.5 : 2.5, opacity: s.muted ? 0.55 : 1 },
      itemStyle: { opacity: s.muted ? 0.45 : 0.9, borderColor: theme.separator, borderWidth: 1 },
      symbol: 'circle',
      data: points.map((b) => ({
        value: [b.meanProbability!, b.winRate!],
        symbolSize: size(b.count, max),
        bucket: b,
      })),
      label: {
        show: !s.muted,
        position: 'top',
        distance: 6,
        color: theme.textMuted,
        fontSize: 11,
        formatter: (p: unknown) => {
          const b = ((p as { data?: { bucket?: CalibrationBucket } }).data ?? {}).bucket;
          return b ? formats.integer(b.count) : '';
        },
      },
      labelLayout: { hideOverlap: true },
    });
  });
  return {
    ...baseOption(theme),
    grid: { left: 8, right: 20, top: 64, bottom: 28, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { ...legendOption(theme, true), data: [...series.map((s) => s.name), labels.perfect] },
    tooltip: {
      ...tooltipStyle(theme),
      trigger: 'item',
      formatter: (raw: unknown) => {
        const p = paramsOf(raw)[0];
        const b = ((p?.data ?? {}) as { bucket?: CalibrationBucket }).bucket;
        if (!p || !b) return '';
        return [
          tooltipTitle(`${p.seriesName ?? ''} · ${labels.bucket} ${pct(b.from)} – ${pct(b.to)}`),
          tooltipLine('', labels.probability, pct(b.meanProbability ?? 0)),
          tooltipLine('', labels.winRate, pct(b.winRate ?? 0)),
          tooltipLine('', labels.interval, `${pct(b.low ?? 0)} – ${pct(b.high ?? 0)}`),
          tooltipLine('', '', labels.observations(b.count)),
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: labels.probability,
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { color: theme.textMuted },
      ...valueAxisStyle(theme),
      axisLine: { show: true, lineStyle: { color: theme.axisLine } },
      axisLabel: { color: theme.textMuted, formatter: (v: number) => pct(v) },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: labels.winRate,
      nameTextStyle: { color: theme.textMuted, align: 'left' },
      ...valueAxisStyle(theme),
      axisLabel: { color: theme.textMuted, formatter: (v: number) => pct(v) },
    },
    series: drawn,
  };
}

// ---------------------------------------------------------------------------------------------
// Mean probability per stage over the snapshots

export interface StageChartLabels {
  /** A snapshot's date in words. */
  date: (day: string) => string;
  /** Tooltip line of a stage below an earlier one. */
  violation: string;
  deals: (count: number) => string;
}

export function stageProbabilityOption(stages: readonly string[], snapshots: readonly StageSanitySnapshot[], theme: ChartTheme, formats: Formats, labels: StageChartLabels): ChartOption {
  const names = snapshots.map((s) => labels.date(s.date));
  const violated = snapshots.map((s) => new Set(s.violations.map((v) => v.stage)));
  const series: LineSeriesOption[] = stages.map((stage, i) => ({
    type: 'line',
    name: stage,
    color: theme.palette[i % theme.palette.length],
    symbol: 'circle',
    symbolSize: 5,
    lineStyle: { width: 2 },
    connectNulls: false,
    data: snapshots.map((s, j) => {
      const v = s.stages.find((x) => x.stage === stage)?.meanProbability ?? null;
      // A stage whose mean probability falls below an earlier stage's is marked in red.
      return violated[j]!.has(stage) && v !== null
        ? { value: v, symbol: 'diamond', symbolSize: 11, itemStyle: { color: theme.bad, borderColor: theme.separator, borderWidth: 1 } }
        : v;
    }),
  }));
  return {
    ...baseOption(theme),
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { ...legendOption(theme, true), data: [...stages] },
    tooltip: {
      ...tooltipStyle(theme),
      trigger: 'axis',
      formatter: (raw: unknown) => {
        const params = paramsOf(raw);
        const j = params[0]?.dataIndex;
        const snap = j === undefined ? undefined : snapshots[j];
        if (!snap) return '';
        const lines = [tooltipTitle(names[j!]!)];
        for (const p of params) {
          const st = snap.stages.find((x) => x.stage === p.seriesName);
          if (!st || st.meanProbability === null) continue;
          const flag = violated[j!]!.has(st.stage) ? ` · ${labels.violation}` : '';
          lines.push(tooltipLine(p.marker, st.stage, `${formats.fractionPercent(st.meanProbability)} (${labels.deals(st.deals)})${flag}`));
        }
        return lines.join('<br/>');
      },
    },
    xAxis: { type: 'category', data: names, boundaryGap: false, ...categoryAxisStyle(theme), axisLabel: categoryLabelStyle(theme, names, false) },
    yAxis: { type: 'value', min: 0, max: 1, ...valueAxisStyle(theme), axisLabel: { color: theme.textMuted, formatter: (v: number) => formats.fractionPercent(v) } },
    series,
  };
}

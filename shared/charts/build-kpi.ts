// The KPI tile ("flash figure"): a value, its change against the comparison period with an arrow
// whose colour says whether the change is good news (ChartOptions.higherIsBetter), and a sparkline.
// The tile's spec has a time dimension and `compare: { to: 'previous_period' }`: the last bucket is
// the current value, its m__previous / m__change / m__change_pct columns give the change, all the
// buckets give the sparkline. Without comparison columns the bucket before the last one is the
// previous value; without a dimension the tile shows the value alone. Pure.
import type { CompareTo } from '../spec/types';
import { baseOption, paramsOf, tooltipLine, tooltipStyle, tooltipTitle } from './common';
import type { ChartOption } from './option-types';
import { categoryAxis, valueAt, type MeasureModel, type ResultModel } from './result-model';
import { withAlpha } from './theme';

export interface KpiTileModel {
  value: number | null;
  /** The value as shown on the tile ("€1.2M", "23.5%"). */
  text: string;
  previous: number | null;
  change: number | null;
  /** The change as a fraction of the previous value (0.12 = +12 %). */
  changePct: number | null;
  /** "+12.5%" (or "+€1,250" when there is no previous value to divide by). */
  changeText: string | null;
  direction: 'up' | 'down' | 'flat' | null;
  /** Whether the change is good news; null when flat or unknown. */
  good: boolean | null;
  sparkline: ChartOption | null;
  /** The measure's name (from the result columns). */
  label: string;
  previousText: string | null;
  /** The current bucket ("Oct 2026"), null without a time dimension. */
  periodLabel: string | null;
  /** What the change is measured against; null without change. */
  compare: CompareTo | null;
  /** Colour of the change (the theme's good / bad / neutral). */
  changeColor: string | null;
}

/** Changes smaller than this fraction of the previous value are shown as flat. */
export const FLAT_CHANGE = 0.0005;
/** Tile values from this size on are shortened (€1.2M rather than €1,234,567). */
const COMPACT_FROM = 100_000;

function tileText(model: ResultModel, measure: MeasureModel, value: number | null): string {
  if (value === null) return '–';
  const big = Math.abs(value) >= COMPACT_FROM;
  if (measure.format === 'money') return big ? model.formats.compactCurrency(value) : model.formats.currency(Math.round(value));
  if (measure.format === 'percent') return model.formats.fractionPercent(value);
  return big ? model.formats.compact(value) : model.formats.number(value);
}

export function buildKpiTileModel(model: ResultModel): KpiTileModel {
  const { theme, input } = model;
  const measure = model.measures[0];
  const empty: KpiTileModel = {
    value: null, text: '–', previous: null, change: null, changePct: null, changeText: null, direction: null, good: null,
    sparkline: null, label: measure?.label ?? '', previousText: null, periodLabel: null, compare: null, changeColor: null,
  };
  if (!measure) return empty;
  const along = input.spec.compare?.along;
  const time = model.dimensions.find((d) => d.id === along) ?? model.dimensions.find((d) => d.type === 'time');

  let value: number | null = null;
  let previous: number | null = null;
  let change: number | null = null;
  let changePct: number | null = null;
  let periodLabel: string | null = null;
  let compare: CompareTo | null = null;
  let sparkline: ChartOption | null = null;
  const sum = (rows: readonly number[], reader = measure.reader): number | null => {
    let total: number | null = null;
    for (const r of rows) {
      const v = valueAt(reader, r);
      if (v === null) continue;
      total = total === null ? v : measure.additive ? total + v : v;
    }
    return total;
  };

  if (!time) {
    value = sum(model.rows);
    if (measure.previous) {
      previous = sum(model.rows, measure.previous);
      compare = input.spec.compare?.to ?? 'previous_period';
    }
  } else {
    const axis = categoryAxis(model, time);
    const buckets = axis.categories.filter((c) => c.position !== undefined);
    const rowsOf = buckets.map(() => [] as number[]);
    const indexOfKey = new Map(buckets.map((b, i) => [b.key, i]));
    for (const r of model.rows) {
      const i = indexOfKey.get(axis.categories[axis.indexOfRow.get(r) ?? -1]?.key ?? '');
      if (i !== undefined) rowsOf[i]!.push(r);
    }
    const series = rowsOf.map((rows) => sum(rows));
    const last = buckets.length - 1;
    if (last >= 0) {
      value = series[last] ?? null;
      periodLabel = buckets[last]!.label;
      if (measure.previous) {
        previous = sum(rowsOf[last]!, measure.previous);
        // One row in the bucket: the engine's own change columns; several (another dimension): recomputed.
        const only = rowsOf[last]!.length === 1 ? rowsOf[last]![0]! : null;
        if (only !== null && measure.change) change = valueAt(measure.change, only);
        if (only !== null && measure.changePct) changePct = valueAt(measure.changePct, only);
        compare = input.spec.compare?.to ?? 'previous_period';
      } else if (last >= 1) {
        previous = series[last - 1] ?? null;
        compare = 'previous_period';
      }
    }
    if (buckets.length >= 2) {
      const color = theme.palette[0]!;
      sparkline = {
        ...baseOption(theme, false),
        grid: { left: 2, right: 2, top: 4, bottom: 2 },
        xAxis: { type: 'category', show: false, boundaryGap: false, data: buckets.map((b) => b.label) },
        yAxis: { type: 'value', show: false, scale: true },
        tooltip: {
          ...tooltipStyle(theme),
          trigger: 'axis',
          axisPointer: { type: 'line', lineStyle: { color: theme.axisLine } },
          formatter: (raw: unknown) => {
            const p = paramsOf(raw)[0];
            if (p?.dataIndex === undefined) return '';
            return [tooltipTitle(buckets[p.dataIndex]?.label ?? ''), tooltipLine(p.marker, measure.label, model.valueText(measure, series[p.dataIndex] ?? null))].join('<br/>');
          },
        },
        series: [
          {
            type: 'line',
            name: measure.label,
            data: series,
            color,
            showSymbol: false,
            connectNulls: true,
            lineStyle: { width: 2 },
            areaStyle: { color: withAlpha(color, 0.14) },
          },
        ],
      };
    }
  }

  if (value !== null && previous !== null) {
    change ??= value - previous;
    changePct ??= previous === 0 ? null : change / Math.abs(previous);
  }
  let direction: KpiTileModel['direction'] = null;
  if (change !== null) {
    const negligible = changePct !== null ? Math.abs(changePct) < FLAT_CHANGE : change === 0;
    direction = negligible ? 'flat' : change > 0 ? 'up' : 'down';
  }
  const higherIsBetter = input.options.higherIsBetter ?? true;
  const good = direction === null || direction === 'flat' ? null : (direction === 'up') === higherIsBetter;
  let changeText: string | null = null;
  if (changePct !== null) changeText = model.formats.changePercent(changePct);
  else if (change !== null) changeText = measure.format === 'money' ? model.formats.signedCurrency(change) : model.formats.signedNumber(change);
  return {
    value,
    text: tileText(model, measure, value),
    previous,
    change,
    changePct,
    changeText,
    direction,
    good,
    sparkline,
    label: measure.label,
    previousText: previous === null ? null : tileText(model, measure, previous),
    periodLabel,
    compare: change === null ? null : compare,
    changeColor: good === null ? (direction === null ? null : theme.neutral) : good ? theme.good : theme.bad,
  };
}

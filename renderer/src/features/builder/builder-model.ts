// The chart builder's state and the rules that keep it valid: which columns each measure accepts,
// which grains a dimension offers, the default chart type. Pure; the spec it produces is what
// crosses the boundary (never SQL).
import type { ColumnInfo, ColumnKind } from '../../../../shared/api';
import type { MessageKey } from '../../../../shared/i18n';
import type { AnalysisSpec, MeasureOp, TimeGrain } from '../../../../shared/spec/types';
import type { ChartKind } from '../../charts/option-types';

// Labels are catalog keys (namespace `builder`): the panel translates them.
export const OPS: readonly { value: MeasureOp; label: MessageKey }[] = [
  { value: 'count', label: 'builder.opCount' },
  { value: 'count_distinct', label: 'builder.opCountDistinct' },
  { value: 'sum', label: 'builder.opSum' },
  { value: 'avg', label: 'builder.opAvg' },
  { value: 'min', label: 'builder.opMin' },
  { value: 'max', label: 'builder.opMax' },
  { value: 'median', label: 'builder.opMedian' },
];

export const GRAINS: readonly { value: TimeGrain; label: MessageKey; noun: MessageKey }[] = [
  { value: 'day', label: 'builder.grainDay', noun: 'builder.grainNounDay' },
  { value: 'week', label: 'builder.grainWeek', noun: 'builder.grainNounWeek' },
  { value: 'month', label: 'builder.grainMonth', noun: 'builder.grainNounMonth' },
  { value: 'quarter', label: 'builder.grainQuarter', noun: 'builder.grainNounQuarter' },
  { value: 'year', label: 'builder.grainYear', noun: 'builder.grainNounYear' },
];

export type SortChoice = 'dimension' | 'value_desc' | 'value_asc';

export const SORTS: readonly { value: SortChoice; label: MessageKey }[] = [
  { value: 'dimension', label: 'builder.sortGroup' },
  { value: 'value_desc', label: 'builder.sortValueDesc' },
  { value: 'value_asc', label: 'builder.sortValueAsc' },
];

export const LIMITS = [null, 5, 10, 20, 50, 100] as const;
export type LimitChoice = (typeof LIMITS)[number];

export interface BuilderState {
  op: MeasureOp;
  /** null: rows (count only). */
  measureColumn: string | null;
  /** null: no grouping, one figure. */
  dimension: string | null;
  grain: TimeGrain;
  chartKind: ChartKind;
  sort: SortChoice;
  limit: LimitChoice;
}

const isTime = (kind: ColumnKind) => kind === 'date' || kind === 'timestamp';

/** Whether an aggregation makes sense on a column of this kind. */
export function opAccepts(op: MeasureOp, kind: ColumnKind): boolean {
  switch (op) {
    case 'sum':
    case 'avg':
    case 'median':
      return kind === 'number';
    case 'min':
    case 'max':
      return kind === 'number' || isTime(kind) || kind === 'text';
    case 'count':
    case 'count_distinct':
      return true;
  }
}

export function opNeedsColumn(op: MeasureOp): boolean {
  return op !== 'count';
}

export function columnsForOp(op: MeasureOp, columns: readonly ColumnInfo[]): ColumnInfo[] {
  return columns.filter((c) => opAccepts(op, c.kind));
}

export function dimensionColumns(columns: readonly ColumnInfo[]): ColumnInfo[] {
  return columns.filter((c) => c.kind !== 'other');
}

function kindOf(columns: readonly ColumnInfo[], name: string | null): ColumnKind | null {
  return columns.find((c) => c.name === name)?.kind ?? null;
}

export function isTimeDimension(state: BuilderState, columns: readonly ColumnInfo[]): boolean {
  const kind = kindOf(columns, state.dimension);
  return kind !== null && isTime(kind);
}

export function defaultChartKind(dimensionKind: ColumnKind | null): ChartKind {
  return dimensionKind !== null && isTime(dimensionKind) ? 'line' : 'bar';
}

/** Count of rows by the most telling date (creation first), else by the first text column. */
export function defaultState(columns: readonly ColumnInfo[]): BuilderState {
  const dates = columns.filter((c) => isTime(c.kind));
  const dimension =
    dates.find((c) => /creat/i.test(c.name)) ?? dates[0] ?? columns.find((c) => c.kind === 'text') ?? null;
  return {
    op: 'count',
    measureColumn: null,
    dimension: dimension?.name ?? null,
    grain: 'month',
    chartKind: defaultChartKind(dimension?.kind ?? null),
    sort: 'dimension',
    limit: null,
  };
}

/** Changes the aggregation, keeping the column when it still makes sense. */
export function withOp(state: BuilderState, op: MeasureOp, columns: readonly ColumnInfo[]): BuilderState {
  const allowed = columnsForOp(op, columns);
  let measureColumn = state.measureColumn;
  if (measureColumn !== null && !allowed.some((c) => c.name === measureColumn)) measureColumn = null;
  if (measureColumn === null && opNeedsColumn(op)) {
    const preferred = allowed.find((c) => c.kind === 'number') ?? allowed[0];
    measureColumn = preferred?.name ?? null;
  }
  return { ...state, op, measureColumn };
}

/** Changes the dimension; the chart type follows it (line over time, bars otherwise). */
export function withDimension(state: BuilderState, dimension: string | null, columns: readonly ColumnInfo[]): BuilderState {
  return { ...state, dimension, chartKind: defaultChartKind(kindOf(columns, dimension)) };
}

/** Whether an op has at least one column it can aggregate (or does not need one). */
export function opAvailable(op: MeasureOp, columns: readonly ColumnInfo[]): boolean {
  return !opNeedsColumn(op) || columnsForOp(op, columns).length > 0;
}

export const MEASURE_ID = 'm0';
export const DIMENSION_ID = 'd0';

export function toSpec(source: string, state: BuilderState, columns: readonly ColumnInfo[]): AnalysisSpec | null {
  if (opNeedsColumn(state.op) && state.measureColumn === null) return null;
  const spec: AnalysisSpec = {
    source,
    measures: [
      { id: MEASURE_ID, op: state.op, ...(state.measureColumn !== null ? { column: state.measureColumn } : {}) },
    ],
  };
  if (state.dimension !== null) {
    spec.dimensions = [
      {
        id: DIMENSION_ID,
        column: state.dimension,
        ...(isTimeDimension(state, columns) ? { grain: state.grain } : {}),
      },
    ];
  }
  if (state.sort !== 'dimension') {
    spec.sort = [{ by: MEASURE_ID, direction: state.sort === 'value_desc' ? 'desc' : 'asc' }];
  }
  if (state.limit !== null) spec.limit = state.limit;
  return spec;
}

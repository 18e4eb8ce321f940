// How a dashboard's filter bar and cross-filters narrow one widget: pure functions from documents to
// the AnalysisSpec the UI sends to runQuery. Nothing here reads data; the source's columns and
// roles (a SourceInfo) say which filters apply.
//
// Rules (see also shared/dashboard/README.md):
// - Every dashboard condition is ANDed to the widget's own filters, as one `filter` tree
//   `{ and: [widget's own tree?, period, value filters..., cross-filters...] }`; the widget's flat
//   `filters` stay as they are.
// - Period: an in_period filter on the widget's `periodField`, else the filter bar's, else the
//   first of DEFAULT_PERIOD_ROLES (closed_at, created_at, activity_at, cost_period, target_period)
//   the source maps to a date or timestamp column of its own, else (an enriched model) of a
//   joined source. So deals are filtered on their close date, a lead list without one on its
//   creation date, activities on the activity's date. A field that was
//   named (on the widget or the bar) is never swapped for another: when the source lacks it, the
//   period is listed in `ignored`. `periodField: null` on a widget opts it out (not "ignored").
// - Value filters and cross-filters: `in` filters by role (any source mapping the role) or by
//   column ({source, column}: that source, or an enriched model based on it or joining it, where
//   the column is "<source>.<column>"). Empty selections restrict nothing. A field the widget's
//   source lacks is listed in `ignored` with the reason. A widget's own cross-filter does not
//   apply to it. A time-bucket cross-filter (grain set) selects [bucket, next bucket) per value.
// - Comparison toggle: sets `compare` (along the widget's own `compare.along` if it has one) when
//   the widget has a dimension with a grain and no totals; otherwise listed in `ignored`.
// - KPI tiles: see kpiTileSpec.

import { columnKind, type ColumnKind } from '../spec/column-kind';
import {
  addMonths,
  bucketStart,
  compareShift,
  formatDay,
  nextBucketStart,
  parseDay,
  resolvePeriod,
  shiftDay,
  toEpochDays,
  type CalendarOptions,
  type Day,
  type DayRange,
} from '../spec/dates';
import type {
  AnalysisSpec,
  CompareTo,
  DimensionInput,
  FilterInput,
  FilterTreeInput,
  TimeGrain,
} from '../spec/types';
import type { CrossFilter, DashboardFilterBar, FieldRef, IgnoredFilter, IgnoredReason, ValueFilter, Widget } from './types';

/** What apply needs to know of a widget's source: a SourceInfo fits. */
export interface SourceLike {
  name: string;
  columns: ReadonlyArray<{ name: string; type?: string; kind?: ColumnKind }>;
  roles: Readonly<Record<string, string>>;
  /** Set on an enriched model: its base source and the sources joined to it. */
  model?: { base: string; joined: readonly string[] };
}

/** The period's field when none is named: the first of these roles mapped to a date column. */
export const DEFAULT_PERIOD_ROLES = ['closed_at', 'created_at', 'activity_at', 'cost_period', 'target_period'] as const;

export interface WidgetQuery {
  spec: AnalysisSpec;
  /** Dashboard filters that do not apply to this widget, with why: "filter not applicable". */
  ignored: IgnoredFilter[];
  /** The column the period restricts (null when no period applies). */
  periodColumn: string | null;
}

/** A field resolved against a source: the spec reference to use, or why it does not apply. */
type Resolved = { ref: { role: string } | { column: string }; column: string } | { reason: IgnoredReason };

export function resolveField(field: FieldRef, source: SourceLike): Resolved {
  const has = (name: string) => source.columns.some((c) => c.name === name);
  if ('role' in field) {
    const column = source.roles[field.role];
    return column !== undefined && has(column) ? { ref: { role: field.role }, column } : { reason: 'role_not_mapped' };
  }
  let column: string | null = null;
  if (field.source === source.name || field.source === source.model?.base) column = field.column;
  else if (source.model?.joined.includes(field.source)) column = `${field.source}.${field.column}`;
  if (column === null) return { reason: 'other_source' };
  return has(column) ? { ref: { column }, column } : { reason: 'no_such_column' };
}

function kindOf(source: SourceLike, column: string): ColumnKind {
  const c = source.columns.find((x) => x.name === column);
  return c?.kind ?? (c?.type !== undefined ? columnKind(c.type) : 'other');
}

const isDateKind = (k: ColumnKind) => k === 'date' || k === 'timestamp';

/**
 * The date field the period restricts for this widget, or why none does. `undefined` when the
 * widget opted out (periodField null).
 */
export function periodFieldOf(
  widget: Pick<Widget, 'periodField'>,
  bar: Pick<DashboardFilterBar, 'periodField'>,
  source: SourceLike,
): { ref: { role: string } | { column: string }; column: string; field: FieldRef } | { reason: IgnoredReason; field: FieldRef | null } | undefined {
  if (widget.periodField === null) return undefined;
  const named = widget.periodField ?? bar.periodField;
  if (named !== undefined) {
    const r = resolveField(named, source);
    if ('reason' in r) return { reason: r.reason, field: named };
    if (!isDateKind(kindOf(source, r.column))) return { reason: 'not_a_date', field: named };
    return { ...r, field: named };
  }
  // The source's own dates first: an enriched model of activities maps closed_at to its deal's
  // "deals.closed_at", but its period is the activity's date.
  const joined = (column: string) => (source.model?.joined ?? []).some((j) => column.startsWith(`${j}.`));
  for (const own of [true, false]) {
    for (const role of DEFAULT_PERIOD_ROLES) {
      const r = resolveField({ role }, source);
      if (!('reason' in r) && joined(r.column) !== own && isDateKind(kindOf(source, r.column))) return { ...r, field: { role } };
    }
  }
  return { reason: 'no_date_field', field: null };
}

function leaf(ref: { role: string } | { column: string }, rest: Omit<FilterInput, 'column' | 'role'>): FilterInput {
  return { ...ref, ...rest };
}

/** The condition of one cross-filter: `in` its values, or each time bucket's range (ORed). */
function crossCondition(ref: { role: string } | { column: string }, cf: CrossFilter): FilterTreeInput | null {
  if (cf.grain === undefined) return leaf(ref, { op: 'in', values: cf.values });
  const grain = cf.grain;
  const parts: FilterTreeInput[] = [];
  for (const v of cf.values) {
    if (v === null) {
      parts.push(leaf(ref, { op: 'is_null' }));
      continue;
    }
    const start = typeof v === 'string' ? parseDay(v.slice(0, 10)) : null;
    if (start === null) continue;
    parts.push(leaf(ref, { op: 'in_period', period: { from: formatDay(start), to: formatDay(nextBucketStart(start, grain)) } }));
  }
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { or: parts };
}

const hasTimeDimension = (spec: AnalysisSpec) => (spec.dimensions ?? []).some((d) => d.grain !== undefined);

/** The dashboard's conditions for one widget (no comparison), and what did not apply. */
function dashboardConditions(
  widget: Widget,
  bar: DashboardFilterBar,
  crossFilters: readonly CrossFilter[],
  source: SourceLike,
  options: { period: boolean },
): { conditions: FilterTreeInput[]; ignored: IgnoredFilter[]; period: ReturnType<typeof periodFieldOf> } {
  const conditions: FilterTreeInput[] = [];
  const ignored: IgnoredFilter[] = [];
  const period = bar.period !== null ? periodFieldOf(widget, bar, source) : undefined;
  if (period !== undefined && 'reason' in period) ignored.push({ kind: 'period', field: period.field, reason: period.reason });
  else if (period !== undefined && bar.period !== null && options.period) conditions.push(leaf(period.ref, { op: 'in_period', period: bar.period }));
  const values = (vf: ValueFilter | CrossFilter, kind: 'value' | 'cross') => {
    if (vf.values.length === 0) return;
    const r = resolveField(vf.field, source);
    const from = kind === 'cross' ? { fromWidget: (vf as CrossFilter).fromWidget } : {};
    if ('reason' in r) {
      ignored.push({ kind, field: vf.field, reason: r.reason, ...from });
      return;
    }
    const condition = kind === 'cross' ? crossCondition(r.ref, vf as CrossFilter) : leaf(r.ref, { op: 'in', values: vf.values });
    if (condition !== null) conditions.push(condition);
  };
  for (const vf of bar.values) values(vf, 'value');
  for (const cf of crossFilters) if (cf.fromWidget !== widget.id) values(cf, 'cross');
  return { conditions, ignored, period };
}

function withConditions(spec: AnalysisSpec, conditions: FilterTreeInput[]): AnalysisSpec {
  if (conditions.length === 0) return spec;
  return { ...spec, filter: { and: [...(spec.filter ? [spec.filter] : []), ...conditions] } };
}

/**
 * The spec a widget runs under the dashboard's filter bar and cross-filters (see the rules at the
 * top of this file). The widget's spec is not changed; KPI tiles use kpiTileSpec instead.
 */
export function widgetQuerySpec(
  widget: Widget,
  filterBar: DashboardFilterBar,
  crossFilters: readonly CrossFilter[],
  source: SourceLike,
): WidgetQuery {
  const { conditions, ignored, period } = dashboardConditions(widget, filterBar, crossFilters, source, { period: true });
  let spec = withConditions(widget.spec, conditions);
  if (filterBar.compare !== null) {
    if (!hasTimeDimension(spec)) ignored.push({ kind: 'compare', field: null, reason: 'no_time_dimension' });
    else if (spec.totals !== undefined && spec.totals !== 'none') ignored.push({ kind: 'compare', field: null, reason: 'totals' });
    else spec = { ...spec, compare: { ...spec.compare, to: filterBar.compare } };
  }
  const periodColumn = filterBar.period !== null && period !== undefined && !('reason' in period) ? period.column : null;
  return { spec, ignored, periodColumn };
}

// ---------------------------------------------------------------------------------------------
// KPI tiles ("flash figures"): the value of the widget's first measure over the dashboard's period,
// its change against the compared period, and a sparkline.

/** Sparkline length per grain in "buckets" mode. */
export const KPI_SPARK_BUCKETS: Readonly<Record<TimeGrain, number>> = { day: 30, week: 13, month: 12, quarter: 8, year: 5 };

const GRAINS: readonly TimeGrain[] = ['day', 'week', 'month', 'quarter', 'year'];

export interface KpiTileQuery {
  /**
   * - buckets: the period is one bucket of `grain` (or its start, for to-date periods): one spec,
   *   time dimension `timeId` at `grain` over the last `sparkline.length` buckets ending with the
   *   period's, compared (`compare`) bucket by bucket. The figure is the row whose `timeId` is
   *   `period.from`: columns `valueId`, `valueId__previous`, `valueId__change`,
   *   `valueId__change_pct`; the sparkline is `valueId` of every row.
   * - range: any other period (last 30 days, a custom range): specs[0] is the figure over the
   *   period (one row, `valueId`), specs[1] the same over the compared range, specs[2] the
   *   sparkline over the period at a grain chosen from its length (rows by `timeId`).
   * - total: no period applies (none chosen, or no date field): specs[0], one row, `valueId`.
   */
  mode: 'buckets' | 'range' | 'total';
  /** Run each with runQuery, in order; hand their rows, in the same order, to readKpiTile. */
  specs: AnalysisSpec[];
  /** The id of the measure the tile shows (the widget's first measure). */
  valueId: string;
  /** The time dimension's id in the sparkline's spec. */
  timeId: string;
  grain: TimeGrain | null;
  /** The period as resolved, and the range it is compared with (null without comparison). */
  period: DayRange | null;
  compared: DayRange | null;
  compareTo: CompareTo | null;
  /** The buckets the sparkline shows, oldest first (YYYY-MM-DD starts). */
  sparkline: string[];
  ignored: IgnoredFilter[];
  periodColumn: string | null;
}

export interface KpiTileOptions {
  /** The day relative periods resolve against (YYYY-MM-DD): the UI's local date. */
  today: string;
  /** Sparkline length in "buckets" mode; default KPI_SPARK_BUCKETS[grain]. */
  buckets?: number;
}

/** The smallest grain whose bucket starting at `from` holds the whole range; null if none does. */
export function alignedGrain(range: DayRange, cal: CalendarOptions): TimeGrain | null {
  const from = parseDay(range.from);
  const to = parseDay(range.to);
  if (!from || !to || toEpochDays(to) <= toEpochDays(from)) return null;
  for (const g of GRAINS) {
    if (formatDay(bucketStart(from, g, cal)) !== range.from) continue;
    if (toEpochDays(to) <= toEpochDays(nextBucketStart(from, g))) return g;
  }
  return null;
}

/** The sparkline's grain for a range of `days` days, in "range" mode. */
export function rangeGrain(days: number): TimeGrain {
  return days <= 31 ? 'day' : days <= 190 ? 'week' : days <= 1_100 ? 'month' : days <= 3_700 ? 'quarter' : 'year';
}

const isMonthStart = (d: Day) => d.d === 1;

/**
 * The range a "range" mode period is compared with. previous_period: the range of the same length
 * just before it — the same number of months when it is whole months, else of days.
 * same_period_last_year: both ends 12 months earlier (a month's end clamped).
 */
export function comparedRange(range: DayRange, to: CompareTo): DayRange {
  const from = parseDay(range.from)!;
  const end = parseDay(range.to)!;
  if (to === 'same_period_last_year') {
    return { from: formatDay(shiftDay(from, { unit: 'month', n: -12 })), to: formatDay(shiftDay(end, { unit: 'month', n: -12 })) };
  }
  if (isMonthStart(from) && isMonthStart(end)) {
    const months = end.y * 12 + end.m - (from.y * 12 + from.m);
    return { from: formatDay(addMonths(from, -months)), to: range.from };
  }
  const days = toEpochDays(end) - toEpochDays(from);
  return { from: formatDay(shiftDay(from, { unit: 'day', n: -days })), to: range.from };
}

function freeId(wanted: string, taken: Set<string>): string {
  let id = wanted;
  for (let i = 1; taken.has(id); i++) id = `${wanted}_${i}`;
  return id;
}

/** The bucket starts from `first` while before `end`, at most `max`. */
function bucketsBetween(first: Day, end: Day, grain: TimeGrain, max = 1_000): string[] {
  const out: string[] = [];
  for (let b = first; toEpochDays(b) < toEpochDays(end) && out.length < max; b = nextBucketStart(b, grain)) out.push(formatDay(b));
  return out;
}

/**
 * How a KPI tile is queried under the dashboard's filters. The value is the widget's first
 * measure (its other measures are kept: a formula may refer to them); its dimensions, sort,
 * totals and limit are dropped. The comparison is the filter bar's toggle, else previous_period
 * (a tile always shows its change). See KpiTileQuery for what each mode runs and reads.
 */
export function kpiTileSpec(
  widget: Widget,
  filterBar: DashboardFilterBar,
  crossFilters: readonly CrossFilter[],
  source: SourceLike,
  options: KpiTileOptions,
): KpiTileQuery {
  const { conditions, ignored, period } = dashboardConditions(widget, filterBar, crossFilters, source, { period: false });
  const { dimensions: _d, sort: _s, totals: _t, limit: _l, columns: _c, compare: _p, ...rest } = widget.spec;
  const base = withConditions(rest, conditions);
  const narrowed = (extra: FilterTreeInput) => withConditions(rest, [...conditions, extra]);
  const first = widget.spec.measures[0]!;
  const valueId = first.id ?? ('kpi' in first ? first.kpi : 'm0');
  const taken = new Set(widget.spec.measures.map((m, i) => m.id ?? ('kpi' in m ? m.kpi : `m${i}`)));
  const timeId = freeId('bucket', taken);
  const compareTo: CompareTo = filterBar.compare ?? 'previous_period';
  const common = { valueId, timeId, ignored };
  const today = parseDay(options.today);
  if (filterBar.period === null || period === undefined || 'reason' in period || today === null) {
    return { ...common, mode: 'total', specs: [base], grain: null, period: null, compared: null, compareTo: null, sparkline: [], periodColumn: null };
  }
  const cal: CalendarOptions = { weekStart: widget.spec.weekStart ?? 'monday', fiscalYearStartMonth: widget.spec.fiscalYearStartMonth ?? 1 };
  const range = resolvePeriod(filterBar.period, today, cal);
  const inPeriod = (r: DayRange) => leaf(period.ref, { op: 'in_period', period: { from: r.from, to: r.to } });
  const timeDimension = (grain: TimeGrain): DimensionInput => ({ id: timeId, ...period.ref, grain });
  const grain = alignedGrain(range, cal);
  if (grain !== null) {
    const n = Math.max(1, Math.min(options.buckets ?? KPI_SPARK_BUCKETS[grain], 400));
    const step = compareShift('previous_period', grain);
    let start = parseDay(range.from)!;
    for (let i = 1; i < n; i++) start = shiftDay(start, { unit: step.unit, n: -step.n });
    const spec: AnalysisSpec = {
      ...narrowed(inPeriod({ from: formatDay(start), to: range.to })),
      dimensions: [timeDimension(grain)],
      compare: { to: compareTo, along: timeId },
      sort: [{ by: timeId, direction: 'asc' }],
      limit: n,
    };
    // The compiler's offsets (shared/spec/dates.ts compareShift), backwards.
    const offset = compareShift(compareTo, grain);
    const shift = { unit: offset.unit, n: -offset.n };
    const compared = {
      from: formatDay(shiftDay(parseDay(range.from)!, shift)),
      to: formatDay(shiftDay(parseDay(range.to)!, shift)),
    };
    return {
      ...common,
      mode: 'buckets',
      specs: [spec],
      grain,
      period: range,
      compared,
      compareTo,
      sparkline: bucketsBetween(start, nextDay(parseDay(range.from)!), grain),
      periodColumn: period.column,
    };
  }
  const days = Math.max(0, toEpochDays(parseDay(range.to)!) - toEpochDays(parseDay(range.from)!));
  const trendGrain = rangeGrain(days);
  const compared = days > 0 ? comparedRange(range, compareTo) : null;
  const figure = narrowed(inPeriod(range));
  const specs: AnalysisSpec[] = [figure];
  if (compared) specs.push(narrowed(inPeriod(compared)));
  const firstBucket = bucketStart(parseDay(range.from)!, trendGrain, cal);
  const sparkline = days > 0 ? bucketsBetween(firstBucket, parseDay(range.to)!, trendGrain) : [];
  specs.push({
    ...figure,
    dimensions: [timeDimension(trendGrain)],
    sort: [{ by: timeId, direction: 'asc' }],
    limit: Math.max(1, sparkline.length),
  });
  return { ...common, mode: 'range', specs, grain: trendGrain, period: range, compared, compareTo: compared ? compareTo : null, sparkline, periodColumn: period.column };
}

const nextDay = (d: Day): Day => shiftDay(d, { unit: 'day', n: 1 });

export interface KpiTileFigures {
  value: number | null;
  previous: number | null;
  /** value − previous. */
  change: number | null;
  /** (value − previous) / |previous|; null when previous is 0 or empty. */
  changePct: number | null;
  /** One point per bucket of KpiTileQuery.sparkline; null where the bucket has no rows. */
  sparkline: { bucket: string; value: number | null }[];
}

type Row = Readonly<Record<string, unknown>>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const dayKey = (v: unknown): string | null =>
  typeof v === 'string' ? v.slice(0, 10) : typeof v === 'number' && Number.isFinite(v) ? formatDay(dayOfMs(v)) : null;

function dayOfMs(ms: number): Day {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/**
 * The tile's figures from the rows of `query.specs`, in the same order (rows as readArrow(...).rows()
 * gives them: dates as 'YYYY-MM-DD', timestamps as 'YYYY-MM-DD HH:MM:SS').
 */
export function readKpiTile(query: KpiTileQuery, results: ReadonlyArray<ReadonlyArray<Row>>): KpiTileFigures {
  const v = query.valueId;
  const series = (rows: ReadonlyArray<Row>) => {
    const byBucket = new Map(rows.map((r) => [dayKey(r[query.timeId]), num(r[v])]));
    return query.sparkline.map((bucket) => ({ bucket, value: byBucket.get(bucket) ?? null }));
  };
  if (query.mode === 'total') {
    return { value: num(results[0]?.[0]?.[v]), previous: null, change: null, changePct: null, sparkline: [] };
  }
  if (query.mode === 'buckets') {
    const rows = results[0] ?? [];
    const row = rows.find((r) => dayKey(r[query.timeId]) === query.period!.from);
    return {
      value: num(row?.[v]),
      previous: num(row?.[`${v}__previous`]),
      change: num(row?.[`${v}__change`]),
      changePct: num(row?.[`${v}__change_pct`]),
      sparkline: series(rows),
    };
  }
  const value = num(results[0]?.[0]?.[v]);
  const hasPrevious = query.compared !== null;
  const previous = hasPrevious ? num(results[1]?.[0]?.[v]) : null;
  const trend = results[hasPrevious ? 2 : 1] ?? [];
  const change = value !== null && previous !== null ? value - previous : null;
  return {
    value,
    previous,
    change,
    changePct: change !== null && previous !== null && previous !== 0 ? change / Math.abs(previous) : null,
    sparkline: series(trend),
  };
}

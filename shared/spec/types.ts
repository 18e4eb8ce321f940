// AnalysisSpec: what the UI asks for, as plain serializable data. The input type (optional fields,
// user-chosen ids) is kept apart from the normalized type (every default filled in), so that the
// compiler never guesses.

export const MEASURE_OPS = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'median'] as const;
export type MeasureOp = (typeof MEASURE_OPS)[number];

export const TIME_GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type TimeGrain = (typeof TIME_GRAINS)[number];

export const FILTER_OPS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'contains',
  'is_null',
  'not_null',
  // Dates only. before D: strictly before the day D; after D: strictly after the day D (so that
  // before D, in_period {D, D+1} and after D split the timeline without overlap).
  'before',
  'after',
  // Dates only: a relative period (resolved against `today`) or an explicit half-open range.
  'in_period',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export const RELATIVE_PERIODS = [
  'last_complete_month',
  'last_complete_quarter',
  'this_month',
  'month_to_date',
  'quarter_to_date',
  'year_to_date',
  'last_7_days',
  'last_30_days',
  'last_12_months',
  'previous_year',
] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

/** A period: a named relative period, or the half-open range [from, to) of YYYY-MM-DD dates. */
export type PeriodInput = RelativePeriod | { from: string; to: string };

export type FilterValue = string | number | boolean | null;

/**
 * How a measure's value is shown (pivot "show values as"), for additive measures (count, sum,
 * count_if, sum_if): its share of the grand total, of its row's or column's total (the pivot's
 * `columns` axis), or its running total along the first time dimension (else the last dimension).
 */
export const MEASURE_SHOWS = ['percent_of_total', 'percent_of_row', 'percent_of_column', 'running_total'] as const;
export type MeasureShow = (typeof MEASURE_SHOWS)[number];

/** Totals: none, a grand total (and row/column totals when the pivot has columns), or subtotals at every level. */
export const TOTALS = ['none', 'grand', 'subtotals'] as const;
export type Totals = (typeof TOTALS)[number];

export type WeekStart = 'monday' | 'sunday';

/**
 * Comparisons along a time dimension: the previous bucket (one grain earlier), or the same period
 * last year (12 months earlier for month, quarter and year grains; 52 weeks = 364 days earlier for
 * week and day grains, so that a week stays a week and a day keeps its weekday).
 */
export const COMPARE_TO = ['previous_period', 'same_period_last_year'] as const;
export type CompareTo = (typeof COMPARE_TO)[number];

export interface CompareInput {
  to: CompareTo;
  /** The time dimension (an id with a grain) to compare along; default the first one. */
  along?: string;
}

/** The columns a comparison adds after each measure m: m__previous, m__change, m__change_pct. */
export const COMPARE_SUFFIXES = ['previous', 'change', 'change_pct'] as const;
export type CompareColumnKind = (typeof COMPARE_SUFFIXES)[number];

/** Aggregation of a column, or of the rows (count without column). */
export interface AggregateMeasureInput {
  id?: string;
  op: MeasureOp;
  /** Column aggregated; absent only for count (rows). Give `column` or `role`, not both. */
  column?: string;
  /** A canonical role (DOMAIN.md) resolved through the source's role map. */
  role?: string;
  label?: string;
  show?: MeasureShow;
}

/** A calculated measure: a formula in the expression language of shared/spec/expr (see README). */
export interface FormulaMeasureInput {
  id?: string;
  formula: string;
  label?: string;
  show?: MeasureShow;
}

/**
 * A catalog KPI by name (shared/model/kpis.ts): the host expands it, before compiling, into the
 * KPI's formula measures (its outcome values and probability scale read from the source's data).
 * The main measure's id is `id` (default the KPI's id), the others `<id>_<what>`. The KPI's date
 * role is not forced: the spec's own dimensions and filters apply. Single-source deal KPIs only.
 */
export interface KpiMeasureInput {
  id?: string;
  kpi: string;
  label?: string;
}

export type MeasureInput = AggregateMeasureInput | FormulaMeasureInput | KpiMeasureInput;

/** Histogram bins of a numeric column: a fixed width, or about `count` bins between min and max. */
export type BinInput = { width: number } | { count: number };

export interface DimensionInput {
  id?: string;
  /** Give `column` or `role`, not both. */
  column?: string;
  role?: string;
  /** Only for date and timestamp columns. */
  grain?: TimeGrain;
  /** Only for numeric columns; the group's value is the bin's lower bound. */
  bin?: BinInput;
  /** Keep the n values with the largest `by` measure; the others are merged into one "Others" group. */
  top?: TopInput;
  label?: string;
}

export interface TopInput {
  n: number;
  /** A measure id of the spec. */
  by: string;
  /** Default "Others". */
  othersLabel?: string;
}

export interface FilterInput {
  /** Give `column` or `role`, not both. */
  column?: string;
  role?: string;
  op: FilterOp;
  values?: FilterValue[];
  /** For in_period. */
  period?: PeriodInput;
}

/** An and/or/not tree of filters; a leaf is a FilterInput. */
export type FilterTreeInput =
  | { and: FilterTreeInput[] }
  | { or: FilterTreeInput[] }
  | { not: FilterTreeInput }
  | FilterInput;

export interface SortInput {
  /** A measure or dimension id. */
  by: string;
  direction?: 'asc' | 'desc';
}

export interface AnalysisSpec {
  source: string;
  /**
   * Which export of the source to read: the latest (default), the one of a given date
   * (YYYY-MM-DD), or every snapshot stacked, with a snapshot_date column to group or filter on.
   */
  snapshot?: string;
  measures: MeasureInput[];
  dimensions?: DimensionInput[];
  /** Flat filters, all required (AND). Kept beside `filter`; both apply. */
  filters?: FilterInput[];
  /** A filter tree. */
  filter?: FilterTreeInput;
  sort?: SortInput[];
  limit?: number;
  /** Week start for the week grain and week-based periods; ISO weeks start on Monday. */
  weekStart?: WeekStart;
  /** First month (1..12) of the fiscal year, for quarter and year grains and periods. Default 1. */
  fiscalYearStartMonth?: number;
  /** The day relative periods are resolved against (YYYY-MM-DD). Overrides the schema's. */
  today?: string;
  /** Dimension ids laid out on the pivot's column axis; the other dimensions are rows. */
  columns?: string[];
  /** Totals and subtotals, computed by DuckDB with each measure's own aggregate (GROUPING SETS). */
  totals?: Totals;
  /** Adds, for each measure m, m__previous, m__change and m__change_pct (see CompareInput). */
  compare?: CompareInput;
  /**
   * Named segments (saved filters) of the workspace, ANDed with the spec's filters. The host
   * expands them into `filter` before compiling (the compiler refuses a spec still naming one).
   */
  segments?: string[];
  /**
   * IANA time zone (e.g. "Europe/Paris") in which grains and date filters (relative periods,
   * before/after, drill-through buckets) on TIMESTAMP columns are computed. Timestamps are stored
   * as UTC wall time. DATE columns are unaffected. Default "UTC".
   */
  timeZone?: string;
}

export interface NormalizedAggregateMeasure {
  kind: 'aggregate';
  id: string;
  op: MeasureOp;
  column: string | null;
  role: string | null;
  label: string;
  show: MeasureShow | null;
}

export interface NormalizedFormulaMeasure {
  kind: 'formula';
  id: string;
  formula: string;
  label: string;
  show: MeasureShow | null;
}

export type NormalizedMeasure = NormalizedAggregateMeasure | NormalizedFormulaMeasure;

export interface NormalizedDimension {
  id: string;
  /** Exactly one of column and role is set. */
  column: string | null;
  role: string | null;
  grain: TimeGrain | null;
  bin: BinInput | null;
  top: Required<TopInput> | null;
  label: string;
}

export interface NormalizedFilter {
  /** Exactly one of column and role is set. */
  column: string | null;
  role: string | null;
  op: FilterOp;
  values: FilterValue[];
  period: PeriodInput | null;
}

export type NormalizedFilterTree =
  | { and: NormalizedFilterTree[] }
  | { or: NormalizedFilterTree[] }
  | { not: NormalizedFilterTree }
  | NormalizedFilter;

export interface NormalizedSort {
  by: string;
  direction: 'asc' | 'desc';
}

export interface NormalizedSpec {
  source: string;
  /** 'latest', 'all' or a YYYY-MM-DD date. */
  snapshot: string;
  measures: NormalizedMeasure[];
  dimensions: NormalizedDimension[];
  filters: NormalizedFilter[];
  filter: NormalizedFilterTree | null;
  sort: NormalizedSort[];
  limit: number;
  weekStart: WeekStart;
  fiscalYearStartMonth: number;
  /** null: take the schema's `today`; relative periods fail without one. */
  today: string | null;
  columns: string[];
  totals: Totals;
  /** along: null = the first dimension with a grain. */
  compare: { to: CompareTo; along: string | null } | null;
  /** Segments not yet expanded by the host: present (and non-empty) only then; compileSpec refuses them. */
  segments?: string[];
  /** IANA zone of grains and date filters on timestamps; 'UTC' by default. */
  timeZone: string;
}

/** What the compiler needs to know of a source: its table and its columns' types. */
export interface SourceSchema {
  table: string;
  columns: ReadonlyArray<{ name: string; type: string }>;
  /** Canonical role -> column of this source (the workspace's confirmed mapping). */
  roles?: Readonly<Record<string, string>>;
  /** The day relative periods are resolved against (YYYY-MM-DD), chosen by the host. */
  today?: string;
  /**
   * Natural orders of some columns (column -> its values in order, e.g. the stage column's
   * pipeline order), computed by the host from the data. A sort on a plain dimension of such a
   * column follows this order; values not listed come after, alphabetically.
   */
  orders?: Readonly<Record<string, readonly string[]>>;
}

export interface CompiledColumn {
  id: string;
  label: string;
  role: 'dimension' | 'measure';
  /** For the columns a comparison adds: the measure compared and what the column holds. */
  compare?: { measure: string; kind: CompareColumnKind };
}

export interface CompiledQuery {
  sql: string;
  params: FilterValue[];
  columns: CompiledColumn[];
  /**
   * With totals: the id of the extra integer column (listed in `columns` as a dimension) telling
   * which dimensions a row is totalled over — bit i (from the most significant) set when
   * `dimensions[i]` is rolled up, so 0 is a detail row and 2^n - 1 the grand total.
   */
  grouping: { column: string; dimensions: string[] } | null;
}

/** Ids starting with this are the compiler's own (the grouping column). */
export const RESERVED_ID_PREFIX = '__';

export const DEFAULT_LIMIT = 10_000;
export const DEFAULT_TIME_ZONE = 'UTC';
/** The shape of an IANA zone name ("UTC", "Europe/Paris", "America/Argentina/Buenos_Aires", "Etc/GMT+5"). */
export const TIME_ZONE_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]{0,40}(?:\/[A-Za-z0-9_+-]{1,40}){0,2}$/;
export const MAX_LIMIT = 1_000_000;

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
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export type FilterValue = string | number | boolean | null;

export interface MeasureInput {
  id?: string;
  op: MeasureOp;
  /** Column aggregated; absent only for count (rows). */
  column?: string;
  label?: string;
}

export interface DimensionInput {
  id?: string;
  column: string;
  /** Only for date and timestamp columns. */
  grain?: TimeGrain;
  label?: string;
}

export interface FilterInput {
  column: string;
  op: FilterOp;
  values?: FilterValue[];
}

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
  filters?: FilterInput[];
  sort?: SortInput[];
  limit?: number;
  /** Week start for the week grain; ISO weeks start on Monday. */
  weekStart?: 'monday' | 'sunday';
}

export interface NormalizedMeasure {
  id: string;
  op: MeasureOp;
  column: string | null;
  label: string;
}

export interface NormalizedDimension {
  id: string;
  column: string;
  grain: TimeGrain | null;
  label: string;
}

export interface NormalizedFilter {
  column: string;
  op: FilterOp;
  values: FilterValue[];
}

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
  sort: NormalizedSort[];
  limit: number;
  weekStart: 'monday' | 'sunday';
}

/** What the compiler needs to know of a source: its table and its columns' types. */
export interface SourceSchema {
  table: string;
  columns: ReadonlyArray<{ name: string; type: string }>;
}

export interface CompiledColumn {
  id: string;
  label: string;
  role: 'dimension' | 'measure';
}

export interface CompiledQuery {
  sql: string;
  params: FilterValue[];
  columns: CompiledColumn[];
}

export const DEFAULT_LIMIT = 10_000;
export const MAX_LIMIT = 1_000_000;

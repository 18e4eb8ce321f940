// Dashboards as plain serializable documents: what the workspace persists, what undo/redo snapshots,
// what a template carries. A widget is an AnalysisSpec plus how it is drawn; the dashboard adds a
// layout, a global filter bar and the workspace's display settings apply on top.

import type { AnalysisSpec, CompareTo, FilterValue, PeriodInput, TimeGrain } from '../spec/types';

export const CHART_KINDS = [
  'kpi',
  'pie',
  'donut',
  'line',
  'bar',
  'column',
  'histogram',
  'funnel',
  'heatmap',
  'scatter',
  'waterfall',
  'pivot',
  'table',
] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** How the series of a bar/column (or area under a line) are laid out. */
export const STACKINGS = ['grouped', 'stacked', 'percent'] as const;
export type Stacking = (typeof STACKINGS)[number];

/** Drawing options; each chart kind reads the ones that concern it and ignores the rest. */
export interface ChartOptions {
  stacking?: Stacking;
  /** Line: draw the comparison period (spec.compare) as a dashed series. */
  showComparison?: boolean;
  /** KPI tile: whether a rise is good news (revenue) or bad news (cycle length, cost). Default true. */
  higherIsBetter?: boolean;
  /** Pivot: colour scale on the measure cells. */
  colorScale?: boolean;
  /** Legend shown (default true where there are several series or slices). */
  legend?: boolean;
  /** Data labels on bars, slices and funnel steps. */
  labels?: boolean;
}

/** A grid position, in grid units (12 columns; a row is about 40 px). */
export interface WidgetLayout {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Widget {
  /** Stable within its dashboard. */
  id: string;
  title: string;
  chart: ChartKind;
  spec: AnalysisSpec;
  options?: ChartOptions;
  layout: WidgetLayout;
  /**
   * The date the dashboard's period restricts for this widget (e.g. created_at for "opportunities
   * created"). Absent: the filter bar's `periodField`, else the default chain (see apply.ts);
   * null: the dashboard period does not apply to this widget (an open-pipeline tile).
   */
  periodField?: FieldRef | null;
}

/**
 * A field of the filter bar or of a cross-filter: a canonical role (applies to every widget whose
 * source maps it) or a column of one source.
 */
export type FieldRef = { role: string } | { source: string; column: string };

/** One multi-select of the filter bar (segment, rep, team, pipeline, lead source, tags ...). */
export interface ValueFilter {
  field: FieldRef;
  /** Selected values; empty = no restriction. */
  values: FilterValue[];
}

export interface DashboardFilterBar {
  /** The period every widget is restricted to, on `periodField` (default the role closed_at). */
  period: PeriodInput | null;
  periodField?: FieldRef;
  values: ValueFilter[];
  /** Comparison toggle: adds the previous period or the same period last year to time widgets and KPI tiles. */
  compare: CompareTo | null;
}

/** A click on a slice, bar or cell: narrows the other widgets of the dashboard until removed. */
export interface CrossFilter {
  /** The widget clicked; it is not filtered by its own selection. */
  fromWidget: string;
  field: FieldRef;
  values: FilterValue[];
  /** What the chip shows, e.g. "Segment: Enterprise". */
  label: string;
  /**
   * Set when the clicked dimension was a time bucket: `values` are bucket starts (YYYY-MM-DD) and
   * each selects [start, next bucket start) of that grain.
   */
  grain?: TimeGrain;
}

export interface Dashboard {
  id: string;
  name: string;
  widgets: Widget[];
  filters: DashboardFilterBar;
  /** ISO timestamp of the last save (set by the engine when it saves). */
  updatedAt: string;
}

/** Size limits of a dashboard document, checked by shared/dashboard/schema.ts. */
export const DASHBOARD_LIMITS = {
  dashboards: 100,
  widgets: 100,
  valueFilters: 30,
  values: 1_000,
  crossFilters: 50,
  name: 200,
  title: 200,
  label: 300,
} as const;

/** The values of one field for the filter bar's searchable multi-selects. */
export interface FieldValuesRequest {
  source: string;
  /** A canonical role mapped by the source, or one of its columns. */
  field: { role: string } | { column: string };
  /** Keeps values containing this text, ignoring case and accents ("societe" finds "Société"). */
  search?: string;
  /** Default 100, at most 1,000. */
  limit?: number;
}

export interface FieldValueCount {
  /** Text, number, boolean or a date as YYYY-MM-DD (timestamps as 'YYYY-MM-DD HH:MM:SS'); null: empty cells. */
  value: FilterValue;
  /** Rows of the latest snapshot holding it. */
  count: number;
}

export interface FieldValues {
  /** Most frequent first, then by value. */
  values: FieldValueCount[];
  /** True when more values matched than `limit`. */
  truncated: boolean;
}

/** Why a dashboard filter does not apply to a widget: what the UI shows as "filter not applicable". */
export const IGNORED_REASONS = [
  /** The widget's source does not map that role. */
  'role_not_mapped',
  /** The column belongs to another source (and is not carried by this enriched model). */
  'other_source',
  /** The widget's source has no such column (any more). */
  'no_such_column',
  /** The period's field is not a date or timestamp column in this source. */
  'not_a_date',
  /** No date to restrict: no periodField given and none of the default date roles is mapped. */
  'no_date_field',
  /** The comparison needs a time dimension, and the widget has none. */
  'no_time_dimension',
  /** The widget shows totals, which a comparison cannot have. */
  'totals',
] as const;
export type IgnoredReason = (typeof IGNORED_REASONS)[number];

export interface IgnoredFilter {
  /** Which part of the dashboard's filtering did not apply. */
  kind: 'period' | 'value' | 'cross' | 'compare';
  /** The field concerned (null for the comparison). */
  field: FieldRef | null;
  reason: IgnoredReason;
  /** For a cross-filter: the widget it comes from. */
  fromWidget?: string;
}

export const NUMBER_LOCALES = ['en-US', 'en-GB', 'fr-FR', 'nl-NL', 'de-DE'] as const;
export type NumberLocale = (typeof NUMBER_LOCALES)[number];

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Chosen once per workspace; independent of the UI language. */
export interface WorkspaceSettings {
  locale: NumberLocale;
  currency: Currency;
  theme: Theme;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = { locale: 'en-US', currency: 'EUR', theme: 'light' };

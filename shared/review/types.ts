// Reviews: a template (or a dashboard) run for one period, every figure frozen with the spec, the
// filters and the snapshots it came from, plus the manager's notes and corrective actions per
// widget. Next month's review of the same template shows each figure beside this one's frozen value
// and carries over the actions still open. A review is exported as one self-contained HTML file or
// a PDF (shared/review/html.ts).
import type { QdError, ResultColumn } from '../api';
import type { KpiTileFigures, KpiTileQuery } from '../dashboard/apply';
import type { ChartKind, ChartOptions, DashboardFilterBar, IgnoredFilter, WidgetLayout } from '../dashboard/types';
import type { DayRange } from '../spec/dates';
import type { AnalysisSpec, CompareTo } from '../spec/types';
import type { PeriodChoice } from '../template/period';

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Statuses an action is carried over to the next review in. */
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ['open', 'in_progress'];

export interface ReviewAction {
  id: string;
  /** The widget the action is about; null: the review as a whole. */
  widgetId: string | null;
  text: string;
  /** Who does it (free text: a rep, a manager, marketing). */
  owner: string;
  /** YYYY-MM-DD, or null. */
  due: string | null;
  status: ActionStatus;
  createdAt: string;
  /** Set on an action carried over from an earlier review: where it was decided. */
  carriedFrom?: { reviewId: string; actionId: string; period: DayRange };
}

/** One query result as frozen: the spec run, its columns and rows (Arrow IPC bytes). */
export interface FrozenResult {
  spec: AnalysisSpec;
  columns: ResultColumn[];
  /** Apache Arrow IPC stream bytes, read with shared/arrow/cells.ts. */
  ipc: Uint8Array;
  rowCount: number;
  truncated: boolean;
}

/** A snapshot a figure was read from. */
export interface FrozenSnapshot {
  source: string;
  /** Snapshot dates read (several for a widget reading the history). */
  dates: string[];
  /** The file(s) of those snapshots. */
  files: string[];
}

export interface FrozenWidget {
  widgetId: string;
  title: string;
  chart: ChartKind;
  options?: ChartOptions;
  layout: WidgetLayout;
  /** KPI tiles: one result per spec of the tile's query; other widgets: one. Empty when it failed. */
  results: FrozenResult[];
  /** KPI tiles: how the tile was queried and its figures. */
  kpi?: { query: Pick<KpiTileQuery, 'mode' | 'valueId' | 'timeId' | 'grain' | 'period' | 'compared' | 'compareTo' | 'sparkline'>; figures: KpiTileFigures };
  /** Dashboard filters that did not apply to the widget. */
  ignored: IgnoredFilter[];
  snapshots: FrozenSnapshot[];
  /** Result dimension id -> the role it shows (owner, account, deal_name ...): what anonymisation replaces. */
  dimensionRoles: Record<string, string>;
  /** The widget could not run: why (the other widgets are frozen all the same). */
  error?: QdError;
}

export interface Review {
  id: string;
  /** What the review is named after: the template's (or dashboard's) name. */
  name: string;
  templateId: string | null;
  dashboardId: string | null;
  /** The period chosen (last complete month, a custom range ...) and what it resolved to. */
  periodChoice: PeriodChoice;
  period: DayRange;
  /** The latest snapshot date of the sources read: what the period was resolved against. */
  referenceDay: string;
  /** The day the widgets' own relative filters were resolved against. */
  today: string;
  compare: CompareTo | null;
  /** The filter bar as run (period, selections). */
  filters: DashboardFilterBar;
  /** Slot (templates) -> source read, with its latest snapshot. */
  sources: { slot: string | null; source: string; snapshot: string; file: string }[];
  createdAt: string;
  status: 'draft' | 'frozen';
  frozenAt: string | null;
  widgets: FrozenWidget[];
  /** widget id -> the manager's note. */
  notes: Record<string, string>;
  /** The note on the review as a whole. */
  summary: string;
  actions: ReviewAction[];
  /** The review of the same template for the period before (comparison, carried-over actions). */
  previousId: string | null;
}

export interface ReviewSummary {
  id: string;
  name: string;
  templateId: string | null;
  dashboardId: string | null;
  period: DayRange;
  referenceDay: string;
  status: Review['status'];
  createdAt: string;
  frozenAt: string | null;
  actionCount: number;
  openActions: number;
  previousId: string | null;
}

/** A review with the one it is compared with. */
export interface ReviewWithPrevious {
  review: Review;
  previous: Review | null;
}

export interface CreateReviewRequest {
  /** Exactly one of templateId and dashboardId. */
  templateId?: string;
  dashboardId?: string;
  /** Template reviews: slot -> source and stage mappings (checkTemplate's binding). */
  binding?: { sources?: Record<string, string>; stageMap?: Record<string, Record<string, string | string[]>>; skipWidgets?: string[] };
  /** Default: the template's period (last complete month for a dashboard). */
  period?: PeriodChoice;
  /** UI language for the titles of a built-in template's widgets. */
  language?: string;
}

export interface UpdateReviewRequest {
  id: string;
  notes?: Record<string, string>;
  summary?: string;
  actions?: ReviewAction[];
  /** Freezes the review: notes and actions are final from then on. */
  freeze?: boolean;
}

export interface ExportReviewRequest {
  id: string;
  format: 'html' | 'pdf';
  /** UI language of the pack (default English). */
  language?: string;
  /** Replace reps, accounts and deal names by stable aliases (workshops). */
  anonymise?: boolean;
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export const REVIEW_LIMITS = {
  note: 10_000,
  summary: 20_000,
  actions: 200,
  actionText: 2_000,
  owner: 200,
} as const;

// The one contract between the UI and the engine. The Electron preload, the HTTP client of the
// browser host and the CLI all speak it; electron/core implements it once (see ARCHITECTURE.md).
//
// Every operation resolves to a Result: errors are values with a code, a human message and,
// where there is one, the place that caused them. Nothing is thrown across the boundary.

import type { Dashboard, FieldValues, FieldValuesRequest, WorkspaceSettings } from './dashboard/types';
import type {
  CalibrationRequest,
  CalibrationResult,
  ForecastAccuracyRequest,
  ForecastAccuracyResult,
  ForecastDealWindow,
  MovementDealsRequest,
  MovementRequest,
  MovementResult,
  SlippageDealsRequest,
  SlippageRequest,
  SlippageResult,
  StageSanityRequest,
  StageSanityResult,
} from './forecast/types';
import type { ImportInspection, ImportReport, ImportSettings } from './import/types';
import type { CreateReviewRequest, ExportedFile, ExportReviewRequest, Review, ReviewSummary, ReviewWithPrevious, UpdateReviewRequest } from './review/types';
import type {
  ApplyTemplateRequest,
  CheckTemplateRequest,
  ExportedTemplate,
  SaveAsTemplateRequest,
  Template,
  TemplateCheckReport,
} from './template/types';
import type { AnalysisSpec, CompareColumnKind, FilterTreeInput, FilterValue } from './spec/types';

import type { Result } from './result';
export type { ErrorCode, ErrorLocation, MessageRef, QdError, Result } from './result';
export { ok, fail } from './result';
import type { ColumnKind } from './spec/column-kind';
export type { ColumnKind };

export interface ColumnInfo {
  name: string;
  /** DuckDB's type name, e.g. DOUBLE, DATE, VARCHAR, DECIMAL(18,2). */
  type: string;
  kind: ColumnKind;
}

/** One dated export of a source: each monthly export is kept beside the earlier ones. */
export interface SnapshotInfo {
  /** YYYY-MM-DD */
  date: string;
  file: string;
  rowCount: number;
  importedAt: string;
}

export interface SourceInfo {
  /** User-facing name, unique in the workspace ("deals", "accounts"). */
  name: string;
  /** The file its latest snapshot was imported from (base name only). */
  file: string;
  /** Rows of the latest snapshot. */
  rowCount: number;
  /** Columns of the latest snapshot. */
  columns: ColumnInfo[];
  importedAt: string;
  /** Every snapshot, oldest first; the last one is what analyses read by default. */
  snapshots: SnapshotInfo[];
  /** Canonical role -> column of this source (see shared/model/roles.ts). */
  roles: Record<string, string>;
  /**
   * Set on the analysable model of a source enriched through confirmed relationships
   * ("deals + accounts"): its name is "<base> (enriched)", its columns those of the base then
   * "<source>.<column>" of each source joined.
   */
  model?: { base: string; joined: string[] };
}

/** A confirmed link: each row of `from` refers to the row of `to` whose column holds its value. */
export interface Relationship {
  from: { source: string; column: string };
  to: { source: string; column: string };
}

/** A link found in the data, with how well it joins. */
export interface RelationshipProposal extends Relationship {
  matchedRows: number;
  unmatchedRows: number;
  emptyRows: number;
  unmatchedValues: { value: string; rows: number; similar?: string }[];
  /** Share of non-empty references that resolve, 0..1. */
  coverage: number;
  /** "1,425 deals have no account; 1,480 deals reference product `GTXPro`, not found in products" */
  message: string;
  confirmed: boolean;
}

export interface WorkspaceInfo {
  /** Display name of the workspace file (":memory:" in tests). */
  name: string;
  sources: SourceInfo[];
}

/**
 * A file to import. In Electron it is a path chosen in the native dialog; in the browser host the
 * client first uploads the bytes and gets an upload id back.
 */
export type FileRef = { kind: 'path'; path: string } | { kind: 'upload'; id: string; name: string };

export interface InspectRequest {
  file: FileRef;
  /** Settings the user fixed; everything else is detected. */
  settings?: Partial<ImportSettings>;
  sourceName?: string;
}

export interface ImportRequest {
  file: FileRef;
  /** Settings the user fixed in the dialog (or on the command line); the rest is detected. */
  settings?: Partial<ImportSettings>;
  /**
   * Name of the source to create or extend; derived from the file name when absent, or the
   * matching source when the file has the same shape as one already imported.
   */
  sourceName?: string;
  /**
   * Snapshot date (YYYY-MM-DD) for this export. A file for an existing source adds a snapshot;
   * when absent the date comes from the file name, else today.
   */
  snapshotDate?: string;
  /** Replace the snapshot of the same date if there is one (otherwise that is an error). */
  replace?: boolean;
  /** Role -> column corrections (null removes a role); the rest is detected or remembered. */
  roles?: Record<string, string | null>;
  /** Caller-chosen id to poll progress and cancel. */
  opId?: string;
}

export interface PreviewRequest {
  source: string;
  offset: number;
  limit: number;
}

/** A window of raw rows: never a whole table. */
export interface RowWindow {
  /** Apache Arrow IPC stream bytes. */
  ipc: Uint8Array;
  offset: number;
  rowCount: number;
  totalRows: number;
}

export interface TopValue {
  value: string | null;
  count: number;
}

export interface ColumnProfile {
  name: string;
  type: string;
  kind: ColumnKind;
  nulls: number;
  distinct: number;
  /** Rendered as text so that every type fits; null when the column is empty. */
  min: string | null;
  max: string | null;
  top: TopValue[];
}

export interface SourceProfile {
  source: string;
  rowCount: number;
  columns: ColumnProfile[];
}

/** A named segment: a saved filter a spec uses by name (`AnalysisSpec.segments`). */
export interface SegmentInfo {
  name: string;
  /** The one source it applies to; null: any source naming the same columns or roles. */
  source: string | null;
  filter: FilterTreeInput;
  description: string | null;
  /** ISO timestamp of the last save. */
  updatedAt: string;
}

export interface SaveSegmentRequest {
  name: string;
  source?: string;
  filter: FilterTreeInput;
  description?: string;
}

export interface QueryRequest {
  spec: AnalysisSpec;
  opId?: string;
}

export interface ResultColumn {
  /** Column name in the Arrow table (d0, d1, m0 ...). */
  id: string;
  label: string;
  /** 'grouping' marks the column telling total rows apart (GROUPING SETS), when totals were asked. */
  role: 'dimension' | 'measure' | 'grouping';
  /** DuckDB type of the result column. */
  type: string;
  kind: ColumnKind;
  /** For the columns a comparison adds (spec.compare): the measure compared and what the column holds. */
  compare?: { measure: string; kind: CompareColumnKind };
}

export interface QueryResult {
  /** Apache Arrow IPC stream bytes, one column per ResultColumn. */
  ipc: Uint8Array;
  columns: ResultColumn[];
  rowCount: number;
  /** True when the result was cut at the spec's limit. */
  truncated: boolean;
  sql: string;
  elapsedMs: number;
}

/** One cell of a result: each dimension id of the spec shown in that row -> its value there. */
export type CellSelector = Record<string, FilterValue>;

export interface DrillRequest {
  spec: AnalysisSpec;
  /**
   * The cell's dimension values (a dimension left out is not constrained: a total row). A time grain's
   * value is its bucket start; null selects the empty cells.
   */
  cell: CellSelector;
  offset: number;
  limit: number;
  /** Any column of the source; rows keep their stored order otherwise. */
  sort?: { column: string; direction: 'asc' | 'desc' };
}

/** A window of the raw rows behind a cell, with the query and the filters that select them. */
export interface DrillWindow extends RowWindow {
  /** The SQL of the window, placeholders ($1 ...) standing for `params`. */
  sql: string;
  params: FilterValue[];
  /** Every condition in force, in words: the spec's filters, then the cell's. */
  filters: string[];
}

export interface ExplainRequest {
  spec: AnalysisSpec;
  cell?: CellSelector;
}

/** How a measure is computed. */
export type MeasureExplanation =
  | { id: string; label: string; kind: 'aggregate'; op: string; column: string | null; role: string | null; text: string }
  | { id: string; label: string; kind: 'formula'; formula: string; text: string };

/** A file a figure came from. */
export interface ExplainedFile {
  source: string;
  snapshotDate: string;
  /** Base name of the imported file. */
  file: string;
  importedAt: string;
  rowCount: number;
  /** sha256 of the file's bytes (64 hex); null for snapshots imported before hashes were kept. */
  contentHash: string | null;
}

export interface Explanation {
  source: string;
  /** 'latest', 'all' or a date, as the spec asked. */
  snapshot: string;
  /** The snapshot date(s) read. */
  snapshotDates: string[];
  files: ExplainedFile[];
  measures: MeasureExplanation[];
  /** The conditions in force, in words (the spec's, then the cell's). */
  filters: string[];
  /** Rows behind the number: the spec's filtered rows, narrowed to the cell when one is given. */
  rowCount: number;
  sql: {
    /** The aggregate query of the spec. */
    aggregate: string;
    aggregateParams: FilterValue[];
    /** The query listing the rows behind the number (what drillRows pages through). */
    drill: string;
    drillParams: FilterValue[];
  };
}

export interface Progress {
  opId: string;
  /** 0..1, or null when the engine cannot tell. */
  fraction: number | null;
  /** English; the UI shows `messageKey` in the user's language when it is set. */
  message: string;
  /** The same step as a catalog key ("progress.reading", shared/i18n) with its ICU values. */
  messageKey?: string;
  values?: Record<string, string | number>;
  done: boolean;
}

export interface QuarterdeckApi {
  getWorkspace(): Promise<Result<WorkspaceInfo>>;
  /** Links found between the sources, with their coverage, confirmed ones first. */
  proposeRelationships(): Promise<Result<RelationshipProposal[]>>;
  /** Confirms (or, with confirmed false, removes) a link; the enriched model is rebuilt. */
  setRelationship(relationship: Relationship, confirmed: boolean): Promise<Result<WorkspaceInfo>>;
  /** Detects everything about a file without importing it: what the import dialog shows. */
  inspectImport(request: InspectRequest): Promise<Result<ImportInspection>>;
  importFile(request: ImportRequest): Promise<Result<ImportReport>>;
  removeSource(name: string): Promise<Result<WorkspaceInfo>>;
  previewRows(request: PreviewRequest): Promise<Result<RowWindow>>;
  profileSource(source: string): Promise<Result<SourceProfile>>;
  runQuery(request: QueryRequest): Promise<Result<QueryResult>>;
  /** The raw rows behind one cell of a result, as a sortable, paged window. */
  drillRows(request: DrillRequest): Promise<Result<DrillWindow>>;
  /** "Explain this number": definitions, filters, files, row count and SQL of a result (or one cell). */
  explain(request: ExplainRequest): Promise<Result<Explanation>>;
  /** Progress of a long operation started with this opId; null once it is forgotten. */
  getProgress(opId: string): Promise<Result<Progress | null>>;
  /** Cancels a running import or query; resolves to whether something was running. */
  cancel(opId: string): Promise<Result<boolean>>;
  /** The workspace's named segments, by name. */
  listSegments(): Promise<Result<SegmentInfo[]>>;
  /** Saves (or replaces) a named segment; its filter is checked against its source when it has one. */
  saveSegment(request: SaveSegmentRequest): Promise<Result<SegmentInfo>>;
  /** Removes a segment; resolves to the segments left. */
  removeSegment(name: string): Promise<Result<SegmentInfo[]>>;
  /** The workspace's dashboards, in tab order (shared/dashboard/types.ts). */
  listDashboards(): Promise<Result<Dashboard[]>>;
  /**
   * Saves a dashboard: replaces the one of the same id (keeping its tab) or adds it as the last
   * tab; resolves to it as stored (updatedAt set). Widgets whose spec is new or changed must pass
   * the spec schema and resolve against an existing source; a widget saved earlier whose source or
   * columns have since vanished is kept as it is (its query reports the error on that widget).
   */
  saveDashboard(dashboard: Dashboard): Promise<Result<Dashboard>>;
  /** Removes a dashboard; resolves to the dashboards left, in tab order. */
  removeDashboard(id: string): Promise<Result<Dashboard[]>>;
  /** Puts the listed dashboards first, in that order (the others follow); resolves to all of them. */
  reorderDashboards(ids: string[]): Promise<Result<Dashboard[]>>;
  /** The workspace's display settings (locale, currency, theme); defaults until saved. */
  getSettings(): Promise<Result<WorkspaceSettings>>;
  /** Saves some or all settings; resolves to the settings now in force. */
  saveSettings(settings: Partial<WorkspaceSettings>): Promise<Result<WorkspaceSettings>>;
  /**
   * The values of a column or role of a source's latest snapshot with their row counts, most
   * frequent first, narrowed by a case- and accent-insensitive search: the filter bar's multi-selects.
   */
  fieldValues(request: FieldValuesRequest): Promise<Result<FieldValues>>;
  // Forecast reliability and pipeline history, over a source's snapshots (shared/forecast/types.ts).
  /** Forecast frozen at the start of each period (weighted, commit) against revenue won in it; error and bias per group. */
  forecastAccuracy(request: ForecastAccuracyRequest): Promise<Result<ForecastAccuracyResult>>;
  /** Probability entered at snapshot time, bucketed, against the share of those deals won later (reliability diagram). */
  probabilityCalibration(request: CalibrationRequest): Promise<Result<CalibrationResult>>;
  /** The waterfall between two snapshots: start, new, pulled in, pushed out, amount changes, won, lost, end. */
  pipelineMovement(request: MovementRequest): Promise<Result<MovementResult>>;
  /** The deals behind one bar of the movement waterfall, as a paged Arrow window. */
  movementDeals(request: MovementDealsRequest): Promise<Result<ForecastDealWindow>>;
  /** Close dates pushed, stage regressions and amount drift, per group. */
  slippage(request: SlippageRequest): Promise<Result<SlippageResult>>;
  /** The deals behind a slippage figure (a group, at least so many pushes), as a paged Arrow window. */
  slippageDeals(request: SlippageDealsRequest): Promise<Result<ForecastDealWindow>>;
  /** Mean probability per stage in each snapshot: it should rise stage after stage. */
  stageProbabilitySanity(request: StageSanityRequest): Promise<Result<StageSanityResult>>;
  /**
   * Corrects a source's role mapping (role -> column; null removes the role), stored and remembered
   * for files of the same shape like the import dialog's choices. On an enriched model a column
   * "<source>.<column>" maps the role on that joined source.
   */
  setSourceRoles(source: string, roles: Record<string, string | null>): Promise<Result<WorkspaceInfo>>;
  // Templates (shared/template/types.ts): built-in, personal and imported.
  /** Every template: built-in ones first, then personal and imported ones. */
  listTemplates(): Promise<Result<Template[]>>;
  /** Saves a dashboard as a personal template bound to roles and source slots. */
  saveDashboardAsTemplate(request: SaveAsTemplateRequest): Promise<Result<Template>>;
  /** Imports a template file (any earlier version is migrated); an invalid file is refused, nothing stored. */
  importTemplate(text: string, fileName: string): Promise<Result<Template>>;
  /** The file text of a template, for download or e-mail. */
  exportTemplate(id: string): Promise<Result<ExportedTemplate>>;
  /** Removes a personal or imported template; resolves to the templates left. */
  removeTemplate(id: string): Promise<Result<Template[]>>;
  /** What stops a template from running on this workspace, each problem with its fix data. */
  checkTemplate(request: CheckTemplateRequest): Promise<Result<TemplateCheckReport>>;
  /** Stores the role fixes, checks again and, when nothing blocks, creates the dashboard. */
  applyTemplate(request: ApplyTemplateRequest): Promise<Result<Dashboard>>;
  // Reviews (shared/review/types.ts).
  /** Runs a template or a dashboard for a period and freezes every figure; carries over open actions. */
  createReview(request: CreateReviewRequest): Promise<Result<ReviewWithPrevious>>;
  /** The reviews, latest period first. */
  listReviews(): Promise<Result<ReviewSummary[]>>;
  getReview(id: string): Promise<Result<ReviewWithPrevious>>;
  /** Notes, actions, freezing; a frozen review refuses changes. */
  updateReview(request: UpdateReviewRequest): Promise<Result<Review>>;
  removeReview(id: string): Promise<Result<ReviewSummary[]>>;
  /** The review as one self-contained HTML file or a PDF. */
  exportReview(request: ExportReviewRequest): Promise<Result<ExportedFile>>;
}

/** The operation names, for hosts that route calls by name (IPC channels, HTTP paths). */
export const API_METHODS = [
  'getWorkspace',
  'proposeRelationships',
  'setRelationship',
  'inspectImport',
  'importFile',
  'removeSource',
  'previewRows',
  'profileSource',
  'runQuery',
  'drillRows',
  'explain',
  'getProgress',
  'cancel',
  'listSegments',
  'saveSegment',
  'removeSegment',
  'listDashboards',
  'saveDashboard',
  'removeDashboard',
  'reorderDashboards',
  'getSettings',
  'saveSettings',
  'fieldValues',
  'forecastAccuracy',
  'probabilityCalibration',
  'pipelineMovement',
  'movementDeals',
  'slippage',
  'slippageDeals',
  'stageProbabilitySanity',
  'setSourceRoles',
  'listTemplates',
  'saveDashboardAsTemplate',
  'importTemplate',
  'exportTemplate',
  'removeTemplate',
  'checkTemplate',
  'applyTemplate',
  'createReview',
  'listReviews',
  'getReview',
  'updateReview',
  'removeReview',
  'exportReview',
] as const satisfies readonly (keyof QuarterdeckApi)[];

export type ApiMethod = (typeof API_METHODS)[number];

// Compile-time check that API_METHODS lists every operation of the contract.
type Missing = Exclude<keyof QuarterdeckApi, ApiMethod>;
const _everyMethodListed: Missing extends never ? true : Missing = true;
void _everyMethodListed;

export const IPC_CHANNEL_PREFIX = 'quarterdeck:';

/**
 * What only a host can do for the UI (native dialogs). Exposed beside the contract as
 * window.quarterdeckHost by the Electron preload; the browser host uses an <input type=file>.
 */
export interface HostBridge {
  kind: 'electron' | 'browser';
  /** Asks the user for a CSV file; null when they cancel. */
  pickCsvFile(): Promise<FileRef | null>;
  /** Electron: the path of a file dropped on the window (a DOM File, typed loosely here). */
  pathForFile?(file: unknown): string;
}

export const HOST_CHANNEL_PICK_FILE = 'quarterdeck-host:pick-csv-file';

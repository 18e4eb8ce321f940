// Forecast reliability and pipeline history (DOMAIN.md: forecast reliability, pipeline movement,
// probability sanity): the requests and results of the forecast operations of the contract.
// Plain, serializable data, so that dashboards and templates can store a request and re-run it.
//
// Every analysis reads one snapshotted deals source (each dated export kept beside the earlier
// ones) and follows each deal from snapshot to snapshot by its identity (see DealIdentity). What
// became of a deal (won, lost, still open) is its latest known state: the outcome source's row
// when there is one, else the deal's last snapshot row (see ForecastSourceRequest.outcomeSource).
//
// Probabilities are fractions 0..1 everywhere in requests and results, whatever the scale the
// export uses (0-100 or 0-1 is detected from the data). Dates are YYYY-MM-DD; periods are
// half-open [from, to). Amounts are in the source's currency.
import type { RowWindow } from '../api';

/** What every forecast request names: the source and how its deals are read. */
export interface ForecastSourceRequest {
  /** The deals source whose snapshots are analysed. */
  source: string;
  /**
   * Where a deal's outcome (won / lost, closed date, final amount) is read. When absent: the
   * snapshots themselves when they carry closed deals; else the deals source of the workspace that
   * shares the most deals with them (an enriched model first, for its segment...). Named, it must
   * map the identity roles and a status (or stage telling won / lost).
   */
  outcomeSource?: string;
  /** Keeps the deals whose role has one of the values (null: empty). Several filters all apply. */
  filters?: ForecastFilter[];
  /** The open stages in process order, overriding the order detected from the data. */
  stageOrder?: string[];
}

export interface ForecastFilter {
  role: string;
  values: (string | null)[];
}

/** A group's values, role -> value ({} for the total over every group). */
export type ForecastGroup = Record<string, string | null>;

/**
 * How deals are matched from one snapshot to the next.
 * - `deal_id`: the deal_id role, trimmed text.
 * - `name_account_created`: when an export has no id, the deal name (trimmed, lower case, inner
 *   spaces collapsed), the account (same; left out when either side does not map it) and the
 *   created date (a day: a timestamp's time is dropped) together.
 * Rows sharing a key within one snapshot (line items, homonyms) are told apart by their order
 * (amount, then stage, then close date): the 2nd becomes `<key>#2`...; `duplicateRows` counts them.
 */
export interface DealIdentity {
  rule: 'deal_id' | 'name_account_created';
  /** The roles the key is built from. */
  roles: string[];
  /** Snapshot rows beyond the first with the same key in the same snapshot. */
  duplicateRows: number;
}

/** What an analysis read: echoed in every result, for "explain this number". */
export interface ForecastBasis {
  source: string;
  /** The source outcomes were read from; null: the snapshots themselves. */
  outcomeSource: string | null;
  identity: DealIdentity;
  /** How won / lost were recognised. */
  outcome: { role: 'status' | 'stage'; won: string[]; lost: string[] };
  /** 100 when the export enters probabilities 0-100, 1 when 0-1; null without a probability role. */
  probabilityScale: 1 | 100 | null;
  /** Open stages in the order used (commit threshold, regressions, the sanity check). */
  stages: string[];
  /** Where that order comes from: the request, numbers in the names, usual stage words, or the data (probabilities). */
  stageOrderFrom: 'request' | 'numbers' | 'names' | 'data';
  /** Every snapshot date of the source, oldest first. */
  snapshotDates: string[];
  /** The latest date the data knows of (last snapshot or outcome export): periods ending after it are incomplete. */
  asOf: string;
  /** The filters in force, in words. */
  filters: string[];
  /** What the reader should know: rows left out or told apart, outcomes unknown... */
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Forecast vs actual

export const FORECAST_GRAINS = ['month', 'quarter'] as const;
export type ForecastGrain = (typeof FORECAST_GRAINS)[number];

/** The default commit threshold: deals entered at 70 % or more. */
export const DEFAULT_COMMIT_PROBABILITY = 0.7;
/** A snapshot counts as taken at the start of a period when dated at most this many days from it. */
export const DEFAULT_SNAPSHOT_TOLERANCE_DAYS = 7;

export interface ForecastAccuracyRequest extends ForecastSourceRequest {
  grain: ForecastGrain;
  /** Periods starting on or after this day (default: the first with a snapshot). */
  from?: string;
  /** Periods starting before this day (default: every period with a snapshot). */
  to?: string;
  /** Roles to break the forecast down by (owner, team, segment...); totals are always given. */
  by?: string[];
  /**
   * The commit view: open deals at or beyond `stage` (process order), or entered at `probability`
   * or more; both given: either. Default: probability 0.7.
   */
  commit?: { stage?: string; probability?: number };
  /**
   * The snapshot frozen for a period is the latest dated on or before its first day, at most this
   * many days before; else the earliest in its first days (as many). Default 7.
   */
  snapshotToleranceDays?: number;
}

export interface ForecastPeriod {
  /** First day of the period. */
  start: string;
  /** First day of the next period. */
  end: string;
  /** The snapshot the forecast was frozen from. */
  snapshotDate: string;
  /** False while the period has not ended by the data's asOf date (its actual is partial). */
  complete: boolean;
}

export interface ForecastRow {
  /** The period's first day. */
  period: string;
  /** The group ({} on total rows). */
  group: ForecastGroup;
  total: boolean;
  /** Open deals of the frozen snapshot expected to close in the period. */
  forecastDeals: number;
  /** Their amount. */
  pipeline: number;
  /** Their amount × probability (the stage's mean probability when a deal has none). */
  weighted: number;
  /** The commit view: deals at or beyond the commit threshold, and their amount. */
  commitDeals: number;
  commit: number;
  /** Deals won with a closed date in the period, and their amount (the actual). */
  wonDeals: number;
  actual: number;
  /** The part of the actual won on deals of the forecast. */
  actualFromForecast: number;
  /** weighted − actual: positive = over-forecast. */
  error: number;
  /** commit − actual. */
  commitError: number;
  /** error / actual; null when nothing was won. */
  errorRatio: number | null;
}

/** One group over the complete periods. */
export interface ForecastGroupSummary {
  group: ForecastGroup;
  total: boolean;
  /** Complete periods counted. */
  periods: number;
  weighted: number;
  commit: number;
  actual: number;
  /** Σ (weighted − actual). */
  error: number;
  /** Σ error / Σ actual: the bias (over-forecasting > 0, sandbagging < 0); null when nothing was won. */
  bias: number | null;
  /** Σ (commit − actual) / Σ actual. */
  commitBias: number | null;
  /** Mean of |error| per period. */
  meanAbsError: number;
  /** Mean of |error| / actual over the periods with an actual. */
  meanAbsErrorRatio: number | null;
}

export interface ForecastAccuracyResult {
  basis: ForecastBasis;
  grain: ForecastGrain;
  by: string[];
  commit: { stage: string | null; probability: number | null };
  periods: ForecastPeriod[];
  /** Per period: the total row, then one row per group (when `by`), groups sorted. */
  rows: ForecastRow[];
  /** The total first, then each group by decreasing bias. */
  summary: ForecastGroupSummary[];
}

// ---------------------------------------------------------------------------------------------
// Probability calibration

export const CALIBRATION_OBSERVATIONS = ['every', 'first', 'last'] as const;
export type CalibrationObservations = (typeof CALIBRATION_OBSERVATIONS)[number];

export interface CalibrationRequest extends ForecastSourceRequest {
  /** Roles to break the diagram down by (owner, stage...). */
  by?: string[];
  /** Equal-width probability buckets over 0..1 (default 10: 0-10 %, 10-20 %... 90-100 % inclusive). */
  buckets?: number;
  /** Every snapshot row of an open deal (default), or only each deal's first / last one. */
  observations?: CalibrationObservations;
  /** Snapshots dated on or after this day. */
  from?: string;
  /** Snapshots dated before this day. */
  to?: string;
}

export interface CalibrationBucket {
  /** Lower bound, inclusive. */
  from: number;
  /** Upper bound, exclusive (inclusive for the last bucket). */
  to: number;
  /** Observations whose deal has since been won or lost. */
  count: number;
  won: number;
  lost: number;
  /** Mean probability entered, null when empty. */
  meanProbability: number | null;
  /** Share won, with its 95 % Wilson interval; null when empty. */
  winRate: number | null;
  low: number | null;
  high: number | null;
}

export interface CalibrationGroup {
  group: ForecastGroup;
  total: boolean;
  /** Observations with a probability whose deal is closed now. */
  resolved: number;
  won: number;
  /** Observations whose deal is still open (not counted in the diagram). */
  unresolved: number;
  /** Observations without a probability nor a stage default. */
  unrated: number;
  meanProbability: number | null;
  winRate: number | null;
  /** meanProbability − winRate: > 0 optimistic, < 0 sandbagging. */
  gap: number | null;
  /** Mean squared error of the probabilities against the outcomes (0 perfect, 0.25 coin toss). */
  brier: number | null;
  buckets: CalibrationBucket[];
}

export interface CalibrationResult {
  basis: ForecastBasis;
  by: string[];
  observations: CalibrationObservations;
  buckets: number;
  /** The total first, then one per group, sorted by decreasing gap. */
  groups: CalibrationGroup[];
}

// ---------------------------------------------------------------------------------------------
// Pipeline movement

/**
 * The bars of the waterfall between two snapshots, in order. Per deal in the starting or ending
 * pipeline (open, and expected to close in the period when one is given):
 * - new: not open at the start, in the ending pipeline (created since, or reopened): + its ending amount;
 * - pulled_in: open at the start but expected after the period (or undated), now expected in it: + ending amount;
 * - pushed_in: open at the start, expected before the period, now expected in it: + ending amount;
 * - pushed_out: in the starting pipeline, still open, now expected after the period (or undated): − starting amount;
 * - pulled_out: in the starting pipeline, still open, now expected before the period: − starting amount;
 * - increased / decreased: in both pipelines, amount changed: ± the change;
 * - won / lost: in the starting pipeline, closed since (the ending snapshot's status, else the
 *   outcome): − starting amount;
 * - dropped: in the starting pipeline, neither open at the end nor known as won or lost (deleted,
 *   moved out of the export): − starting amount.
 * start + Σ bars = end, to the cent. Without a period, the four move bars are empty.
 */
export const MOVEMENT_BUCKETS = ['new', 'pulled_in', 'pushed_in', 'increased', 'decreased', 'pushed_out', 'pulled_out', 'won', 'lost', 'dropped'] as const;
export type MovementBucketId = (typeof MOVEMENT_BUCKETS)[number];
/** A drillable bar: a bucket, or the starting / ending pipeline. */
export type MovementSelection = MovementBucketId | 'start' | 'end';
export const MOVEMENT_SELECTIONS = ['start', ...MOVEMENT_BUCKETS, 'end'] as const;

export interface MovementRequest extends ForecastSourceRequest {
  /** The starting snapshot's date. */
  from: string;
  /** The ending snapshot's date (after `from`). */
  to: string;
  /** The pipeline of deals expected to close in [from, to); absent: every open deal. */
  period?: { from: string; to: string };
}

export interface MovementBar {
  id: MovementSelection;
  /** Signed change of the pipeline (start and end: the pipeline's amount). */
  amount: number;
  deals: number;
}

export interface MovementResult {
  basis: ForecastBasis;
  from: string;
  to: string;
  period: { from: string; to: string } | null;
  start: MovementBar;
  /** The bars in waterfall order (MOVEMENT_BUCKETS), empty ones included. */
  buckets: MovementBar[];
  end: MovementBar;
  /** Won deals' amounts as signed (the won bar counts their starting pipeline amount). */
  wonAmount: number;
}

export interface MovementDealsRequest extends MovementRequest {
  bar: MovementSelection;
  offset: number;
  limit: number;
  /** A column of the deal list (MOVEMENT_DEAL_COLUMNS); default: largest change first. */
  sort?: { column: string; direction: 'asc' | 'desc' };
}

/** The columns of a movement deal list, in order. */
export const MOVEMENT_DEAL_COLUMNS = [
  'deal_key', 'deal_name', 'account', 'owner', 'bar', 'change',
  'amount_start', 'amount_end', 'stage_start', 'stage_end', 'probability_start', 'probability_end',
  'expected_close_start', 'expected_close_end', 'outcome', 'closed_at', 'final_amount',
] as const;

/** A window of deals (Arrow IPC), with the query that selects them. */
export interface ForecastDealWindow extends RowWindow {
  columns: string[];
  sql: string;
  params: (string | number | null)[];
}

// ---------------------------------------------------------------------------------------------
// Slippage and drift

export const DEFAULT_FLAG_PUSHES = 3;

export interface SlippageRequest extends ForecastSourceRequest {
  by?: string[];
  /** Deals pushed at least this many times are flagged (default 3). */
  flagPushes?: number;
  /** Snapshots dated on or after this day. */
  from?: string;
  /** Snapshots dated before this day. */
  to?: string;
}

export interface SlippageGroup {
  group: ForecastGroup;
  total: boolean;
  /** Deals seen in the snapshots. */
  deals: number;
  /** Deals whose expected close date was pushed later at least once, and at least flagPushes times. */
  pushedDeals: number;
  flaggedDeals: number;
  /** Pushes counted, and the days they added. */
  pushes: number;
  daysPushed: number;
  /** Deals that went back to an earlier stage at least once, and how many times in all. */
  regressedDeals: number;
  regressions: number;
  /** Σ first amount seen, Σ final amount (the outcome's, else the last seen), their difference and its share. */
  firstAmount: number;
  finalAmount: number;
  amountDrift: number;
  amountDriftRatio: number | null;
}

export interface SlippageResult {
  basis: ForecastBasis;
  by: string[];
  flagPushes: number;
  /** The total first, then each group by decreasing share of flagged deals. */
  groups: SlippageGroup[];
}

export interface SlippageDealsRequest extends SlippageRequest {
  /** Only the deals of this group (role -> value). */
  group?: ForecastGroup;
  /** Only the deals pushed at least this many times. */
  minPushes?: number;
  offset: number;
  limit: number;
  /** A column of the deal list (SLIPPAGE_DEAL_COLUMNS); default: most pushes first. */
  sort?: { column: string; direction: 'asc' | 'desc' };
}

export const SLIPPAGE_DEAL_COLUMNS = [
  'deal_key', 'deal_name', 'account', 'owner', 'observations', 'first_seen', 'last_seen', 'pushes', 'days_pushed', 'flagged',
  'first_expected_close', 'last_expected_close', 'regressions', 'first_amount', 'final_amount', 'amount_drift', 'outcome',
] as const;

// ---------------------------------------------------------------------------------------------
// Probability sanity over time

export interface StageSanityRequest extends ForecastSourceRequest {
  /** Snapshots dated on or after this day. */
  from?: string;
  /** Snapshots dated before this day. */
  to?: string;
}

export interface StageProbability {
  stage: string;
  /** Open deals at this stage. */
  deals: number;
  /** Mean probability entered (deals without one are not counted); null when none. */
  meanProbability: number | null;
}

export interface StageViolation {
  stage: string;
  /** The nearest earlier stage with a mean probability. */
  previousStage: string;
  meanProbability: number;
  previousMeanProbability: number;
}

export interface StageSanitySnapshot {
  date: string;
  stages: StageProbability[];
  /** True when the mean probability rises (or holds) stage after stage. */
  rising: boolean;
  violations: StageViolation[];
}

export interface StageSanityOverall extends StageProbability {
  /** Snapshot rows at this stage whose deal has since closed, and the share won. */
  resolved: number;
  winRate: number | null;
}

export interface StageSanityResult {
  basis: ForecastBasis;
  /** One per snapshot, oldest first. */
  snapshots: StageSanitySnapshot[];
  /** Over every snapshot read: mean probability and the share later won, per stage in order. */
  overall: { stages: StageSanityOverall[]; rising: boolean; violations: StageViolation[] };
}

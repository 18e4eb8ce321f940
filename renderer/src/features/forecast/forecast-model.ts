// What the forecast views compute from the engine's results before drawing them: which sources can
// be analysed, default snapshots and periods, group labels, the waterfall steps of a movement, and
// the plain-language readings of a bias or a calibration gap. Pure: no React, no translation (the
// words come in as arguments or as catalog keys).
import type { SourceInfo } from '../../../../shared/api';
import type {
  ForecastGroup,
  ForecastGroupSummary,
  ForecastRow,
  MovementBar,
  MovementBucketId,
  MovementResult,
  MovementSelection,
} from '../../../../shared/forecast/types';
import type { MessageKey } from '../../../../shared/i18n';
import type { WaterfallStep } from '../../charts/build-waterfall';

/** Bias within ± this share of what was won reads "on target". */
export const ON_TARGET_BIAS = 0.05;
/** A calibration gap within ± this many points (as a fraction) reads "well calibrated". */
export const CALIBRATED_GAP = 0.03;

/** Sources whose snapshots can be compared: two dated exports at least, enriched models left out. */
export function forecastSources(sources: readonly SourceInfo[]): SourceInfo[] {
  return sources.filter((s) => !s.model && s.snapshots.length >= 2);
}

/** The source analysed first: the one with the most snapshots (the first listed on a tie). */
export function defaultForecastSource(sources: readonly SourceInfo[]): SourceInfo | null {
  let best: SourceInfo | null = null;
  for (const s of forecastSources(sources)) if (!best || s.snapshots.length > best.snapshots.length) best = s;
  return best;
}

/** Roles a forecast can be broken down by, in this order, when a source of the workspace maps them. */
const GROUP_ROLES = ['owner', 'team', 'segment', 'region', 'pipeline'] as const;

/**
 * The roles offered to break a source's forecast down by: those its snapshots map, and those of the
 * workspace's deals sources (the engine reads an attribute from the outcome source when the
 * snapshots lack it: a segment from the enriched deals).
 */
export function groupRolesFor(source: SourceInfo, sources: readonly SourceInfo[]): string[] {
  const dealSources = sources.filter((s) => s.name === source.name || ((s.roles.deal_id !== undefined || s.roles.deal_name !== undefined) && (s.roles.status !== undefined || s.roles.stage !== undefined)));
  return GROUP_ROLES.filter((role) => dealSources.some((s) => s.roles[role] !== undefined));
}

/** The two snapshots compared first: the last two. */
export function defaultSnapshotPair(dates: readonly string[]): { from: string; to: string } | null {
  if (dates.length < 2) return null;
  return { from: dates[dates.length - 2]!, to: dates[dates.length - 1]! };
}

function addMonths(day: string, months: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + months;
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

export const MOVEMENT_SCOPES = ['all', 'month', 'quarter', 'custom'] as const;
export type MovementScope = (typeof MOVEMENT_SCOPES)[number];

/**
 * The closing period of a movement: none for every open deal, else the month or the quarter that
 * holds the ending snapshot's date, or the custom dates (null while they do not make a period).
 */
export function movementPeriod(scope: MovementScope, endSnapshot: string, custom: { from: string; to: string }): { from: string; to: string } | null {
  if (scope === 'all') return null;
  if (scope === 'custom') return /^\d{4}-\d{2}-\d{2}$/.test(custom.from) && /^\d{4}-\d{2}-\d{2}$/.test(custom.to) && custom.from < custom.to ? custom : null;
  const month = `${endSnapshot.slice(0, 7)}-01`;
  if (scope === 'month') return { from: month, to: addMonths(month, 1) };
  const m = Number(endSnapshot.slice(5, 7)) - 1;
  const quarter = `${endSnapshot.slice(0, 4)}-${String(m - (m % 3) + 1).padStart(2, '0')}-01`;
  return { from: quarter, to: addMonths(quarter, 3) };
}

/** The catalog key naming each bar of the movement waterfall. */
export const MOVEMENT_BAR_KEYS: Record<MovementSelection, MessageKey> = {
  start: 'forecast.barStart',
  new: 'forecast.barNew',
  pulled_in: 'forecast.barPulledIn',
  pushed_in: 'forecast.barPushedIn',
  increased: 'forecast.barIncreased',
  decreased: 'forecast.barDecreased',
  pushed_out: 'forecast.barPushedOut',
  pulled_out: 'forecast.barPulledOut',
  won: 'forecast.barWon',
  lost: 'forecast.barLost',
  dropped: 'forecast.barDropped',
  end: 'forecast.barEnd',
};

/** What each bar holds, in one sentence. */
export const MOVEMENT_BAR_HINTS: Record<MovementSelection, MessageKey> = {
  start: 'forecast.hintStart',
  new: 'forecast.hintNew',
  pulled_in: 'forecast.hintPulledIn',
  pushed_in: 'forecast.hintPushedIn',
  increased: 'forecast.hintIncreased',
  decreased: 'forecast.hintDecreased',
  pushed_out: 'forecast.hintPushedOut',
  pulled_out: 'forecast.hintPulledOut',
  won: 'forecast.hintWon',
  lost: 'forecast.hintLost',
  dropped: 'forecast.hintDropped',
  end: 'forecast.hintEnd',
};

/** Every bar of a movement in waterfall order: start, the buckets, end. */
export function movementBars(result: MovementResult): MovementBar[] {
  return [result.start, ...result.buckets, result.end];
}

/**
 * The waterfall steps of a movement, with the bar each step stands for (a click on step i drills
 * into `bars[i]`). Buckets without a deal are left out of the chart (without a period the four
 * date moves are always empty); the table lists them all.
 */
export function movementSteps(result: MovementResult, label: (id: MovementSelection) => string): { steps: WaterfallStep[]; bars: MovementSelection[] } {
  const steps: WaterfallStep[] = [{ label: label('start'), value: result.start.amount, kind: 'start' }];
  const bars: MovementSelection[] = ['start'];
  for (const b of result.buckets) {
    if (b.deals === 0 && b.amount === 0) continue;
    steps.push({ label: label(b.id), value: b.amount, kind: 'delta' });
    bars.push(b.id);
  }
  steps.push({ label: label('end'), value: result.end.amount, kind: 'end' });
  bars.push('end');
  return { steps, bars };
}

/** Whether a bucket adds to the pipeline (true), takes from it (false), or either (amount changes). */
export const BUCKET_DIRECTION: Record<MovementBucketId, 'up' | 'down'> = {
  new: 'up',
  pulled_in: 'up',
  pushed_in: 'up',
  increased: 'up',
  decreased: 'down',
  pushed_out: 'down',
  pulled_out: 'down',
  won: 'down',
  lost: 'down',
  dropped: 'down',
};

/** A stable key of a group (its roles and values), to match summary rows with period rows. */
export function groupKey(group: ForecastGroup): string {
  return JSON.stringify(Object.keys(group).sort().map((k) => [k, group[k] ?? null]));
}

/** A group's values in words: "Nicolas Bernard", "Enterprise · Gold"; `empty` for a missing value. */
export function groupText(group: ForecastGroup, roles: readonly string[], empty: string): string {
  return roles.map((r) => group[r] ?? empty).join(' · ');
}

export type BiasReading = 'over' | 'under' | 'onTarget' | 'unknown';

/** How a bias reads: over-forecasting (optimistic), under-forecasting (sandbagging), on target. */
export function biasReading(bias: number | null): BiasReading {
  if (bias === null || !Number.isFinite(bias)) return 'unknown';
  if (Math.abs(bias) < ON_TARGET_BIAS) return 'onTarget';
  return bias > 0 ? 'over' : 'under';
}

/** How a calibration gap (probability entered − share won) reads. */
export function gapReading(gap: number | null): BiasReading {
  if (gap === null || !Number.isFinite(gap)) return 'unknown';
  if (Math.abs(gap) < CALIBRATED_GAP) return 'onTarget';
  return gap > 0 ? 'over' : 'under';
}

export type ForecastView = 'weighted' | 'commit';

/** A group's figures in the view chosen: the forecast, its error and bias over the complete periods. */
export interface AccuracyFigures {
  forecast: number;
  actual: number;
  error: number;
  bias: number | null;
  /** Mean |error| per complete period. */
  meanAbsError: number;
}

/**
 * The summary figures of a group in the weighted or the commit view. The weighted ones are the
 * engine's; the commit view's error and mean absolute error are summed from the group's complete
 * periods (the engine gives commit and commitBias, not the per-period mean).
 */
export function accuracyFigures(summary: ForecastGroupSummary, view: ForecastView, rows: readonly ForecastRow[], complete: ReadonlySet<string>): AccuracyFigures {
  if (view === 'weighted') {
    return { forecast: summary.weighted, actual: summary.actual, error: summary.error, bias: summary.bias, meanAbsError: summary.meanAbsError };
  }
  const key = groupKey(summary.group);
  const mine = rows.filter((r) => r.total === summary.total && complete.has(r.period) && groupKey(r.group) === key);
  const meanAbsError = mine.length ? mine.reduce((s, r) => s + Math.abs(r.commitError), 0) / mine.length : 0;
  return { forecast: summary.commit, actual: summary.actual, error: summary.commit - summary.actual, bias: summary.commitBias, meanAbsError };
}

/** Equal-width buckets of the calibration: "0–10 %" from their bounds. */
export function bucketRange(from: number, to: number, percent: (v: number) => string): string {
  return `${percent(from)} – ${percent(to)}`;
}

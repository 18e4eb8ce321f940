// Forecast vs actual per period: the forecast frozen from the snapshot taken at the start of each
// period (open deals expected to close in it: pipeline, weighted, commit) against the revenue won
// in it (deals won with a closed date in the period, read from each deal's latest known state),
// per group and in total; then the error and the bias of each group over the complete periods.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Result } from '../../../shared/api';
import { fail, ok } from '../../../shared/api';
import {
  DEFAULT_COMMIT_PROBABILITY,
  DEFAULT_SNAPSHOT_TOLERANCE_DAYS,
  type ForecastAccuracyRequest,
  type ForecastAccuracyResult,
  type ForecastGroup,
  type ForecastGrain,
  type ForecastGroupSummary,
  type ForecastPeriod,
  type ForecastRow,
} from '../../../shared/forecast/types';
import { numberLiteral } from '../../../shared/spec/quote';
import { basisOf, missingRoles, missingRolesError, stageOrderOf, type ForecastContext } from './context';
import { attr, dealCtes } from './deals-sql';
import { compareGroups, groupColumn, groupKey, groupOf, leading } from './groups';
import { num, Params, type BuiltSql } from './sql';

const DAY_MS = 86_400_000;

function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months, 1);
  return d.toISOString().slice(0, 10);
}

function periodStart(day: string, grain: ForecastGrain): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const month = grain === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : m;
  return `${y}-${String(month).padStart(2, '0')}-01`;
}

const stepOf = (grain: ForecastGrain) => (grain === 'quarter' ? 3 : 1);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/**
 * The periods with a snapshot taken at their start: the latest snapshot dated on or before the
 * first day, at most `tolerance` days before it; else the earliest in its first `tolerance` days.
 */
export function forecastPeriods(
  snapshotDates: readonly string[],
  grain: ForecastGrain,
  tolerance: number,
  asOf: string,
  range: { from?: string | undefined; to?: string | undefined } = {},
): ForecastPeriod[] {
  const starts = new Set<string>();
  for (const d of snapshotDates) {
    const start = periodStart(d, grain);
    starts.add(start);
    starts.add(addMonths(start, stepOf(grain)));
  }
  const out: ForecastPeriod[] = [];
  for (const start of [...starts].sort()) {
    if (range.from && start < range.from) continue;
    if (range.to && start >= range.to) continue;
    const before = snapshotDates.filter((d) => d <= start && daysBetween(d, start) <= tolerance).at(-1);
    const after = snapshotDates.find((d) => d > start && daysBetween(start, d) <= tolerance);
    const snapshotDate = before ?? after;
    if (!snapshotDate) continue;
    const end = addMonths(start, stepOf(grain));
    out.push({ start, end, snapshotDate, complete: end <= asOf });
  }
  return out;
}

/** What a forecast request resolves to: its periods and commit threshold, and the query (null: no period). */
export interface ForecastAccuracyPlan {
  by: string[];
  periods: ForecastPeriod[];
  commit: { stage: string | null; probability: number | null };
  order: ReturnType<typeof stageOrderOf>;
  built: BuiltSql | null;
}

/** The forecast-vs-actual query: one row per period and group (and per period in total). */
export function forecastAccuracySql(ctx: ForecastContext, request: ForecastAccuracyRequest): Result<ForecastAccuracyPlan> {
  const by = [...new Set(request.by ?? [])];
  const missing = missingRoles(ctx, {
    snapshot: ['amount', 'probability', 'expected_close_at'],
    outcome: ['amount', 'closed_at'],
    either: [...by, ...(request.filters ?? []).map((f) => f.role)],
  });
  if (missing.length) return missingRolesError(ctx, 'Forecast accuracy', missing);
  const order = stageOrderOf(ctx, request.stageOrder);
  const commitStage = request.commit?.stage ?? null;
  const commitProbability = request.commit?.probability ?? (commitStage === null ? DEFAULT_COMMIT_PROBABILITY : null);
  if (commitStage !== null && !order.stages.includes(commitStage)) {
    return fail('INVALID_ARGUMENT', `"${commitStage}" is not an open stage of "${ctx.source.name}" (its open stages: ${order.stages.join(', ')})`, {
      location: { field: 'commit.stage' },
    });
  }
  const tolerance = request.snapshotToleranceDays ?? DEFAULT_SNAPSHOT_TOLERANCE_DAYS;
  const periods = forecastPeriods(ctx.snapshotDates, request.grain, tolerance, ctx.asOf, { from: request.from, to: request.to });
  const commit = { stage: commitStage, probability: commitProbability };
  if (periods.length === 0) return ok({ by, periods, commit, order, built: null });

  const params = new Params();
  const ctes = dealCtes(
    ctx,
    {
      fields: ['amount', 'probability', 'expected_close', ...(commitStage !== null ? (['stage_pos'] as const) : [])],
      finFields: ['amount', 'closed_at'],
      attrs: by,
      filters: request.filters,
      order: order.stages,
      snapshots: { dates: [...new Set(periods.map((p) => p.snapshotDate))] },
    },
    params,
  );
  const values = periods.map((p) => `(${params.day(p.start)}, ${params.day(p.end)}, ${params.day(p.snapshotDate)})`).join(', ');
  const commitParts = [
    ...(commitStage !== null ? [`o.stage_pos >= ${order.stages.indexOf(commitStage) + 1}`] : []),
    ...(commitProbability !== null ? [`o.probability >= ${numberLiteral(commitProbability)} - 1e-9`] : []),
  ];
  const g = (alias: string) => by.map((r) => `${alias}.${attr(r)} AS ${groupColumn(r)}`);
  const groupCols = by.map(groupColumn);
  const sql = `WITH ${ctes},
periods(p_start, p_end, p_snap) AS (VALUES ${values}),
fc AS (
  SELECT p.p_start, ${leading(g('o'))}
    o.amount AS pipeline, o.amount * o.probability AS weighted, coalesce(${commitParts.join(' OR ')}, FALSE) AS is_commit,
    CASE WHEN f.closed_at >= p.p_start AND f.closed_at < p.p_end THEN f.amount END AS won_from_forecast
  FROM periods p
  JOIN obs o ON o.snap = p.p_snap AND o.outcome = 'open' AND o.expected_close >= p.p_start AND o.expected_close < p.p_end
  LEFT JOIN (SELECT deal_key, amount, closed_at FROM fin WHERE outcome = 'won') f ON f.deal_key = o.deal_key
),
ac AS (
  SELECT p.p_start, ${leading(g('f'))} f.amount AS actual
  FROM periods p JOIN finf f ON f.outcome = 'won' AND f.closed_at >= p.p_start AND f.closed_at < p.p_end
),
u AS (
  SELECT p_start, ${leading(groupCols)} 1 AS fdeal, pipeline, weighted, CASE WHEN is_commit THEN 1 ELSE 0 END AS cdeal,
    CASE WHEN is_commit THEN pipeline END AS commit_amount, won_from_forecast, 0 AS wdeal, NULL::DOUBLE AS actual FROM fc
  UNION ALL
  SELECT p_start, ${leading(groupCols)} 0, NULL, NULL, 0, NULL, NULL, 1, actual FROM ac
)
SELECT strftime(p_start, '%Y-%m-%d') AS period, ${leading(groupCols)}
  sum(fdeal) AS forecast_deals, coalesce(sum(pipeline), 0) AS pipeline, coalesce(sum(weighted), 0) AS weighted,
  sum(cdeal) AS commit_deals, coalesce(sum(commit_amount), 0) AS commit_amount,
  sum(wdeal) AS won_deals, coalesce(sum(actual), 0) AS actual, coalesce(sum(won_from_forecast), 0) AS actual_from_forecast
FROM u GROUP BY ${leading(groupCols)} p_start`;
  return ok({ by, periods, commit, order, built: { sql, params: params.values } });
}

export async function runForecastAccuracy(
  conn: DuckDBConnection,
  ctx: ForecastContext,
  request: ForecastAccuracyRequest,
): Promise<Result<ForecastAccuracyResult>> {
  const plan = forecastAccuracySql(ctx, request);
  if (!plan.ok) return plan;
  const { by, periods, commit, order, built } = plan.value;
  const basis = basisOf(ctx, order, request.filters);
  if (!built) return ok({ basis, grain: request.grain, by, commit, periods, rows: [], summary: [] });
  const raw = (await conn.runAndReadAll(built.sql, built.params)).getRowObjectsJS();

  // One row per period and group; each period's total is the sum of its groups (every figure adds up).
  type Sums = Pick<ForecastRow, 'forecastDeals' | 'pipeline' | 'weighted' | 'commitDeals' | 'commit' | 'wonDeals' | 'actual' | 'actualFromForecast'>;
  const zero = (): Sums => ({ forecastDeals: 0, pipeline: 0, weighted: 0, commitDeals: 0, commit: 0, wonDeals: 0, actual: 0, actualFromForecast: 0 });
  const rowOf = (period: string, group: ForecastGroup, total: boolean, s: Sums): ForecastRow => ({
    period,
    group,
    total,
    ...s,
    error: s.weighted - s.actual,
    commitError: s.commit - s.actual,
    errorRatio: s.actual !== 0 ? (s.weighted - s.actual) / s.actual : null,
  });
  const totals = new Map(periods.map((p) => [p.start, zero()]));
  const rows: ForecastRow[] = [];
  for (const r of raw) {
    const sums: Sums = {
      forecastDeals: num(r.forecast_deals),
      pipeline: num(r.pipeline),
      weighted: num(r.weighted),
      commitDeals: num(r.commit_deals),
      commit: num(r.commit_amount),
      wonDeals: num(r.won_deals),
      actual: num(r.actual),
      actualFromForecast: num(r.actual_from_forecast),
    };
    const period = String(r.period);
    const total = totals.get(period);
    if (total) for (const k of Object.keys(total) as (keyof Sums)[]) total[k] += sums[k];
    if (by.length) rows.push(rowOf(period, groupOf(r, by), false, sums));
  }
  for (const [period, sums] of totals) rows.push(rowOf(period, {}, true, sums));
  rows.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : Number(b.total) - Number(a.total) || compareGroups(a.group, b.group, by)));

  const complete = new Set(periods.filter((p) => p.complete).map((p) => p.start));
  const summaries = new Map<string, ForecastGroupSummary & { absRatios: number[] }>();
  for (const r of rows) {
    if (!complete.has(r.period)) continue;
    const k = r.total ? 'total' : groupKey(r.group);
    let s = summaries.get(k);
    if (!s) {
      s = { group: r.group, total: r.total, periods: 0, weighted: 0, commit: 0, actual: 0, error: 0, bias: null, commitBias: null, meanAbsError: 0, meanAbsErrorRatio: null, absRatios: [] };
      summaries.set(k, s);
    }
    s.periods++;
    s.weighted += r.weighted;
    s.commit += r.commit;
    s.actual += r.actual;
    s.error += r.error;
    s.meanAbsError += Math.abs(r.error);
    if (r.actual !== 0) s.absRatios.push(Math.abs(r.error) / r.actual);
  }
  const summary = [...summaries.values()].map(({ absRatios, ...s }) => ({
    ...s,
    bias: s.actual !== 0 ? s.error / s.actual : null,
    commitBias: s.actual !== 0 ? (s.commit - s.actual) / s.actual : null,
    meanAbsError: s.periods > 0 ? s.meanAbsError / s.periods : 0,
    meanAbsErrorRatio: absRatios.length > 0 ? absRatios.reduce((a, b) => a + b, 0) / absRatios.length : null,
  }));
  summary.sort((a, b) => Number(b.total) - Number(a.total) || (b.bias ?? -Infinity) - (a.bias ?? -Infinity) || compareGroups(a.group, b.group, by));
  return ok({ basis, grain: request.grain, by, commit, periods, rows, summary });
}

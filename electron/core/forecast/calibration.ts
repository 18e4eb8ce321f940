// Probability calibration: the snapshot rows of open deals bucketed by the probability entered
// (the stage's mean probability when empty) against the share of them whose deal was won in the
// end — the reliability diagram, with counts and Wilson intervals, in total and per group (a rep:
// the optimist sits below the diagonal, the sandbagger above; a stage: the miscalibrated one).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Result } from '../../../shared/api';
import { ok } from '../../../shared/api';
import type { CalibrationBucket, CalibrationGroup, CalibrationRequest, CalibrationResult, ForecastGroup } from '../../../shared/forecast/types';
import { wilsonInterval } from '../../../shared/model/kpis';
import { basisOf, missingRoles, missingRolesError, stageOrderOf, type ForecastContext } from './context';
import { attr, dealCtes } from './deals-sql';
import { compareGroups, groupColumn, groupKey, groupOf, leading } from './groups';
import { num, Params, type BuiltSql } from './sql';

export const DEFAULT_BUCKETS = 10;

/** The reliability diagram's query: per group (and in total), per bucket and overall. */
export function calibrationSql(ctx: ForecastContext, request: CalibrationRequest): Result<BuiltSql> {
  const by = [...new Set(request.by ?? [])];
  const missing = missingRoles(ctx, { snapshot: ['probability'], either: [...by, ...(request.filters ?? []).map((f) => f.role)] });
  if (missing.length) return missingRolesError(ctx, 'Probability calibration', missing);
  const order = stageOrderOf(ctx, request.stageOrder);
  const buckets = request.buckets ?? DEFAULT_BUCKETS;
  const observations = request.observations ?? 'every';

  const params = new Params();
  const ctes = dealCtes(
    ctx,
    { fields: ['probability', 'stage'], finFields: [], attrs: by, filters: request.filters, order: order.stages, snapshots: { from: request.from, to: request.to } },
    params,
  );
  const groupCols = by.map(groupColumn);
  const once = observations === 'every' ? '' : `QUALIFY row_number() OVER (PARTITION BY o.deal_key ORDER BY o.snap${observations === 'last' ? ' DESC' : ''}) = 1`;
  // A probability on the edge of two buckets (0.7 with ten buckets) belongs to the upper one,
  // whatever the floating point error of p × buckets; 1 belongs to the last bucket.
  const sql = `WITH ${ctes},
cal AS (
  SELECT ${leading(by.map((r) => `o.${attr(r)} AS ${groupColumn(r)}`))}
    least(greatest(o.probability, 0), 1) AS p, f.outcome IN ('won', 'lost') AS resolved, f.outcome = 'won' AS won
  FROM obs o LEFT JOIN fin f ON f.deal_key = o.deal_key
  WHERE o.outcome = 'open'
  ${once}
),
x AS (SELECT *, CAST(least(floor(p * ${buckets} + 1e-9), ${buckets - 1}) AS INTEGER) AS bucket FROM cal)
SELECT ${leading(groupCols)} bucket,
  count(*) FILTER (WHERE resolved AND p IS NOT NULL) AS n,
  count(*) FILTER (WHERE won AND p IS NOT NULL) AS won,
  sum(p) FILTER (WHERE resolved) AS sum_p,
  sum((p - CASE WHEN won THEN 1 ELSE 0 END) ** 2) FILTER (WHERE resolved) AS squared,
  count(*) FILTER (WHERE NOT coalesce(resolved, FALSE) AND p IS NOT NULL) AS unresolved,
  count(*) FILTER (WHERE p IS NULL) AS unrated
FROM x
GROUP BY ${leading(groupCols)} bucket`;
  return ok({ sql, params: params.values });
}

export async function runCalibration(conn: DuckDBConnection, ctx: ForecastContext, request: CalibrationRequest): Promise<Result<CalibrationResult>> {
  const built = calibrationSql(ctx, request);
  if (!built.ok) return built;
  const by = [...new Set(request.by ?? [])];
  const buckets = request.buckets ?? DEFAULT_BUCKETS;
  const observations = request.observations ?? 'every';
  const order = stageOrderOf(ctx, request.stageOrder);
  const raw = (await conn.runAndReadAll(built.value.sql, built.value.params)).getRowObjectsJS();

  // One row per group and bucket: the group totals, the overall buckets and the overall total are
  // their sums (every figure adds up; means and rates are taken after).
  interface Sums {
    n: number;
    won: number;
    sumP: number;
    squared: number;
    unresolved: number;
    unrated: number;
  }
  const zero = (): Sums => ({ n: 0, won: 0, sumP: 0, squared: 0, unresolved: 0, unrated: 0 });
  const add = (to: Sums, r: Sums) => {
    for (const k of Object.keys(to) as (keyof Sums)[]) to[k] += r[k];
  };
  const groups = new Map<string, { group: ForecastGroup; total: boolean; sums: Sums; buckets: Sums[] }>();
  const groupFor = (total: boolean, group: ForecastGroup) => {
    const k = total ? 'total' : groupKey(group);
    let g = groups.get(k);
    if (!g) {
      g = { group, total, sums: zero(), buckets: Array.from({ length: buckets }, zero) };
      groups.set(k, g);
    }
    return g;
  };
  groupFor(true, {});
  for (const r of raw) {
    const sums: Sums = { n: num(r.n), won: num(r.won), sumP: num(r.sum_p), squared: num(r.squared), unresolved: num(r.unresolved), unrated: num(r.unrated) };
    const bucket = r.bucket === null || r.bucket === undefined ? null : num(r.bucket);
    for (const g of by.length ? [groupFor(true, {}), groupFor(false, groupOf(r, by))] : [groupFor(true, {})]) {
      add(g.sums, sums);
      if (bucket !== null && g.buckets[bucket]) add(g.buckets[bucket], sums);
    }
  }
  const rate = (s: Sums) => (s.n > 0 ? s.won / s.n : null);
  const mean = (s: Sums) => (s.n > 0 ? s.sumP / s.n : null);
  const list: CalibrationGroup[] = [...groups.values()].map((g) => {
    const meanProbability = mean(g.sums);
    const winRate = rate(g.sums);
    return {
      group: g.group,
      total: g.total,
      resolved: g.sums.n,
      won: g.sums.won,
      unresolved: g.sums.unresolved,
      unrated: g.sums.unrated,
      meanProbability,
      winRate,
      gap: meanProbability !== null && winRate !== null ? meanProbability - winRate : null,
      brier: g.sums.n > 0 ? g.sums.squared / g.sums.n : null,
      buckets: g.buckets.map((b, i): CalibrationBucket => {
        const ci = wilsonInterval(b.won, b.n);
        return {
          from: i / buckets,
          to: (i + 1) / buckets,
          count: b.n,
          won: b.won,
          lost: b.n - b.won,
          meanProbability: mean(b),
          winRate: rate(b),
          low: ci?.low ?? null,
          high: ci?.high ?? null,
        };
      }),
    };
  });
  list.sort(
    (a, b) => Number(b.total) - Number(a.total) || (b.gap ?? -Infinity) - (a.gap ?? -Infinity) || compareGroups(a.group, b.group, by),
  );
  return ok({ basis: basisOf(ctx, order, request.filters), by, observations, buckets, groups: list });
}

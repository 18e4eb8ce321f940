// Probability calibration: the snapshot rows of open deals bucketed by the probability entered
// (the stage's mean probability when empty) against the share of them whose deal was won in the
// end — the reliability diagram, with counts and Wilson intervals, in total and per group (a rep:
// the optimist sits below the diagonal, the sandbagger above; a stage: the miscalibrated one).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Result } from '../../../shared/api';
import { ok } from '../../../shared/api';
import type { CalibrationBucket, CalibrationGroup, CalibrationRequest, CalibrationResult } from '../../../shared/forecast/types';
import { wilsonInterval } from '../../../shared/model/kpis';
import { basisOf, missingRoles, missingRolesError, stageOrderOf, type ForecastContext } from './context';
import { attr, dealCtes } from './deals-sql';
import { compareGroups, groupColumn, groupKey, groupOf, leading } from './groups';
import { num, numOrNull, Params, type BuiltSql } from './sql';

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
  ${groupCols.length ? `grouping(${groupCols.join(', ')})` : '0'} AS rolled_group, grouping(bucket) AS rolled_bucket,
  count(*) FILTER (WHERE resolved AND p IS NOT NULL) AS n,
  count(*) FILTER (WHERE won AND p IS NOT NULL) AS won,
  count(*) FILTER (WHERE resolved AND NOT won AND p IS NOT NULL) AS lost,
  avg(p) FILTER (WHERE resolved) AS mean_p,
  sum((p - CASE WHEN won THEN 1 ELSE 0 END) ** 2) FILTER (WHERE resolved) AS squared,
  count(*) FILTER (WHERE NOT coalesce(resolved, FALSE) AND p IS NOT NULL) AS unresolved,
  count(*) FILTER (WHERE p IS NULL) AS unrated
FROM x
GROUP BY GROUPING SETS (${groupCols.length ? `(${groupCols.join(', ')}, bucket), (${groupCols.join(', ')}), ` : ''}(bucket), ())`;
  return ok({ sql, params: params.values });
}

export async function runCalibration(conn: DuckDBConnection, ctx: ForecastContext, request: CalibrationRequest): Promise<Result<CalibrationResult>> {
  const built = calibrationSql(ctx, request);
  if (!built.ok) return built;
  const by = [...new Set(request.by ?? [])];
  const groupCols = by.map(groupColumn);
  const buckets = request.buckets ?? DEFAULT_BUCKETS;
  const observations = request.observations ?? 'every';
  const order = stageOrderOf(ctx, request.stageOrder);
  const raw = (await conn.runAndReadAll(built.value.sql, built.value.params)).getRowObjectsJS();

  const groups = new Map<string, CalibrationGroup>();
  const groupFor = (total: boolean, row: Record<string, unknown>) => {
    const group = total ? {} : groupOf(row, by);
    const k = total ? 'total' : groupKey(group);
    let g = groups.get(k);
    if (!g) {
      g = {
        group,
        total,
        resolved: 0,
        won: 0,
        unresolved: 0,
        unrated: 0,
        meanProbability: null,
        winRate: null,
        gap: null,
        brier: null,
        buckets: Array.from({ length: buckets }, (_, i): CalibrationBucket => ({
          from: i / buckets,
          to: (i + 1) / buckets,
          count: 0,
          won: 0,
          lost: 0,
          meanProbability: null,
          winRate: null,
          low: null,
          high: null,
        })),
      };
      groups.set(k, g);
    }
    return g;
  };
  for (const r of raw) {
    const total = groupCols.length === 0 || num(r.rolled_group) !== 0;
    const g = groupFor(total, r);
    const n = num(r.n);
    const won = num(r.won);
    if (num(r.rolled_bucket) !== 0) {
      g.resolved = n;
      g.won = won;
      g.unresolved = num(r.unresolved);
      g.unrated = num(r.unrated);
      g.meanProbability = n > 0 ? numOrNull(r.mean_p) : null;
      g.winRate = n > 0 ? won / n : null;
      g.gap = g.meanProbability !== null && g.winRate !== null ? g.meanProbability - g.winRate : null;
      g.brier = n > 0 ? num(r.squared) / n : null;
      continue;
    }
    if (r.bucket === null || r.bucket === undefined) continue; // the unrated rows
    const b = g.buckets[num(r.bucket)];
    if (!b) continue;
    const ci = wilsonInterval(won, n);
    Object.assign(b, {
      count: n,
      won,
      lost: num(r.lost),
      meanProbability: n > 0 ? numOrNull(r.mean_p) : null,
      winRate: n > 0 ? won / n : null,
      low: ci?.low ?? null,
      high: ci?.high ?? null,
    });
  }
  groupFor(true, {});
  const list = [...groups.values()].sort(
    (a, b) => Number(b.total) - Number(a.total) || (b.gap ?? -Infinity) - (a.gap ?? -Infinity) || compareGroups(a.group, b.group, by),
  );
  return ok({ basis: basisOf(ctx, order, request.filters), by, observations, buckets, groups: list });
}

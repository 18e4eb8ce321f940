// Probability sanity over time (a seed rule of DOMAIN.md): in each snapshot, the mean probability
// entered at each open stage should rise stage after stage. Per snapshot and over all of them,
// with, per stage, the share of its snapshot rows whose deal was won in the end (what the
// probability should have been).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Result } from '../../../shared/api';
import { ok } from '../../../shared/api';
import type { StageProbability, StageSanityRequest, StageSanityResult, StageSanitySnapshot, StageViolation } from '../../../shared/forecast/types';
import { basisOf, missingRoles, missingRolesError, stageOrderOf, type ForecastContext } from './context';
import { dealCtes } from './deals-sql';
import { num, Params, type BuiltSql } from './sql';

/** The stages whose mean probability is below the nearest earlier stage's that has one. */
export function violations(stages: readonly StageProbability[]): StageViolation[] {
  const out: StageViolation[] = [];
  let previous: StageProbability | null = null;
  for (const s of stages) {
    if (s.meanProbability === null) continue;
    if (previous && previous.meanProbability !== null && s.meanProbability < previous.meanProbability - 1e-9) {
      out.push({ stage: s.stage, previousStage: previous.stage, meanProbability: s.meanProbability, previousMeanProbability: previous.meanProbability });
    }
    previous = s;
  }
  return out;
}

/** The sanity query: per snapshot and stage, and per stage over every snapshot. */
export function stageSanitySql(ctx: ForecastContext, request: StageSanityRequest): Result<BuiltSql> {
  const missing = missingRoles(ctx, { snapshot: ['stage', 'probability'], either: (request.filters ?? []).map((f) => f.role) });
  if (missing.length) return missingRolesError(ctx, 'Probability sanity', missing);
  const order = stageOrderOf(ctx, request.stageOrder);
  const params = new Params();
  const ctes = dealCtes(
    ctx,
    { fields: ['probability', 'stage'], finFields: [], attrs: [], filters: request.filters, order: order.stages, snapshots: { from: request.from, to: request.to } },
    params,
  );
  const sql = `WITH ${ctes}
SELECT strftime(o.snap, '%Y-%m-%d') AS d, o.stage,
  count(*) AS deals, sum(o.probability_entered) AS sum_p, count(o.probability_entered) AS rated,
  count(*) FILTER (WHERE f.outcome IN ('won', 'lost')) AS resolved, count(*) FILTER (WHERE f.outcome = 'won') AS won
FROM obs o LEFT JOIN fin f ON f.deal_key = o.deal_key
WHERE o.outcome = 'open' AND o.stage IS NOT NULL
GROUP BY o.snap, o.stage`;
  return ok({ sql, params: params.values });
}

export async function runStageSanity(conn: DuckDBConnection, ctx: ForecastContext, request: StageSanityRequest): Promise<Result<StageSanityResult>> {
  const built = stageSanitySql(ctx, request);
  if (!built.ok) return built;
  const order = stageOrderOf(ctx, request.stageOrder);
  const raw = (await conn.runAndReadAll(built.value.sql, built.value.params)).getRowObjectsJS();
  // One row per snapshot and stage; the overall figures per stage are their sums.
  interface Sums {
    deals: number;
    sumP: number;
    rated: number;
    resolved: number;
    won: number;
  }
  const zero = (): Sums => ({ deals: 0, sumP: 0, rated: 0, resolved: 0, won: 0 });
  const bySnapshot = new Map<string, Map<string, Sums>>();
  const overall = new Map<string, Sums>(order.stages.map((stage) => [stage, zero()]));
  for (const r of raw) {
    const sums: Sums = { deals: num(r.deals), sumP: num(r.sum_p), rated: num(r.rated), resolved: num(r.resolved), won: num(r.won) };
    const stage = String(r.stage);
    const date = String(r.d);
    if (!bySnapshot.has(date)) bySnapshot.set(date, new Map());
    bySnapshot.get(date)!.set(stage, sums);
    const all = overall.get(stage);
    if (all) for (const k of Object.keys(all) as (keyof Sums)[]) all[k] += sums[k];
  }
  const probability = (stage: string, s: Sums | undefined) => ({ stage, deals: s?.deals ?? 0, meanProbability: s && s.rated > 0 ? s.sumP / s.rated : null });
  const snapshots: StageSanitySnapshot[] = [...bySnapshot.keys()].sort().map((date) => {
    const stages = order.stages.map((stage) => probability(stage, bySnapshot.get(date)!.get(stage)));
    const v = violations(stages);
    return { date, stages, rising: v.length === 0, violations: v };
  });
  const overallStages = order.stages.map((stage) => {
    const s = overall.get(stage)!;
    return { ...probability(stage, s), resolved: s.resolved, winRate: s.resolved > 0 ? s.won / s.resolved : null };
  });
  const v = violations(overallStages);
  return ok({ basis: basisOf(ctx, order, request.filters), snapshots, overall: { stages: overallStages, rising: v.length === 0, violations: v } });
}

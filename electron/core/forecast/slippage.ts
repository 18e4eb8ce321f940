// Slippage and drift, per deal then per group: how many times each deal's expected close date was
// pushed later (flagged at flagPushes or more), the days that added, its returns to an earlier
// stage, and the drift of its amount from the first estimate seen to the final one.
//
// A deal's observations are its snapshot rows in date order, then — when outcomes come from
// another source and no end date restricts the snapshots — that source's row (its latest known
// state). A push is an observation whose expected close date is later than the previous one's,
// the previous one being open. A regression is an observation at an earlier open stage than the
// previous one (process order). The final amount is the latest known state's (the signed amount
// of a won deal), else the last snapshot's.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Result } from '../../../shared/api';
import { ok } from '../../../shared/api';
import {
  DEFAULT_FLAG_PUSHES,
  SLIPPAGE_DEAL_COLUMNS,
  type ForecastDealWindow,
  type SlippageDealsRequest,
  type ForecastGroup,
  type SlippageGroup,
  type SlippageRequest,
  type SlippageResult,
} from '../../../shared/forecast/types';
import { quoteIdent } from '../../../shared/spec/quote';
import { queryToArrow } from '../query/arrow';
import { basisOf, missingRoles, missingRolesError, needsHistory, stageOrderOf, type ForecastContext } from './context';
import { attr, dealCtes } from './deals-sql';
import { compareGroups, groupColumn, groupOf, leading } from './groups';
import { num, Params, type BuiltSql } from './sql';

function check(ctx: ForecastContext, request: SlippageRequest): Result<true> {
  const single = needsHistory<true>(ctx, 'Slippage');
  if (single) return single;
  const missing = missingRoles(ctx, {
    snapshot: ['expected_close_at', 'amount'],
    either: [...(request.by ?? []), ...(request.filters ?? []).map((f) => f.role)],
  });
  if (missing.length) return missingRolesError(ctx, 'Slippage', missing);
  return ok(true);
}

/**
 * The CTE `perd`: one row per deal seen in the snapshots (see the header); with `list`, the
 * columns of the deal list too (name, account, owner, dates: the group figures need none).
 */
function perDeal(ctx: ForecastContext, request: SlippageRequest, params: Params, list: boolean): { sql: string; by: string[] } {
  const by = [...new Set(request.by ?? [])];
  const order = stageOrderOf(ctx, request.stageOrder).stages;
  const owner = list && (ctx.snap.has('owner') || (ctx.out ?? ctx.snap).has('owner'));
  const attrs = [...new Set([...by, ...(owner ? ['owner'] : [])])];
  const flag = request.flagPushes ?? DEFAULT_FLAG_PUSHES;
  const ctes = dealCtes(
    ctx,
    {
      fields: list ? ['amount', 'expected_close', 'stage_pos', 'deal_name', 'account'] : ['amount', 'expected_close', 'stage_pos'],
      finFields: ['amount', 'expected_close'],
      attrs,
      filters: request.filters,
      order,
      snapshots: { from: request.from, to: request.to },
    },
    params,
  );
  // The outcome source's row is the last observation (see the header): compared with the last
  // snapshot row after the per-deal aggregation, which spares the window a union.
  const tail = Boolean(ctx.out) && !request.to;
  const carried = [...(list ? ['deal_name', 'account'] : []), ...attrs.map(attr)];
  const pushed = `prev_outcome = 'open' AND expected_close > prev_close`;
  const tailPushed = `p.last_outcome = 'open' AND f.expected_close > p.last_close`;
  const sql = `WITH ${ctes},
seq AS (
  SELECT *, lag(expected_close) OVER w AS prev_close, lag(outcome) OVER w AS prev_outcome, lag(stage_pos) OVER w AS prev_pos
  FROM obs WINDOW w AS (PARTITION BY deal_key ORDER BY snap)
),
per AS (
  SELECT deal_key,
    count(*) FILTER (WHERE ${pushed}) AS pushes,
    coalesce(sum(date_diff('day', prev_close, expected_close)) FILTER (WHERE ${pushed}), 0) AS days_pushed,
    count(*) FILTER (WHERE stage_pos < prev_pos) AS regressions,
    arg_min(amount, snap) AS first_amount, arg_max(amount, snap) AS last_amount,
    arg_max(expected_close, snap) AS last_close, arg_max(outcome, snap) AS last_outcome${
      list ? `, count(*) AS observations, min(snap) AS first_seen, max(snap) AS last_seen, arg_min(expected_close, snap) AS first_close` : ''
    }${carried.map((c) => `, arg_max(${c}, snap) AS ${c}`).join('')}
  FROM seq GROUP BY deal_key
),
perd AS (
  SELECT p.* REPLACE (${
    tail
      ? `p.pushes + CASE WHEN ${tailPushed} THEN 1 ELSE 0 END AS pushes,
      p.days_pushed + CASE WHEN ${tailPushed} THEN date_diff('day', p.last_close, f.expected_close) ELSE 0 END AS days_pushed`
      : 'p.pushes AS pushes'
  }),
    ${tail ? `p.pushes + CASE WHEN ${tailPushed} THEN 1 ELSE 0 END` : 'p.pushes'} >= ${flag} AS flagged,
    coalesce(f.amount, p.last_amount) AS final_amount, coalesce(f.amount, p.last_amount) - p.first_amount AS amount_drift,
    ${tail ? 'coalesce(f.expected_close, p.last_close)' : 'p.last_close'} AS last_expected_close,
    f.outcome AS outcome
  FROM per p LEFT JOIN fin f USING (deal_key)
)`;
  return { sql, by };
}

/** The slippage query: one row per group (and in total). */
export function slippageSql(ctx: ForecastContext, request: SlippageRequest): Result<BuiltSql> {
  const checked = check(ctx, request);
  if (!checked.ok) return checked;
  const params = new Params();
  const { sql: base, by } = perDeal(ctx, request, params, false);
  // One row per group; the total is their sum (every figure adds up).
  const sql = `${base}
SELECT ${leading(by.map((r) => `${attr(r)} AS ${groupColumn(r)}`))}
  count(*) AS deals, count(*) FILTER (WHERE pushes > 0) AS pushed_deals, count(*) FILTER (WHERE flagged) AS flagged_deals,
  coalesce(sum(pushes), 0) AS pushes, coalesce(sum(days_pushed), 0) AS days_pushed,
  count(*) FILTER (WHERE regressions > 0) AS regressed_deals, coalesce(sum(regressions), 0) AS regressions,
  coalesce(sum(first_amount) FILTER (WHERE final_amount IS NOT NULL), 0) AS first_amount,
  coalesce(sum(final_amount) FILTER (WHERE first_amount IS NOT NULL), 0) AS final_amount
FROM perd${by.length ? `\nGROUP BY ${by.map(attr).join(', ')}` : ''}`;
  return ok({ sql, params: params.values });
}

export async function runSlippage(conn: DuckDBConnection, ctx: ForecastContext, request: SlippageRequest): Promise<Result<SlippageResult>> {
  const built = slippageSql(ctx, request);
  if (!built.ok) return built;
  const by = [...new Set(request.by ?? [])];
  const flag = request.flagPushes ?? DEFAULT_FLAG_PUSHES;
  const raw = (await conn.runAndReadAll(built.value.sql, built.value.params)).getRowObjectsJS();
  const figures = (r: Record<string, unknown>) => ({
    deals: num(r.deals),
    pushedDeals: num(r.pushed_deals),
    flaggedDeals: num(r.flagged_deals),
    pushes: num(r.pushes),
    daysPushed: num(r.days_pushed),
    regressedDeals: num(r.regressed_deals),
    regressions: num(r.regressions),
    firstAmount: num(r.first_amount),
    finalAmount: num(r.final_amount),
  });
  const withDrift = (group: ForecastGroup, total: boolean, f: ReturnType<typeof figures>): SlippageGroup => ({
    group,
    total,
    ...f,
    amountDrift: f.finalAmount - f.firstAmount,
    amountDriftRatio: f.firstAmount !== 0 ? (f.finalAmount - f.firstAmount) / f.firstAmount : null,
  });
  const rows = raw.map((r) => ({ group: groupOf(r, by), f: figures(r) }));
  const sum = rows.reduce(
    (acc, { f }) => {
      for (const k of Object.keys(acc) as (keyof typeof acc)[]) acc[k] += f[k];
      return acc;
    },
    figures({}),
  );
  const groups = [withDrift({}, true, sum), ...(by.length ? rows.map((r) => withDrift(r.group, false, r.f)) : [])];
  const share = (g: SlippageGroup) => (g.deals > 0 ? g.flaggedDeals / g.deals : 0);
  groups.sort((a, b) => Number(b.total) - Number(a.total) || share(b) - share(a) || compareGroups(a.group, b.group, by));
  return ok({ basis: basisOf(ctx, stageOrderOf(ctx, request.stageOrder), request.filters), by, flagPushes: flag, groups });
}

const DEAL_COLUMNS_SQL: Record<(typeof SLIPPAGE_DEAL_COLUMNS)[number], string> = {
  deal_key: 'deal_key',
  deal_name: 'deal_name',
  account: 'account',
  owner: 'NULL',
  observations: 'observations',
  first_seen: 'first_seen',
  last_seen: 'last_seen',
  pushes: 'pushes',
  days_pushed: 'days_pushed',
  flagged: 'flagged',
  first_expected_close: 'first_close',
  last_expected_close: 'last_expected_close',
  regressions: 'regressions',
  first_amount: 'first_amount',
  final_amount: 'final_amount',
  amount_drift: 'amount_drift',
  outcome: 'outcome',
};

/** The deals behind a slippage figure (a group, at least so many pushes), as a paged Arrow window. */
export async function slippageDeals(conn: DuckDBConnection, ctx: ForecastContext, request: SlippageDealsRequest): Promise<Result<ForecastDealWindow>> {
  const groupRoles = Object.keys(request.group ?? {});
  const checked = check(ctx, { ...request, by: [...new Set([...(request.by ?? []), ...groupRoles])] });
  if (!checked.ok) return checked;
  const params = new Params();
  const { sql: base } = perDeal(ctx, { ...request, by: [...new Set([...(request.by ?? []), ...groupRoles])] }, params, true);
  const where: string[] = [];
  for (const [role, value] of Object.entries(request.group ?? {})) {
    where.push(value === null ? `${attr(role)} IS NULL` : `${attr(role)} = ${params.p(value)}`);
  }
  if (request.minPushes !== undefined) where.push(`pushes >= ${params.p(request.minPushes)}`);
  const owner = ctx.snap.has('owner') || (ctx.out ?? ctx.snap).has('owner');
  const columns = { ...DEAL_COLUMNS_SQL, owner: owner ? attr('owner') : 'NULL::VARCHAR' };
  const select = SLIPPAGE_DEAL_COLUMNS.map((c) => `${columns[c]} AS ${quoteIdent(c)}`).join(', ');
  const sort = request.sort
    ? `${quoteIdent(request.sort.column)} ${request.sort.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, `
    : 'pushes DESC, days_pushed DESC, ';
  const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const sql = `${base}\nSELECT ${select} FROM perd${filter}\nORDER BY ${sort}deal_key\nLIMIT ${request.limit} OFFSET ${request.offset}`;
  const total = num((await conn.runAndReadAll(`${base}\nSELECT count(*) AS n FROM perd${filter}`, params.values)).getRowObjectsJS()[0]?.n);
  const arrow = await queryToArrow(conn, sql, params.values);
  return ok({ ipc: arrow.ipc, offset: request.offset, rowCount: arrow.rowCount, totalRows: total, columns: [...SLIPPAGE_DEAL_COLUMNS], sql, params: params.values });
}

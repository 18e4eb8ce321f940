// Pipeline movement between two snapshots, as a waterfall (shared/forecast/types.ts
// MOVEMENT_BUCKETS says what each bar holds), and the deals behind each bar. One query: the two
// snapshots full-joined on the deal key, each deal classified once, so that start + bars = end.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Result } from '../../../shared/api';
import { fail, ok } from '../../../shared/api';
import {
  MOVEMENT_BUCKETS,
  MOVEMENT_DEAL_COLUMNS,
  type ForecastDealWindow,
  type MovementBar,
  type MovementDealsRequest,
  type MovementRequest,
  type MovementResult,
  type MovementSelection,
} from '../../../shared/forecast/types';
import { quoteIdent } from '../../../shared/spec/quote';
import { queryToArrow } from '../query/arrow';
import { basisOf, missingRoles, missingRolesError, needsHistory, stageOrderOf, type ForecastContext } from './context';
import { attr, dealCtes } from './deals-sql';
import { num, Params, type BuiltSql } from './sql';

function check(ctx: ForecastContext, request: MovementRequest): Result<true> {
  const single = needsHistory<true>(ctx, 'Pipeline movement');
  if (single) return single;
  for (const [field, date] of [['from', request.from], ['to', request.to]] as const) {
    if (!ctx.snapshotDates.includes(date)) {
      return fail('NOT_FOUND', `"${ctx.source.name}" has no snapshot dated ${date} (it has ${ctx.snapshotDates.join(', ')})`, { location: { field } });
    }
  }
  if (request.from >= request.to) return fail('INVALID_ARGUMENT', `the starting snapshot (${request.from}) must be older than the ending one (${request.to})`, { location: { field: 'from' } });
  if (request.period && request.period.from >= request.period.to) {
    return fail('INVALID_ARGUMENT', `the period must end after it starts (${request.period.from} .. ${request.period.to})`, { location: { field: 'period' } });
  }
  const missing = missingRoles(ctx, { snapshot: ['amount', ...(request.period ? ['expected_close_at'] : [])], either: (request.filters ?? []).map((f) => f.role) });
  if (missing.length) return missingRolesError(ctx, 'Pipeline movement', missing);
  return ok(true);
}

/**
 * The classified deals (CTE `cls`), one row per deal in the starting or ending pipeline; with
 * `list`, the columns of the deal list too (names, stages, probabilities: the bars need none).
 */
function classified(ctx: ForecastContext, request: MovementRequest, params: Params, list: boolean): string {
  const order = stageOrderOf(ctx, request.stageOrder).stages;
  const owner = list && (ctx.snap.has('owner') || (ctx.out ?? ctx.snap).has('owner'));
  const ctes = dealCtes(
    ctx,
    {
      fields: list ? ['amount', 'expected_close', 'stage', 'probability', 'deal_name', 'account'] : ['amount', 'expected_close'],
      finFields: list ? ['amount', 'closed_at'] : ['amount'],
      attrs: owner ? ['owner'] : [],
      filters: request.filters,
      order,
      snapshots: { dates: [request.from, request.to] },
    },
    params,
  );
  const a = params.day(request.from);
  const b = params.day(request.to);
  const p = request.period ? { from: params.day(request.period.from), to: params.day(request.period.to) } : null;
  const inPeriod = (close: string) => (p ? `(${close} >= ${p.from} AND ${close} < ${p.to})` : 'TRUE');
  const before = (close: string) => (p ? `(${close} IS NOT NULL AND ${close} < ${p.from})` : 'FALSE');
  return `WITH ${ctes},
a AS (SELECT * FROM obs WHERE snap = ${a}),
b AS (SELECT * FROM obs WHERE snap = ${b}),
pair AS (
  SELECT coalesce(a.deal_key, b.deal_key) AS deal_key,
    coalesce(a.outcome = 'open', FALSE) AS a_open, coalesce(b.outcome = 'open', FALSE) AS b_open, b.outcome AS b_outcome,
    a.amount AS amount_start, b.amount AS amount_end, a.expected_close AS close_start, b.expected_close AS close_end${
      list
        ? `,
    a.stage AS stage_start, b.stage AS stage_end, a.probability AS probability_start, b.probability AS probability_end,
    coalesce(b.deal_name, a.deal_name) AS deal_name, coalesce(b.account, a.account) AS account,
    ${owner ? `coalesce(b.${attr('owner')}, a.${attr('owner')})` : 'NULL::VARCHAR'} AS owner`
        : ''
    }
  FROM a FULL JOIN b ON a.deal_key = b.deal_key
),
scoped AS (
  SELECT *, a_open AND coalesce(${inPeriod('close_start')}, FALSE) AS in_a, b_open AND coalesce(${inPeriod('close_end')}, FALSE) AS in_b FROM pair
),
bars AS (
  SELECT s.*, f.outcome AS final_outcome, f.amount AS final_amount${list ? ', f.closed_at AS final_closed_at' : ''},
    CASE
      WHEN in_a AND in_b THEN CASE WHEN coalesce(amount_end, 0) > coalesce(amount_start, 0) THEN 'increased'
                                   WHEN coalesce(amount_end, 0) < coalesce(amount_start, 0) THEN 'decreased' ELSE 'unchanged' END
      WHEN in_a AND b_open THEN CASE WHEN ${before('close_end')} THEN 'pulled_out' ELSE 'pushed_out' END
      WHEN in_a THEN CASE WHEN b_outcome IN ('won', 'lost') THEN b_outcome WHEN f.outcome IN ('won', 'lost') THEN f.outcome ELSE 'dropped' END
      WHEN a_open THEN CASE WHEN ${before('close_start')} THEN 'pushed_in' ELSE 'pulled_in' END
      ELSE 'new'
    END AS bar
  FROM scoped s LEFT JOIN fin f ON f.deal_key = s.deal_key
  WHERE in_a OR in_b
),
cls AS (
  SELECT *,
    CASE WHEN bar IN ('increased', 'decreased') THEN coalesce(amount_end, 0) - coalesce(amount_start, 0)
         WHEN bar = 'unchanged' THEN 0
         WHEN bar IN ('new', 'pulled_in', 'pushed_in') THEN coalesce(amount_end, 0)
         ELSE -coalesce(amount_start, 0) END AS change,
    CASE WHEN bar = 'won' THEN coalesce(CASE WHEN b_outcome = 'won' THEN amount_end END, final_amount) END AS won_amount
  FROM bars
)`;
}

/** The waterfall's query: one row per bar (and start, end) with its deals and amount. */
export function movementSql(ctx: ForecastContext, request: MovementRequest): Result<BuiltSql> {
  const checked = check(ctx, request);
  if (!checked.ok) return checked;
  const params = new Params();
  const sql = `${classified(ctx, request, params, false)}
SELECT bar, count(*) AS deals, coalesce(sum(change), 0) AS amount, coalesce(sum(won_amount), 0) AS won_amount FROM cls GROUP BY bar
UNION ALL SELECT 'start', count(*), coalesce(sum(coalesce(amount_start, 0)), 0), 0 FROM cls WHERE in_a
UNION ALL SELECT 'end', count(*), coalesce(sum(coalesce(amount_end, 0)), 0), 0 FROM cls WHERE in_b`;
  return ok({ sql, params: params.values });
}

export async function runMovement(conn: DuckDBConnection, ctx: ForecastContext, request: MovementRequest): Promise<Result<MovementResult>> {
  const built = movementSql(ctx, request);
  if (!built.ok) return built;
  const rows = (await conn.runAndReadAll(built.value.sql, built.value.params)).getRowObjectsJS();
  const byBar = new Map(rows.map((r) => [String(r.bar), r]));
  const bar = (id: MovementSelection): MovementBar => {
    const r = byBar.get(id);
    return { id, amount: num(r?.amount), deals: num(r?.deals) };
  };
  return ok({
    basis: basisOf(ctx, stageOrderOf(ctx, request.stageOrder), request.filters),
    from: request.from,
    to: request.to,
    period: request.period ?? null,
    start: bar('start'),
    buckets: MOVEMENT_BUCKETS.map(bar),
    end: bar('end'),
    wonAmount: num(byBar.get('won')?.won_amount),
  });
}

const DEAL_COLUMNS_SQL: Record<(typeof MOVEMENT_DEAL_COLUMNS)[number], string> = {
  deal_key: 'deal_key',
  deal_name: 'deal_name',
  account: 'account',
  owner: 'owner',
  bar: 'bar',
  change: 'change',
  amount_start: 'amount_start',
  amount_end: 'amount_end',
  stage_start: 'stage_start',
  stage_end: 'stage_end',
  probability_start: 'probability_start',
  probability_end: 'probability_end',
  expected_close_start: 'close_start',
  expected_close_end: 'close_end',
  outcome: 'final_outcome',
  closed_at: 'final_closed_at',
  final_amount: 'final_amount',
};

/** The deals of one bar (or of the starting / ending pipeline), as a paged Arrow window. */
export async function movementDeals(conn: DuckDBConnection, ctx: ForecastContext, request: MovementDealsRequest): Promise<Result<ForecastDealWindow>> {
  const checked = check(ctx, request);
  if (!checked.ok) return checked;
  const params = new Params();
  const base = classified(ctx, request, params, true);
  const where = request.bar === 'start' ? 'in_a' : request.bar === 'end' ? 'in_b' : `bar = ${params.p(request.bar)}`;
  const select = MOVEMENT_DEAL_COLUMNS.map((c) => `${DEAL_COLUMNS_SQL[c]} AS ${quoteIdent(c)}`).join(', ');
  const sort = request.sort
    ? `${quoteIdent(request.sort.column)} ${request.sort.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, `
    : 'abs(change) DESC, ';
  const sql = `${base}\nSELECT ${select} FROM cls WHERE ${where}\nORDER BY ${sort}deal_key\nLIMIT ${request.limit} OFFSET ${request.offset}`;
  // The count reads none of the list's columns (names, stages): the bars' own query, narrowed.
  const countParams = new Params();
  const countBase = classified(ctx, request, countParams, false);
  const countWhere = request.bar === 'start' ? 'in_a' : request.bar === 'end' ? 'in_b' : `bar = ${countParams.p(request.bar)}`;
  const total = num((await conn.runAndReadAll(`${countBase}\nSELECT count(*) AS n FROM cls WHERE ${countWhere}`, countParams.values)).getRowObjectsJS()[0]?.n);
  const arrow = await queryToArrow(conn, sql, params.values);
  return ok({
    ipc: arrow.ipc,
    offset: request.offset,
    rowCount: arrow.rowCount,
    totalRows: total,
    columns: [...MOVEMENT_DEAL_COLUMNS],
    sql,
    params: params.values,
  });
}

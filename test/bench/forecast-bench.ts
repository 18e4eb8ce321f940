// The forecast part of `npm run bench` (issue 7): 24 monthly pipeline snapshots of about 100k open
// deals each (BENCH_FORECAST_DEALS), plus the deals export holding every outcome, generated here
// (seeded by DuckDB's hash of the deal number: the same files every run) and imported through the
// app. Each forecast operation is timed three ways:
//   app  the CoreApi operation (its forecast context already read, as after the first call);
//   raw  the very SQL the app builds, run by DuckDB on a plain connection of the same database:
//        app / raw is the app's own cost (reading results, shaping them);
//   ref  a hand-written query doing comparable work on the same tables (joins on deal_id, lag
//        windows, group by) without the generic parts (identity normalisation, filters, stage
//        defaults, outcome source): app / ref is the price of being generic.
// Also printed: the first call's context read (outcome values, probability scale, stage stats,
// duplicate keys, outcome source), once per data version.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CoreApi } from '../../electron/core/api';
import { calibrationSql } from '../../electron/core/forecast/calibration';
import type { ForecastContext } from '../../electron/core/forecast/context';
import { forecastAccuracySql } from '../../electron/core/forecast/forecast-accuracy';
import { movementSql } from '../../electron/core/forecast/movement';
import { stageSanitySql } from '../../electron/core/forecast/sanity';
import { ForecastService } from '../../electron/core/forecast/service';
import type { BuiltSql } from '../../electron/core/forecast/sql';
import { slippageSql } from '../../electron/core/forecast/slippage';
import type { Result } from '../../shared/api';
import { quoteIdent, quoteLiteral } from '../../shared/spec/quote';
import type { TimePair } from './kpi-bench';

export interface ForecastBenchContext {
  runs: number;
  timePair: TimePair;
  pct: (values: number[], p: number) => number;
  fmt: (ms: number) => string;
  pad: (s: string, n: number) => string;
}

const SNAPSHOTS = 24;
/** Created months span 30 (6 before the first snapshot) and deals stay open 1 to 6 months (3.5 on average). */
const CREATED_MONTHS = 30;
const MEAN_LIFE = 3.5;
const STAGES = ['Prospecting', 'Qualification', 'Needs analysis', 'Proposal', 'Negotiation'];

const monthStart = (m: string) => `(DATE '2024-01-01' + to_months(${m}))`;

/** Writes the snapshots and the deals export; returns their paths and row counts. */
export async function writeForecastExports(dir: string, openPerSnapshot: number): Promise<{ snapshots: { date: string; path: string }[]; deals: string; rows: number }> {
  const total = Math.round((openPerSnapshot * CREATED_MONTHS) / MEAN_LIFE);
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const stage = (idx: string) => `[${STAGES.map(quoteLiteral).join(', ')}][${idx} + 1]`;
    await conn.run(`CREATE TABLE gen AS SELECT i,
        CAST(hash(i, 1) % ${CREATED_MONTHS} AS INTEGER) - 6 AS c,
        1 + CAST(hash(i, 2) % 6 AS INTEGER) AS life,
        CAST(hash(i, 3) % 28 AS INTEGER) AS cday,
        CAST(hash(i, 4) % 50 AS INTEGER) AS rep,
        CAST(hash(i, 5) % 20000 AS INTEGER) AS acct,
        round(500 + CAST(hash(i, 6) % 5000000 AS DOUBLE) / 100, 2) AS amount0,
        hash(i, 7) % 100 < 30 AS won,
        CAST(hash(i, 8) % 4 AS INTEGER) AS slip
      FROM range(${total}) t(i)`);
    // A deal at snapshot s (open when c < s <= c + life): its stage rises with its age, amounts are
    // revised down every two months, and one deal in four never slips while the others push their
    // close date 20 days every `slip` months.
    await conn.run(`CREATE TABLE snaps AS SELECT s, i,
        ${monthStart('s')} AS snapshot_date,
        'D-' || lpad(CAST(i AS VARCHAR), 7, '0') AS deal_id,
        'Account ' || acct || ' - deal ' || i AS deal_name, 'Account ' || acct AS account,
        'Rep ' || lpad(CAST(rep AS VARCHAR), 2, '0') AS owner, 'Team ' || (rep % 5) AS team,
        least(4, ((s - c - 1) * 5) // life) AS stage_idx,
        round(amount0 * (1 - 0.02 * ((s - c - 1) // 2)), 2) AS amount,
        CAST(${monthStart('c')} + to_days(cday) AS DATE) AS created_at,
        CAST(${monthStart('c + life')} + to_days(15 + CASE WHEN slip = 0 THEN 0 ELSE 20 * ((s - c - 1) // slip) END) AS DATE) AS expected_close_at
      FROM gen, range(${SNAPSHOTS}) r(s) WHERE c < s AND s <= c + life`);
    const snapshots: { date: string; path: string }[] = [];
    for (let s = 0; s < SNAPSHOTS; s++) {
      const date = `${2024 + Math.floor(s / 12)}-${String((s % 12) + 1).padStart(2, '0')}-01`;
      const path = join(dir, `pipeline-${date}.csv`);
      await conn.run(`COPY (SELECT deal_id, deal_name, account, owner, team, ${stage('stage_idx')} AS stage, 'Open' AS status, amount,
          [10, 20, 40, 60, 80][stage_idx + 1] + CAST(hash(i, s, 9) % 11 AS INTEGER) - 5 AS probability, created_at, expected_close_at
        FROM snaps WHERE s = ${s} ORDER BY i) TO ${quoteLiteral(path)} (HEADER, DELIMITER ',')`);
      snapshots.push({ date, path });
    }
    // The export taken on the day after the window: closed deals closed in the month of their last
    // snapshot, after it; the others still open.
    const deals = join(dir, 'deals.csv');
    await conn.run(`COPY (
        SELECT s.deal_id, s.deal_name, s.account, s.owner, s.team,
          CASE WHEN g.c + g.life >= ${SNAPSHOTS} THEN ${stage('s.stage_idx')} WHEN g.won THEN 'Closed Won' ELSE 'Closed Lost' END AS stage,
          CASE WHEN g.c + g.life >= ${SNAPSHOTS} THEN 'Open' WHEN g.won THEN 'Won' ELSE 'Lost' END AS status,
          CASE WHEN g.won AND g.c + g.life < ${SNAPSHOTS} THEN round(s.amount * 0.95, 2) ELSE s.amount END AS amount,
          CASE WHEN g.c + g.life >= ${SNAPSHOTS} THEN [10, 20, 40, 60, 80][s.stage_idx + 1] WHEN g.won THEN 100 ELSE 0 END AS probability,
          s.created_at, s.expected_close_at,
          CASE WHEN g.c + g.life < ${SNAPSHOTS} THEN CAST(${monthStart('g.c + g.life')} + to_days(1 + g.cday % 27) AS DATE) END AS closed_at
        FROM gen g JOIN (SELECT * FROM snaps QUALIFY row_number() OVER (PARTITION BY i ORDER BY s DESC) = 1) s ON s.i = g.i
        ORDER BY g.i) TO ${quoteLiteral(deals)} (HEADER, DELIMITER ',')`);
    const rows = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM snaps')).getRowObjectsJS()[0]?.n ?? 0);
    return { snapshots, deals, rows };
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export async function forecastSection(parent: string, ctx: ForecastBenchContext, openPerSnapshot = Number(process.env.BENCH_FORECAST_DEALS ?? 100_000)): Promise<number[]> {
  const { fmt, pad } = ctx;
  const dir = mkdtempSync(join(parent, 'forecast-'));
  const ratios: number[] = [];
  try {
    let t = performance.now();
    const files = await writeForecastExports(dir, openPerSnapshot);
    const mb = files.snapshots.reduce((n, s) => n + statSync(s.path).size, 0) / 1e6;
    console.log(
      `## Forecast: ${SNAPSHOTS} monthly snapshots, ${files.rows.toLocaleString('en-US')} snapshot rows (${mb.toFixed(0)} MB CSV) + the deals export, generated in ${fmt(performance.now() - t)}`,
    );
    const core = await CoreApi.open(join(dir, 'forecast.duckdb'));
    try {
      t = performance.now();
      for (const s of files.snapshots) must(await core.importFile({ file: { kind: 'path', path: s.path }, sourceName: 'pipeline', snapshotDate: s.date }));
      must(await core.importFile({ file: { kind: 'path', path: files.deals }, sourceName: 'deals', snapshotDate: '2026-01-01' }));
      console.log(`${pad('import 24 snapshots + deals (app)', 44)} ${fmt(performance.now() - t)}`);

      ratios.push(...(await timeForecast(core, ctx)));
    } finally {
      core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
  return ratios;
}

/** Times each forecast operation app / raw / ref on a workspace holding the generated exports. */
export async function timeForecast(core: CoreApi, ctx: ForecastBenchContext): Promise<number[]> {
  const { pct, fmt, pad } = ctx;
  const ratios: number[] = [];
  let t = performance.now();
  // The context the app reads on a first call, and the same one for the raw SQL below.
  t = performance.now();
  const service = new ForecastService(core.workspace);
  const context = must(await service.contextOf({ source: 'pipeline' }));
  console.log(`${pad('forecast context (first call, then kept)', 44)} ${fmt(performance.now() - t)}   (outcomes from "${context.out?.name ?? 'the snapshots'}")`);
  const pipeline = (await core.workspace.findSource('pipeline'))!;
  const deals = (await core.workspace.findSource('deals'))!;
  const h = quoteIdent(pipeline.historyView);
  const d = quoteIdent(deals.table);
  const table = (date: string) => quoteIdent(pipeline.snapshotTables.find((s) => s.date === date)!.table);

  const raw = await core.workspace.connect();
  try {
    const cases: { name: string; app: () => Promise<Result<unknown>>; built: (c: ForecastContext) => Result<BuiltSql>; ref: string }[] = [
      {
        name: 'pipeline movement (2 snapshots, a quarter)',
        app: () => core.pipelineMovement({ source: 'pipeline', from: '2024-10-01', to: '2024-11-01', period: { from: '2024-11-01', to: '2025-02-01' } }),
        built: (c) => movementSql(c, { source: 'pipeline', from: '2024-10-01', to: '2024-11-01', period: { from: '2024-11-01', to: '2025-02-01' } }),
        ref: `WITH a AS (SELECT deal_id, amount, expected_close_at AS c FROM ${table('2024-10-01')}),
          b AS (SELECT deal_id, amount, expected_close_at AS c FROM ${table('2024-11-01')}),
          j AS (SELECT coalesce(a.deal_id, b.deal_id) AS id, a.amount AS x, b.amount AS y, b.c AS bc,
                  coalesce(a.c >= DATE '2024-11-01' AND a.c < DATE '2025-02-01', FALSE) AS in_a,
                  coalesce(b.c >= DATE '2024-11-01' AND b.c < DATE '2025-02-01', FALSE) AS in_b
                FROM a FULL JOIN b ON a.deal_id = b.deal_id)
          SELECT CASE WHEN in_a AND in_b THEN CAST(sign(y - x) AS VARCHAR) WHEN in_a AND bc IS NOT NULL THEN 'out'
                      WHEN in_a THEN coalesce(dl.status, 'dropped') WHEN x IS NOT NULL THEN 'in' ELSE 'new' END AS bar,
                 count(*), sum(CASE WHEN in_b THEN y ELSE 0 END - CASE WHEN in_a THEN x ELSE 0 END)
          FROM j LEFT JOIN ${d} dl ON dl.deal_id = j.id WHERE in_a OR in_b GROUP BY 1`,
      },
      {
        name: 'forecast vs actual (24 months, by owner)',
        app: () => core.forecastAccuracy({ source: 'pipeline', grain: 'month', by: ['owner'] }),
        built: (c) => {
          const plan = forecastAccuracySql(c, { source: 'pipeline', grain: 'month', by: ['owner'] });
          return plan.ok ? { ok: true, value: plan.value.built! } : plan;
        },
        ref: `WITH periods AS (SELECT DISTINCT snapshot_date AS ps, snapshot_date + INTERVAL 1 MONTH AS pe FROM ${h}),
          fc AS (SELECT p.ps, x.owner, sum(x.amount * x.probability / 100) AS w, sum(x.amount) AS pipe,
                   sum(x.amount) FILTER (WHERE x.probability >= 70) AS cm
                 FROM periods p JOIN ${h} x ON x.snapshot_date = p.ps AND x.expected_close_at >= p.ps AND x.expected_close_at < p.pe GROUP BY ALL),
          ac AS (SELECT p.ps, y.owner, sum(y.amount) AS act FROM periods p JOIN ${d} y ON y.status = 'Won' AND y.closed_at >= p.ps AND y.closed_at < p.pe GROUP BY ALL)
          SELECT * FROM fc FULL JOIN ac USING (ps, owner)`,
      },
      {
        name: 'probability calibration (by owner)',
        app: () => core.probabilityCalibration({ source: 'pipeline', by: ['owner'] }),
        built: (c) => calibrationSql(c, { source: 'pipeline', by: ['owner'] }),
        ref: `SELECT x.owner, least(floor(x.probability / 10), 9) AS b, count(*), count(*) FILTER (WHERE y.status = 'Won'), avg(x.probability)
          FROM ${h} x JOIN ${d} y ON y.deal_id = x.deal_id WHERE y.status IN ('Won', 'Lost') GROUP BY GROUPING SETS ((1, 2), (1), (2), ())`,
      },
      {
        name: 'slippage (by owner)',
        app: () => core.slippage({ source: 'pipeline', by: ['owner'] }),
        built: (c) => slippageSql(c, { source: 'pipeline', by: ['owner'] }),
        ref: `WITH s AS (SELECT deal_id, owner, amount, snapshot_date, expected_close_at AS c,
                  lag(expected_close_at) OVER (PARTITION BY deal_id ORDER BY snapshot_date) AS p FROM ${h}),
          per AS (SELECT deal_id, arg_max(owner, snapshot_date) AS owner, count(*) FILTER (WHERE c > p) AS pushes,
                    arg_min(amount, snapshot_date) AS first_amount FROM s GROUP BY deal_id)
          SELECT per.owner, count(*), count(*) FILTER (WHERE pushes > 0), count(*) FILTER (WHERE pushes >= 3), sum(pushes),
            sum(first_amount), sum(y.amount)
          FROM per LEFT JOIN ${d} y ON y.deal_id = per.deal_id GROUP BY GROUPING SETS ((per.owner), ())`,
      },
      {
        name: 'probability sanity (24 snapshots x stages)',
        app: () => core.stageProbabilitySanity({ source: 'pipeline' }),
        built: (c) => stageSanitySql(c, { source: 'pipeline' }),
        ref: `SELECT x.snapshot_date, x.stage, count(*), avg(x.probability), count(*) FILTER (WHERE y.status IN ('Won', 'Lost')),
            count(*) FILTER (WHERE y.status = 'Won')
          FROM ${h} x LEFT JOIN ${d} y ON y.deal_id = x.deal_id GROUP BY GROUPING SETS ((1, 2), (2))`,
      },
    ];
    for (const c of cases) {
      const built = must(c.built(context));
      must(await c.app());
      const run = (sql: string, params: unknown[] = []) => async () => {
        await raw.runAndReadAll(sql, params as never);
      };
      const [rawTimes, appTimes] = await ctx.timePair(run(built.sql, built.params), async () => must(await c.app()), ctx.runs);
      const refTimes = await timeOne(run(c.ref), ctx.runs);
      const ratio = pct(appTimes, 50) / pct(rawTimes, 50);
      ratios.push(ratio);
      console.log(
        `${pad(c.name, 44)} raw ${pad(fmt(pct(rawTimes, 50)), 10)} app ${pad(fmt(pct(appTimes, 50)), 10)} ratio ${ratio.toFixed(2)}   (ref ${fmt(pct(refTimes, 50))}: app/ref ${(pct(appTimes, 50) / pct(refTimes, 50)).toFixed(2)}; p95 app ${fmt(pct(appTimes, 95))})`,
      );
    }
    // A deal window of the waterfall's starting pipeline, deep in it.
    const start = must(await core.pipelineMovement({ source: 'pipeline', from: '2024-10-01', to: '2024-11-01' })).start.deals;
    const windowTimes = await timeOne(async () => {
      must(await core.movementDeals({ source: 'pipeline', from: '2024-10-01', to: '2024-11-01', bar: 'start', offset: Math.max(0, start - 1000), limit: 500 }));
    }, ctx.runs);
    console.log(`${pad('movement deals: 500 of the starting pipeline', 44)} app ${pad(fmt(pct(windowTimes, 50)), 10)} (${start.toLocaleString('en-US')} deals; count + sorted window, Arrow IPC)`);
  } finally {
    raw.closeSync();
  }
  return ratios;
}

async function timeOne(f: () => Promise<unknown>, runs: number): Promise<number[]> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return times;
}

// The KPI part of `npm run bench` (issue 4): each single-source deal KPI of the catalog, by owner
// and by month, app (CoreApi.runQuery) vs raw DuckDB running the very SQL the app compiled, on the
// app's own table through a plain connection; and the reopen of a 10-widget dashboard from the
// result cache. Called by bench.ts for each size.
//
// How the raw side gets the app's SQL: the spec is normalized and compiled here with compileSpec
// against the schema the app builds (electron/core/api.ts schemaOf / snapshotSchema): the source's
// latest table and columns, its roles, today (the machine's local day, as localToday), and the
// natural stage orders (StageOrders, as schemaOf adds them), with limit + 1 as runQuery compiles.
// Each figure then checks that this SQL is the SQL runQuery reports (QueryResult.sql, whose LIMIT is
// the asked one): a mismatch is printed, so a drift between the two never goes unnoticed.
//
// runQuery keeps results in its cache (query/cache.ts); the timed app runs clear it first, so
// they measure the query path, not a cache hit.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CoreApi } from '../../electron/core/api';
import { StageOrders } from '../../electron/core/query/stage-order';
import { KPIS, kpiSpec } from '../../shared/model/kpis';
import { compileSpec } from '../../shared/spec/compile';
import { normalizeSpec } from '../../shared/spec/normalize';
import type { AnalysisSpec } from '../../shared/spec/types';

export type TimePair = (a: () => Promise<unknown>, b: () => Promise<unknown>, runs?: number) => Promise<[number[], number[]]>;

export interface KpiBenchContext {
  core: CoreApi;
  /** A plain connection of the app's database. */
  raw: DuckDBConnection;
  source: string;
  rows: number;
  runs: number;
  timePair: TimePair;
  pct: (values: number[], p: number) => number;
  fmt: (ms: number) => string;
  pad: (s: string, n: number) => string;
}

/** The calendar day of this machine, as the app's localToday. */
function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The single-source deal KPIs whose roles the source has, each as its spec by owner and month. */
export function kpiSpecs(source: string, roles: Readonly<Record<string, string>>, today: string): { name: string; spec: AnalysisSpec }[] {
  const out: { name: string; spec: AnalysisSpec }[] = [];
  for (const kpi of KPIS) {
    if ((kpi.entity ?? 'deal') !== 'deal' || kpi.join) continue;
    const needs = [kpi.dateRole, 'owner', ...kpi.requires, ...(kpi.groupBy ?? [])];
    if (needs.some((r) => !roles[r]) || (kpi.outcome && !roles.status && !roles.stage)) {
      console.log(`   (skipped ${kpi.id}: a role is not mapped: ${needs.filter((r) => !roles[r]).join(', ') || 'status'})`);
      continue;
    }
    out.push({ name: kpi.id, spec: kpiSpec(kpi, { source, by: ['owner'], grain: 'month', today, roles }) });
  }
  return out;
}

/** The SQL and params runQuery compiles for a spec (see the header). */
async function compiledFor(core: CoreApi, orders: StageOrders, spec: AnalysisSpec, today: string): Promise<{ sql: string; params: unknown[] }> {
  const normalized = normalizeSpec(spec);
  const source = (await core.workspace.findSource(normalized.source))!;
  const natural = await orders.ordersOf(source);
  const schema = {
    table: source.table,
    columns: source.columns,
    roles: source.roles,
    today,
    ...(Object.keys(natural).length > 0 ? { orders: natural } : {}),
  };
  const compiled = compileSpec({ ...normalized, limit: normalized.limit + 1 }, schema);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return { sql: compiled.value.sql, params: compiled.value.params as unknown[] };
}

/** Times each spec app vs raw; returns the app/raw ratios. */
export async function timeSpecs(ctx: KpiBenchContext, specs: { name: string; spec: AnalysisSpec }[]): Promise<number[]> {
  const { core, raw, pct, fmt, pad } = ctx;
  const today = localToday();
  const orders = new StageOrders(core.workspace);
  const ratios: number[] = [];
  for (const { name, spec } of specs) {
    const { sql, params } = await compiledFor(core, orders, spec, today);
    const first = await core.runQuery({ spec });
    if (!first.ok) throw new Error(`${name}: ${first.error.message}`);
    const limit = normalizeSpec(spec).limit;
    const same = first.value.sql === sql.replace(/LIMIT \d+$/, `LIMIT ${limit}`);
    let cells = 0;
    const [rawTimes, appTimes] = await ctx.timePair(
      async () => {
        const r = await raw.runAndReadAll(sql, params as never);
        cells = r.currentRowCount * r.columnCount;
      },
      async () => {
        core.resultCache.clear();
        const r = await core.runQuery({ spec });
        if (!r.ok) throw new Error(r.error.message);
      },
      ctx.runs,
    );
    const ratio = pct(appTimes, 50) / pct(rawTimes, 50);
    ratios.push(ratio);
    console.log(
      `${pad(`kpi ${name}`, 44)} raw ${pad(fmt(pct(rawTimes, 50)), 10)} app ${pad(fmt(pct(appTimes, 50)), 10)} ratio ${ratio.toFixed(2)}   (p95 raw ${fmt(pct(rawTimes, 95))}, app ${fmt(pct(appTimes, 95))}; ${cells} cells${same ? '' : '; SQL DIFFERS from the app\'s'})`,
    );
  }
  return ratios;
}

/**
 * A 10-widget dashboard: ten different specs run once with an empty result cache (cold), then
 * again (cached, as when the dashboard is reopened). Returns [cold ms, cached ms].
 */
export async function dashboardReopen(ctx: KpiBenchContext, specs: AnalysisSpec[]): Promise<[number, number]> {
  const { core, fmt } = ctx;
  const widgets = specs.slice(0, 10);
  if (widgets.length < 10) console.log(`   (only ${widgets.length} widgets available)`);
  const runAll = async () => {
    const t = performance.now();
    for (const spec of widgets) {
      const r = await core.runQuery({ spec });
      if (!r.ok) throw new Error(r.error.message);
    }
    return performance.now() - t;
  };
  core.resultCache.clear();
  const cold = await runAll();
  const hitsBefore = core.resultCache.hits;
  const cached = await runAll();
  const hits = core.resultCache.hits - hitsBefore;
  console.log(
    `${ctx.pad(`dashboard of ${widgets.length} widgets, cold / cached`, 44)} cold ${ctx.pad(fmt(cold), 10)} cached ${ctx.pad(fmt(cached), 10)} (target cached < 100 ms: ${cached < 100 ? 'met' : 'NOT met'}; ${hits}/${widgets.length} cache hits)`,
  );
  return [cold, cached];
}

export { localToday };

// The dashboard in a real browser on a 1M-row workspace (`BENCH_BROWSER=1 npm run bench`, or alone:
// `npx tsx test/bench/dashboard-browser-bench.ts`). A 10-widget dashboard over the generated deals
// (seeded, as bench.ts generates them) opens in Debian's Chromium against the browser host; then a
// filter is changed with a click (a team ticked in the filter bar, then unticked) and the time from
// the click to every widget painted is measured in the page: from the click event until each
// widget's data-state is "ready" with data for the new filters (its data-query digest changed), plus
// one animation frame. The result cache is cleared before each click: every query runs.
//
// Raw: the very queries the page sent for that click (recorded at the engine's door), compiled as
// runQuery compiles them and run by DuckDB on the app's own table through plain connections, one
// after the other and all at once. Printed: p50 of each and the ratio click-to-painted / the faster
// raw figure.
//
// Needs a renderer build: `npx electron-vite build` (out/) or QD_OUT_DIR=<dir of a build>.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CoreApi } from '../../electron/core/api';
import { StageOrders } from '../../electron/core/query/stage-order';
import type { Dashboard, Widget } from '../../shared/dashboard/types';
import { writeDealsCsv } from '../../resources/generator/crm-model';
import { compileSpec } from '../../shared/spec/compile';
import { normalizeSpec } from '../../shared/spec/normalize';
import type { AnalysisSpec } from '../../shared/spec/types';
import { startApp } from '../e2e/harness';

const ROWS = Number(process.env.BENCH_BROWSER_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 6);

/** Ten widgets over the deals' roles: the kinds a sales dashboard mixes. */
const WIDGETS: [string, Widget['chart'], Omit<AnalysisSpec, 'source'>][] = [
  ['Revenue', 'kpi', { measures: [{ op: 'sum', role: 'amount' }] }],
  ['Amount by owner', 'bar', { measures: [{ op: 'sum', role: 'amount' }], dimensions: [{ role: 'owner' }] }],
  ['Deals by stage', 'bar', { measures: [{ op: 'count' }], dimensions: [{ role: 'stage' }] }],
  ['Amount created per month', 'line', { measures: [{ op: 'sum', role: 'amount' }], dimensions: [{ role: 'created_at', grain: 'month' }] }],
  ['Deals by lead source', 'pie', { measures: [{ op: 'count' }], dimensions: [{ role: 'lead_source' }] }],
  ['Amount by pipeline', 'column', { measures: [{ op: 'sum', role: 'amount' }], dimensions: [{ role: 'pipeline' }] }],
  ['Deals by status', 'donut', { measures: [{ op: 'count' }], dimensions: [{ role: 'status' }] }],
  ['Mean amount by product', 'bar', { measures: [{ op: 'avg', role: 'amount' }], dimensions: [{ role: 'product' }] }],
  ['Amount by team and quarter', 'pivot', { measures: [{ op: 'sum', role: 'amount' }], dimensions: [{ role: 'team' }, { role: 'closed_at', grain: 'quarter' }], columns: ['d1'] }],
  ['Median amount by team', 'column', { measures: [{ op: 'median', role: 'amount' }], dimensions: [{ role: 'team' }] }],
];

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const pad = (s: string, n: number) => s.padEnd(n);

function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The SQL runQuery compiles for a spec (the schema as the core builds it; limit + 1 as runQuery asks). */
async function compiledFor(core: CoreApi, orders: StageOrders, spec: AnalysisSpec): Promise<{ sql: string; params: unknown[] }> {
  const normalized = normalizeSpec(spec);
  const source = (await core.workspace.findSource(normalized.source))!;
  const natural = await orders.ordersOf(source);
  const schema = {
    table: source.table,
    columns: source.columns,
    roles: source.roles,
    today: localToday(),
    ...(Object.keys(natural).length > 0 ? { orders: natural } : {}),
  };
  const compiled = compileSpec({ ...normalized, limit: normalized.limit + 1 }, schema);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return { sql: compiled.value.sql, params: compiled.value.params as unknown[] };
}

// The functions below run in the page (the node project has no DOM types).
interface PageEl {
  getAttribute(name: string): string | null;
}
interface PageDoc {
  querySelectorAll(selector: string): ArrayLike<PageEl>;
  addEventListener(type: string, listener: (e: { timeStamp: number }) => void, options: { capture: boolean; once: boolean }): void;
}
declare const document: PageDoc;
declare const requestAnimationFrame: (cb: (now: number) => void) => number;
declare const window: { __painted?: number };

/** Arms the page: the next click starts the clock, the paint of every widget with new data stops it (window.__painted, ms). */
function armClock(): void {
  const widgets = () => Array.from(document.querySelectorAll('[data-testid="widget"]'));
  const before = new Map(widgets().map((w) => [w.getAttribute('data-widget-id'), w.getAttribute('data-query')]));
  window.__painted = undefined;
  document.addEventListener(
    'click',
    (e) => {
      const start = e.timeStamp;
      const check = () => {
        const all = widgets();
        const done =
          all.length === before.size &&
          all.every((w) => w.getAttribute('data-state') === 'ready' && w.getAttribute('data-query') !== before.get(w.getAttribute('data-widget-id')));
        if (done) requestAnimationFrame(() => (window.__painted = performance.now() - start));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    },
    { capture: true, once: true },
  );
}

function allReady(n: number): boolean {
  const all = Array.from(document.querySelectorAll('[data-testid="widget"]'));
  return all.length === n && all.every((w) => w.getAttribute('data-state') === 'ready');
}

export async function dashboardBrowserBench(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'quarterdeck-browser-bench-'));
  const app = await startApp({ demo: false, viewport: { width: 1600, height: 1000 } });
  try {
    const csv = join(dir, `deals-${ROWS}.csv`);
    let t = performance.now();
    await writeDealsCsv(csv, { seed: 7, rows: ROWS });
    const imported = await app.core.importFile({ file: { kind: 'path', path: csv }, sourceName: 'deals' });
    if (!imported.ok) throw new Error(imported.error.message);
    console.log(`## Dashboard in the browser: ${ROWS.toLocaleString('en-US')} deals (generated and imported in ${fmt(performance.now() - t)}), 10 widgets, ${RUNS} filter changes`);
    const widgets: Widget[] = WIDGETS.map(([title, chart, spec], i) => ({
      id: `w${i}`,
      title,
      chart,
      spec: { source: 'deals', ...spec },
      layout: { x: (i % 4) * 3, y: Math.floor(i / 4) * 6, w: 3, h: 6 },
    }));
    const dashboard: Dashboard = { id: 'd-bench', name: 'Bench', widgets, filters: { period: null, values: [], compare: null }, updatedAt: new Date().toISOString() };
    const saved = await app.core.saveDashboard(dashboard);
    if (!saved.ok) throw new Error(saved.error.message);

    // The engine's door: the specs each click makes the page ask for.
    const asked: AnalysisSpec[] = [];
    const runQuery = app.core.runQuery.bind(app.core);
    app.core.runQuery = (request) => {
      asked.push(request.spec);
      return runQuery(request);
    };

    const { page } = app;
    // tsx names functions with an __name helper the page lacks: the functions sent to it need it.
    await page.addInitScript('window.__name = (f) => f;');
    await page.reload();
    await page.click('[data-testid="nav-dashboards"]');
    t = performance.now();
    await page.waitForFunction(allReady, 10, { timeout: 300_000 });
    console.log(`${pad('first open (cold)', 44)} ${fmt(performance.now() - t)}`);
    const teams = await app.sql(`SELECT team, count(*) AS n FROM ${await app.tableOf('deals')} GROUP BY 1 ORDER BY 2 DESC LIMIT 1`);
    const team = String(teams[0]!.team);
    await page.click('[data-testid="filter-team"]');
    await page.waitForSelector('[data-testid="filter-team-pop"] .multi-option');
    const box = `[data-testid="filter-team-pop"] .multi-option:has-text("${team}") input`;

    const orders = new StageOrders(app.core.workspace);
    const conns = await Promise.all(Array.from({ length: 10 }, () => app.core.workspace.connect()));
    const appTimes: number[] = [];
    const rawSeq: number[] = [];
    const rawPar: number[] = [];
    try {
      for (let run = 0; run < RUNS; run++) {
        app.core.resultCache.clear();
        asked.length = 0;
        await page.evaluate(armClock);
        await page.click(box);
        await page.waitForFunction(() => window.__painted !== undefined, undefined, { timeout: 300_000, polling: 50 });
        const ms = (await page.evaluate(() => window.__painted))!;
        appTimes.push(ms);
        if (asked.length !== 10) throw new Error(`the click asked for ${asked.length} queries, not 10`);
        const compiled = await Promise.all(asked.map((spec) => compiledFor(app.core, orders, spec)));
        // Raw, one after the other, then all at once (one connection each).
        let s = performance.now();
        for (const q of compiled) await conns[0]!.runAndReadAll(q.sql, q.params as never);
        rawSeq.push(performance.now() - s);
        s = performance.now();
        await Promise.all(compiled.map((q, i) => conns[i]!.runAndReadAll(q.sql, q.params as never)));
        rawPar.push(performance.now() - s);
        console.log(
          `   run ${run + 1} (${run % 2 === 0 ? `team ${team}` : 'all teams'}): click-to-painted ${fmt(ms)}, raw sequential ${fmt(rawSeq[run]!)}, raw concurrent ${fmt(rawPar[run]!)}`,
        );
      }
    } finally {
      for (const c of conns) c.closeSync();
    }
    const appP50 = pct(appTimes, 50);
    const raw = Math.min(pct(rawSeq, 50), pct(rawPar, 50));
    const ratio = appP50 / raw;
    console.log(`${pad('filter change, 10 widgets: click-to-painted', 44)} p50 ${fmt(appP50)} (p95 ${fmt(pct(appTimes, 95))})`);
    console.log(`${pad('the same 10 queries in raw DuckDB', 44)} sequential p50 ${fmt(pct(rawSeq, 50))}, concurrent p50 ${fmt(pct(rawPar, 50))}`);
    console.log(`${pad('ratio click-to-painted / raw (faster of the two)', 44)} ${ratio.toFixed(2)}`);
    if (app.pageErrors.length > 0) console.log(`   page errors: ${app.pageErrors.join(' | ')}`);
    return ratio;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  dashboardBrowserBench().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

// `npm run bench`: the app's query path against raw DuckDB on the same data and the same SQL.
// Generates deals files of 100k and 1M rows (seeded), imports them through the app, then times a
// fixed set of pivots: raw = DuckDB running the compiled SQL on the app's own table (same data,
// same storage) and materialising its result; app = CoreApi.runQuery (validate, compile, run, Arrow IPC bytes ready to cross to the renderer).
// Prints p50/p95 of each and the ratio app/raw. Target: app/raw <= 1.25 at 1M rows.
// runQuery's result cache is cleared before each timed app run: the figure is the query path.
//
// Then (kpi-bench.ts) the KPI set: every single-source deal KPI of the catalog by owner and month,
// app vs raw the same way, and the cached reopen of a 10-widget dashboard (target < 100 ms).
// Switches: BENCH_SIZES (default 100000,1000000), BENCH_RUNS (15), BENCH_KPI=0 skips the KPI set,
// BENCH_EURO=0 skips the French export (BENCH_EURO_RUNS imports of it, default 3; BENCH_EURO_ROWS),
// BENCH_10M=1 adds 10M rows (generate, import, KPI set, dashboard; BENCH_10M_RUNS, default 5).
// Then (forecast-bench.ts) the forecast operations on 24 monthly snapshots of ~100k open deals:
// app vs raw (the same SQL) and vs a hand-written query of comparable work. BENCH_FORECAST=0 skips
// them; BENCH_FORECAST_DEALS sets the open deals per snapshot, BENCH_FORECAST_RUNS the runs (5).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CoreApi } from '../../electron/core/api';
import { writeDealsCsv, writeDealsCsvEuropean } from '../../resources/generator/crm-model';
import { transcodeToUtf8 } from '../../electron/core/import/encoding';
import { compileSpec } from '../../shared/spec/compile';
import { normalizeSpec } from '../../shared/spec/normalize';
import { quoteLiteral } from '../../shared/spec/quote';
import type { ImportReport } from '../../shared/import/types';
import type { AnalysisSpec } from '../../shared/spec/types';
import { dashboardBrowserBench } from './dashboard-browser-bench';
import { dashboardReopen, kpiSpecs, localToday, timeSpecs, type KpiBenchContext } from './kpi-bench';
import { forecastSection } from './forecast-bench';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').filter(Boolean).map(Number); // '' = none (BENCH_10M alone)
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const KPI = process.env.BENCH_KPI !== '0';
const EURO = process.env.BENCH_EURO !== '0';
const FORECAST = process.env.BENCH_FORECAST !== '0';
const TEN_M = process.env.BENCH_10M === '1';
const TEN_M_RUNS = Number(process.env.BENCH_10M_RUNS ?? 5);

const PIVOTS: [string, Omit<AnalysisSpec, 'source'>][] = [
  ['sum amount by owner x month', { measures: [{ op: 'sum', column: 'amount' }], dimensions: [{ column: 'owner' }, { column: 'created_at', grain: 'month' }] }],
  ['won count & revenue by status x quarter', { measures: [{ op: 'count' }, { op: 'sum', column: 'amount' }], dimensions: [{ column: 'status' }, { column: 'closed_at', grain: 'quarter' }] }],
  ['median amount by lead source (open)', { measures: [{ op: 'median', column: 'amount' }], dimensions: [{ column: 'lead_source' }], filters: [{ column: 'status', op: 'eq', values: ['Open'] }] }],
  ['distinct accounts by stage', { measures: [{ op: 'count_distinct', column: 'account' }], dimensions: [{ column: 'stage' }] }],
  ['3-dim pivot owner x stage x month', { measures: [{ op: 'sum', column: 'amount' }, { op: 'avg', column: 'probability' }], dimensions: [{ column: 'owner' }, { column: 'stage' }, { column: 'created_at', grain: 'month' }] }],
  ['weekly count, last year filter', { measures: [{ op: 'count' }], dimensions: [{ column: 'created_at', grain: 'week' }], filters: [{ column: 'created_at', op: 'between', values: ['2025-11-01', '2026-11-01'] }] }],
];

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Times two ways of doing the same work turn about (a, b, a, b ...), so that whatever else the
 * machine does weighs on both alike.
 */
async function timePair(a: () => Promise<unknown>, b: () => Promise<unknown>, runs = RUNS): Promise<[number[], number[]]> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await a();
    ta.push(performance.now() - t);
    t = performance.now();
    await b();
    tb.push(performance.now() - t);
  }
  return [ta, tb];
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const pad = (s: string, n: number) => s.padEnd(n);

/** The KPI set and the dashboard reopen on an imported deals source; returns the KPI ratios. */
async function kpiSection(core: CoreApi, rows: number, runs: number): Promise<number[]> {
  const source = (await core.workspace.findSource('deals'))!;
  const raw = await core.workspace.connect();
  try {
    const ctx: KpiBenchContext = { core, raw, source: 'deals', rows, runs, timePair, pct, fmt, pad };
    const specs = kpiSpecs('deals', source.roles, localToday());
    const ratios = await timeSpecs(ctx, specs);
    // Ten different widgets: the KPIs, then the pivots.
    const widgets = [...specs.map((s) => s.spec), ...PIVOTS.map(([, p]): AnalysisSpec => ({ source: 'deals', ...p }))];
    await dashboardReopen(ctx, widgets);
    return ratios;
  } finally {
    raw.closeSync();
  }
}

function worstLine(label: string, ratios: number[]): void {
  if (ratios.length === 0) return;
  const max = Math.max(...ratios);
  console.log(`${label}: worst app/raw ratio ${max.toFixed(2)} (target <= 1.25): ${max <= 1.25 ? 'met' : 'NOT met'}`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'quarterdeck-bench-'));
  console.log(`Quarterdeck bench — ${RUNS} runs per figure, medians (p50) and p95; ratio = app p50 / raw p50\n`);
  const worst: number[] = [];
  const worstKpi: number[] = [];
  const worstKpi10M: number[] = [];
  try {
    for (const rows of SIZES) {
      const csv = join(dir, `deals-${rows}.csv`);
      let t = performance.now();
      await writeDealsCsv(csv, { seed: 7, rows });
      console.log(`## ${rows.toLocaleString('en-US')} deals (${(statSync(csv).size / 1e6).toFixed(1)} MB CSV, generated in ${fmt(performance.now() - t)})`);

      // Import: raw DuckDB CTAS vs the app's transactional import (sniff, catalog, count).
      const rawDb = await DuckDBInstance.create(join(dir, `raw-${rows}.duckdb`));
      const raw = await rawDb.connect();
      t = performance.now();
      await raw.run(`CREATE TABLE deals AS SELECT * FROM read_csv(${quoteLiteral(csv)})`);
      await raw.run('CHECKPOINT');
      const rawImport = performance.now() - t;
      const core = await CoreApi.open(join(dir, `app-${rows}.duckdb`));
      t = performance.now();
      const imported = await core.importFile({ file: { kind: 'path', path: csv }, sourceName: 'deals' });
      if (!imported.ok) throw new Error(imported.error.message);
      const appConn = await core.workspace.connect();
      await appConn.run('CHECKPOINT');
      appConn.closeSync();
      const appImport = performance.now() - t;
      console.log(`${pad('import CSV -> table', 44)} raw ${pad(fmt(rawImport), 10)} app ${pad(fmt(appImport), 10)} ratio ${(appImport / rawImport).toFixed(2)}`);

      const source = (await core.workspace.findSource('deals'))!;
      // Raw queries run on the very table the app imported, through a plain connection of the same
      // database: same data, same storage, same SQL; the ratio is the app's own cost.
      const rawQuery = await core.workspace.connect();
      for (const [name, partial] of PIVOTS) {
        const spec: AnalysisSpec = { source: 'deals', ...partial };
        const compiled = compileSpec(normalizeSpec(spec), { ...source, table: source.table });
        if (!compiled.ok) throw new Error(compiled.error.message);
        const sql = compiled.value.sql;
        const params = compiled.value.params;
        let cells = 0;
        const [rawTimes, appTimes] = await timePair(
          async () => {
            const r = await rawQuery.runAndReadAll(sql, params);
            cells = r.currentRowCount * r.columnCount;
          },
          async () => {
            core.resultCache.clear();
            const r = await core.runQuery({ spec });
            if (!r.ok) throw new Error(r.error.message);
          },
        );
        const ratio = pct(appTimes, 50) / pct(rawTimes, 50);
        if (rows >= 1_000_000) worst.push(ratio);
        console.log(
          `${pad(name, 44)} raw ${pad(fmt(pct(rawTimes, 50)), 10)} app ${pad(fmt(pct(appTimes, 50)), 10)} ratio ${ratio.toFixed(2)}   (p95 raw ${fmt(pct(rawTimes, 95))}, app ${fmt(pct(appTimes, 95))}; ${cells} cells)`,
        );
      }

      // Raw-row windows: the preview's paging, deep in the table.
      const [rawWindow, appWindow] = await timePair(
        () =>
          rawQuery.runAndReadAll(
            `SELECT * FROM "${source.table}" WHERE rowid >= ${rows - 1000} AND rowid < ${rows - 500} ORDER BY rowid`,
          ),
        async () => {
          const r = await core.previewRows({ source: 'deals', offset: rows - 1000, limit: 500 });
          if (!r.ok) throw new Error(r.error.message);
        },
      );
      console.log(`${pad('preview window of 500 rows at the end', 44)} raw ${pad(fmt(pct(rawWindow, 50)), 10)} app ${pad(fmt(pct(appWindow, 50)), 10)} ratio ${(pct(appWindow, 50) / pct(rawWindow, 50)).toFixed(2)}   (raw materialises DuckDB values; app builds Arrow IPC)`);
      rawQuery.closeSync();
      raw.closeSync();
      rawDb.closeSync();
      if (KPI) {
        const ratios = await kpiSection(core, rows, RUNS);
        if (rows >= 1_000_000) worstKpi.push(...ratios);
      }
      console.log('');
      core.close();
    }
    if (TEN_M) {
      const rows = 10_000_000;
      const csv = join(dir, `deals-${rows}.csv`);
      let t = performance.now();
      await writeDealsCsv(csv, { seed: 7, rows });
      console.log(`## ${rows.toLocaleString('en-US')} deals (${(statSync(csv).size / 1e6).toFixed(1)} MB CSV, generated in ${fmt(performance.now() - t)}; ${TEN_M_RUNS} runs per figure)`);
      const core = await CoreApi.open(join(dir, `app-${rows}.duckdb`));
      t = performance.now();
      const imported = await core.importFile({ file: { kind: 'path', path: csv }, sourceName: 'deals' });
      if (!imported.ok) throw new Error(imported.error.message);
      const appConn = await core.workspace.connect();
      await appConn.run('CHECKPOINT');
      appConn.closeSync();
      console.log(`${pad('import CSV -> table (app)', 44)} ${fmt(performance.now() - t)}`);
      rmSync(csv, { force: true });
      worstKpi10M.push(...(await kpiSection(core, rows, TEN_M_RUNS)));
      console.log('');
      core.close();
    }
    const worstForecast = FORECAST ? await forecastSection(dir, { runs: Number(process.env.BENCH_FORECAST_RUNS ?? 5), timePair, pct, fmt, pad }) : [];
    if (EURO) await euroSection(dir);
    // BENCH_BROWSER=1: the 10-widget dashboard in Chromium, filter click to painted (needs a renderer build).
    if (process.env.BENCH_BROWSER === '1') await dashboardBrowserBench();
    worstLine('Query path at 1M rows (pivots)', worst);
    worstLine('KPI set at 1M rows', worstKpi);
    worstLine('KPI set at 10M rows', worstKpi10M);
    worstLine('Forecast operations, 24 snapshots', worstForecast);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function euroSection(dir: string): Promise<void> {
  // A French Excel export: Windows-1252, ';', decimal commas, dd/mm/yyyy. The app detects all of
  // it and transcodes; raw DuckDB reads the same data already in UTF-8, told every option. Each
  // run imports into a fresh database, raw and app in turn; BENCH_EURO_RUNS runs (default 3).
  const euroRows = Number(process.env.BENCH_EURO_ROWS ?? SIZES[SIZES.length - 1] ?? 1_000_000);
  const runs = Math.max(1, Number(process.env.BENCH_EURO_RUNS ?? 3));
  const euro = join(dir, `affaires-${euroRows}.csv`);
  await writeDealsCsvEuropean(euro, { seed: 7, rows: euroRows });
  const utf8 = join(dir, `affaires-${euroRows}-utf8.csv`);
  await transcodeToUtf8(euro, 'windows-1252', utf8);
  const rawTimes: number[] = [];
  const appTimes: number[] = [];
  let report: ImportReport | null = null;
  for (let run = 0; run < runs; run++) {
    const rawPath = join(dir, `raw-euro-${run}.duckdb`);
    const rawDb = await DuckDBInstance.create(rawPath);
    const raw = await rawDb.connect();
    let t = performance.now();
    await raw.run(
      `CREATE TABLE deals AS SELECT * FROM read_csv(${quoteLiteral(utf8)}, delim=';', decimal_separator=',', dateformat='%d/%m/%Y', header=true)`,
    );
    await raw.run('CHECKPOINT');
    rawTimes.push(performance.now() - t);
    raw.closeSync();
    rawDb.closeSync();
    rmSync(rawPath, { force: true });

    const appPath = join(dir, `app-euro-${run}.duckdb`);
    const core = await CoreApi.open(appPath);
    t = performance.now();
    const imported = await core.importFile({ file: { kind: 'path', path: euro }, sourceName: 'affaires' });
    if (!imported.ok) throw new Error(imported.error.message);
    const c = await core.workspace.connect();
    await c.run('CHECKPOINT');
    c.closeSync();
    appTimes.push(performance.now() - t);
    core.close();
    rmSync(appPath, { force: true });
    report = imported.value;
  }
  const s = report!.settings;
  const ratios = rawTimes.map((r, i) => r / appTimes[i]!);
  console.log(`## ${euroRows.toLocaleString('en-US')}-row French export (Windows-1252, ${JSON.stringify(s.delimiter)}, decimal ${JSON.stringify(s.decimalSeparator)}, dates ${s.dateOrder}; ${(statSync(euro).size / 1e6).toFixed(1)} MB; ${runs} run${runs === 1 ? '' : 's'})`);
  console.log(
    `${pad('import: detect + transcode + type', 44)} raw ${pad(fmt(pct(rawTimes, 50)), 10)} app ${pad(fmt(pct(appTimes, 50)), 10)} throughput app/raw ${(pct(rawTimes, 50) / pct(appTimes, 50)).toFixed(2)} (target >= 0.5; raw = DuckDB on the UTF-8 twin with every option given)`,
  );
  if (runs > 1) {
    console.log(
      `   per run (raw/app): ${ratios.map((r) => r.toFixed(2)).join(' ')}; raw ${rawTimes.map(fmt).join(' ')}; app ${appTimes.map(fmt).join(' ')}`,
    );
  }
  const kinds = report!.columns.map((col) => `${col.name}:${col.kind}`).join(', ');
  console.log(`   detected columns: ${kinds}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

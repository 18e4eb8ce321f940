// Drill-through and "explain this number" on the demo deals export: the rows behind a cell are
// checked against plain SQL written here over the raw CSV (read by a separate in-memory DuckDB),
// including a month-grain cell, an empty (null) cell and a total row.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CoreApi } from '../../electron/core/api';
import { CATALOG_VERSION } from '../../electron/core/workspace/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellSelector } from '../../shared/api';
import type { AnalysisSpec } from '../../shared/spec/types';
import { readArrow } from '../../shared/arrow/cells';
import { memoryConnection, rowsOf } from '../helpers/duckdb';
import { must, tempCore } from '../helpers/workspace';

const DEALS = join(import.meta.dirname, '..', '..', 'resources', 'samples', 'deals.csv');
const SNAPSHOT = '2026-11-01';

const bySpec: AnalysisSpec = {
  source: 'deals',
  measures: [
    { id: 'n', op: 'count' },
    { id: 'amount', op: 'sum', column: 'amount' },
  ],
  dimensions: [
    { id: 'stage', column: 'stage' },
    { id: 'month', column: 'created_at', grain: 'month' },
  ],
  filters: [{ column: 'pipeline', op: 'eq', values: ['New business'] }],
  totals: 'subtotals',
  limit: 5000,
};

describe('drill-through and explain', () => {
  let ctx: Awaited<ReturnType<typeof tempCore>>;
  let raw: { conn: DuckDBConnection; close: () => void };

  beforeAll(async () => {
    ctx = await tempCore();
    must(await ctx.core.importFile({ file: { kind: 'path', path: DEALS }, sourceName: 'deals', snapshotDate: SNAPSHOT }));
    raw = await memoryConnection();
    await raw.conn.run(`CREATE TABLE d AS SELECT * FROM read_csv('${DEALS.replaceAll("'", "''")}', header = true)`);
  });
  afterAll(() => {
    raw.close();
    ctx.dispose();
  });

  /** Every row of a drill, page by page, as deal ids (the order the pages came in). */
  async function drillIds(spec: AnalysisSpec, cell: CellSelector, pageSize = 37): Promise<{ ids: string[]; total: number }> {
    const ids: string[] = [];
    let total = -1;
    for (let offset = 0; total < 0 || offset < total; offset += pageSize) {
      const page = must(await ctx.core.drillRows({ spec, cell, offset, limit: pageSize }));
      total = page.totalRows;
      const table = readArrow(page.ipc);
      expect(page.rowCount).toBe(table.numRows);
      for (let r = 0; r < table.numRows; r++) ids.push(String(table.column('deal_id')!.get(r)));
      if (page.rowCount === 0) break;
    }
    return { ids, total };
  }

  async function sqlIds(where: string, params: (string | number)[] = []): Promise<string[]> {
    return (await rowsOf(raw.conn, `SELECT deal_id FROM d WHERE ${where} ORDER BY deal_id`, params)).map((r) => String(r.deal_id));
  }

  it('the rows of a month-grain cell are those plain SQL finds, paged without overlap', async () => {
    const result = must(await ctx.core.runQuery({ spec: bySpec }));
    const rows = readArrow(result.ipc).rows().filter((r) => r.__grouping === 0 && r.stage !== null && r.month !== null);
    // A busy cell: several pages.
    const row = rows.sort((a, b) => Number(b.n) - Number(a.n))[0]!;
    expect(Number(row.n)).toBeGreaterThan(37);
    const month = String(row.month);
    expect(month).toMatch(/^\d{4}-\d{2}-01$/);

    const { ids, total } = await drillIds(bySpec, { stage: row.stage ?? null, month, __grouping: 0 });
    const expected = await sqlIds(
      `pipeline = 'New business' AND stage = $1 AND created_at >= $2::DATE AND created_at < $2::DATE + INTERVAL 1 MONTH`,
      [String(row.stage), month],
    );
    expect(total).toBe(Number(row.n));
    expect(ids.length).toBe(expected.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(expected);

    const page = must(await ctx.core.drillRows({ spec: bySpec, cell: { stage: row.stage ?? null, month }, offset: 0, limit: 5 }));
    expect(page.filters).toEqual([
      'pipeline = "New business"',
      `stage = ${JSON.stringify(row.stage)}`,
      expect.stringMatching(new RegExp(`^created_at in the month from ${month} to before \\d{4}-\\d{2}-01$`)),
    ]);
    expect(page.sql).toContain('WHERE');
    expect(page.sql).toMatch(/LIMIT 5 OFFSET 0$/);
  });

  it('a subtotal row (month rolled up) drills to every month of its stage', async () => {
    const result = must(await ctx.core.runQuery({ spec: bySpec }));
    const subtotal = readArrow(result.ipc)
      .rows()
      .find((r) => r.stage === 'Closed Won' && r.month === null && r.__grouping === 1)!;
    expect(subtotal).toBeDefined();
    const { ids } = await drillIds(bySpec, { stage: 'Closed Won' }, 500);
    expect([...ids].sort()).toEqual(await sqlIds(`pipeline = 'New business' AND stage = 'Closed Won'`));
    expect(ids.length).toBe(Number(subtotal.n));
  });

  it('a null cell drills to the rows where the dimension is empty', async () => {
    const spec: AnalysisSpec = { source: 'deals', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'reason', column: 'loss_reason' }] };
    const rows = readArrow(must(await ctx.core.runQuery({ spec })).ipc).rows();
    const empty = rows.find((r) => r.reason === null)!;
    expect(Number(empty.n)).toBeGreaterThan(0);
    const { ids, total } = await drillIds(spec, { reason: null }, 1000);
    const expected = await sqlIds('loss_reason IS NULL');
    expect(total).toBe(expected.length);
    expect(total).toBe(Number(empty.n));
    expect([...ids].sort()).toEqual(expected);
  });

  it('sorts by any column, and refuses unknown ones and unknown dimensions', async () => {
    const cell = { stage: 'Closed Won' };
    const page = must(await ctx.core.drillRows({ spec: bySpec, cell, offset: 0, limit: 20, sort: { column: 'amount', direction: 'desc' } }));
    const amounts = readArrow(page.ipc).rows().map((r) => Number(r.amount));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const [max] = await rowsOf(raw.conn, `SELECT max(amount)::DOUBLE AS m FROM d WHERE pipeline = 'New business' AND stage = 'Closed Won'`);
    expect(amounts[0]).toBeCloseTo(Number(max!.m), 6);

    const bad = await ctx.core.drillRows({ spec: bySpec, cell, offset: 0, limit: 5, sort: { column: 'nope', direction: 'asc' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.location?.field).toBe('sort.column');
    const unknown = await ctx.core.drillRows({ spec: bySpec, cell: { owner: 'x' }, offset: 0, limit: 5 });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toContain('"owner" is not a dimension');
  });

  it('explain names the file, snapshot, content hash, definitions, filters, row count and SQL', async () => {
    const sha = createHash('sha256').update(readFileSync(DEALS)).digest('hex');
    const whole = must(await ctx.core.explain({ spec: bySpec }));
    expect(whole.source).toBe('deals');
    expect(whole.snapshotDates).toEqual([SNAPSHOT]);
    expect(whole.files).toHaveLength(1);
    expect(whole.files[0]).toMatchObject({ source: 'deals', file: 'deals.csv', snapshotDate: SNAPSHOT, contentHash: sha });
    expect(whole.files[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(whole.files[0]!.importedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const [all] = await rowsOf(raw.conn, `SELECT count(*)::INTEGER AS n FROM d`);
    expect(whole.files[0]!.rowCount).toBe(Number(all!.n));
    const [filtered] = await rowsOf(raw.conn, `SELECT count(*)::INTEGER AS n FROM d WHERE pipeline = 'New business'`);
    expect(whole.rowCount).toBe(Number(filtered!.n));
    expect(whole.measures).toEqual([
      expect.objectContaining({ id: 'n', kind: 'aggregate', op: 'count', column: null }),
      expect.objectContaining({ id: 'amount', kind: 'aggregate', op: 'sum', column: 'amount', text: expect.stringContaining('sum amount') }),
    ]);
    expect(whole.filters).toEqual(['pipeline = "New business"']);
    expect(whole.sql.aggregate).toContain('GROUP BY GROUPING SETS');
    expect(whole.sql.aggregateParams).toContain('New business');

    const cell = { stage: 'Closed Won', month: '2025-03-01' };
    const one = must(await ctx.core.explain({ spec: bySpec, cell }));
    const expected = await sqlIds(`pipeline = 'New business' AND stage = 'Closed Won' AND created_at >= DATE '2025-03-01' AND created_at < DATE '2025-04-01'`);
    expect(expected.length).toBeGreaterThan(0);
    expect(one.rowCount).toBe(expected.length);
    expect(one.filters).toHaveLength(3);
    expect(one.sql.drill).toContain('created_at');
    expect(one.sql.drillParams).toEqual(['New business', 'Closed Won', '2025-03-01', '2025-04-01']);

    const formula = must(
      await ctx.core.explain({ spec: { source: 'deals', measures: [{ id: 'avg', formula: 'sum(amount) / count()', label: 'Average deal' }] } }),
    );
    expect(formula.measures[0]).toMatchObject({ kind: 'formula', formula: 'sum(amount) / count()', label: 'Average deal' });
    expect(formula.filters).toEqual([]);
    expect(formula.rowCount).toBe(Number(all!.n));
  });
});

describe('catalog migration for content hashes', () => {
  it('a version-1 workspace gains the content_hash column; its old snapshots have no hash, new ones do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarterdeck-test-'));
    const path = join(dir, 'old.duckdb');
    try {
      // A workspace as catalog version 1 wrote it, with one snapshot.
      const instance = await DuckDBInstance.create(path);
      const conn = await instance.connect();
      await conn.run(`CREATE TABLE _qd_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`);
      await conn.run(`INSERT INTO _qd_meta VALUES ('catalog_version', '1')`);
      await conn.run(`CREATE TABLE _qd_sources (name VARCHAR PRIMARY KEY, slug VARCHAR NOT NULL UNIQUE, signature VARCHAR NOT NULL, settings JSON, created_at TIMESTAMP NOT NULL)`);
      await conn.run(`CREATE TABLE _qd_snapshots (source VARCHAR NOT NULL, snapshot_date DATE NOT NULL, table_name VARCHAR NOT NULL UNIQUE,
        file VARCHAR NOT NULL, row_count BIGINT NOT NULL, imported_at TIMESTAMP NOT NULL, PRIMARY KEY (source, snapshot_date))`);
      await conn.run(`CREATE TABLE src_old__20250101 AS SELECT 1 AS id, 'a' AS name`);
      await conn.run(`INSERT INTO _qd_sources VALUES ('old', 'old', 'id|name', '{}', now()::TIMESTAMP)`);
      await conn.run(`INSERT INTO _qd_snapshots VALUES ('old', DATE '2025-01-01', 'src_old__20250101', 'old.csv', 1, now()::TIMESTAMP)`);
      conn.closeSync();
      instance.closeSync();

      const core = await CoreApi.open(path);
      try {
        const before = must(await core.explain({ spec: { source: 'old', measures: [{ op: 'count' }] } }));
        expect(before.files).toEqual([expect.objectContaining({ file: 'old.csv', contentHash: null })]);
        expect(before.rowCount).toBe(1);
        const file = join(dir, 'fresh.csv');
        writeFileSync(file, 'x,y\n1,2\n');
        must(await core.importFile({ file: { kind: 'path', path: file }, sourceName: 'fresh', snapshotDate: '2026-01-01' }));
        const after = must(await core.explain({ spec: { source: 'fresh', measures: [{ op: 'count' }] } }));
        expect(after.files[0]!.contentHash).toBe(createHash('sha256').update('x,y\n1,2\n').digest('hex'));
        const c = await core.workspace.connect();
        const [meta] = await rowsOf(c, `SELECT value FROM _qd_meta WHERE key = 'catalog_version'`);
        c.closeSync();
        expect(meta!.value).toBe(String(CATALOG_VERSION));
      } finally {
        core.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

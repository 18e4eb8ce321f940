// Dashboards on the demo workspace (ensureDemo, as the app builds it): the specs widgetQuerySpec and
// kpiTileSpec produce, run through CoreApi.runQuery, against hand-written SQL over the sample CSV
// files; and fieldValues, the filter bar's value lists, against the same files.
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemo } from '../../electron/core/demo';
import type { SourceInfo } from '../../shared/api';
import { readArrow } from '../../shared/arrow/cells';
import { kpiTileSpec, readKpiTile, widgetQuerySpec } from '../../shared/dashboard/apply';
import type { CrossFilter, DashboardFilterBar, Widget } from '../../shared/dashboard/types';
import type { AnalysisSpec } from '../../shared/spec/types';
import { memoryConnection, rowsOf } from '../helpers/duckdb';
import { must, tempCore } from '../helpers/workspace';

const SAMPLES = resolve(import.meta.dirname, '..', '..', 'resources', 'samples');
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));

describe('dashboard filters and KPI tiles on the demo workspace, against plain SQL', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let db: Awaited<ReturnType<typeof memoryConnection>>;
  let sources: SourceInfo[];
  const sql = (q: string, params: (string | number)[] = []) => rowsOf(db.conn, q, params);
  const source = (name: string) => sources.find((s) => s.name === name)!;
  const run = async (spec: AnalysisSpec) => readArrow(must(await t.core.runQuery({ spec })).ipc).rows();
  let owners: string[];
  let regions: string[];

  const w = (id: string, spec: AnalysisSpec, over: Partial<Widget> = {}): Widget => ({
    id,
    title: id,
    chart: 'bar',
    spec,
    layout: { x: 0, y: 0, w: 6, h: 4 },
    ...over,
  });
  const bar = (over: Partial<DashboardFilterBar> = {}): DashboardFilterBar => ({ period: null, values: [], compare: null, ...over });

  beforeAll(async () => {
    t = await tempCore();
    must(await ensureDemo(t.core, SAMPLES));
    sources = must(await t.core.getWorkspace()).sources;
    db = await memoryConnection();
    const csv = (name: string) => `read_csv('${join(SAMPLES, `${name}.csv`)}', header = true)`;
    await db.conn.run(`CREATE TABLE deals AS SELECT * FROM ${csv('deals')}`);
    await db.conn.run(`CREATE TABLE accounts AS SELECT * FROM ${csv('accounts')}`);
    owners = (await sql(`SELECT owner FROM deals GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 3`)).map((r) => String(r.owner));
    regions = (await sql(`SELECT region FROM accounts GROUP BY 1 ORDER BY 1 LIMIT 2`)).map((r) => String(r.region));
  }, 180_000);
  afterAll(() => {
    db?.close();
    t?.dispose();
  });

  const revenueWon = (src: string, dimensions: AnalysisSpec['dimensions']): AnalysisSpec => ({
    source: src,
    measures: [{ id: 'revenue', op: 'sum', role: 'amount' }, { id: 'n', op: 'count' }],
    dimensions,
    filters: [{ role: 'status', op: 'eq', values: ['Won'] }],
  });

  it('the period, a role filter and a column of a joined source, on the enriched model and on the plain source', async () => {
    const filters = bar({
      period: { from: '2025-07-01', to: '2025-10-01' },
      values: [
        { field: { role: 'owner' }, values: owners },
        { field: { source: 'accounts', column: 'region' }, values: regions },
      ],
    });
    const enriched = widgetQuerySpec(w('seg', revenueWon('deals (enriched)', [{ id: 'segment', role: 'segment' }])), filters, [], source('deals (enriched)'));
    expect(enriched.ignored).toEqual([]);
    expect(enriched.periodColumn).toBe('closed_at');
    const expected = await sql(
      `SELECT a.segment, sum(d.amount) AS revenue, count(*) AS n FROM deals d LEFT JOIN accounts a ON a.account_name = d.account
       WHERE d.status = 'Won' AND d.closed_at >= DATE '2025-07-01' AND d.closed_at < DATE '2025-10-01'
         AND d.owner IN (${owners.map((_, i) => `$${i + 1}`).join(', ')}) AND a.region IN ($4, $5)
       GROUP BY 1 ORDER BY 1`,
      [...owners, ...regions],
    );
    expect(expected.length).toBeGreaterThan(1);
    const rows = await run(enriched.spec);
    expect(rows.map((r) => [r.segment, r.n])).toEqual(expected.map((r) => [r.segment, num(r.n)]));
    rows.forEach((r, i) => expect(r.revenue).toBeCloseTo(num(expected[i]!.revenue)!, 6));

    // The plain deals source has no account region: that filter is listed, the others apply.
    const plain = widgetQuerySpec(w('own', revenueWon('deals', [{ id: 'owner', role: 'owner' }])), filters, [], source('deals'));
    expect(plain.ignored).toEqual([{ kind: 'value', field: { source: 'accounts', column: 'region' }, reason: 'other_source' }]);
    const expectedPlain = await sql(
      `SELECT owner, sum(amount) AS revenue, count(*) AS n FROM deals
       WHERE status = 'Won' AND closed_at >= DATE '2025-07-01' AND closed_at < DATE '2025-10-01' AND owner IN ($1, $2, $3)
       GROUP BY 1 ORDER BY 1`,
      owners,
    );
    const plainRows = await run(plain.spec);
    expect(plainRows.map((r) => [r.owner, r.n])).toEqual(expectedPlain.map((r) => [r.owner, num(r.n)]));
  });

  it('the comparison toggle on a time widget: each month beside the month before', async () => {
    const widget = w('trend', revenueWon('deals', [{ id: 'month', role: 'closed_at', grain: 'month' }]), { chart: 'line' });
    const q = widgetQuerySpec(widget, bar({ period: { from: '2025-04-01', to: '2025-10-01' }, compare: 'previous_period' }), [], source('deals'));
    expect(q.spec.compare).toEqual({ to: 'previous_period' });
    const rows = await run(q.spec);
    const months = await sql(
      `SELECT strftime(date_trunc('month', closed_at), '%Y-%m-%d') AS month, count(*) AS n, sum(amount) AS revenue FROM deals
       WHERE status = 'Won' AND closed_at >= DATE '2025-03-01' AND closed_at < DATE '2025-10-01' GROUP BY 1 ORDER BY 1`,
    );
    const byMonth = new Map(months.map((r) => [String(r.month), r]));
    expect(rows.map((r) => day(r.month))).toEqual(months.slice(1).map((r) => r.month));
    for (const r of rows) {
      const current = byMonth.get(day(r.month)!)!;
      const prevKey = months[months.findIndex((m) => m.month === day(r.month)) - 1]!.month as string;
      expect(r.n).toBe(num(current.n));
      expect(r.n__previous).toBe(num(byMonth.get(prevKey)!.n));
      expect(r.revenue__previous as number).toBeCloseTo(num(byMonth.get(prevKey)!.revenue)!, 6);
    }
  });

  it('cross-filters: a segment clicked narrows the other widgets, a month clicked selects that month', async () => {
    const segments = await sql(`SELECT segment FROM accounts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    const segment = String(segments[0]!.segment);
    const cross: CrossFilter[] = [
      { fromWidget: 'seg', field: { role: 'segment' }, values: [segment], label: `Segment: ${segment}` },
      { fromWidget: 'trend', field: { role: 'closed_at' }, values: ['2025-05-01'], label: 'May 2025', grain: 'month' },
    ];
    const byOwner = widgetQuerySpec(w('own', revenueWon('deals (enriched)', [{ id: 'owner', role: 'owner' }])), bar(), cross, source('deals (enriched)'));
    expect(byOwner.ignored).toEqual([]);
    const expected = await sql(
      `SELECT d.owner, count(*) AS n FROM deals d LEFT JOIN accounts a ON a.account_name = d.account
       WHERE d.status = 'Won' AND a.segment = $1 AND d.closed_at >= DATE '2025-05-01' AND d.closed_at < DATE '2025-06-01'
       GROUP BY 1 ORDER BY 1`,
      [segment],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect((await run(byOwner.spec)).map((r) => [r.owner, r.n])).toEqual(expected.map((r) => [r.owner, num(r.n)]));

    // The segment widget is not narrowed by its own click, only by the month.
    const seg = widgetQuerySpec(w('seg', revenueWon('deals (enriched)', [{ id: 'segment', role: 'segment' }])), bar(), cross, source('deals (enriched)'));
    const expectedSeg = await sql(
      `SELECT a.segment, count(*) AS n FROM deals d LEFT JOIN accounts a ON a.account_name = d.account
       WHERE d.status = 'Won' AND d.closed_at >= DATE '2025-05-01' AND d.closed_at < DATE '2025-06-01' GROUP BY 1 ORDER BY 1`,
    );
    expect((await run(seg.spec)).map((r) => [r.segment, r.n])).toEqual(expectedSeg.map((r) => [r.segment, num(r.n)]));

    // On plain deals the segment does not apply: listed.
    const plain = widgetQuerySpec(w('own', revenueWon('deals', [{ id: 'owner', role: 'owner' }])), bar(), cross, source('deals'));
    expect(plain.ignored).toEqual([{ kind: 'cross', field: { role: 'segment' }, reason: 'role_not_mapped', fromWidget: 'seg' }]);
  });

  const tile = (spec: AnalysisSpec) => w('kpi', spec, { chart: 'kpi' });
  const monthly = async (from: string, to: string, extra = '', params: string[] = []) =>
    new Map(
      (
        await sql(
          `SELECT strftime(date_trunc('month', closed_at), '%Y-%m-%d') AS month, sum(amount) AS revenue FROM deals
           WHERE status = 'Won' AND closed_at >= DATE '${from}' AND closed_at < DATE '${to}' ${extra} GROUP BY 1`,
          params,
        )
      ).map((r) => [String(r.month), num(r.revenue)]),
    );

  it('a KPI tile on a month: the figure, its change on the month before, and twelve months of sparkline', async () => {
    const filters = bar({ period: 'last_complete_month', values: [{ field: { role: 'owner' }, values: owners }] });
    const q = kpiTileSpec(tile(revenueWon('deals', undefined)), filters, [], source('deals'), { today: '2026-11-01' });
    expect(q.mode).toBe('buckets');
    expect(q.period).toEqual({ from: '2026-10-01', to: '2026-11-01' });
    const results = await Promise.all(q.specs.map(run));
    const figures = readKpiTile(q, results);
    const expected = await monthly('2025-10-01', '2026-11-01', 'AND owner IN ($1, $2, $3)', owners);
    const oct = expected.get('2026-10-01')!;
    const sep = expected.get('2026-09-01')!;
    expect(oct).toBeGreaterThan(0);
    expect(figures.value).toBeCloseTo(oct, 6);
    expect(figures.previous).toBeCloseTo(sep, 6);
    expect(figures.change).toBeCloseTo(oct - sep, 6);
    expect(figures.changePct).toBeCloseTo((oct - sep) / Math.abs(sep), 9);
    expect(figures.sparkline.map((p) => p.bucket)).toEqual(q.sparkline);
    expect(q.sparkline).toHaveLength(12);
    figures.sparkline.forEach((p) => {
      const e = expected.get(p.bucket) ?? null;
      if (e === null) expect(p.value).toBeNull();
      else expect(p.value).toBeCloseTo(e, 6);
    });

    // Against the same month last year, with the toggle.
    const yoy = kpiTileSpec(tile(revenueWon('deals', undefined)), { ...filters, compare: 'same_period_last_year' }, [], source('deals'), { today: '2026-11-01' });
    const yoyFigures = readKpiTile(yoy, await Promise.all(yoy.specs.map(run)));
    const lastYear = (await monthly('2025-10-01', '2025-11-01', 'AND owner IN ($1, $2, $3)', owners)).get('2025-10-01')!;
    expect(yoyFigures.value).toBeCloseTo(oct, 6);
    expect(yoyFigures.previous).toBeCloseTo(lastYear, 6);
  });

  it('a KPI tile on the last 30 days: the figure, the 30 days before, a daily sparkline', async () => {
    const q = kpiTileSpec(tile(revenueWon('deals', undefined)), bar({ period: 'last_30_days' }), [], source('deals'), { today: '2026-11-01' });
    expect(q.mode).toBe('range');
    expect(q.period).toEqual({ from: '2026-10-02', to: '2026-11-01' });
    expect(q.compared).toEqual({ from: '2026-09-02', to: '2026-10-02' });
    const figures = readKpiTile(q, await Promise.all(q.specs.map(run)));
    const total = async (from: string, to: string) =>
      num((await sql(`SELECT sum(amount) AS r FROM deals WHERE status = 'Won' AND closed_at >= DATE '${from}' AND closed_at < DATE '${to}'`))[0]!.r);
    const value = (await total('2026-10-02', '2026-11-01'))!;
    const previous = (await total('2026-09-02', '2026-10-02'))!;
    expect(figures.value).toBeCloseTo(value, 6);
    expect(figures.previous).toBeCloseTo(previous, 6);
    expect(figures.changePct).toBeCloseTo((value - previous) / Math.abs(previous), 9);
    const daily = new Map(
      (
        await sql(`SELECT strftime(closed_at, '%Y-%m-%d') AS d, sum(amount) AS r FROM deals
                   WHERE status = 'Won' AND closed_at >= DATE '2026-10-02' AND closed_at < DATE '2026-11-01' GROUP BY 1`)
      ).map((r) => [String(r.d), num(r.r)]),
    );
    expect(figures.sparkline).toHaveLength(30);
    figures.sparkline.forEach((p) => {
      const e = daily.get(p.bucket) ?? null;
      if (e === null) expect(p.value).toBeNull();
      else expect(p.value).toBeCloseTo(e, 6);
    });
  });

  it('a KPI tile of a catalog KPI runs, and its figure equals the KPI over the period alone', async () => {
    const spec: AnalysisSpec = { source: 'deals', measures: [{ kpi: 'conversion_rate' }] };
    const q = kpiTileSpec(tile(spec), bar({ period: 'last_complete_quarter' }), [], source('deals'), { today: '2026-11-01' });
    expect(q.mode).toBe('buckets');
    expect(q.grain).toBe('quarter');
    const figures = readKpiTile(q, await Promise.all(q.specs.map(run)));
    const alone = await run({ ...spec, filters: [{ role: 'closed_at', op: 'in_period', period: { from: '2026-07-01', to: '2026-10-01' } }] });
    expect(figures.value).not.toBeNull();
    expect(figures.value).toBeCloseTo(alone[0]!.conversion_rate as number, 12);
    const before = await run({ ...spec, filters: [{ role: 'closed_at', op: 'in_period', period: { from: '2026-04-01', to: '2026-07-01' } }] });
    expect(figures.previous).toBeCloseTo(before[0]!.conversion_rate as number, 12);
  });

  describe('fieldValues', () => {
    it('lists a role\'s values, most frequent first, with their counts; cut at the limit', async () => {
      const all = must(await t.core.fieldValues({ source: 'deals', field: { role: 'owner' }, limit: 1000 }));
      const expected = await sql(`SELECT owner, count(*) AS n FROM deals GROUP BY 1 ORDER BY 2 DESC, 1`);
      expect(all.truncated).toBe(false);
      expect(all.values).toEqual(expected.map((r) => ({ value: r.owner, count: num(r.n) })));
      const five = must(await t.core.fieldValues({ source: 'deals', field: { role: 'owner' }, limit: 5 }));
      expect(five.truncated).toBe(true);
      expect(five.values).toEqual(all.values.slice(0, 5));
    });

    it('searches ignoring case and accents; % and _ are plain characters', async () => {
      const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      const accounts = await sql(`SELECT account, count(*) AS n FROM deals GROUP BY 1 ORDER BY 2 DESC, 1`);
      for (const search of ['EDITIONS', 'sante', 'bérard', '%', '_']) {
        const found = must(await t.core.fieldValues({ source: 'deals', field: { column: 'account' }, search, limit: 1000 }));
        const expected = accounts.filter((r) => fold(String(r.account)).includes(fold(search))).map((r) => ({ value: r.account, count: num(r.n) }));
        expect(found.values).toEqual(expected);
        if (search !== '%' && search !== '_') expect(found.values.length).toBeGreaterThan(0);
      }
    });

    it('dates, numbers and empty cells; values that filter back to their counts', async () => {
      const closed = must(await t.core.fieldValues({ source: 'deals', field: { role: 'closed_at' }, limit: 3 }));
      const expected = await sql(`SELECT strftime(closed_at, '%Y-%m-%d') AS d, count(*) AS n FROM deals GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST LIMIT 3`);
      expect(closed.values).toEqual(expected.map((r) => ({ value: r.d, count: num(r.n) })));
      // Open deals have no close date: the empty cells are a value of their own.
      expect(closed.values[0]!.value).toBeNull();
      const amounts = must(await t.core.fieldValues({ source: 'deals', field: { column: 'amount' }, limit: 2 }));
      expect(typeof amounts.values[0]!.value).toBe('number');

      for (const picked of [closed.values[0]!, closed.values[1]!, amounts.values[0]!]) {
        const field = picked === amounts.values[0] ? { source: 'deals', column: 'amount' } : { role: 'closed_at' };
        const q = widgetQuerySpec(w('n', { source: 'deals', measures: [{ id: 'n', op: 'count' }] }), bar({ values: [{ field, values: [picked.value] }] }), [], source('deals'));
        expect((await run(q.spec))[0]!.n).toBe(picked.count);
      }
    });

    it('a joined column of an enriched model; unknown fields are errors naming them', async () => {
      const seg = must(await t.core.fieldValues({ source: 'deals (enriched)', field: { role: 'segment' } }));
      const expected = await sql(`SELECT a.segment, count(*) AS n FROM deals d LEFT JOIN accounts a ON a.account_name = d.account GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST`);
      expect(seg.values).toEqual(expected.map((r) => ({ value: r.segment, count: num(r.n) })));
      const role = await t.core.fieldValues({ source: 'deals', field: { role: 'segment' } });
      expect(role.ok).toBe(false);
      if (!role.ok) expect(role.error.location?.field).toBe('field.role');
      const column = await t.core.fieldValues({ source: 'deals', field: { column: 'nope' } });
      expect(column.ok).toBe(false);
      if (!column.ok) expect(column.error.message).toContain('"nope"');
      const src = await t.core.fieldValues({ source: 'nope', field: { column: 'owner' } });
      expect(src.ok).toBe(false);
      const limit = await t.core.fieldValues({ source: 'deals', field: { column: 'owner' }, limit: 5000 });
      expect(limit.ok).toBe(false);
    });
  });
});

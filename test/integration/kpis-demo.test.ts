// The multi-source KPIs (activities, costs, targets) on the demo workspace, as the app builds it
// (ensureDemo: imports, then confirmed relationships, so "activities (enriched)" carries the deal
// and account roles), against plain SQL on the sample CSV files written here.
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/arrow/cells';
import { ensureDemo } from '../../electron/core/demo';
import { runKpis, type KpiRunOptions } from '../../electron/core/kpi';
import { memoryConnection, rowsOf } from '../helpers/duckdb';
import { must, tempCore } from '../helpers/workspace';

const SAMPLES = resolve(import.meta.dirname, '..', '..', 'resources', 'samples');
const TODAY = '2026-11-01';
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

describe('multi-source KPIs on the demo workspace, against plain SQL', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let db: Awaited<ReturnType<typeof memoryConnection>>;
  const sql = (q: string) => rowsOf(db.conn, q);
  const run = async (names: string[], options: Partial<KpiRunOptions> = {}) => must(await runKpis(t.core, names, { today: TODAY, ...options }));

  beforeAll(async () => {
    t = await tempCore();
    must(await ensureDemo(t.core, SAMPLES));
    db = await memoryConnection();
    const csv = (name: string, types = '') => `read_csv('${join(SAMPLES, `${name}.csv`)}', header = true${types})`;
    await db.conn.run(`CREATE TABLE deals AS SELECT * FROM ${csv('deals')}`);
    await db.conn.run(`CREATE TABLE accounts AS SELECT * FROM ${csv('accounts')}`);
    await db.conn.run(`CREATE TABLE activities AS SELECT * FROM ${csv('activities')}`);
    await db.conn.run(`CREATE TABLE costs AS SELECT * FROM ${csv('costs', ", types = {'month': 'VARCHAR'}")}`);
    await db.conn.run(`CREATE TABLE targets AS SELECT * FROM ${csv('targets', ", types = {'month': 'VARCHAR'}")}`);
  }, 180_000);
  afterAll(() => {
    db?.close();
    t?.dispose();
  });

  it('activities per won deal, by segment and by rep', async () => {
    const bySegment = await run(['activities_per_won_deal'], { by: ['segment'] });
    expect(bySegment.source).toBe('activities (enriched)');
    const expected = await sql(`SELECT acc.segment, count(*) AS n, count(DISTINCT a.deal_id) AS deals
      FROM activities a JOIN deals d ON d.deal_id = a.deal_id LEFT JOIN accounts acc ON acc.account_name = a.account
      WHERE d.status = 'Won' GROUP BY 1 ORDER BY 1`);
    expect(expected.length).toBeGreaterThan(1);
    expect(bySegment.rows.map((x) => [x.segment, x.activities_per_won_deal_activities, x.activities_per_won_deal_deals])).toEqual(
      expected.map((x) => [x.segment, num(x.n), num(x.deals)]),
    );
    bySegment.rows.forEach((row, i) => expect(row.activities_per_won_deal).toBeCloseTo(num(expected[i]!.n)! / num(expected[i]!.deals)!, 12));

    // By rep (the activity's owner), deals won in 2025.
    const byRep = await run(['activities_per_won_deal'], { by: ['owner'], period: { from: '2025-01-01', to: '2026-01-01' } });
    const expectedRep = await sql(`SELECT a.owner, count(*) AS n, count(DISTINCT a.deal_id) AS deals
      FROM activities a JOIN deals d ON d.deal_id = a.deal_id
      WHERE d.status = 'Won' AND d.closed_at >= DATE '2025-01-01' AND d.closed_at < DATE '2026-01-01' GROUP BY 1 ORDER BY 1`);
    expect(byRep.rows.map((x) => [x.owner, x.activities_per_won_deal_activities, x.activities_per_won_deal_deals])).toEqual(
      expectedRep.map((x) => [x.owner, num(x.n), num(x.deals)]),
    );
  });

  it('activity outcomes by type and outcome, and activities by rep', async () => {
    const r = await run(['activity_outcomes'], { period: { from: '2025-01-01', to: '2025-04-01' } });
    const expected = await sql(`SELECT activity_type, outcome, count(*) AS n FROM activities
      WHERE activity_at >= TIMESTAMP '2025-01-01' AND activity_at < TIMESTAMP '2025-04-01' GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(r.rows.map((x) => [x.activity_type, x.outcome, x.activity_outcomes])).toEqual(expected.map((x) => [x.activity_type, x.outcome, num(x.n)]));
    const byRep = await run(['activities'], { by: ['owner'] });
    const expectedRep = await sql('SELECT owner, count(*) AS n FROM activities GROUP BY 1 ORDER BY 1');
    expect(byRep.rows.map((x) => [x.owner, x.activities])).toEqual(expectedRep.map((x) => [x.owner, num(x.n)]));
  });

  const compareJoined = (rows: Record<string, CellValue>[], expected: Record<string, unknown>[], ids: Record<string, string>) => {
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const e = expected[i]!;
      for (const [id, column] of Object.entries(ids)) {
        const want = num(e[column]);
        if (want === null || typeof row[id] === 'string') expect([id, row[id]]).toEqual([id, e[column] ?? null]);
        else expect(row[id]).toBeCloseTo(want, 6);
      }
    });
  };

  it('acquisition cost by channel and month, 2025', async () => {
    const r = await run(['acquisition_cost'], { grain: 'month', period: { from: '2025-01-01', to: '2026-01-01' } });
    expect(r.sources['acquisition_cost:costs']).toBe('costs');
    const expected = await sql(`
      WITH w AS (SELECT lead_source AS k, strftime(date_trunc('month', closed_at), '%Y-%m-%d') AS p, count(*) FILTER (WHERE status = 'Won') AS won
                 FROM deals WHERE closed_at >= DATE '2025-01-01' AND closed_at < DATE '2026-01-01' GROUP BY 1, 2),
           c AS (SELECT channel AS k, month || '-01' AS p, sum(cost_amount) AS spend FROM costs WHERE month >= '2025-01' AND month < '2026-01' GROUP BY 1, 2)
      SELECT coalesce(w.k, c.k) AS k, coalesce(w.p, c.p) AS p, coalesce(won, 0) AS won, coalesce(spend, 0) AS spend,
             coalesce(spend, 0) / nullif(coalesce(won, 0), 0) AS cac
      FROM w FULL JOIN c ON w.k = c.k AND w.p = c.p ORDER BY 1, 2`);
    expect(expected.some((x) => x.k === 'Sales time')).toBe(true); // spend without a lead source: no CAC
    compareJoined(r.rows, expected, { lead_source: 'k', period: 'p', acquisition_cost_won: 'won', acquisition_cost_spend: 'spend', acquisition_cost: 'cac' });
  });

  it('lead-source ROI overall', async () => {
    const r = await run(['lead_source_roi']);
    const expected = await sql(`
      WITH d AS (SELECT lead_source AS k, count(*) AS deals, count(*) FILTER (WHERE status = 'Won') AS won, count(*) FILTER (WHERE status = 'Lost') AS lost,
                        coalesce(sum(amount) FILTER (WHERE status = 'Won'), 0) AS revenue FROM deals GROUP BY 1),
           c AS (SELECT channel AS k, sum(cost_amount) AS spend FROM costs GROUP BY 1)
      SELECT coalesce(d.k, c.k) AS k, coalesce(deals, 0) AS deals, coalesce(won, 0) AS won, coalesce(revenue, 0) AS revenue,
             won / nullif(won + lost, 0) AS conversion, coalesce(spend, 0) AS spend, coalesce(revenue, 0) / nullif(coalesce(spend, 0), 0) AS roi
      FROM d FULL JOIN c ON d.k = c.k ORDER BY 1`);
    compareJoined(r.rows, expected, {
      lead_source: 'k', lead_source_roi_deals: 'deals', lead_source_roi_won: 'won', lead_source_roi_revenue: 'revenue',
      lead_source_roi_conversion: 'conversion', lead_source_roi_spend: 'spend', lead_source_roi: 'roi',
    });
  });

  it('probability by stage', async () => {
    const r = await run(['probability_by_stage']);
    const expected = await sql(`SELECT stage, avg(probability) FILTER (WHERE status = 'Open') / 100 AS p,
      count(*) FILTER (WHERE status = 'Open') AS open, count(*) AS deals FROM deals GROUP BY 1 ORDER BY 1`);
    compareJoined(r.rows, expected, { stage: 'stage', probability_by_stage: 'p', probability_by_stage_open: 'open', probability_by_stage_deals: 'deals' });
  });

  it('attainment vs targets per owner and month, first half of 2025', async () => {
    const r = await run(['target_attainment'], { grain: 'month', period: { from: '2025-01-01', to: '2025-07-01' } });
    expect(r.sources['target_attainment:targets']).toBe('targets');
    const expected = await sql(`
      WITH w AS (SELECT owner AS k, strftime(date_trunc('month', closed_at), '%Y-%m-%d') AS p, coalesce(sum(amount) FILTER (WHERE status = 'Won'), 0) AS revenue
                 FROM deals WHERE closed_at >= DATE '2025-01-01' AND closed_at < DATE '2025-07-01' GROUP BY 1, 2),
           t AS (SELECT owner AS k, month || '-01' AS p, sum(target_amount) AS target FROM targets WHERE month >= '2025-01' AND month < '2025-07' GROUP BY 1, 2)
      SELECT coalesce(w.k, t.k) AS k, coalesce(w.p, t.p) AS p, coalesce(revenue, 0) AS revenue, coalesce(target, 0) AS target,
             coalesce(revenue, 0) / nullif(coalesce(target, 0), 0) AS attainment
      FROM w FULL JOIN t ON w.k = t.k AND w.p = t.p ORDER BY 1, 2`);
    compareJoined(r.rows, expected, {
      owner: 'k', period: 'p', target_attainment_revenue: 'revenue', target_attainment_target: 'target', target_attainment: 'attainment',
    });
  });
});

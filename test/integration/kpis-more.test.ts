// The forecast by close period, the stage funnel, leads → opportunities, CRM usage per rep and the
// average basket per account: on hand-made inline exports with the expected values worked out by
// hand below, then on the demo workspace and the Maven CRM data against plain SQL written here.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../../electron/core/api';
import { ensureDemo } from '../../electron/core/demo';
import { runKpis, type KpiRunOptions } from '../../electron/core/kpi';
import type { Result } from '../../shared/api';
import { wilsonInterval } from '../../shared/model/kpis';
import { memoryConnection, rowsOf } from '../helpers/duckdb';
import { must, tempCore } from '../helpers/workspace';

const TODAY = '2024-07-01';
// Stages in pipeline order (probability 10, 20, 60): Prospecting, Qualification, Proposal, then
// Closed Won, Closed Lost. D3 was lost at Proposal (the export kept its stage); D5's loss stage is
// not kept (Closed Lost).
const DEALS = `deal_id,account,owner,stage,status,amount,probability,created_at,expected_close_at,closed_at
D1,Acme,Alice,Closed Won,Won,1000,100,2024-01-10,2024-02-28,2024-02-15
D2,Acme,Alice,Closed Won,Won,3000,100,2024-02-01,2024-03-31,2024-03-11
D3,Beta,Alice,Proposal,Lost,500,60,2024-02-05,2024-03-31,2024-03-20
D4,Gamma,Bob,Closed Won,Won,2000,100,2024-01-05,2024-03-15,2024-03-04
D5,Beta,Bob,Closed Lost,Lost,800,0,2024-03-01,2024-04-30,2024-04-10
D6,Delta,Bob,Qualification,Open,600,20,2024-03-15,2024-03-31,
D7,Delta,Alice,Proposal,Open,1000,60,2024-04-01,2024-04-30,
D8,Gamma,Bob,Prospecting,Open,400,10,2024-04-02,2024-05-31,
`;
const ACCOUNTS = `account_name,segment,account_type
Acme,Gold,Customer
Beta,Silver,Prospect
Gamma,Silver,Customer
Delta,Gold,Prospect
`;
const ACTIVITIES = `activity_id,deal_id,owner,activity_type,activity_at,outcome
A1,D1,Alice,Call,2024-01-12 09:00:00,Reached
A2,D1,Alice,Meeting,2024-02-20 10:00:00,Completed
A3,D4,Bob,Call,2024-01-10 08:00:00,Reached
A4,D6,Carol,Call,2024-03-20 08:00:00,Reached
`;
const LEADS = `lead_id,lead_source,created_at,converted
L1,Website,2024-01-03,Yes
L2,Website,2024-01-05,No
L3,Referral,2024-01-09,Yes
L4,Website,2024-02-01,No
L5,Referral,2024-02-11,No
`;

const message = (r: Result<unknown>) => (r.ok ? '' : r.error.message);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

describe('more KPIs (hand-made)', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let core: CoreApi;
  let noLeads: Result<unknown>;
  const run = async (names: string[], options: Partial<KpiRunOptions> = {}) => must(await runKpis(core, names, { today: TODAY, ...options }));

  beforeAll(async () => {
    t = await tempCore();
    core = t.core;
    for (const [name, text] of Object.entries({ deals: DEALS, accounts: ACCOUNTS, activities: ACTIVITIES })) {
      const file = join(t.dir, `${name}.csv`);
      writeFileSync(file, text);
      must(await core.importFile({ file: { kind: 'path', path: file }, sourceName: name }));
    }
    noLeads = await runKpis(core, ['lead_conversion'], { today: TODAY });
    const file = join(t.dir, 'leads.csv');
    writeFileSync(file, LEADS);
    must(await core.importFile({ file: { kind: 'path', path: file }, sourceName: 'leads' }));
    for (const p of must(await core.proposeRelationships())) {
      if (p.coverage >= 0.99) must(await core.setRelationship({ from: p.from, to: p.to }, true));
    }
  });
  afterAll(() => t.dispose());

  it('forecast: won by closed month + weighted open by expected close month', async () => {
    // Won: D1 1000 (Feb), D2 3000 + D4 2000 (Mar). Open weighted: D6 600 × 20 % = 120 (Mar),
    // D7 1000 × 60 % = 600 (Apr), D8 400 × 10 % = 40 (May).
    const all = await run(['forecast']);
    expect(all.rows).toEqual([{ forecast: 6760, forecast_won: 6000, forecast_won_deals: 3, forecast_weighted: 760, forecast_open_deals: 3 }]);
    const byMonth = await run(['forecast'], { grain: 'month' });
    expect(byMonth.rows).toEqual([
      { period: '2024-02-01', forecast: 1000, forecast_won: 1000, forecast_won_deals: 1, forecast_weighted: 0, forecast_open_deals: 0 },
      { period: '2024-03-01', forecast: 5120, forecast_won: 5000, forecast_won_deals: 2, forecast_weighted: 120, forecast_open_deals: 1 },
      { period: '2024-04-01', forecast: 600, forecast_won: 0, forecast_won_deals: 0, forecast_weighted: 600, forecast_open_deals: 1 },
      { period: '2024-05-01', forecast: 40, forecast_won: 0, forecast_won_deals: 0, forecast_weighted: 40, forecast_open_deals: 1 },
    ]);
    expect(Object.keys(byMonth.specs)).toEqual(['forecast', 'forecast:deal:expected_close_at']);
    // March and April, by rep: Alice D2 3000 + D7 600; Bob D4 2000 + D6 120.
    const byRep = await run(['forecast'], { by: ['owner'], period: { from: '2024-03-01', to: '2024-05-01' } });
    expect(byRep.rows.map((r) => [r.owner, r.forecast_won, r.forecast_weighted, r.forecast])).toEqual([
      ['Alice', 3000, 600, 3600],
      ['Bob', 2000, 120, 2120],
    ]);
  });

  it('stage funnel: reached, stage-to-stage conversion and loss stage, in pipeline order', async () => {
    // Open stages: Prospecting (D8), Qualification (D6), Proposal (D7 open, D3 lost there); won: D1 D2 D4;
    // D5 lost, stage unknown. Reached: Proposal 2 + 3 won = 5; Qualification 5 + 1 = 6;
    // Prospecting 6 + 1 + D5 = 8 (every deal). Next: 6, 5, then won 3.
    const r = await run(['stage_funnel']);
    expect(r.rows).toEqual([
      { stage: 'Prospecting', stage_funnel: 8, stage_funnel_at: 1, stage_funnel_won: 0, stage_funnel_lost: 0, stage_funnel_next: 6, stage_funnel_conversion: 6 / 8 },
      { stage: 'Qualification', stage_funnel: 6, stage_funnel_at: 1, stage_funnel_won: 0, stage_funnel_lost: 0, stage_funnel_next: 5, stage_funnel_conversion: 5 / 6 },
      { stage: 'Proposal', stage_funnel: 5, stage_funnel_at: 1, stage_funnel_won: 0, stage_funnel_lost: 1, stage_funnel_next: 3, stage_funnel_conversion: 3 / 5 },
      { stage: 'Closed Won', stage_funnel: null, stage_funnel_at: 0, stage_funnel_won: 3, stage_funnel_lost: 0, stage_funnel_next: null, stage_funnel_conversion: null },
      { stage: 'Closed Lost', stage_funnel: null, stage_funnel_at: 0, stage_funnel_won: 0, stage_funnel_lost: 1, stage_funnel_next: null, stage_funnel_conversion: null },
    ]);
    // Bob: D8 Prospecting, D6 Qualification, D4 won, D5 lost (unknown): Prospecting 1 + 1 + 1 + 1 = 4,
    // Qualification 2, no Proposal deal of his: the stage is absent from his rows.
    const bob = await run(['stage_funnel'], { filters: [{ role: 'owner', value: 'Bob' }] });
    expect(bob.rows.map((x) => [x.stage, x.stage_funnel, x.stage_funnel_next, x.stage_funnel_lost])).toEqual([
      ['Prospecting', 4, 2, 0],
      ['Qualification', 2, 1, 0],
      ['Closed Won', null, null, 0],
      ['Closed Lost', null, null, 1],
    ]);
    // By rep, every rep gets every stage: Alice (D1 D2 won, D3 lost at Proposal, D7 at Proposal) reached
    // Prospecting and Qualification through her Proposal and won deals: 4, 4, 4, then won 2 of 4.
    const byRep = await run(['stage_funnel'], { by: ['owner'] });
    expect(byRep.rows.map((x) => [x.owner, x.stage, x.stage_funnel, x.stage_funnel_next])).toEqual([
      ['Alice', 'Prospecting', 4, 4], ['Alice', 'Qualification', 4, 4], ['Alice', 'Proposal', 4, 2],
      ['Alice', 'Closed Won', null, null], ['Alice', 'Closed Lost', null, null],
      ['Bob', 'Prospecting', 4, 2], ['Bob', 'Qualification', 2, 1], ['Bob', 'Proposal', 1, 1],
      ['Bob', 'Closed Won', null, null], ['Bob', 'Closed Lost', null, null],
    ]);
  });

  it('leads → opportunities: converted / leads, counts and Wilson interval', async () => {
    expect(noLeads.ok).toBe(false);
    expect(message(noLeads)).toMatch(/needs a leads source/);
    const all = await run(['lead_conversion']);
    expect(all.source).toBe('leads');
    const ci = wilsonInterval(2, 5)!;
    expect(all.rows).toEqual([{ lead_conversion: 0.4, lead_conversion_converted: 2, lead_conversion_leads: 5, lead_conversion_low: ci.low, lead_conversion_high: ci.high }]);
    const bySource = await run(['lead_conversion'], { by: ['lead_source'] });
    expect(bySource.rows.map((x) => [x.lead_source, x.lead_conversion_converted, x.lead_conversion_leads])).toEqual([['Referral', 1, 2], ['Website', 1, 3]]);
    const jan = await run(['lead_conversion'], { period: { from: '2024-01-01', to: '2024-02-01' } });
    expect(jan.rows[0]).toMatchObject({ lead_conversion_converted: 2, lead_conversion_leads: 3 });
  });

  it('CRM usage per rep: deals created and activities logged, by period', async () => {
    const r = await run(['crm_usage']);
    expect(r.rows).toEqual([
      { owner: 'Alice', crm_usage: 6, crm_usage_deals: 4, crm_usage_activities: 2 },
      { owner: 'Bob', crm_usage: 5, crm_usage_deals: 4, crm_usage_activities: 1 },
      { owner: 'Carol', crm_usage: 1, crm_usage_deals: 0, crm_usage_activities: 1 },
    ]);
    const byMonth = await run(['crm_usage'], { grain: 'month' });
    expect(byMonth.rows.map((x) => [x.owner, x.period, x.crm_usage_deals, x.crm_usage_activities])).toEqual([
      ['Alice', '2024-01-01', 1, 1],
      ['Alice', '2024-02-01', 2, 1],
      ['Alice', '2024-04-01', 1, 0],
      ['Bob', '2024-01-01', 1, 1],
      ['Bob', '2024-03-01', 2, 0],
      ['Bob', '2024-04-01', 1, 0],
      ['Carol', '2024-03-01', 0, 1],
    ]);
  });

  it('average basket per account, overall, by segment and by account type', async () => {
    // Won: Acme D1 1000 + D2 3000, Gamma D4 2000: 6000 / 2 accounts.
    expect((await run(['account_basket'])).rows).toEqual([
      { account_basket: 3000, account_basket_revenue: 6000, account_basket_accounts: 2, account_basket_deals: 3 },
    ]);
    const bySegment = await run(['account_basket'], { by: ['segment'] });
    expect(bySegment.source).toBe('deals (enriched)');
    expect(bySegment.rows.map((x) => [x.segment, x.account_basket, x.account_basket_accounts])).toEqual([['Gold', 4000, 1], ['Silver', 2000, 1]]);
    const byType = await run(['account_basket'], { by: ['account_type'] });
    expect(byType.rows.map((x) => [x.account_type, x.account_basket])).toEqual([['Customer', 3000]]);
    // Closed in March: D2 (Acme 3000), D4 (Gamma 2000).
    expect((await run(['account_basket'], { period: { from: '2024-03-01', to: '2024-04-01' } })).rows[0]).toMatchObject({ account_basket: 2500 });
  });
});

const SAMPLES = resolve(import.meta.dirname, '..', '..', 'resources', 'samples');
const DEMO_TODAY = '2026-11-01';

describe('more KPIs on the demo workspace, against plain SQL', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let db: Awaited<ReturnType<typeof memoryConnection>>;
  const sql = (q: string) => rowsOf(db.conn, q);
  const run = async (names: string[], options: Partial<KpiRunOptions> = {}) => must(await runKpis(t.core, names, { today: DEMO_TODAY, ...options }));

  beforeAll(async () => {
    t = await tempCore();
    must(await ensureDemo(t.core, SAMPLES));
    db = await memoryConnection();
    const csv = (name: string) => `read_csv('${join(SAMPLES, `${name}.csv`)}', header = true)`;
    await db.conn.run(`CREATE TABLE deals AS SELECT * FROM ${csv('deals')}`);
    await db.conn.run(`CREATE TABLE accounts AS SELECT * FROM ${csv('accounts')}`);
    await db.conn.run(`CREATE TABLE activities AS SELECT * FROM ${csv('activities')}`);
  }, 180_000);
  afterAll(() => {
    db?.close();
    t?.dispose();
  });

  it('forecast by month', async () => {
    const r = await run(['forecast'], { grain: 'month' });
    const expected = await sql(`WITH w AS (SELECT date_trunc('month', closed_at) AS m, sum(amount) AS won, count(*) AS n FROM deals WHERE status = 'Won' GROUP BY 1),
      o AS (SELECT date_trunc('month', expected_close_at) AS m, sum(amount * probability) / 100 AS weighted, count(*) AS n FROM deals
        WHERE status = 'Open' AND expected_close_at IS NOT NULL GROUP BY 1)
      SELECT strftime(coalesce(w.m, o.m), '%Y-%m-%d') AS period, coalesce(w.won, 0) AS won, coalesce(w.n, 0) AS won_n,
        coalesce(o.weighted, 0) AS weighted, coalesce(o.n, 0) AS open_n
      FROM w FULL JOIN o ON w.m = o.m ORDER BY 1`);
    expect(expected.length).toBeGreaterThan(6);
    // Months with only lost deals closed show zeros: keep the months with something.
    const rows = r.rows.filter((x) => x.forecast_won_deals !== 0 || x.forecast_open_deals !== 0);
    expect(rows.map((x) => [x.period, x.forecast_won_deals, x.forecast_open_deals])).toEqual(expected.map((e) => [e.period, num(e.won_n), num(e.open_n)]));
    rows.forEach((x, i) => {
      expect(x.forecast_won).toBeCloseTo(num(expected[i]!.won)!, 6);
      expect(x.forecast_weighted).toBeCloseTo(num(expected[i]!.weighted)!, 6);
      expect(x.forecast).toBeCloseTo(num(expected[i]!.won)! + num(expected[i]!.weighted)!, 6);
    });
  });

  it('stage funnel', async () => {
    const r = await run(['stage_funnel']);
    const order = ['Prospecting', 'Qualification', 'Needs analysis', 'Proposal', 'Negotiation'];
    expect(r.rows.map((x) => x.stage)).toEqual([...order, 'Closed Won', 'Closed Lost']);
    const counts = await sql(`SELECT stage, count(*) FILTER (WHERE status = 'Open') AS at, count(*) FILTER (WHERE status = 'Won') AS won,
      count(*) FILTER (WHERE status = 'Lost') AS lost FROM deals GROUP BY 1`);
    const of = (stage: string, what: string) => num(counts.find((c) => c.stage === stage)?.[what]) ?? 0;
    const [won] = await sql(`SELECT count(*) AS n FROM deals WHERE status = 'Won'`);
    const [lostUnknown] = await sql(`SELECT count(*) AS n FROM deals WHERE status = 'Lost' AND stage = 'Closed Lost'`);
    const reached = order.map((_, i) => order.slice(i).reduce((n, s) => n + of(s, 'at') + of(s, 'lost'), 0) + num(won!.n)! + (i === 0 ? num(lostUnknown!.n)! : 0));
    expect(reached[0]).toBe(num((await sql('SELECT count(*) AS n FROM deals'))[0]!.n));
    order.forEach((s, i) => {
      const row = r.rows[i]!;
      const next = i + 1 < order.length ? reached[i + 1]! : num(won!.n)!;
      expect([row.stage_funnel, row.stage_funnel_at, row.stage_funnel_next]).toEqual([reached[i], of(s, 'at'), next]);
      expect(row.stage_funnel_conversion).toBeCloseTo(next / reached[i]!, 12);
    });
    expect(r.rows[6]).toMatchObject({ stage: 'Closed Lost', stage_funnel_lost: num(lostUnknown!.n) });
  });

  it('CRM usage per rep and month', async () => {
    const r = await run(['crm_usage'], { grain: 'quarter' });
    const expected = await sql(`WITH d AS (SELECT owner, strftime(date_trunc('quarter', created_at), '%Y-%m-%d') AS p, count(*) AS n FROM deals GROUP BY 1, 2),
      a AS (SELECT owner, strftime(date_trunc('quarter', activity_at), '%Y-%m-%d') AS p, count(*) AS n FROM activities GROUP BY 1, 2)
      SELECT coalesce(d.owner, a.owner) AS owner, coalesce(d.p, a.p) AS p, coalesce(d.n, 0) AS deals, coalesce(a.n, 0) AS acts
      FROM d FULL JOIN a ON d.owner = a.owner AND d.p = a.p ORDER BY 1, 2`);
    expect(expected.length).toBeGreaterThan(10);
    expect(r.rows.map((x) => [x.owner, x.period, x.crm_usage_deals, x.crm_usage_activities, x.crm_usage])).toEqual(
      expected.map((e) => [e.owner, e.p, num(e.deals), num(e.acts), num(e.deals)! + num(e.acts)!]),
    );
  });

  it('average basket per account by segment and account type', async () => {
    for (const role of ['segment', 'account_type']) {
      const r = await run(['account_basket'], { by: [role] });
      const expected = await sql(`SELECT acc.${role} AS g, sum(d.amount) AS revenue, count(DISTINCT d.account) AS accounts, count(*) AS deals
        FROM deals d LEFT JOIN accounts acc ON acc.account_name = d.account WHERE d.status = 'Won' GROUP BY 1 ORDER BY 1 NULLS LAST`);
      expect(expected.length).toBeGreaterThan(1);
      expect(r.rows.map((x) => [x[role], x.account_basket_accounts, x.account_basket_deals])).toEqual(expected.map((e) => [e.g, num(e.accounts), num(e.deals)]));
      r.rows.forEach((x, i) => expect(x.account_basket).toBeCloseTo(num(expected[i]!.revenue)! / num(expected[i]!.accounts)!, 6));
    }
  });
});

const MAVEN = '/work/shared/data/maven-crm-sales-opportunities/sales_pipeline.csv';
const LEADS_FILE = '/work/shared/data/xeducation-lead-scoring/Leads.csv';

describe('more KPIs on the Maven CRM and X Education leads data, against plain SQL', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let db: Awaited<ReturnType<typeof memoryConnection>>;
  const sql = (q: string) => rowsOf(db.conn, q);
  const run = async (names: string[], options: Partial<KpiRunOptions> = {}) => must(await runKpis(t.core, names, { today: '2017-12-31', ...options }));

  beforeAll(async () => {
    t = await tempCore();
    must(await t.core.importFile({ file: { kind: 'path', path: MAVEN } }));
    must(await t.core.importFile({ file: { kind: 'path', path: LEADS_FILE } }));
    db = await memoryConnection();
    await db.conn.run(`CREATE TABLE deals AS SELECT * FROM read_csv('${MAVEN}', header = true)`);
    await db.conn.run(`CREATE TABLE leads AS SELECT * FROM read_csv('${LEADS_FILE}', header = true)`);
  }, 180_000);
  afterAll(() => {
    db?.close();
    t?.dispose();
  });

  it('stage funnel on deal_stage (the outcome in the stage: loss stage unknown)', async () => {
    const r = await run(['stage_funnel']);
    const [c] = await sql(`SELECT count(*) FILTER (WHERE deal_stage = 'Prospecting') AS p, count(*) FILTER (WHERE deal_stage = 'Engaging') AS e,
      count(*) FILTER (WHERE deal_stage = 'Won') AS w, count(*) FILTER (WHERE deal_stage = 'Lost') AS l, count(*) AS n FROM deals`);
    const [p, e, w, l, n] = [num(c!.p)!, num(c!.e)!, num(c!.w)!, num(c!.l)!, num(c!.n)!];
    expect(r.rows.map((x) => [x.stage, x.stage_funnel, x.stage_funnel_next, x.stage_funnel_lost])).toEqual([
      ['Prospecting', p + e + w + l, e + w, 0],
      ['Engaging', e + w, w, 0],
      ['Won', null, null, 0],
      ['Lost', null, null, l],
    ]);
    expect(p + e + w + l).toBe(n);
  });

  it('forecast names the missing probability (Maven has none)', async () => {
    const r = await runKpis(t.core, ['forecast'], { today: '2017-12-31' });
    expect(r.ok ? '' : r.error.message).toMatch(/KPI "forecast" needs the roles? .*probability/);
  });

  it('average basket per account by sector-less Maven: per account over the lifetime', async () => {
    const r = await run(['account_basket']);
    const [e] = await sql(`SELECT sum(close_value) AS revenue, count(DISTINCT account) AS accounts FROM deals WHERE deal_stage = 'Won'`);
    expect(r.rows[0]!.account_basket_accounts).toBe(num(e!.accounts));
    expect(r.rows[0]!.account_basket).toBeCloseTo(num(e!.revenue)! / num(e!.accounts)!, 6);
  });

  it('leads → opportunities on the X Education leads', async () => {
    const r = await run(['lead_conversion'], { by: ['lead_source'] });
    const expected = await sql(`SELECT "Lead Source" AS s, count(*) FILTER (WHERE "Converted" = 1) AS c, count(*) AS n FROM leads GROUP BY 1 ORDER BY 1 NULLS LAST`);
    expect(r.rows.map((x) => [x.lead_source, x.lead_conversion_converted, x.lead_conversion_leads])).toEqual(expected.map((e) => [e.s, num(e.c), num(e.n)]));
    const all = await run(['lead_conversion']);
    const [e] = await sql(`SELECT count(*) FILTER (WHERE "Converted" = 1) AS c, count(*) AS n FROM leads`);
    expect(all.rows[0]).toMatchObject({ lead_conversion_converted: num(e!.c), lead_conversion_leads: num(e!.n) });
    expect(all.rows[0]!.lead_conversion).toBeCloseTo(num(e!.c)! / num(e!.n)!, 12);
  });
});

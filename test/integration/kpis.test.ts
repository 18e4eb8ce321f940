// The KPI catalog run end to end: a hand-made deals export (French statuses, probabilities 0–100)
// imported through the core with detected roles, expected values worked out by hand below; the
// Maven CRM data against plain SQL written here; and the `quarterdeck kpi` command.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/arrow/cells';
import { wilsonInterval } from '../../shared/model/kpis';
import type { CoreApi } from '../../electron/core/api';
import { runKpis, type KpiRunOptions } from '../../electron/core/kpi';
import { memoryConnection, rowsOf } from '../helpers/duckdb';
import { must, tempCore } from '../helpers/workspace';

const ALL = [
  'opportunities_created', 'won_deals', 'lost_deals', 'revenue_won', 'conversion_rate', 'average_basket',
  'pipeline_value', 'weighted_pipeline', 'sales_cycle_median', 'sales_cycle_p75', 'stale_deals',
];

// today 2024-07-01, stale after 90 days: open deals created before 2024-04-02.
const DEALS = `Deal ID,Owner,Status,Amount,Probability,Created Date,Expected Close Date,Closed Date
1,Alice,Gagné,1000,100,2024-01-10,2024-02-01,2024-02-15
2,Alice,Gagné,3000,100,2024-02-01,2024-03-01,2024-03-11
3,Alice,Perdu,500,0,2024-02-05,2024-03-01,2024-03-20
4,Bob,Gagné,2000,100,2024-01-05,2024-04-01,2024-04-04
5,Bob,Perdu,800,0,2024-03-01,2024-04-01,2024-04-10
6,Bob,Perdu,700,0,2024-03-15,2024-05-01,2024-05-02
7,Alice,En cours,4000,50,2024-05-01,2024-08-15,
8,Bob,En cours,1000,20,2024-02-01,2024-07-20,
9,Bob,En cours,600,80,2024-06-20,2024-09-01,
`;
const TODAY = '2024-07-01';

describe('KPIs on a hand-made export', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let core: CoreApi;
  const run = async (names: string[], options: Partial<KpiRunOptions> = {}) =>
    must(await runKpis(core, names, { today: TODAY, ...options }));

  beforeAll(async () => {
    t = await tempCore();
    core = t.core;
    const file = join(t.dir, 'deals.csv');
    writeFileSync(file, DEALS);
    const report = must(await core.importFile({ file: { kind: 'path', path: file } }));
    expect(Object.fromEntries(report.roles.map((r) => [r.role, r.column]))).toMatchObject({
      deal_id: 'Deal ID', owner: 'Owner', status: 'Status', amount: 'Amount', probability: 'Probability',
      created_at: 'Created Date', expected_close_at: 'Expected Close Date', closed_at: 'Closed Date',
    });
  });
  afterAll(() => t.dispose());

  it('computes every KPI overall', async () => {
    const r = await run(ALL);
    expect(r.outcome).toEqual({ role: 'status', won: ['Gagné'], lost: ['Perdu'] });
    expect(r.probabilityScale).toBe(100);
    expect(r.rows).toHaveLength(1);
    const row = r.rows[0]!;
    const ci = wilsonInterval(3, 6)!;
    expect(row).toMatchObject({
      opportunities_created: 9,
      won_deals: 3, // deals 1, 2, 4
      lost_deals: 3, // 3, 5, 6
      revenue_won: 6000, // 1000 + 3000 + 2000
      revenue_won_deals: 3,
      conversion_rate: 0.5, // 3 / (3 + 3)
      conversion_rate_won: 3,
      conversion_rate_lost: 3,
      conversion_rate_closed: 6,
      average_basket: 2000, // 6000 / 3
      pipeline_value: 5600, // 4000 + 1000 + 600
      pipeline_value_deals: 3,
      weighted_pipeline: 2680, // 4000 × .5 + 1000 × .2 + 600 × .8
      weighted_pipeline_value: 5600,
      sales_cycle_median: 39, // won cycles 36 (Jan 10 → Feb 15), 39 (Feb 1 → Mar 11, leap year), 90 (Jan 5 → Apr 4)
      sales_cycle_p75: 64.5, // 39 + 0.5 × (90 − 39)
      sales_cycle_median_deals: 3,
      stale_deals: 1, // deal 8, created Feb 1
      stale_deals_amount: 1000,
      stale_deals_open: 3,
    });
    expect(row.conversion_rate_low).toBeCloseTo(ci.low, 12);
    expect(row.conversion_rate_high).toBeCloseTo(ci.high, 12);
    expect(ci.low).toBeCloseTo(0.1876, 4);
    expect(ci.high).toBeCloseTo(0.8124, 4);
  });

  it('groups by owner', async () => {
    const r = await run(ALL, { by: ['owner'] });
    expect(r.rows.map((x) => x.owner)).toEqual(['Alice', 'Bob']);
    const [alice, bob] = r.rows;
    expect(alice).toMatchObject({
      opportunities_created: 4, won_deals: 2, lost_deals: 1, revenue_won: 4000, average_basket: 2000,
      conversion_rate_won: 2, conversion_rate_closed: 3, pipeline_value: 4000, pipeline_value_deals: 1,
      weighted_pipeline: 2000, sales_cycle_median: 37.5, sales_cycle_p75: 38.25, stale_deals: 0, stale_deals_amount: 0,
    });
    expect(alice!.conversion_rate).toBeCloseTo(2 / 3, 12);
    expect(bob).toMatchObject({
      opportunities_created: 5, won_deals: 1, lost_deals: 2, revenue_won: 2000, average_basket: 2000,
      conversion_rate_won: 1, conversion_rate_closed: 3, pipeline_value: 1600, pipeline_value_deals: 2,
      weighted_pipeline: 680, sales_cycle_median: 90, sales_cycle_p75: 90, stale_deals: 1, stale_deals_amount: 1000,
    });
  });

  it('applies the period to each KPI its own date role', async () => {
    // 2024-Q1: closed Feb 15 (won), Mar 11 (won), Mar 20 (lost); created: all but 7 and 9.
    const q1 = (await run(['opportunities_created', 'won_deals', 'lost_deals', 'revenue_won', 'pipeline_value'], {
      period: { from: '2024-01-01', to: '2024-04-01' },
    })).rows[0];
    expect(q1).toMatchObject({ opportunities_created: 7, won_deals: 2, lost_deals: 1, revenue_won: 4000 });
    // Open deals expected to close in Q1: none.
    expect(q1!.pipeline_value).toBe(0);
    // last complete quarter of 2024-07-01 is Q2: won Apr 4; lost Apr 10 and May 2.
    const q2 = (await run(['won_deals', 'lost_deals'], { period: 'last_complete_quarter' })).rows[0];
    expect(q2).toMatchObject({ won_deals: 1, lost_deals: 2 });
  });

  it('by month, with a filter; empty groups are zero', async () => {
    const r = await run(['won_deals', 'lost_deals', 'revenue_won'], { grain: 'month' });
    expect(r.rows).toEqual([
      { period: '2024-02-01', won_deals: 1, lost_deals: 0, revenue_won: 1000, revenue_won_deals: 1 },
      { period: '2024-03-01', won_deals: 1, lost_deals: 1, revenue_won: 3000, revenue_won_deals: 1 },
      { period: '2024-04-01', won_deals: 1, lost_deals: 1, revenue_won: 2000, revenue_won_deals: 1 },
      { period: '2024-05-01', won_deals: 0, lost_deals: 1, revenue_won: 0, revenue_won_deals: 0 },
    ]);
    const bob = await run(['won_deals', 'opportunities_created'], { filters: [{ role: 'owner', value: 'Bob' }] });
    expect(bob.rows).toEqual([{ won_deals: 1, opportunities_created: 5 }]);
  });

  it('says which role is missing, and refuses unknown KPIs', async () => {
    const noSegment = await runKpis(core, ['won_deals'], { today: TODAY, by: ['segment'] });
    expect(noSegment.ok).toBe(false);
    if (!noSegment.ok) expect(noSegment.error.message).toMatch(/needs the role segment/);
    const unknown = await runKpis(core, ['won_deal'], { today: TODAY });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toMatch(/unknown KPI "won_deal" \(did you mean "won_deals"\?\)/);
  });
});

const MAVEN = '/work/shared/data/maven-crm-sales-opportunities/sales_pipeline.csv';
const MAVEN_TODAY = '2017-12-31';

describe('KPIs on the Maven CRM data, against plain SQL', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let db: Awaited<ReturnType<typeof memoryConnection>>;
  const sql = (q: string) => rowsOf(db.conn, q.replaceAll('$FILE', `'${MAVEN}'`));

  beforeAll(async () => {
    t = await tempCore();
    must(await t.core.importFile({ file: { kind: 'path', path: MAVEN } }));
    db = await memoryConnection();
    await db.conn.run(`CREATE TABLE deals AS SELECT * FROM read_csv('${MAVEN}', header = true, auto_detect = true)`);
  });
  afterAll(() => {
    db.close();
    t.dispose();
  });

  const KPI_SQL = `
    count(*) AS opportunities_created,
    count(*) FILTER (WHERE deal_stage = 'Won') AS won_deals,
    count(*) FILTER (WHERE deal_stage = 'Lost') AS lost_deals,
    coalesce(sum(close_value) FILTER (WHERE deal_stage = 'Won'), 0) AS revenue_won,
    avg(close_value) FILTER (WHERE deal_stage = 'Won') AS average_basket,
    count(*) FILTER (WHERE deal_stage IN ('Engaging', 'Prospecting')) AS open_deals,
    median(close_date - engage_date) FILTER (WHERE deal_stage = 'Won') AS cycle_median,
    quantile_cont(close_date - engage_date, 0.75) FILTER (WHERE deal_stage = 'Won') AS cycle_p75,
    count(*) FILTER (WHERE deal_stage IN ('Engaging', 'Prospecting') AND engage_date < DATE '2017-10-02') AS stale`;
  const SIMPLE = ['opportunities_created', 'won_deals', 'lost_deals', 'revenue_won', 'conversion_rate', 'average_basket',
    'pipeline_value', 'sales_cycle_median', 'sales_cycle_p75', 'stale_deals'];

  const check = (row: Record<string, CellValue>, e: Record<string, unknown>) => {
    expect(row.opportunities_created).toBe(Number(e.opportunities_created));
    expect(row.won_deals).toBe(Number(e.won_deals));
    expect(row.lost_deals).toBe(Number(e.lost_deals));
    expect(row.revenue_won).toBe(Number(e.revenue_won));
    expect(row.average_basket).toBeCloseTo(Number(e.average_basket), 9);
    expect(row.conversion_rate).toBeCloseTo(Number(e.won_deals) / (Number(e.won_deals) + Number(e.lost_deals)), 12);
    expect(row.pipeline_value_deals).toBe(Number(e.open_deals));
    expect(row.pipeline_value).toBe(0); // open deals carry no close_value in Maven
    expect(row.sales_cycle_median).toBe(Number(e.cycle_median));
    expect(row.sales_cycle_p75).toBeCloseTo(Number(e.cycle_p75), 9);
    expect(row.stale_deals).toBe(Number(e.stale));
    const ci = wilsonInterval(Number(e.won_deals), Number(e.won_deals) + Number(e.lost_deals))!;
    expect(row.conversion_rate_low).toBeCloseTo(ci.low, 12);
  };

  it('overall', async () => {
    const r = must(await runKpis(t.core, SIMPLE, { today: MAVEN_TODAY }));
    expect(r.outcome).toMatchObject({ won: ['Won'], lost: ['Lost'] });
    const [expected] = await sql(`SELECT ${KPI_SQL} FROM deals`);
    expect(r.rows).toHaveLength(1);
    check(r.rows[0]!, expected!);
    expect(r.rows[0]!.won_deals).toBe(4238); // the dataset's documented count, as a sanity anchor
  });

  it('by owner (sales_agent)', async () => {
    const r = must(await runKpis(t.core, SIMPLE, { today: MAVEN_TODAY, by: ['owner'] }));
    const expected = await sql(`SELECT sales_agent, ${KPI_SQL} FROM deals GROUP BY sales_agent ORDER BY sales_agent`);
    expect(r.rows.map((x) => x.owner)).toEqual(expected.map((x) => x.sales_agent));
    r.rows.forEach((row, i) => check(row, expected[i]!));
  });

  it('closed in 2017-Q2, created in 2017-Q2, by month of close', async () => {
    const r = must(await runKpis(t.core, ['won_deals', 'lost_deals', 'revenue_won', 'opportunities_created'], {
      today: MAVEN_TODAY, period: { from: '2017-04-01', to: '2017-07-01' },
    }));
    const [closed] = await sql(`SELECT count(*) FILTER (WHERE deal_stage = 'Won') AS won, count(*) FILTER (WHERE deal_stage = 'Lost') AS lost,
      sum(close_value) FILTER (WHERE deal_stage = 'Won') AS revenue FROM deals WHERE close_date >= DATE '2017-04-01' AND close_date < DATE '2017-07-01'`);
    const [created] = await sql(`SELECT count(*) AS n FROM deals WHERE engage_date >= DATE '2017-04-01' AND engage_date < DATE '2017-07-01'`);
    expect(r.rows[0]).toMatchObject({
      won_deals: Number(closed!.won), lost_deals: Number(closed!.lost), revenue_won: Number(closed!.revenue),
      opportunities_created: Number(created!.n),
    });

    const monthly = must(await runKpis(t.core, ['revenue_won'], { today: MAVEN_TODAY, grain: 'month' }));
    const expectedMonthly = await sql(`SELECT strftime(date_trunc('month', close_date), '%Y-%m-%d') AS period,
      coalesce(sum(close_value) FILTER (WHERE deal_stage = 'Won'), 0) AS revenue
      FROM deals WHERE close_date IS NOT NULL GROUP BY 1 ORDER BY 1`);
    expect(monthly.rows.map((x) => [x.period, x.revenue_won])).toEqual(expectedMonthly.map((x) => [x.period, Number(x.revenue)]));
  });

  it('weighted pipeline names the missing role', async () => {
    const r = await runKpis(t.core, ['weighted_pipeline'], { today: MAVEN_TODAY });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/needs the role probability/);
  });
});

describe('quarterdeck kpi', () => {
  const ROOT = resolve(import.meta.dirname, '..', '..');
  const cli = async (args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'electron/cli/index.ts', ...args], { cwd: ROOT, env: { ...process.env, QUARTERDECK_LANG: 'en' } });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };
  let t: Awaited<ReturnType<typeof tempCore>>;
  let workspace: string;

  beforeAll(async () => {
    t = await tempCore();
    const file = join(t.dir, 'deals.csv');
    writeFileSync(file, DEALS);
    must(await t.core.importFile({ file: { kind: 'path', path: file } }));
    t.core.close();
    workspace = join(t.dir, 'workspace.duckdb');
  });
  afterAll(() => t.dispose());

  it('lists the catalog', async () => {
    const out = await cli(['kpi', '--list', '--json']);
    expect(out.code).toBe(0);
    const list = JSON.parse(out.stdout) as { name: string; formula: string; requiredRoles: string[] }[];
    expect(list.map((k) => k.name)).toEqual([
      ...ALL, 'probability_by_stage', 'activities', 'activities_per_won_deal', 'activity_outcomes', 'acquisition_cost', 'lead_source_roi', 'target_attainment',
      'forecast', 'account_basket', 'stage_funnel', 'lead_conversion', 'crm_usage',
    ]);
    expect(list.find((k) => k.name === 'revenue_won')).toMatchObject({ requiredRoles: ['status', 'amount', 'closed_at'], source: 'deals' });
    expect(list.find((k) => k.name === 'activity_outcomes')).toMatchObject({ source: 'activities', groupBy: ['activity_type', 'outcome'] });
    expect(list.find((k) => k.name === 'acquisition_cost')).toMatchObject({
      requiredRoles: ['status', 'lead_source'],
      formula: 'acquisition_cost_spend / acquisition_cost_won',
      joined: { source: 'costs', roles: ['cost_amount', 'cost_channel', 'cost_period'], on: 'lead_source = cost_channel' },
    });
    const text = await cli(['kpi', '--list']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('target_attainment\tAttainment vs target\ttarget_attainment_revenue / target_attainment_target\troles: status, amount, owner\tby: owner\tjoins targets (target_amount, owner, target_period) on owner = owner');
    expect(text.stdout).toContain('activities_per_won_deal\tActivities per won deal');
  });

  it('prints KPI values per group, csv and json', async () => {
    const csv = await cli(['kpi', 'conversion_rate,revenue_won', '--workspace', workspace, '--by', 'owner', '--period', '2024-Q1', '--today', TODAY, '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('owner,conversion_rate,conversion_rate_won,conversion_rate_lost,conversion_rate_closed,conversion_rate_low,conversion_rate_high,revenue_won,revenue_won_deals');
    // Q1 closes: Alice won 1 and 2, lost 3; Bob none.
    expect(lines[1]).toMatch(/^Alice,0\.666666\d*,2,1,3,[\d.]+,[\d.]+,4000,2$/);
    expect(lines).toHaveLength(2);
    const json = await cli(['kpi', 'won_deals', '--workspace', workspace, '--grain', 'quarter', '--filter', 'owner=Bob', '--today', TODAY, '--format', 'json']);
    expect(json.code).toBe(0);
    // Bob's closes: won Apr 4, lost Apr 10 and May 2: all in Q2.
    expect(JSON.parse(json.stdout)).toEqual([{ period: '2024-04-01', won_deals: 1 }]);
  });

  it('fails clearly on unknown KPIs, missing roles and bad periods', async () => {
    const unknown = await cli(['kpi', 'nope', '--workspace', workspace]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/Unknown KPI “nope”/);
    const missing = await cli(['kpi', 'won_deals', '--by', 'segment', '--workspace', workspace]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/needs the role segment/i);
    const period = await cli(['kpi', 'won_deals', '--period', '2024-13', '--workspace', workspace]);
    expect(period.code).toBe(2);
    expect(period.stderr).toMatch(/--period 2024-13/);
  });
});

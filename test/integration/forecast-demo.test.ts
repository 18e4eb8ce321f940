// The forecast analyses on the demo workspace as the app builds it (ensureDemo: 24 monthly
// pipeline snapshots, open deals only, and the deals export holding every outcome): the effects
// the demo data is designed to show (resources/samples/README.md) are visible, and the figures
// agree with plain SQL on the sample CSV files.
import { join, resolve } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemo } from '../../electron/core/demo';
import { memoryConnection, rowsOf } from '../helpers/duckdb';
import { must, tempCore } from '../helpers/workspace';

const SAMPLES = resolve(import.meta.dirname, '..', '..', 'resources', 'samples');
const OVER_FORECASTER = 'Nicolas Bernard';
const SANDBAGGER = 'Chloé Petit';

describe('forecast analyses on the demo workspace', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let db: Awaited<ReturnType<typeof memoryConnection>>;
  const sql = (q: string) => rowsOf(db.conn, q);

  beforeAll(async () => {
    t = await tempCore();
    must(await ensureDemo(t.core, SAMPLES));
    db = await memoryConnection();
    await db.conn.run(`CREATE TABLE deals AS SELECT * FROM read_csv('${join(SAMPLES, 'deals.csv')}', header = true)`);
    await db.conn.run(
      `CREATE TABLE snaps AS SELECT * FROM read_csv('${join(SAMPLES, 'snapshots', 'deals-*.csv')}', header = true, union_by_name = true, types = {'closed_at': 'DATE'})`,
    );
  }, 180_000);
  afterAll(() => {
    db?.close();
    t?.dispose();
  });

  it('forecast vs actual: the over-forecaster has the largest positive bias, the sandbagger the lowest', async () => {
    const r = must(await t.core.forecastAccuracy({ source: 'pipeline', grain: 'month', by: ['owner'] }));
    // The pipeline exports hold open deals only: the outcomes come from a deals source.
    expect(r.basis.outcomeSource).toMatch(/^deals/);
    expect(r.periods).toHaveLength(24);
    expect(r.periods.filter((p) => !p.complete).map((p) => p.start)).toEqual(['2026-11-01']);
    const reps = r.summary.filter((s) => !s.total);
    expect(reps).toHaveLength(20);
    expect(reps[0]!.group.owner).toBe(OVER_FORECASTER);
    expect(reps[0]!.bias).toBeGreaterThan(0);
    for (const other of reps.slice(1)) expect(reps[0]!.bias!).toBeGreaterThan(other.bias!);
    expect(reps.at(-1)!.group.owner).toBe(SANDBAGGER);
    expect(reps.at(-1)!.bias).toBeLessThan(0);

    // Against the files: each month's actual is the revenue won with a closed date in it
    // (deals.csv), its forecast the weighted amount of the open deals of that month's snapshot
    // expected to close in the month.
    const won = await sql(`SELECT strftime(closed_at, '%Y-%m-01') AS m, sum(amount) AS v FROM deals WHERE status = 'Won' GROUP BY 1`);
    const weighted = await sql(`SELECT strftime(snapshot_date, '%Y-%m-%d') AS m, sum(amount * probability / 100.0) AS v FROM snaps
      WHERE expected_close_at >= snapshot_date AND expected_close_at < snapshot_date + INTERVAL 1 MONTH GROUP BY 1`);
    const value = (rows: Record<string, unknown>[], m: string) => Number(rows.find((x) => x.m === m)?.v ?? 0);
    for (const row of r.rows.filter((x) => x.total)) {
      expect(row.actual).toBeCloseTo(value(won, row.period), 6);
      expect(row.weighted).toBeCloseTo(value(weighted, row.period), 6);
    }
  });

  it('forecast by segment (read from the enriched deals) adds up, and filters on it', async () => {
    const r = must(await t.core.forecastAccuracy({ source: 'pipeline', grain: 'quarter', by: ['segment'] }));
    expect([...new Set(r.rows.filter((x) => !x.total).map((x) => x.group.segment))].sort()).toEqual(['Bronze', 'Gold', 'Silver']);
    for (const total of r.rows.filter((x) => x.total)) {
      const parts = r.rows.filter((x) => !x.total && x.period === total.period);
      expect(parts.reduce((n, x) => n + x.weighted, 0)).toBeCloseTo(total.weighted, 6);
      expect(parts.reduce((n, x) => n + x.actual, 0)).toBeCloseTo(total.actual, 6);
    }
    const gold = must(await t.core.forecastAccuracy({ source: 'pipeline', grain: 'quarter', filters: [{ role: 'segment', values: ['Gold'] }] }));
    for (const row of gold.rows) {
      const expected = r.rows.find((x) => x.group.segment === 'Gold' && x.period === row.period);
      expect(row.weighted).toBeCloseTo(expected?.weighted ?? 0, 6);
      expect(row.actual).toBeCloseTo(expected?.actual ?? 0, 6);
    }
  });

  it('calibration: Proposal is the miscalibrated stage; the optimist and the sandbagger show', async () => {
    const byStage = must(await t.core.probabilityCalibration({ source: 'pipeline', by: ['stage'] }));
    const stages = byStage.groups.filter((g) => !g.total);
    // The designed effect: of the 3092 snapshot rows at Proposal (60 %) whose deal has since
    // closed, only 29.1 % were won — the largest gap between the probability entered and the share won.
    expect(stages[0]!.group.stage).toBe('Proposal');
    expect(stages[0]!.resolved).toBe(3092);
    expect(stages[0]!.meanProbability!).toBeCloseTo(0.6, 1);
    expect(Math.round(stages[0]!.winRate! * 1000) / 10).toBe(29.1);
    for (const other of stages.slice(1)) expect(stages[0]!.gap!).toBeGreaterThan(other.gap!);

    const byRep = must(await t.core.probabilityCalibration({ source: 'pipeline', by: ['owner'] }));
    const reps = byRep.groups.filter((g) => !g.total);
    expect(reps[0]!.group.owner).toBe(OVER_FORECASTER);
    expect(reps.at(-1)!.group.owner).toBe(SANDBAGGER);
    expect(reps.at(-1)!.gap).toBeLessThan(0);
    // Each group's buckets add up to its resolved rows.
    for (const g of byRep.groups) expect(g.buckets.reduce((n, b) => n + b.count, 0)).toBe(g.resolved);
  });

  it('slippage: some deals pushed three times or more, the over-forecaster slips most often', async () => {
    const r = must(await t.core.slippage({ source: 'pipeline', by: ['owner'] }));
    const total = r.groups[0]!;
    expect(r.flagPushes).toBe(3);
    expect(total.flaggedDeals).toBeGreaterThan(0);
    // Against the files: a push is a later expected close date than at the previous observation
    // (the monthly snapshots, then deals.csv: every snapshot row is an open deal).
    const expected = await sql(`WITH obs AS (
        SELECT deal_id, snapshot_date AS d, 0 AS tail, expected_close_at AS c FROM snaps
        UNION ALL SELECT deal_id, NULL, 1, expected_close_at FROM deals WHERE deal_id IN (SELECT deal_id FROM snaps)),
      moves AS (SELECT deal_id, c > lag(c) OVER (PARTITION BY deal_id ORDER BY tail, d) AS pushed FROM obs)
      SELECT count(*) AS n FROM (SELECT deal_id FROM moves GROUP BY deal_id HAVING count(*) FILTER (WHERE pushed) >= 3)`);
    expect(total.flaggedDeals).toBe(Number(expected[0]!.n));
    const deals = must(await t.core.slippageDeals({ source: 'pipeline', minPushes: 3, offset: 0, limit: 1000 }));
    expect(deals.totalRows).toBe(total.flaggedDeals);
    const rows = tableFromIPC(deals.ipc).toArray().map((x) => x.toJSON() as Record<string, unknown>);
    for (const d of rows) {
      expect(Number(d.pushes)).toBeGreaterThanOrEqual(3);
      expect(d.flagged).toBe(true);
    }
    const share = (g: (typeof r.groups)[number]) => g.pushedDeals / g.deals;
    const reps = r.groups.filter((g) => !g.total).sort((a, b) => share(b) - share(a));
    expect(reps[0]!.group.owner).toBe(OVER_FORECASTER);

    // By segment: the segment comes from the enriched deals (the pipeline exports have none).
    const bySegment = must(await t.core.slippage({ source: 'pipeline', by: ['segment'] }));
    expect(bySegment.groups.filter((g) => !g.total).map((g) => g.group.segment).sort()).toEqual(['Bronze', 'Gold', 'Silver']);
    expect(bySegment.groups.filter((g) => !g.total).reduce((n, g) => n + g.deals, 0)).toBe(total.deals);
  });

  it('pipeline movement balances and starts from the snapshot file', async () => {
    const request = { source: 'pipeline', from: '2026-06-01', to: '2026-07-01', period: { from: '2026-07-01', to: '2026-10-01' } };
    const r = must(await t.core.pipelineMovement(request));
    const sum = r.start.amount + r.buckets.reduce((n, b) => n + b.amount, 0);
    expect(sum).toBeCloseTo(r.end.amount, 6);
    const start = await sql(`SELECT count(*) AS n, sum(amount) AS v FROM snaps WHERE snapshot_date = DATE '2026-06-01'
      AND expected_close_at >= DATE '2026-07-01' AND expected_close_at < DATE '2026-10-01'`);
    expect(r.start.deals).toBe(Number(start[0]!.n));
    expect(r.start.amount).toBeCloseTo(Number(start[0]!.v), 6);
    for (const bar of r.buckets) {
      const drill = must(await t.core.movementDeals({ ...request, bar: bar.id, offset: 0, limit: 1 }));
      expect(drill.totalRows).toBe(bar.deals);
    }
  });

  it('probability sanity: stage defaults rise stage after stage, Proposal is won far below its probability', async () => {
    const r = must(await t.core.stageProbabilitySanity({ source: 'pipeline' }));
    expect(r.basis.stages).toEqual(['Prospecting', 'Qualification', 'Needs analysis', 'Proposal', 'Negotiation']);
    expect(r.snapshots).toHaveLength(24);
    expect(r.overall.rising).toBe(true);
    const proposal = r.overall.stages.find((s) => s.stage === 'Proposal')!;
    expect(proposal.meanProbability! - proposal.winRate!).toBeGreaterThan(0.25);
  });
});

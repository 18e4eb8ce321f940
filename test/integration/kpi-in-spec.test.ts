// Catalog KPIs named inside an AnalysisSpec: `{ kpi: 'revenue_won' }` expands in the core into the
// KPI's formula measures, the won / lost values read from the data (French statuses here), the
// probability scale from the column's maximum, and the KPI's date role not forced.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../shared/api';
import { readArrow, type CellValue } from '../../shared/arrow/cells';
import type { CoreApi } from '../../electron/core/api';
import { must, tempCore } from '../helpers/workspace';

const DEALS = `Deal ID,Owner,Status,Amount,Probability,Created Date,Closed Date
1,Alice,Gagné,1000,100,2024-01-10,2024-02-15
2,Alice,Gagné,3000,100,2024-02-01,2024-03-11
3,Alice,Perdu,500,0,2024-02-05,2024-03-20
4,Bob,Gagné,2000,100,2024-01-05,2024-04-04
5,Bob,Perdu,800,0,2024-03-01,2024-04-10
6,Bob,Perdu,700,0,2024-03-15,2024-05-02
7,Alice,En cours,4000,50,2024-05-01,
8,Bob,En cours,1000,20,2024-02-01,
`;

const rows = (r: QueryResult): Record<string, CellValue>[] => readArrow(r.ipc).rows();

describe('catalog KPIs as spec measures', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let core: CoreApi;
  beforeAll(async () => {
    t = await tempCore();
    core = t.core;
    const file = join(t.dir, 'deals.csv');
    writeFileSync(file, DEALS);
    must(await core.importFile({ file: { kind: 'path', path: file }, sourceName: 'deals' }));
    const noAmount = join(t.dir, 'leads.csv');
    writeFileSync(noAmount, 'Lead ID,Owner,Status\n1,Alice,Gagné\n');
    must(await core.importFile({ file: { kind: 'path', path: noAmount }, sourceName: 'leads' }));
  });
  afterAll(() => t.dispose());

  it('{kpi: revenue_won} by owner equals the same formula written by hand', async () => {
    const byKpi = must(
      await core.runQuery({ spec: { source: 'deals', measures: [{ kpi: 'revenue_won' }], dimensions: [{ id: 'owner', role: 'owner' }] } }),
    );
    const byHand = must(
      await core.runQuery({
        spec: {
          source: 'deals',
          measures: [
            { id: 'revenue_won', formula: "coalesce(sum_if(@amount, @status IN ('Gagné')), 0)" },
            { id: 'revenue_won_deals', formula: "count_if(@status IN ('Gagné'))" },
          ],
          dimensions: [{ id: 'owner', role: 'owner' }],
        },
      }),
    );
    expect(rows(byKpi)).toEqual(rows(byHand));
    expect(rows(byKpi)).toEqual([
      { owner: 'Alice', revenue_won: 4000, revenue_won_deals: 2 },
      { owner: 'Bob', revenue_won: 2000, revenue_won_deals: 1 },
    ]);
    expect(byKpi.columns.map((c) => [c.id, c.label])).toEqual([
      ['owner', '@owner'],
      ['revenue_won', 'Revenue won'],
      ['revenue_won_deals', 'Deals won'],
    ]);
  });

  it('renames the measures after the given id, references included, beside other measures and filters', async () => {
    const r = must(
      await core.runQuery({
        spec: {
          source: 'deals',
          measures: [{ op: 'count' }, { id: 'cr', kpi: 'conversion_rate', label: 'Win rate' }, { kpi: 'weighted_pipeline' }],
          // The spec's own date filter applies (created in Q1), not the KPI's closed date.
          filters: [{ role: 'created_at', op: 'in_period', period: { from: '2024-01-01', to: '2024-04-01' } }],
        },
      }),
    );
    expect(r.columns.map((c) => c.id)).toEqual([
      'm0', 'cr', 'cr_won', 'cr_lost', 'cr_closed', 'weighted_pipeline', 'weighted_pipeline_value', 'weighted_pipeline_deals',
    ]);
    expect(r.columns[1]!.label).toBe('Win rate');
    // Created in Q1: deals 1-6 and 8. Won 1, 2, 4; lost 3, 5, 6; open 8 (1000 at 20 %, scale 100).
    expect(rows(r)).toEqual([
      { m0: 7, cr: 0.5, cr_won: 3, cr_lost: 3, cr_closed: 6, weighted_pipeline: 200, weighted_pipeline_value: 1000, weighted_pipeline_deals: 1 },
    ]);
  });

  it('names an unknown KPI with a did-you-mean, and a missing role', async () => {
    const unknown = await core.runQuery({ spec: { source: 'deals', measures: [{ op: 'count' }, { kpi: 'revenue_wom' }] } });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.location).toEqual({ field: 'measures.1.kpi' });
      expect(unknown.error.message).toContain('did you mean "revenue_won"');
    }
    const missing = await core.runQuery({ spec: { source: 'leads', measures: [{ kpi: 'revenue_won' }] } });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.location).toEqual({ field: 'measures.0.kpi' });
      expect(missing.error.message).toContain('"amount"');
      // The date role is not forced: closed_at is not reported.
      expect(missing.error.message).not.toContain('closed_at');
    }
    const joined = await core.runQuery({ spec: { source: 'deals', measures: [{ kpi: 'sales_cycle_median' }] } });
    expect(joined.ok).toBe(false);
    const bad = await core.runQuery({ spec: { source: 'deals', measures: [{ kpi: 'x y' }] } });
    expect(bad.ok).toBe(false);
  });

  it('drill-through accepts a KPI measure', async () => {
    const spec = { source: 'deals', measures: [{ kpi: 'won_deals' }], dimensions: [{ id: 'owner', role: 'owner' }] };
    const drill = must(await core.drillRows({ spec, cell: { owner: 'Bob' }, offset: 0, limit: 10 }));
    expect(drill.totalRows).toBe(4);
  });
});

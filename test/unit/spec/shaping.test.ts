// Pivot shaping: totals and subtotals (GROUPING SETS, each measure with its own aggregate), top N
// with "Others", shares of totals and running totals. Golden SQL plus hand-worked DuckDB results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileSpec } from '../../../shared/spec/compile';
import { normalizeSpec } from '../../../shared/spec/normalize';
import { parseSpec } from '../../../shared/spec/schema';
import type { AnalysisSpec } from '../../../shared/spec/types';
import { memoryConnection } from '../../helpers/duckdb';
import { DEALS_SCHEMA, DEALS_SQL, expectGolden, rounded, rowsOfQuery } from './deals-fixture';

let db: { conn: DuckDBConnection; close: () => void };
beforeAll(async () => {
  db = await memoryConnection();
  await db.conn.run(DEALS_SQL);
});
afterAll(() => db.close());

function compile(spec: Omit<AnalysisSpec, 'source'>) {
  const parsed = parseSpec({ source: 'deals', ...spec });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return compileSpec(normalizeSpec(parsed.value), DEALS_SCHEMA);
}

// Ann: D1 Won 1000.5, D2 Lost 200, D7 Won (no amount) | Bob: D3 Won 3000, D4 Open 500.25, D8 Lost 100
// Cleo: D5 Open 1500, D6 Won 750. All seven amounts: 100 200 500.25 750 1000.5 1500 3000.
const CASES: { name: string; spec: Omit<AnalysisSpec, 'source'>; rows: Record<string, unknown>[] }[] = [
  {
    name: 'subtotals-with-the-right-aggregate',
    // Medians of totals are medians of their rows: Ann median(200, 1000.5) = 600.25, Bob
    // median(100, 500.25, 3000) = 500.25, Cleo median(750, 1500) = 1125, all = 750 (not a sum of medians).
    spec: {
      measures: [{ id: 'n', op: 'count' }, { id: 'med', op: 'median', column: 'amount' }],
      dimensions: [{ id: 'rep', column: 'owner' }, { id: 'status', column: 'status' }],
      totals: 'subtotals',
    },
    rows: [
      { rep: 'Ann', status: 'Lost', n: 1, med: 200, __grouping: 0 },
      { rep: 'Ann', status: 'Won', n: 2, med: 1000.5, __grouping: 0 },
      { rep: 'Ann', status: null, n: 3, med: 600.25, __grouping: 1 },
      { rep: 'Bob', status: 'Lost', n: 1, med: 100, __grouping: 0 },
      { rep: 'Bob', status: 'Open', n: 1, med: 500.25, __grouping: 0 },
      { rep: 'Bob', status: 'Won', n: 1, med: 3000, __grouping: 0 },
      { rep: 'Bob', status: null, n: 3, med: 500.25, __grouping: 1 },
      { rep: 'Cleo', status: 'Open', n: 1, med: 1500, __grouping: 0 },
      { rep: 'Cleo', status: 'Won', n: 1, med: 750, __grouping: 0 },
      { rep: 'Cleo', status: null, n: 2, med: 1125, __grouping: 1 },
      { rep: null, status: null, n: 8, med: 750, __grouping: 3 },
    ],
  },
  {
    name: 'pivot-totals-on-both-axes-with-row-shares',
    // rows: owner; columns: status. Row totals (grouping 1), column totals (2), grand total (3).
    // share = count / its row's total: Ann 1/3 2/3; Bob thirds; Cleo halves; column totals 2/8 2/8 4/8.
    spec: {
      measures: [{ id: 'n', op: 'count' }, { id: 'share', op: 'count', show: 'percent_of_row' }],
      dimensions: [{ id: 'rep', column: 'owner' }, { id: 'status', column: 'status' }],
      columns: ['status'],
      totals: 'grand',
    },
    rows: [
      { rep: 'Ann', status: 'Lost', n: 1, share: 1 / 3, __grouping: 0 },
      { rep: 'Ann', status: 'Won', n: 2, share: 2 / 3, __grouping: 0 },
      { rep: 'Ann', status: null, n: 3, share: 1, __grouping: 1 },
      { rep: 'Bob', status: 'Lost', n: 1, share: 1 / 3, __grouping: 0 },
      { rep: 'Bob', status: 'Open', n: 1, share: 1 / 3, __grouping: 0 },
      { rep: 'Bob', status: 'Won', n: 1, share: 1 / 3, __grouping: 0 },
      { rep: 'Bob', status: null, n: 3, share: 1, __grouping: 1 },
      { rep: 'Cleo', status: 'Open', n: 1, share: 0.5, __grouping: 0 },
      { rep: 'Cleo', status: 'Won', n: 1, share: 0.5, __grouping: 0 },
      { rep: 'Cleo', status: null, n: 2, share: 1, __grouping: 1 },
      { rep: null, status: 'Lost', n: 2, share: 0.25, __grouping: 2 },
      { rep: null, status: 'Open', n: 2, share: 0.25, __grouping: 2 },
      { rep: null, status: 'Won', n: 4, share: 0.5, __grouping: 2 },
      { rep: null, status: null, n: 8, share: 1, __grouping: 3 },
    ],
  },
  {
    name: 'top-n-with-others',
    // Won or open: Ann 1000.5 (D1, D7 without amount), Bob 3000 + 500.25, Cleo 1500 + 750.
    // Top 2 by amount: Bob, Cleo; Others = Ann: 2 deals, median 1000.5.
    spec: {
      measures: [
        { id: 'amount', op: 'sum', column: 'amount' },
        { id: 'n', op: 'count' },
        { id: 'med', op: 'median', column: 'amount' },
      ],
      dimensions: [{ id: 'rep', column: 'owner', top: { n: 2, by: 'amount' } }],
      filters: [{ column: 'status', op: 'in', values: ['Won', 'Open'] }],
      sort: [{ by: 'amount', direction: 'desc' }],
    },
    rows: [
      { rep: 'Bob', amount: 3500.25, n: 2, med: 1750.125 },
      { rep: 'Cleo', amount: 2250, n: 2, med: 1125 },
      { rep: 'Others', amount: 1000.5, n: 2, med: 1000.5 },
    ],
  },
  {
    name: 'top-n-others-recomputed',
    // Top 1 by amount over all deals: Bob (3600.25); Others = Ann + Cleo: 5 deals, amounts
    // 1000.5 200 1500 750 -> median (750 + 1000.5) / 2 = 875.25.
    spec: {
      measures: [{ id: 'amount', op: 'sum', column: 'amount' }, { id: 'n', op: 'count' }, { id: 'med', op: 'median', column: 'amount' }],
      dimensions: [{ id: 'rep', column: 'owner', top: { n: 1, by: 'amount', othersLabel: 'Rest' } }],
    },
    rows: [
      { rep: 'Bob', amount: 3600.25, n: 3, med: 500.25 },
      { rep: 'Rest', amount: 3450.5, n: 5, med: 875.25 },
    ],
  },
  {
    name: 'share-of-total-and-running-total-by-month',
    // created per month: Jan D1 D2, Feb D3 D4, Mar D5 D6, Apr D7 D8; amounts 1200.5, 3500.25, 2250, 100.
    spec: {
      measures: [
        { id: 'share', op: 'count', show: 'percent_of_total' },
        { id: 'running', op: 'sum', column: 'amount', show: 'running_total' },
        { id: 'won_share', formula: "count_if(status = 'Won')", show: 'percent_of_total' },
      ],
      dimensions: [{ id: 'month', column: 'created_at', grain: 'month' }],
    },
    // Won: Jan D1, Feb D3, Mar D6, Apr D7 -> a quarter each.
    rows: [
      { month: '2024-01-01', share: 0.25, running: 1200.5, won_share: 0.25 },
      { month: '2024-02-01', share: 0.25, running: 4700.75, won_share: 0.25 },
      { month: '2024-03-01', share: 0.25, running: 6950.75, won_share: 0.25 },
      { month: '2024-04-01', share: 0.25, running: 7050.75, won_share: 0.25 },
    ],
  },
  {
    name: 'grand-total-sorted-by-measure',
    // Sorted by amount, the grand total still comes last.
    spec: {
      measures: [{ id: 'amount', op: 'sum', column: 'amount' }],
      dimensions: [{ id: 'rep', column: 'owner' }],
      sort: [{ by: 'amount', direction: 'desc' }],
      totals: 'grand',
    },
    rows: [
      { rep: 'Bob', amount: 3600.25, __grouping: 0 },
      { rep: 'Cleo', amount: 2250, __grouping: 0 },
      { rep: 'Ann', amount: 1200.5, __grouping: 0 },
      { rep: null, amount: 7050.75, __grouping: 1 },
    ],
  },
];

describe('pivot shaping', () => {
  for (const c of CASES) {
    it(`${c.name}: golden SQL and hand-worked results`, async () => {
      const compiled = compile(c.spec);
      if (!compiled.ok) throw new Error(compiled.error.message);
      expectGolden(c.name, compiled.value);
      const rows = await rowsOfQuery(db.conn, compiled.value.sql, compiled.value.params);
      expect(rounded(rows)).toEqual(rounded(c.rows));
    });
  }

  it('describes the grouping column', () => {
    const compiled = compile({ measures: [{ op: 'count' }], dimensions: [{ column: 'owner' }], totals: 'grand' });
    if (!compiled.ok) throw new Error(compiled.error.message);
    expect(compiled.value.grouping).toEqual({ column: '__grouping', dimensions: ['d0'] });
    expect(compiled.value.columns.at(-1)).toEqual({ id: '__grouping', label: 'Total level', role: 'dimension' });
  });

  const wrong: [string, Omit<AnalysisSpec, 'source'>, string, RegExp][] = [
    ['a share of a median', { measures: [{ op: 'median', column: 'amount', show: 'percent_of_total' }] }, 'measures.0.show', /additive/],
    ['a share of a ratio', { measures: [{ formula: 'sum(amount) / count()', show: 'running_total' }] }, 'measures.0.show', /additive/],
    ['top by an unknown measure', { measures: [{ op: 'count' }], dimensions: [{ column: 'owner', top: { n: 2, by: 'zz' } }] }, 'dimensions.0.top.by', /unknown measure/],
    ['a pivot column that is no dimension', { measures: [{ op: 'count' }], dimensions: [{ column: 'owner' }], columns: ['m0'] }, 'columns.0', /not a dimension/],
    ['a reserved id', { measures: [{ id: '__grouping', op: 'count' }] }, 'measures.0.id', /reserved/],
  ];
  for (const [name, spec, field, message] of wrong) {
    it(`refuses ${name}`, () => {
      const r = compile(spec);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.location?.field).toBe(field);
        expect(r.error.message).toMatch(message);
      }
    });
  }
});

// Comparisons vs the previous period and the same period last year: golden SQL plus hand-worked
// results in DuckDB, on a small sales table with a missing month and a second dimension.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileSpec } from '../../../shared/spec/compile';
import { compareShift, formatDay, parseDay, shiftDay } from '../../../shared/spec/dates';
import { normalizeSpec } from '../../../shared/spec/normalize';
import { parseSpec } from '../../../shared/spec/schema';
import type { AnalysisSpec, SourceSchema } from '../../../shared/spec/types';
import { memoryConnection } from '../../helpers/duckdb';
import { expectGolden, rounded, rowsOfQuery } from './deals-fixture';

// North has no sale in March 2024 (the gap); South sells 0 in February 2024 (a zero previous value).
const SALES_SQL = `
CREATE TABLE sales AS SELECT * FROM (VALUES
  ('North', 40.00::DECIMAL(12,2), DATE '2023-02-10'),
  ('North', 80.00::DECIMAL(12,2), DATE '2023-04-15'),
  ('North', 100.00::DECIMAL(12,2), DATE '2024-01-10'),
  ('South', 10.00::DECIMAL(12,2), DATE '2024-01-15'),
  ('North', 50.00::DECIMAL(12,2), DATE '2024-01-20'),
  ('North', 200.00::DECIMAL(12,2), DATE '2024-02-05'),
  ('South', 0.00::DECIMAL(12,2), DATE '2024-02-15'),
  ('South', 30.00::DECIMAL(12,2), DATE '2024-03-20'),
  ('North', 300.00::DECIMAL(12,2), DATE '2024-04-02'),
  ('South', 60.00::DECIMAL(12,2), DATE '2024-04-10')
) AS t(region, amount, sold_at)`;

const SALES_SCHEMA: SourceSchema = {
  table: 'sales',
  columns: [
    { name: 'region', type: 'VARCHAR' },
    { name: 'amount', type: 'DECIMAL(12,2)' },
    { name: 'sold_at', type: 'DATE' },
  ],
  roles: { close_date: 'sold_at' },
};

let db: { conn: DuckDBConnection; close: () => void };
beforeAll(async () => {
  db = await memoryConnection();
  await db.conn.run(SALES_SQL);
});
afterAll(() => db.close());

function compile(spec: Omit<AnalysisSpec, 'source'>) {
  const parsed = parseSpec({ source: 'sales', ...spec });
  if (!parsed.ok) return parsed;
  return compileSpec(normalizeSpec(parsed.value), SALES_SCHEMA);
}

const FEB_TO_APRIL = { column: 'sold_at', op: 'in_period' as const, period: { from: '2024-02-01', to: '2024-05-01' } };
const cmp = (cur: number | null, prev: number | null, pct: number | null) => [
  cur,
  prev,
  cur === null || prev === null ? null : cur - prev,
  pct,
];
const row = (dims: Record<string, unknown>, ...measures: [string, ReturnType<typeof cmp>][]) => {
  const r: Record<string, unknown> = { ...dims };
  for (const [id, [cur, prev, change, pct]] of measures) {
    Object.assign(r, { [id]: cur, [`${id}__previous`]: prev, [`${id}__change`]: change, [`${id}__change_pct`]: pct });
  }
  return r;
};

const CASES: { name: string; spec: Omit<AnalysisSpec, 'source'>; rows: Record<string, unknown>[] }[] = [
  {
    name: 'compare-previous-month-widens-the-filter',
    // Months of 2024: Jan 100 + 10 + 50 = 160, Feb 200 + 0 = 200, Mar 30, Apr 300 + 60 = 360.
    // Feb..Apr are returned; January is read only as February's previous month.
    spec: {
      measures: [{ id: 'amount', op: 'sum', column: 'amount', label: 'Revenue' }],
      dimensions: [{ id: 'month', column: 'sold_at', grain: 'month' }],
      filters: [FEB_TO_APRIL],
      compare: { to: 'previous_period' },
    },
    rows: [
      row({ month: '2024-02-01' }, ['amount', cmp(200, 160, 40 / 160)]),
      row({ month: '2024-03-01' }, ['amount', cmp(30, 200, -170 / 200)]),
      row({ month: '2024-04-01' }, ['amount', cmp(360, 30, 330 / 30)]),
    ],
  },
  {
    name: 'compare-previous-month-by-region-with-a-gap',
    // North: Jan 150 (2 sales), Feb 200, no March, Apr 300. South: Jan 10, Feb 0, Mar 30, Apr 60.
    // North April has no March to compare with (a join, not lag(): not compared with February).
    // South March: previous 0 -> % change empty. avg = sum / count: North Jan 75.
    spec: {
      measures: [
        { id: 'amount', op: 'sum', column: 'amount' },
        { id: 'avg', formula: 'sum(amount) / count()' },
      ],
      dimensions: [
        { id: 'month', role: 'close_date', grain: 'month' },
        { id: 'region', column: 'region' },
      ],
      filter: { and: [{ role: 'close_date', op: 'gte', values: ['2024-02-01'] }, { column: 'region', op: 'in', values: ['North', 'South'] }] },
      compare: { to: 'previous_period' },
    },
    rows: [
      row({ month: '2024-02-01', region: 'North' }, ['amount', cmp(200, 150, 50 / 150)], ['avg', cmp(200, 75, 125 / 75)]),
      row({ month: '2024-02-01', region: 'South' }, ['amount', cmp(0, 10, -1)], ['avg', cmp(0, 10, -1)]),
      row({ month: '2024-03-01', region: 'South' }, ['amount', cmp(30, 0, null)], ['avg', cmp(30, 0, null)]),
      row({ month: '2024-04-01', region: 'North' }, ['amount', cmp(300, null, null)], ['avg', cmp(300, null, null)]),
      row({ month: '2024-04-01', region: 'South' }, ['amount', cmp(60, 30, 1)], ['avg', cmp(60, 30, 1)]),
    ],
  },
  {
    name: 'compare-with-top-n-others',
    // Top 1 region by amount over Feb..Apr: North 500 vs South 90, so South is "Others" on both
    // sides (the ranking is the current rows'). As by region above, under another name.
    spec: {
      measures: [{ id: 'amount', op: 'sum', column: 'amount' }],
      dimensions: [
        { id: 'month', column: 'sold_at', grain: 'month' },
        { id: 'region', column: 'region', top: { n: 1, by: 'amount' } },
      ],
      filters: [FEB_TO_APRIL],
      compare: { to: 'previous_period' },
    },
    rows: [
      row({ month: '2024-02-01', region: 'North' }, ['amount', cmp(200, 150, 50 / 150)]),
      row({ month: '2024-02-01', region: 'Others' }, ['amount', cmp(0, 10, -1)]),
      row({ month: '2024-03-01', region: 'Others' }, ['amount', cmp(30, 0, null)]),
      row({ month: '2024-04-01', region: 'North' }, ['amount', cmp(300, null, null)]),
      row({ month: '2024-04-01', region: 'Others' }, ['amount', cmp(60, 30, 1)]),
    ],
  },
  {
    name: 'compare-same-month-last-year-sorted-by-change',
    // 2023: Feb 40, Apr 80, no March. Changes: Feb +160 (x4), Mar none, Apr +280 (x3.5).
    spec: {
      measures: [{ id: 'amount', op: 'sum', column: 'amount' }],
      dimensions: [{ id: 'month', column: 'sold_at', grain: 'month' }],
      filters: [FEB_TO_APRIL],
      sort: [{ by: 'amount__change', direction: 'desc' }],
      compare: { to: 'same_period_last_year' },
    },
    rows: [
      row({ month: '2024-04-01' }, ['amount', cmp(360, 80, 3.5)]),
      row({ month: '2024-02-01' }, ['amount', cmp(200, 40, 4)]),
      row({ month: '2024-03-01' }, ['amount', cmp(30, null, null)]),
    ],
  },
  {
    name: 'compare-quarter-last-year-relative-period',
    // Last complete quarter before 2024-05-10: Q1 2024 = 160 + 200 + 30 = 390; Q1 2023 = 40.
    spec: {
      measures: [{ id: 'amount', op: 'sum', column: 'amount' }],
      dimensions: [{ id: 'quarter', column: 'sold_at', grain: 'quarter' }],
      filters: [{ column: 'sold_at', op: 'in_period', period: 'last_complete_quarter' }],
      today: '2024-05-10',
      compare: { to: 'same_period_last_year' },
    },
    rows: [row({ quarter: '2024-01-01' }, ['amount', cmp(390, 40, 350 / 40)])],
  },
  {
    name: 'compare-previous-fiscal-quarter',
    // Fiscal year from February: the quarter Feb-Apr 2024 = 200 + 0 + 30 + 300 + 60 = 590; the
    // previous fiscal quarter Nov 2023 - Jan 2024 = 160.
    spec: {
      measures: [{ id: 'amount', op: 'sum', column: 'amount' }],
      dimensions: [{ id: 'quarter', column: 'sold_at', grain: 'quarter' }],
      filters: [FEB_TO_APRIL],
      fiscalYearStartMonth: 2,
      compare: { to: 'previous_period' },
    },
    rows: [row({ quarter: '2024-02-01' }, ['amount', cmp(590, 160, 430 / 160)])],
  },
  {
    name: 'compare-previous-sunday-week',
    // Sunday weeks: Jan 7-13 = 100 (the 10th); Jan 14-20 = 10 (15th) + 50 (20th) = 60.
    spec: {
      measures: [{ id: 'amount', op: 'sum', column: 'amount' }],
      dimensions: [{ id: 'week', column: 'sold_at', grain: 'week' }],
      filters: [{ column: 'sold_at', op: 'between', values: ['2024-01-14', '2024-01-21'] }],
      weekStart: 'sunday',
      compare: { to: 'previous_period' },
    },
    rows: [row({ week: '2024-01-14' }, ['amount', cmp(60, 100, -0.4)])],
  },
];

describe('comparisons', () => {
  for (const c of CASES) {
    it(`${c.name}: golden SQL and hand-worked results`, async () => {
      const compiled = compile(c.spec);
      if (!compiled.ok) throw new Error(compiled.error.message);
      expectGolden(c.name, compiled.value);
      const rows = await rowsOfQuery(db.conn, compiled.value.sql, compiled.value.params);
      expect(rounded(rows)).toEqual(rounded(c.rows));
    });
  }

  it('labels the comparison columns and says what they hold', () => {
    const compiled = compile(CASES[0]!.spec);
    if (!compiled.ok) throw new Error(compiled.error.message);
    expect(compiled.value.columns).toEqual([
      { id: 'month', label: 'sold_at (month)', role: 'dimension' },
      { id: 'amount', label: 'Revenue', role: 'measure' },
      { id: 'amount__previous', label: 'Revenue (previous period)', role: 'measure', compare: { measure: 'amount', kind: 'previous' } },
      { id: 'amount__change', label: 'Change', role: 'measure', compare: { measure: 'amount', kind: 'change' } },
      { id: 'amount__change_pct', label: 'Change %', role: 'measure', compare: { measure: 'amount', kind: 'change_pct' } },
    ]);
    const lastYear = compile({ ...CASES[0]!.spec, compare: { to: 'same_period_last_year' } });
    if (!lastYear.ok) throw new Error(lastYear.error.message);
    expect(lastYear.value.columns[2]!.label).toBe('Revenue (same period last year)');
  });

  it('gives a date measure its previous value only', () => {
    const compiled = compile({
      measures: [{ id: 'last', op: 'max', column: 'sold_at' }],
      dimensions: [{ id: 'month', column: 'sold_at', grain: 'month' }],
      compare: { to: 'previous_period' },
    });
    if (!compiled.ok) throw new Error(compiled.error.message);
    expect(compiled.value.columns.map((c) => c.id)).toEqual(['month', 'last', 'last__previous']);
  });

  it('shifts days by months (clamped to the month end) or by days', () => {
    const back = (day: string, to: 'previous_period' | 'same_period_last_year', grain: 'day' | 'week' | 'month' | 'quarter' | 'year') => {
      const shift = compareShift(to, grain);
      return formatDay(shiftDay(parseDay(day)!, { unit: shift.unit, n: -shift.n }));
    };
    expect(back('2024-03-31', 'previous_period', 'month')).toBe('2024-02-29');
    expect(back('2024-02-29', 'same_period_last_year', 'year')).toBe('2023-02-28');
    expect(back('2024-05-15', 'previous_period', 'quarter')).toBe('2024-02-15');
    expect(back('2024-01-14', 'previous_period', 'week')).toBe('2024-01-07');
    // 52 weeks: Sunday 2024-01-14 -> Sunday 2023-01-15.
    expect(back('2024-01-14', 'same_period_last_year', 'week')).toBe('2023-01-15');
    expect(back('2024-03-01', 'same_period_last_year', 'day')).toBe('2023-03-03');
    expect(back('2024-03-01', 'previous_period', 'day')).toBe('2024-02-29');
  });

  const month = { id: 'month', column: 'sold_at', grain: 'month' as const };
  const wrong: [string, Omit<AnalysisSpec, 'source'>, string, RegExp][] = [
    ['a comparison without a time dimension', { measures: [{ op: 'count' }], dimensions: [{ column: 'region' }], compare: { to: 'previous_period' } }, 'compare', /time dimension/],
    ['a comparison along a dimension without grain', { measures: [{ op: 'count' }], dimensions: [month, { id: 'r', column: 'region' }], compare: { to: 'previous_period', along: 'r' } }, 'compare.along', /time grain/],
    ['a comparison with totals', { measures: [{ op: 'count' }], dimensions: [month], totals: 'grand', compare: { to: 'previous_period' } }, 'totals', /totals/],
    ['an unshiftable filter on the time column', { measures: [{ op: 'count' }], dimensions: [month], filters: [{ column: 'sold_at', op: 'contains', values: ['2024'] }], compare: { to: 'previous_period' } }, 'filters.0.op', /contains/],
    ['a timestamp bound that is not a day', { measures: [{ op: 'count' }], dimensions: [month], filters: [{ column: 'sold_at', op: 'gte', values: [20240101] }], compare: { to: 'previous_period' } }, 'filters.0.values.0', /YYYY-MM-DD/],
    ['a measure id taken by a comparison column', { measures: [{ id: 'a', op: 'count' }, { id: 'a__previous', op: 'count' }], dimensions: [month], compare: { to: 'previous_period' } }, 'measures.0.id', /duplicate/],
    ['an unknown comparison', { measures: [{ op: 'count' }], dimensions: [month], compare: { to: 'yesterday' as 'previous_period' } }, 'compare.to', /./],
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

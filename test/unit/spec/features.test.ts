// Roles, filter trees, relative periods, fiscal grains and numeric bins: golden SQL plus results
// from a real DuckDB on the eight deals, worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileSpec } from '../../../shared/spec/compile';
import { normalizeSpec } from '../../../shared/spec/normalize';
import { parseSpec } from '../../../shared/spec/schema';
import type { AnalysisSpec, SourceSchema } from '../../../shared/spec/types';
import { memoryConnection } from '../../helpers/duckdb';
import { DEALS_SCHEMA, DEALS_SQL, expectGolden, rounded, rowsOfQuery } from './deals-fixture';

let db: { conn: DuckDBConnection; close: () => void };
beforeAll(async () => {
  db = await memoryConnection();
  await db.conn.run(DEALS_SQL);
});
afterAll(() => db.close());

const ROLES: SourceSchema = {
  ...DEALS_SCHEMA,
  roles: { owner: 'owner', status: 'status', amount: 'amount', created_at: 'created_at', closed_at: 'closed_at' },
};

function compile(spec: Omit<AnalysisSpec, 'source'>, schema: SourceSchema = DEALS_SCHEMA) {
  const parsed = parseSpec({ source: 'deals', ...spec });
  if (!parsed.ok) throw new Error(`${parsed.error.message}`);
  return compileSpec(normalizeSpec(parsed.value), schema);
}

const countDeals = (filter: AnalysisSpec['filter'], extra: Partial<AnalysisSpec> = {}) => ({
  measures: [{ id: 'n', op: 'count' as const }],
  filter,
  ...extra,
});

interface Case {
  name: string;
  spec: Omit<AnalysisSpec, 'source'>;
  rows: Record<string, unknown>[];
  schema?: SourceSchema;
}

// D1 Ann Gold Won 1000.50 c01-05 x02-01 | D2 Ann Silver Lost 200 c01-20 x03-15 | D3 Bob Gold Won 3000 c02-10 x04-01
// D4 Bob Bronze Open 500.25 c02-11 | D5 Cleo Gold Open 1500 c03-03 | D6 Cleo - Won 750 c03-31 x04-30 23:59:59
// D7 Ann Gold Won null c04-01 x05-02 | D8 Bob Silver Lost 100 c04-07 x04-20
const CASES: Case[] = [
  {
    name: 'roles-instead-of-columns',
    schema: ROLES,
    // Won by rep: Ann 1000.5 (D7 has no amount), Bob 3000, Cleo 750.
    spec: {
      measures: [{ id: 'won', op: 'sum', role: 'amount' }],
      dimensions: [{ id: 'rep', role: 'owner' }],
      filters: [{ role: 'status', op: 'eq', values: ['Won'] }],
    },
    rows: [
      { rep: 'Ann', won: 1000.5 },
      { rep: 'Bob', won: 3000 },
      { rep: 'Cleo', won: 750 },
    ],
  },
  {
    name: 'filter-tree-and-or-not',
    // Won and Ann: D1 D7; not Gold (empty segment kept): D2 D4 D6 D8 -> 6 deals.
    spec: countDeals({
      or: [
        { and: [{ column: 'status', op: 'eq', values: ['Won'] }, { column: 'owner', op: 'eq', values: ['Ann'] }] },
        { not: { column: 'segment', op: 'eq', values: ['Gold'] } },
      ],
    }),
    rows: [{ n: 6 }],
  },
  {
    name: 'filter-tree-with-flat-filters',
    // The flat list and the tree both apply: Bob's among the 6 above are D4 and D8.
    spec: {
      ...countDeals({
        or: [
          { and: [{ column: 'status', op: 'eq', values: ['Won'] }, { column: 'owner', op: 'eq', values: ['Ann'] }] },
          { not: { column: 'segment', op: 'eq', values: ['Gold'] } },
        ],
      }),
      filters: [{ column: 'owner', op: 'eq', values: ['Bob'] }],
    },
    rows: [{ n: 2 }],
  },
  {
    name: 'before-and-after-days',
    // created before 02-11: D1 D2 D3; closed strictly after 04-30 (timestamps): D7 only, D6 at 23:59:59 is on the day.
    spec: {
      measures: [{ id: 'before', formula: 'count()' }],
      filter: {
        or: [
          { column: 'created_at', op: 'before', values: ['2024-02-11'] },
          { column: 'closed_at', op: 'after', values: ['2024-04-30'] },
        ],
      },
    },
    rows: [{ before: 4 }],
  },
  {
    name: 'period-last-complete-month',
    // today 2024-04-15: March -> created D5 D6
    spec: countDeals({ column: 'created_at', op: 'in_period', period: 'last_complete_month' }, { today: '2024-04-15' }),
    rows: [{ n: 2 }],
  },
  {
    name: 'period-quarter-to-date-timestamp',
    // today 2024-04-20: [04-01, 04-21) on closed_at: D3 (04-01 00:00), D8 (04-20 12:00); D6 closes 04-30.
    spec: countDeals({ column: 'closed_at', op: 'in_period', period: 'quarter_to_date' }, { today: '2024-04-20' }),
    rows: [{ n: 2 }],
  },
  {
    name: 'period-explicit-range',
    spec: countDeals({ column: 'closed_at', op: 'in_period', period: { from: '2024-04-01', to: '2024-05-01' } }),
    // D3 D6 D8
    rows: [{ n: 3 }],
  },
  {
    name: 'period-fiscal-year-to-date',
    // Fiscal year from February, today 2024-03-15: [2024-02-01, 2024-03-16) -> created D3 D4 D5
    spec: countDeals(
      { role: 'created_at', op: 'in_period', period: 'year_to_date' },
      { today: '2024-03-15', fiscalYearStartMonth: 2 },
    ),
    schema: ROLES,
    rows: [{ n: 3 }],
  },
  {
    name: 'fiscal-quarter-grain',
    // Fiscal quarters from February: Nov-Jan holds D1 D2 (bucket 2023-11-01); Feb-Apr the six others.
    spec: {
      measures: [{ op: 'count' }],
      dimensions: [{ column: 'created_at', grain: 'quarter' }],
      fiscalYearStartMonth: 2,
    },
    rows: [
      { d0: '2023-11-01', m0: 2 },
      { d0: '2024-02-01', m0: 6 },
    ],
  },
  {
    name: 'fiscal-year-grain-of-timestamp',
    // Fiscal years from April on closed_at: D1 D2 before April (2023-04-01); D3 D6 D7 D8 after; open deals null.
    spec: {
      measures: [{ op: 'count' }],
      dimensions: [{ column: 'closed_at', grain: 'year' }],
      fiscalYearStartMonth: 4,
    },
    rows: [
      { d0: '2023-04-01', m0: 2 },
      { d0: '2024-04-01', m0: 4 },
      { d0: null, m0: 2 },
    ],
  },
  {
    name: 'bins-fixed-width',
    // amount / 1000: 0 <- 200, 500.25, 750, 100; 1000 <- 1000.5, 1500; 3000 <- 3000; D7 has none.
    spec: { measures: [{ op: 'count' }], dimensions: [{ id: 'bin', column: 'amount', bin: { width: 1000 } }] },
    rows: [
      { bin: 0, m0: 4 },
      { bin: 1000, m0: 2 },
      { bin: 3000, m0: 1 },
      { bin: null, m0: 1 },
    ],
  },
  {
    name: 'bins-automatic',
    // min 100, max 3000: (3000 - 100) / 10 = 290 -> rounded up to 500.
    spec: { measures: [{ op: 'count' }], dimensions: [{ id: 'bin', column: 'amount', bin: { count: 10 } }] },
    rows: [
      { bin: 0, m0: 2 },
      { bin: 500, m0: 2 },
      { bin: 1000, m0: 1 },
      { bin: 1500, m0: 1 },
      { bin: 3000, m0: 1 },
      { bin: null, m0: 1 },
    ],
  },
  {
    name: 'cohort-by-created-month',
    // Win rate by creation month: Jan D1 won D2 lost 1/2; Feb D3 won (D4 open) 1; Mar D6 won (D5 open) 1; Apr D7 won D8 lost 1/2.
    spec: {
      measures: [{ id: 'win_rate', formula: "count_if(status = 'Won') / count_if(status IN ('Won', 'Lost'))" }],
      dimensions: [{ id: 'cohort', column: 'created_at', grain: 'month', label: 'Cohort' }],
    },
    rows: [
      { cohort: '2024-01-01', win_rate: 0.5 },
      { cohort: '2024-02-01', win_rate: 1 },
      { cohort: '2024-03-01', win_rate: 1 },
      { cohort: '2024-04-01', win_rate: 0.5 },
    ],
  },
];

describe('roles, filter trees, periods, fiscal grains, bins', () => {
  for (const c of CASES) {
    it(`${c.name}: golden SQL and hand-worked results`, async () => {
      const compiled = compile(c.spec, c.schema);
      if (!compiled.ok) throw new Error(compiled.error.message);
      expectGolden(c.name, compiled.value);
      const rows = await rowsOfQuery(db.conn, compiled.value.sql, compiled.value.params);
      expect(rounded(rows)).toEqual(rounded(c.rows));
    });
  }

  it('takes today from the schema when the spec has none, the spec winning over it', async () => {
    const spec = countDeals({ column: 'created_at', op: 'in_period', period: 'last_complete_month' });
    const fromSchema = compile(spec, { ...DEALS_SCHEMA, today: '2024-02-10' });
    if (!fromSchema.ok) throw new Error(fromSchema.error.message);
    // January: D1 D2
    expect(fromSchema.value.params).toEqual(['2024-01-01', '2024-02-01']);
    const fromSpec = compile({ ...spec, today: '2024-04-15' }, { ...DEALS_SCHEMA, today: '2024-02-10' });
    if (!fromSpec.ok) throw new Error(fromSpec.error.message);
    expect(fromSpec.value.params).toEqual(['2024-03-01', '2024-04-01']);
  });
});

describe('located errors', () => {
  const wrong: [string, Omit<AnalysisSpec, 'source'>, SourceSchema, string, RegExp][] = [
    ['an unmapped role in a dimension', { measures: [{ op: 'count' }], dimensions: [{ role: 'team' }] }, ROLES, 'dimensions.0.role', /role "team" is not mapped/],
    ['an unmapped role in a measure', { measures: [{ op: 'sum', role: 'probability' }] }, ROLES, 'measures.0.role', /role "probability"/],
    ['a role without any role map', { measures: [{ op: 'count' }], filters: [{ role: 'owner', op: 'is_null' }] }, DEALS_SCHEMA, 'filters.0.role', /role "owner"/],
    ['a relative period without today', countDeals({ and: [{ column: 'created_at', op: 'in_period', period: 'this_month' }] }), DEALS_SCHEMA, 'filter.and.0.period', /needs "today"/],
    ['before on a text column', countDeals({ column: 'owner', op: 'before', values: ['2024-01-01'] }), DEALS_SCHEMA, 'filter.op', /needs a date column/],
    ['a bad day', countDeals({ column: 'created_at', op: 'after', values: ['2024-02-30'] }), DEALS_SCHEMA, 'filter.values.0', /YYYY-MM-DD/],
    ['bins on text', { measures: [{ op: 'count' }], dimensions: [{ column: 'owner', bin: { width: 10 } }] }, DEALS_SCHEMA, 'dimensions.0.bin', /numeric/],
  ];
  for (const [name, spec, schema, field, message] of wrong) {
    it(`refuses ${name}`, () => {
      const r = compile(spec, schema);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.location?.field).toBe(field);
        expect(r.error.message).toMatch(message);
      }
    });
  }

  const invalid: [string, unknown, string][] = [
    ['column and role', { measures: [{ op: 'count' }], dimensions: [{ column: 'a', role: 'owner' }] }, 'dimensions.0.role'],
    ['neither column nor role', { measures: [{ op: 'count' }], filters: [{ op: 'is_null' }] }, 'filters.0.column'],
    ['an unknown period', { measures: [{ op: 'count' }], filter: { or: [{ column: 'a', op: 'in_period', period: 'last_week' }] } }, 'filter.or.0.period'],
    ['in_period without period', { measures: [{ op: 'count' }], filter: { not: { column: 'a', op: 'in_period' } } }, 'filter.not.period'],
    ['a bad tree key', { measures: [{ op: 'count' }], filter: { and: [{ xor: [] }] } }, 'filter.and.0.op'],
    ['a fiscal month 13', { measures: [{ op: 'count' }], fiscalYearStartMonth: 13 }, 'fiscalYearStartMonth'],
    ['a bad today', { measures: [{ op: 'count' }], today: '15/04/2024' }, 'today'],
    ['a zero bin width', { measures: [{ op: 'count' }], dimensions: [{ column: 'amount', bin: { width: 0 } }] }, 'dimensions.0.bin.width'],
  ];
  for (const [name, spec, field] of invalid) {
    it(`spec schema refuses ${name}, naming the field`, () => {
      const r = parseSpec({ source: 'deals', ...(spec as object) });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.location?.field).toBe(field);
    });
  }
});

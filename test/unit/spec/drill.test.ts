// compileFilters and compileDimensionValueFilter: the conditions drill-through appends to its
// row queries. Expected deal ids are read off the fixture by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileDimensionValueFilter, compileFilters } from '../../../shared/spec/compile';
import { normalizeSpec } from '../../../shared/spec/normalize';
import type { DimensionInput, FilterValue } from '../../../shared/spec/types';
import { memoryConnection } from '../../helpers/duckdb';
import { DEALS_SCHEMA, DEALS_SQL, dealIds } from './deals-fixture';

let db: { conn: DuckDBConnection; close: () => void };
beforeAll(async () => {
  db = await memoryConnection();
  await db.conn.run(DEALS_SQL);
});
afterAll(() => db.close());

const dim = (d: DimensionInput) => normalizeSpec({ source: 's', measures: [{ op: 'count' }], dimensions: [d] }).dimensions[0]!;

describe('compileFilters', () => {
  it('returns null for no filters', () => {
    expect(compileFilters([], DEALS_SCHEMA)).toEqual({ ok: true, value: { where: null, params: [] } });
  });

  it('numbers placeholders from firstParam, so the condition appends to a query with parameters', async () => {
    const spec = normalizeSpec({
      source: 's',
      measures: [{ op: 'count' }],
      filters: [
        { column: 'status', op: 'eq', values: ['Won'] },
        { column: 'owner', op: 'in', values: ['Ann', 'Cleo'] },
      ],
    });
    const r = compileFilters(spec.filters, DEALS_SCHEMA, 2);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.where).toBe('"status" = $2\n  AND ("owner" IN ($3, $4))');
    // $1 is the caller's own parameter.
    const rows = await dealIds(db.conn, `deal_id <> $1 AND ${r.value.where}`, ['D7', ...r.value.params]);
    expect(rows).toEqual(['D1', 'D6']);
  });

  it('compiles a tree, naming the field of a bad leaf', () => {
    const spec = normalizeSpec({
      source: 's',
      measures: [{ op: 'count' }],
      filter: { or: [{ column: 'status', op: 'eq', values: ['Won'] }, { column: 'amout', op: 'gt', values: [1] }] },
    });
    const r = compileFilters(spec.filter!, DEALS_SCHEMA);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.location?.field).toBe('filter.or.1.column');
      expect(r.error.message).toBe('unknown column "amout" — did you mean "amount"?');
    }
  });
});

describe('compileDimensionValueFilter', () => {
  const cases: [string, DimensionInput, FilterValue, string[]][] = [
    ['a plain value', { column: 'owner' }, 'Bob', ['D3', 'D4', 'D8']],
    ['an empty cell', { column: 'segment' }, null, ['D6']],
    // Month of created_at 2024-03: D5 (03-03), D6 (03-31); D7 on 04-01 is outside the half-open range.
    ['a month', { column: 'created_at', grain: 'month' }, '2024-03-01', ['D5', 'D6']],
    // Timestamps: April 2024 closes are D3 (04-01 00:00), D6 (04-30 23:59:59), D8; D7 closes 05-02.
    ['a month of a timestamp', { column: 'closed_at', grain: 'month' }, '2024-04-01', ['D3', 'D6', 'D8']],
    ['a month given as epoch ms', { column: 'closed_at', grain: 'month' }, Date.UTC(2024, 3, 1), ['D3', 'D6', 'D8']],
    ['a quarter', { column: 'created_at', grain: 'quarter' }, '2024-01-01', ['D1', 'D2', 'D3', 'D4', 'D5', 'D6']],
    // Week of Mon 2024-04-01: D7 (04-01), D8 (Sun 04-07).
    ['a week', { column: 'created_at', grain: 'week' }, '2024-04-01', ['D7', 'D8']],
    ['a day', { column: 'closed_at', grain: 'day' }, '2024-04-30', ['D6']],
    ['no time bucket', { column: 'closed_at', grain: 'year' }, null, ['D4', 'D5']],
    // Bins of width 1000: [1000, 2000) holds D1 1000.5 and D5 1500.
    ['a bin', { column: 'amount', bin: { width: 1000 } }, 1000, ['D1', 'D5']],
    // Automatic bins of 500 (see features.test.ts): [500, 1000) holds D4 500.25 and D6 750.
    ['an automatic bin', { column: 'amount', bin: { count: 10 } }, 500, ['D4', 'D6']],
  ];
  for (const [name, d, value, expected] of cases) {
    it(`selects the rows of ${name}`, async () => {
      const r = compileDimensionValueFilter(dim(d), value, DEALS_SCHEMA);
      if (!r.ok) throw new Error(r.error.message);
      expect(await dealIds(db.conn, r.value.where, r.value.params)).toEqual(expected);
    });
  }

  it('refuses the Others group of a top N, which depends on the whole spec', () => {
    const top = dim({ column: 'owner', top: { n: 1, by: 'm0' } });
    expect(compileDimensionValueFilter(top, 'Others', DEALS_SCHEMA).ok).toBe(false);
    expect(compileDimensionValueFilter(top, 'Bob', DEALS_SCHEMA).ok).toBe(true);
  });

  it('uses the half-open range for a time grain', () => {
    const r = compileDimensionValueFilter(dim({ column: 'created_at', grain: 'month' }), '2024-12-01', DEALS_SCHEMA, 3);
    expect(r).toEqual({
      ok: true,
      value: { where: '("created_at" >= CAST($3 AS DATE) AND "created_at" < CAST($4 AS DATE))', params: ['2024-12-01', '2025-01-01'] },
    });
  });

  it('resolves a role through the schema, and names a missing one', async () => {
    const schema = { ...DEALS_SCHEMA, roles: { owner: 'owner' } };
    const r = compileDimensionValueFilter(dim({ role: 'owner' }), 'Cleo', schema);
    if (!r.ok) throw new Error(r.error.message);
    expect(await dealIds(db.conn, r.value.where, r.value.params)).toEqual(['D5', 'D6']);
    const missing = compileDimensionValueFilter(dim({ role: 'team' }), 'x', schema);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/role "team"/);
  });
});

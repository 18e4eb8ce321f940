// Natural order: a sort on a dimension whose column has an order in SourceSchema.orders (the stage
// column's pipeline order, computed by the core) follows that order, values not listed last and
// alphabetically. Plus the pure expansion of named segments. Golden SQL and DuckDB results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileSpec } from '../../../shared/spec/compile';
import { normalizeSpec } from '../../../shared/spec/normalize';
import { parseSpec } from '../../../shared/spec/schema';
import { expandSegments } from '../../../shared/spec/segments';
import type { AnalysisSpec, SourceSchema } from '../../../shared/spec/types';
import { memoryConnection } from '../../helpers/duckdb';
import { expectGolden, rowsOfQuery } from './deals-fixture';

const OPPS_SQL = `
CREATE TABLE opps AS SELECT * FROM (VALUES
  ('O1', 'Ann', 'Proposal',      500.0, DATE '2024-01-05'),
  ('O2', 'Ann', 'Closed Won',   1000.0, DATE '2024-01-20'),
  ('O3', 'Bob', 'Prospecting',   100.0, DATE '2024-02-10'),
  ('O4', 'Bob', 'Closed Lost',   200.0, DATE '2024-02-11'),
  ('O5', 'Bob', 'Qualification', 300.0, DATE '2024-02-15'),
  ('O6', 'Cleo', 'Negotiation',  700.0, DATE '2024-03-03'),
  ('O7', 'Cleo', 'Archived',      50.0, DATE '2024-03-31'),
  ('O8', 'Cleo', 'Proposal',     400.0, DATE '2024-01-09')
) AS t(id, owner, stage_name, amount, created_at)`;

const PIPELINE = ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];

const SCHEMA: SourceSchema = {
  table: 'opps',
  columns: [
    { name: 'id', type: 'VARCHAR' },
    { name: 'owner', type: 'VARCHAR' },
    { name: 'stage_name', type: 'VARCHAR' },
    { name: 'amount', type: 'DOUBLE' },
    { name: 'created_at', type: 'DATE' },
  ],
  roles: { stage: 'stage_name', owner: 'owner' },
  orders: { stage_name: PIPELINE },
};

let db: { conn: DuckDBConnection; close: () => void };
beforeAll(async () => {
  db = await memoryConnection();
  await db.conn.run(OPPS_SQL);
});
afterAll(() => db.close());

function compile(spec: Omit<AnalysisSpec, 'source'>, schema: SourceSchema = SCHEMA) {
  const parsed = parseSpec({ source: 'opps', ...spec });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const compiled = compileSpec(normalizeSpec(parsed.value), schema);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return compiled.value;
}
const run = async (spec: Omit<AnalysisSpec, 'source'>, schema: SourceSchema = SCHEMA) => {
  const c = compile(spec, schema);
  return rowsOfQuery(db.conn, c.sql, c.params);
};
const stages = (rows: Record<string, unknown>[], id = 'stage') => rows.map((r) => r[id]);

describe('natural order of a dimension', () => {
  it('the default sort on the stage role follows the pipeline, unlisted values last', async () => {
    const spec = { measures: [{ id: 'n', op: 'count' as const }], dimensions: [{ id: 'stage', role: 'stage' }] };
    const compiled = compile(spec);
    expect(compiled.sql).toContain('list_position(');
    expect(compiled.params).toEqual(PIPELINE);
    expectGolden('order-stage-natural', compiled);
    expect(await run(spec)).toEqual([
      { stage: 'Prospecting', n: 1 },
      { stage: 'Qualification', n: 1 },
      { stage: 'Proposal', n: 2 },
      { stage: 'Negotiation', n: 1 },
      { stage: 'Closed Won', n: 1 },
      { stage: 'Closed Lost', n: 1 },
      { stage: 'Archived', n: 1 },
    ]);
  });

  it('an explicit sort by the column, descending, reverses the pipeline', async () => {
    const rows = await run({
      measures: [{ id: 'n', op: 'count' }],
      dimensions: [{ id: 'stage', column: 'stage_name' }],
      sort: [{ by: 'stage', direction: 'desc' }],
    });
    expect(stages(rows)).toEqual(['Closed Lost', 'Closed Won', 'Negotiation', 'Proposal', 'Qualification', 'Prospecting', 'Archived']);
  });

  it('a sort by a measure is untouched; without an order the sort is alphabetical', async () => {
    const byMeasure = await run({
      measures: [{ id: 'total', op: 'sum', column: 'amount' }],
      dimensions: [{ id: 'stage', role: 'stage' }],
      sort: [{ by: 'total', direction: 'desc' }],
    });
    expect(stages(byMeasure)).toEqual(['Closed Won', 'Proposal', 'Negotiation', 'Qualification', 'Closed Lost', 'Prospecting', 'Archived']);
    const { orders: _o, ...plain } = SCHEMA;
    const spec = { measures: [{ id: 'n', op: 'count' as const }], dimensions: [{ id: 'stage', role: 'stage' }] };
    expect(compile(spec, plain).sql).not.toContain('list_position');
    expect(stages(await run(spec, plain))).toEqual([...stages(await run(spec))].sort());
  });

  it('rows × stage with totals: each rep in pipeline order, its subtotal after, the grand total last', async () => {
    const spec: Omit<AnalysisSpec, 'source'> = {
      measures: [{ id: 'n', op: 'count' }],
      dimensions: [{ id: 'rep', column: 'owner' }, { id: 'stage', role: 'stage' }],
      totals: 'subtotals',
    };
    expectGolden('order-stage-with-subtotals', compile(spec));
    const rows = await run(spec);
    expect(rows.map((r) => [r.rep, r.stage, r.n])).toEqual([
      ['Ann', 'Proposal', 1],
      ['Ann', 'Closed Won', 1],
      ['Ann', null, 2],
      ['Bob', 'Prospecting', 1],
      ['Bob', 'Qualification', 1],
      ['Bob', 'Closed Lost', 1],
      ['Bob', null, 3],
      ['Cleo', 'Proposal', 1],
      ['Cleo', 'Negotiation', 1],
      ['Cleo', 'Archived', 1],
      ['Cleo', null, 3],
      [null, null, 8],
    ]);
  });

  it('with a comparison the outer query sorts by the stage column of the current rows', async () => {
    const rows = await run({
      measures: [{ id: 'n', op: 'count' }],
      dimensions: [{ id: 'month', column: 'created_at', grain: 'month' }, { id: 'stage', role: 'stage' }],
      compare: { to: 'previous_period' },
    });
    const feb = rows.filter((r) => String(r.month).startsWith('2024-02')).map((r) => r.stage);
    expect(feb).toEqual(['Prospecting', 'Qualification', 'Closed Lost']);
    const jan = rows.filter((r) => String(r.month).startsWith('2024-01')).map((r) => r.stage);
    expect(jan).toEqual(['Proposal', 'Closed Won']);
  });

  it('a dimension with a grain or bins ignores an order of its column', () => {
    const schema: SourceSchema = { ...SCHEMA, orders: { created_at: ['2024-03-01'], amount: ['100'] } };
    const compiled = compile(
      {
        measures: [{ id: 'n', op: 'count' }],
        dimensions: [{ id: 'm', column: 'created_at', grain: 'month' }, { id: 'b', column: 'amount', bin: { width: 100 } }],
      },
      schema,
    );
    expect(compiled.sql).not.toContain('list_position');
    expect(compiled.params).toEqual([]);
  });
});

describe('segments', () => {
  const vip = { name: 'big', source: null, filter: { column: 'amount', op: 'gte' as const, values: [500] } };
  const bob = { name: 'bob', source: 'opps', filter: { column: 'owner', op: 'eq' as const, values: ['Bob'] } };

  it('expand into the filter, ANDed with the spec own', () => {
    const spec: AnalysisSpec = {
      source: 'opps',
      measures: [{ op: 'count' }],
      filter: { column: 'owner', op: 'neq', values: ['Ann'] },
      segments: ['big', 'bob'],
    };
    const expanded = expandSegments(spec, [vip, bob]);
    expect(expanded).toEqual({
      ok: true,
      value: { source: 'opps', measures: [{ op: 'count' }], filter: { and: [spec.filter, vip.filter, bob.filter] } },
    });
    expect(expandSegments({ source: 'opps', measures: [{ op: 'count' }] }, [])).toEqual({
      ok: true,
      value: { source: 'opps', measures: [{ op: 'count' }] },
    });
  });

  it('an unknown segment, or one saved for another source, is an error at segments.N', () => {
    const unknown = expandSegments({ source: 'opps', measures: [{ op: 'count' }], segments: ['big', 'bigg'] }, [vip]);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.location?.field).toBe('segments.1');
      expect(unknown.error.message).toContain('"bigg"');
    }
    const other = expandSegments({ source: 'deals', measures: [{ op: 'count' }], segments: ['bob'] }, [bob]);
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.location?.field).toBe('segments.0');
  });

  it('the compiler refuses a spec whose segments were not expanded', () => {
    const parsed = parseSpec({ source: 'opps', measures: [{ op: 'count' }], segments: ['big'] });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const compiled = compileSpec(normalizeSpec(parsed.value), SCHEMA);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.error.location?.field).toBe('segments.0');
  });
});

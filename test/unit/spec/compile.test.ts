// The spec compiler: golden SQL per case, and the same cases run against a real in-memory DuckDB
// with inline data whose expected figures are worked out by hand below.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileSpec } from '../../../shared/spec/compile';
import { normalizeSpec } from '../../../shared/spec/normalize';
import { parseSpec } from '../../../shared/spec/schema';
import type { AnalysisSpec, SourceSchema } from '../../../shared/spec/types';
import { readArrow } from '../../../shared/arrow/cells';
import { queryToArrow } from '../../../electron/core/query/arrow';
import { memoryConnection } from '../../helpers/duckdb';
import { DEALS_SCHEMA, DEALS_SQL } from './deals-fixture';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

// The eight deals (amount is DECIMAL, so that the explicit cast to DOUBLE is exercised) live in
// deals-fixture.ts, shared by the spec tests.
const SCHEMA: SourceSchema = DEALS_SCHEMA;

interface Case {
  name: string;
  spec: Omit<AnalysisSpec, 'source'>;
  rows: Record<string, unknown>[];
}

const CASES: Case[] = [
  { name: 'count-rows', spec: { measures: [{ op: 'count' }] }, rows: [{ m0: 8 }] },
  {
    name: 'sum-by-owner',
    spec: { measures: [{ op: 'sum', column: 'amount' }], dimensions: [{ column: 'owner' }] },
    rows: [
      { d0: 'Ann', m0: 1200.5 },
      { d0: 'Bob', m0: 3600.25 },
      { d0: 'Cleo', m0: 2250 },
    ],
  },
  {
    name: 'every-aggregate',
    spec: {
      measures: [
        { op: 'count', column: 'amount' },
        { op: 'count_distinct', column: 'owner' },
        { op: 'avg', column: 'probability' },
        { op: 'min', column: 'amount' },
        { op: 'max', column: 'created_at' },
        { op: 'median', column: 'amount' },
      ],
    },
    // amounts (7 non-null): 100, 200, 500.25, 750, 1000.5, 1500, 3000 -> median 750
    rows: [{ m0: 7, m1: 3, m2: 63.75, m3: 100, m4: '2024-04-07', m5: 750 }],
  },
  {
    name: 'month-grain',
    spec: { measures: [{ op: 'count' }], dimensions: [{ column: 'created_at', grain: 'month' }] },
    rows: [
      { d0: '2024-01-01', m0: 2 },
      { d0: '2024-02-01', m0: 2 },
      { d0: '2024-03-01', m0: 2 },
      { d0: '2024-04-01', m0: 2 },
    ],
  },
  {
    name: 'quarter-grain-of-timestamp',
    spec: { measures: [{ op: 'sum', column: 'amount' }], dimensions: [{ column: 'closed_at', grain: 'quarter' }] },
    // Q1: D1 1000.5 + D2 200 ; Q2: D3 3000 + D6 750 + D7 null + D8 100 ; open deals -> null quarter
    rows: [
      { d0: '2024-01-01', m0: 1200.5 },
      { d0: '2024-04-01', m0: 3850 },
      { d0: null, m0: 2000.25 },
    ],
  },
  {
    name: 'week-grain-monday',
    spec: {
      measures: [{ op: 'count' }],
      dimensions: [{ column: 'created_at', grain: 'week' }],
      filters: [{ column: 'created_at', op: 'between', values: ['2024-03-01', '2024-04-08'] }],
    },
    // 2024-03-03 is a Sunday -> week of Mon 2024-02-26; 03-31 (Sun) -> 03-25; 04-01 (Mon) -> 04-01; 04-07 (Sun) -> 04-01
    rows: [
      { d0: '2024-02-26', m0: 1 },
      { d0: '2024-03-25', m0: 1 },
      { d0: '2024-04-01', m0: 2 },
    ],
  },
  {
    name: 'week-grain-sunday',
    spec: {
      measures: [{ op: 'count' }],
      dimensions: [{ column: 'created_at', grain: 'week' }],
      filters: [{ column: 'created_at', op: 'between', values: ['2024-03-01', '2024-04-08'] }],
      weekStart: 'sunday',
    },
    // Sunday-start weeks: 03-03 -> 03-03; 03-31 -> 03-31; 04-01 -> 03-31; 04-07 -> 04-07
    rows: [
      { d0: '2024-03-03', m0: 1 },
      { d0: '2024-03-31', m0: 2 },
      { d0: '2024-04-07', m0: 1 },
    ],
  },
  {
    name: 'year-grain',
    spec: { measures: [{ op: 'count' }], dimensions: [{ column: 'created_at', grain: 'year' }] },
    rows: [{ d0: '2024-01-01', m0: 8 }],
  },
  {
    name: 'filters-in-and-half-open-between',
    spec: {
      measures: [{ op: 'count' }],
      filters: [
        { column: 'status', op: 'in', values: ['Won', 'Lost'] },
        // [2024-01-05, 2024-03-31): D1 D2 D3 D8? no: D8 is 04-07. -> D1, D2, D3 (D6 is on the end date, excluded)
        { column: 'created_at', op: 'between', values: ['2024-01-05', '2024-03-31'] },
      ],
    },
    rows: [{ m0: 3 }],
  },
  {
    name: 'not-in-keeps-empty-cells',
    spec: { measures: [{ op: 'count' }], filters: [{ column: 'segment', op: 'not_in', values: ['Gold'] }] },
    // Silver x2, Bronze x1, null x1 (D6)
    rows: [{ m0: 4 }],
  },
  {
    name: 'not-in-with-null-excludes-empty',
    spec: { measures: [{ op: 'count' }], filters: [{ column: 'segment', op: 'not_in', values: ['Gold', null] }] },
    rows: [{ m0: 3 }],
  },
  {
    name: 'comparisons-and-null-checks',
    spec: {
      measures: [{ op: 'sum', column: 'amount' }],
      filters: [
        { column: 'probability', op: 'gte', values: [40] },
        { column: 'closed_at', op: 'is_null' },
        { column: 'owner', op: 'neq', values: ['Ann'] },
      ],
    },
    // open deals D4 (Bob, 40) and D5 (Cleo, 60) -> 2000.25
    rows: [{ m0: 2000.25 }],
  },
  {
    name: 'contains-is-case-insensitive',
    spec: { measures: [{ op: 'count' }], filters: [{ column: 'owner', op: 'contains', values: ['AN'] }] },
    rows: [{ m0: 3 }],
  },
  {
    name: 'sort-by-measure-desc-with-limit',
    spec: {
      measures: [{ id: 'won', op: 'sum', column: 'amount', label: 'Revenue' }],
      dimensions: [{ id: 'rep', column: 'owner' }],
      filters: [{ column: 'status', op: 'eq', values: ['Won'] }],
      sort: [{ by: 'won', direction: 'desc' }],
      limit: 2,
    },
    // Won: Ann 1000.5 (+ null), Bob 3000, Cleo 750
    rows: [
      { rep: 'Bob', won: 3000 },
      { rep: 'Ann', won: 1000.5 },
    ],
  },
  {
    name: 'two-dimensions-null-group',
    spec: {
      measures: [{ op: 'count' }],
      dimensions: [{ column: 'segment' }, { column: 'status' }],
      filters: [{ column: 'owner', op: 'eq', values: ['Cleo'] }],
    },
    rows: [
      { d0: 'Gold', d1: 'Open', m0: 1 },
      { d0: null, d1: 'Won', m0: 1 },
    ],
  },
];

let db: { conn: DuckDBConnection; close: () => void };

beforeAll(async () => {
  db = await memoryConnection();
  await db.conn.run(DEALS_SQL);
});
afterAll(() => db.close());

function compile(spec: AnalysisSpec) {
  const parsed = parseSpec(spec);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const compiled = compileSpec(normalizeSpec(parsed.value), SCHEMA);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return compiled.value;
}

describe('spec compiler', () => {
  for (const c of CASES) {
    it(`${c.name}: SQL matches its golden file and DuckDB returns the expected rows`, async () => {
      const compiled = compile({ source: 'deals', ...c.spec });
      const goldenPath = join(GOLDEN_DIR, `${c.name}.sql`);
      const text = `${compiled.sql}\n-- params: ${JSON.stringify(compiled.params)}\n`;
      if (UPDATE) {
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(goldenPath, text);
      }
      expect(text).toBe(readFileSync(goldenPath, 'utf8'));

      const arrow = await queryToArrow(db.conn, compiled.sql, compiled.params);
      const rows = readArrow(arrow.ipc).rows();
      expect(rows).toEqual(c.rows);
      // Measures reach the renderer as doubles, whatever the column type.
      for (const col of compiled.columns.filter((x) => x.role === 'measure')) {
        const info = arrow.columns.find((a) => a.name === col.id)!;
        if (!info.duckdbType.startsWith('DATE')) expect(info.duckdbType).toBe('DOUBLE');
      }
    });
  }
});

describe('spec validation', () => {
  const invalid: [string, unknown, string][] = [
    ['no measure', { source: 'deals', measures: [] }, 'measures'],
    ['unknown op', { source: 'deals', measures: [{ op: 'mode', column: 'amount' }] }, 'measures.0.op'],
    ['extra key', { source: 'deals', measures: [{ op: 'count' }], sql: 'DROP TABLE deals' }, ''],
    ['bad id', { source: 'deals', measures: [{ id: 'a"b', op: 'count' }] }, 'measures.0.id'],
    ['negative limit', { source: 'deals', measures: [{ op: 'count' }], limit: -1 }, 'limit'],
  ];
  for (const [name, spec, field] of invalid) {
    it(`refuses ${name}, naming the field`, () => {
      const parsed = parseSpec(spec);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error.code).toBe('SPEC_INVALID');
        expect(parsed.error.location?.field).toBe(field);
      }
    });
  }

  const wrong: [string, Omit<AnalysisSpec, 'source'>, string, RegExp][] = [
    ['sum of text', { measures: [{ op: 'sum', column: 'owner' }] }, 'measures.0.column', /numeric/],
    ['unknown column', { measures: [{ op: 'sum', column: 'revenue' }] }, 'measures.0.column', /unknown column "revenue"/],
    ['grain on text', { measures: [{ op: 'count' }], dimensions: [{ column: 'owner', grain: 'month' }] }, 'dimensions.0.grain', /date column/],
    ['sum without column', { measures: [{ op: 'sum' }] }, 'measures.0.column', /needs a column/],
    ['sort on unknown id', { measures: [{ op: 'count' }], sort: [{ by: 'zz' }] }, 'sort.0.by', /unknown id/],
    ['between with one value', { measures: [{ op: 'count' }], filters: [{ column: 'created_at', op: 'between', values: ['2024-01-01'] }] }, 'filters.0.values', /2 values/],
  ];
  for (const [name, spec, field, message] of wrong) {
    it(`compiler refuses ${name} with a located error`, () => {
      const result = compileSpec(normalizeSpec({ source: 'deals', ...spec }), SCHEMA);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.location?.field).toBe(field);
        expect(result.error.message).toMatch(message);
      }
    });
  }
});

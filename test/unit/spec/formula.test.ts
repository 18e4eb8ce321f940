// Calculated measures: formulas parsed, checked against the whitelist and compiled; golden SQL and
// results from a real DuckDB on the eight deals, with the expected figures worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileSpec } from '../../../shared/spec/compile';
import { parseFormula } from '../../../shared/spec/expr/parser';
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

const ROLES_SCHEMA: SourceSchema = { ...DEALS_SCHEMA, roles: { amount: 'amount', status: 'status', owner: 'owner' } };

function compile(spec: Omit<AnalysisSpec, 'source'>, schema: SourceSchema = DEALS_SCHEMA) {
  const parsed = parseSpec({ source: 'deals', ...spec });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return compileSpec(normalizeSpec(parsed.value), schema);
}

interface Case {
  name: string;
  spec: Omit<AnalysisSpec, 'source'>;
  rows: Record<string, unknown>[];
  schema?: SourceSchema;
}

// D1 Ann Gold Won 1000.50 p100 | D2 Ann Silver Lost 200 p0 | D3 Bob Gold Won 3000 p100
// D4 Bob Bronze Open 500.25 p40 | D5 Cleo Gold Open 1500 p60 | D6 Cleo - Won 750 p100
// D7 Ann Gold Won null p100 | D8 Bob Silver Lost 100 p10
const CASES: Case[] = [
  {
    name: 'formula-average-basket',
    // 7 amounts sum to 7050.75; / 7 = 1007.25. Over all 8 rows: 7050.75 / 8 = 881.34375.
    spec: {
      measures: [
        { id: 'basket', formula: 'sum(amount) / count(amount)' },
        { id: 'per_row', formula: 'sum(amount) / count()' },
      ],
    },
    rows: [{ basket: 1007.25, per_row: 881.34375 }],
  },
  {
    name: 'formula-win-rate-by-owner',
    // Ann: won D1 D7 of closed D1 D2 D7 -> 2/3; Bob: D3 of D3 D8 -> 1/2; Cleo: D6 of D6 -> 1.
    spec: {
      measures: [{ id: 'win_rate', formula: "count_if(status = 'Won') / count_if(status IN ('Won', 'Lost'))" }],
      dimensions: [{ id: 'rep', column: 'owner' }],
    },
    rows: [
      { rep: 'Ann', win_rate: 2 / 3 },
      { rep: 'Bob', win_rate: 0.5 },
      { rep: 'Cleo', win_rate: 1 },
    ],
  },
  {
    name: 'formula-weighted-pipeline',
    // Open: D4 500.25 x 40% = 200.1, D5 1500 x 60% = 900 -> 1100.1
    spec: { measures: [{ id: 'weighted', formula: "sum_if(amount * probability / 100, status = 'Open')" }] },
    rows: [{ weighted: 1100.1 }],
  },
  {
    name: 'formula-safe-division',
    spec: {
      measures: [
        { id: 'by_zero', formula: "sum(amount) / count_if(status = 'Nope')" },
        { id: 'mod_zero', formula: 'count() % 0' },
      ],
    },
    rows: [{ by_zero: null, mod_zero: null }],
  },
  {
    name: 'formula-measure-references',
    // won: 1000.5 + 3000 + 750 (+ D7 null) = 4750.5; closed: D1 D2 D3 D6 D7 D8 = 6; rows = 8.
    spec: {
      measures: [
        { id: 'per_closed', formula: 'won / closed' },
        { id: 'won', formula: "sum_if(amount, status = 'Won')" },
        { id: 'closed', formula: "count_if(status IN ('Won', 'Lost'))" },
        { id: 'n', op: 'count' },
        { id: 'per_row', formula: 'won / n' },
      ],
    },
    rows: [{ per_closed: 791.75, won: 4750.5, closed: 6, n: 8, per_row: 593.8125 }],
  },
  {
    name: 'formula-sales-cycle',
    // Days created -> closed: D1 27, D2 55, D3 51, D6 30, D7 31, D8 13 (2024 is a leap year).
    // Sorted 13 27 30 31 51 55: median (30 + 31) / 2 = 30.5; p75 at 3.75 -> 31 + 0.75 x 20 = 46.
    spec: {
      measures: [
        { id: 'median_days', formula: "median(date_diff('day', created_at, closed_at))" },
        { id: 'p75_days', formula: "percentile(date_diff('day', created_at, closed_at), 0.75)" },
      ],
    },
    rows: [{ median_days: 30.5, p75_days: 46 }],
  },
  {
    name: 'formula-scalar-functions',
    // avg probability 510 / 8 = 63.75; |100 - 3000| = 2900; one deal without segment.
    spec: {
      measures: [
        { id: 'avg_p', formula: 'round(avg(probability), 1)' },
        { id: 'no_platinum', formula: "coalesce(sum_if(amount, segment = 'Platinum'), 0)" },
        { id: 'spread', formula: 'abs(min(amount) - max(amount))' },
        { id: 'g', formula: 'greatest(max(probability), 50)' },
        { id: 'l', formula: 'least(min(probability), 5)' },
        { id: 'no_segment', formula: 'nullif(count_if(segment IS NULL), 0)' },
        { id: 'neg', formula: '-count() + 10 * 2' },
      ],
    },
    rows: [{ avg_p: 63.8, no_platinum: 0, spread: 2900, g: 100, l: 0, no_segment: 1, neg: 12 }],
  },
  {
    name: 'formula-conditions',
    spec: {
      measures: [
        // created on or after 03-01: D5 D6 D7 D8
        { id: 'since_march', formula: "count_if(created_at >= '2024-03-01')" },
        // half-open [01-01, 02-11): D1 D2 D3 (D4 is on the end day)
        { id: 'between', formula: "count_if(created_at BETWEEN '2024-01-01' AND '2024-02-11')" },
        // not won and closed: D2 D8
        { id: 'lost_closed', formula: "count_if(NOT (status = 'Won') AND closed_at IS NOT NULL)" },
        // Ann (D1 D2 D7) or probability < 50 (D2 D4 D8): D1 D2 D4 D7 D8
        { id: 'either', formula: "count_if(owner = 'Ann' OR probability < 50)" },
        // SQL NOT IN: Silver D2 D8, Bronze D4; the empty segment (D6) is unknown, not counted
        { id: 'not_gold', formula: "count_if(segment NOT IN ('Gold'))" },
        // closed in April 2024 (timestamps): D3 D6 D8
        { id: 'april', formula: "count_if(closed_at >= '2024-04-01' and closed_at < '2024-05-01')" },
        { id: 'arith', formula: '(1 + 2) * 3 - 4 / 2 + 7 % 4' },
      ],
    },
    rows: [{ since_march: 4, between: 3, lost_closed: 2, either: 5, not_gold: 3, april: 3, arith: 10 }],
  },
  {
    name: 'formula-roles',
    schema: ROLES_SCHEMA,
    // 7050.75 / 8 = 881.34375; won D1 D3 D6 D7 = 4
    spec: {
      measures: [
        { id: 'per_row', formula: 'sum(@amount) / count()' },
        { id: 'won', formula: "count_if(@status = 'Won')" },
        { id: 'reps', op: 'count_distinct', role: 'owner' },
      ],
    },
    rows: [{ per_row: 881.34375, won: 4, reps: 3 }],
  },
];

describe('formula measures', () => {
  for (const c of CASES) {
    it(`${c.name}: golden SQL and hand-worked results`, async () => {
      const compiled = compile(c.spec, c.schema);
      if (!compiled.ok) throw new Error(compiled.error.message);
      expectGolden(c.name, compiled.value);
      const rows = await rowsOfQuery(db.conn, compiled.value.sql, compiled.value.params);
      expect(rounded(rows)).toEqual(rounded(c.rows));
    });
  }

  it('reads quoted and bracketed names, keywords in any case, and count(*)', () => {
    expect(parseFormula('sum([deal amount]) / COUNT(*)')).toMatchObject({
      type: 'binary',
      op: '/',
      left: { type: 'call', name: 'sum', args: [{ type: 'name', name: 'deal amount' }] },
      right: { type: 'call', name: 'count', args: [{ type: 'star' }] },
    });
    expect(parseFormula('"a ""b"" c" is not null')).toMatchObject({
      type: 'is_null',
      negated: true,
      arg: { type: 'name', name: 'a "b" c' },
    });
    // Precedence: NOT binds looser than comparison, AND tighter than OR, * tighter than +.
    expect(parseFormula('not a = 1 or b and c')).toMatchObject({
      type: 'binary',
      op: 'OR',
      left: { type: 'unary', op: 'NOT', arg: { type: 'binary', op: '=' } },
      right: { type: 'binary', op: 'AND' },
    });
  });
});

describe('formula errors are values with the position in the formula', () => {
  const cases: [string, string, RegExp, { line: number; column: number } | null][] = [
    ['unknown function', 'sum(amount) + exec(1)', /^unknown function 'exec' at 1:15$/, { line: 1, column: 15 }],
    ['typo in a column', 'sum(amout)', /^unknown column 'amout' — did you mean 'amount'\? at 1:5$/, { line: 1, column: 5 }],
    ['typo in a function', 'coutn()', /unknown function 'coutn' — did you mean 'count'\?/, null],
    ['column outside an aggregate', 'amount / 2', /column 'amount' must be inside an aggregate/, null],
    ['unknown name', 'sum(amount) / wonn', /unknown name 'wonn'/, null],
    ['nested aggregates', 'sum(sum(amount))', /aggregates do not nest at 1:5/, null],
    ['sum of text', 'sum(owner)', /sum\(\) needs a number, got text/, null],
    ['comparing text and number', "count_if(owner = probability)", /cannot compare text with number/, null],
    ['condition expected', 'count_if(amount)', /needs a condition/, null],
    ['unfinished', 'count(', /unexpected end of formula at 1:7/, null],
    ['second line', 'sum(amount)\n  + 1 +', /unexpected end of formula at 2:8/, { line: 2, column: 8 }],
    ['bad percentile', 'percentile(amount, 2)', /between 0 and 1/, null],
    ['non-constant percentile', 'percentile(amount, probability)', /constant fraction/, null],
    ['bad date_diff unit', "date_diff('hour', created_at, closed_at)", /date_diff\(\) needs a unit/, null],
    ['wrong arity', 'abs(count(), 1)', /abs\(\) takes 1 argument, got 2/, null],
    ['unmapped role', 'sum(@revenue)', /role 'revenue' is not mapped/, null],
    ['empty brackets', 'sum(amount) +', /unexpected end/, null],
    ['unterminated string', "count_if(owner = 'Ann)", /unterminated string at 1:18/, null],
  ];
  for (const [name, formula, message, at] of cases) {
    it(`refuses ${name}`, () => {
      const r = compile({ measures: [{ op: 'count' }, { id: 'f', formula }] });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('SPEC_INVALID');
      expect(r.error.message).toMatch(message);
      expect(r.error.location?.field).toBe('measures.1.formula');
      if (at) expect(r.error.location).toMatchObject(at);
    });
  }

  it('refuses a cycle of references, naming it', () => {
    const r = compile({ measures: [{ id: 'a', formula: 'b + 1' }, { id: 'b', formula: 'count() * a' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/cycle: a -> b -> a/);
    const self = compile({ measures: [{ id: 'a', formula: 'a + 1' }] });
    expect(self.ok).toBe(false);
    if (!self.ok) expect(self.error.message).toMatch(/cycle: a -> a/);
  });

  it('validates the formula field in the spec schema', () => {
    const r = parseSpec({ source: 'deals', measures: [{ formula: '', id: 'x' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.location?.field).toBe('measures.0.formula');
    const mixed = parseSpec({ source: 'deals', measures: [{ formula: 'count()', op: 'sum' }] });
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) expect(mixed.error.location?.field).toBe('measures.0');
  });
});

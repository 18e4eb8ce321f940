// Adversarial identifiers and values, run through the compiler and a real DuckDB: every identifier
// is quoted by one function, every value is a bound parameter, and nothing escapes either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileSpec } from '../../../shared/spec/compile';
import { normalizeSpec } from '../../../shared/spec/normalize';
import { quoteIdent, quoteLiteral } from '../../../shared/spec/quote';
import type { SourceSchema } from '../../../shared/spec/types';
import { readArrow } from '../../../shared/arrow/cells';
import { queryToArrow } from '../../../electron/core/query/arrow';
import { memoryConnection, rowsOf } from '../../helpers/duckdb';

const HOSTILE_NAMES = [
  'a"b',
  "x'; DROP TABLE t; --",
  'Propriétaire 😀',
  'select',
  ' leading space',
  'semi;colon',
  '"',
  'Ω\u200bzero-width',
];
const HOSTILE_VALUES = ["O'Brien", '"; DROP TABLE t; --', 'Zoë 😀', '%_', '\\', "'", 'a\nb'];
const TABLE = 'weird "table"; --';

let db: { conn: DuckDBConnection; close: () => void };
const schema: SourceSchema = {
  table: TABLE,
  columns: [...HOSTILE_NAMES.map((name) => ({ name, type: 'VARCHAR' })), { name: 'n', type: 'INTEGER' }],
};

beforeAll(async () => {
  db = await memoryConnection();
  const cols = [...HOSTILE_NAMES.map((n) => `${quoteIdent(n)} VARCHAR`), '"n" INTEGER'].join(', ');
  await db.conn.run(`CREATE TABLE ${quoteIdent(TABLE)} (${cols})`);
  for (const [i, v] of HOSTILE_VALUES.entries()) {
    const values = HOSTILE_NAMES.map(() => quoteLiteral(v)).join(', ');
    await db.conn.run(`INSERT INTO ${quoteIdent(TABLE)} VALUES (${values}, ${i + 1})`);
  }
});
afterAll(() => db.close());

describe('escaping', () => {
  it('quoteIdent and quoteLiteral round-trip through DuckDB', async () => {
    for (const name of [...HOSTILE_NAMES, ...HOSTILE_VALUES]) {
      const rows = await rowsOf(db.conn, `SELECT ${quoteLiteral(name)} AS ${quoteIdent(name)}`);
      expect(rows).toEqual([{ [name]: name }]);
    }
  });

  it('refuses NUL characters instead of truncating', () => {
    expect(() => quoteIdent('a\u0000b')).toThrow();
    expect(() => quoteLiteral('a\u0000b')).toThrow();
  });

  for (const name of HOSTILE_NAMES) {
    it(`groups by and filters on column ${JSON.stringify(name)} with hostile values`, async () => {
      for (const [i, value] of HOSTILE_VALUES.entries()) {
        const compiled = compileSpec(
          normalizeSpec({
            source: 's',
            measures: [{ op: 'sum', column: 'n' }],
            dimensions: [{ column: name }],
            filters: [{ column: name, op: 'eq', values: [value] }],
          }),
          schema,
        );
        expect(compiled.ok).toBe(true);
        if (!compiled.ok) return;
        // The value travels as a parameter, never inside the SQL text.
        expect(compiled.value.params).toEqual([value]);
        const arrow = await queryToArrow(db.conn, compiled.value.sql, compiled.value.params);
        expect(readArrow(arrow.ipc).rows()).toEqual([{ d0: value, m0: i + 1 }]);
      }
    });
  }

  it('contains treats % and _ as plain characters', async () => {
    const compiled = compileSpec(
      normalizeSpec({ source: 's', measures: [{ op: 'count' }], filters: [{ column: 'select', op: 'contains', values: ['%_'] }] }),
      schema,
    );
    if (!compiled.ok) throw new Error(compiled.error.message);
    const arrow = await queryToArrow(db.conn, compiled.value.sql, compiled.value.params);
    expect(readArrow(arrow.ipc).rows()).toEqual([{ m0: 1 }]);
  });

  const quotedName = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const formulaString = (value: string) => `'${value.replaceAll("'", "''")}'`;
  const runFormula = async (formula: string) => {
    const compiled = compileSpec(normalizeSpec({ source: 's', measures: [{ id: 'f', formula }] }), schema);
    if (!compiled.ok) throw new Error(compiled.error.message);
    // Strings of a formula travel as parameters, never inside the SQL text.
    for (const value of compiled.value.params) expect(compiled.value.sql).not.toContain(quoteLiteral(String(value)));
    const arrow = await queryToArrow(db.conn, compiled.value.sql, compiled.value.params);
    return readArrow(arrow.ipc).rows();
  };

  for (const name of HOSTILE_NAMES) {
    it(`formulas name column ${JSON.stringify(name)} and compare it with hostile strings`, async () => {
      expect(await runFormula(`count_distinct(${quotedName(name)})`)).toEqual([{ f: HOSTILE_VALUES.length }]);
      if (!name.includes(']')) expect(await runFormula(`count_distinct([${name}])`)).toEqual([{ f: HOSTILE_VALUES.length }]);
      for (const [i, value] of HOSTILE_VALUES.entries()) {
        const formula = `sum_if(n, ${quotedName(name)} = ${formulaString(value)}) + count_if(${quotedName(name)} IN (${formulaString(value)}, 'zz')) * 0`;
        expect(await runFormula(formula)).toEqual([{ f: i + 1 }]);
      }
    });
  }

  const REJECTED: [string, RegExp][] = [
    ['sum(n); DROP TABLE t', /";" is not allowed/],
    ['sum(n) -- hidden', /comments are not allowed/],
    ['sum(n) /* hidden */', /comments are not allowed/],
    ['(SELECT 1)', /expected '\)'/],
    ['sum(n) UNION SELECT 1', /unexpected 'UNION'/],
    ["read_csv('/etc/passwd')", /unknown function 'read_csv'/],
    ["read_parquet('x.parquet')", /unknown function 'read_parquet'/],
    ["pragma('version')", /unknown function 'pragma'/],
    ["system('ls')", /unknown function 'system'/],
    ["getenv('HOME')", /unknown function 'getenv'/],
    ["query('SELECT 1')", /unknown function 'query'/],
    ["current_setting('threads')", /unknown function 'current_setting'/],
    ['sum(n) + $1', /unexpected character "\$"/],
    ['sum(`n`)', /unexpected character "`"/],
    ['sum(n::VARCHAR)', /unexpected character ":"/],
    ['sum(n) AS x', /unexpected 'AS'/],
    ['count(DISTINCT n)', /expected '\)'/],
    ['sum([n]]; DROP TABLE t; --])', /unknown column 'n\]; DROP TABLE t; --'/],
    ['sum("n"")); DROP TABLE t; --")', /unknown column 'n"\)\); DROP TABLE t; --'/],
    ["count_if(\"select\" = 'x') OR 1 = 1", /OR needs conditions/],
    ['sum(n)\u2028', /unexpected character/],
    ["count_if(\"select\" = 'a\u0000b')", /NUL character/],
    ['sum(' + '('.repeat(500) + 'n' + ')'.repeat(501), /nested too deeply/],
  ];
  for (const [formula, message] of REJECTED) {
    it(`refuses the formula ${JSON.stringify(formula.slice(0, 60))}`, () => {
      const compiled = compileSpec(normalizeSpec({ source: 's', measures: [{ id: 'f', formula }] }), schema);
      expect(compiled.ok).toBe(false);
      if (!compiled.ok) expect(compiled.error.message).toMatch(message);
    });
  }

  it('leaves the table intact after every hostile query', async () => {
    const rows = await rowsOf(db.conn, `SELECT count(*)::INTEGER AS n FROM ${quoteIdent(TABLE)}`);
    expect(rows).toEqual([{ n: HOSTILE_VALUES.length }]);
  });
});

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

  it('leaves the table intact after every hostile query', async () => {
    const rows = await rowsOf(db.conn, `SELECT count(*)::INTEGER AS n FROM ${quoteIdent(TABLE)}`);
    expect(rows).toEqual([{ n: HOSTILE_VALUES.length }]);
  });
});

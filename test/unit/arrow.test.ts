// queryToArrow (electron/core/query/arrow.ts) against a real in-memory DuckDB.
//
// The truth is always DuckDB's own reading of the same query through @duckdb/node-api
// (getRows, the DECIMAL → DOUBLE of DuckDB's C API, and DuckDB's CAST to VARCHAR for the types sent
// as text), compared with what apache-arrow's tableFromIPC reads back from our bytes. Temporal values are compared as the
// raw integers DuckDB stores (days, µs, ...), which the Arrow buffers must carry unchanged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';
import type {
  DuckDBConnection,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBEnumType,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBType,
  DuckDBValue,
} from '@duckdb/node-api';
import { DataType, tableFromIPC } from 'apache-arrow';
import type { Table, Vector } from 'apache-arrow';
import { DEFAULT_BATCH_ROWS, buildWrapperSql, queryToArrow, uniqueNames } from '../../electron/core/query/arrow.js';
import type { ArrowResult, ParamValue, QueryToArrowOptions } from '../../electron/core/query/arrow.js';
import { planColumn, quoteIdent } from '../../electron/core/query/arrow-types.js';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
});

afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** The value stored in the Arrow buffer for `row` (dictionary code, or bit for Bool), ignoring validity. */
function rawAt(vector: Vector, row: number): unknown {
  let r = row;
  for (const data of vector.data) {
    if (r < data.length) {
      const values = data.values as ArrayLike<number>;
      const at = data.offset + r;
      return DataType.isBool(vector.type) ? (values[at >> 3]! >> (at & 7)) & 1 : values[at];
    }
    r -= data.length;
  }
  throw new RangeError(`row ${row} out of range`);
}

/** Distance in units in the last place (for the HUGEINT → DOUBLE casts). */
function ulpDistance(a: number, b: number): number {
  if (a === b) return 0;
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Number(view.getBigInt64(0) - view.getBigInt64(8));
}

/** The types that travel as text: DuckDB's CAST(... AS VARCHAR) is the truth for them. */
const TEXT_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.TIME,
  DuckDBTypeId.TIME_NS,
  DuckDBTypeId.TIME_TZ,
  DuckDBTypeId.INTERVAL,
  DuckDBTypeId.UUID,
  DuckDBTypeId.BLOB,
  DuckDBTypeId.BIT,
  DuckDBTypeId.BIGNUM,
  DuckDBTypeId.LIST,
  DuckDBTypeId.ARRAY,
  DuckDBTypeId.STRUCT,
  DuckDBTypeId.MAP,
  DuckDBTypeId.UNION,
  DuckDBTypeId.GEOMETRY,
  DuckDBTypeId.VARIANT,
]);

/**
 * What the Arrow table holds for one cell, and what DuckDB says it should be, as two comparable
 * values (validity included). Collected per column and compared with one `toEqual` (Object.is on
 * primitives, so -0, NaN and bigint are compared exactly).
 */
function cellPair(type: DuckDBType, vector: Vector, row: number, value: DuckDBValue, text: unknown): [unknown, unknown] {
  if (value === null) return [[vector.isValid(row), vector.get(row)], [false, null]];
  const valid = vector.isValid(row);
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.VARCHAR:
      return [[valid, vector.get(row)], [true, value]];
    case DuckDBTypeId.DECIMAL:
      // node-api's JS value is duckdb_decimal_to_double, DuckDB's own DECIMAL → DOUBLE: must be identical.
      return [[valid, vector.get(row)], [true, (value as DuckDBDecimalValue).toDouble()]];
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT: {
      // node-api gives the exact bigint; DuckDB's CAST to DOUBLE must be within one ulp of it.
      const exact = Number(value as bigint);
      const actual = vector.get(row) as number;
      return [[valid, Math.abs(ulpDistance(actual, exact)) <= 1 ? exact : actual], [true, exact]];
    }
    case DuckDBTypeId.DATE:
      return [[valid, rawAt(vector, row)], [true, (value as DuckDBDateValue).days]];
    case DuckDBTypeId.TIMESTAMP:
      return [[valid, rawAt(vector, row)], [true, (value as DuckDBTimestampValue).micros]];
    case DuckDBTypeId.TIMESTAMP_TZ:
      return [[valid, rawAt(vector, row)], [true, (value as DuckDBTimestampTZValue).micros]];
    case DuckDBTypeId.TIMESTAMP_S:
      return [[valid, rawAt(vector, row)], [true, (value as DuckDBTimestampSecondsValue).seconds]];
    case DuckDBTypeId.TIMESTAMP_MS:
      return [[valid, rawAt(vector, row)], [true, (value as DuckDBTimestampMillisecondsValue).millis]];
    case DuckDBTypeId.TIMESTAMP_NS:
      return [[valid, rawAt(vector, row)], [true, (value as DuckDBTimestampNanosecondsValue).nanos]];
    case DuckDBTypeId.ENUM:
      // The string, and the code: DuckDB's code is the member's index in the enum type.
      return [
        [valid, vector.get(row), rawAt(vector, row)],
        [true, value, (type as DuckDBEnumType).indexForValue(value as string)],
      ];
    default:
      expect(TEXT_TYPES.has(type.typeId), `unexpected type ${type.toString()}`).toBe(true);
      return [[valid, vector.get(row)], [true, text]];
  }
}

/**
 * Runs `sql` through queryToArrow and through node-api, and checks every cell, the schema and the
 * column info. Returns both for further checks.
 */
async function expectMatchesDuckDB(
  sql: string,
  params: readonly ParamValue[] = [],
  options: QueryToArrowOptions = {},
): Promise<{ result: ArrowResult; table: Table; types: DuckDBType[] }> {
  const result = await queryToArrow(conn, sql, params, options);
  const table = tableFromIPC(result.ipc);
  const reader = await conn.runAndReadAll(sql, params as DuckDBValue[]);
  const types = reader.columnTypes();
  const names = reader.deduplicatedColumnNames();
  const rows = reader.getRows();
  const needsText = types.some((t) => TEXT_TYPES.has(t.typeId));
  const textRows = needsText
    ? (await conn.runAndReadAll(`SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (${sql})`, params as DuckDBValue[])).getRowsJS()
    : [];

  expect(result.rowCount).toBe(rows.length);
  expect(table.numRows).toBe(rows.length);
  expect(table.numCols).toBe(types.length);
  expect(result.columns.map((c) => c.name)).toEqual(names);
  expect(table.schema.fields.map((f) => f.name)).toEqual(names);
  types.forEach((type, c) => {
    const info = result.columns[c]!;
    expect(info.arrowType).toBe(String(table.schema.fields[c]!.type));
    expect(table.schema.fields[c]!.metadata.get('duckdb_type')).toBe(info.duckdbType);
    expect(info.arrowType).toBe(String(planColumn(names[c]!, type, c).arrowType));
    const vector = table.getChildAt(c)!;
    const actual: unknown[] = [];
    const expected: unknown[] = [];
    rows.forEach((row, r) => {
      const [a, e] = cellPair(type, vector, r, row[c]!, textRows[r]?.[c]);
      actual.push(a);
      expected.push(e);
    });
    expect(actual, `column ${names[c]} ${info.duckdbType}`).toEqual(expected);
  });
  return { result, table, types };
}

async function count(sql: string): Promise<number> {
  const reader = await conn.runAndReadAll(sql);
  return Number(reader.getRowsJS()[0]![0]);
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

describe('every DuckDB type (test_all_types: min, max, null)', () => {
  it('matches DuckDB cell by cell', async () => {
    const { result, table } = await expectMatchesDuckDB('SELECT * FROM test_all_types()');
    expect(result.rowCount).toBe(3);
    const arrowTypeOf = (name: string) => result.columns.find((c) => c.name === name)?.arrowType;
    expect(arrowTypeOf('bool')).toBe('Bool');
    expect(arrowTypeOf('tinyint')).toBe('Int8');
    expect(arrowTypeOf('smallint')).toBe('Int16');
    expect(arrowTypeOf('int')).toBe('Int32');
    expect(arrowTypeOf('bigint')).toBe('Int64');
    expect(arrowTypeOf('utinyint')).toBe('Uint8');
    expect(arrowTypeOf('usmallint')).toBe('Uint16');
    expect(arrowTypeOf('uint')).toBe('Uint32');
    expect(arrowTypeOf('ubigint')).toBe('Uint64');
    expect(arrowTypeOf('float')).toBe('Float32');
    expect(arrowTypeOf('double')).toBe('Float64');
    expect(arrowTypeOf('hugeint')).toBe('Float64');
    expect(arrowTypeOf('uhugeint')).toBe('Float64');
    expect(arrowTypeOf('dec38_10')).toBe('Float64');
    expect(arrowTypeOf('date')).toBe('Date32<DAY>');
    expect(arrowTypeOf('timestamp')).toBe('Timestamp<MICROSECOND>');
    expect(arrowTypeOf('timestamp_s')).toBe('Timestamp<SECOND>');
    expect(arrowTypeOf('timestamp_ms')).toBe('Timestamp<MILLISECOND>');
    expect(arrowTypeOf('timestamp_ns')).toBe('Timestamp<NANOSECOND>');
    expect(arrowTypeOf('timestamp_tz')).toBe('Timestamp<MICROSECOND, UTC>');
    expect(arrowTypeOf('varchar')).toBe('Utf8');
    expect(arrowTypeOf('small_enum')).toBe('Dictionary<Uint8, Utf8>');
    expect(arrowTypeOf('medium_enum')).toBe('Dictionary<Uint16, Utf8>');
    for (const text of ['time', 'interval', 'uuid', 'blob', 'bit', 'bignum', 'int_array', 'struct', 'map', 'union', 'time_tz']) {
      expect(arrowTypeOf(text), text).toBe('Utf8');
    }
    expect(result.columns.find((c) => c.name === 'dec_18_6')?.duckdbType).toBe('DECIMAL(18,6)');
    // The third row is all nulls: every column has a validity bitmap with exactly one null.
    for (const field of table.schema.fields) expect(table.getChild(field.name)!.nullCount, field.name).toBe(1);
  });
});

describe('integers and floats', () => {
  it('copies signed/unsigned integers of every width, with nulls, extremes and negatives', async () => {
    await expectMatchesDuckDB(`
      SELECT t::TINYINT AS t, s::SMALLINT AS s, i::INTEGER AS i, b::BIGINT AS b,
             ut::UTINYINT AS ut, us::USMALLINT AS us, ui::UINTEGER AS ui, ub::UBIGINT AS ub
      FROM (VALUES
        (-128, -32768, -2147483648, -9223372036854775808, 0, 0, 0, 0),
        (127, 32767, 2147483647, 9223372036854775807, 255, 65535, 4294967295, 18446744073709551615),
        (-1, -1, -1, -1, 1, 1, 1, 1),
        (0, 0, 0, 0, 0, 0, 0, 0),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (-42, 1234, -123456789, -1234567890123456789, 200, 60000, 4000000000, 18000000000000000000)
      ) v(t, s, i, b, ut, us, ui, ub)`);
  });

  it('copies FLOAT and DOUBLE bit for bit (NaN, ±inf, -0, subnormal, extremes)', async () => {
    await expectMatchesDuckDB(`
      SELECT f::FLOAT AS f, d::DOUBLE AS d FROM (VALUES
        ('1.5', '1.5'), ('-0.0', '-0.0'), ('nan', 'nan'), ('inf', 'inf'), ('-inf', '-inf'),
        ('3.4028235e38', '1.7976931348623157e308'), ('1e-45', '5e-324'), (NULL, NULL), ('-2.5', '0.1')
      ) v(f, d)`);
  });

  it('writes a Bool bitmap from DuckDB bytes, across chunk boundaries and with nulls', async () => {
    const { table } = await expectMatchesDuckDB(
      `SELECT CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 7919) % 3 = 0 END AS b FROM range(5000) t(i) WHERE i % 11 <> 3`,
    );
    expect(table.getChild('b')!.nullCount).toBe(await count('SELECT count(*) FROM range(5000) t(i) WHERE i % 11 <> 3 AND i % 5 = 0'));
  });
});

describe('HUGEINT, UHUGEINT and DECIMAL become Float64 via a CAST in DuckDB', () => {
  it('matches DuckDB\'s DECIMAL → DOUBLE exactly, for every decimal width', async () => {
    const { result } = await expectMatchesDuckDB(`
      SELECT d4::DECIMAL(4,1) AS d4, d9::DECIMAL(9,4) AS d9, d18::DECIMAL(18,2) AS d18, d38::DECIMAL(38,10) AS d38
      FROM (VALUES
        ('-0.1', '-0.0001', '12345678901234.56', '1234567890123456789012345678.0123456789'),
        ('999.9', '99999.9999', '-0.01', '-0.0000000001'),
        ('0', '0', '0', '0'),
        (NULL, NULL, NULL, NULL),
        ('-999.9', '-12345.6789', '-9999999999999999.99', '-9999999999999999999999999999.9999999999')
      ) v(d4, d9, d18, d38)`);
    expect(result.columns.map((c) => [c.duckdbType, c.arrowType])).toEqual([
      ['DECIMAL(4,1)', 'Float64'],
      ['DECIMAL(9,4)', 'Float64'],
      ['DECIMAL(18,2)', 'Float64'],
      ['DECIMAL(38,10)', 'Float64'],
    ]);
  });

  it('reads 12345678901234.56 and -0.01 as the nearest doubles', async () => {
    const { table } = await expectMatchesDuckDB(
      `SELECT 12345678901234.56::DECIMAL(18,2) AS a, -0.01::DECIMAL(18,2) AS b, sum(x)::DECIMAL(38,2) AS c FROM (VALUES (1.25), (2.5)) v(x)`,
    );
    // The nearest double to the decimal text is what JS parses from the same text.
    expect(table.getChild('a')!.get(0)).toBe(Number('12345678901234.56'));
    expect(table.getChild('b')!.get(0)).toBe(Number('-0.01'));
  });

  it('converts HUGEINT and UHUGEINT extremes to within one ulp of the exact value', async () => {
    await expectMatchesDuckDB(`
      SELECT h::HUGEINT AS h, u::UHUGEINT AS u FROM (VALUES
        ('-170141183460469231731687303715884105728', '0'),
        ('170141183460469231731687303715884105727', '340282366920938463463374607431768211455'),
        ('-1', '1'), (NULL, NULL), ('9007199254740993', '18446744073709551617')
      ) v(h, u)`);
  });
});

describe('dates and timestamps', () => {
  it('copies DATE days, including before 1970 and infinities', async () => {
    const { table } = await expectMatchesDuckDB(`
      SELECT d::DATE AS d FROM (VALUES ('1970-01-01'), ('1969-12-31'), ('1900-01-01'), ('0001-01-01'), ('2024-02-29'),
        (NULL), ('infinity'), ('-infinity'), ('9999-12-31')) v(d)`);
    // apache-arrow reads Date32<DAY> as epoch milliseconds.
    expect(table.getChild('d')!.get(1)).toBe(-86_400_000);
  });

  it('copies TIMESTAMP of every unit with sub-second parts and pre-1970 values', async () => {
    await expectMatchesDuckDB(`
      SELECT ts::TIMESTAMP AS ts, ts::TIMESTAMP_S AS ts_s, ts::TIMESTAMP_MS AS ts_ms, ts_ns::TIMESTAMP_NS AS ts_ns
      FROM (VALUES
        ('2024-02-29 12:34:56.789012', '2024-02-29 12:34:56.789012345'),
        ('1969-12-31 23:59:59.999999', '1969-12-31 23:59:59.999999999'),
        ('1900-01-01 00:00:00.000001', '1900-01-01 00:00:00.000000001'),
        (NULL, NULL),
        ('1970-01-01 00:00:00', '1970-01-01 00:00:00')
      ) v(ts, ts_ns)`);
  });

  it('copies TIMESTAMP WITH TIME ZONE as UTC microseconds whatever the session time zone', async () => {
    const other = await instance.connect();
    try {
      await other.run("SET TimeZone = 'America/New_York'");
      const sql = `SELECT t::TIMESTAMPTZ AS t FROM (VALUES ('2024-07-01 12:00:00.123456+02'), ('1965-03-01 08:30:00-05'), (NULL)) v(t)`;
      const result = await queryToArrow(other, sql);
      const vector = tableFromIPC(result.ipc).getChild('t')!;
      const truth = (await other.runAndReadAll(`SELECT epoch_us(t) FROM (${sql})`)).getRowsJS();
      expect(rawAt(vector, 0)).toBe(truth[0]![0]);
      expect(rawAt(vector, 1)).toBe(truth[1]![0]);
      expect(vector.isValid(2)).toBe(false);
      expect(String(vector.type)).toBe('Timestamp<MICROSECOND, UTC>');
      expect(result.columns[0]!.duckdbType).toBe('TIMESTAMP WITH TIME ZONE');
    } finally {
      other.closeSync();
    }
  });
});

describe('VARCHAR', () => {
  it('copies inline (≤ 12 bytes) and heap strings, unicode, emoji, NUL, empty vs null', async () => {
    const { table } = await expectMatchesDuckDB(`
      SELECT s FROM (VALUES (''), (NULL), ('a'), ('twelve bytes'), ('thirteen byte'), ('héllo wörld ✓'),
        ('🦆'), ('👩‍👩‍👧‍👦 family'), ('日本語のテキスト'), ('nul' || chr(0) || 'inside'), (repeat('long ', 1000)),
        (''), ('e' || chr(769)), (NULL), ('tab	and
newline')) v(s)`);
    const s = table.getChild('s')!;
    expect(s.get(0)).toBe('');
    expect(s.isValid(0)).toBe(true);
    expect(s.get(1)).toBeNull();
  });

  it('copies long strings interleaved with short ones and nulls over many chunks', async () => {
    await expectMatchesDuckDB(`
      SELECT i, CASE WHEN i % 13 = 0 THEN NULL
                     WHEN i % 3 = 0 THEN 'short-' || (i % 100)
                     WHEN i % 3 = 1 THEN 'a much longer string #' || i || ' ' || repeat('é', i % 40)
                     ELSE '' END AS s,
             'Account ' || (i % 20000) AS mixed
      FROM range(10000) t(i)`);
  });

  it('reads JSON (a VARCHAR alias) as Utf8 and reports its type name', async () => {
    const { result } = await expectMatchesDuckDB(`SELECT '{"a": [1, 2, "ü"]}'::JSON AS j UNION ALL SELECT NULL::JSON`);
    expect(result.columns[0]).toEqual({ name: 'j', duckdbType: 'JSON', arrowType: 'Utf8' });
  });
});

describe('ENUM', () => {
  beforeAll(async () => {
    await conn.run(`CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', '🦆 quacky', 'a rather long enum member name')`);
    await conn.run(`CREATE TYPE big_enum AS ENUM (SELECT 'member_' || i FROM range(70000) t(i))`);
    await conn.run(`CREATE TABLE moods AS SELECT i, CASE WHEN i % 6 = 5 THEN NULL ELSE (['sad', 'ok', 'happy', '🦆 quacky', 'a rather long enum member name'])[1 + (i % 6)::BIGINT] END::mood AS m FROM range(5000) t(i)`);
  });

  it('sends codes as Dictionary indices and the members as the dictionary', async () => {
    const { result, table } = await expectMatchesDuckDB('SELECT m, i FROM moods');
    expect(result.columns[0]!.arrowType).toBe('Dictionary<Uint8, Utf8>');
    const m = table.getChild('m')!;
    const enumType = (await conn.prepare('SELECT m FROM moods')).columnType(0) as DuckDBEnumType;
    expect([...m.data[0]!.dictionary!]).toEqual(enumType.values);
    // The codes are DuckDB's own (enum_code).
    const codes = (await conn.runAndReadAll('SELECT enum_code(m) FROM moods')).getRowsJS();
    codes.forEach(([code], r) => {
      if (code !== null) expect(rawAt(m, r)).toBe(code);
      else expect(rawAt(m, r)).toBe(0); // zeroed under nulls
    });
  });

  it('uses Uint16 / Uint32 indices for larger enums', async () => {
    const { result } = await expectMatchesDuckDB(
      `SELECT ('member_' || (i * 9973 % 70000))::big_enum AS e FROM range(3000) t(i) UNION ALL SELECT NULL`,
    );
    expect(result.columns[0]!.arrowType).toBe('Dictionary<Uint32, Utf8>');
    expect(result.columns[0]!.duckdbType).toBe('ENUM(70000 members)');
    const medium = await expectMatchesDuckDB(`SELECT medium_enum FROM test_all_types()`);
    expect(medium.result.columns[0]!.arrowType).toBe('Dictionary<Uint16, Utf8>');
  });

  it('writes the dictionary once for many batches', async () => {
    const { table } = await expectMatchesDuckDB('SELECT m FROM moods', [], { batchRows: 1000 });
    expect(table.batches.length).toBeGreaterThan(1);
    const dictionaries = new Set(table.getChild('m')!.data.map((d) => d.dictionary));
    expect(dictionaries.size).toBe(1);
  });
});

describe('other types travel as DuckDB\'s VARCHAR text', () => {
  it('casts TIME, INTERVAL, UUID, BLOB, LIST, STRUCT, MAP, BIT and friends', async () => {
    const { result, types } = await expectMatchesDuckDB(`
      SELECT TIME '12:34:56.789' AS t, INTERVAL 3 DAY + INTERVAL 5 MINUTE AS iv, '7d9f2c1e-1b2a-4c3d-8e4f-5a6b7c8d9e0f'::UUID AS u,
             '\\xAA\\x00ab'::BLOB AS b, [1, 2, NULL] AS l, {'a': 1, 'b': 'x'} AS st, MAP {'k': 1.5} AS mp, '10101'::BIT AS bits,
             [[1.5::DECIMAL(4,1)]] AS nested, 12345678901234567890123::BIGNUM AS bn
      UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL`);
    expect(result.columns.every((c) => c.arrowType === 'Utf8')).toBe(true);
    // The type names are DuckDB's own.
    expect(result.columns.map((c) => c.duckdbType)).toEqual(types.map((t) => t.toString()));
    expect(result.columns[0]!.duckdbType).toBe('TIME');
    expect(result.columns[8]!.duckdbType).toBe('DECIMAL(4,1)[][]');
  });
});

// ---------------------------------------------------------------------------------------------
// Chunks, batches, validity
// ---------------------------------------------------------------------------------------------

describe('chunks and batches', () => {
  const mixed = `
    SELECT i::INTEGER AS i,
           CASE WHEN i % 7 = 0 THEN NULL ELSE i * 1.5 END::DOUBLE AS d,
           CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 31)::BIGINT END AS big,
           CASE WHEN i % 3 = 0 THEN NULL ELSE 'value number ' || i END AS s,
           CASE WHEN i % 5 = 0 THEN NULL ELSE DATE '1960-01-01' + i::INTEGER END AS dt,
           (i % 2 = 0) AS even,
           CASE WHEN i % 17 = 0 THEN NULL ELSE (i / 8)::DECIMAL(18,3) END AS dec
    FROM range(10000) t(i)`;

  it('reads 10,000 rows (several DuckDB chunks) into one batch by default', async () => {
    const { table } = await expectMatchesDuckDB(mixed);
    expect(table.numRows).toBe(10000);
    expect(table.batches.length).toBe(1);
  });

  it('gives the same table for any batch size, including one batch per chunk', async () => {
    const reference = tableFromIPC((await queryToArrow(conn, mixed)).ipc);
    for (const batchRows of [1, 2048, 3000, 9999, 1_000_000]) {
      const { table } = await expectMatchesDuckDB(mixed, [], { batchRows });
      expect(table.numRows).toBe(10000);
      if (batchRows === 1) expect(table.batches.length).toBe(5); // 4 full chunks + 1 partial
      for (const field of reference.schema.fields) {
        expect(table.getChild(field.name)!.nullCount, `${field.name} @ ${batchRows}`).toBe(reference.getChild(field.name)!.nullCount);
      }
    }
  });

  it('handles partial chunks, whose validity lands at unaligned bit offsets of a batch', async () => {
    // A UNION ALL of odd-sized parts leaves partial chunks (1000, 777, ... rows) in the result.
    const parts = `(${mixed} WHERE i < 1000) UNION ALL (${mixed} WHERE i >= 1000 AND i < 1777 AND i % 10 <> 3)
                   UNION ALL (${mixed} WHERE i >= 1777)`;
    // Check the premise: the materialized result holds non-final chunks that are not a multiple of 32 rows.
    const materialized = await conn.run(parts);
    const sizes: number[] = [];
    for (let chunk = await materialized.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await materialized.fetchChunk()) {
      sizes.push(chunk.rowCount);
    }
    expect(sizes.slice(0, -1).some((n) => n % 32 !== 0)).toBe(true);
    for (const batchRows of [DEFAULT_BATCH_ROWS, 2500]) {
      const { table } = await expectMatchesDuckDB(parts, [], { batchRows });
      expect(table.getChild('s')!.nullCount).toBe(await count(`SELECT count(*) FROM (${parts}) WHERE s IS NULL`));
    }
  });

  it('receives flat vectors for constants (fetchChunk flattens CONSTANT vectors)', async () => {
    const { table } = await expectMatchesDuckDB(
      `SELECT 1 AS a, 'x' AS b, 'a constant string longer than twelve bytes' AS c, NULL::INTEGER AS d, 2.5::DECIMAL(3,1) AS e, 'ok'::mood AS m FROM range(5000)`,
    );
    expect(table.numRows).toBe(5000);
    expect(table.getChild('d')!.nullCount).toBe(5000);
  });

  it('reads compressed (dictionary / FSST / constant) columns of a checkpointed database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qd-arrow-test-'));
    const fileInstance = await DuckDBInstance.create(join(dir, 'db.duckdb'));
    const fileConn = await fileInstance.connect();
    try {
      await fileConn.run(`CREATE TABLE t AS SELECT i,
        (['North America', 'Europe, Middle East & Africa', 'APAC', 'LATAM'])[1 + (i % 4)::BIGINT] AS region,
        'constant value that is quite long' AS k,
        'id-' || (i * 7919 % 100003) || '-suffix' AS id,
        CASE WHEN i % 9 = 0 THEN NULL ELSE 'owner ' || (i % 37) END AS owner
        FROM range(70000) t(i)`);
      await fileConn.run('CHECKPOINT');
      const sql = 'SELECT * FROM t WHERE i % 3 <> 1';
      const result = await queryToArrow(fileConn, sql);
      const table = tableFromIPC(result.ipc);
      const truth = (await fileConn.runAndReadAll(sql)).getRowsJS();
      expect(table.numRows).toBe(truth.length);
      const columns = ['i', 'region', 'k', 'id', 'owner'].map((name) => table.getChild(name)!);
      truth.forEach((row, r) => row.forEach((value, c) => expect(columns[c]!.get(r)).toBe(value)));
    } finally {
      fileConn.closeSync();
      fileInstance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('zeroes what DuckDB leaves under nulls (outer joins, list_extract)', async () => {
    await conn.run(`CREATE TABLE garbage_src AS SELECT i, true AS b, 777::BIGINT AS n, 'some heap string ' || i AS s FROM range(100) t(i)`);
    const { table } = await expectMatchesDuckDB(`
      SELECT s.b, s.n, s.s, list_extract([777::BIGINT, NULL], 1 + (t.i % 4 = 0)::INT) AS listed
      FROM range(100) t(i) LEFT JOIN garbage_src s ON s.i = t.i AND t.i % 4 <> 0 ORDER BY t.i`);
    for (const name of ['b', 'n', 'listed']) {
      const vector = table.getChild(name)!;
      expect(vector.nullCount).toBe(25);
      for (let r = 0; r < 100; r += 4) expect(rawAt(vector, r), `${name}[${r}]`).toBe(name === 'b' ? 0 : 0n);
    }
  });

  it('omits the validity bitmap when a batch has no null, and zeroes the values under nulls', async () => {
    const { table } = await expectMatchesDuckDB(
      `SELECT i::INTEGER AS full, CASE WHEN i % 4 = 0 THEN NULL ELSE i END::BIGINT AS holes,
              CASE WHEN i % 4 = 0 THEN NULL ELSE 'text ' || i END AS s FROM range(3000) t(i)`,
    );
    const full = table.getChild('full')!.data[0]!;
    expect(full.nullCount).toBe(0);
    expect(full.nullBitmap?.length ?? 0).toBe(0);
    const holes = table.getChild('holes')!;
    const s = table.getChild('s')!;
    expect(holes.nullCount).toBe(750);
    for (let r = 0; r < 3000; r += 4) {
      expect(rawAt(holes, r)).toBe(0n);
      const offsets = s.data[0]!.valueOffsets;
      expect(offsets[r + 1]).toBe(offsets[r]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Queries: empty results, params, maxRows, names, SQL shapes
// ---------------------------------------------------------------------------------------------

describe('empty results', () => {
  it('still produce valid IPC with the schema and zero rows', async () => {
    const sql = `SELECT 1::INTEGER AS i, 'x' AS s, 1.5::DECIMAL(18,2) AS d, 'ok'::mood AS m, DATE '2020-01-01' AS dt,
                        TIME '10:00' AS t, true AS b WHERE false`;
    const { result, table } = await expectMatchesDuckDB(sql);
    expect(result.rowCount).toBe(0);
    expect(result.truncated).toBe(false);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => [f.name, String(f.type)])).toEqual([
      ['i', 'Int32'],
      ['s', 'Utf8'],
      ['d', 'Float64'],
      ['m', 'Dictionary<Uint8, Utf8>'],
      ['dt', 'Date32<DAY>'],
      ['t', 'Utf8'],
      ['b', 'Bool'],
    ]);
  });
});

describe('parameters', () => {
  beforeAll(async () => {
    await conn.run(`CREATE TABLE deals AS SELECT i AS id, 'owner ' || (i % 10) AS owner, (i * 10.5)::DECIMAL(18,2) AS amount,
      DATE '2024-01-01' + (i % 365)::INTEGER AS closed, i % 2 = 0 AS won FROM range(5000) t(i)`);
  });

  it('binds positional $1..$n of every JS kind', async () => {
    const { result } = await expectMatchesDuckDB(
      'SELECT * FROM deals WHERE owner = $1 AND amount > $2 AND id < $3 AND won = $4 AND ($5 IS NULL) ORDER BY id',
      ['owner 3', 100.25, 4000, true, null],
    );
    expect(result.rowCount).toBe(await count(`SELECT count(*) FROM deals WHERE owner = 'owner 3' AND amount > 100.25 AND id < 4000 AND won`));
    const withBigint = await queryToArrow(conn, 'SELECT count(*) AS n FROM deals WHERE id >= $1', [4990n]);
    expect(tableFromIPC(withBigint.ipc).getChild('n')!.get(0)).toBe(10n);
  });

  it('handles result types that depend on the parameters (SELECT $1)', async () => {
    const cases: [ParamValue, string, unknown][] = [
      [42, 'Int32', 42],
      [1.5, 'Float64', 1.5],
      [2 ** 40, 'Int64', 2n ** 40n],
      [123n, 'Int64', 123n],
      [2n ** 70n, 'Float64', 2 ** 70], // HUGEINT: DuckDB casts it once the type is known
      ['héllo 🦆', 'Utf8', 'héllo 🦆'],
      [true, 'Bool', true],
    ];
    for (const [value, arrowType, expected] of cases) {
      const result = await queryToArrow(conn, 'SELECT $1 AS x', [value]);
      expect(result.columns[0]!.arrowType, String(value)).toBe(arrowType);
      expect(tableFromIPC(result.ipc).getChild('x')!.get(0)).toBe(expected);
    }
    const nullResult = await queryToArrow(conn, 'SELECT $1 AS x', [null]);
    expect(tableFromIPC(nullResult.ipc).getChild('x')!.get(0)).toBeNull();
  });

  it('rejects a wrong number of values', async () => {
    await expect(queryToArrow(conn, 'SELECT * FROM deals WHERE id = $1', [])).rejects.toThrow(/1 parameter/);
    await expect(queryToArrow(conn, 'SELECT 1', [1])).rejects.toThrow(/0 parameter/);
  });
});

describe('maxRows', () => {
  const ordered = 'SELECT id, owner, amount FROM deals ORDER BY id DESC';

  it('truncates and says so, keeping the order', async () => {
    const result = await queryToArrow(conn, ordered, [], { maxRows: 2500 });
    expect(result.rowCount).toBe(2500);
    expect(result.truncated).toBe(true);
    const table = tableFromIPC(result.ipc);
    expect(table.numRows).toBe(2500);
    const truth = (await conn.runAndReadAll(`${ordered} LIMIT 2500`)).getRowsJS();
    truth.forEach(([id], r) => expect(table.getChild('id')!.get(r)).toBe(id));
  });

  it('is not truncated when the result fits exactly or is smaller', async () => {
    for (const maxRows of [5000, 5001, 1_000_000]) {
      const result = await queryToArrow(conn, ordered, [], { maxRows });
      expect(result.rowCount).toBe(5000);
      expect(result.truncated).toBe(false);
    }
  });

  it('stops at a chunk boundary (4096 = 2 × 2048) and at 0', async () => {
    const atBoundary = await queryToArrow(conn, ordered, [], { maxRows: 4096 });
    expect([atBoundary.rowCount, atBoundary.truncated]).toEqual([4096, true]);
    const none = await queryToArrow(conn, ordered, [], { maxRows: 0 });
    expect([none.rowCount, none.truncated]).toEqual([0, true]);
    expect(tableFromIPC(none.ipc).schema.fields.map((f) => f.name)).toEqual(['id', 'owner', 'amount']);
  });

  it('works with parameters and with statements that cannot be wrapped in a subquery', async () => {
    const withParams = await queryToArrow(conn, 'SELECT * FROM deals WHERE owner = $1 ORDER BY id', ['owner 1'], { maxRows: 10 });
    expect([withParams.rowCount, withParams.truncated]).toEqual([10, true]);
    const pragma = await queryToArrow(conn, "PRAGMA table_info('deals')", [], { maxRows: 2 });
    expect([pragma.rowCount, pragma.truncated]).toEqual([2, true]);
    // The connection is still usable after abandoning a streaming result.
    expect((await queryToArrow(conn, 'SELECT 42 AS x')).rowCount).toBe(1);
  });

  it('rejects invalid values', async () => {
    await expect(queryToArrow(conn, 'SELECT 1', [], { maxRows: -1 })).rejects.toThrow(RangeError);
    await expect(queryToArrow(conn, 'SELECT 1', [], { maxRows: 1.5 })).rejects.toThrow(RangeError);
  });
});

describe('concurrency', () => {
  it('runs several queries at once on one connection without losing rows', async () => {
    const sqls = [0, 1, 2, 3].map((k) => `SELECT i, 'row ' || i || ' of query ${k}' AS s FROM range(${20_000 + k}) t(i)`);
    const results = await Promise.all(sqls.map((sql) => queryToArrow(conn, sql)));
    expect(results.map((r) => r.rowCount)).toEqual([20_000, 20_001, 20_002, 20_003]);
    results.forEach((r, k) => expect(tableFromIPC(r.ipc).getChild('s')!.get(20_000 + k - 1)).toBe(`row ${20_000 + k - 1} of query ${k}`));
  });
});

describe('column names and SQL shapes', () => {
  it('keeps unicode, duplicated and quote-bearing names through the CAST wrapper', async () => {
    const { result } = await expectMatchesDuckDB(
      `SELECT 1.5::DECIMAL(4,1) AS "a""b", 2 AS "a""b", 'x' AS "ünï 🦆", TIME '01:02:03' AS "x"")--", 3 AS "SELECT"`,
    );
    expect(result.columns.map((c) => c.name)).toEqual(['a"b', 'a"b:1', 'ünï 🦆', 'x")--', 'SELECT']);
    const table = tableFromIPC(result.ipc);
    expect(table.schema.fields[1]!.metadata.get('duckdb_name')).toBe('a"b');
    expect(table.getChildAt(0)!.get(0)).toBe(1.5);
    expect(table.getChildAt(1)!.get(0)).toBe(2);
  });

  it('makes repeated names unique without taking an existing name', () => {
    expect(uniqueNames(['a', 'a', 'a:1', 'b', 'a'])).toEqual(['a', 'a:2', 'a:1', 'b', 'a:3']);
  });

  it('accepts a trailing semicolon or line comment when it has to wrap the query', async () => {
    for (const sql of ['SELECT 1.5::DECIMAL(4,1) AS d;  ', 'SELECT 1.5::DECIMAL(4,1) AS d -- trailing comment', 'SELECT 1.5::DECIMAL(4,1) AS d;\n']) {
      const result = await queryToArrow(conn, sql);
      expect(tableFromIPC(result.ipc).getChild('d')!.get(0)).toBe(1.5);
    }
  });

  it('runs statements other than SELECT that return rows (SUMMARIZE has a DECIMAL column)', async () => {
    await expectMatchesDuckDB('SUMMARIZE deals');
    await expectMatchesDuckDB("PRAGMA table_info('deals')");
  });

  it('reports SQL errors and refuses several statements', async () => {
    await expect(queryToArrow(conn, 'SELEC 1')).rejects.toThrow(/syntax error/i);
    await expect(queryToArrow(conn, 'SELECT 1; SELECT 2')).rejects.toThrow(/multiple statements/i);
    await expect(queryToArrow(conn, 'SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
  });

  it('quotes identifiers and builds the wrapper by position', async () => {
    expect(quoteIdent('plain')).toBe('"plain"');
    expect(quoteIdent('a"b""c')).toBe('"a""b""""c"');
    expect(quoteIdent('ünï 🦆')).toBe('"ünï 🦆"');
    const sql = 'SELECT 1.5::DECIMAL(4,1) AS "x""y", 2 AS "x""y";';
    const prepared = await conn.prepare(sql);
    const plans = [0, 1].map((i) => planColumn(prepared.columnName(i), prepared.columnType(i), i));
    prepared.destroySync();
    expect(buildWrapperSql(sql, plans, 10)).toBe(
      'SELECT CAST("__quarterdeck_q"."c0" AS DOUBLE) AS "x""y", "__quarterdeck_q"."c1" AS "x""y" FROM (\n' +
        'SELECT 1.5::DECIMAL(4,1) AS "x""y", 2 AS "x""y"\n) AS "__quarterdeck_q"("c0", "c1") LIMIT 11',
    );
  });
});

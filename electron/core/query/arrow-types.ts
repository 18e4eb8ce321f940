/**
 * THE ONE PLACE where DuckDB result types are mapped to Arrow types.
 *
 * Every result column gets a {@link ColumnPlan} from {@link planColumn}: either DuckDB's raw
 * vector bytes are copied straight into an Arrow buffer (the layouts match), or the column is first
 * CAST in SQL by DuckDB (see `buildWrapperSql` in arrow.ts) into a type that can be copied.
 *
 * | DuckDB type                                  | SQL cast  | Arrow type                         | how the bytes get there                       |
 * |----------------------------------------------|-----------|------------------------------------|-----------------------------------------------|
 * | BOOLEAN                                      | –         | Bool                               | DuckDB's 1-byte bools bit-packed              |
 * | TINYINT / SMALLINT / INTEGER / BIGINT        | –         | Int8 / Int16 / Int32 / Int64       | raw copy                                      |
 * | UTINYINT / USMALLINT / UINTEGER / UBIGINT    | –         | Uint8 / Uint16 / Uint32 / Uint64   | raw copy                                      |
 * | FLOAT / DOUBLE                               | –         | Float32 / Float64                  | raw copy                                      |
 * | HUGEINT / UHUGEINT / DECIMAL(any width)      | DOUBLE    | Float64                            | DuckDB casts, then raw copy                   |
 * | DATE                                         | –         | Date32<DAY> (int32 days)           | raw copy                                      |
 * | TIMESTAMP (µs)                               | –         | Timestamp<MICROSECOND>             | raw copy                                      |
 * | TIMESTAMP_S / TIMESTAMP_MS / TIMESTAMP_NS    | –         | Timestamp<SECOND / MILLISECOND / NANOSECOND> | raw copy                            |
 * | TIMESTAMP WITH TIME ZONE                     | –         | Timestamp<MICROSECOND, UTC>        | raw copy (DuckDB stores UTC µs)               |
 * | VARCHAR (incl. JSON, which is an alias)      | –         | Utf8                               | string_t → offsets + UTF-8 bytes (no decode)  |
 * | ENUM (uint8 / uint16 / uint32 codes)         | –         | Dictionary<Uint8/16/32, Utf8>      | raw copy of codes; dictionary = enum members  |
 * | anything else: TIME, TIME_NS, TIMETZ, INTERVAL, UUID, BLOB, BIT, BIGNUM, LIST, ARRAY, STRUCT, MAP, UNION, GEOMETRY, VARIANT, ... | VARCHAR | Utf8 | DuckDB casts, then as VARCHAR |
 *
 * Notes
 * - Null slots: the Arrow validity bitmap is DuckDB's validity mask (same LSB-first bit order), and
 *   it is omitted when a batch has no nulls. The value under a null is always zeroed (0, false, '',
 *   dictionary code 0) so consumers that read the typed arrays directly never see garbage.
 * - Int64 / Uint64 / Timestamp arrive as BigInt64Array / BigUint64Array in the renderer; converting
 *   to `number` is the renderer's job, done in one place (see README.md).
 * - DATE / TIMESTAMP 'infinity' and '-infinity' are copied as DuckDB stores them (int32 / int64 max and
 *   min + 1).
 * - Column types are learned by preparing the statement (no execution), see arrow.ts.
 */
import {
  Bool,
  DateDay,
  Dictionary,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  TimeUnit,
  Timestamp,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Utf8,
} from 'apache-arrow';
import type { DataType } from 'apache-arrow';
import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBEnumType, DuckDBType } from '@duckdb/node-api';

/** How the bytes of a (possibly SQL-cast) column are read from a DuckDB vector. */
export type ReadKind =
  /** fixed-width little-endian values, copied as they are */
  | 'fixed'
  /** DuckDB 1-byte bool → Arrow bit-packed bool */
  | 'bool'
  /** DuckDB string_t (16 bytes: length + inline bytes or pointer) → Arrow offsets + UTF-8 data */
  | 'varchar'
  /** DuckDB enum codes (uint8/16/32), copied as Arrow dictionary indices */
  | 'enum';

/** What `planColumn` decides for one result column. */
export interface ColumnPlan {
  /** Column name exactly as DuckDB reports it (may be any unicode, duplicated, quoted...). */
  readonly name: string;
  /** The DuckDB type of the user's query column, as text, e.g. 'DECIMAL(18,2)', 'JSON'. */
  readonly duckdbType: string;
  /** DuckDB type id of the user's query column (before any cast). */
  readonly duckdbTypeId: DuckDBTypeId;
  /** SQL type the column is CAST to by the wrapper query, or null when the raw bytes are copied. */
  readonly sqlCast: 'DOUBLE' | 'VARCHAR' | null;
  /** DuckDB type id the executed query must produce for this column (after the cast). */
  readonly physicalTypeId: DuckDBTypeId;
  /** How the executed column's vector bytes are read. */
  readonly read: ReadKind;
  /** Bytes per value for 'fixed' and 'enum' (index width); 1 for 'bool'; 16 (string_t) for 'varchar'. */
  readonly byteWidth: number;
  /** The Arrow type of the column in the IPC stream. */
  readonly arrowType: DataType;
  /** Enum members in code order (the Arrow dictionary), only for 'enum'. */
  readonly enumValues?: readonly string[];
}

interface Rule {
  readonly read: ReadKind;
  readonly byteWidth: number;
  readonly arrow: () => DataType;
  readonly sqlCast?: 'DOUBLE' | 'VARCHAR';
}

const fixed = (byteWidth: number, arrow: () => DataType): Rule => ({ read: 'fixed', byteWidth, arrow });
const castToDouble: Rule = { read: 'fixed', byteWidth: 8, arrow: () => new Float64(), sqlCast: 'DOUBLE' };
const castToVarchar: Rule = { read: 'varchar', byteWidth: 16, arrow: () => new Utf8(), sqlCast: 'VARCHAR' };

/** The mapping table. Type ids not listed here are CAST to VARCHAR (see {@link castToVarchar}). */
const RULES: Partial<Record<DuckDBTypeId, Rule>> = {
  [DuckDBTypeId.BOOLEAN]: { read: 'bool', byteWidth: 1, arrow: () => new Bool() },
  [DuckDBTypeId.TINYINT]: fixed(1, () => new Int8()),
  [DuckDBTypeId.SMALLINT]: fixed(2, () => new Int16()),
  [DuckDBTypeId.INTEGER]: fixed(4, () => new Int32()),
  [DuckDBTypeId.BIGINT]: fixed(8, () => new Int64()),
  [DuckDBTypeId.UTINYINT]: fixed(1, () => new Uint8()),
  [DuckDBTypeId.USMALLINT]: fixed(2, () => new Uint16()),
  [DuckDBTypeId.UINTEGER]: fixed(4, () => new Uint32()),
  [DuckDBTypeId.UBIGINT]: fixed(8, () => new Uint64()),
  [DuckDBTypeId.FLOAT]: fixed(4, () => new Float32()),
  [DuckDBTypeId.DOUBLE]: fixed(8, () => new Float64()),
  [DuckDBTypeId.HUGEINT]: castToDouble,
  [DuckDBTypeId.UHUGEINT]: castToDouble,
  [DuckDBTypeId.DECIMAL]: castToDouble,
  [DuckDBTypeId.DATE]: fixed(4, () => new DateDay()),
  [DuckDBTypeId.TIMESTAMP]: fixed(8, () => new Timestamp(TimeUnit.MICROSECOND)),
  [DuckDBTypeId.TIMESTAMP_S]: fixed(8, () => new Timestamp(TimeUnit.SECOND)),
  [DuckDBTypeId.TIMESTAMP_MS]: fixed(8, () => new Timestamp(TimeUnit.MILLISECOND)),
  [DuckDBTypeId.TIMESTAMP_NS]: fixed(8, () => new Timestamp(TimeUnit.NANOSECOND)),
  [DuckDBTypeId.TIMESTAMP_TZ]: fixed(8, () => new Timestamp(TimeUnit.MICROSECOND, 'UTC')),
  [DuckDBTypeId.VARCHAR]: { read: 'varchar', byteWidth: 16, arrow: () => new Utf8() },
  // ENUM is handled in planColumn: its index width and dictionary come from the logical type.
};

const ENUM_INDEX: Partial<Record<DuckDBTypeId, { byteWidth: number; arrow: () => Uint8 | Uint16 | Uint32 }>> = {
  [DuckDBTypeId.UTINYINT]: { byteWidth: 1, arrow: () => new Uint8() },
  [DuckDBTypeId.USMALLINT]: { byteWidth: 2, arrow: () => new Uint16() },
  [DuckDBTypeId.UINTEGER]: { byteWidth: 4, arrow: () => new Uint32() },
};

/** Enum types can have millions of members: describe them briefly. */
const MAX_ENUM_MEMBERS_IN_NAME = 16;

/** Text of a DuckDB type for {@link ColumnPlan.duckdbType}: the alias (e.g. JSON) when there is one. */
export function describeDuckDBType(type: DuckDBType): string {
  if (type.alias) return type.alias;
  if (type.typeId === DuckDBTypeId.ENUM) {
    const values = (type as DuckDBEnumType).values;
    if (values.length > MAX_ENUM_MEMBERS_IN_NAME) return `ENUM(${values.length} members)`;
  }
  return type.toString();
}

/**
 * Decides how one result column becomes Arrow. `dictionaryId` is the Arrow dictionary id to use if
 * the column is an ENUM (the column index keeps ids unique and the output deterministic).
 */
export function planColumn(name: string, type: DuckDBType, dictionaryId: number): ColumnPlan {
  const duckdbType = describeDuckDBType(type);
  const duckdbTypeId = type.typeId;
  if (duckdbTypeId === DuckDBTypeId.ENUM) {
    const enumType = type as DuckDBEnumType;
    const index = ENUM_INDEX[enumType.internalTypeId];
    if (!index) throw new Error(`ENUM column ${JSON.stringify(name)} has an unexpected code type ${enumType.internalTypeId}`);
    return {
      name,
      duckdbType,
      duckdbTypeId,
      sqlCast: null,
      physicalTypeId: DuckDBTypeId.ENUM,
      read: 'enum',
      byteWidth: index.byteWidth,
      arrowType: new Dictionary(new Utf8(), index.arrow(), dictionaryId, false),
      enumValues: enumType.values,
    };
  }
  const rule = RULES[duckdbTypeId] ?? castToVarchar;
  const physicalTypeId =
    rule.sqlCast === 'DOUBLE' ? DuckDBTypeId.DOUBLE : rule.sqlCast === 'VARCHAR' ? DuckDBTypeId.VARCHAR : duckdbTypeId;
  return {
    name,
    duckdbType,
    duckdbTypeId,
    sqlCast: rule.sqlCast ?? null,
    physicalTypeId,
    read: rule.read,
    byteWidth: rule.byteWidth,
    arrowType: rule.arrow(),
  };
}

/**
 * Quotes an SQL identifier for DuckDB: wraps it in double quotes and doubles any double quote inside.
 * (To be replaced by the shared one in shared/spec/quote.ts.)
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

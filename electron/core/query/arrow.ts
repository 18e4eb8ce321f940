/**
 * Query result → Apache Arrow IPC stream bytes, built by copying DuckDB's raw vectors.
 *
 * Why: turning result cells into JS values costs about 1 µs per string cell (see
 * shared/design/PERFORMANCE.md). Here no cell ever becomes a JS value: fixed-width columns and
 * validity masks are copied byte for byte (DuckDB's and Arrow's layouts match), strings are copied
 * as UTF-8 bytes (never decoded), enums become Arrow dictionaries (codes copied), and the few types
 * whose layout differs are CAST by DuckDB in SQL first. The type mapping lives in arrow-types.ts.
 *
 * Steps:
 * 1. `prepare(sql)`: DuckDB binds and plans the statement and reports the result column names and
 *    types without running it. This is the cheapest way to learn them (`DESCRIBE <sql>` prepares the
 *    statement too, then runs a query), and the prepared statement is executed as it is when no
 *    rewrite is needed. When a type depends on a parameter (`SELECT $1`), DuckDB only knows it once
 *    the values are bound: the statement is executed and planned from its result instead.
 * 2. If a column needs a cast (DECIMAL, HUGEINT, TIME, LIST, ...) or `maxRows` is set, prepare a
 *    wrapper `SELECT CAST(q."c0" AS DOUBLE) AS "amount", q."c1" AS "owner", ... FROM (<sql>) AS q("c0", "c1", ...)
 *    [LIMIT maxRows + 1]`: columns are referenced by position, so any names (duplicated, quotes,
 *    unicode) are safe, and the LIMIT lets DuckDB turn an ORDER BY into a top-N.
 * 3. Execute (to a materialized result, see `execute`), fetch chunk by chunk, and copy each vector
 *    into the current batch's column buffers; every `batchRows` rows (chunks are ≤ 2048 rows and may
 *    be partial) the buffers become one Arrow RecordBatch.
 * 4. Write the batches with apache-arrow's RecordBatchStreamWriter (it only adds flatbuffer headers
 *    and padding around our buffers, then concatenates everything once).
 */
import duckdb from '@duckdb/node-bindings';
import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBDataChunk, DuckDBPreparedStatement, DuckDBResult } from '@duckdb/node-api';
import { Field, RecordBatch, RecordBatchStreamWriter, Schema, Struct, Utf8, makeData, vectorFromArray } from 'apache-arrow';
import type { Data, DataType, Dictionary, Vector } from 'apache-arrow';
import { planColumn, quoteIdent } from './arrow-types.js';
import type { ColumnPlan } from './arrow-types.js';

/** A positional parameter value ($1..$n). */
export type ParamValue = string | number | boolean | null | bigint;

export interface ArrowColumnInfo {
  /**
   * The Arrow field name: DuckDB's column name, except that a repeated name gets ":1", ":2"...
   * (apache-arrow needs unique names; the original is then in the field's metadata as duckdb_name).
   */
  name: string;
  /** DuckDB type of the query's column, e.g. 'DECIMAL(18,2)', 'JSON', 'ENUM('a', 'b')'. */
  duckdbType: string;
  /** Arrow type in the IPC stream, as apache-arrow prints it, e.g. 'Float64', 'Dictionary<Uint8, Utf8>'. */
  arrowType: string;
}

export interface ArrowResult {
  /** Arrow IPC *stream* format bytes (schema, dictionaries, record batches, end-of-stream marker). */
  ipc: Uint8Array;
  rowCount: number;
  columns: ArrowColumnInfo[];
  /** True when `maxRows` cut the result short (the query had more rows). */
  truncated: boolean;
}

export interface QueryToArrowOptions {
  /** Return at most this many rows (a non-negative integer); `truncated` tells whether there were more. */
  maxRows?: number;
  /** Rows per Arrow RecordBatch (DuckDB chunks are coalesced up to this). Default {@link DEFAULT_BATCH_ROWS}. */
  batchRows?: number;
  /**
   * The SQL already ends with LIMIT maxRows + 1 (the spec compiler's queries): no wrapper is
   * prepared for the limit, which saves a second planning of the statement.
   */
  sqlLimited?: boolean;
}

/** Default rows per RecordBatch: large enough that per-batch overhead vanishes, small enough to stream. */
export const DEFAULT_BATCH_ROWS = 65_536;

/** A batch is also cut when its string bytes reach this (Arrow Utf8 offsets are int32). */
const MAX_BATCH_STRING_BYTES = 256 * 1024 * 1024;

/** At most this many bytes are read from DuckDB's string heap in one native call. */
const MAX_STRING_RUN_BYTES = 16 * 1024 * 1024;

/**
 * Runs `sql` with positional params ($1..$n; values are JS string | number | boolean | null | bigint)
 * on the connection, streams the result chunk by chunk and returns Arrow IPC stream bytes.
 */
export async function queryToArrow(
  connection: DuckDBConnection,
  sql: string,
  params: readonly ParamValue[] = [],
  options: QueryToArrowOptions = {},
): Promise<ArrowResult> {
  const { maxRows, batchRows = DEFAULT_BATCH_ROWS } = options;
  if (maxRows !== undefined && !(Number.isSafeInteger(maxRows) && maxRows >= 0)) {
    throw new RangeError(`maxRows must be a non-negative integer, got ${maxRows}`);
  }
  if (!(Number.isSafeInteger(batchRows) && batchRows > 0)) {
    throw new RangeError(`batchRows must be a positive integer, got ${batchRows}`);
  }

  const statements: DuckDBPreparedStatement[] = [];
  try {
    const wrapLimit = options.sqlLimited ? undefined : maxRows;
    const { plans, result } = await executePlanned(connection, sql, params, wrapLimit, statements);
    const names = uniqueNames(plans.map((p) => p.name));
    const schema = new Schema(
      plans.map((p, i) => {
        const name = names[i]!;
        const metadata = new Map([['duckdb_type', p.duckdbType]]);
        if (name !== p.name) metadata.set('duckdb_name', p.name);
        return new Field(name, p.arrowType, true, metadata);
      }),
    );
    const writer = new RecordBatchStreamWriter();
    writer.reset(undefined, schema);
    const batch = new BatchBuilder(schema, plans);

    let rowCount = 0;
    let truncated = false;
    for (;;) {
      if (maxRows !== undefined && rowCount === maxRows) {
        // Exactly maxRows so far: one more fetch tells whether there was more (the wrapper's LIMIT
        // is maxRows + 1, so this is cheap).
        const extra = await result.fetchChunk();
        truncated = extra !== null && extra.rowCount > 0;
        break;
      }
      const chunk = await result.fetchChunk();
      if (chunk === null) break;
      let n = chunk.rowCount;
      if (n === 0) break;
      if (maxRows !== undefined && rowCount + n > maxRows) {
        n = maxRows - rowCount;
        truncated = true;
      }
      batch.append(chunk, n);
      rowCount += n;
      if (batch.rowCount >= batchRows || batch.stringBytes >= MAX_BATCH_STRING_BYTES) writer.write(batch.flush());
      if (truncated) break;
    }
    if (batch.rowCount > 0) writer.write(batch.flush());
    writer.finish();
    const ipc = writer.toUint8Array(true);
    return {
      ipc,
      rowCount,
      truncated,
      columns: plans.map((p, i) => ({ name: names[i]!, duckdbType: p.duckdbType, arrowType: String(p.arrowType) })),
    };
  } finally {
    for (const statement of statements) statement.destroySync();
  }
}

// ---------------------------------------------------------------------------------------------
// Planning: learn the column types without running the query, rewrite it if some need a cast.
// ---------------------------------------------------------------------------------------------

async function executePlanned(
  connection: DuckDBConnection,
  sql: string,
  params: readonly ParamValue[],
  maxRows: number | undefined,
  statements: DuckDBPreparedStatement[],
): Promise<{ plans: ColumnPlan[]; result: DuckDBResult }> {
  const base = await connection.prepare(sql);
  statements.push(base);
  if (base.parameterCount !== params.length) {
    throw new Error(`The query has ${base.parameterCount} parameter(s) but ${params.length} value(s) were given`);
  }
  const isSelect = base.statementType === STATEMENT_TYPE_SELECT;

  const columnCount = base.columnCount;
  const names: string[] = [];
  let typesKnown = true;
  for (let i = 0; i < columnCount; i++) {
    names.push(base.columnName(i));
    // INVALID: the type depends on a parameter's type (e.g. `SELECT $1`), known only once bound.
    if (base.columnTypeId(i) === DuckDBTypeId.INVALID) typesKnown = false;
  }

  if (typesKnown) {
    const plans = names.map((name, i) => planColumn(name, base.columnType(i), i));
    const needsCast = plans.some((p) => p.sqlCast !== null);
    const wantsLimit = maxRows !== undefined && isSelect;
    if (needsCast || wantsLimit) {
      const wrapperSql = buildWrapperSql(sql, plans, maxRows);
      let wrapper: DuckDBPreparedStatement | undefined;
      try {
        wrapper = await connection.prepare(wrapperSql);
      } catch (error) {
        if (needsCast) {
          const columns = plans.filter((p) => p.sqlCast !== null).map((p) => `${p.name} ${p.duckdbType}`);
          throw new Error(
            `Cannot convert ${columns.join(', ')} to Arrow: the statement cannot be used as a subquery ` +
              `(${errorMessage(error)}). Cast those columns to DOUBLE or VARCHAR in the query.`,
          );
        }
        // The LIMIT was only an optimisation: run the statement as it is and stop fetching at maxRows.
      }
      if (wrapper) {
        statements.push(wrapper);
        return { plans, result: await execute(wrapper, params, plans) };
      }
    }
    return { plans, result: await execute(base, params, plans) };
  }

  // Parameter-dependent types: DuckDB only knows them once the values are bound (until then it
  // reports a single INVALID column named "unknown"). Run the statement as it is and plan from its result.
  bindParams(base, params);
  const result = await base.run();
  const plans = Array.from({ length: result.columnCount }, (_, i) =>
    planColumn(result.columnName(i), result.columnType(i), i),
  );
  if (!plans.some((p) => p.sqlCast !== null)) return { plans, result };
  if (!isSelect) {
    throw new Error('Cannot convert the result to Arrow: its column types depend on the parameters and need a cast');
  }
  const wrapper = await connection.prepare(buildWrapperSql(sql, plans, undefined));
  statements.push(wrapper);
  return { plans, result: await execute(wrapper, params, plans) };
}

/**
 * Arrow field names must be unique for apache-arrow (RecordBatch merges fields by name), while SQL
 * results may repeat a name (`SELECT 1 AS a, 2 AS a`). Repeats get ":1", ":2"... as in node-api's
 * `deduplicatedColumnNames()`, skipping names already taken.
 */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let n = 1;
    while (taken.has(`${name}:${n}`)) n++;
    const unique = `${name}:${n}`;
    taken.add(unique);
    seen.add(unique);
    return unique;
  });
}

/** duckdb_statement_type DUCKDB_STATEMENT_TYPE_SELECT. */
const STATEMENT_TYPE_SELECT = 1;

/**
 * Executes to a materialized result, not a streaming one: a DuckDB connection has at most one live
 * streaming result, and starting another query on the connection (e.g. two panels refreshing at once)
 * silently ends the first stream as if it had no more rows. A materialized result is independent of
 * the connection once returned. Its cost is the same order (DuckDB materializes in parallel) and the
 * `LIMIT maxRows + 1` of the wrapper bounds it when maxRows is set.
 */
async function execute(
  statement: DuckDBPreparedStatement,
  params: readonly ParamValue[],
  plans: readonly ColumnPlan[],
): Promise<DuckDBResult> {
  bindParams(statement, params);
  const result = await statement.run();
  if (result.columnCount !== plans.length) {
    throw new Error(`Expected ${plans.length} result columns, DuckDB returned ${result.columnCount}`);
  }
  plans.forEach((plan, i) => {
    const typeId = result.columnTypeId(i);
    if (typeId !== plan.physicalTypeId) {
      throw new Error(
        `Column ${JSON.stringify(plan.name)} was prepared as ${plan.duckdbType} but executed as type id ${typeId}`,
      );
    }
  });
  return result;
}

/**
 * `SELECT CAST(q."c0" AS DOUBLE) AS "amount", q."c1" AS "owner", ... FROM (\n<sql>\n) AS q("c0", "c1", ...) [LIMIT n]`.
 * The newlines keep a trailing `-- comment` in the user's SQL from swallowing the closing parenthesis.
 */
export function buildWrapperSql(sql: string, plans: readonly ColumnPlan[], maxRows: number | undefined): string {
  const inner = sql.replace(/[\s;]+$/u, '');
  const alias = '"__quarterdeck_q"';
  const projections = plans.map((p, i) => {
    const ref = `${alias}."c${i}"`;
    const expr = p.sqlCast ? `CAST(${ref} AS ${p.sqlCast})` : ref;
    return `${expr} AS ${quoteIdent(p.name)}`;
  });
  const columnAliases = plans.map((_, i) => `"c${i}"`).join(', ');
  const limit = maxRows === undefined ? '' : ` LIMIT ${maxRows + 1}`;
  return `SELECT ${projections.join(', ')} FROM (\n${inner}\n) AS ${alias}(${columnAliases})${limit}`;
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

function bindParams(statement: DuckDBPreparedStatement, params: readonly ParamValue[]): void {
  statement.clearBindings();
  for (let i = 0; i < params.length; i++) {
    const index = i + 1;
    const value = params[i];
    if (value === null) {
      statement.bindNull(index);
      continue;
    }
    switch (typeof value) {
      case 'string':
        statement.bindVarchar(index, value);
        break;
      case 'boolean':
        statement.bindBoolean(index, value);
        break;
      case 'number':
        if (Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) statement.bindInteger(index, value);
        else if (Number.isSafeInteger(value)) statement.bindBigInt(index, BigInt(value));
        else statement.bindDouble(index, value);
        break;
      case 'bigint':
        if (value >= INT64_MIN && value <= INT64_MAX) statement.bindBigInt(index, value);
        else if (value > 0n && value <= UINT64_MAX) statement.bindUBigInt(index, value);
        else statement.bindHugeInt(index, value);
        break;
      default:
        throw new TypeError(`Parameter $${index} has unsupported type ${typeof value}`);
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Copying vectors: one builder per column. Each DuckDB chunk is appended (fixed-width columns keep
// the chunk's copy as a piece, VARCHAR writes into the batch's buffers); a flush makes Arrow Data.
// ---------------------------------------------------------------------------------------------

/** A chunk's validity: null words = all rows valid. Words are LSB-first, bits past the row count zeroed. */
interface Validity {
  readonly words: Uint32Array | null;
  readonly nullCount: number;
}

const ALL_VALID: Validity = { words: null, nullCount: 0 };

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** DuckDB's validity mask is uint64 words, bit i = row i valid: Arrow's bit order. Null when no mask. */
function readValidity(vector: duckdb.Vector, n: number): Validity {
  const bytes = duckdb.vector_get_validity(vector, ((n + 63) >>> 6) * 8);
  if (!bytes) return ALL_VALID;
  const wordCount = (n + 31) >>> 5;
  const words =
    bytes.byteOffset % 4 === 0
      ? new Uint32Array(bytes.buffer, bytes.byteOffset, wordCount)
      : new Uint32Array(bytes.slice(0, wordCount * 4).buffer);
  const tail = n & 31;
  if (tail !== 0) words[wordCount - 1]! &= (1 << tail) - 1;
  let valid = 0;
  for (let w = 0; w < wordCount; w++) valid += popcount32(words[w]!);
  return valid === n ? ALL_VALID : { words, nullCount: n - valid };
}

function isValid(words: Uint32Array, i: number): boolean {
  return ((words[i >>> 5]! >>> (i & 31)) & 1) === 1;
}

/** Sets bits [offset, offset + count) of an LSB-first bitmap. */
function setBits(dst: Uint32Array, offset: number, count: number): void {
  let bit = offset;
  const end = offset + count;
  while (bit < end && (bit & 31) !== 0) {
    dst[bit >>> 5]! |= 1 << (bit & 31);
    bit++;
  }
  while (bit + 32 <= end) {
    dst[bit >>> 5] = 0xffffffff;
    bit += 32;
  }
  while (bit < end) {
    dst[bit >>> 5]! |= 1 << (bit & 31);
    bit++;
  }
}

/** ORs `count` bits of `src` (bits past count are zero) into `dst` starting at bit `offset`. */
function orBits(dst: Uint32Array, offset: number, src: Uint32Array, count: number): void {
  const wordCount = (count + 31) >>> 5;
  const shift = offset & 31;
  const base = offset >>> 5;
  if (shift === 0) {
    for (let w = 0; w < wordCount; w++) dst[base + w]! |= src[w]!;
    return;
  }
  for (let w = 0; w < wordCount; w++) {
    const v = src[w]!;
    dst[base + w]! |= v << shift;
    dst[base + w + 1]! |= v >>> (32 - shift);
  }
}

/** Arrow validity bitmap (padded to 8 bytes) for a batch made of pieces; null when there is no null. */
function buildValidity(pieces: readonly { n: number; validity: Validity }[], total: number): { bitmap: Uint8Array | null; nullCount: number } {
  let nullCount = 0;
  for (const piece of pieces) nullCount += piece.validity.nullCount;
  if (nullCount === 0) return { bitmap: null, nullCount };
  const byteLength = ((total + 63) >>> 6) * 8;
  const words = new Uint32Array(byteLength / 4 + 1); // +1: shifted ORs may touch one word past the end
  let offset = 0;
  for (const { n, validity } of pieces) {
    if (validity.words === null) setBits(words, offset, n);
    else orBits(words, offset, validity.words, n);
    offset += n;
  }
  return { bitmap: new Uint8Array(words.buffer, 0, byteLength), nullCount };
}

/** Zeroes the `width`-byte slots of the null rows, so no garbage sits under a null. */
function zeroNullSlots(bytes: Uint8Array, width: number, words: Uint32Array, n: number): void {
  const wordCount = (n + 31) >>> 5;
  // Aligned views write a slot in one or two stores (bytes is a fresh copy, normally at offset 0).
  const aligned = bytes.byteOffset % 4 === 0 && width >= 4;
  const units = aligned ? new Uint32Array(bytes.buffer, bytes.byteOffset, (n * width) >>> 2) : null;
  const perRow = width >>> 2;
  for (let w = 0; w < wordCount; w++) {
    const limit = w === wordCount - 1 && (n & 31) !== 0 ? (1 << (n & 31)) - 1 : 0xffffffff;
    let nulls = ~words[w]! & limit;
    while (nulls !== 0) {
      const low = nulls & -nulls;
      const row = (w << 5) + (31 - Math.clz32(low));
      if (units) {
        units[row * perRow] = 0;
        if (perRow === 2) units[row * 2 + 1] = 0;
      } else {
        bytes.fill(0, row * width, row * width + width);
      }
      nulls ^= low;
    }
  }
}

function concatBytes(parts: readonly Uint8Array[], total: number): Uint8Array {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only && only.byteLength === total && only.byteOffset % 8 === 0) return only;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

interface ColumnBuilder {
  append(vector: duckdb.Vector, n: number): void;
  /** Bytes of string data held (to cut batches before Utf8's int32 offsets overflow). */
  readonly stringBytes: number;
  flush(length: number): Data;
}

type TypedArrayConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView;

/** Numbers, DATE, TIMESTAMP*, and ENUM codes: the bytes are copied as they are. */
class FixedBuilder implements ColumnBuilder {
  private pieces: { n: number; validity: Validity; bytes: Uint8Array }[] = [];
  private byteCount = 0;
  readonly stringBytes = 0;
  private dictionary: Vector | undefined;

  constructor(private readonly plan: ColumnPlan) {}

  append(vector: duckdb.Vector, n: number): void {
    const width = this.plan.byteWidth;
    const bytes = duckdb.vector_get_data(vector, n * width);
    const validity = readValidity(vector, n);
    if (validity.words !== null) zeroNullSlots(bytes, width, validity.words, n);
    this.pieces.push({ n, validity, bytes });
    this.byteCount += n * width;
  }

  flush(length: number): Data {
    const { bitmap, nullCount } = buildValidity(this.pieces, length);
    const bytes = concatBytes(
      this.pieces.map((p) => p.bytes),
      this.byteCount,
    );
    this.pieces = [];
    this.byteCount = 0;
    const type = this.plan.arrowType;
    if (this.plan.read === 'enum') {
      const dictionaryType = type as Dictionary;
      const ArrayType = dictionaryType.indices.ArrayType as unknown as TypedArrayConstructor;
      this.dictionary ??= vectorFromArray(this.plan.enumValues ?? [], new Utf8());
      return makeData({
        type: dictionaryType,
        length,
        nullCount,
        nullBitmap: bitmap,
        data: new ArrayType(bytes.buffer, bytes.byteOffset, length) as Dictionary['TArray'],
        dictionary: this.dictionary,
      });
    }
    const ArrayType = (type as DataType).ArrayType as unknown as TypedArrayConstructor;
    return makeData({
      type: type as never,
      length,
      nullCount,
      nullBitmap: bitmap,
      data: new ArrayType(bytes.buffer, bytes.byteOffset, length) as never,
    }) as Data;
  }
}

/** BOOLEAN: DuckDB stores one byte per row, Arrow one bit. */
class BoolBuilder implements ColumnBuilder {
  private pieces: { n: number; validity: Validity; bytes: Uint8Array }[] = [];
  readonly stringBytes = 0;

  constructor(private readonly plan: ColumnPlan) {}

  append(vector: duckdb.Vector, n: number): void {
    this.pieces.push({ n, validity: readValidity(vector, n), bytes: duckdb.vector_get_data(vector, n) });
  }

  flush(length: number): Data {
    const { bitmap, nullCount } = buildValidity(this.pieces, length);
    const packed = new Uint8Array(((length + 63) >>> 6) * 8);
    let row = 0;
    for (const { n, bytes } of this.pieces) {
      for (let i = 0; i < n; i++, row++) {
        if (bytes[i] !== 0) packed[row >>> 3]! |= 1 << (row & 7);
      }
    }
    if (bitmap) for (let i = 0; i < packed.length; i++) packed[i]! &= bitmap[i]!;
    this.pieces = [];
    return makeData({ type: this.plan.arrowType as never, length, nullCount, nullBitmap: bitmap, data: packed }) as Data;
  }
}

/**
 * VARCHAR: DuckDB's string_t is 16 bytes: uint32 length, then either the bytes inline (length ≤ 12)
 * or a 4-byte prefix and a pointer into DuckDB's string heap. Inline strings are copied from the
 * vector's data; heap strings are read with `get_data_from_pointer`, which costs ~0.7 µs per call
 * whatever the size. Strings of a chunk are nearly always laid out back to back in the heap, so each
 * run of adjacent strings is read with ONE call (a few calls per chunk instead of one per row).
 * Bytes are never decoded: DuckDB's VARCHAR is valid UTF-8, as Arrow's Utf8 must be.
 *
 * Offsets and bytes are written straight into the batch's buffers (grown by doubling), in row order,
 * which lets an inline string be copied as three 4-byte words: the few bytes written past its end
 * are overwritten by the next string, or fall in the {@link INLINE_SLACK} kept at the end.
 */
const INLINE_SLACK = 12;
const EMPTY_OFFSETS = new Int32Array(1);
const EMPTY_BYTES = new Uint8Array(0);

class VarcharBuilder implements ColumnBuilder {
  private validities: { n: number; validity: Validity }[] = [];
  private rows = 0;
  /** Batch offsets: offsets[0] = 0, offsets[rows] = stringBytes. */
  private offsets: Int32Array;
  private bytes: Uint8Array;
  private view: DataView;
  stringBytes = 0;
  // Per-chunk scratch for the heap runs.
  private runFirst = new Int32Array(0);
  private runLast = new Int32Array(0);
  private runs: Uint8Array[] = [];

  private rowsHint = 2048 + 1;
  private bytesHint = 16 * 1024;

  constructor(private readonly plan: ColumnPlan) {
    this.offsets = EMPTY_OFFSETS;
    this.bytes = EMPTY_BYTES;
    this.view = new DataView(EMPTY_BYTES.buffer);
  }

  private reserve(rows: number, bytes: number): void {
    if (rows + 1 > this.offsets.length) {
      const grown = new Int32Array(Math.max(rows + 1, this.offsets.length * 2, this.rowsHint));
      grown.set(this.offsets.subarray(0, this.rows + 1));
      this.offsets = grown;
    }
    if (bytes + INLINE_SLACK > this.bytes.length) {
      const grown = new Uint8Array(Math.max(bytes + INLINE_SLACK, this.bytes.length * 2, this.bytesHint));
      grown.set(this.bytes.subarray(0, this.stringBytes));
      this.bytes = grown;
      this.view = new DataView(grown.buffer);
    }
  }

  append(vector: duckdb.Vector, n: number): void {
    const validity = readValidity(vector, n);
    const words = validity.words;
    this.validities.push({ n, validity });
    const raw = duckdb.vector_get_data(vector, n * 16);
    const buffer = raw.buffer as ArrayBuffer;
    const base = raw.byteOffset;
    const header =
      base % 4 === 0 ? new Uint32Array(buffer, base, n * 4) : new Uint32Array(raw.slice().buffer, 0, n * 4);

    // Pass 1: offsets (a null is an empty string in the data).
    this.reserve(this.rows + n, 0);
    const offsets = this.offsets;
    const first = this.rows;
    let total = this.stringBytes;
    if (words === null) {
      for (let i = 0; i < n; i++) offsets[first + i + 1] = total += header[i << 2]!;
    } else {
      for (let i = 0; i < n; i++) {
        if (isValid(words, i)) total += header[i << 2]!;
        offsets[first + i + 1] = total;
      }
    }
    if (total > 0x7fffffff) throw new Error(`Column ${JSON.stringify(this.plan.name)} holds over 2 GiB of text in one batch`);
    this.reserve(this.rows + n, total);

    // Pass 2: find the runs of heap strings that are adjacent in memory, read each with one call.
    if (this.runFirst.length < n) {
      this.runFirst = new Int32Array(n);
      this.runLast = new Int32Array(n);
    }
    const runFirst = this.runFirst;
    const runLast = this.runLast;
    const runs = this.runs;
    runs.length = 0;
    let runCount = 0;
    let runAddress = 0;
    let runLength = 0;
    for (let i = 0; i < n; i++) {
      const length = header[i << 2]!;
      if (length <= 12 || (words !== null && !isValid(words, i))) continue;
      const address = header[(i << 2) + 2]! + header[(i << 2) + 3]! * 4294967296;
      if (runCount > 0 && address === runAddress + runLength && runLength + length <= MAX_STRING_RUN_BYTES) {
        runLast[runCount - 1] = i;
        runLength += length;
        continue;
      }
      if (runCount > 0) runs.push(duckdb.get_data_from_pointer(buffer, base + runFirst[runCount - 1]! * 16 + 8, runLength));
      runFirst[runCount] = i;
      runLast[runCount] = i;
      runCount++;
      runAddress = address;
      runLength = length;
    }
    if (runCount > 0) runs.push(duckdb.get_data_from_pointer(buffer, base + runFirst[runCount - 1]! * 16 + 8, runLength));

    // Pass 3: copy, in row order.
    const bytes = this.bytes;
    const view = this.view;
    let run = 0;
    let runBytes: Uint8Array | undefined;
    let runView: DataView | undefined;
    let from = 0;
    for (let i = 0; i < n; i++) {
      const h = i << 2;
      const length = header[h]!;
      if (length === 0 || (words !== null && !isValid(words, i))) continue;
      const dst = offsets[first + i]!;
      if (length <= 12) {
        view.setUint32(dst, header[h + 1]!, true);
        view.setUint32(dst + 4, header[h + 2]!, true);
        view.setUint32(dst + 8, header[h + 3]!, true);
        continue;
      }
      if (i === runFirst[run]) {
        runBytes = runs[run]!;
        const last = runLast[run]!;
        run++;
        if (offsets[first + last + 1]! - dst === runBytes.length) {
          // Nothing inline in between: the whole run lands in one piece.
          bytes.set(runBytes, dst);
          i = last;
          continue;
        }
        from = 0;
        runView = new DataView(runBytes.buffer, runBytes.byteOffset, runBytes.byteLength);
      }
      const src = runBytes!;
      if (length > 64) {
        bytes.set(src.subarray(from, from + length), dst);
      } else {
        // Short heap strings between inline ones: 4 bytes at a time (may write ≤ 3 bytes past the end, see above).
        const srcView = runView!;
        let k = 0;
        if (from + length + 3 <= src.length) {
          for (; k < length; k += 4) view.setUint32(dst + k, srcView.getUint32(from + k, true), true);
        } else {
          for (; k + 4 <= length; k += 4) view.setUint32(dst + k, srcView.getUint32(from + k, true), true);
          for (; k < length; k++) bytes[dst + k] = src[from + k]!;
        }
      }
      from += length;
    }
    this.rows += n;
    this.stringBytes = total;
  }

  flush(length: number): Data {
    const { bitmap, nullCount } = buildValidity(this.validities, length);
    const data = makeData({
      type: this.plan.arrowType as Utf8,
      length,
      nullCount,
      nullBitmap: bitmap,
      valueOffsets: this.offsets.subarray(0, length + 1),
      data: this.bytes.subarray(0, this.stringBytes),
    });
    // These buffers now belong to the Arrow data; the next batch allocates its own, sized like these.
    this.rowsHint = this.offsets.length;
    this.bytesHint = this.bytes.length;
    this.offsets = EMPTY_OFFSETS;
    this.bytes = EMPTY_BYTES;
    this.view = new DataView(EMPTY_BYTES.buffer);
    this.validities = [];
    this.rows = 0;
    this.stringBytes = 0;
    return data;
  }
}

class BatchBuilder {
  private readonly builders: ColumnBuilder[];
  rowCount = 0;

  constructor(
    private readonly schema: Schema,
    plans: readonly ColumnPlan[],
  ) {
    this.builders = plans.map((plan) => {
      switch (plan.read) {
        case 'fixed':
        case 'enum':
          return new FixedBuilder(plan);
        case 'bool':
          return new BoolBuilder(plan);
        case 'varchar':
          return new VarcharBuilder(plan);
      }
    });
  }

  get stringBytes(): number {
    let total = 0;
    for (const builder of this.builders) total += builder.stringBytes;
    return total;
  }

  /** Copies the first `n` rows of the chunk. */
  append(chunk: DuckDBDataChunk, n: number): void {
    const handle = chunk.chunk;
    this.builders.forEach((builder, c) => builder.append(duckdb.data_chunk_get_vector(handle, c), n));
    this.rowCount += n;
  }

  flush(): RecordBatch {
    const length = this.rowCount;
    const children = this.builders.map((builder) => builder.flush(length));
    this.rowCount = 0;
    const data = makeData({ type: new Struct(this.schema.fields), length, nullCount: 0, children });
    return new RecordBatch(this.schema, data);
  }
}

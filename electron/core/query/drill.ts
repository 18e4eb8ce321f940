// Drill-through: the raw rows behind one cell of a result. The rows are those of the spec's source
// and snapshot that pass every filter of the spec AND have each given dimension's value (a time
// bucket as its half-open range, a bin as its lower bound, null as IS NULL), served as paged Arrow
// windows sortable by any column. The conditions come from the spec compiler itself, so a drill
// selects exactly the rows its aggregate counted.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CellSelector, DrillWindow, Result } from '../../../shared/api';
import { compileDimensionValueFilter, compileSpecFilters } from '../../../shared/spec/compile';
import { quoteIdent } from '../../../shared/spec/quote';
import { dayOfValue, formatDay, nextBucketStart, parseDay, resolvePeriod } from '../../../shared/spec/dates';
import {
  RESERVED_ID_PREFIX,
  type FilterValue,
  type NormalizedDimension,
  type NormalizedFilter,
  type NormalizedFilterTree,
  type NormalizedSpec,
  type SourceSchema,
} from '../../../shared/spec/types';
import { queryToArrow } from './arrow';

/** A spec resolved against its source: what drill and explain work from. */
export interface ResolvedSpec {
  spec: NormalizedSpec;
  schema: SourceSchema;
  /** True when schema.table is a base table (rowid gives the stored order); false for views. */
  isTable: boolean;
}

/** The rows behind a cell: `SELECT * FROM <table> [WHERE ...]` with its parameters and the conditions in words. */
export interface DrillQuery {
  sql: string;
  from: string;
  where: string | null;
  params: FilterValue[];
  filters: string[];
}

function invalid<T>(message: string, field: string): Result<T> {
  return { ok: false, error: { code: 'INVALID_ARGUMENT', message, location: { field } } };
}

export function drillQuery(resolved: ResolvedSpec, cell: CellSelector = {}): Result<DrillQuery> {
  const { spec, schema } = resolved;
  const base = compileSpecFilters(spec, schema);
  if (!base.ok) return base;
  const conditions = base.value.where !== null ? [`(${base.value.where})`] : [];
  const params = [...base.value.params];
  const filters = describeSpecFilters(spec, schema);
  const options = { weekStart: spec.weekStart, fiscalYearStartMonth: spec.fiscalYearStartMonth, today: spec.today, timeZone: spec.timeZone };
  for (const [id, value] of Object.entries(cell)) {
    // The totals marker of a result row is not a dimension: a total row simply leaves its rolled-up dimensions out.
    if (id.startsWith(RESERVED_ID_PREFIX)) continue;
    const dimension = spec.dimensions.find((d) => d.id === id);
    if (!dimension) {
      const ids = spec.dimensions.map((d) => d.id).join(', ');
      return invalid(`"${id}" is not a dimension of the spec (its dimensions: ${ids || 'none'})`, `cell.${id}`);
    }
    const condition = compileDimensionValueFilter(dimension, value, schema, params.length + 1, options);
    if (!condition.ok) {
      return { ok: false, error: { ...condition.error, location: { field: `cell.${id}` } } };
    }
    conditions.push(condition.value.where);
    params.push(...condition.value.params);
    filters.push(describeCell(dimension, value, schema));
  }
  const from = quoteIdent(schema.table);
  const where = conditions.length > 0 ? conditions.join('\n  AND ') : null;
  const sql = `SELECT *\nFROM ${from}${where !== null ? `\nWHERE ${where}` : ''}`;
  return { ok: true, value: { sql, from, where, params, filters } };
}

export interface DrillWindowRequest {
  cell: CellSelector;
  offset: number;
  limit: number;
  sort?: { column: string; direction: 'asc' | 'desc' } | undefined;
}

/** One window of the rows behind a cell, with their total count. */
export async function drillWindow(
  conn: DuckDBConnection,
  resolved: ResolvedSpec,
  request: DrillWindowRequest,
): Promise<Result<DrillWindow>> {
  const offset = request.offset;
  const limit = request.limit;
  if (!Number.isSafeInteger(offset) || offset < 0) return invalid('offset must be a whole number ≥ 0', 'offset');
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) return invalid('limit must be between 1 and 10000', 'limit');
  const query = drillQuery(resolved, request.cell);
  if (!query.ok) return query;
  const { schema } = resolved;
  const order: string[] = [];
  if (request.sort) {
    const column = schema.columns.find((c) => c.name === request.sort!.column);
    if (!column) return invalid(`"${schema.table}" has no column "${request.sort.column}"`, 'sort.column');
    order.push(`${quoteIdent(column.name)} ${request.sort.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`);
  }
  // Ties (and the unsorted case) keep a stable order, so that pages neither overlap nor skip rows.
  if (resolved.isTable) order.push('rowid');
  else order.push(...schema.columns.map((c) => quoteIdent(c.name)));
  const sql = `${query.value.sql}\nORDER BY ${order.join(', ')}\nLIMIT ${limit} OFFSET ${offset}`;
  const total = await drillCount(conn, query.value);
  const arrow = await queryToArrow(conn, sql, query.value.params);
  return {
    ok: true,
    value: {
      ipc: arrow.ipc,
      offset,
      rowCount: arrow.rowCount,
      totalRows: total,
      sql,
      params: query.value.params,
      filters: query.value.filters,
    },
  };
}

/** How many rows a drill query selects. */
export async function drillCount(conn: DuckDBConnection, query: DrillQuery): Promise<number> {
  const sql = `SELECT count(*) AS n FROM ${query.from}${query.where !== null ? ` WHERE ${query.where}` : ''}`;
  return Number((await conn.runAndReadAll(sql, query.params)).getRowObjectsJS()[0]?.n ?? 0);
}

// ---- The conditions in words, as "explain" and the drill panel show them. ----

function columnWords(ref: { column: string | null; role: string | null }, schema: SourceSchema): string {
  if (ref.column !== null) return ref.column;
  const column = ref.role !== null ? schema.roles?.[ref.role] : undefined;
  return column !== undefined ? `${column} (${ref.role})` : `role ${ref.role}`;
}

function valueWords(value: FilterValue): string {
  if (value === null) return 'empty';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

const OP_WORDS: Record<string, string> = { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };

function leafWords(f: NormalizedFilter, spec: NormalizedSpec, schema: SourceSchema): string {
  const col = columnWords(f, schema);
  const vals = f.values.map(valueWords);
  switch (f.op) {
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${col} ${OP_WORDS[f.op]} ${vals[0] ?? 'empty'}`;
    case 'in':
      return `${col} is one of ${vals.join(', ')}`;
    case 'not_in':
      return `${col} is none of ${vals.join(', ')}`;
    case 'between':
      return `${col} between ${vals[0]} and ${vals[1]} (inclusive)`;
    case 'contains':
      return `${col} contains ${vals[0]}`;
    case 'is_null':
      return `${col} is empty`;
    case 'not_null':
      return `${col} is not empty`;
    case 'before':
      return `${col} before ${String(f.values[0])}`;
    case 'after':
      return `${col} after ${String(f.values[0])}`;
    case 'in_period': {
      const period = f.period;
      if (period === null) return `${col} in a period`;
      if (typeof period !== 'string') return `${col} from ${period.from} to before ${period.to}`;
      const today = parseDay(spec.today ?? schema.today ?? '');
      if (!today) return `${col} in ${period.replaceAll('_', ' ')}`;
      const range = resolvePeriod(period, today, { weekStart: spec.weekStart, fiscalYearStartMonth: spec.fiscalYearStartMonth });
      return `${col} in ${period.replaceAll('_', ' ')} (from ${range.from} to before ${range.to})`;
    }
  }
  return `${col} ${String(f.op)} ${vals.join(', ')}`;
}

function treeWords(node: NormalizedFilterTree, spec: NormalizedSpec, schema: SourceSchema, nested: boolean): string {
  if ('and' in node || 'or' in node) {
    const parts = 'and' in node ? node.and : node.or;
    const text = parts.map((p) => treeWords(p, spec, schema, true)).join('and' in node ? ' and ' : ' or ');
    return nested && parts.length > 1 ? `(${text})` : text;
  }
  if ('not' in node) return `not ${treeWords(node.not, spec, schema, true)}`;
  return leafWords(node, spec, schema);
}

/** Each filter of a spec in words: its flat filters, then its tree (a top-level "and" split into lines). */
export function describeSpecFilters(spec: NormalizedSpec, schema: SourceSchema): string[] {
  const out = spec.filters.map((f) => leafWords(f, spec, schema));
  if (spec.filter !== null) {
    const top = spec.filter;
    if ('and' in top) out.push(...top.and.map((n) => treeWords(n, spec, schema, false)));
    else out.push(treeWords(top, spec, schema, false));
  }
  return out;
}

/** A cell's constraint on one dimension, in words. */
export function describeCell(dimension: NormalizedDimension, value: FilterValue, schema: SourceSchema): string {
  const col = columnWords(dimension, schema);
  if (value === null) return `${col} is empty`;
  if (dimension.grain !== null && typeof value !== 'boolean') {
    const start = dayOfValue(value);
    if (start) {
      const end = nextBucketStart(start, dimension.grain);
      return `${col} in the ${dimension.grain} from ${formatDay(start)} to before ${formatDay(end)}`;
    }
  }
  if (dimension.bin !== null) {
    return 'width' in dimension.bin
      ? `${col} from ${valueWords(value)} to below ${Number(value) + dimension.bin.width}`
      : `${col} in the bin starting at ${valueWords(value)}`;
  }
  return `${col} = ${valueWords(value)}`;
}

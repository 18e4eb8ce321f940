// The pure compiler: NormalizedSpec + the source's schema -> {sql, params, columns}.
// Every identifier goes through quoteIdent, every user value is a bound parameter ($1, $2 ...),
// every measure is cast explicitly so numbers reach the renderer with a known type.
import type { Result } from '../result';
import { columnKind, type ColumnKind } from './column-kind';
import { quoteIdent } from './quote';
import type {
  CompiledColumn,
  CompiledQuery,
  FilterValue,
  NormalizedDimension,
  NormalizedFilter,
  NormalizedMeasure,
  NormalizedSpec,
  SourceSchema,
} from './types';

class SpecError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

interface Ctx {
  kinds: Map<string, ColumnKind>;
  params: FilterValue[];
}

function kindOf(ctx: Ctx, column: string, field: string): ColumnKind {
  const kind = ctx.kinds.get(column);
  if (kind === undefined) throw new SpecError(`unknown column "${column}"`, field);
  return kind;
}

function bind(ctx: Ctx, value: FilterValue, kind: ColumnKind): string {
  ctx.params.push(value);
  const p = `$${ctx.params.length}`;
  // Typed casts let a date typed as text in a filter compare as a date, not as a string.
  if (kind === 'date') return `CAST(${p} AS DATE)`;
  if (kind === 'timestamp') return `CAST(${p} AS TIMESTAMP)`;
  if (kind === 'number') return `CAST(${p} AS DOUBLE)`;
  return p;
}

function measureSql(ctx: Ctx, m: NormalizedMeasure, index: number): string {
  const field = `measures.${index}.column`;
  if (m.column === null) {
    if (m.op !== 'count') throw new SpecError(`${m.op} needs a column`, field);
    return 'CAST(count(*) AS DOUBLE)';
  }
  const kind = kindOf(ctx, m.column, field);
  const col = quoteIdent(m.column);
  switch (m.op) {
    case 'count':
      return `CAST(count(${col}) AS DOUBLE)`;
    case 'count_distinct':
      return `CAST(count(DISTINCT ${col}) AS DOUBLE)`;
    case 'sum':
    case 'avg':
    case 'median':
      if (kind !== 'number') {
        throw new SpecError(`${m.op} needs a numeric column; "${m.column}" is ${kind}`, field);
      }
      return `CAST(${m.op}(${col}) AS DOUBLE)`;
    case 'min':
    case 'max':
      if (kind === 'number') return `CAST(${m.op}(${col}) AS DOUBLE)`;
      if (kind === 'other') throw new SpecError(`${m.op} cannot order "${m.column}"`, field);
      return `${m.op}(${col})`;
  }
}

function dimensionSql(ctx: Ctx, d: NormalizedDimension, index: number, weekStart: string): string {
  const kind = kindOf(ctx, d.column, `dimensions.${index}.column`);
  const col = quoteIdent(d.column);
  if (d.grain === null) return col;
  if (kind !== 'date' && kind !== 'timestamp') {
    throw new SpecError(
      `a ${d.grain} grain needs a date column; "${d.column}" is ${kind}`,
      `dimensions.${index}.grain`,
    );
  }
  if (d.grain === 'day') return `CAST(${col} AS DATE)`;
  if (d.grain === 'week' && weekStart === 'sunday') {
    // date_trunc('week') starts weeks on Monday (ISO); shift by a day for Sunday-start weeks.
    return `CAST(date_trunc('week', CAST(${col} AS DATE) + 1) AS DATE) - 1`;
  }
  return `CAST(date_trunc('${d.grain}', ${col}) AS DATE)`;
}

function filterSql(ctx: Ctx, f: NormalizedFilter, index: number): string {
  const field = `filters.${index}`;
  const kind = kindOf(ctx, f.column, `${field}.column`);
  const col = quoteIdent(f.column);
  const need = (n: number) => {
    if (f.values.length < n) {
      throw new SpecError(`${f.op} needs ${n} value${n > 1 ? 's' : ''}`, `${field}.values`);
    }
  };
  switch (f.op) {
    case 'is_null':
      return `${col} IS NULL`;
    case 'not_null':
      return `${col} IS NOT NULL`;
    case 'eq':
      need(1);
      return f.values[0] === null ? `${col} IS NULL` : `${col} = ${bind(ctx, f.values[0]!, kind)}`;
    case 'neq':
      need(1);
      return `${col} IS DISTINCT FROM ${bind(ctx, f.values[0]!, kind)}`;
    case 'in':
    case 'not_in': {
      need(1);
      const nonNull = f.values.filter((v) => v !== null);
      const hasNull = nonNull.length < f.values.length;
      const list = nonNull.map((v) => bind(ctx, v, kind)).join(', ');
      if (f.op === 'in') {
        const parts = [list ? `${col} IN (${list})` : null, hasNull ? `${col} IS NULL` : null];
        return `(${parts.filter(Boolean).join(' OR ')})`;
      }
      const parts = [list ? `${col} NOT IN (${list})` : null, hasNull ? `${col} IS NOT NULL` : null];
      const clause = parts.filter(Boolean).join(' AND ');
      // "not in" keeps empty cells unless empty is one of the excluded values.
      return hasNull ? `(${clause})` : `(${clause} OR ${col} IS NULL)`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      need(1);
      const sym = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[f.op];
      return `${col} ${sym} ${bind(ctx, f.values[0]!, kind)}`;
    }
    case 'between':
      // Half-open [from, to): consecutive ranges never count a row twice.
      need(2);
      return `(${col} >= ${bind(ctx, f.values[0]!, kind)} AND ${col} < ${bind(ctx, f.values[1]!, kind)})`;
    case 'contains':
      need(1);
      ctx.params.push(String(f.values[0]));
      return `contains(lower(CAST(${col} AS VARCHAR)), lower($${ctx.params.length}))`;
  }
}

/** Compiles a normalized spec against the schema of its source. */
export function compileSpec(spec: NormalizedSpec, schema: SourceSchema): Result<CompiledQuery> {
  const ctx: Ctx = {
    kinds: new Map(schema.columns.map((c) => [c.name, columnKind(c.type)])),
    params: [],
  };
  try {
    const ids = new Set<string>();
    const columns: CompiledColumn[] = [];
    const select: string[] = [];
    spec.dimensions.forEach((d, i) => {
      if (ids.has(d.id)) throw new SpecError(`duplicate id "${d.id}"`, `dimensions.${i}.id`);
      ids.add(d.id);
      select.push(`${dimensionSql(ctx, d, i, spec.weekStart)} AS ${quoteIdent(d.id)}`);
      columns.push({ id: d.id, label: d.label, role: 'dimension' });
    });
    spec.measures.forEach((m, i) => {
      if (ids.has(m.id)) throw new SpecError(`duplicate id "${m.id}"`, `measures.${i}.id`);
      ids.add(m.id);
      select.push(`${measureSql(ctx, m, i)} AS ${quoteIdent(m.id)}`);
      columns.push({ id: m.id, label: m.label, role: 'measure' });
    });
    const where = spec.filters.map((f, i) => filterSql(ctx, f, i));
    const order = spec.sort.map((s, i) => {
      const position = columns.findIndex((c) => c.id === s.by);
      if (position < 0) throw new SpecError(`sort refers to unknown id "${s.by}"`, `sort.${i}.by`);
      return `${position + 1} ${s.direction.toUpperCase()} NULLS LAST`;
    });
    const lines = [`SELECT ${select.join(',\n       ')}`, `FROM ${quoteIdent(schema.table)}`];
    if (where.length > 0) lines.push(`WHERE ${where.join('\n  AND ')}`);
    if (spec.dimensions.length > 0) {
      lines.push(`GROUP BY ${spec.dimensions.map((_, i) => i + 1).join(', ')}`);
    }
    if (order.length > 0) lines.push(`ORDER BY ${order.join(', ')}`);
    lines.push(`LIMIT ${spec.limit}`);
    return { ok: true, value: { sql: lines.join('\n'), params: ctx.params, columns } };
  } catch (e) {
    if (e instanceof SpecError) {
      return {
        ok: false,
        error: { code: 'SPEC_INVALID', message: e.message, location: { field: e.field } },
      };
    }
    throw e;
  }
}

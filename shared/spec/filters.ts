// Filters -> a WHERE condition. A flat list is an AND; a tree nests and/or/not. Every value is a
// bound parameter; dates compare on half-open ranges [from, to).
import { SpecError, type Ctx } from './context';
import { addDays, formatDay, parseDay, resolvePeriod, shiftDay } from './dates';
import { quoteIdent } from './quote';
import type { FilterValue, NormalizedFilter, NormalizedFilterTree } from './types';

/** Whether the filters on `column` are being shifted (the compared period of a comparison). */
function shifting(ctx: Ctx, column: string): boolean {
  return ctx.shift !== null && ctx.shift.column === column;
}

/** A YYYY-MM-DD day, shifted back by the comparison offset when the column is being shifted. */
function shiftedDay(ctx: Ctx, column: string, text: string): string {
  const day = parseDay(text)!;
  return shifting(ctx, column) ? formatDay(shiftDay(day, { unit: ctx.shift!.unit, n: -ctx.shift!.n })) : text;
}

function dayParam(ctx: Ctx, text: unknown, field: string, column: string): string {
  if (typeof text !== 'string' || !parseDay(text)) {
    throw new SpecError(`expected a date as YYYY-MM-DD, got ${JSON.stringify(text)}`, { field });
  }
  return ctx.param(shiftedDay(ctx, column, text));
}

function rangeSql(ctx: Ctx, column: string, from: string, to: string, field: string): string {
  const col = ctx.calendarSql(column, ctx.kindOf(column, field));
  const cast = (p: string) => `CAST(${p} AS DATE)`;
  return `(${col} >= ${cast(dayParam(ctx, from, field, column))} AND ${col} < ${cast(dayParam(ctx, to, field, column))})`;
}

export function filterLeafSql(ctx: Ctx, f: NormalizedFilter, field: string): string {
  const column = ctx.resolve(f, `${field}.${f.role !== null ? 'role' : 'column'}`);
  const kind = ctx.kindOf(column, `${field}.${f.role !== null ? 'role' : 'column'}`);
  const col = quoteIdent(column);
  // A comparison reads the compared period through the same filters, their dates shifted back:
  // only plain YYYY-MM-DD days can be shifted.
  const bind = (value: FilterValue, at: string): string => {
    if (!shifting(ctx, column) || value === null) return ctx.bind(value, kind);
    if (typeof value !== 'string' || !parseDay(value)) {
      throw new SpecError(`a comparison shifts the filters on "${column}": give days as YYYY-MM-DD, got ${JSON.stringify(value)}`, {
        field: at,
      });
    }
    return ctx.bind(shiftedDay(ctx, column, value), kind);
  };
  const need = (n: number) => {
    if (f.values.length < n) {
      throw new SpecError(`${f.op} needs ${n} value${n > 1 ? 's' : ''}`, { field: `${field}.values` });
    }
  };
  const needDate = () => {
    if (kind !== 'date' && kind !== 'timestamp') {
      throw new SpecError(`${f.op} needs a date column; "${column}" is ${kind}`, { field: `${field}.op` });
    }
  };
  switch (f.op) {
    case 'is_null':
      return `${col} IS NULL`;
    case 'not_null':
      return `${col} IS NOT NULL`;
    case 'eq':
      need(1);
      return f.values[0] === null ? `${col} IS NULL` : `${col} = ${bind(f.values[0]!, `${field}.values.0`)}`;
    case 'neq':
      need(1);
      return `${col} IS DISTINCT FROM ${bind(f.values[0]!, `${field}.values.0`)}`;
    case 'in':
    case 'not_in': {
      need(1);
      const hasNull = f.values.includes(null);
      const list = f.values
        .map((v, i) => (v === null ? null : bind(v, `${field}.values.${i}`)))
        .filter((v) => v !== null)
        .join(', ');
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
      return `${col} ${sym} ${bind(f.values[0]!, `${field}.values.0`)}`;
    }
    case 'between':
      // Half-open [from, to): consecutive ranges never count a row twice.
      need(2);
      return `(${col} >= ${bind(f.values[0]!, `${field}.values.0`)} AND ${col} < ${bind(f.values[1]!, `${field}.values.1`)})`;
    case 'contains':
      need(1);
      if (shifting(ctx, column)) {
        throw new SpecError(`a comparison cannot shift a "contains" filter on "${column}"`, { field: `${field}.op` });
      }
      return `contains(lower(CAST(${col} AS VARCHAR)), lower(${ctx.param(String(f.values[0]))}))`;
    case 'before':
      needDate();
      need(1);
      return `${ctx.calendarSql(column, kind)} < CAST(${dayParam(ctx, f.values[0], `${field}.values.0`, column)} AS DATE)`;
    case 'after': {
      needDate();
      need(1);
      // Strictly after the day: from the next midnight on, so a timestamp on that day is excluded.
      const value = f.values[0];
      const day = typeof value === 'string' ? parseDay(value) : null;
      if (!day) throw new SpecError(`expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`, { field: `${field}.values.0` });
      return `${ctx.calendarSql(column, kind)} >= CAST(${ctx.param(shiftedDay(ctx, column, formatDay(addDays(day, 1))))} AS DATE)`;
    }
    case 'in_period': {
      needDate();
      if (f.period === null) throw new SpecError('in_period needs a period', { field: `${field}.period` });
      const range =
        typeof f.period === 'string' ? resolvePeriod(f.period, ctx.today(`${field}.period`), ctx.calendar) : f.period;
      return rangeSql(ctx, column, range.from, range.to, `${field}.period`);
    }
  }
}

function isLeaf(node: NormalizedFilterTree): node is NormalizedFilter {
  return 'op' in node;
}

/** A tree node -> SQL; `top` joins a top-level AND on separate lines, as the flat list always did. */
export function filterTreeSql(ctx: Ctx, node: NormalizedFilterTree, field: string, top = false): string | null {
  if (isLeaf(node)) return filterLeafSql(ctx, node, field);
  if ('not' in node) {
    const inner = filterTreeSql(ctx, node.not, `${field}.not`);
    // NOT of "no condition" keeps nothing. IS NOT TRUE keeps the rows where the inner condition is
    // unknown (an empty cell): "not (segment = Gold)" keeps deals without a segment, as not_in does.
    return inner === null ? 'FALSE' : `(${inner}) IS NOT TRUE`;
  }
  const [key, children] = 'and' in node ? (['and', node.and] as const) : (['or', node.or] as const);
  const parts = children
    .map((child, i) => filterTreeSql(ctx, child, `${field}.${key}.${i}`))
    .filter((p): p is string => p !== null);
  if (parts.length === 0) return key === 'and' ? null : 'FALSE';
  if (parts.length === 1) return parts[0]!;
  if (top && key === 'and') return parts.join('\n  AND ');
  return `(${parts.join(key === 'and' ? ' AND ' : ' OR ')})`;
}

/** The flat list (field "filters") and the tree (field "filter"), ANDed; null when there is none. */
export function specFiltersSql(
  ctx: Ctx,
  filters: readonly NormalizedFilter[],
  tree: NormalizedFilterTree | null,
): string | null {
  const parts = filters.map((f, i) => filterLeafSql(ctx, f, `filters.${i}`));
  if (tree !== null) {
    const sql = filterTreeSql(ctx, tree, 'filter', true);
    if (sql !== null) parts.push(sql);
  }
  return parts.length > 0 ? parts.join('\n  AND ') : null;
}

// The pure compiler: NormalizedSpec + the source's schema -> {sql, params, columns}.
// Every identifier goes through quoteIdent, every user value is a bound parameter ($1, $2 ...),
// every measure is cast explicitly so numbers reach the renderer with a known type.
import type { Result } from '../result';
import { asResult, Ctx, SpecError, type CompileOptions } from './context';
import { compareShift, dayOfValue, formatDay, nextBucketStart, type Shift } from './dates';
import { dimensionSql } from './dimensions';
import { filterLeafSql, filterTreeSql, specFiltersSql } from './filters';
import { measuresSql } from './measures';
import { numberLiteral, quoteIdent } from './quote';
import type { Typed } from './expr/compile-expr';
import {
  RESERVED_ID_PREFIX,
  type CompiledColumn,
  type CompareColumnKind,
  type CompareTo,
  type CompiledQuery,
  type FilterValue,
  type NormalizedDimension,
  type NormalizedFilter,
  type NormalizedFilterTree,
  type NormalizedSpec,
  type SourceSchema,
} from './types';

export type { CompileOptions } from './context';

/** A WHERE condition (without the keyword) and the values its placeholders stand for. */
export interface CompiledCondition {
  where: string | null;
  params: FilterValue[];
}

function specOptions(spec: NormalizedSpec): CompileOptions {
  return { weekStart: spec.weekStart, fiscalYearStartMonth: spec.fiscalYearStartMonth, today: spec.today, timeZone: spec.timeZone };
}

/** Compiles a normalized spec against the schema of its source. */
export function compileSpec(spec: NormalizedSpec, schema: SourceSchema): Result<CompiledQuery> {
  return asResult(() => {
    const ctx = new Ctx(schema, 1, specOptions(spec));
    if (spec.segments !== undefined && spec.segments.length > 0) {
      // Segments live in the workspace: the host replaces them by their filters before compiling.
      throw new SpecError(`segment "${spec.segments[0]}" was not expanded`, { field: 'segments.0' });
    }
    const ids = new Set<string>();
    const claim = (id: string, field: string) => {
      if (id.startsWith(RESERVED_ID_PREFIX)) throw new SpecError(`ids starting with "${RESERVED_ID_PREFIX}" are reserved`, { field });
      if (ids.has(id)) throw new SpecError(`duplicate id "${id}"`, { field });
      ids.add(id);
    };
    spec.dimensions.forEach((d, i) => claim(d.id, `dimensions.${i}.id`));
    spec.measures.forEach((m, i) => claim(m.id, `measures.${i}.id`));

    // The WHERE first: a top-N subquery repeats it (same text, same placeholders).
    const where = specFiltersSql(ctx, spec.filters, spec.filter);
    const measures = measuresSql(ctx, spec.measures);
    const dims = spec.dimensions.map((d, i) => {
      const sql = dimensionSql(ctx, d, i);
      return d.top === null ? sql : topSql(ctx, spec, schema, i, sql, where, measures);
    });
    const shaping = shape(spec, dims, measures);

    const columns: CompiledColumn[] = [];
    const select: string[] = [];
    spec.dimensions.forEach((d, i) => {
      select.push(`${dims[i]} AS ${quoteIdent(d.id)}`);
      columns.push({ id: d.id, label: d.label, role: 'dimension' });
    });
    spec.measures.forEach((m, i) => {
      select.push(`${shaping.measures[i]} AS ${quoteIdent(m.id)}`);
      columns.push({ id: m.id, label: m.label, role: 'measure' });
    });
    const compare = spec.compare === null ? null : comparePlan(spec, measures, claim);
    if (compare !== null) {
      // The outer query's columns: each measure followed by its comparison columns.
      columns.splice(spec.dimensions.length);
      spec.measures.forEach((m, i) => {
        columns.push({ id: m.id, label: m.label, role: 'measure' });
        for (const kind of compare.kinds[i]!) {
          columns.push({ id: `${m.id}__${kind}`, label: compareLabel(m.label, kind, compare.to), role: 'measure', compare: { measure: m.id, kind } });
        }
      });
    }
    if (shaping.grouping) {
      select.push(`${shaping.grouping} AS ${quoteIdent(GROUPING_ID)}`);
      columns.push({ id: GROUPING_ID, label: 'Total level', role: 'dimension' });
    }
    const order = spec.sort.flatMap((s, i) => {
      const position = columns.findIndex((c) => c.id === s.by);
      if (position < 0) throw new SpecError(`sort refers to unknown id "${s.by}"`, { field: `sort.${i}.by` });
      const term = `${position + 1} ${s.direction.toUpperCase()} NULLS LAST`;
      const d = spec.dimensions.findIndex((x) => x.id === s.by);
      // A column with a natural order (stage order): by position in it, then by value for the rest.
      const natural = d >= 0 ? naturalOrderSql(ctx, spec, d, compare !== null ? `"c".${quoteIdent(s.by)}` : dims[d]!) : null;
      const terms = natural === null ? [term] : [`${natural} ${s.direction.toUpperCase()} NULLS LAST`, term];
      // With totals, a dimension's details come before the row totalling them.
      return shaping.grouping !== null && d >= 0 ? [`GROUPING(${dims[d]}) ASC`, ...terms] : terms;
    });
    // Sorted by a measure first: details, then subtotals, then the grand total.
    if (shaping.grouping !== null && !spec.dimensions.some((d) => d.id === spec.sort[0]?.by)) {
      order.unshift(`${columns.length} ASC`);
    }
    const body = [`SELECT ${select.join(',\n       ')}`, `FROM ${quoteIdent(schema.table)}`];
    if (where !== null) body.push(`WHERE ${where}`);
    if (shaping.groupBy) body.push(`GROUP BY ${shaping.groupBy}`);
    const lines = compare === null ? body : compareSql(ctx, spec, compare, dims, shaping, columns, schema, where);
    if (order.length > 0) lines.push(`ORDER BY ${order.join(', ')}`);
    lines.push(`LIMIT ${spec.limit}`);
    return {
      sql: lines.join('\n'),
      params: ctx.params,
      columns,
      grouping: shaping.grouping ? { column: GROUPING_ID, dimensions: spec.dimensions.map((d) => d.id) } : null,
    };
  });
}

const GROUPING_ID = `${RESERVED_ID_PREFIX}grouping`;

/**
 * The position of a plain dimension's value in its column's natural order (`SourceSchema.orders`),
 * or null when the dimension has a grain or bins or its column has no such order. The values are
 * bound parameters; a value not listed has no position (NULL) and sorts after the listed ones.
 */
function naturalOrderSql(ctx: Ctx, spec: NormalizedSpec, index: number, valueSql: string): string | null {
  const d = spec.dimensions[index]!;
  if (d.grain !== null || d.bin !== null) return null;
  const column = ctx.resolve(d, `dimensions.${index}.${d.role !== null ? 'role' : 'column'}`);
  const values = ctx.schema.orders?.[column];
  if (values === undefined || values.length === 0) return null;
  const list = values.map((v) => `CAST(${ctx.param(v)} AS VARCHAR)`).join(', ');
  return `list_position([${list}], CAST(${valueSql} AS VARCHAR))`;
}

interface ComparePlan {
  to: CompareTo;
  /** Index of the time dimension compared along. */
  along: number;
  shift: Shift;
  /** The comparison columns of each measure (change and % change for numbers only). */
  kinds: CompareColumnKind[][];
}

function comparePlan(spec: NormalizedSpec, measures: readonly Typed[], claim: (id: string, field: string) => void): ComparePlan {
  const compare = spec.compare!;
  let along: number;
  if (compare.along !== null) {
    along = spec.dimensions.findIndex((d) => d.id === compare.along);
    if (along < 0 || spec.dimensions[along]!.grain === null) {
      throw new SpecError(`"${compare.along}" is not a dimension of the spec with a time grain`, { field: 'compare.along' });
    }
  } else {
    along = spec.dimensions.findIndex((d) => d.grain !== null);
    if (along < 0) {
      throw new SpecError('a comparison needs a time dimension (a dimension with a grain)', { field: 'compare' });
    }
  }
  if (spec.totals !== 'none') {
    // A total over the time axis has no single compared bucket: refused rather than guessed.
    throw new SpecError('totals cannot be combined with a comparison yet', { field: 'totals' });
  }
  const kinds = spec.measures.map((m, i): CompareColumnKind[] => {
    const k: CompareColumnKind[] = measures[i]!.type === 'number' ? ['previous', 'change', 'change_pct'] : ['previous'];
    for (const kind of k) claim(`${m.id}__${kind}`, `measures.${i}.id`);
    return k;
  });
  return { to: compare.to, along, shift: compareShift(compare.to, spec.dimensions[along]!.grain!), kinds };
}

function compareLabel(label: string, kind: CompareColumnKind, to: CompareTo): string {
  if (kind === 'change') return 'Change';
  if (kind === 'change_pct') return 'Change %';
  return `${label} (${to === 'previous_period' ? 'previous period' : 'same period last year'})`;
}

/**
 * A comparison: the grouped query over the spec's filters ("__current"), the same grouped query over
 * the compared rows ("__previous": the filters on the time dimension's column shifted back by the
 * offset, so the first bucket has its comparison; the bucket shifted forward again), and a LEFT JOIN
 * on the bucket and the other dimensions. A join, not lag(), so a missing bucket gives an empty
 * previous value instead of shifting the comparison.
 */
function compareSql(
  ctx: Ctx,
  spec: NormalizedSpec,
  plan: ComparePlan,
  dims: readonly string[],
  shaping: Shaping,
  columns: readonly CompiledColumn[],
  schema: SourceSchema,
  where: string | null,
): string[] {
  const time = spec.dimensions[plan.along]!;
  ctx.shift = { ...plan.shift, column: ctx.resolve(time, `dimensions.${plan.along}.${time.role !== null ? 'role' : 'column'}`) };
  const previousWhere = specFiltersSql(ctx, spec.filters, spec.filter);
  ctx.shift = null;
  const bucket = dims[plan.along]!;
  const forward =
    plan.shift.unit === 'month'
      ? `CAST(${bucket} + INTERVAL ${numberLiteral(plan.shift.n)} MONTH AS DATE)`
      : `(${bucket}) + ${numberLiteral(plan.shift.n)}`;
  const cte = (name: string, where: string | null, shifted: boolean) => {
    const select = [
      ...spec.dimensions.map((d, i) => `${shifted && i === plan.along ? forward : dims[i]} AS ${quoteIdent(d.id)}`),
      ...spec.measures.map((m, i) => `${shaping.measures[i]} AS ${quoteIdent(m.id)}`),
    ];
    const lines = [`${quoteIdent(name)} AS (`, `  SELECT ${select.join(',\n         ')}`, `  FROM ${quoteIdent(schema.table)}`];
    if (where !== null) lines.push(`  WHERE ${where.replaceAll('\n', '\n  ')}`);
    if (shaping.groupBy) lines.push(`  GROUP BY ${shaping.groupBy}`);
    return `${lines.join('\n')}\n)`;
  };
  const c = (id: string) => `"c".${quoteIdent(id)}`;
  const p = (id: string) => `"p".${quoteIdent(id)}`;
  const select = columns.map((col) => {
    if (col.compare === undefined) return `${c(col.id)}`;
    const m = col.compare.measure;
    switch (col.compare.kind) {
      case 'previous':
        return `${p(m)} AS ${quoteIdent(col.id)}`;
      case 'change':
        return `${c(m)} - ${p(m)} AS ${quoteIdent(col.id)}`;
      case 'change_pct':
        return `(${c(m)} - ${p(m)}) / NULLIF(abs(${p(m)}), 0) AS ${quoteIdent(col.id)}`;
    }
  });
  const on = spec.dimensions.map((d, i) =>
    i === plan.along ? `${p(d.id)} = ${c(d.id)}` : `${p(d.id)} IS NOT DISTINCT FROM ${c(d.id)}`,
  );
  return [
    `WITH ${cte(CURRENT_CTE, where, false)}, ${cte(PREVIOUS_CTE, previousWhere, true)}`,
    `SELECT ${select.join(',\n       ')}`,
    `FROM ${quoteIdent(CURRENT_CTE)} AS "c"`,
    `LEFT JOIN ${quoteIdent(PREVIOUS_CTE)} AS "p" ON ${on.join(' AND ')}`,
  ];
}

const CURRENT_CTE = `${RESERVED_ID_PREFIX}current`;
const PREVIOUS_CTE = `${RESERVED_ID_PREFIX}previous`;

/**
 * Top N of a dimension: its n values with the largest `by` measure (over the same filtered rows)
 * keep their name, the rest become one "Others" group whose measures DuckDB aggregates afresh
 * (an Others median is the median of those rows, not a sum of medians). Empty cells stay apart.
 */
function topSql(
  ctx: Ctx,
  spec: NormalizedSpec,
  schema: SourceSchema,
  index: number,
  dim: string,
  where: string | null,
  measures: readonly Typed[],
): string {
  const top = spec.dimensions[index]!.top!;
  const by = spec.measures.findIndex((m) => m.id === top.by);
  if (by < 0) throw new SpecError(`top refers to unknown measure "${top.by}"`, { field: `dimensions.${index}.top.by` });
  const ranked =
    `SELECT ${dim} FROM ${quoteIdent(schema.table)}${where !== null ? ` WHERE ${where.replaceAll('\n ', '')}` : ''} ` +
    `GROUP BY 1 ORDER BY ${measures[by]!.sql} DESC NULLS LAST, 1 ASC LIMIT ${top.n}`;
  const others = `CAST(${ctx.param(top.othersLabel)} AS VARCHAR)`;
  return `CASE WHEN ${dim} IS NULL THEN NULL WHEN ${dim} IN (${ranked}) THEN CAST(${dim} AS VARCHAR) ELSE ${others} END`;
}

interface Shaping {
  groupBy: string | null;
  /** GROUPING(...) of every dimension, when there are totals. */
  grouping: string | null;
  /** Each measure's final SQL (a window over the aggregate when it is shown as a share or running total). */
  measures: string[];
}

/** Every non-empty and empty prefix of a list: [a, b] -> [[a, b], [a], []]. */
const prefixes = <T>(xs: readonly T[]): T[][] => xs.map((_, i) => xs.slice(0, xs.length - i)).concat([[]]);

function shape(spec: NormalizedSpec, dims: readonly string[], measures: readonly Typed[]): Shaping {
  const indexOf = (id: string, field: string) => {
    const i = spec.dimensions.findIndex((d) => d.id === id);
    if (i < 0) throw new SpecError(`"${id}" is not a dimension of the spec`, { field });
    return i;
  };
  const colIdx = spec.columns.map((id, i) => indexOf(id, `columns.${i}`));
  const rowIdx = spec.dimensions.map((_, i) => i).filter((i) => !colIdx.includes(i));
  const n = spec.dimensions.length;
  const withTotals = spec.totals !== 'none' && n > 0;
  let groupBy: string | null = n > 0 ? spec.dimensions.map((_, i) => i + 1).join(', ') : null;
  let grouping: string | null = null;
  if (withTotals) {
    const rowSets = spec.totals === 'subtotals' ? prefixes(rowIdx) : [rowIdx, []];
    const colSets = spec.totals === 'subtotals' ? prefixes(colIdx) : [colIdx, []];
    const seen = new Set<string>();
    const sets: string[] = [];
    for (const r of rowSets) {
      for (const c of colSets) {
        const set = [...r, ...c].sort((a, b) => a - b);
        const key = set.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        sets.push(`(${set.map((i) => dims[i]).join(', ')})`);
      }
    }
    groupBy = `GROUPING SETS (${sets.join(', ')})`;
    grouping = `CAST(GROUPING(${dims.join(', ')}) AS INTEGER)`;
  }
  const partitionOf = (idx: readonly number[]) => {
    const parts = [...(grouping ? [grouping] : []), ...idx.map((i) => dims[i]!)];
    return parts.length > 0 ? `PARTITION BY ${parts.join(', ')} ` : '';
  };
  const along = (() => {
    const time = spec.dimensions.findIndex((d) => d.grain !== null);
    return time >= 0 ? time : n - 1;
  })();
  const shown = spec.measures.map((m, i) => {
    const sql = measures[i]!.sql;
    if (m.show === null) return sql;
    const field = `measures.${i}.show`;
    if (!measures[i]!.additive) {
      throw new SpecError(`${m.show} needs an additive measure (count, sum, count_if, sum_if)`, { field });
    }
    switch (m.show) {
      case 'percent_of_total':
        return `${sql} / NULLIF(sum(${sql}) OVER (${partitionOf([]).trim()}), 0)`;
      case 'percent_of_row':
        // A row's total runs across the column axis: partition by the row dimensions.
        return `${sql} / NULLIF(sum(${sql}) OVER (${partitionOf(rowIdx).trim()}), 0)`;
      case 'percent_of_column':
        return `${sql} / NULLIF(sum(${sql}) OVER (${partitionOf(colIdx).trim()}), 0)`;
      case 'running_total': {
        if (along < 0) throw new SpecError('a running total needs a dimension to run along', { field });
        const others = spec.dimensions.map((_, j) => j).filter((j) => j !== along);
        return `sum(${sql}) OVER (${partitionOf(others)}ORDER BY ${dims[along]} ASC NULLS LAST ROWS UNBOUNDED PRECEDING)`;
      }
    }
  });
  return { groupBy, grouping, measures: shown };
}

/**
 * The WHERE condition (without the keyword) of a flat filter list (ANDed; error fields
 * "filters.N...") or a filter tree (error fields "filter..."), with placeholders numbered from
 * `firstParam` so that it can be appended to a query that already binds parameters.
 * Relative periods need `today` in the options or the schema.
 */
export function compileFilters(
  filters: readonly NormalizedFilter[] | NormalizedFilterTree,
  schema: SourceSchema,
  firstParam = 1,
  options: CompileOptions = {},
): Result<CompiledCondition> {
  return asResult(() => {
    const ctx = new Ctx(schema, firstParam, options);
    const where = Array.isArray(filters)
      ? filters.length > 0
        ? filters.map((f, i) => filterLeafSql(ctx, f, `filters.${i}`)).join('\n  AND ')
        : null
      : filterTreeSql(ctx, filters as NormalizedFilterTree, 'filter', true);
    return { where, params: ctx.params };
  });
}

/** Every filter of a spec (its flat list and its tree), with the spec's calendar and today. */
export function compileSpecFilters(
  spec: NormalizedSpec,
  schema: SourceSchema,
  firstParam = 1,
): Result<CompiledCondition> {
  return asResult(() => {
    const ctx = new Ctx(schema, firstParam, specOptions(spec));
    return { where: specFiltersSql(ctx, spec.filters, spec.filter), params: ctx.params };
  });
}

/**
 * The condition selecting the rows of one value of a dimension, as a result row shows it: for a
 * time grain the half-open range [bucket start, next bucket start) (the value is the bucket start,
 * as YYYY-MM-DD, an ISO timestamp or epoch milliseconds); for bins the rows whose bin has that lower
 * bound; otherwise equality. null selects the empty cells.
 */
export function compileDimensionValueFilter(
  dimension: NormalizedDimension,
  value: FilterValue,
  schema: SourceSchema,
  firstParam = 1,
  options: CompileOptions = {},
): Result<{ where: string; params: FilterValue[] }> {
  return asResult(() => {
    const ctx = new Ctx(schema, firstParam, options);
    const field = `dimension.${dimension.role !== null ? 'role' : 'column'}`;
    const column = ctx.resolve(dimension, field);
    const kind = ctx.kindOf(column, field);
    const col = quoteIdent(column);
    if (value === null) return { where: `${col} IS NULL`, params: ctx.params };
    if (dimension.top !== null && value === dimension.top.othersLabel) {
      // The Others group depends on the whole spec (its filters and the ranking measure).
      throw new SpecError(`cannot select the rows of "${value}" from the dimension alone`, { field: 'value' });
    }
    let where: string;
    if (dimension.grain !== null) {
      const start = typeof value === 'boolean' ? null : dayOfValue(value);
      if (!start) throw new SpecError(`not a date: ${JSON.stringify(value)}`, { field: 'value' });
      const end = nextBucketStart(start, dimension.grain);
      const from = ctx.param(formatDay(start));
      const to = ctx.param(formatDay(end));
      const local = ctx.calendarSql(column, kind);
      where = `(${local} >= CAST(${from} AS DATE) AND ${local} < CAST(${to} AS DATE))`;
    } else if (dimension.bin !== null) {
      if (typeof value !== 'number') throw new SpecError(`not a bin bound: ${JSON.stringify(value)}`, { field: 'value' });
      where = `${dimensionSql(ctx, dimension, 0)} = ${ctx.bind(value, 'number')}`;
    } else {
      where = `${col} = ${ctx.bind(value, kind)}`;
    }
    return { where, params: ctx.params };
  });
}

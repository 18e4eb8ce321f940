// Dimensions -> grouping expressions: a column as is, a date truncated to a grain (week start and
// fiscal year honoured), or a numeric column cut into bins (the group's value is the bin's lower bound).
import { SpecError, type Ctx } from './context';
import { numberLiteral, quoteIdent } from './quote';
import type { NormalizedDimension, TimeGrain } from './types';

function refField(d: NormalizedDimension, index: number): string {
  return `dimensions.${index}.${d.role !== null ? 'role' : 'column'}`;
}

/**
 * The width of automatic bins: (max - min) / count rounded up to 1, 2 or 5 times a power of ten,
 * computed over the whole source (not the filtered rows) so that bins stay the same when filters
 * change and a drill-through selects exactly the rows of its bin.
 */
function autoWidthSql(ctx: Ctx, col: string, count: number): string {
  const span = `SELECT CAST(max(${col}) - min(${col}) AS DOUBLE) AS span FROM ${quoteIdent(ctx.schema.table)}`;
  const n = numberLiteral(count);
  const scale = `SELECT span, span / ${n} AS raw, pow(10, floor(log10(CASE WHEN span > 0 THEN span / ${n} ELSE 1 END))) AS p FROM (${span})`;
  return (
    `(SELECT CASE WHEN span = 0 THEN 1 WHEN raw <= p THEN p WHEN raw <= 2 * p THEN 2 * p ` +
    `WHEN raw <= 5 * p THEN 5 * p ELSE 10 * p END FROM (${scale}))`
  );
}

export function dimensionSql(ctx: Ctx, d: NormalizedDimension, index: number): string {
  const column = ctx.resolve(d, refField(d, index));
  const kind = ctx.kindOf(column, refField(d, index));
  const col = quoteIdent(column);
  if (d.grain !== null && d.bin !== null) {
    throw new SpecError('a dimension has a grain or bins, not both', { field: `dimensions.${index}.bin` });
  }
  if (d.bin !== null) {
    if (kind !== 'number') {
      throw new SpecError(`bins need a numeric column; "${column}" is ${kind}`, { field: `dimensions.${index}.bin` });
    }
    const width = 'width' in d.bin ? numberLiteral(d.bin.width) : autoWidthSql(ctx, col, d.bin.count);
    return `floor(CAST(${col} AS DOUBLE) / ${width}) * ${width}`;
  }
  if (d.grain === null) return col;
  if (kind !== 'date' && kind !== 'timestamp') {
    throw new SpecError(`a ${d.grain} grain needs a date column; "${column}" is ${kind}`, {
      field: `dimensions.${index}.grain`,
    });
  }
  // Grains on a timestamp are computed in the spec's time zone.
  return grainSql(ctx, d.grain, ctx.calendarSql(column, kind));
}

/** A date (or a timestamp already in the spec's zone) truncated to a grain, as a DATE. */
function grainSql(ctx: Ctx, grain: TimeGrain, col: string): string {
  const d = { grain };
  if (d.grain === 'day') return `CAST(${col} AS DATE)`;
  if (d.grain === 'week' && ctx.calendar.weekStart === 'sunday') {
    // date_trunc('week') starts weeks on Monday (ISO); shift by a day for Sunday-start weeks.
    return `CAST(date_trunc('week', CAST(${col} AS DATE) + 1) AS DATE) - 1`;
  }
  const shift = ctx.calendar.fiscalYearStartMonth - 1;
  if ((d.grain === 'quarter' || d.grain === 'year') && shift > 0) {
    // A fiscal year starting in month F: shift back F-1 months, truncate, shift forward again.
    const months = `INTERVAL ${numberLiteral(shift)} MONTH`;
    return `CAST(date_trunc('${d.grain}', ${col} - ${months}) + ${months} AS DATE)`;
  }
  return `CAST(date_trunc('${d.grain}', ${col}) AS DATE)`;
}

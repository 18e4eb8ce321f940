// Small helpers shared by the forecast SQL builders: bound parameters, typed reads of a column
// whatever type the import gave it, and number reads of DuckDB results.
import { quoteIdent } from '../../../shared/spec/quote';

export type SqlParam = string | number | null;

/** A query an analysis built, with its bound parameters: what it runs (and what the bench times raw). */
export interface BuiltSql {
  sql: string;
  params: SqlParam[];
}

/** Collects bound parameters: `p(value)` returns its placeholder ($1, $2...). */
export class Params {
  readonly values: SqlParam[] = [];

  p(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A date parameter. */
  day(value: string): string {
    return `${this.p(value)}::DATE`;
  }

  /** `(…, …)` of parameters; FALSE-proof callers check emptiness first. */
  list(values: readonly SqlParam[]): string {
    return `(${values.map((v) => this.p(v)).join(', ')})`;
  }
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|DOUBLE|FLOAT|REAL|DECIMAL)/i;

/** A column read as DOUBLE (text that does not read as a number is empty). */
export function asDouble(column: string, type: string): string {
  const c = quoteIdent(column);
  return NUMERIC.test(type) ? `CAST(${c} AS DOUBLE)` : `TRY_CAST(${c} AS DOUBLE)`;
}

/** A column read as a DATE (a timestamp's day; text that is not an ISO date is empty). */
export function asDate(column: string, type: string): string {
  const c = quoteIdent(column);
  const t = type.toUpperCase();
  if (t === 'DATE') return c;
  if (t.startsWith('TIMESTAMP')) return `CAST(${c} AS DATE)`;
  return `TRY_CAST(${c} AS DATE)`;
}

/**
 * A column read as text. The import trims every value and stores an empty one as NULL
 * (import/typing.ts), so stored text needs neither trim() nor NULLIF: both cost more than the
 * analyses' own work on millions of snapshot rows.
 */
export function asText(column: string, type: string): string {
  const c = quoteIdent(column);
  return type.toUpperCase() === 'VARCHAR' ? c : `CAST(${c} AS VARCHAR)`;
}

/** A number out of a DuckDB JS value (BIGINT arrives as bigint, HUGEINT and DECIMAL too). */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v !== '') return Number(v);
  return 0;
}


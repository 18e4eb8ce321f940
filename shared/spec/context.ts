// What every part of the compiler shares: the source's columns and roles, the calendar, and the
// list of bound parameters. Errors are thrown as SpecError inside the compiler and leave it as
// values (Result) through `asResult`.
import type { ErrorLocation, Result } from '../result';
import { columnKind, type ColumnKind } from './column-kind';
import { parseDay, type CalendarOptions, type Day, type Shift } from './dates';
import { quoteIdent, quoteLiteral } from './quote';
import { suggest } from './suggest';
import { DEFAULT_TIME_ZONE, TIME_ZONE_PATTERN, type FilterValue, type SourceSchema, type WeekStart } from './types';

export class SpecError extends Error {
  constructor(
    message: string,
    readonly location: ErrorLocation,
  ) {
    super(message);
  }
}

export interface CompileOptions {
  weekStart?: WeekStart;
  fiscalYearStartMonth?: number;
  /** YYYY-MM-DD; falls back to the schema's `today`. */
  today?: string | null;
  /** IANA zone of grains and date filters on timestamp columns; default UTC. */
  timeZone?: string;
}

/** A reference to a column, directly or through a canonical role. */
export interface ColumnRef {
  column: string | null;
  role: string | null;
}

export class Ctx {
  readonly params: FilterValue[] = [];
  readonly kinds: Map<string, ColumnKind>;
  readonly calendar: CalendarOptions;
  /**
   * While set, filters on this column have their dates shifted (the compared period's rows of a
   * comparison); the other filters are untouched.
   */
  shift: (Shift & { column: string }) | null = null;
  private readonly todayText: string | null;
  readonly timeZone: string;

  constructor(
    readonly schema: SourceSchema,
    readonly firstParam = 1,
    options: CompileOptions = {},
  ) {
    this.kinds = new Map(schema.columns.map((c) => [c.name, columnKind(c.type)]));
    this.calendar = {
      weekStart: options.weekStart ?? 'monday',
      fiscalYearStartMonth: options.fiscalYearStartMonth ?? 1,
    };
    this.todayText = options.today ?? schema.today ?? null;
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    if (!TIME_ZONE_PATTERN.test(this.timeZone)) {
      throw new SpecError(`"${this.timeZone}" is not an IANA time zone name`, { field: 'timeZone' });
    }
  }

  /**
   * A date or timestamp column as the calendar sees it: a TIMESTAMP (stored as UTC wall time) is
   * turned into the wall time of the spec's zone, a TIMESTAMP WITH TIME ZONE likewise; DATE
   * columns, and everything in UTC, as they are. The zone is a compiler-checked name
   * (TIME_ZONE_PATTERN), rendered as a literal: DuckDB groups by identical expressions, which
   * separate bound parameters would not be.
   */
  calendarSql(column: string, kind: ColumnKind): string {
    const col = quoteIdent(column);
    if (kind !== 'timestamp' || this.timeZone === DEFAULT_TIME_ZONE) return col;
    const type = (this.schema.columns.find((c) => c.name === column)?.type ?? '').toUpperCase();
    const zoned = type.includes('WITH TIME ZONE') || type === 'TIMESTAMPTZ' ? col : `timezone('UTC', ${col})`;
    return `timezone(${quoteLiteral(this.timeZone)}, ${zoned})`;
  }

  /** Binds a value as the next parameter and returns its placeholder ($n). */
  param(value: FilterValue): string {
    this.params.push(value);
    return `$${this.firstParam + this.params.length - 1}`;
  }

  /** Binds a value, cast to the kind of the column it is compared with. */
  bind(value: FilterValue, kind: ColumnKind): string {
    const p = this.param(value);
    // Typed casts let a date typed as text in a filter compare as a date, not as a string.
    if (kind === 'date') return `CAST(${p} AS DATE)`;
    if (kind === 'timestamp') return `CAST(${p} AS TIMESTAMP)`;
    if (kind === 'number') return `CAST(${p} AS DOUBLE)`;
    return p;
  }

  /** The column a reference names (a role resolved through the schema's map). */
  resolve(ref: ColumnRef, field: string): string {
    if (ref.role !== null) {
      const column = this.schema.roles?.[ref.role];
      if (column === undefined) {
        throw new SpecError(`role "${ref.role}" is not mapped to a column of this source`, { field });
      }
      return column;
    }
    if (ref.column === null) throw new SpecError('a column or a role is needed', { field });
    return ref.column;
  }

  kindOf(column: string, field: string): ColumnKind {
    const kind = this.kinds.get(column);
    if (kind === undefined) {
      const near = suggest(column, [...this.kinds.keys()]);
      throw new SpecError(`unknown column "${column}"${near ? ` — did you mean "${near}"?` : ''}`, { field });
    }
    return kind;
  }

  today(field: string): Day {
    if (this.todayText === null) {
      throw new SpecError('a relative period needs "today" (YYYY-MM-DD) in the spec or the schema', { field });
    }
    const day = parseDay(this.todayText);
    if (!day) throw new SpecError(`"today" is not a YYYY-MM-DD date: "${this.todayText}"`, { field: 'today' });
    return day;
  }
}

/** Runs a compiler step, turning a SpecError into an error value. */
export function asResult<T>(fn: () => T): Result<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof SpecError) {
      return { ok: false, error: { code: 'SPEC_INVALID', message: e.message, location: e.location } };
    }
    throw e;
  }
}

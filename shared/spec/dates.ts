// Calendar arithmetic on plain YYYY-MM-DD days, pure and clock-free: relative periods are resolved
// against a `today` the caller passes in, never the machine's clock.
import type { PeriodInput, TimeGrain, WeekStart } from './types';

export interface Day {
  y: number;
  m: number; // 1..12
  d: number; // 1..31
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD, refusing impossible days such as 2024-02-30. */
export function parseDay(text: string): Day | null {
  const match = DAY_RE.exec(text);
  if (!match) return null;
  const day = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  return formatDay(fromEpochDays(toEpochDays(day))) === text ? day : null;
}

export function formatDay(day: Day): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(day.y, 4)}-${pad(day.m, 2)}-${pad(day.d, 2)}`;
}

export function toEpochDays(day: Day): number {
  return Math.round(Date.UTC(day.y, day.m - 1, day.d) / 86_400_000);
}

export function fromEpochDays(n: number): Day {
  const date = new Date(n * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export function addDays(day: Day, n: number): Day {
  return fromEpochDays(toEpochDays(day) + n);
}

/** Adds months to the first of a month (callers only shift period starts). */
export function addMonths(day: Day, n: number): Day {
  const index = day.y * 12 + (day.m - 1) + n;
  return { y: Math.floor(index / 12), m: (index % 12) + 1, d: day.d };
}

export interface CalendarOptions {
  weekStart: WeekStart;
  /** 1..12 */
  fiscalYearStartMonth: number;
}

/** The first day of the grain's bucket holding `day` (fiscal quarters and years honoured). */
export function bucketStart(day: Day, grain: TimeGrain, cal: CalendarOptions): Day {
  switch (grain) {
    case 'day':
      return day;
    case 'week': {
      // 1970-01-01 was a Thursday: Monday-based weekday = (days + 3) mod 7.
      const mondayBased = (((toEpochDays(day) + 3) % 7) + 7) % 7;
      const offset = cal.weekStart === 'monday' ? mondayBased : (mondayBased + 1) % 7;
      return addDays(day, -offset);
    }
    case 'month':
      return { y: day.y, m: day.m, d: 1 };
    case 'quarter':
    case 'year': {
      const months = grain === 'quarter' ? 3 : 12;
      const sinceFiscalStart = (((day.m - cal.fiscalYearStartMonth) % months) + months) % months;
      return addMonths({ y: day.y, m: day.m, d: 1 }, -sinceFiscalStart);
    }
  }
}

/** The first day of the bucket after the one starting at `start`. */
export function nextBucketStart(start: Day, grain: TimeGrain): Day {
  switch (grain) {
    case 'day':
      return addDays(start, 1);
    case 'week':
      return addDays(start, 7);
    case 'month':
      return addMonths(start, 1);
    case 'quarter':
      return addMonths(start, 3);
    case 'year':
      return addMonths(start, 12);
  }
}

/** A half-open range [from, to) of days. */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * Resolves a period against `today`. "last N days" and "last 12 months" are complete units before
 * today's (today itself excluded); "to date" periods include today; quarters and years are fiscal.
 */
export function resolvePeriod(period: PeriodInput, today: Day, cal: CalendarOptions): DayRange {
  if (typeof period !== 'string') return { from: period.from, to: period.to };
  const range = (from: Day, to: Day) => ({ from: formatDay(from), to: formatDay(to) });
  const month = bucketStart(today, 'month', cal);
  const quarter = bucketStart(today, 'quarter', cal);
  const year = bucketStart(today, 'year', cal);
  const tomorrow = addDays(today, 1);
  switch (period) {
    case 'last_complete_month':
      return range(addMonths(month, -1), month);
    case 'last_complete_quarter':
      return range(addMonths(quarter, -3), quarter);
    case 'this_month':
      return range(month, addMonths(month, 1));
    case 'month_to_date':
      return range(month, tomorrow);
    case 'quarter_to_date':
      return range(quarter, tomorrow);
    case 'year_to_date':
      return range(year, tomorrow);
    case 'last_7_days':
      return range(addDays(today, -7), today);
    case 'last_30_days':
      return range(addDays(today, -30), today);
    case 'last_12_months':
      return range(addMonths(month, -12), month);
    case 'previous_year':
      return range(addMonths(year, -12), year);
  }
}

/** A bucket value as it comes back from a query (YYYY-MM-DD, an ISO timestamp or epoch ms) -> Day. */
export function dayOfValue(value: string | number): Day | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return fromEpochDays(Math.floor(value / 86_400_000));
  }
  return parseDay(value.slice(0, 10));
}

/** A calendar shift: n months (clamped to the month's last day) or n days; n < 0 goes back. */
export interface Shift {
  unit: 'month' | 'day';
  n: number;
}

/** Shifts a day; a month shift keeps the day of the month, clamped (2024-03-31 - 1 month = 2024-02-29). */
export function shiftDay(day: Day, shift: Shift): Day {
  if (shift.unit === 'day') return addDays(day, shift.n);
  const first = addMonths({ y: day.y, m: day.m, d: 1 }, shift.n);
  const lastDay = addDays(addMonths(first, 1), -1).d;
  return { y: first.y, m: first.m, d: Math.min(day.d, lastDay) };
}

/**
 * How far back the compared bucket lies: one grain for the previous period; for the same period
 * last year 12 months (month, quarter, year grains) or 52 weeks = 364 days (week and day grains, so
 * that a week bucket maps onto a week bucket and a day keeps its weekday).
 */
export function compareShift(to: 'previous_period' | 'same_period_last_year', grain: TimeGrain): Shift {
  if (to === 'same_period_last_year') return grain === 'week' || grain === 'day' ? { unit: 'day', n: 364 } : { unit: 'month', n: 12 };
  switch (grain) {
    case 'day':
      return { unit: 'day', n: 1 };
    case 'week':
      return { unit: 'day', n: 7 };
    case 'month':
      return { unit: 'month', n: 1 };
    case 'quarter':
      return { unit: 'month', n: 3 };
    case 'year':
      return { unit: 'month', n: 12 };
  }
}

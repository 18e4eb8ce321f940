// The period a template or a review runs on: parsed from what a user types (the CLI's --period),
// resolved against the data's reference day (the latest snapshot date of the sources read, not the
// wall clock: a review of last month's export gives the same figures whenever it runs), and named
// for people ("October 2026", "Q3 2026").
import { addDays, addMonths, bucketStart, formatDay, parseDay, resolvePeriod, type DayRange } from '../spec/dates';
import type { TemplatePeriod } from './types';

export interface PeriodChoice {
  period: TemplatePeriod;
  /** For period 'custom': the half-open range [from, to). */
  customPeriod?: { from: string; to: string };
}

const CAL = { weekStart: 'monday', fiscalYearStartMonth: 1 } as const;

const WORDS: Record<string, TemplatePeriod> = {
  'last-month': 'last_complete_month',
  'last-quarter': 'last_complete_quarter',
  'quarter-to-date': 'quarter_to_date',
  'year-to-date': 'year_to_date',
  last_complete_month: 'last_complete_month',
  last_complete_quarter: 'last_complete_quarter',
  quarter_to_date: 'quarter_to_date',
  year_to_date: 'year_to_date',
};

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(text: string): boolean {
  const d = parseDay(text);
  return d !== null && formatDay(d) === text;
}

/**
 * `last-month`, `last-quarter`, `quarter-to-date`, `year-to-date`, `YYYY-MM`, `YYYY-Qn` or
 * `start..end` (days, end excluded); null when the text is none of them.
 */
export function parsePeriodChoice(text: string): PeriodChoice | null {
  const t = text.trim();
  const word = WORDS[t.toLowerCase()];
  if (word) return { period: word };
  let g: RegExpMatchArray | null;
  if ((g = /^(\d{4})-(\d{2})$/.exec(t))) {
    const y = Number(g[1]);
    const m = Number(g[2]);
    if (m < 1 || m > 12) return null;
    return { period: 'custom', customPeriod: { from: `${y}-${pad(m)}-01`, to: m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01` } };
  }
  if ((g = /^(\d{4})-[Qq]([1-4])$/.exec(t))) {
    const y = Number(g[1]);
    const q = Number(g[2]);
    return { period: 'custom', customPeriod: { from: `${y}-${pad(q * 3 - 2)}-01`, to: q === 4 ? `${y + 1}-01-01` : `${y}-${pad(q * 3 + 1)}-01` } };
  }
  const range = t.split('..');
  if (range.length === 2 && range.every(validDay) && range[0]! < range[1]!) {
    return { period: 'custom', customPeriod: { from: range[0]!, to: range[1]! } };
  }
  return null;
}

/** The range a template period stands for on a given reference day (YYYY-MM-DD). */
export function resolveTemplatePeriod(choice: PeriodChoice, referenceDay: string): DayRange {
  if (choice.period === 'custom') {
    if (!choice.customPeriod) throw new Error('a custom period needs its range');
    return { ...choice.customPeriod };
  }
  const today = parseDay(referenceDay);
  if (!today) throw new Error(`not a day: ${referenceDay}`);
  return resolvePeriod(choice.period, today, CAL);
}

/**
 * The "today" the widgets of a review resolve their own relative filters against (last 12
 * months...): the reference day, or the period's end when the period lies before it — a review of
 * September shows the twelve months up to September, whenever it runs.
 */
export function reviewToday(range: DayRange, referenceDay: string): string {
  return range.to < referenceDay ? range.to : referenceDay;
}

/** The month holding a day, as a range: the period an empty-period fix proposes. */
export function monthOf(day: string): DayRange | null {
  const d = parseDay(day.slice(0, 10));
  if (!d) return null;
  const start = bucketStart(d, 'month', CAL);
  return { from: formatDay(start), to: formatDay(addMonths(start, 1)) };
}

/** The same kind of period just before: the month, quarter or range of the same length. */
export function previousRange(range: DayRange): DayRange {
  const from = parseDay(range.from)!;
  const to = parseDay(range.to)!;
  if (from.d === 1 && to.d === 1) {
    const months = to.y * 12 + to.m - (from.y * 12 + from.m);
    return { from: formatDay(addMonths(from, -months)), to: range.from };
  }
  const days = Math.round((Date.UTC(to.y, to.m - 1, to.d) - Date.UTC(from.y, from.m - 1, from.d)) / 86_400_000);
  return { from: formatDay(addDays(from, -days)), to: range.from };
}

/**
 * A period in words for a locale: "October 2026", "Q3 2026", "2026", else "1 Sep 2026 – 15 Oct 2026"
 * (the end shown inclusive). `quarter` is the word the locale uses for "Q{n} {year}".
 */
export function describePeriod(range: DayRange, locale: string, quarter: (q: number, year: number) => string = (q, y) => `Q${q} ${y}`): string {
  const from = parseDay(range.from);
  const to = parseDay(range.to);
  if (!from || !to) return `${range.from} – ${range.to}`;
  const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
  const months = to.y * 12 + to.m - (from.y * 12 + from.m);
  if (from.d === 1 && to.d === 1) {
    if (months === 1) return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(from.y, from.m, 1));
    if (months === 3 && (from.m - 1) % 3 === 0) return quarter((from.m - 1) / 3 + 1, from.y);
    if (months === 12 && from.m === 1) return String(from.y);
  }
  const last = addDays(to, -1);
  const f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `${f.format(utc(from.y, from.m, from.d))} – ${f.format(utc(last.y, last.m, last.d))}`;
}

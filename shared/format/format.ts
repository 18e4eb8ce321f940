// Number, money, date and cell formatting for everything the user reads. Pure (no DOM): the chart
// option builders and the server-side chart export use it too.
//
// `createFormats({ locale, currency })` gives the formatters of a workspace's display settings
// (WorkspaceSettings: the number locale and the currency are chosen per workspace, independently of
// the UI language). The plain functions below (formatNumber, formatCompact ...) are the en-US ones,
// for screens that do not follow the workspace settings yet. Every output is the real Intl output
// of the locale: fr-FR groups thousands with a narrow no-break space (U+202F), de-DE has no short
// form for thousands ("12.500", "1,3 Mio."), nl-NL puts the currency sign first ("€ 1.234,50").
import type { CellValue } from '../arrow/cells';
import type { ColumnKind } from '../api';
import type { Currency, NumberLocale } from '../dashboard/types';
import type { TimeGrain } from '../spec/types';

export interface FormatSettings {
  locale?: NumberLocale;
  currency?: Currency;
  /**
   * First month (1..12) of the fiscal year: quarter labels count from it ("Q1 2025" is the quarter
   * starting in that month of 2025). Default 1.
   */
  fiscalYearStartMonth?: number;
}

export interface Formats {
  readonly locale: NumberLocale;
  readonly currencyCode: Currency;
  /** Grouped thousands, at most two decimals; tiny fractions keep three significant digits. */
  number(value: number | null | undefined): string;
  integer(value: number | null | undefined): string;
  /** Short form for axes and tiles: 12.5K, 12,5 k, 1,3 Mio. */
  compact(value: number | null | undefined): string;
  /** An amount in the workspace currency: whole amounts without cents, others with two decimals. */
  currency(value: number | null | undefined): string;
  /** Short amount: €12.5K, 12,5 k €, € 12,5K, 12.500 €. */
  compactCurrency(value: number | null | undefined): string;
  /** A number that already is a percentage (12.5 -> "12.5%"). */
  percent(value: number | null | undefined): string;
  /** A fraction shown as a percentage (0.125 -> "12.5%"). */
  fractionPercent(value: number | null | undefined): string;
  /** A change as a signed percentage from a fraction (0.125 -> "+12.5%", -0.03 -> "-3%"). */
  changePercent(value: number | null | undefined): string;
  /** Signed figure for a change: "+1,250", "-3". */
  signedNumber(value: number | null | undefined): string;
  /** Signed amount in the workspace currency: "+€1,250". */
  signedCurrency(value: number | null | undefined): string;
  /** Fixed decimals so a column of figures lines up (see fixedFormatter). */
  fixed(decimals: number, maxDecimals?: number): (value: number | null) => string;
  /** A day ('YYYY-MM-DD', a timestamp text or UTC epoch milliseconds): "Mar 1, 2025", "1 mars 2025". */
  date(value: string | number | null | undefined): string;
  /** The label of a time bucket starting at `ms` (UTC): "Mar 2025", "mars 2025", "T1 2025", "2025". */
  bucket(ms: number, grain: TimeGrain | null): string;
  /** Any cell value as text; numbers formatted, empty cells as an empty string. */
  cell(value: CellValue | undefined, kind?: ColumnKind): string;
}

/** Text shown where a value is missing (NULL in the data), on screens without translated labels. */
export const EMPTY_LABEL = '(empty)';

export const DEFAULT_LOCALE: NumberLocale = 'en-US';
export const DEFAULT_CURRENCY: Currency = 'EUR';

/** Prefix of a quarter label by locale (CLDR's abbreviated quarters: Q1, T1 (trimestre), K1 (kwartaal)). */
const QUARTER_PREFIX: Record<NumberLocale, string> = { 'en-US': 'Q', 'en-GB': 'Q', 'fr-FR': 'T', 'nl-NL': 'K', 'de-DE': 'Q' };
/** A week bucket: its ISO week number with the locale's abbreviation (W, S (semaine), KW (Kalenderwoche)). */
const WEEK_LABEL: Record<NumberLocale, (week: number, year: number) => string> = {
  'en-US': (w, y) => `W${w} ${y}`,
  'en-GB': (w, y) => `W${w} ${y}`,
  'fr-FR': (w, y) => `S${w} ${y}`,
  'nl-NL': (w, y) => `W${w} ${y}`,
  'de-DE': (w, y) => `KW ${w} ${y}`,
};

const isMissing = (value: number | null | undefined): value is null | undefined =>
  value === null || value === undefined || Number.isNaN(value);

function infinite(value: number): string {
  return value > 0 ? '∞' : '−∞';
}

/** ISO 8601 week number and week-numbering year of the week containing `ms` + 3 days. */
function isoWeek(ms: number): { week: number; year: number } {
  // The Thursday of a Monday-start week (or the Wednesday of a Sunday-start one) is in its ISO week.
  const d = new Date(ms + 3 * 86_400_000);
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3));
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstDay = (firstThursday.getUTCDay() + 6) % 7;
  const week1Monday = Date.UTC(year, 0, 4 - firstDay);
  const week = 1 + Math.round((thursday.getTime() - 3 * 86_400_000 - week1Monday) / (7 * 86_400_000));
  return { week, year };
}

/** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' as UTC milliseconds; NaN when it is not a date. */
export function parseDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
}

/** UTC milliseconds as 'YYYY-MM-DD'. */
export function isoDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function makeFormats(locale: NumberLocale, currency: Currency, fiscalYearStartMonth: number): Formats {
  const nf = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options);
  const integerFormat = nf({ maximumFractionDigits: 0 });
  const decimalFormat = nf({ maximumFractionDigits: 2 });
  const smallFormat = nf({ maximumSignificantDigits: 3 });
  const compactFormat = nf({ notation: 'compact', maximumFractionDigits: 1 });
  // narrowSymbol: the workspace has one currency, "$" reads better than "US$" / "$US".
  const money = { style: 'currency', currency, currencyDisplay: 'narrowSymbol' } as const;
  const currencyWhole = nf({ ...money, minimumFractionDigits: 0, maximumFractionDigits: 0 });
  const currencyCents = nf({ ...money, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const currencySmall = nf({ ...money, maximumSignificantDigits: 3 });
  const currencyCompact = nf({ ...money, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
  const signedWhole = nf({ ...money, minimumFractionDigits: 0, maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const signedCents = nf({ ...money, minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  const signedDecimal = nf({ maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  const percentFormat = nf({ style: 'percent', maximumFractionDigits: 1 });
  const changeFormat = nf({ style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const monthFormat = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const fixedFormats = new Map<string, (value: number | null) => string>();

  const number = (value: number | null | undefined): string => {
    if (isMissing(value)) return '';
    if (!Number.isFinite(value)) return infinite(value);
    if (Number.isInteger(value)) return integerFormat.format(value);
    // Keep a few significant digits for small fractions (0.0042) instead of showing 0.
    if (Math.abs(value) < 0.01) return smallFormat.format(value);
    return decimalFormat.format(value);
  };
  const compact = (value: number | null | undefined): string => {
    if (isMissing(value)) return '';
    if (!Number.isFinite(value)) return infinite(value);
    if (Math.abs(value) < 1000) return number(value);
    return compactFormat.format(value);
  };
  const currencyText = (value: number | null | undefined): string => {
    if (isMissing(value)) return '';
    if (!Number.isFinite(value)) return infinite(value);
    if (Number.isInteger(value)) return currencyWhole.format(value);
    if (value !== 0 && Math.abs(value) < 0.01) return currencySmall.format(value);
    return currencyCents.format(value);
  };
  const percent = (value: number | null | undefined): string =>
    isMissing(value) ? '' : Number.isFinite(value) ? percentFormat.format(value / 100) : infinite(value);
  const fractionPercent = (value: number | null | undefined): string =>
    isMissing(value) ? '' : Number.isFinite(value) ? percentFormat.format(value) : infinite(value);
  const date = (value: string | number | null | undefined): string => {
    if (value === null || value === undefined) return '';
    const ms = typeof value === 'number' ? value : parseDay(value);
    if (!Number.isFinite(ms)) return typeof value === 'string' ? value : '';
    return dayFormat.format(ms);
  };
  return {
    locale,
    currencyCode: currency,
    number,
    integer: (value) => (isMissing(value) ? '' : Number.isFinite(value) ? integerFormat.format(value) : infinite(value)),
    compact,
    currency: currencyText,
    compactCurrency: (value) => {
      if (isMissing(value)) return '';
      if (!Number.isFinite(value)) return infinite(value);
      if (Math.abs(value) < 1000) return currencyText(value);
      return currencyCompact.format(value);
    },
    percent,
    fractionPercent,
    changePercent: (value) =>
      isMissing(value) ? '' : Number.isFinite(value) ? changeFormat.format(value) : infinite(value),
    signedNumber: (value) => {
      if (isMissing(value)) return '';
      if (!Number.isFinite(value)) return infinite(value);
      return signedDecimal.format(value);
    },
    signedCurrency: (value) => {
      if (isMissing(value)) return '';
      if (!Number.isFinite(value)) return infinite(value);
      return Number.isInteger(value) ? signedWhole.format(value) : signedCents.format(value);
    },
    fixed: (decimals, maxDecimals = decimals) => {
      const key = `${decimals}:${maxDecimals}`;
      let f = fixedFormats.get(key);
      if (!f) {
        const format = nf({ minimumFractionDigits: decimals, maximumFractionDigits: Math.max(decimals, maxDecimals) });
        f = (value) => {
          if (value === null || !Number.isFinite(value)) return number(value);
          if (value !== 0 && Math.abs(value) < 10 ** -Math.max(decimals, maxDecimals)) return number(value);
          return format.format(value);
        };
        fixedFormats.set(key, f);
      }
      return f;
    },
    date,
    bucket: (ms, grain) => {
      if (!Number.isFinite(ms)) return EMPTY_LABEL;
      const d = new Date(ms);
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth();
      switch (grain) {
        case 'year': {
          // A fiscal year is named after the calendar year it starts in.
          return String(y);
        }
        case 'quarter': {
          const q = Math.floor((((m - (fiscalYearStartMonth - 1)) % 12) + 12) % 12 / 3) + 1;
          const fiscalYear = m >= fiscalYearStartMonth - 1 ? y : y - 1;
          return `${QUARTER_PREFIX[locale]}${q} ${fiscalYear}`;
        }
        case 'month':
          return monthFormat.format(ms);
        case 'week': {
          const { week, year } = isoWeek(ms);
          return WEEK_LABEL[locale](week, year);
        }
        default:
          return date(ms);
      }
    },
    cell: (value, kind) => {
      if (value === null || value === undefined) return '';
      if (typeof value === 'number') return number(value);
      if (typeof value === 'boolean') return value ? 'true' : 'false';
      if (kind === 'timestamp') return value.replace(/ 00:00:00$/, '');
      return value;
    },
  };
}

const formatsCache = new Map<string, Formats>();

/** The formatters of a locale and currency (cached: Intl formatters are costly to build). */
export function createFormats(settings: FormatSettings = {}): Formats {
  const locale = settings.locale ?? DEFAULT_LOCALE;
  const currency = settings.currency ?? DEFAULT_CURRENCY;
  const fiscal = settings.fiscalYearStartMonth ?? 1;
  const key = `${locale}|${currency}|${fiscal}`;
  let formats = formatsCache.get(key);
  if (!formats) {
    formats = makeFormats(locale, currency, fiscal >= 1 && fiscal <= 12 ? Math.floor(fiscal) : 1);
    formatsCache.set(key, formats);
  }
  return formats;
}

// ---- en-US functions of the screens that do not follow the workspace settings ----

const EN = createFormats();

/** A number as people read it in a table: grouped thousands, at most two decimals. */
export function formatNumber(value: number | null | undefined): string {
  return EN.number(value);
}

/**
 * Formats with at least `decimals` fraction digits (at most `maxDecimals`), so a column's numbers
 * line up: 22,500.00 above 3,613.63. Tiny values keep their significant digits (0.0042, not 0.00).
 */
export function fixedFormatter(decimals: number, maxDecimals = decimals): (value: number | null) => string {
  return EN.fixed(decimals, maxDecimals);
}

/** Fraction digits a set of numbers needs to be shown exactly, at most `max` (2: cents). */
export function decimalsNeeded(values: Iterable<number>, max = 2): number {
  let needed = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    // Rounded to `max` digits as shown, then the digits that are not trailing zeros.
    const digits = (v.toFixed(max).split('.')[1] ?? '').replace(/0+$/, '').length;
    if (digits > needed) needed = digits;
    if (needed === max) break;
  }
  return needed;
}

/** The scale of a DuckDB DECIMAL(p,s) type, null for other types. */
export function decimalScale(duckdbType: string): number | null {
  const m = /^DECIMAL\(\s*\d+\s*,\s*(\d+)\s*\)$/i.exec(duckdbType.trim());
  return m ? Number(m[1]) : null;
}

export function formatInteger(value: number): string {
  return EN.integer(value);
}

/** Short form for axis labels: 1.2K, 3.4M. */
export function formatCompact(value: number): string {
  return EN.compact(value);
}

/** A fraction as a percentage: 0.123 -> "12.3%". */
export function formatPercent(fraction: number): string {
  return EN.fractionPercent(fraction);
}

/** Any cell value as text; numbers formatted, empty cells as an empty string. */
export function formatCell(value: CellValue | undefined, kind?: ColumnKind): string {
  return EN.cell(value, kind);
}

export function plural(count: number, one: string, many: string): string {
  return `${formatInteger(count)} ${count === 1 ? one : many}`;
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A UTC instant as the label of a time bucket of the given grain ("Mar 2024", "Q1 2024"...), en-US. */
export function formatBucket(ms: number, grain: string | null): string {
  if (!Number.isFinite(ms)) return EMPTY_LABEL;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const iso = isoDay(ms);
  switch (grain) {
    case 'year':
      return String(y);
    case 'quarter':
      return `Q${Math.floor(m / 3) + 1} ${y}`;
    case 'month':
      return `${SHORT_MONTHS[m]} ${y}`;
    case 'week':
      return `Week of ${iso}`;
    default:
      return iso;
  }
}

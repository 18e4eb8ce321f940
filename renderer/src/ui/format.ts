// Number and cell formatting for everything the user reads. en-US for now; one place to change
// when the app is localised. Pure (no DOM): the chart option builders use it too.
import type { CellValue } from '../../../shared/arrow/cells';
import type { ColumnKind } from '../../../shared/api';

const LOCALE = 'en-US';

const integerFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const smallFormat = new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: 3 });
const compactFormat = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });

/** A number as people read it in a table: grouped thousands, at most two decimals. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value)) return integerFormat.format(value);
  // Keep a few significant digits for small fractions (0.0042) instead of showing 0.
  if (Math.abs(value) < 0.01) return smallFormat.format(value);
  return decimalFormat.format(value);
}

const fixedFormats = new Map<string, Intl.NumberFormat>();

/**
 * Formats with at least `decimals` fraction digits (at most `maxDecimals`), so a column's numbers
 * line up: 22,500.00 above 3,613.63. Tiny values keep their significant digits (0.0042, not 0.00).
 */
export function fixedFormatter(decimals: number, maxDecimals = decimals): (value: number | null) => string {
  const key = `${decimals}:${maxDecimals}`;
  let format = fixedFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: Math.max(decimals, maxDecimals),
    });
    fixedFormats.set(key, format);
  }
  const f = format;
  return (value) => {
    if (value === null || !Number.isFinite(value)) return formatNumber(value);
    if (value !== 0 && Math.abs(value) < 10 ** -Math.max(decimals, maxDecimals)) return formatNumber(value);
    return f.format(value);
  };
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
  return integerFormat.format(value);
}

/** Short form for axis labels: 1.2K, 3.4M. */
export function formatCompact(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Math.abs(value) < 1000) return formatNumber(value);
  return compactFormat.format(value);
}

export function formatPercent(fraction: number): string {
  return percentFormat.format(fraction);
}

/** Any cell value as text; numbers formatted, empty cells as an empty string. */
export function formatCell(value: CellValue | undefined, kind?: ColumnKind): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (kind === 'timestamp') return value.replace(/ 00:00:00$/, '');
  return value;
}

/** Text shown where a value is missing (NULL in the data). */
export const EMPTY_LABEL = '(empty)';

export function plural(count: number, one: string, many: string): string {
  return `${formatInteger(count)} ${count === 1 ? one : many}`;
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A UTC instant as the label of a time bucket of the given grain ("Mar 2024", "Q1 2024"...). */
export function formatBucket(ms: number, grain: string | null): string {
  if (!Number.isFinite(ms)) return EMPTY_LABEL;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = String(d.getUTCDate()).padStart(2, '0');
  const iso = `${y}-${String(m + 1).padStart(2, '0')}-${day}`;
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

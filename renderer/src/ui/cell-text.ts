// A cell of the data grid, the import preview or the profile as the WORKSPACE's locale writes it
// (settings: locale and currency, through createFormats in format.ts), independently of the UI
// language: grouped numbers ("12 500,5" in fr-FR), dates and times in the locale's medium form
// ("25 oct. 2026", "25.10.2026 14:05"). Pure.
import type { ColumnKind } from '../../../shared/api';
import type { CellValue } from '../../../shared/arrow/cells';
import type { Formats } from './format';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(locale: string, seconds: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${seconds}`;
  let f = timeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short', timeZone: 'UTC' });
    timeFormats.set(key, f);
  }
  return f;
}

/**
 * A timestamp as the engine writes it ('2026-10-25 14:05:00', UTC) in the locale's words; at
 * midnight the date alone. Fractions of a second are kept as written. Text that is no timestamp
 * is returned as it is.
 */
export function timestampText(formats: Formats, text: string): string {
  const m = TIMESTAMP.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, s, fraction] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (!Number.isFinite(ms)) return text;
  if (h === '00' && mi === '00' && s === '00' && !fraction) return formats.date(ms);
  if (fraction) return `${formats.date(ms)} ${h}:${mi}:${s}${fraction}`;
  return timeFormat(formats.locale, s !== '00').format(ms);
}

/** A date ('2026-10-25') in the locale's medium form; other text as it is. */
export function dateText(formats: Formats, text: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formats.date(text) : text;
}

/** Any cell as text in the workspace's locale; an empty cell is an empty string. */
export function cellText(formats: Formats, value: CellValue | undefined, kind?: ColumnKind): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formats.number(value);
  if (typeof value === 'string') {
    if (kind === 'date') return dateText(formats, value);
    if (kind === 'timestamp') return timestampText(formats, value);
  }
  return formats.cell(value, kind);
}

/**
 * A value the engine gave as text (a profile's min, max and top values) in the workspace's locale,
 * read by its column's kind; text that does not read as that kind is shown as it is.
 */
export function valueText(formats: Formats, text: string, kind: ColumnKind): string {
  if (kind === 'number') {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? formats.number(n) : text;
  }
  if (kind === 'date') return dateText(formats, text);
  if (kind === 'timestamp') return timestampText(formats, text);
  return text;
}

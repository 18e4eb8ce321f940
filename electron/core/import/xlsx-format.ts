// How a number cell reads in the CSV: Excel stores every number (dates included) as a double and
// only the cell's number format says what it is. The format is classified once per style; values
// are rendered plainly (ISO dates, '.' decimals, percent with '%') for the typing that follows.

export const NumKind = {
  Plain: 0,
  Percent: 1,
  Date: 2,
  DateTime: 3,
  Time: 4,
  /** [h]:mm:ss and the like: a duration that may exceed a day. */
  Elapsed: 5,
} as const;
export type NumKind = (typeof NumKind)[keyof typeof NumKind];

/** Excel's built-in number formats that are not plain numbers (ECMA-376 §18.8.30). */
const BUILTIN: Record<number, NumKind> = {
  9: NumKind.Percent,
  10: NumKind.Percent,
  14: NumKind.Date,
  15: NumKind.Date,
  16: NumKind.Date,
  17: NumKind.Date,
  18: NumKind.Time,
  19: NumKind.Time,
  20: NumKind.Time,
  21: NumKind.Time,
  22: NumKind.DateTime,
  45: NumKind.Time,
  46: NumKind.Elapsed,
  47: NumKind.Time,
  // Locale-dependent (East Asian) date and time formats.
  27: NumKind.Date,
  28: NumKind.Date,
  29: NumKind.Date,
  30: NumKind.Date,
  31: NumKind.Date,
  32: NumKind.Time,
  33: NumKind.Time,
  34: NumKind.Time,
  35: NumKind.Time,
  36: NumKind.Date,
  50: NumKind.Date,
  51: NumKind.Date,
  52: NumKind.Date,
  53: NumKind.Date,
  54: NumKind.Date,
  55: NumKind.Date,
  56: NumKind.Date,
  57: NumKind.Date,
  58: NumKind.Date,
};

export function builtinKind(id: number): NumKind {
  return BUILTIN[id] ?? NumKind.Plain;
}

/** The first section of a format code (the one for positive numbers), outside quotes. */
function firstSection(code: string): string {
  let out = '';
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      i = end < 0 ? code.length : end;
      continue;
    }
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '_' || ch === '*') {
      i++; // padding / fill character
      continue;
    }
    if (ch === ';') break;
    out += ch;
  }
  return out;
}

/** Classifies a custom format code ("0.0%", "yyyy-mm-dd", "[$-409]h:mm AM/PM", "[h]:mm"...). */
export function classifyFormat(code: string): NumKind {
  let s = firstSection(code);
  const elapsed = /\[(h+|m+|s+)\]/i.test(s);
  // Drop bracketed parts: colours, conditions, locales/currencies ([$€-407]), elapsed markers.
  s = s.replace(/\[[^\]]*\]/g, '').toLowerCase();
  if (s.includes('%')) return NumKind.Percent;
  if (s.includes('general')) s = s.replace(/general/g, '');
  s = s.replace(/e[+-]/g, ''); // scientific notation, not an era/year
  const ampm = /am\/pm|a\/p/.test(s);
  if (ampm) s = s.replace(/am\/pm|a\/p/g, '');
  const hasTime = ampm || /[hs]/.test(s) || elapsed;
  // 'm' is minutes next to h or s, months otherwise; 'e' (era year), 'g' (era) and 'b' (Buddhist
  // year) only occur in date formats.
  const hasDate = /[ydeg]/.test(s) || /b{2}/.test(s) || /mmm/.test(s) || (/m/.test(s) && !/[hs]/.test(s));
  if (elapsed && !hasDate) return NumKind.Elapsed;
  if (hasDate && hasTime) return NumKind.DateTime;
  if (hasDate) return NumKind.Date;
  if (hasTime) return NumKind.Time;
  return NumKind.Plain;
}

/**
 * A number as plain decimal text: at most Excel's 15 significant digits (which also drops binary
 * noise such as 0.30000000000000004), no exponent for any ordinary magnitude.
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const rounded = Number(n.toPrecision(15));
  const s = String(rounded);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const exp = Number(s.slice(e + 1));
  if (exp > 30 || exp < -30) return s;
  let mantissa = s.slice(0, e);
  const negative = mantissa.startsWith('-');
  if (negative) mantissa = mantissa.slice(1);
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const intLen = (dot < 0 ? mantissa.length : dot) + exp;
  let out: string;
  if (intLen <= 0) out = '0.' + '0'.repeat(-intLen) + digits;
  else if (intLen >= digits.length) out = digits + '0'.repeat(intLen - digits.length);
  else out = digits.slice(0, intLen) + '.' + digits.slice(intLen);
  return (negative ? '-' : '') + out;
}

export function percentText(n: number): string {
  return plainNumber(Number((n * 100).toPrecision(15))) + '%';
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

function isoDate(ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const year = y >= 0 && y < 10000 ? String(y).padStart(4, '0') : String(y);
  return `${year}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${pad2(h)}:${pad2(m)}:${pad2(seconds % 60)}`;
}

/**
 * A date serial as ISO text. 1900 system: serial 1 is 1900-01-01 and Excel counts a 1900-02-29
 * that never was (serial 60), so serials from 61 on are days since 1899-12-30 and serials below
 * 60 days since 1899-12-31. Serials 0 and 60 come out as Excel shows them, 1900-01-00 and
 * 1900-02-29: no real date, so the typing that follows reports them rather than inventing one.
 * Negative serials (LibreOffice's dates before 1900; Excel shows #####) count back from
 * 1899-12-30. 1904 system: days since 1904-01-01.
 */
export function serialText(serial: number, kind: NumKind, date1904: boolean): string {
  const totalSeconds = Math.round(serial * 86_400);
  if (kind === NumKind.Elapsed) {
    const sign = totalSeconds < 0 ? '-' : '';
    return sign + clock(Math.abs(totalSeconds));
  }
  const days = Math.floor(totalSeconds / 86_400);
  const seconds = totalSeconds - days * 86_400;
  if (kind === NumKind.Time) return clock(seconds);
  let date: string;
  if (date1904) date = isoDate(EPOCH_1904 + days * DAY_MS);
  else if (days === 60) date = '1900-02-29';
  else if (days === 0) date = '1900-01-00';
  else if (days > 0 && days < 60) date = isoDate(EPOCH_1900 + (days + 1) * DAY_MS);
  else date = isoDate(EPOCH_1900 + days * DAY_MS);
  if (kind === NumKind.DateTime || seconds !== 0) return `${date} ${clock(seconds)}`;
  return date;
}

const ISO = /^\s*([+-]?\d{4,6})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$/;
const ISO_TIME = /^\s*T?(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*$/;

/**
 * A t="d" cell (ISO 8601 text) as ISO text in the same shape as serial dates; the time zone, if
 * any, is ignored (the wall-clock time is kept). Returns null when the text is no ISO date.
 */
export function isoCellText(text: string, kind: NumKind): string | null {
  const m = ISO.exec(text);
  if (!m) {
    const t = ISO_TIME.exec(text);
    if (!t) return null;
    const secs = Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3] ?? 0) + Math.round(Number(t[4] ?? 0));
    return clock(secs % 86_400);
  }
  const ms =
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) +
    Math.round(Number(m[7] ?? 0) * 1000);
  if (Number.isNaN(ms)) return null;
  const totalSeconds = Math.round(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const seconds = totalSeconds - days * 86_400;
  if (kind === NumKind.Time || kind === NumKind.Elapsed) return clock(seconds);
  const date = isoDate(days * DAY_MS);
  if (kind === NumKind.DateTime || seconds !== 0) return `${date} ${clock(seconds)}`;
  return date;
}

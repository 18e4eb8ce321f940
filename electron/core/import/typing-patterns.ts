// The vocabulary of value typing: the RE2 patterns DuckDB runs over raw text, the tokens and month
// names of the four languages we read, the header words that hint at a column's meaning, and the
// reading of a value's "shape" (digits replaced by 9, month names by M) into strptime formats.
// Pure functions and constants only; the SQL that uses them lives in typing.ts.
import type { DateOrder, ImportSettings } from '../../../shared/import/types';

/** Characters trimmed from both ends of every raw value (space, tab, CR, LF, NBSP, narrow NBSP). */
export const TRIM_CHARS = ' \t\r\n\u00A0\u202F';

/** RE2 class of the space-like characters that group digits in European exports. */
export const SP = '[ \\x{00A0}\\x{202F}]';

/** RE2 alternation of the currency symbols and codes we strip from amounts. Longest first. */
const CURRENCIES = [
  'US$', 'CA$', 'AU$', 'NZ$', 'HK$', 'R$', 'C$', 'A$', 'S$',
  'EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF',
  'RON', 'BGN', 'BRL', 'MXN', 'CNY', 'INR', 'ZAR', 'SGD', 'HKD', 'TRY', 'RUB', 'ISK',
  'Fr.', 'kr', 'Kč', 'zł', 'Ft', 'lei',
  '$', '€', '£', '¥', '₹', '₽', '₩', '₺', '₪',
];

/** Escapes a literal string for use inside an RE2 pattern. */
export function reEscape(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
}

export const CURRENCY_RE = CURRENCIES.map(reEscape).join('|');

/** RE2 class matching one thousands separator character of the setting. */
export function thousandsClass(t: ImportSettings['thousandsSeparator']): string | null {
  switch (t) {
    case '':
      return null;
    case ',':
      return ',';
    case '.':
      return '\\.';
    case ' ':
      return SP;
    case "'":
      return "['\\x{2019}]";
  }
}

/** The characters a thousands setting strips from a number (' ' covers NBSP and narrow NBSP too). */
export function thousandsChars(t: ImportSettings['thousandsSeparator']): string[] {
  switch (t) {
    case '':
      return [];
    case ' ':
      return [' ', '\u00A0', '\u202F'];
    case "'":
      return ["'", '\u2019'];
    default:
      return [t];
  }
}

/**
 * The strict core of a number for given separators: thousands groups of exactly three digits
 * after a first group of one to three (not starting with 0), one decimal separator, an optional
 * exponent. Integers take neither decimals nor exponent. Leading zeros convert ("007" -> 7):
 * detection keeps columns holding such codes as text, and a kind the user forces reads them.
 */
export function coreNumberRe(
  decimal: '.' | ',',
  thousands: ImportSettings['thousandsSeparator'],
  integer: boolean,
): string {
  const t = thousandsClass(thousands === decimal ? '' : thousands);
  const int = `[0-9]+${t ? `|[1-9][0-9]{0,2}(?:${t}[0-9]{3})+` : ''}`;
  if (integer) return `(?:${int})`;
  const d = decimal === '.' ? '\\.' : ',';
  const exp = '(?:[eE][-+]?[0-9]+)?';
  return `(?:${int})(?:${d}[0-9]+)?${exp}|${d}[0-9]+${exp}`;
}

/** RE2 class of the characters a value may be padded with (trimmed by conversion). */
export const WS = '[\\s\\x{00A0}\\x{202F}]';
const SIGN = '[-+\\x{2212}]';

/**
 * The number grammar, for regexp_full_match (no groups: RE2 runs it as a DFA). Padding allowed
 * around; inside: [(] [sign] [currency] [sign] CORE [K|k|M] [currency] [%] [)] with the currency
 * on one side only and parentheses paired. `currency` is an RE2 pattern, or null for none.
 */
function numberGrammar(core: string, currency: string | null, suffix: boolean, percent: boolean): string {
  const c = `(?:${core})`;
  const suf = suffix ? `(?:${SP}*[KkM])?` : '';
  const pct = percent ? `(?:${SP}*%)?` : '';
  const cur = currency === null ? null : `(?:${currency})`;
  const after = `(?:${SIGN}${SP}*)?${c}${suf}${cur ? `(?:${SP}*${cur})?` : ''}${pct}`;
  const before = cur ? `(?:${SIGN}${SP}*)?${cur}${SP}*(?:${SIGN}${SP}*)?${c}${suf}${pct}` : null;
  const body = before ? `(?:${after}|${before})` : after;
  return `${WS}*(?:\\(${SP}*${body}${SP}*\\)|${body})${WS}*`;
}

/** The conversion pattern of one plan. */
export function conversionNumberRe(
  decimal: '.' | ',',
  thousands: ImportSettings['thousandsSeparator'],
  opts: { integer: boolean; currency: string | null; suffix: boolean; percent: boolean },
): string {
  return numberGrammar(
    coreNumberRe(decimal, thousands, opts.integer),
    opts.currency === null ? null : reEscape(opts.currency),
    opts.suffix,
    opts.percent,
  );
}

/** The digits of a number-looking value, whatever its separators (searched, not anchored). */
export const ANY_CORE_RE = `[.,]?[0-9](?:[0-9.,'\\x{2019} \\x{00A0}\\x{202F}]*[0-9])?(?:[eE][-+]?[0-9]+)?`;

/** Any number-looking text, whatever its separators: detection's evidence is gathered on these. */
export const ANY_NUMBER_RE = numberGrammar(ANY_CORE_RE, CURRENCY_RE, true, true);

// Evidence about separators, matched against the core of number-looking values.
const G = `[,'\\x{2019} \\x{00A0}\\x{202F}]`; // grouping chars other than '.'
const GC = `[.'\\x{2019} \\x{00A0}\\x{202F}]`; // grouping chars other than ','
export const EVIDENCE = {
  /** '.' is surely the decimal separator: 1,234.5 / 1 234.56 / 12.50 / 0.125 / 1234.567 (not 1.234). */
  dotDecimal: `[0-9]{1,3}(?:${G}[0-9]{3})+\\.[0-9]*|[0-9]*\\.[0-9]+(?:[eE][-+]?[0-9]+)?`,
  commaDecimal: `[0-9]{1,3}(?:${GC}[0-9]{3})+,[0-9]*|[0-9]*,[0-9]+(?:[eE][-+]?[0-9]+)?`,
  /** Either a thousands group or three decimals: 1.234 and 1,234. */
  dotAmbiguous: '[1-9][0-9]{0,2}\\.[0-9]{3}',
  commaAmbiguous: '[1-9][0-9]{0,2},[0-9]{3}',
  /** Several groups: the separator can only be a thousands separator (1.234.567). */
  dotGroups: '[1-9][0-9]{0,2}(?:\\.[0-9]{3}){2,}',
  commaGroups: '[1-9][0-9]{0,2}(?:,[0-9]{3}){2,}',
  /** Grouping by a given character, with or without decimals. */
  groupedComma: '[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\\.[0-9]*)?',
  groupedDot: '[1-9][0-9]{0,2}(?:\\.[0-9]{3})+(?:,[0-9]*)?',
  groupedSpace: `[1-9][0-9]{0,2}(?:${SP}[0-9]{3})+(?:[.,][0-9]*)?`,
  groupedApostrophe: `[1-9][0-9]{0,2}(?:['\\x{2019}][0-9]{3})+(?:[.,][0-9]*)?`,
  /** Four or more integer digits written without grouping: this column groups nothing. */
  plainBig: '[0-9]{4,}(?:[.,][0-9]+)?',
} as const;

// ---------------------------------------------------------------------------------------------
// Booleans

export const TRUE_TOKENS = ['true', 'yes', 'y', 'oui', 'ja', 'wahr', 'vrai', 't', 'waar'];
export const FALSE_TOKENS = ['false', 'no', 'n', 'non', 'nee', 'nein', 'falsch', 'faux', 'f', 'onwaar'];

// ---------------------------------------------------------------------------------------------
// Months: every spelling we read, lower case without trailing dot, to the English abbreviation
// strptime's %b knows.

const MONTH_SPELLINGS: [string, string[]][] = [
  ['Jan', ['jan', 'january', 'janv', 'janvier', 'januari', 'januar', 'jän', 'jänner']],
  ['Feb', ['feb', 'february', 'févr', 'fevr', 'fév', 'fev', 'février', 'fevrier', 'februari', 'februar']],
  ['Mar', ['mar', 'march', 'mars', 'mrt', 'maart', 'mär', 'märz', 'maerz', 'mrz']],
  ['Apr', ['apr', 'april', 'avr', 'avril']],
  ['May', ['may', 'mai', 'mei']],
  ['Jun', ['jun', 'june', 'juin', 'juni']],
  ['Jul', ['jul', 'july', 'juil', 'juillet', 'juli']],
  ['Aug', ['aug', 'august', 'août', 'aout', 'augustus']],
  ['Sep', ['sep', 'sept', 'september', 'septembre']],
  ['Oct', ['oct', 'october', 'octobre', 'okt', 'oktober']],
  ['Nov', ['nov', 'november', 'novembre']],
  ['Dec', ['dec', 'december', 'déc', 'décembre', 'decembre', 'dez', 'dezember']],
];

export const MONTH_NAMES: ReadonlyMap<string, string> = new Map(
  MONTH_SPELLINGS.flatMap(([en, names]) => names.map((n) => [n, en] as [string, string])),
);

/** RE2: a month word (any language) between non-letters; group 2 is the word, its dot absorbed. */
export const MONTH_WORD_RE = `(?i)(^|[^\\pL])(${[...MONTH_NAMES.keys()]
  .sort((a, b) => b.length - a.length)
  .map(reEscape)
  .join('|')})\\.?([^\\pL]|$)`;

/** Values worth a date shape: start with 1-4 digits and a separator, or a word and a day. */
export const DATEISH_RE = "^[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]|^[0-9]{1,2}[-/. ]+\\pL|^\\pL{3,10}\\.?[ -][0-9]";

// ---------------------------------------------------------------------------------------------
// Header hints

function headerWords(header: string): string[] {
  return header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

const DATE_SUBSTRINGS = /date|datum|créé|creee|création|creation|clôtur|clotur|échéance|echeance|aangemaakt|gesloten|erstellt|abschluss|timestamp|datetime/;
const DATE_WORDS = new Set(['created', 'closed', 'close', 'closing', 'modified', 'updated', 'time', 'day', 'jour', 'dag', 'at', 'on', 'when', 'dt', 'won', 'lost', 'expected', 'due']);
const AMOUNT_WORDS = new Set(['value', 'amount', 'montant', 'bedrag', 'betrag', 'revenue', 'price', 'prix', 'prijs', 'preis', 'total', 'sum', 'cost', 'count', 'number', 'nb', 'days', 'age', 'duration', 'durée', 'duur', 'dauer', 'id', 'qty', 'quantity']);

/** The header names a date (for Excel serial numbers and yyyymmdd integers). */
export function headerSaysDate(header: string): boolean {
  const words = headerWords(header);
  if (words.some((w) => AMOUNT_WORDS.has(w))) return false;
  return DATE_SUBSTRINGS.test(header.toLowerCase()) || words.some((w) => DATE_WORDS.has(w));
}

const FLAG_WORDS = new Set([
  'is', 'has', 'was', 'can', 'flag', 'active', 'enabled', 'disabled', 'converted', 'won', 'lost', 'closed',
  'deleted', 'archived', 'opt', 'optin', 'optout', 'bool', 'boolean', 'subscribed', 'unsubscribed',
  'verified', 'valid', 'paid', 'actif', 'actief', 'aktiv', 'gagné', 'perdu', 'converti', 'gewonnen',
  'verloren', 'bekeerd', 'not', 'dnc', 'consent', 'churn', 'churned', 'flagged',
]);

/** The header names a yes/no flag: 1/0 values then read as booleans. */
export function headerSaysFlag(header: string): boolean {
  const words = headerWords(header);
  return words.some((w) => FLAG_WORDS.has(w)) || /^(is|has)[_A-Z]/.test(header);
}

const CODE_WORDS = new Set([
  'phone', 'telephone', 'téléphone', 'tel', 'tél', 'telefoon', 'telefon', 'mobile', 'mobiel', 'handy', 'gsm',
  'fax', 'cell', 'portable', 'zip', 'zipcode', 'postal', 'postcode', 'plz', 'postleitzahl', 'iban', 'siret', 'siren',
]);

/** The header names a phone number or postal code: never read as a number. */
export function headerSaysCode(header: string): boolean {
  return headerWords(header).some((w) => CODE_WORDS.has(w));
}

// ---------------------------------------------------------------------------------------------
// Date shapes

/** strptime formats for one value shape: order-free, or one per day/month order. */
export interface ShapeFormats {
  /** The format when the shape says the order itself (ISO, month names). */
  any?: string;
  /** Formats of a numeric d/m/y shape, per order that fits it. */
  byOrder?: Partial<Record<DateOrder, string>>;
}

const TIME_RE =
  /^(T| +|, ?| - )(9{1,2}):(9{2})(?::(9{2})(?:([.,])(9{1,9}))?)?(?:( ?)([AaPp][Mm]))?(?:( ?)(Z|UTC|GMT|[+-]9{2}(?::?9{2})?))?$/;

function timeFormat(rest: string): string | null {
  if (rest === '') return '';
  const m = TIME_RE.exec(rest);
  if (!m) return null;
  const [, sep, , , sec, fracSep, frac, ampmSpace, ampm, zoneSpace, zone] = m;
  let f = `${sep}${ampm ? '%I' : '%H'}:%M`;
  if (sec) f += ':%S';
  if (frac) f += `${fracSep}${frac.length <= 6 ? '%f' : '%n'}`;
  if (ampm) f += `${ampmSpace}%p`;
  if (zone) f += `${zoneSpace}${/^[+-]/.test(zone) ? '%z' : zone}`;
  return f;
}

/**
 * Reads a value shape ("99/99/9999 99:99", "99 M, 9999 99:99:99", "9999-99-99T99:99:99Z") into
 * strptime formats. null when the shape is not a date we know.
 */
export function shapeFormats(shape: string): ShapeFormats | null {
  let m: RegExpExecArray | null;
  // 2024-03-15, 2024/03/15, 2024.03.15, 2018.02.01. (Hungarian trailing dot)
  if ((m = /^9{4}([-/.])9{1,2}\1(9{1,2})(\.?)(?!9)/.exec(shape))) {
    const t = timeFormat(shape.slice(m[0].length));
    if (t === null) return null;
    return { any: `%Y${m[1]}%m${m[1]}%d${m[3]}${t}` };
  }
  // 15/03/2024, 03/15/2024, 15.03.2024, 15-03-24 and, with two-digit years, 24/03/15
  if ((m = /^9{1,2}([-/.])9{1,2}\1(9{4}|9{2})(\.?)(?!9)/.exec(shape))) {
    const t = timeFormat(shape.slice(m[0].length));
    if (t === null) return null;
    const s = m[1]!;
    const y = m[2]!.length === 4 ? '%Y' : '%y';
    const byOrder: Partial<Record<DateOrder, string>> = {
      DMY: `%d${s}%m${s}${y}${m[3]}${t}`,
      MDY: `%m${s}%d${s}${y}${m[3]}${t}`,
    };
    if (y === '%y') byOrder.YMD = `%y${s}%m${s}%d${m[3]}${t}`;
    return { byOrder };
  }
  // 15 Apr 2021, 15-Apr-2021, 15 Apr, 2021, 15. März 2024, 15 avr. 2021 (the month's dot is in M)
  if ((m = /^9{1,2}(\. ?| |-|\/)M(, ?| |-|\/|\. ?)(9{4}|9{2})(?!9)/.exec(shape))) {
    const t = timeFormat(shape.slice(m[0].length));
    if (t === null) return null;
    return { any: `%d${m[1]}%b${m[2]}${m[3]!.length === 4 ? '%Y' : '%y'}${t}` };
  }
  // Apr 15, 2021, Apr 15 2021, Apr-15-2021
  if ((m = /^M( |-)(9{1,2})(, ?| |-)(9{4})(?!9)/.exec(shape))) {
    const t = timeFormat(shape.slice(m[0].length));
    if (t === null) return null;
    return { any: `%b${m[1]}%d${m[3]}%Y${t}` };
  }
  return null;
}

/** A format reads a time of day (the column is then a timestamp). */
export function formatHasTime(format: string): boolean {
  return /%[HIMSfnp]/.test(format);
}

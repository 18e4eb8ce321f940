// Pure helpers of the import dialog: how settings, formats, warnings and role corrections are
// shown and turned into the request. No React, no DOM: unit-testable.
import type {
  ColumnPlan,
  DateOrder,
  ImportInspection,
  ImportSettings,
  ImportWarning,
  RoleAssignment,
  TextEncoding,
  ValueKind,
} from '../../../../shared/import/types';
import type { Language, MessageKey, TranslateFn } from '../../../../shared/i18n';
import { dateText, timestampText } from '../../ui/cell-text';
import type { Formats } from '../../ui/format';

export type FixedSettings = Partial<ImportSettings>;

/** An option of a setting's drop-down: the value and the catalog key of its label. */
export interface SettingOption<T extends string> {
  value: T;
  label: MessageKey;
}

/** The name of a text encoding; the single-byte ones say where they are used. */
export function encodingLabel(t: TranslateFn, encoding: TextEncoding): string {
  switch (encoding) {
    case 'windows-1252':
      return t('import.encodingWindows1252');
    case 'iso-8859-1':
      return t('import.encodingLatin1');
    case 'utf-16le':
      return 'UTF-16 LE';
    case 'utf-16be':
      return 'UTF-16 BE';
    default:
      return 'UTF-8';
  }
}

export const DELIMITER_OPTIONS: readonly SettingOption<string>[] = [
  { value: ',', label: 'import.delimiterComma' },
  { value: ';', label: 'import.delimiterSemicolon' },
  { value: '\t', label: 'import.delimiterTab' },
  { value: '|', label: 'import.delimiterPipe' },
  { value: ' ', label: 'import.delimiterSpace' },
];

export const QUOTE_OPTIONS: readonly SettingOption<ImportSettings['quote']>[] = [
  { value: '"', label: 'import.quoteDouble' },
  { value: "'", label: 'import.quoteSingle' },
  { value: '', label: 'import.none' },
];

export const ESCAPE_OPTIONS: readonly SettingOption<string>[] = [
  { value: '"', label: 'import.escapeDoubled' },
  { value: '\\', label: 'import.escapeBackslash' },
  { value: "'", label: 'import.quoteSingle' },
  { value: '', label: 'import.none' },
];

export const DECIMAL_OPTIONS: readonly SettingOption<ImportSettings['decimalSeparator']>[] = [
  { value: '.', label: 'import.decimalPoint' },
  { value: ',', label: 'import.decimalComma' },
];

export const THOUSANDS_OPTIONS: readonly SettingOption<ImportSettings['thousandsSeparator']>[] = [
  { value: '', label: 'import.thousandsNone' },
  { value: ',', label: 'import.thousandsComma' },
  { value: '.', label: 'import.thousandsPoint' },
  { value: ' ', label: 'import.thousandsSpace' },
  { value: "'", label: 'import.thousandsApostrophe' },
];

export const DATE_ORDER_OPTIONS: readonly SettingOption<DateOrder>[] = [
  { value: 'DMY', label: 'import.dateDayFirst' },
  { value: 'MDY', label: 'import.dateMonthFirst' },
  { value: 'YMD', label: 'import.dateYearFirst' },
];

/** The catalog keys of the value kinds' names ("integer", "date & time"...). */
export const KIND_LABEL: Record<ValueKind, MessageKey> = {
  text: 'import.kindText',
  integer: 'import.kindInteger',
  decimal: 'import.kindDecimal',
  percent: 'import.kindPercent',
  date: 'import.kindDate',
  timestamp: 'import.kindTimestamp',
  boolean: 'import.kindBoolean',
};

/** The badge colour family of a value kind (the same families as the Data tab's type badges). */
export function kindFamily(kind: ValueKind): 'number' | 'date' | 'text' | 'boolean' {
  switch (kind) {
    case 'integer':
    case 'decimal':
    case 'percent':
      return 'number';
    case 'date':
    case 'timestamp':
      return 'date';
    case 'boolean':
      return 'boolean';
    default:
      return 'text';
  }
}

const STRPTIME: Record<string, string> = {
  d: 'dd',
  '-d': 'd',
  e: 'd',
  m: 'mm',
  '-m': 'm',
  Y: 'yyyy',
  y: 'yy',
  H: 'hh',
  '-H': 'h',
  I: 'hh',
  M: 'mm',
  S: 'ss',
  f: 'fff',
  g: 'fff',
  b: 'mmm',
  B: 'mmmm',
  a: 'ddd',
  A: 'dddd',
  p: 'AM/PM',
  z: '+hhmm',
  Z: 'zone',
  T: 'hh:mm:ss',
  '%': '%',
};

/** A strptime format as Excel users write it: '%d/%m/%Y %H:%M' -> 'dd/mm/yyyy hh:mm'. */
export function readableDateFormat(t: TranslateFn, format: string): string {
  if (format === 'excel-serial') return t('import.formatExcelDate');
  if (format === 'iso') return 'yyyy-mm-dd';
  return format.replace(/%(-?[a-zA-Z%])/g, (whole, code: string) => STRPTIME[code] ?? whole);
}

/** What the header of a preview column says about the values' format: a date pattern, a number pattern. */
export function columnFormatText(t: TranslateFn, plan: ColumnPlan, settings: ImportSettings): string | null {
  if ((plan.kind === 'date' || plan.kind === 'timestamp') && plan.format) return readableDateFormat(t, plan.format);
  if (plan.kind === 'integer' || plan.kind === 'decimal' || plan.kind === 'percent') {
    const th = settings.thousandsSeparator === ' ' ? '\u2009' : settings.thousandsSeparator;
    const grouped = th ? `#${th}##0` : '0';
    if (plan.kind === 'percent') return t('import.formatPercent');
    const pattern = plan.kind === 'integer' ? grouped : `${grouped}${settings.decimalSeparator}00`;
    return plan.currency ? `${pattern} ${plan.currency}` : pattern;
  }
  if (plan.kind === 'boolean') return t('import.formatBoolean');
  return null;
}

/** "about 12,000 rows" when the count was estimated from the file's size. */
export function rowCountText(t: TranslateFn, inspection: Pick<ImportInspection, 'rowCount' | 'rowCountExact'>): string {
  const n = inspection.rowCount;
  if (inspection.rowCountExact) return t('common.rows', { count: n });
  // An estimate is shown with two significant digits: precision it does not have would mislead.
  const rounded = n < 100 ? n : Number(n.toPrecision(2));
  return t('import.rowCountAbout', { count: rounded });
}

/** Settings the user fixed, without the ones that no longer mean anything for this format. */
export function requestSettings(fixed: FixedSettings, format: ImportSettings['format'] | undefined): FixedSettings {
  const out: FixedSettings = { ...fixed };
  if (format === 'xlsx') {
    delete out.encoding;
    delete out.delimiter;
    delete out.quote;
    delete out.escape;
  } else if (format === 'csv') {
    delete out.sheet;
  }
  if (out.columnKinds && Object.keys(out.columnKinds).length === 0) delete out.columnKinds;
  return out;
}

/** Fixes one setting, or returns it to detection when `value` is undefined. */
export function withSetting<K extends keyof ImportSettings>(
  fixed: FixedSettings,
  key: K,
  value: ImportSettings[K] | undefined,
): FixedSettings {
  const next: FixedSettings = { ...fixed };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

export function withColumnKind(fixed: FixedSettings, column: string, kind: ValueKind | undefined): FixedSettings {
  const kinds = { ...(fixed.columnKinds ?? {}) };
  if (kind === undefined) delete kinds[column];
  else kinds[column] = kind;
  return withSetting(fixed, 'columnKinds', Object.keys(kinds).length > 0 ? kinds : undefined);
}

/** Null tokens as typed in one text field: "N/A, -, null". */
export function parseNullTokens(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t.length > 0),
    ),
  ];
}

export function nullTokensText(tokens: readonly string[]): string {
  return tokens.join(', ');
}

// ---------- Roles ----------

/** The user's corrections: role -> column, null removing the role. */
export type RoleEdits = Record<string, string | null>;

/**
 * The roles as they will be imported: the proposals with the user's corrections applied. A column
 * given to another role leaves its previous role (one column, one role).
 */
export function effectiveRoles(
  proposed: readonly RoleAssignment[],
  edits: RoleEdits,
  columns: readonly string[],
  /** The reason shown for a role the user chose ("chosen by you"). */
  userReason: string,
): RoleAssignment[] {
  const names = new Set(columns);
  const byRole = new Map<string, RoleAssignment>();
  for (const a of proposed) if (names.has(a.column)) byRole.set(a.role, a);
  for (const [role, column] of Object.entries(edits)) {
    if (column === null) {
      byRole.delete(role);
      continue;
    }
    if (!names.has(column)) continue;
    byRole.set(role, { role, column, confidence: 1, reason: userReason, origin: 'user' });
  }
  return [...byRole.values()].sort((a, b) => columns.indexOf(a.column) - columns.indexOf(b.column));
}

/** Applies "role -> column" (or none), moving the column away from a role that had it. */
export function editRole(
  edits: RoleEdits,
  current: readonly RoleAssignment[],
  proposed: readonly RoleAssignment[],
  role: string,
  column: string | null,
): RoleEdits {
  const next: RoleEdits = { ...edits };
  if (column !== null) {
    for (const a of current) if (a.column === column && a.role !== role) next[a.role] = null;
  }
  next[role] = column;
  // An edit that gives back what was proposed is no edit: the request stays minimal.
  for (const [r, c] of Object.entries(next)) {
    const p = proposed.find((a) => a.role === r);
    if ((p && p.column === c) || (!p && c === null)) delete next[r];
  }
  return next;
}

/** The corrections to send: only roles whose column exists in the file as it will be imported. */
export function requestRoles(edits: RoleEdits, columns: readonly string[]): Record<string, string | null> | undefined {
  const names = new Set(columns);
  const out = Object.fromEntries(Object.entries(edits).filter(([, c]) => c === null || names.has(c)));
  return Object.keys(out).length > 0 ? out : undefined;
}

export const ORIGIN_LABEL: Record<RoleAssignment['origin'], MessageKey> = {
  detected: 'import.originDetected',
  preset: 'import.originPreset',
  remembered: 'import.originRemembered',
  user: 'import.originUser',
};

export function confidenceText(t: TranslateFn, confidence: number): string {
  if (confidence >= 0.85) return t('import.confidenceSure');
  if (confidence >= 0.6) return t('import.confidenceLikely');
  return t('import.confidenceUnsure');
}

// ---------- Warnings ----------

export type WarningTone = 'question' | 'problem' | 'info';

const WARNING_TITLE: Record<ImportWarning['code'], MessageKey> = {
  AMBIGUOUS_DATE_ORDER: 'import.warnAmbiguousDateOrder',
  CONVERSION_FAILURES: 'import.warnConversionFailures',
  RENAMED_HEADERS: 'import.warnRenamedHeaders',
  TRANSCODED: 'import.warnTranscoded',
  MERGED_CELLS: 'import.warnMergedCells',
  ERROR_CELLS: 'import.warnErrorCells',
  HIDDEN_SHEET: 'import.warnHiddenSheet',
  RAGGED_ROWS: 'import.warnRaggedRows',
  SECOND_TABLE: 'import.warnSecondTable',
  EMPTY_FILE: 'import.warnEmptyFile',
};

export function warningTitle(t: TranslateFn, w: ImportWarning): string {
  if (w.code === 'CONVERSION_FAILURES' && w.column) return t('import.warnConversionColumn', { column: w.column });
  const key = WARNING_TITLE[w.code];
  return key ? t(key) : w.code;
}

export function warningTone(w: ImportWarning): WarningTone {
  switch (w.code) {
    case 'AMBIGUOUS_DATE_ORDER':
      return 'question';
    case 'CONVERSION_FAILURES':
    case 'ERROR_CELLS':
    case 'RAGGED_ROWS':
    case 'EMPTY_FILE':
      return 'problem';
    default:
      return 'info';
  }
}

/** Questions first, then problems, then notes. */
export function sortWarnings(warnings: readonly ImportWarning[]): ImportWarning[] {
  const rank: Record<WarningTone, number> = { question: 0, problem: 1, info: 2 };
  return [...warnings].sort((a, b) => rank[warningTone(a)] - rank[warningTone(b)]);
}

/**
 * A date written out in the UI language. In English each reading is written the way the people
 * who write dates that way do ("3 April 2026" for day first, "March 4, 2026" for month first).
 */
function longDate(language: Language, year: number, month: number, day: number, order: 'day' | 'month'): string {
  const locale = language === 'en' ? (order === 'day' ? 'en-GB' : 'en-US') : language;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/**
 * The two readings of an ambiguous date, for the question the dialog asks: null when a reading is
 * not a date. Takes the first d/m/y-looking date of the warning, else a made-up one.
 */
export function ambiguousDateReadings(
  message: string,
  language: Language,
): { example: string; dayFirst: string | null; monthFirst: string | null } {
  const m = /\b(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})\b/.exec(message);
  const a = m ? Number(m[1]) : 3;
  const b = m ? Number(m[3]) : 4;
  const written = m ? m[4]! : '2024';
  const year = written.length === 2 ? 2000 + Number(written) : Number(written);
  const example = m ? m[0] : '03/04/2024';
  const valid = (day: number, month: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31;
  const dayFirst = valid(a, b) ? longDate(language, year, b, a, 'day') : null;
  const monthFirst = valid(b, a) ? longDate(language, year, a, b, 'month') : null;
  return { example, dayFirst, monthFirst };
}

// ---------- Source names ----------

/** A name not used by any source: "deals (2)", "deals (3)"... */
export function freeSourceName(base: string, taken: readonly string[]): string {
  const names = new Set(taken);
  let name = base;
  for (let i = 2; names.has(name); i++) name = `${base} (${i})`;
  return name;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * A preview value for display, as the Data tab will show it: numbers, dates and times in the
 * workspace's locale (`formats`: createFormats of the workspace settings), the rest as is.
 */
export function previewCellText(value: string | null, kind: ValueKind, decimals: number, formats: Formats): string {
  if (value === null) return '';
  if (kind === 'integer' || kind === 'decimal' || kind === 'percent') {
    const n = Number(value);
    if (value.trim() !== '' && Number.isFinite(n)) return formats.fixed(decimals, Math.max(decimals, 2))(n);
  }
  if (kind === 'date') return dateText(formats, value);
  if (kind === 'timestamp') return timestampText(formats, value);
  return value;
}

/** Fraction digits a numeric preview column needs (at most 2), so its values line up. */
export function previewDecimals(values: readonly (string | null)[], kind: ValueKind): number {
  if (kind !== 'decimal' && kind !== 'percent') return 0;
  let needed = 0;
  for (const v of values) {
    if (v === null) continue;
    const n = Number(v);
    if (!Number.isFinite(n)) continue;
    const digits = (n.toFixed(2).split('.')[1] ?? '').replace(/0+$/, '').length;
    needed = Math.max(needed, digits);
    if (needed === 2) break;
  }
  return needed;
}

// ---------- Consistency with earlier snapshots ----------

/** The value kind a stored DuckDB column type comes from, null when it has none. */
export function valueKindOfType(duckdbType: string): ValueKind | null {
  const t = duckdbType.trim().toUpperCase();
  if (t === 'VARCHAR' || t.startsWith('ENUM')) return 'text';
  if (['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT'].includes(t)) return 'integer';
  if (t.startsWith('DECIMAL') || t === 'DOUBLE' || t === 'FLOAT' || t === 'REAL') return 'decimal';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t === 'BOOLEAN') return 'boolean';
  return null;
}

export interface KindDiff {
  column: string;
  now: ValueKind;
  before: ValueKind;
}

/**
 * Columns this export reads differently from the source's earlier snapshots (a number column now
 * read as text, say): month-to-month comparisons would break on them.
 */
export function snapshotKindDiffs(columns: readonly ColumnPlan[], earlier: readonly { name: string; type: string }[]): KindDiff[] {
  const before = new Map(earlier.map((c) => [c.name, valueKindOfType(c.type)]));
  const diffs: KindDiff[] = [];
  for (const c of columns) {
    const b = before.get(c.name);
    if (!b || kindFamily(b) === kindFamily(c.kind)) continue;
    diffs.push({ column: c.name, now: c.kind, before: b });
  }
  return diffs;
}

/**
 * An ambiguous date as it is written in the file, rebuilt from the first previewed value of the
 * column and the column's format ('2026-04-03' read with '%d/%m/%Y' was '03/04/2026').
 */
export function ambiguousExample(inspection: Pick<ImportInspection, 'columns' | 'preview'>, warning: ImportWarning): string | null {
  const name = warning.column ?? /"([^"]+)"/.exec(warning.message)?.[1];
  const j = inspection.columns.findIndex((c) => c.name === name);
  const plan = inspection.columns[j];
  if (!plan?.format || !/%[dm]/.test(plan.format)) return null;
  for (const row of inspection.preview) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(row[j] ?? '');
    if (!m) continue;
    const [, y, mo, d] = m as unknown as [string, string, string, string];
    const text = plan.format
      .replace(/%-?d/g, d)
      .replace(/%-?m/g, mo)
      .replace(/%Y/g, y)
      .replace(/%y/g, y.slice(2));
    return /%/.test(text) ? null : text.split(/[ T]/)[0]!;
  }
  return null;
}

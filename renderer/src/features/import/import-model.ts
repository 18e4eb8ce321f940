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

export type FixedSettings = Partial<ImportSettings>;

export const ENCODING_LABEL: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Western Europe)',
  'iso-8859-1': 'ISO-8859-1 (Latin-1)',
};

export const DELIMITER_OPTIONS: readonly { value: string; label: string }[] = [
  { value: ',', label: 'Comma  ,' },
  { value: ';', label: 'Semicolon  ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe  |' },
  { value: ' ', label: 'Space' },
];

export function delimiterLabel(delimiter: string): string {
  return DELIMITER_OPTIONS.find((o) => o.value === delimiter)?.label ?? `“${delimiter}”`;
}

export const QUOTE_OPTIONS: readonly { value: ImportSettings['quote']; label: string }[] = [
  { value: '"', label: 'Double quote  "' },
  { value: "'", label: "Single quote  '" },
  { value: '', label: 'None' },
];

export const ESCAPE_OPTIONS: readonly { value: string; label: string }[] = [
  { value: '"', label: 'Doubled quote  ""' },
  { value: '\\', label: 'Backslash  \\' },
  { value: "'", label: "Single quote  '" },
  { value: '', label: 'None' },
];

export const DECIMAL_OPTIONS: readonly { value: ImportSettings['decimalSeparator']; label: string }[] = [
  { value: '.', label: 'Point  1234.56' },
  { value: ',', label: 'Comma  1234,56' },
];

export const THOUSANDS_OPTIONS: readonly { value: ImportSettings['thousandsSeparator']; label: string }[] = [
  { value: '', label: 'None  1234567' },
  { value: ',', label: 'Comma  1,234,567' },
  { value: '.', label: 'Point  1.234.567' },
  { value: ' ', label: 'Space  1 234 567' },
  { value: "'", label: "Apostrophe  1'234'567" },
];

export const DATE_ORDER_OPTIONS: readonly { value: DateOrder; label: string }[] = [
  { value: 'DMY', label: 'Day first  31/12/2026' },
  { value: 'MDY', label: 'Month first  12/31/2026' },
  { value: 'YMD', label: 'Year first  2026-12-31' },
];

export const KIND_LABEL: Record<ValueKind, string> = {
  text: 'text',
  integer: 'integer',
  decimal: 'decimal',
  percent: 'percent',
  date: 'date',
  timestamp: 'date & time',
  boolean: 'yes/no',
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
export function readableDateFormat(format: string): string {
  if (format === 'excel-serial') return 'Excel date';
  if (format === 'iso') return 'yyyy-mm-dd';
  return format.replace(/%(-?[a-zA-Z%])/g, (whole, code: string) => STRPTIME[code] ?? whole);
}

/** What the header of a preview column says about the values' format: a date pattern, a number pattern. */
export function columnFormatText(plan: ColumnPlan, settings: ImportSettings): string | null {
  if ((plan.kind === 'date' || plan.kind === 'timestamp') && plan.format) return readableDateFormat(plan.format);
  if (plan.kind === 'integer' || plan.kind === 'decimal' || plan.kind === 'percent') {
    const th = settings.thousandsSeparator === ' ' ? '\u2009' : settings.thousandsSeparator;
    const grouped = th ? `#${th}##0` : '0';
    if (plan.kind === 'percent') return '75 % → 0.75';
    const pattern = plan.kind === 'integer' ? grouped : `${grouped}${settings.decimalSeparator}00`;
    return plan.currency ? `${pattern} ${plan.currency}` : pattern;
  }
  if (plan.kind === 'boolean') return 'yes/no, true/false';
  return null;
}

/** "about 12,000 rows" when the count was estimated from the file's size. */
export function rowCountText(inspection: Pick<ImportInspection, 'rowCount' | 'rowCountExact'>): string {
  const n = inspection.rowCount;
  const word = n === 1 ? 'row' : 'rows';
  if (inspection.rowCountExact) return `${n.toLocaleString('en-US')} ${word}`;
  // An estimate is shown with two significant digits: precision it does not have would mislead.
  const rounded = n < 100 ? n : Number(n.toPrecision(2));
  return `about ${rounded.toLocaleString('en-US')} ${word}`;
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
export function effectiveRoles(proposed: readonly RoleAssignment[], edits: RoleEdits, columns: readonly string[]): RoleAssignment[] {
  const names = new Set(columns);
  const byRole = new Map<string, RoleAssignment>();
  for (const a of proposed) if (names.has(a.column)) byRole.set(a.role, a);
  for (const [role, column] of Object.entries(edits)) {
    if (column === null) {
      byRole.delete(role);
      continue;
    }
    if (!names.has(column)) continue;
    byRole.set(role, { role, column, confidence: 1, reason: 'chosen by you', origin: 'user' });
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

export const ORIGIN_LABEL: Record<RoleAssignment['origin'], string> = {
  detected: 'detected',
  preset: 'from the CRM preset',
  remembered: 'remembered',
  user: 'set by you',
};

export function confidenceText(confidence: number): string {
  if (confidence >= 0.85) return 'sure';
  if (confidence >= 0.6) return 'likely';
  return 'unsure';
}

// ---------- Warnings ----------

export type WarningTone = 'question' | 'problem' | 'info';

const WARNING_TITLE: Record<ImportWarning['code'], string> = {
  AMBIGUOUS_DATE_ORDER: 'Which date order?',
  CONVERSION_FAILURES: 'Values that do not fit their column',
  RENAMED_HEADERS: 'Column names changed',
  TRANSCODED: 'Text encoding converted',
  MERGED_CELLS: 'Merged cells',
  ERROR_CELLS: 'Cells with Excel errors',
  HIDDEN_SHEET: 'Hidden sheet',
  RAGGED_ROWS: 'Rows that do not line up',
  SECOND_TABLE: 'A second table was cut off',
  EMPTY_FILE: 'No data rows',
};

export function warningTitle(w: ImportWarning): string {
  if (w.code === 'CONVERSION_FAILURES' && w.column) return `Values of “${w.column}” that do not fit`;
  return WARNING_TITLE[w.code] ?? w.code;
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

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The two readings of an ambiguous date, for the question the dialog asks. Takes the first
 * d/m/y-looking date of the warning, else a made-up one.
 */
export function ambiguousDateReadings(message: string): { example: string; dayFirst: string; monthFirst: string } {
  const m = /\b(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})\b/.exec(message);
  const a = m ? Number(m[1]) : 3;
  const b = m ? Number(m[3]) : 4;
  const year = m ? m[4]! : '2024';
  const example = m ? m[0] : '03/04/2024';
  const valid = (day: number, month: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31;
  const dayFirst = valid(a, b) ? `${a} ${MONTHS[b - 1]} ${year}` : 'day first';
  const monthFirst = valid(b, a) ? `${MONTHS[a - 1]} ${b}, ${year}` : 'month first';
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

/** A preview value for display: numbers grouped like the Data tab (en-US), the rest as is. */
export function previewCellText(value: string | null, kind: ValueKind, decimals: number): string {
  if (value === null) return '';
  if (kind === 'integer' || kind === 'decimal' || kind === 'percent') {
    const n = Number(value);
    if (value.trim() !== '' && Number.isFinite(n)) {
      return n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: Math.max(decimals, 2) });
    }
  }
  if (kind === 'timestamp') return value.replace(/ 00:00:00$/, '');
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

// Value typing of an import: decides each column's kind and format from a sample of its raw text,
// and turns raw text into typed values, all inside DuckDB (no per-row JavaScript).
//
// The raw table holds VARCHAR columns (c0, c1, ...) and a BIGINT "__line" (1-based line of the
// record in the file). Detection:
// 1. takes a sample spread over the table (the first lines plus rows picked by a hash of __line;
//    the whole table when small);
// 2. unpivots it into (column, value) and counts, per column, the values that look boolean,
//    numeric (with the "signatures" of the numbers: 1,234.56 -> 9,999.99, from which the file's
//    decimal and thousands separators are decided once for all columns) or like Excel serials,
//    and groups date-looking values by "shape" (15 Apr, 2021 -> 99 M, 9999), read into strptime
//    formats (typing-patterns.ts);
// 3. proposes candidate plans per column and runs every candidate's own conversion expression
//    over the sample: a column gets a non-text kind only when at least 98% of its non-empty sample
//    values convert. What detection accepts is therefore exactly what conversion converts.
//
// Conventions:
// - Every raw value is trimmed of spaces, tabs, CR/LF, NBSP and narrow NBSP at both ends, for
//   every kind including text. Empty after trimming, or equal to a null token (exact,
//   case-sensitive, after trimming), is NULL.
// - integer -> BIGINT; decimal, percent -> DOUBLE; date -> DATE; timestamp -> TIMESTAMP (UTC for
//   values that carry a zone); boolean -> BOOLEAN; text -> VARCHAR (see sqlTypeOf).
// - percent columns hold the number shown divided by 100 ("45,5 %" -> 0.455; a value without
//   "%" in a percent column is divided too); the UI formats them as percentages.
// - thousandsSeparator ' ' stands for space, NBSP (U+00A0) and narrow NBSP (U+202F); "'" for the
//   straight and the curly (U+2019) apostrophe.
// - plan.format of dates and timestamps: one or more strptime formats joined with '|', tried in
//   that order (try_strptime with a list); '%b' formats read month names in English, French,
//   Dutch and German (translated to English abbreviations in SQL when English fails); a literal
//   Z/UTC/GMT reads as UTC, %z offsets are converted to UTC. 'excel-serial' reads Excel's
//   1900-system day numbers (day 0 = 1899-12-30, fraction = time of day). null = DuckDB's cast.
// - plan.currency: the symbol or code of a decimal column as found ('$', '€', 'EUR'); values
//   with another currency do not convert.
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  DEFAULT_NULL_TOKENS,
  type ColumnPlan,
  type ConversionSample,
  type DateOrder,
  type ImportSettings,
  type ImportWarning,
  type ValueKind,
} from '../../../shared/import/types';
import { quoteIdent, quoteLiteral } from '../../../shared/spec/quote';
import {
  ANY_CORE_RE,
  ANY_NUMBER_RE,
  CURRENCY_RE,
  DATEISH_RE,
  EVIDENCE,
  FALSE_TOKENS,
  MONTH_NAMES,
  MONTH_WORD_RE,
  SP,
  TRIM_CHARS,
  TRUE_TOKENS,
  conversionNumberRe,
  coreNumberRe,
  formatHasTime,
  headerSaysCode,
  headerSaysDate,
  headerSaysFlag,
  reEscape,
  shapeFormats,
  thousandsChars,
} from './typing-patterns';

export interface RawColumn {
  index: number;
  name: string;
  header: string;
  /** Raw column name, e.g. c3 (quoted here, pass it unquoted). */
  ident: string;
}

export interface TypingResult {
  plans: ColumnPlan[];
  decimalSeparator: '.' | ',';
  thousandsSeparator: ImportSettings['thousandsSeparator'];
  dateOrder: DateOrder;
  warnings: ImportWarning[];
}

export type ConversionSettings = Pick<ImportSettings, 'decimalSeparator' | 'thousandsSeparator' | 'nullTokens'>;

/** Share of the non-empty sample values that must convert for a column to get a non-text kind. */
export const MIN_CONVERTED = 0.98;
const DEFAULT_SAMPLE_ROWS = 20_000;
/** Lines always in the sample: the head the preview shows. */
const HEAD_ROWS = 1_000;
/** Wide tables get fewer sample rows: at most this many cells are examined. */
const MAX_SAMPLE_CELLS = 500_000;

const lit = quoteLiteral;
const sqlList = (values: readonly string[]): string => values.map(lit).join(', ');
/**
 * `x` is one of the values. list_contains rather than IN: DuckDB rewrites long IN lists into a
 * join that evaluates `x` for every row, even inside a CASE branch meant for a few rows.
 */
const inList = (x: string, values: readonly string[]): string =>
  values.length === 0 ? 'false' : `list_contains([${sqlList(values)}], ${x})`;

// ---------------------------------------------------------------------------------------------
// Conversion

// Every expression reads the raw column `o` untrimmed where it can (trim() costs more than the
// conversion itself): the patterns accept padding, and only padded values (first or last
// character a space-like, checked in a few byte comparisons) go through trim().

/** The raw value trimmed of TRIM_CHARS; NULL stays NULL. */
function trimmedExpr(o: string): string {
  return `trim(${o}, ${lit(TRIM_CHARS)})`;
}

/** The raw value starts or ends with one of TRIM_CHARS. */
function paddedExpr(o: string): string {
  const codes = [...TRIM_CHARS].map((c) => c.codePointAt(0)!).join(', ');
  return `(list_contains([${codes}], ascii(${o})) OR ${[...TRIM_CHARS].map((c) => `ends_with(${o}, ${lit(c)})`).join(' OR ')})`;
}

function isNullCond(v: string, tokens: readonly string[]): string {
  return tokens.length > 0 ? `${v} = '' OR ${inList(v, tokens)}` : `${v} = ''`;
}

/** SQL condition: the raw value is neither NULL, empty, whitespace nor a null token. */
export function nonEmptyExpr(rawIdent: string, nullTokens: readonly string[]): string {
  const o = quoteIdent(rawIdent);
  const t = trimmedExpr(o);
  return (
    `CASE WHEN ${o} IS NULL OR ${isNullCond(o, nullTokens)} THEN false ` +
    `WHEN ${paddedExpr(o)} THEN NOT (${isNullCond(t, nullTokens)}) ELSE true END`
  );
}

/**
 * A number read by the plan's grammar: validated by a DFA regexp (cheap), then stripped to
 * DuckDB's number syntax by replace() calls (each costs about a regexp) and cast. Tiers so
 * that common values pay for few replace() calls: plain numbers (-1234,5), grouped numbers
 * (-1 234,5), numbers with the plan's currency or percent sign and spaces, then the whole grammar
 * (parentheses, signs after the currency, K/M suffixes). NULL when invalid.
 */
function numberExpr(
  o: string,
  settings: Pick<ImportSettings, 'decimalSeparator' | 'thousandsSeparator'>,
  opts: { integer: boolean; currency: string | null; suffix: boolean; percent: boolean },
): string {
  const d = settings.decimalSeparator;
  const t = settings.thousandsSeparator === d ? '' : settings.thousandsSeparator;
  const type = opts.integer ? 'BIGINT' : 'DOUBLE';
  const core = `(?:${coreNumberRe(d, t, opts.integer)})`;
  const strip = (x: string, chars: Iterable<string>) => {
    for (const c of new Set(chars)) x = `replace(${x}, ${lit(c)}, '')`;
    return x;
  };
  const finish = (x: string) => {
    if (!opts.integer && d === ',') x = `replace(${x}, ',', '.')`;
    return opts.percent ? `(${x} || 'e-2')` : x;
  };
  const spaces = [' ', '\u00A0', '\u202F'];
  const tiers: [string, string][] = [[`-?(?:${coreNumberRe(d, '', opts.integer)})`, finish(o)]];
  if (t !== '') tiers.push([`-?${core}`, finish(strip(o, thousandsChars(t)))]);
  if (opts.currency !== null || opts.percent) {
    // $1,234.50 / 45%, then the same with a space: $ 1,234.50 / 12 500 € / 45,5 %.
    const cur = opts.currency !== null ? reEscape(opts.currency) : null;
    const pattern = (sp: string) => (cur ? `-?${cur}${sp}-?${core}|-?${core}${sp}${cur}` : `-?${core}${sp}%`);
    const x = opts.currency !== null ? `replace(${o}, ${lit(opts.currency)}, '')` : `replace(${o}, '%', '')`;
    tiers.push([pattern(''), finish(strip(x, thousandsChars(t)))]);
    tiers.push([pattern(`${SP}?`), finish(strip(x, [...spaces, ...thousandsChars(t)]))]);
  }
  // The whole grammar. The currency goes first (it may hold '.', 'k' or 'M'); ASCII whitespace
  // at the ends is left to the cast, which skips it.
  let x = o;
  if (opts.currency !== null) x = `replace(${x}, ${lit(opts.currency)}, '')`;
  x = strip(x, [...spaces, ...thousandsChars(t), ')', ...(opts.percent ? ['%'] : [])]);
  x = `replace(replace(${x}, '(', '-'), '\u2212', '-')`;
  if (opts.suffix) x = `replace(replace(replace(${x}, 'K', 'e3'), 'k', 'e3'), 'M', 'e6')`;
  tiers.push([conversionNumberRe(d, t, opts), finish(x)]);
  return `CASE ${tiers.map(([re, e]) => `WHEN regexp_full_match(${o}, ${lit(re)}) THEN try_cast(${e} AS ${type})`).join(' ')} END`;
}

/** The null tokens that contain a digit: the only ones a number or date pattern could accept. */
function digitTokens(tokens: readonly string[]): string[] {
  return tokens.filter((t) => /[0-9]/.test(t));
}

const MONTH_MAP_SQL = `MAP {${[...MONTH_NAMES].map(([k, v]) => `${lit(k)}: ${lit(v)}`).join(', ')}}`;

/** The value with its (first) month word replaced by the English abbreviation; NULL if unknown. */
function monthTranslated(s: string): string {
  const word = `regexp_extract(${s}, '\\pL+\\.?')`;
  return `replace(${s}, ${word}, ${MONTH_MAP_SQL}[lower(rtrim(${word}, '.'))])`;
}

function strptimeExpr(plan: ColumnPlan, s: string): string {
  const formats = (plan.format ?? '').split('|').filter((f) => f.length > 0);
  const parts: string[] = [];
  for (const month of [false, true]) {
    for (const zoned of [false, true]) {
      const group = formats.filter((f) => /%[bB]/.test(f) === month && f.includes('%z') === zoned);
      if (group.length === 0) continue;
      const list = group.length === 1 ? lit(group[0]!) : `[${sqlList(group)}]`;
      // English month names parse as they are; others are translated (only when that fails).
      const parsed = month
        ? `coalesce(try_strptime(${s}, ${list}), try_strptime(${monthTranslated(s)}, ${list}))`
        : `try_strptime(${s}, ${list})`;
      // A zoned value becomes the UTC instant, whatever the session's time zone.
      parts.push(zoned ? `make_timestamp(epoch_us(${parsed}))` : `CAST(${parsed} AS TIMESTAMP)`);
    }
  }
  return parts.length === 1 ? parts[0]! : `coalesce(${parts.join(', ')})`;
}

function temporalExpr(plan: ColumnPlan, o: string, settings: ConversionSettings): string {
  const date = plan.kind === 'date';
  if (plan.format === 'excel-serial') {
    const x = numberExpr(o, { decimalSeparator: settings.decimalSeparator, thousandsSeparator: '' }, {
      integer: false,
      currency: null,
      suffix: false,
      percent: false,
    });
    // Day 0 = 1899-12-30 (Excel's 1900 system, its phantom 1900-02-29 included); 25569 = 1970-01-01.
    const serial = `(${x} * CAST(nullif(${x} >= 1 AND ${x} < 2958466, false) AS INTEGER))`;
    return date
      ? `(DATE '1899-12-30' + CAST(floor(${serial}) AS INTEGER))`
      : `make_timestamp(CAST(round((${serial} - 25569) * 86400000) AS BIGINT) * 1000)`;
  }
  const type = date ? 'DATE' : 'TIMESTAMP';
  if (!plan.format) {
    return `coalesce(try_cast(${o} AS ${type}), CASE WHEN ${paddedExpr(o)} THEN try_cast(${trimmedExpr(o)} AS ${type}) END)`;
  }
  // strptime skips ASCII spaces around the value; other padding (NBSP) takes the trimmed path.
  const ts = `coalesce(${strptimeExpr(plan, o)}, CASE WHEN ${paddedExpr(o)} THEN ${strptimeExpr(plan, trimmedExpr(o))} END)`;
  return date ? `CAST(${ts} AS DATE)` : ts;
}

/**
 * SQL expression turning the raw VARCHAR column `rawIdent` (its name, unquoted: "c3") into the
 * plan's type: NULL for NULL, '', whitespace-only and null tokens; NULL (never an error) for
 * values that do not convert. Values are trimmed of TRIM_CHARS first, text included.
 */
export function conversionExpr(plan: ColumnPlan, settings: ConversionSettings, rawIdent: string): string {
  const o = quoteIdent(rawIdent);
  const t = trimmedExpr(o);
  const tokens = settings.nullTokens;
  switch (plan.kind) {
    case 'text':
      return (
        `CASE WHEN ${isNullCond(o, tokens)} THEN NULL WHEN ${paddedExpr(o)} THEN ` +
        `CASE WHEN ${isNullCond(t, tokens)} THEN NULL ELSE ${t} END ELSE ${o} END`
      );
    case 'boolean': {
      const truthy = [...TRUE_TOKENS, '1'];
      const falsy = [...FALSE_TOKENS, '0'];
      const lowerTokens = new Set(tokens.map((k) => k.toLowerCase()));
      const clash = [...TRUE_TOKENS, ...FALSE_TOKENS, '0', '1'].some((k) => lowerTokens.has(k));
      return (
        `CASE ${clash ? `WHEN ${inList(t, tokens)} THEN NULL ` : ''}` +
        `WHEN ${inList(`lower(${o})`, truthy)} THEN true WHEN ${inList(`lower(${o})`, falsy)} THEN false ` +
        `WHEN ${paddedExpr(o)} THEN CASE WHEN ${inList(`lower(${t})`, truthy)} THEN true ` +
        `WHEN ${inList(`lower(${t})`, falsy)} THEN false END END`
      );
    }
    case 'integer':
    case 'decimal':
    case 'percent':
    case 'date':
    case 'timestamp': {
      const expr =
        plan.kind === 'date' || plan.kind === 'timestamp'
          ? temporalExpr(plan, o, settings)
          : numberExpr(o, settings, {
              integer: plan.kind === 'integer',
              currency: plan.kind === 'decimal' ? plan.currency : null,
              suffix: plan.kind === 'decimal',
              percent: plan.kind === 'percent',
            });
      const digits = digitTokens(tokens);
      return digits.length > 0 ? `CASE WHEN ${inList(t, digits)} THEN NULL ELSE ${expr} END` : expr;
    }
  }
}

/** The SQL type a plan converts to. */
export function sqlTypeOf(kind: ValueKind): string {
  return { text: 'VARCHAR', integer: 'BIGINT', decimal: 'DOUBLE', percent: 'DOUBLE', date: 'DATE', timestamp: 'TIMESTAMP', boolean: 'BOOLEAN' }[kind];
}

// ---------------------------------------------------------------------------------------------
// Failures

function num(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v ?? 0);
}

/**
 * Over the whole raw table, in one scan: for each plan, the non-empty values, and for non-text
 * plans the values that do not convert with up to `samples` examples (first lines first).
 * The raw column of a plan is `c<index>` unless `rawIdentOf` says otherwise.
 */
export async function countFailures(
  conn: DuckDBConnection,
  rawTable: string,
  plans: ColumnPlan[],
  settings: ConversionSettings,
  samples = 5,
  rawIdentOf: (plan: ColumnPlan) => string = (p) => `c${p.index}`,
): Promise<ColumnPlan[]> {
  // One statement per group of columns: DuckDB's planning cost grows much faster than the
  // column count, and CRM exports of 200 columns are common.
  const out: ColumnPlan[] = [];
  for (let i = 0; i < plans.length; i += COLUMNS_PER_STATEMENT) {
    out.push(...(await countFailuresOnce(conn, rawTable, plans.slice(i, i + COLUMNS_PER_STATEMENT), settings, samples, rawIdentOf)));
  }
  return out;
}

/** Columns per checking statement (see countFailures). */
const COLUMNS_PER_STATEMENT = 16;

async function countFailuresOnce(
  conn: DuckDBConnection,
  rawTable: string,
  plans: ColumnPlan[],
  settings: ConversionSettings,
  samples: number,
  rawIdentOf: (plan: ColumnPlan) => string,
): Promise<ColumnPlan[]> {
  if (plans.length === 0) return [];
  const inner: string[] = ['__line'];
  const aggs: string[] = [];
  plans.forEach((plan, i) => {
    const ident = rawIdentOf(plan);
    inner.push(`${quoteIdent(ident)} AS r${i}`, `${nonEmptyExpr(ident, settings.nullTokens)} AS ne${i}`);
    aggs.push(`count(*) FILTER (WHERE ne${i}) AS n${i}`);
    if (plan.kind !== 'text') {
      inner.push(`${conversionExpr(plan, settings, ident)} AS v${i}`);
      const failed = `ne${i} AND v${i} IS NULL`;
      aggs.push(`count(*) FILTER (WHERE ${failed}) AS f${i}`);
      if (samples > 0) {
        aggs.push(`min_by({'line': __line, 'value': r${i}}, __line, ${Math.floor(samples)}) FILTER (WHERE ${failed}) AS s${i}`);
      }
    }
  });
  const sql = `SELECT ${aggs.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${quoteIdent(rawTable)})`;
  const row = (await conn.runAndReadAll(sql)).getRowObjectsJS()[0] ?? {};
  return plans.map((plan, i) => {
    const list = (row[`s${i}`] ?? []) as { line: unknown; value: unknown }[];
    const sampleList: ConversionSample[] = list.map((e) => ({ line: num(e.line), value: String(e.value ?? '') }));
    return {
      ...plan,
      nonEmpty: num(row[`n${i}`]),
      failed: plan.kind === 'text' ? 0 : num(row[`f${i}`]),
      samples: plan.kind === 'text' ? [] : sampleList,
    };
  });
}

const KIND_WORDS: Record<ValueKind, string> = {
  text: 'text',
  integer: 'whole numbers',
  decimal: 'numbers',
  percent: 'percentages',
  date: 'dates',
  timestamp: 'dates with times',
  boolean: 'yes/no values',
};

/** CONVERSION_FAILURES warnings for plans whose failures are counted (after countFailures). */
export function failureWarnings(plans: ColumnPlan[]): ImportWarning[] {
  return plans
    .filter((p) => p.kind !== 'text' && p.failed > 0)
    .map((p) => {
      const first = p.samples[0];
      const example = first ? ` (line ${first.line}: ${JSON.stringify(first.value)})` : '';
      return {
        code: 'CONVERSION_FAILURES' as const,
        column: p.name,
        message:
          `Column "${p.name}": ${p.failed.toLocaleString('en-US')} of ${p.nonEmpty.toLocaleString('en-US')} values ` +
          `are not ${KIND_WORDS[p.kind]} and will be empty${example}.`,
      };
    });
}

// ---------------------------------------------------------------------------------------------
// Detection

interface ColumnStats {
  n: number;
  boolN: number;
  zeroOne: number;
  numN: number;
  pctN: number;
  sufN: number;
  curN: number;
  curMode: string | null;
  leadZero: number;
  phoneN: number;
  bigInt: number;
  dotDec: number;
  commaDec: number;
  dotAmb: number;
  commaAmb: number;
  dotGroups: number;
  commaGroups: number;
  groupedComma: number;
  groupedDot: number;
  groupedSpace: number;
  groupedApostrophe: number;
  plainBig: number;
  serialN: number;
  serialFrac: number;
  ymd8N: number;
}

function emptyStats(): ColumnStats {
  return {
    n: 0, boolN: 0, zeroOne: 0, numN: 0, pctN: 0, sufN: 0, curN: 0, curMode: null, leadZero: 0, phoneN: 0,
    bigInt: 0, dotDec: 0, commaDec: 0, dotAmb: 0, commaAmb: 0, dotGroups: 0, commaGroups: 0, groupedComma: 0,
    groupedDot: 0, groupedSpace: 0, groupedApostrophe: 0, plainBig: 0, serialN: 0, serialFrac: 0, ymd8N: 0,
  };
}

/**
 * The sample's non-empty values, one row per (column, value), trimmed, in a TEMP table: whether
 * each looks like a number (a DFA full match), and for those its digits ("core") and currency.
 */
async function valuesTable(
  conn: DuckDBConnection,
  sampleTable: string,
  columns: RawColumn[],
  tokens: readonly string[],
): Promise<{ table: string; drop: () => Promise<void> }> {
  const table = tempName('values');
  const idents = columns.map((c) => quoteIdent(c.ident)).join(', ');
  await conn.run(
    `CREATE TEMP TABLE ${quoteIdent(table)} AS SELECT col, s, num, ` +
      `CASE WHEN num THEN regexp_extract(s, ${lit(ANY_CORE_RE)}) END AS core, ` +
      `CASE WHEN num THEN regexp_extract(s, ${lit(CURRENCY_RE)}) END AS cur ` +
      `FROM (SELECT col, s, regexp_full_match(s, ${lit(ANY_NUMBER_RE)}) AS num ` +
      `FROM (SELECT col, CASE WHEN ${paddedExpr('v')} THEN ${trimmedExpr('v')} ELSE v END AS s ` +
      `FROM (UNPIVOT (SELECT ${idents} FROM ${quoteIdent(sampleTable)}) ON ${idents} INTO NAME col VALUE v)) ` +
      `WHERE s <> '' AND NOT ${inList('s', tokens)})`,
  );
  return { table, drop: async () => void (await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`)) };
}

/** An RE2 pattern of EVIDENCE as an anchored JavaScript RegExp. */
function jsFull(re: string): RegExp {
  return new RegExp(`^(?:${re.replace(/\\x\{([0-9A-Fa-f]{4})\}/g, '\\u$1')})$`, 'u');
}
const JS_EVIDENCE = Object.fromEntries(Object.entries(EVIDENCE).map(([k, v]) => [k, jsFull(v)])) as Record<
  keyof typeof EVIDENCE,
  RegExp
>;

/**
 * Per column: counts of boolean-looking, number-looking and serial-looking values. The numbers'
 * evidence about separators is worked out here from their signatures (digits turned into 9, a
 * leading 0 kept): a column holds few distinct signatures, so JavaScript sees a few rows only.
 */
async function columnStats(conn: DuckDBConnection, valuesTbl: string): Promise<Map<string, ColumnStats>> {
  const v = quoteIdent(valuesTbl);
  const perColumn = (
    await conn.runAndReadAll(
      `SELECT col, count(*) AS n, ` +
        `count(*) FILTER (WHERE ${inList('lower(s)', [...TRUE_TOKENS, ...FALSE_TOKENS])}) AS boolN, ` +
        `count(*) FILTER (WHERE s = '0' OR s = '1') AS zeroOne, ` +
        `count(*) FILTER (WHERE num) AS numN, ` +
        // Excel serial days 20000-80000 (1954-2119), with or without a time fraction.
        `count(*) FILTER (WHERE num AND regexp_full_match(s, '(?:[2-7][0-9]{4}|80000)(?:[.,][0-9]+)?')) AS serialN, ` +
        `count(*) FILTER (WHERE num AND regexp_full_match(s, '(?:[2-7][0-9]{4}|80000)[.,][0-9]+')) AS serialFrac, ` +
        `count(*) FILTER (WHERE num AND regexp_full_match(s, '(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])')) AS ymd8N ` +
        `FROM ${v} GROUP BY col`,
    )
  ).getRowObjectsJS();
  const out = new Map<string, ColumnStats>();
  for (const row of perColumn) {
    const st = emptyStats();
    for (const key of ['n', 'boolN', 'zeroOne', 'numN', 'serialN', 'serialFrac', 'ymd8N'] as const) st[key] = num(row[key]);
    out.set(String(row.col), st);
  }
  const signatures = (
    await conn.runAndReadAll(
      `SELECT col, sig, pct, suf, cur, plus, count(*) AS n FROM (SELECT col, ` +
        `left(core, 1) || translate(substr(core, 2), '0123456789', '9999999999') AS sig, ` +
        `contains(s, '%') AS pct, regexp_matches(s, ${lit(`[0-9]${SP}*[KkM]`)}) AS suf, cur, starts_with(s, '+') AS plus ` +
        `FROM ${v} WHERE num) GROUP BY ALL`,
    )
  ).getRowObjectsJS();
  const currencies = new Map<string, Map<string, number>>();
  for (const row of signatures) {
    const st = out.get(String(row.col));
    if (!st) continue;
    const n = num(row.n);
    // The first character is the real digit: the signature keeps it to tell 0123 from 1234.
    const sig = String(row.sig).replace(/^[1-9]/, '9');
    const digits = sig.replace(/[^0-9]/g, '').length;
    const cur = String(row.cur ?? '');
    const e = (k: keyof typeof EVIDENCE) => JS_EVIDENCE[k].test(sig);
    if (row.pct) st.pctN += n;
    if (row.suf) st.sufN += n;
    if (cur !== '') {
      st.curN += n;
      const counts = currencies.get(String(row.col)) ?? new Map<string, number>();
      counts.set(cur, (counts.get(cur) ?? 0) + n);
      currencies.set(String(row.col), counts);
    }
    if (/^0[0-9]/.test(sig)) st.leadZero += n;
    if (row.plus && digits >= 8) st.phoneN += n;
    if (sig.replace(/[.,][0-9]{1,2}$/, '').replace(/[^0-9]/g, '').length >= 19) st.bigInt += n;
    if (e('dotDecimal') && !e('dotAmbiguous')) st.dotDec += n;
    if (e('commaDecimal') && !e('commaAmbiguous')) st.commaDec += n;
    if (e('dotAmbiguous')) st.dotAmb += n;
    if (e('commaAmbiguous')) st.commaAmb += n;
    if (e('dotGroups')) st.dotGroups += n;
    if (e('commaGroups')) st.commaGroups += n;
    if (e('groupedComma')) st.groupedComma += n;
    if (e('groupedDot')) st.groupedDot += n;
    if (e('groupedSpace')) st.groupedSpace += n;
    if (e('groupedApostrophe')) st.groupedApostrophe += n;
    if (e('plainBig')) st.plainBig += n;
  }
  for (const [col, counts] of currencies) {
    const st = out.get(col);
    if (st) st.curMode = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  }
  return out;
}

interface Shape {
  shape: string;
  n: number;
}

async function dateShapes(conn: DuckDBConnection, valuesTbl: string): Promise<Map<string, Shape[]>> {
  const sql =
    `SELECT col, shape, count(*) AS n FROM (` +
    `SELECT col, translate(CASE WHEN regexp_matches(s, '\\pL\\pL') ` +
    `THEN regexp_replace(s, ${lit(MONTH_WORD_RE)}, '\\1M\\3') ELSE s END, '0123456789', '9999999999') AS shape ` +
    `FROM ${quoteIdent(valuesTbl)} WHERE length(s) BETWEEN 6 AND 40 AND regexp_matches(s, ${lit(DATEISH_RE)})) ` +
    `GROUP BY col, shape QUALIFY row_number() OVER (PARTITION BY col ORDER BY n DESC, shape) <= 24`;
  const rows = (await conn.runAndReadAll(sql)).getRowObjectsJS();
  const out = new Map<string, Shape[]>();
  for (const row of rows) {
    const col = String(row.col);
    const list = out.get(col) ?? [];
    list.push({ shape: String(row.shape), n: num(row.n) });
    out.set(col, list);
  }
  return out;
}

/** Decides the file's decimal and thousands separators from the evidence of every column. */
function decideSeparators(
  stats: Iterable<ColumnStats>,
  fixed: Partial<Pick<ImportSettings, 'decimalSeparator' | 'thousandsSeparator'>>,
): { decimalSeparator: '.' | ','; thousandsSeparator: ImportSettings['thousandsSeparator'] } {
  const numeric = [...stats].filter((s) => s.numN > 0 && s.numN >= 0.5 * s.n);
  const sum = (f: (s: ColumnStats) => number) => numeric.reduce((a, s) => a + f(s), 0);
  let decimal: '.' | ',';
  if (fixed.decimalSeparator) decimal = fixed.decimalSeparator;
  else if (fixed.thousandsSeparator === ',') decimal = '.';
  else if (fixed.thousandsSeparator === '.') decimal = ',';
  else {
    // Sure signs: a separator followed by other than three digits, or two different separators
    // (1,234.5), or the other separator repeated as groups (1.234.567 -> ',' is decimal).
    const dot = sum((s) => s.dotDec + s.commaGroups);
    const comma = sum((s) => s.commaDec + s.dotGroups);
    if (dot !== comma) decimal = dot > comma ? '.' : ',';
    else {
      // Only 1,234 / 1.234: a thousands separator, unless the same column writes big numbers
      // without grouping (1234), or the thousands separator is fixed to something else: then a
      // decimal separator.
      // (A fixed ',' or '.' thousands separator was settled above: here it is unset or other.)
      const grouping = fixed.thousandsSeparator === undefined;
      const decimalVotes = (s: ColumnStats, own: number) => (s.plainBig > 0 || !grouping ? own : 0);
      const thousandsVotes = (s: ColumnStats, other: number) => (s.plainBig > 0 || !grouping ? 0 : other);
      const dotVotes = sum((s) => decimalVotes(s, s.dotAmb) + thousandsVotes(s, s.commaAmb));
      const commaVotes = sum((s) => decimalVotes(s, s.commaAmb) + thousandsVotes(s, s.dotAmb));
      decimal = commaVotes > dotVotes ? ',' : '.';
    }
  }
  let thousands: ImportSettings['thousandsSeparator'];
  if (fixed.thousandsSeparator !== undefined) thousands = fixed.thousandsSeparator;
  else {
    const candidates: [ImportSettings['thousandsSeparator'], number][] = [
      [decimal === '.' ? ',' : '.', sum((s) => (decimal === '.' ? s.groupedComma : s.groupedDot))],
      [' ', sum((s) => s.groupedSpace)],
      ["'", sum((s) => s.groupedApostrophe)],
    ];
    const best = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
    thousands = best[1] > 0 ? best[0] : '';
  }
  return { decimalSeparator: decimal, thousandsSeparator: thousands };
}

type PlanShape = Pick<ColumnPlan, 'kind' | 'format' | 'currency'>;

interface Candidate {
  plan: PlanShape;
  /** Stage: candidates of one stage compete, the first stage that passes wins. */
  stage: 'boolean' | 'date' | 'serial' | 'percent' | 'number';
  /** For numeric d/m/y dates: the order this candidate reads them in. */
  order?: DateOrder;
  /** Decided from the statistics alone (no conversion on the sample needed). */
  failures?: number;
  /** Filled by evaluation: sample values that do not convert. */
  failed?: number;
}

/** Date candidates from the column's shapes: one per day/month order when the order is open. */
function dateCandidates(shapes: Shape[], n: number, fixedOrder: DateOrder | undefined, kind?: ValueKind): Candidate[] {
  const anyFormats: string[] = [];
  const byOrder: Record<DateOrder, string[]> = { DMY: [], MDY: [], YMD: [] };
  const ordersSeen = new Set<DateOrder>();
  let ordered = false;
  let covered = 0;
  for (const { shape, n: count } of shapes) {
    const f = shapeFormats(shape);
    if (!f) continue;
    covered += count;
    if (f.any && !anyFormats.includes(f.any)) anyFormats.push(f.any);
    if (f.byOrder) {
      ordered = true;
      for (const [order, format] of Object.entries(f.byOrder) as [DateOrder, string][]) {
        ordersSeen.add(order);
        if (!byOrder[order].includes(format)) byOrder[order].push(format);
      }
    }
  }
  if (covered === 0 || (kind === undefined && covered < 0.5 * n)) return [];
  const make = (formats: string[], order?: DateOrder): Candidate => {
    const timed = formats.some(formatHasTime);
    const k: ValueKind = kind === 'date' || kind === 'timestamp' ? kind : timed ? 'timestamp' : 'date';
    return { plan: { kind: k, format: formats.join('|'), currency: null }, stage: 'date', ...(order ? { order } : {}) };
  };
  if (!ordered) return [make(anyFormats)];
  // A fixed order is obeyed where the values allow it (YMD cannot read 15/03/2024: detected then).
  const orders = fixedOrder && ordersSeen.has(fixedOrder) ? [fixedOrder] : (['DMY', 'MDY', 'YMD'] as const).filter((o) => ordersSeen.has(o));
  return orders.map((o) => make([...byOrder[o], ...anyFormats], o));
}

/** Every candidate plan for one column, in order of preference. */
function candidatesFor(
  col: RawColumn,
  st: ColumnStats,
  shapes: Shape[],
  fixed: Partial<ImportSettings>,
): Candidate[] {
  const header = col.header || col.name;
  const forced = fixed.columnKinds?.[col.name];
  const out: Candidate[] = [];
  const n = st.n;
  const flag = headerSaysFlag(header);
  const dateHeader = headerSaysDate(header);
  const codeLike = headerSaysCode(header) || st.leadZero > 0 || st.phoneN > 0;

  const want = (k: ValueKind) => forced === undefined || forced === k;
  const wantTemporal = forced === undefined || forced === 'date' || forced === 'timestamp';
  const temporalKind = forced === 'date' || forced === 'timestamp' ? forced : undefined;

  if (want('boolean')) {
    const boolish = st.boolN + (flag || forced === 'boolean' ? st.zeroOne : 0);
    if (forced === 'boolean' || (boolish >= MIN_CONVERTED * n && (st.boolN > 0 || flag))) {
      out.push({ plan: { kind: 'boolean', format: null, currency: null }, stage: 'boolean', failures: n - boolish });
    }
  }
  if (wantTemporal) {
    out.push(...dateCandidates(shapes, n, fixed.dateOrder, temporalKind));
    if ((dateHeader || temporalKind) && st.serialN > 0 && st.serialN >= MIN_CONVERTED * n) {
      const kind = temporalKind ?? (st.serialFrac > 0 ? 'timestamp' : 'date');
      out.push({ plan: { kind, format: 'excel-serial', currency: null }, stage: 'serial' });
    }
    if ((dateHeader || temporalKind) && st.ymd8N > 0 && st.ymd8N >= MIN_CONVERTED * n) {
      out.push({ plan: { kind: temporalKind ?? 'date', format: '%Y%m%d', currency: null }, stage: 'serial' });
    }
  }
  const numberish = forced !== undefined || (!codeLike && st.numN >= MIN_CONVERTED * n);
  if (numberish) {
    if (want('percent') && (forced === 'percent' || (st.pctN > 0 && st.pctN >= 0.5 * n))) {
      out.push({ plan: { kind: 'percent', format: null, currency: null }, stage: 'percent' });
    }
    if (want('integer') && st.bigInt === 0 && st.curN === 0 && st.sufN === 0 && st.pctN === 0) {
      out.push({ plan: { kind: 'integer', format: null, currency: null }, stage: 'number' });
    }
    if (want('integer') && forced === 'integer' && !out.some((c) => c.plan.kind === 'integer')) {
      out.push({ plan: { kind: 'integer', format: null, currency: null }, stage: 'number' });
    }
    if (want('decimal')) {
      out.push({ plan: { kind: 'decimal', format: null, currency: st.curMode }, stage: 'number' });
    }
  }
  return out;
}

function passes(c: Candidate, n: number): boolean {
  return (c.failed ?? c.failures ?? 0) <= (1 - MIN_CONVERTED) * n;
}

interface Choice {
  plan: PlanShape;
  /** Date columns whose values read equally well in several orders. */
  tiedOrders?: DateOrder[];
  candidates?: Candidate[];
}

/** Picks a column's plan among its evaluated candidates (see the module comment). */
function choose(cands: Candidate[], n: number, forced: ValueKind | undefined): Choice {
  const text: Choice = { plan: { kind: forced ?? 'text', format: null, currency: null } };
  if (n === 0 && forced === undefined) return text;
  const stages = ['boolean', 'date', 'serial', 'percent', 'number'] as const;
  const fails = (c: Candidate) => c.failed ?? c.failures ?? 0;
  let fallback: Candidate | null = null;
  for (const stage of stages) {
    const group = cands.filter((c) => c.stage === stage);
    if (group.length === 0) continue;
    if (stage === 'number') {
      const integer = group.find((c) => c.plan.kind === 'integer');
      const decimal = group.find((c) => c.plan.kind === 'decimal');
      // Integer only when it loses nothing decimal would read (no 12.5 among the values).
      const best = integer && (!decimal || fails(integer) <= fails(decimal)) ? integer : (decimal ?? integer)!;
      if (passes(best, n)) return { plan: best.plan };
      if (!fallback || fails(best) < fails(fallback)) fallback = best;
      continue;
    }
    const least = Math.min(...group.map(fails));
    const best = group.filter((c) => fails(c) === least);
    if (passes(best[0]!, n)) {
      if (stage === 'date' && best.length > 1 && best.every((c) => c.order)) {
        return { plan: best[0]!.plan, tiedOrders: best.map((c) => c.order!), candidates: best };
      }
      return { plan: best[0]!.plan };
    }
    if (!fallback || least < fails(fallback)) fallback = best[0]!;
  }
  // A kind the user fixed is kept even when most values fail: they are counted and reported.
  if (forced !== undefined && forced !== 'text') return fallback ? { plan: fallback.plan } : text;
  return text;
}

async function evaluate(
  conn: DuckDBConnection,
  sampleTable: string,
  work: { col: RawColumn; cands: Candidate[] }[],
  settings: ConversionSettings,
): Promise<void> {
  const aggs: string[] = [];
  const targets: Candidate[] = [];
  for (const { col, cands } of work) {
    for (const c of cands) {
      if (c.failures !== undefined) continue;
      const plan = { ...c.plan, index: col.index, name: col.name, header: col.header, nonEmpty: 0, failed: 0, samples: [] };
      aggs.push(
        `count(*) FILTER (WHERE ${nonEmptyExpr(col.ident, settings.nullTokens)} AND (${conversionExpr(plan, settings, col.ident)}) IS NULL)`,
      );
      targets.push(c);
    }
  }
  if (targets.length === 0) return;
  // Several statements of a few dozen aggregates each: see countFailures.
  const per = COLUMNS_PER_STATEMENT * 2;
  for (let start = 0; start < aggs.length; start += per) {
    const part = aggs.slice(start, start + per);
    const row =
      (await conn.runAndReadAll(`SELECT ${part.map((a, i) => `${a} AS f${i}`).join(', ')} FROM ${quoteIdent(sampleTable)}`)).getRowObjectsJS()[0] ??
      {};
    part.forEach((_, i) => (targets[start + i]!.failed = num(row[`f${i}`])));
  }
}

function tempName(what: string): string {
  return `__qd_typing_${what}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e9).toString(36)}`;
}

/** Which rows detection looks at in a table of `total` rows; null for all of them. */
export interface SamplePlan {
  /** At most this many rows. */
  rows: number;
  /** The first `head` rows (what the preview shows) are always in. */
  head: number;
  /** Beyond the head, rows whose `hash(__line) % 1000000` is below this. */
  perMillion: number;
}

export function samplePlan(total: number, columnCount: number, sampleRows = DEFAULT_SAMPLE_ROWS): SamplePlan | null {
  const rows = Math.max(1, Math.min(sampleRows, Math.max(HEAD_ROWS, Math.floor(MAX_SAMPLE_CELLS / Math.max(1, columnCount)))));
  if (total <= rows) return null;
  const head = Math.min(HEAD_ROWS, Math.floor(rows / 10));
  // 3% below the target so that the LIMIT (a safety) almost never cuts the tail of the file.
  const perMillion = Math.floor((((rows - head) * 0.97) / total) * 1_000_000);
  return { rows, head, perMillion };
}

/**
 * The rows detection looks at: the whole table when small, else the first lines (what the
 * preview shows) plus rows picked by a hash of their line number, spread over the whole file and
 * the same on every run.
 */
async function makeSample(
  conn: DuckDBConnection,
  rawTable: string,
  columns: RawColumn[],
  sampleRows: number,
): Promise<{ table: string; drop: () => Promise<void> }> {
  const raw = quoteIdent(rawTable);
  const total = num((await conn.runAndReadAll(`SELECT count(*) AS n FROM ${raw}`)).getRowObjectsJS()[0]?.n);
  const plan = samplePlan(total, columns.length, sampleRows);
  if (!plan) return { table: rawTable, drop: async () => undefined };
  const table = tempName('sample');
  const cols = ['__line', ...columns.map((c) => c.ident)].map(quoteIdent).join(', ');
  const headEnd = `(SELECT max(__line) FROM (SELECT __line FROM ${raw} ORDER BY __line LIMIT ${plan.head}))`;
  await conn.run(
    `CREATE TEMP TABLE ${quoteIdent(table)} AS SELECT ${cols} FROM ${raw} ` +
      `WHERE __line <= ${headEnd} OR hash(__line) % 1000000 < ${plan.perMillion} LIMIT ${plan.rows}`,
  );
  return { table, drop: async () => void (await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`)) };
}

const ORDER_WORDS: Record<DateOrder, string> = { DMY: 'day first (DMY)', MDY: 'month first (MDY)', YMD: 'year first (YMD)' };

/**
 * Detects every column's kind and format from the raw table (a sample of up to sampleRows rows,
 * default 20000, fewer for tables wider than 25 columns: the first lines plus rows spread over
 * the whole table). Settings given in
 * `fixed` (decimalSeparator, thousandsSeparator, dateOrder, columnKinds, nullTokens) are obeyed,
 * not detected. The plans' nonEmpty/failed/samples are the SAMPLE's; countFailures gives the
 * whole table's (with `countSample: false` they are left at zero, for a caller who counts the
 * whole table anyway). `rawTable` is a plain table name (quoted here). With `presampled`,
 * `rawTable` already holds the rows samplePlan() picks (the caller could pick them faster) and is
 * read whole.
 */
export async function detectColumns(
  conn: DuckDBConnection,
  rawTable: string,
  columns: RawColumn[],
  fixed: Partial<ImportSettings>,
  options?: { sampleRows?: number; presampled?: boolean; countSample?: boolean },
): Promise<TypingResult> {
  const tokens = fixed.nullTokens ?? DEFAULT_NULL_TOKENS;
  if (columns.length === 0) {
    return {
      plans: [],
      decimalSeparator: fixed.decimalSeparator ?? '.',
      thousandsSeparator: fixed.thousandsSeparator ?? '',
      dateOrder: fixed.dateOrder ?? 'DMY',
      warnings: [],
    };
  }
  const sample = options?.presampled
    ? { table: rawTable, drop: async () => undefined }
    : await makeSample(conn, rawTable, columns, options?.sampleRows ?? DEFAULT_SAMPLE_ROWS);
  try {
    const values = await valuesTable(conn, sample.table, columns, tokens);
    let stats: Map<string, ColumnStats>;
    let shapes: Map<string, Shape[]>;
    try {
      stats = await columnStats(conn, values.table);
      shapes = await dateShapes(conn, values.table);
    } finally {
      await values.drop();
    }
    const separators = decideSeparators(stats.values(), fixed);
    const settings: ConversionSettings = { ...separators, nullTokens: tokens };

    const work = columns.map((col) => {
      const st = stats.get(col.ident) ?? emptyStats();
      const forced = fixed.columnKinds?.[col.name];
      const cands = forced === 'text' ? [] : candidatesFor(col, st, shapes.get(col.ident) ?? [], fixed);
      return { col, st, forced, cands };
    });
    await evaluate(conn, sample.table, work, settings);
    const choices = work.map((w) => choose(w.cands, w.st.n, w.forced));

    // The file's date order: fixed, else the one proven by the columns whose values decide it
    // (a part above 12), else day first. Columns where every value reads both ways take it.
    const proven = new Map<DateOrder, number>();
    choices.forEach((c, i) => {
      const order = work[i]!.cands.find((k) => k.plan === c.plan)?.order;
      if (order && !c.tiedOrders) proven.set(order, (proven.get(order) ?? 0) + 1);
    });
    const provenOrder = [...proven].sort((a, b) => b[1] - a[1])[0]?.[0];
    const dateOrder: DateOrder = fixed.dateOrder ?? provenOrder ?? 'DMY';
    const warnings: ImportWarning[] = [];
    choices.forEach((c, i) => {
      if (!c.tiedOrders || !c.candidates) return;
      const pick = c.candidates.find((k) => k.order === dateOrder) ?? c.candidates.find((k) => k.order === 'DMY') ?? c.candidates[0]!;
      c.plan = pick.plan;
      if (fixed.dateOrder) return;
      const name = work[i]!.col.name;
      const why = provenOrder
        ? `as ${ORDER_WORDS[pick.order!]} like the other date columns of the file`
        : `as ${ORDER_WORDS[pick.order!]}`;
      warnings.push({
        code: 'AMBIGUOUS_DATE_ORDER',
        column: name,
        message: `Column "${name}": every date reads both as day/month and month/day (such as 03/04/2024); read ${why}. Check the date order.`,
      });
    });

    const plans: ColumnPlan[] = work.map(({ col }, i) => ({
      index: col.index,
      name: col.name,
      header: col.header,
      ...choices[i]!.plan,
      nonEmpty: 0,
      failed: 0,
      samples: [],
    }));
    if (options?.countSample === false) return { plans, ...separators, dateOrder, warnings };
    const identOf = new Map(plans.map((p, i) => [p, columns[i]!.ident]));
    const counted = await countFailures(conn, sample.table, plans, settings, 5, (p) => identOf.get(p) ?? `c${p.index}`);
    return { plans: counted, ...separators, dateOrder, warnings };
  } finally {
    await sample.drop();
  }
}

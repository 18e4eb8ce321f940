// Dialect of a UTF-8 text export: delimiter, quote and escape (DuckDB's sniffer, checked against
// the header line, and against the head of the file: when its records do not come out even, other
// delimiters, quote characters and escapes are tried, lenient quoting included), then what DuckDB
// does not find well: preamble lines above the header, stacked multi-row headers and files
// without a header.
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '../../../shared/spec/quote';
import { guessDelimiter } from './csv-scan';
import { parseRecords, looksTyped, type Dialect, type ParseStats, type RawRecord } from './records';

export interface DialectGuess extends Dialect {
  /** Physical lines before the header. */
  skipRows: number;
  headerRows: number;
  /** Fields per record, as in most records. */
  fieldCount: number;
  /** Header names as found (multi-row headers joined with a space), before renaming. */
  headers: string[];
  /** The first records after the header, for the raw preview. */
  sample: RawRecord[];
  /** A quote opened in the head of the file and never closed: the line where it opened. */
  unterminatedLine: number | null;
}

export interface DialectOverrides {
  delimiter?: string;
  quote?: string;
  escape?: string;
  skipRows?: number;
  headerRows?: number;
}

interface Sniffed {
  delimiter: string;
  quote: string;
  escape: string;
  hasHeader: boolean;
  columns: number;
}

async function sniff(conn: DuckDBConnection, path: string, delimiter?: string): Promise<Sniffed | null> {
  try {
    const opts = delimiter ? `, delim=${quoteLiteral(delimiter)}` : '';
    const reader = await conn.runAndReadAll(
      `SELECT Delimiter AS d, Quote AS q, Escape AS e, HasHeader AS h, len(Columns) AS n
       FROM sniff_csv(${quoteLiteral(path)}${opts}, sample_size = 20480)`,
    );
    const row = reader.getRowObjectsJS()[0];
    if (!row) return null;
    const unquote = (v: unknown) => (v === '(empty)' || v === null || v === undefined ? '' : String(v));
    return {
      delimiter: unquote(row.d) || ',',
      quote: unquote(row.q),
      escape: unquote(row.e),
      hasHeader: Boolean(row.h),
      columns: Number(row.n),
    };
  } catch {
    return null;
  }
}

/** The most frequent value; on a tie, the one seen last (data rows come after a header or a title). */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  const last = new Map<number, number>();
  values.forEach((v, i) => {
    counts.set(v, (counts.get(v) ?? 0) + 1);
    last.set(v, i);
  });
  let best = values[0] ?? 0;
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && last.get(v)! > last.get(best)!)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

const isBlank = (r: RawRecord) => r.fields.length === 1 && r.fields[0]!.trim() === '';

/** Characters of the head a candidate dialect is tried on. */
const TRIAL_CHARS = 64 * 1024;

interface Evenness {
  /** Share of the records, from the first one of the usual width on, that have that width and no misplaced quote. */
  share: number;
  /** The usual field count. */
  width: number;
  /** A quote is never closed. */
  unterminated: boolean;
  /** Escape characters that escaped something. */
  escapes: number;
}

/** How evenly a dialect reads the head. */
function evenness(head: string, truncated: boolean, dialect: Dialect): Evenness {
  const stats: ParseStats = { quoteAnomalies: 0, unterminatedLine: null };
  const text = head.length > TRIAL_CHARS ? head.slice(0, TRIAL_CHARS) : head;
  const records = parseRecords(text, dialect, truncated || text.length < head.length, 300, stats).filter((r) => !isBlank(r));
  const unterminated = stats.unterminatedLine !== null;
  const escapes = stats.escapesUsed ?? 0;
  if (records.length === 0) return { share: 0, width: 0, unterminated, escapes };
  const width = mode(records.map((r) => r.fields.length));
  // Title lines above the table do not count against a dialect.
  const body = records.slice(Math.max(0, records.findIndex((r) => r.fields.length === width)));
  // ...but a table is most of the head, and more than one record.
  const share =
    body.length >= 2 && body.length * 2 >= records.length
      ? body.filter((r) => r.fields.length === width && !r.anomaly).length / body.length
      : 0;
  return { share, width, unterminated, escapes };
}

const score = (e: Evenness) => e.share * (e.unterminated ? 0.5 : 1) + 1e-3 * (e.escapes / (e.escapes + 1));

/** A candidate must read this share of the head evenly to replace the detected dialect. */
const CONVINCING = 0.95;

/**
 * The detected dialect, unless it reads the head unevenly (records of different widths, a quote
 * out of place or never closed) and another one reads it as a table of several columns almost
 * perfectly: the usual delimiters (space included), double or single quotes or none, and for a
 * quote: doubled-quote escapes, backslash escapes, no escape (lenient quoting), or for single
 * quotes a double quote as escape. The best such reading wins; ties go to the more conventional.
 * A file that reads evenly as one column keeps its single column.
 */
function bestDialect(head: string, truncated: boolean, detected: Dialect, overrides: DialectOverrides): Dialect {
  const own = evenness(head, truncated, detected);
  if (own.share >= 1 && !own.unterminated) return detected;
  let best = detected;
  let bestScore = own.width >= 2 ? score(own) : 0;
  const delimiters = overrides.delimiter !== undefined ? [overrides.delimiter] : [...new Set([detected.delimiter, ',', ';', '\t', '|', ' '])];
  const quotes = overrides.quote !== undefined ? [overrides.quote] : ['"', "'", ''];
  for (const delimiter of delimiters) {
    for (const quote of quotes) {
      const escapes =
        overrides.escape !== undefined ? [overrides.escape] : quote === "'" ? ["'", '', '\\', '"'] : quote ? [quote, '', '\\'] : [''];
      for (const escape of escapes) {
        if (delimiter === detected.delimiter && quote === detected.quote && escape === detected.escape) continue;
        const e = evenness(head, truncated, { delimiter, quote, escape });
        if (e.width < 2 || e.share < CONVINCING || e.unterminated) continue;
        if (score(e) > bestScore + 1e-9) {
          best = { delimiter, quote, escape };
          bestScore = score(e);
        }
      }
    }
  }
  return best;
}

/** Lines of the head before `line` hold an odd number of quotes: a broken record, not a title. */
function unbalancedQuotesBefore(head: string, line: number, quote: string): boolean {
  if (!quote || line <= 1) return false;
  const lines = head.split(/\r\n|\n|\r/).slice(0, line - 1);
  let count = 0;
  for (const l of lines) count += l.split(quote).length - 1;
  return count % 2 === 1;
}

/**
 * A header written as one field while the data has several (names separated by spaces, or by
 * another delimiter than the data's): its names, when it splits into exactly the table's width.
 */
function splitHeader(r: RawRecord | undefined, fieldCount: number): string[] | null {
  if (!r || r.fields.length !== 1 || fieldCount < 2) return null;
  const text = r.fields[0]!.trim();
  for (const sep of [/\s+/, /\s*;\s*/, /\s*,\s*/, /\t/, /\s*\|\s*/]) {
    const parts = text
      .split(sep)
      .map((p) => p.replace(/^(["'])(.*)\1$/, '$2'))
      .filter((p) => p !== '');
    if (parts.length === fieldCount && !parts.some(looksTyped)) return parts;
  }
  return null;
}

const nonEmpty = (r: RawRecord) => r.fields.filter((f) => f.trim() !== '').length;

/**
 * Index of the header record: the first record that is as wide as the table and mostly filled.
 * Titles, export dates and blank lines above it are a preamble.
 */
function headerIndex(records: RawRecord[], fieldCount: number): number {
  const filled = records.filter((r) => r.fields.length >= fieldCount).map(nonEmpty);
  const typical = filled.length ? filled.sort((a, b) => a - b)[Math.floor(filled.length / 2)]! : 1;
  const needed = Math.max(2, Math.ceil(Math.min(typical, fieldCount) * 0.6));
  for (let i = 0; i < Math.min(records.length, 30); i++) {
    const r = records[i]!;
    if (r.fields.length >= fieldCount - 1 && nonEmpty(r) >= Math.min(needed, fieldCount)) return i;
  }
  return 0;
}

/** Columns whose data values are mostly numbers, dates or flags (one value is enough in a one-row file). */
function typedColumns(data: RawRecord[], fieldCount: number): number[] {
  const out: number[] = [];
  const least = data.length >= 2 ? 2 : 1;
  for (let j = 0; j < fieldCount; j++) {
    const values = data.map((r) => r.fields[j] ?? '').filter((v) => v.trim() !== '');
    if (values.length >= least && values.filter(looksTyped).length / values.length >= 0.8) out.push(j);
  }
  return out;
}

/** A header record holds names where the data holds typed values. */
function isHeaderLike(r: RawRecord, typed: number[]): boolean {
  if (typed.length === 0) return false;
  return typed.every((j) => !looksTyped(r.fields[j] ?? '')) && nonEmpty(r) > 0;
}

export async function detectDialect(
  conn: DuckDBConnection,
  path: string,
  head: string,
  truncated: boolean,
  overrides: DialectOverrides = {},
): Promise<DialectGuess> {
  const firstLine = head.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  let sniffed = await sniff(conn, path, overrides.delimiter);
  // The sniffer falls back to one column when rows are ragged; the header line knows better.
  const fromHeader = guessDelimiter(head.split(/\r\n|\n|\r/).slice(0, 20).join('\n')) ?? guessDelimiter(firstLine);
  if (!overrides.delimiter && fromHeader && (!sniffed || sniffed.columns <= 1)) {
    sniffed = (await sniff(conn, path, fromHeader)) ?? { delimiter: fromHeader, quote: '"', escape: '"', hasHeader: true, columns: 0 };
  }
  const delimiter = overrides.delimiter ?? sniffed?.delimiter ?? fromHeader ?? ',';
  const quote = overrides.quote ?? (sniffed?.quote || (head.includes('"') ? '"' : ''));
  const escape = overrides.escape ?? (sniffed?.escape || quote);
  const dialect: Dialect = bestDialect(head, truncated, { delimiter, quote, escape }, overrides);

  const stats: ParseStats = { quoteAnomalies: 0, unterminatedLine: null };
  const records = parseRecords(head, dialect, truncated, 500, stats).filter((r) => !isBlank(r));
  const fieldCount = records.length ? mode(records.map((r) => r.fields.length)) : 0;

  let start: number;
  if (overrides.skipRows !== undefined) {
    start = records.findIndex((r) => r.line > overrides.skipRows!);
    if (start < 0) start = records.length;
  } else {
    start = headerIndex(records, fieldCount);
    // A line with a quote left open is a broken record, never a title: let the reader say where.
    if (start > 0 && unbalancedQuotesBefore(head, records[start]!.line, dialect.quote)) start = 0;
  }

  const skipOf = (at: number) => overrides.skipRows ?? (records[at] ? records[at]!.line - 1 : 0);
  let headerRows: number;
  if (overrides.headerRows !== undefined) headerRows = overrides.headerRows;
  else {
    const data = records.slice(start + 1, start + 60);
    // Past a possible second and third header row; all of it in a tiny file.
    const typed = typedColumns(data.length > 2 ? data.slice(2) : data, fieldCount);
    const first = records[start];
    if (!first) headerRows = 1;
    else if (typed.length > 0) {
      if (!isHeaderLike(first, typed)) {
        headerRows = 0;
        // The names on one line above the data, separated otherwise than the data.
        if (overrides.skipRows === undefined && start > 0 && splitHeader(records[start - 1], fieldCount)) {
          start--;
          headerRows = 1;
        }
      } else {
        headerRows = 1;
        while (headerRows < 3 && records[start + headerRows] && isHeaderLike(records[start + headerRows]!, typed)) headerRows++;
      }
    } else if (first.fields.some((f) => f.trim() !== '') && first.fields.every((f) => f.trim() === '' || looksTyped(f))) {
      // Numbers and dates are values, never names.
      headerRows = 0;
    } else {
      // Every column is text: trust DuckDB's judgement when it looked at the same place.
      headerRows = sniffed && !sniffed.hasHeader && skipOf(start) === 0 ? 0 : 1;
    }
  }
  const skipRows = skipOf(start);

  const headerRecords = records.slice(start, start + headerRows);
  const split = headerRows === 1 ? splitHeader(headerRecords[0], fieldCount) : null;
  const headers = Array.from({ length: fieldCount }, (_, j) =>
    split
      ? split[j]!
      : headerRecords
          .map((r) => (r.fields[j] ?? '').trim())
          // A rule under the names ("-----", "=====") is decoration, not a name.
          .filter((v) => v !== '' && !/^[-=_~*]{2,}$/.test(v))
          .join(' '),
  );
  return {
    ...dialect,
    skipRows,
    headerRows,
    fieldCount,
    headers,
    sample: records.slice(start + headerRows, start + headerRows + 50),
    unterminatedLine: stats.unterminatedLine,
  };
}

/** Unique, readable column names: empty names get column_N, repeats get a suffix (`given`: the names given so). */
export function uniqueNames(headers: string[]): { names: string[]; renamed: string[]; given: string[] } {
  const seen = new Map<string, number>();
  const renamed: string[] = [];
  const given: string[] = [];
  const names = headers.map((h, i) => {
    // Control characters (a NUL byte, a stray escape) cannot be part of a column name.
    // eslint-disable-next-line no-control-regex
    let name = h.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
    const before = renamed.length;
    if (name === '') {
      name = `column_${i + 1}`;
      renamed.push(`column ${i + 1} had no name: "${name}"`);
    }
    const key = name.toLowerCase();
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    if (count > 0) {
      let candidate = `${name} (${count + 1})`;
      for (let k = count + 2; seen.has(candidate.toLowerCase()); k++) candidate = `${name} (${k})`;
      seen.set(candidate.toLowerCase(), 1);
      renamed.push(`"${name}" appears more than once: renamed to "${candidate}"`);
      name = candidate;
    }
    if (renamed.length > before) given.push(name);
    return name;
  });
  return { names, renamed, given };
}

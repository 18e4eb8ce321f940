// A small, quote-aware CSV record parser for the head of a file: header and preamble detection and
// the import dialog's raw preview. The bulk of every file is read by DuckDB, never by this.

export interface Dialect {
  delimiter: string;
  quote: string;
  escape: string;
}

export interface RawRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

/** What the parser noticed about quoting, for choosing between candidate dialects. */
export interface ParseStats {
  /** Records where a quote was used in a way the dialect does not allow (text after a closing quote). */
  quoteAnomalies: number;
  /** A quote opened and never closed before the end of the text: the line where it opened. */
  unterminatedLine: number | null;
}

/** Longest quoted field believed when the text is a head cut short: beyond, the quote is stray. */
const LONGEST_FIELD = 64 * 1024;

/**
 * Parses records from text. The last record is dropped when `truncated` (the text is a head cut
 * in the middle of the file), since it may be incomplete.
 *
 * Quoting follows the dialect: with `escape` equal to `quote`, a doubled quote is a quote (RFC
 * 4180); with another escape character, that character makes the next one literal; with no
 * escape (''), quoting is lenient, as many exporters write it: a quote inside a quoted field
 * closes it only when a delimiter, a line end or the end of the text follows, and is otherwise
 * part of the value (`"Round 48""` is `Round 48"`).
 */
export function parseRecords(text: string, dialect: Dialect, truncated: boolean, max = 500, stats?: ParseStats): RawRecord[] {
  const { delimiter, quote, escape } = dialect;
  const lenient = quote !== '' && escape === '';
  const records: RawRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let afterClose = false;
  let anomaly = false;
  let quoteLine = 0;
  let quoteStart = 0;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  const closesHere = (at: number) =>
    at >= n || text[at] === '\n' || text[at] === '\r' || (delimiter !== '' && text.startsWith(delimiter, at));
  const pushRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    if (anomaly && stats) stats.quoteAnomalies++;
    fields = [];
    field = '';
    anomaly = false;
  };
  while (i < n && records.length < max) {
    const c = text[i]!;
    if (inQuotes) {
      if (escape && escape !== quote && c === escape && i + 1 < n) {
        field += text[i + 1];
        i += 2;
        continue;
      }
      if (c === quote) {
        if (lenient) {
          if (closesHere(i + 1)) inQuotes = false;
          else field += c;
          i++;
          continue;
        }
        if (escape === quote && text[i + 1] === quote) {
          field += quote;
          i += 2;
          continue;
        }
        inQuotes = false;
        afterClose = true;
        i++;
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
      field += c;
      i++;
      continue;
    }
    if (quote && c === quote && field.trim() === '' && !afterClose) {
      inQuotes = true;
      quoteLine = line;
      quoteStart = i;
      field = '';
      i++;
      continue;
    }
    if (delimiter && text.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      afterClose = false;
      i += delimiter.length;
      continue;
    }
    if (c === '\r' || c === '\n') {
      pushRecord();
      afterClose = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    // Text after a closing quote: a stray quote, or a dialect that is not the file's.
    if (afterClose && c !== ' ' && c !== '\t') anomaly = true;
    field += c;
    i++;
  }
  if (inQuotes && stats && (!truncated || n - quoteStart > LONGEST_FIELD)) stats.unterminatedLine = quoteLine;
  if (i >= n && (field !== '' || fields.length > 0) && records.length < max) pushRecord();
  if (truncated && i >= n && records.length > 0) records.pop();
  return records;
}

const NUMBER = /^[\s(+-]*(?:[$€£¥]|EUR|USD|GBP|CHF)?\s*[+-]?\d[\d\s.,'\u00a0\u202f]*(?:[kKmM])?\s*%?\s*(?:[$€£¥]|EUR|USD|GBP|CHF)?\)?$/;
const DATE = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?:[ T].*)?$|^\d{1,2}[ -][A-Za-zéû]{3,9}\.?[ ,-]+\d{2,4}|^[A-Za-z]{3,9}\.? \d{1,2},? \d{4}/;
const BOOLEAN = /^(true|false|yes|no|oui|non|ja|nee|nein|wahr|falsch|vrai|faux)$/i;

/** Looks like a value rather than a name: a number, an amount, a percentage, a date, a flag. */
export function looksTyped(value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  return NUMBER.test(v) || DATE.test(v) || BOOLEAN.test(v);
}

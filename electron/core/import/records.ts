// A quote-aware CSV record reader, in JavaScript: on the head of a file for header and preamble
// detection and the import dialog's raw preview, and streaming over a whole file only where
// DuckDB's reader cannot do the job (locating a broken record's line, rewriting leniently quoted
// files). The bulk of every ordinary file is read by DuckDB, never by this.

export interface Dialect {
  delimiter: string;
  quote: string;
  escape: string;
}

export interface RawRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
  /** A quote was used in a way the dialect does not allow (text after a closing quote). */
  anomaly?: true;
}

/** What the parser noticed about quoting, for choosing between candidate dialects. */
export interface ParseStats {
  /** Records where a quote was used in a way the dialect does not allow (text after a closing quote). */
  quoteAnomalies: number;
  /** A quote opened and never closed before the end of the text: the line where it opened. */
  unterminatedLine: number | null;
  /** Escape characters that escaped a quote or themselves. */
  escapesUsed?: number;
}

const WRAPPED = /^\s*(["'])[^]*\1\s*$/;

/** Characters a chunk must keep unread at its end, so that every look-ahead sees what follows. */
export const LOOKAHEAD = 8;

/**
 * Reads records from text fed in chunks. Quoting follows the dialect. With `escape` equal to
 * `quote`, a doubled quote is a quote and a lone one ends the value (RFC 4180). Otherwise quoting
 * is lenient, as many exporters write it: a quote inside a quoted value ends it only when a
 * delimiter, a line end or the end of the text follows, and is otherwise part of the value
 * (`"Round 48""` is `Round 48"`); an escape character (a backslash, say) makes a following quote
 * or escape character literal, and is itself kept before anything else (`\'` stays `\'`: nothing
 * is lost when a writer did not escape its escape character). Every line ending (LF, CRLF, lone
 * CR) ends a record outside quotes; a blank line is a record of one empty field.
 */
export class RecordReader {
  /** Line where an open quote started, while inside quotes. */
  quoteLine = 0;
  /** Characters read inside the current quoted field. */
  quotedChars = 0;
  /** Escape characters that escaped a quote or themselves (not counting doubled quotes). */
  escapesUsed = 0;
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  private afterClose = false;
  private anomaly = false;
  private line = 1;
  private recordLine = 1;
  private stopped = false;
  private readonly lenient: boolean;

  constructor(
    private readonly dialect: Dialect,
    /** Called with each record; returning false stops the reader. */
    private readonly onRecord: (record: RawRecord) => boolean | void,
  ) {
    this.lenient = dialect.quote !== '' && dialect.escape !== dialect.quote;
  }

  get inQuotedField(): boolean {
    return this.inQuotes;
  }

  get done(): boolean {
    return this.stopped;
  }

  /** Reads `text`; returns the characters left unread (look-ahead), to prepend to the next chunk. */
  feed(text: string, final: boolean): string {
    const { delimiter, quote, escape } = this.dialect;
    const n = text.length;
    const end = final ? n : n - LOOKAHEAD;
    const closesAt = (at: number) =>
      at >= n || text[at] === '\n' || text[at] === '\r' || (delimiter !== '' && text.startsWith(delimiter, at));
    let i = 0;
    while (i < end && !this.stopped) {
      const c = text[i]!;
      if (this.inQuotes) {
        this.quotedChars++;
        if (escape && escape !== quote && c === escape && i + 1 < n) {
          const next = text[i + 1];
          if (next === quote || next === escape) {
            this.field += next;
            this.escapesUsed++;
            i += 2;
            continue;
          }
          this.field += c;
          i++;
          continue;
        }
        if (c === quote) {
          if (this.lenient) {
            if (closesAt(i + 1)) this.inQuotes = false;
            else {
              // A doubled quote inside a value is the RFC 4180 escape, not lenient quoting.
              if (text[i + 1] === quote && !closesAt(i + 2)) this.anomaly = true;
              this.field += c;
            }
            i++;
            continue;
          }
          if (escape === quote && text[i + 1] === quote) {
            this.field += quote;
            i += 2;
            continue;
          }
          this.inQuotes = false;
          this.afterClose = true;
          i++;
          continue;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) this.line++;
        this.field += c;
        i++;
        continue;
      }
      if (quote && c === quote && !this.afterClose && this.field.trim() === '') {
        this.inQuotes = true;
        this.quoteLine = this.line;
        this.quotedChars = 0;
        this.field = '';
        i++;
        continue;
      }
      if (delimiter && text.startsWith(delimiter, i)) {
        this.fields.push(this.field);
        this.field = '';
        this.afterClose = false;
        i += delimiter.length;
        continue;
      }
      if (c === '\r' || c === '\n') {
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
        continue;
      }
      // Text after a closing quote: a stray quote, or a dialect that is not the file's.
      if (this.afterClose && c !== ' ' && c !== '\t') this.anomaly = true;
      this.field += c;
      i++;
    }
    if (final && !this.stopped && !this.inQuotes && (this.field !== '' || this.fields.length > 0)) this.endRecord();
    return this.stopped ? '' : text.slice(i);
  }

  private endRecord(): void {
    this.fields.push(this.field);
    // Read without quoting, a value wrapped in quotes says the file is quoted after all.
    if (!this.dialect.quote && this.fields.some((f) => WRAPPED.test(f))) this.anomaly = true;
    const record: RawRecord = { line: this.recordLine, fields: this.fields };
    if (this.anomaly) record.anomaly = true;
    this.fields = [];
    this.field = '';
    this.afterClose = false;
    this.anomaly = false;
    if (this.onRecord(record) === false) this.stopped = true;
  }
}

/** Longest quoted field believed when the text is a head cut short: beyond, the quote is stray. */
const LONGEST_FIELD = 64 * 1024;

/**
 * Parses records from text. The last record is dropped when `truncated` (the text is a head cut
 * in the middle of the file), since it may be incomplete.
 */
export function parseRecords(text: string, dialect: Dialect, truncated: boolean, max = 500, stats?: ParseStats): RawRecord[] {
  const records: RawRecord[] = [];
  const reader = new RecordReader(dialect, (r) => {
    records.push(r);
    if (r.anomaly && stats) stats.quoteAnomalies++;
    return records.length < max;
  });
  reader.feed(text, true);
  if (stats) stats.escapesUsed = reader.escapesUsed;
  if (reader.inQuotedField && !reader.done) {
    if (stats && (!truncated || reader.quotedChars > LONGEST_FIELD)) stats.unterminatedLine = reader.quoteLine;
  }
  if (truncated && !reader.done && !reader.inQuotedField && records.length > 0) records.pop();
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

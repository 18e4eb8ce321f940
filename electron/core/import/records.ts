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

/**
 * Parses records from text. The last record is dropped when `truncated` (the text is a head cut
 * in the middle of the file), since it may be incomplete.
 */
export function parseRecords(text: string, dialect: Dialect, truncated: boolean, max = 500): RawRecord[] {
  const { delimiter, quote, escape } = dialect;
  const records: RawRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  const pushRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
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
        if (escape === quote && text[i + 1] === quote) {
          field += quote;
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
      field += c;
      i++;
      continue;
    }
    if (quote && c === quote && field.trim() === '') {
      inQuotes = true;
      field = '';
      i++;
      continue;
    }
    if (delimiter && text.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      i += delimiter.length;
      continue;
    }
    if (c === '\r' || c === '\n') {
      pushRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    i++;
  }
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

// CSV export (RFC 4180): fields holding the delimiter, a quote, CR or LF are quoted, quotes doubled,
// records end with CRLF; the header is the columns' labels. Numbers are plain decimals with the
// chosen decimal mark and no thousands separator; dates stay YYYY-MM-DD; empty cells are empty.
import { plainDecimal, type ExportColumn, type ExportRow } from './types';

export interface CsvOptions {
  /** Field separator; default ','. Use ';' with a ',' decimal mark (what French Excel expects). */
  delimiter?: ',' | ';' | '\t' | '|';
  /** Decimal mark of numbers; default '.'. */
  decimal?: '.' | ',';
  /** Starts with a UTF-8 byte order mark, so that Excel reads the file as UTF-8. Default false. */
  bom?: boolean;
  /**
   * Text cells starting with = + - @ (or a tab or CR) get a leading apostrophe, so that a
   * spreadsheet does not run them as formulas. Default true.
   */
  protectFormulas?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(columns: readonly ExportColumn[], rows: readonly ExportRow[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const decimal = options.decimal ?? '.';
  if (delimiter === decimal) throw new Error(`the delimiter and the decimal mark cannot both be "${delimiter}"`);
  const protect = options.protectFormulas ?? true;
  const quote = (text: string) =>
    text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r') ? `"${text.replaceAll('"', '""')}"` : text;
  const field = (value: ExportRow[string]): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return '';
      const text = plainDecimal(value);
      return decimal === '.' ? text : text.replace('.', decimal);
    }
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return quote(protect && FORMULA_START.test(value) ? `'${value}` : value);
  };
  const lines = [columns.map((c) => quote(c.label)).join(delimiter)];
  for (const row of rows) lines.push(columns.map((c) => field(row[c.id])).join(delimiter));
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

/** The CSV as UTF-8 bytes, ready to be written to a file or offered as a download. */
export function toCsvBytes(columns: readonly ExportColumn[], rows: readonly ExportRow[], options: CsvOptions = {}): Uint8Array {
  return new TextEncoder().encode(toCsv(columns, rows, options));
}

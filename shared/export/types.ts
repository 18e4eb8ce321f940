// What the exporters take: a result's columns (a ResultColumn fits) and its rows as plain cell
// values (readArrow(...).rows() gives them: numbers, 'YYYY-MM-DD' dates, 'YYYY-MM-DD HH:MM:SS[.f]'
// timestamps, text, booleans, null).
import type { ColumnKind } from '../spec/column-kind';

export type ExportCell = string | number | boolean | null;

export interface ExportColumn {
  /** Key of the column in each row. */
  id: string;
  /** Header text. */
  label: string;
  /** How values are written: dates and timestamps as real dates in XLSX. Default: from each value. */
  kind?: ColumnKind;
}

export type ExportRow = Readonly<Record<string, ExportCell | undefined>>;

/** A number as plain decimal text, never in exponent notation, with all its digits. */
export function plainDecimal(n: number): string {
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const exp = Number(s.slice(e + 1));
  let mantissa = s.slice(0, e);
  const negative = mantissa.startsWith('-');
  if (negative) mantissa = mantissa.slice(1);
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const intLen = (dot < 0 ? mantissa.length : dot) + exp;
  let out: string;
  if (intLen <= 0) out = `0.${'0'.repeat(-intLen)}${digits}`;
  else if (intLen >= digits.length) out = digits + '0'.repeat(intLen - digits.length);
  else out = `${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  return (negative ? '-' : '') + out;
}

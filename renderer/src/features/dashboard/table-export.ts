// A widget's data or drilled rows as a CSV or XLSX file (shared/export). CSV follows the workspace's
// number locale the way its spreadsheet expects it: "1234.5" with commas in en-US / en-GB,
// "1234,5" with semicolons in fr-FR, nl-NL and de-DE; a byte order mark so Excel reads UTF-8.
import type { NumberLocale } from '../../../../shared/dashboard/types';
import { toCsv } from '../../../../shared/export/csv';
import type { ExportColumn, ExportRow } from '../../../../shared/export/types';
import { toXlsx } from '../../../../shared/export/xlsx';

export type ExportFormat = 'csv' | 'xlsx';
export type { ExportColumn, ExportRow };

export interface ExportTable {
  columns: ExportColumn[];
  rows: ExportRow[];
}

const COMMA_DECIMAL: ReadonlySet<NumberLocale> = new Set(['fr-FR', 'nl-NL', 'de-DE']);

export function tableBlob(format: ExportFormat, table: ExportTable, sheet: string, locale: NumberLocale = 'en-US'): Blob {
  if (format === 'csv') {
    const comma = COMMA_DECIMAL.has(locale);
    const text = toCsv(table.columns, table.rows, { delimiter: comma ? ';' : ',', decimal: comma ? ',' : '.', bom: true });
    return new Blob([text], { type: 'text/csv;charset=utf-8' });
  }
  const bytes = toXlsx(sheet, table.columns, table.rows);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

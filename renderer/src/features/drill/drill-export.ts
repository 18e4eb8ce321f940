// Export of drilled rows: pages through every row behind the cell (in the table's sort) up to a cap,
// then writes them as CSV or XLSX and downloads the file.
import type { DrillRequest, QuarterdeckApi, Result } from '../../../../shared/api';
import { readArrow } from '../../../../shared/arrow/cells';
import type { NumberLocale } from '../../../../shared/dashboard/types';
import { downloadBlob, fileNameOf } from '../dashboard/download';
import { tableBlob, type ExportColumn, type ExportFormat, type ExportRow } from '../dashboard/table-export';

export type { ExportFormat };

/** Rows an export takes at most; beyond, the file holds the first ones and the user is told. */
export const DRILL_EXPORT_CAP = 100_000;
const PAGE = 10_000;

export interface DrillExportOptions {
  api: Pick<QuarterdeckApi, 'drillRows'>;
  request: Omit<DrillRequest, 'offset' | 'limit'>;
  total: number;
  format: ExportFormat;
  title: string;
  fallbackName: string;
  locale: NumberLocale;
  onProgress?(rowsRead: number): void;
  cap?: number;
}

export async function exportDrillRows(o: DrillExportOptions): Promise<Result<{ rows: number; capped: boolean }>> {
  const cap = o.cap ?? DRILL_EXPORT_CAP;
  const wanted = Math.min(o.total, cap);
  let columns: ExportColumn[] = [];
  const rows: ExportRow[] = [];
  for (let offset = 0; offset < wanted; offset += PAGE) {
    const r = await o.api.drillRows({ ...o.request, offset, limit: Math.min(PAGE, wanted - offset) });
    if (!r.ok) return r;
    const reader = readArrow(r.value.ipc);
    if (columns.length === 0) columns = reader.columns.map((c) => ({ id: c.name, label: c.name, kind: c.family }));
    for (const row of reader.rows()) rows.push(row);
    o.onProgress?.(rows.length);
    if (reader.numRows === 0) break;
  }
  const blob = tableBlob(o.format, { columns, rows }, o.title, o.locale);
  downloadBlob(blob, fileNameOf(o.title, o.format, o.fallbackName));
  return { ok: true, value: { rows: rows.length, capped: o.total > cap } };
}

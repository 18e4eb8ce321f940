// XLSX import: one sheet of a workbook written as a plain CSV, which the CSV import then reads.
//
// The .xlsx is read as what it is, a zip of XML parts: yauzl gives random access to the parts
// through the zip's central directory, and a small tokenizer (xlsx-xml.ts) streams the sheet's
// XML, so memory stays flat however long the sheet is (only the shared-string table, the styles
// and the merged ranges are held). A sheet is read twice: the first pass finds the extent of the
// data (trailing empty rows and columns are dropped, and the CSV needs its width before the first
// line) and the merged ranges (stored after the cells); the second pass writes the CSV.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { ImportWarning, SheetInfo } from '../../../shared/import/types';
import type { MessageRef } from '../../../shared/result';
import { type CellIssue, type Range, SheetParser, parseRange } from './xlsx-sheet';
import { type SheetEntry, type Workbook, damaged, importError, openWorkbook, readNumberKinds, readSharedStrings } from './xlsx-workbook';
import { XmlScanner } from './xlsx-xml';
import { ZipPartError } from './xlsx-zip';

export interface SheetToCsvResult {
  sheet: string;
  rows: number;
  columns: number;
  warnings: ImportWarning[];
}

const quoteName = (s: string): string => `'${s}'`;

function listNames(sheets: SheetEntry[]): string {
  return sheets.map((s) => quoteName(s.name) + (s.hidden ? ' (hidden)' : '')).join(', ');
}

async function withWorkbook<T>(path: string, displayName: string, fn: (wb: Workbook) => Promise<T>): Promise<T> {
  const wb = await openWorkbook(path, displayName);
  try {
    return await fn(wb);
  } finally {
    wb.zip.close();
  }
}

/** Feeds a sheet part through a parser; stop() is checked after every chunk (true ends early). */
async function scanSheet(
  wb: Workbook,
  sheet: SheetEntry,
  parser: SheetParser,
  afterChunk: (bytes: number) => boolean | Promise<boolean>,
): Promise<void> {
  const scanner = new XmlScanner(parser);
  try {
    for await (const { chunk, bytes } of wb.zip.text(sheet.part!)) {
      scanner.write(chunk);
      if (await afterChunk(bytes)) break;
    }
  } catch (e) {
    if (e instanceof ZipPartError) throw damaged(wb.displayName, e, sheet.name);
    throw e;
  }
}

interface Extent {
  rows: number;
  columns: number;
}

/** The last row and column holding a value (what is left after trimming empty rows/columns). */
function extentTracker(): { extent: Extent; onRow: (row: number, cells: string[]) => void } {
  const extent: Extent = { rows: 0, columns: 0 };
  return {
    extent,
    onRow(row, cells) {
      for (let c = cells.length - 1; c >= 0; c--) {
        if (cells[c] !== undefined && cells[c] !== '') {
          if (c + 1 > extent.columns) extent.columns = c + 1;
          if (row > extent.rows) extent.rows = row;
          break;
        }
      }
    },
  };
}

/** Rows and columns from the sheet's <dimension>, or counted when it has none. */
async function sheetSize(wb: Workbook, sheet: SheetEntry): Promise<Extent> {
  if (sheet.part === null) return { rows: 0, columns: 0 };
  const head = new SheetParser(null, () => {});
  await scanSheet(wb, sheet, head, () => head.sheetDataStarted || head.dimension !== null);
  const range = head.dimension !== null ? parseRange(head.dimension) : null;
  if (range && (range.r2 > 1 || range.c2 > 0)) return { rows: range.r2, columns: range.c2 + 1 };
  // No dimension (or the "A1" some writers put everywhere): count.
  const { extent, onRow } = extentTracker();
  await scanSheet(wb, sheet, new SheetParser(null, onRow), () => false);
  return extent;
}

export async function listSheets(path: string, displayName: string): Promise<SheetInfo[]> {
  return withWorkbook(path, displayName, async (wb) => {
    const out: SheetInfo[] = [];
    for (const sheet of wb.sheets) {
      if (sheet.kind !== 'worksheet') continue;
      const { rows, columns } = await sheetSize(wb, sheet);
      out.push({ name: sheet.name, hidden: sheet.hidden, rows, columns });
    }
    return out;
  });
}

function pickSheet(wb: Workbook, requested: string | null): SheetEntry {
  const worksheets = wb.sheets.filter((s) => s.kind === 'worksheet');
  const name = wb.displayName;
  if (worksheets.length === 0) throw importError(name, `${name} has no worksheets`);
  if (requested === null) return worksheets.find((s) => !s.hidden) ?? worksheets[0]!;
  const found =
    wb.sheets.find((s) => s.name === requested) ?? wb.sheets.find((s) => s.name.toLowerCase() === requested.toLowerCase());
  if (!found) {
    throw importError(
      name,
      `${name} has no sheet ${quoteName(requested)}; its sheets are ${listNames(worksheets)}`,
      undefined,
      'sheet',
    );
  }
  if (found.kind !== 'worksheet') {
    throw importError(
      name,
      `${name}, sheet ${quoteName(found.name)} is a ${found.kind === 'chartsheet' ? 'chart sheet' : 'macro or dialog sheet'}, not a table; its worksheets are ${listNames(worksheets)}`,
      undefined,
      'sheet',
    );
  }
  return found;
}

function issueText(issue: CellIssue): string {
  const more = issue.count - issue.samples.length;
  return issue.samples.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Buffered writes with back-pressure. */
class CsvOut {
  private readonly ws: WriteStream;
  private parts: string[] = [];
  private size = 0;
  private failure: Error | null = null;

  constructor(path: string) {
    this.ws = createWriteStream(path, { encoding: 'utf8' });
    this.ws.on('error', (e) => (this.failure = e));
  }

  push(line: string): void {
    this.parts.push(line);
    this.size += line.length;
  }

  async flush(force = false): Promise<void> {
    if (this.failure) throw this.failure;
    if (!force && this.size < 1 << 20) return;
    const data = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (data && !this.ws.write(data)) await once(this.ws, 'drain');
  }

  async close(): Promise<void> {
    await this.flush(true);
    this.ws.end();
    await once(this.ws, 'finish');
  }

  destroy(): void {
    this.ws.destroy();
  }
}

function csvField(v: string | undefined): string {
  if (v === undefined || v === '') return '""';
  return v.indexOf('"') < 0 ? `"${v}"` : `"${v.replace(/"/g, '""')}"`;
}

/**
 * Writes rows 1..extent.rows in order, filling the gaps between <row> elements with empty rows
 * and copying each merged range's top-left value into the rest of the range.
 */
class RowWriter {
  private next = 1;
  private readonly pending: (Range & { value: string })[];
  private active: (Range & { value: string })[] = [];
  private readonly empty: string;

  constructor(
    private readonly out: CsvOut,
    private readonly extent: Extent,
    merges: Range[],
  ) {
    this.pending = merges
      .filter((m) => m.r1 <= extent.rows && m.c1 < extent.columns)
      .map((m) => ({ ...m, value: '' }))
      .sort((a, b) => b.r1 - a.r1); // popped from the end: lowest first row first
    this.empty = Array.from({ length: extent.columns }, () => '""').join(',') + '\n';
  }

  get done(): boolean {
    return this.next > this.extent.rows;
  }

  row(row: number, cells: string[]): void {
    if (row < this.next) return; // rows out of order or repeated: Excel never writes them
    while (this.next < row && !this.done) this.write(this.next, []);
    if (row === this.next && !this.done) this.write(row, cells);
  }

  finish(): void {
    while (!this.done) this.write(this.next, []);
  }

  private write(row: number, cells: string[]): void {
    this.next = row + 1;
    while (this.pending.length && this.pending[this.pending.length - 1]!.r1 <= row) this.active.push(this.pending.pop()!);
    if (this.active.length) {
      this.active = this.active.filter((m) => m.r2 >= row);
      for (const m of this.active) {
        if (m.r1 === row) m.value = cells[m.c1] ?? '';
        const last = Math.min(m.c2, this.extent.columns - 1);
        for (let c = m.c1; c <= last; c++) if (row !== m.r1 || c !== m.c1) cells[c] = m.value;
      }
    }
    if (cells.length === 0) {
      this.out.push(this.empty);
      return;
    }
    let line = csvField(cells[0]);
    for (let c = 1; c < this.extent.columns; c++) line += ',' + csvField(cells[c]);
    this.out.push(line + '\n');
  }
}

/** Calls onProgress with a rising fraction, at most about once per percent. */
function progressReporter(onProgress?: (fraction: number) => void): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    if (!onProgress) return;
    const f = Math.min(1, Math.max(0, fraction));
    if (f >= 1 ? last < 1 : f - last >= 0.01) {
      last = f;
      onProgress(f);
    }
  };
}

/**
 * Writes one sheet as a UTF-8 CSV (comma, every field quoted with ", inner quotes doubled, LF
 * line ends), row for row including title rows above the header (header detection happens later,
 * on the CSV). sheet = null → the first visible sheet.
 */
export async function sheetToCsv(
  path: string,
  displayName: string,
  sheet: string | null,
  outPath: string,
  onProgress?: (fraction: number) => void,
): Promise<SheetToCsvResult> {
  return withWorkbook(path, displayName, async (wb) => {
    const entry = pickSheet(wb, sheet);
    const where = `${displayName}, sheet ${quoteName(entry.name)}`;
    if (entry.part === null) throw damaged(displayName, new Error('the sheet part is missing'), entry.name);
    const warnings: ImportWarning[] = [];
    if (entry.hidden) {
      warnings.push({
        code: 'HIDDEN_SHEET',
        message: `${where} is hidden in Excel; it was read all the same`,
        messageKey: 'warnings.hiddenSheet',
        values: { file: displayName, sheet: entry.name },
      });
    }
    let ctx;
    try {
      const [sharedStrings, numberKinds] = await Promise.all([readSharedStrings(wb), readNumberKinds(wb)]);
      ctx = { sharedStrings, numberKinds, date1904: wb.date1904 };
    } catch (e) {
      if (e instanceof ZipPartError) throw damaged(displayName, e);
      throw e;
    }
    const size = Math.max(1, wb.zip.size(entry.part));
    const progress = progressReporter(onProgress);

    // Pass 1: extent, merged ranges, error cells.
    const { extent, onRow } = extentTracker();
    const first = new SheetParser(ctx, onRow, false);
    await scanSheet(wb, entry, first, (bytes) => {
      progress((bytes / size) * 0.5);
      return false;
    });

    const out = new CsvOut(outPath);
    try {
      // Pass 2: the CSV.
      if (extent.rows > 0) {
        const writer = new RowWriter(out, extent, first.merges);
        const second = new SheetParser(ctx, (row, cells) => writer.row(row, cells));
        await scanSheet(wb, entry, second, async (bytes) => {
          progress(0.5 + (bytes / size) * 0.5);
          await out.flush();
          return writer.done;
        });
        writer.finish();
      }
      await out.close();
    } catch (e) {
      out.destroy();
      await rm(outPath, { force: true });
      throw e;
    }
    progress(1);

    if (extent.rows === 0) {
      warnings.push({ code: 'EMPTY_FILE', message: `${where} is empty`, messageKey: 'warnings.emptySheet', values: { file: displayName, sheet: entry.name } });
    }
    const merges = first.merges.filter((m) => m.r1 <= extent.rows && m.c1 < extent.columns);
    if (merges.length) {
      const shown = merges.slice(0, 10).map((m) => m.ref);
      const more = merges.length - shown.length;
      warnings.push({
        code: 'MERGED_CELLS',
        message:
          `${where}: ${plural(merges.length, 'merged range')} (${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}); ` +
          `each range's value was copied into all of its cells`,
        messageKey: 'warnings.mergedCells',
        values: { file: displayName, sheet: entry.name, count: merges.length, ranges: shown.join(', '), more },
      });
    }
    const { errors, uncachedFormulas } = first;
    if (errors.count || uncachedFormulas.count) {
      const parts: string[] = [];
      if (errors.count) parts.push(`${plural(errors.count, 'cell')} with an Excel error (${issueText(errors)})`);
      if (uncachedFormulas.count) {
        parts.push(
          `${plural(uncachedFormulas.count, 'formula cell')} without a calculated value (${issueText(uncachedFormulas)}; open and save the file in Excel to calculate them)`,
        );
      }
      const issue = (key: 'warnings.excelErrors' | 'warnings.uncachedFormulas', i: CellIssue): MessageRef => ({
        key,
        values: { count: i.count, cells: i.samples.join(', '), more: i.count - i.samples.length },
      });
      const errorText = errors.count ? issue('warnings.excelErrors', errors) : null;
      const formulaText = uncachedFormulas.count ? issue('warnings.uncachedFormulas', uncachedFormulas) : null;
      warnings.push({
        code: 'ERROR_CELLS',
        message: `${where}: ${parts.join(' and ')} read as empty`,
        messageKey: 'warnings.errorCells',
        values: {
          file: displayName,
          sheet: entry.name,
          cells: errorText && formulaText ? { key: 'warnings.twoParts', values: { first: errorText, second: formulaText } } : (errorText ?? formulaText)!,
        },
      });
    }
    return { sheet: entry.name, rows: extent.rows, columns: extent.columns, warnings };
  });
}

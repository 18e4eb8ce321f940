// XLSX export: one workbook with one sheet, the header row (bold, frozen) then the rows. Numbers
// are numbers, dates and timestamps are real dates (Excel serials with a yyyy-mm-dd or
// yyyy-mm-dd hh:mm:ss format), booleans are booleans, text goes through the shared strings table.
// Packed by the stored ZIP writer of zip.ts: pure, no Node or DOM API.
import { parseDay, toEpochDays } from '../spec/dates';
import { type ExportColumn, type ExportRow } from './types';
import { zipStored } from './zip';

export interface XlsxOptions {
  /** Header row in bold (default true). */
  boldHeader?: boolean;
}

/** Excel's limits. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_COLUMNS = 16_384;
const MAX_CELL_TEXT = 32_767;

// Style indexes of cellXfs in styles.xml below.
const STYLE_DATE = 1;
const STYLE_TIMESTAMP = 2;
const STYLE_HEADER = 3;

/** Days from Excel's 1900 epoch (serial 0 = 1899-12-30, as the 1900 leap-year bug has it) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;

/** The sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], not blank. */
export function sheetName(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31).trim();
  return cleaned === '' || cleaned.toLowerCase() === 'history' ? 'Sheet1' : cleaned;
}

/** A1-style column letters of a 0-based index. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Text safe in XML 1.0: escaped, characters XML cannot carry (controls, lone surrogates) dropped. */
function xmlText(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- these are the characters removed
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const TIMESTAMP_RE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** A 'YYYY-MM-DD' day or 'YYYY-MM-DD HH:MM:SS[.f]' time as an Excel serial; null if it is neither. */
export function excelSerial(value: string): number | null {
  const m = TIMESTAMP_RE.exec(value);
  const day = parseDay(m ? m[1]! : value);
  if (!day) return null;
  const days = toEpochDays(day) + EXCEL_EPOCH_OFFSET;
  if (days < 61) return null; // before 1900-03-01 Excel's calendar is off by one day
  if (!m) return days;
  const seconds = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) + (m[5] ? Number(`0.${m[5]}`) : 0);
  return days + seconds / 86_400;
}

/** Builds the .xlsx bytes of one sheet. */
export function toXlsx(sheet: string, columns: readonly ExportColumn[], rows: readonly ExportRow[], options: XlsxOptions = {}): Uint8Array {
  if (columns.length > XLSX_MAX_COLUMNS) throw new Error(`an Excel sheet holds at most ${XLSX_MAX_COLUMNS} columns`);
  if (rows.length + 1 > XLSX_MAX_ROWS) throw new Error(`an Excel sheet holds at most ${XLSX_MAX_ROWS - 1} rows under its header`);
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  let stringCount = 0;
  const shared = (text: string) => {
    stringCount++;
    let i = stringIndex.get(text);
    if (i === undefined) {
      i = strings.length;
      strings.push(text);
      stringIndex.set(text, i);
    }
    return i;
  };
  const letters = columns.map((_, i) => columnLetters(i));
  const widths = columns.map((c) => Math.min(60, Math.max(8, c.label.length + 2)));

  const cell = (ref: string, col: number, value: ExportRow[string], kind: ExportColumn['kind']): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return '';
      widths[col] = Math.max(widths[col]!, Math.min(60, String(value).length + 2));
      return `<c r="${ref}"><v>${value}</v></c>`;
    }
    if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
    if (kind === 'date' || kind === 'timestamp') {
      const serial = excelSerial(value);
      if (serial !== null) {
        const timed = kind === 'timestamp' || TIMESTAMP_RE.test(value);
        widths[col] = Math.max(widths[col]!, timed ? 21 : 12);
        return `<c r="${ref}" s="${timed ? STYLE_TIMESTAMP : STYLE_DATE}"><v>${serial}</v></c>`;
      }
    }
    const text = value.length > MAX_CELL_TEXT ? value.slice(0, MAX_CELL_TEXT) : value;
    widths[col] = Math.max(widths[col]!, Math.min(60, text.length + 2));
    return `<c r="${ref}" t="s"><v>${shared(text)}</v></c>`;
  };

  const bold = options.boldHeader ?? true;
  const body: string[] = [];
  body.push(
    `<row r="1">${columns.map((c, i) => `<c r="${letters[i]}1" t="s"${bold ? ` s="${STYLE_HEADER}"` : ''}><v>${shared(c.label)}</v></c>`).join('')}</row>`,
  );
  for (const [r, row] of rows.entries()) {
    const n = r + 2;
    let cells = '';
    for (const [i, c] of columns.entries()) cells += cell(`${letters[i]}${n}`, i, row[c.id], c.kind);
    body.push(`<row r="${n}">${cells}</row>`);
  }
  const lastRef = columns.length > 0 ? `${letters[columns.length - 1]}${rows.length + 1}` : 'A1';

  const sheetXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<dimension ref="A1:${lastRef}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (columns.length > 0 ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` : '') +
    `<sheetData>${body.join('')}</sheetData>` +
    `</worksheet>`;

  const sharedXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${stringCount}" uniqueCount="${strings.length}">` +
    strings.map((s) => `<si><t xml:space="preserve">${xmlText(s)}</t></si>`).join('') +
    `</sst>`;

  const stylesXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>` +
    `<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="4">` +
    `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
    `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
    `<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
    `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
    `</cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
    `</styleSheet>`;

  const name = sheetName(sheet);
  const workbookXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<bookViews><workbookView/></bookViews>` +
    `<sheets><sheet name="${xmlText(name)}" sheetId="1" r:id="rId1"/></sheets>` +
    `</workbook>`;

  const workbookRels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
    `</Relationships>`;

  const rootRels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
    `</Relationships>`;

  const contentTypes =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
    `</Types>`;

  const utf8 = new TextEncoder();
  return zipStored([
    { name: '[Content_Types].xml', data: utf8.encode(contentTypes) },
    { name: '_rels/.rels', data: utf8.encode(rootRels) },
    { name: 'xl/workbook.xml', data: utf8.encode(workbookXml) },
    { name: 'xl/_rels/workbook.xml.rels', data: utf8.encode(workbookRels) },
    { name: 'xl/styles.xml', data: utf8.encode(stylesXml) },
    { name: 'xl/sharedStrings.xml', data: utf8.encode(sharedXml) },
    { name: 'xl/worksheets/sheet1.xml', data: utf8.encode(sheetXml) },
  ]);
}

// The workbook around the sheets: recognising what a file is (and saying clearly what it is not),
// the sheet list with visibility, the date system, number formats and shared strings.
import { open } from 'node:fs/promises';
import { posix } from 'node:path';
import { ImportError } from './errors';
import { type NumKind, builtinKind, classifyFormat } from './xlsx-format';
import { type Attrs, XmlScanner, scanXml } from './xlsx-xml';
import { XlsxZip, ZipPartError } from './xlsx-zip';

export interface SheetEntry {
  name: string;
  /** 'hidden' or 'veryHidden' in Excel. */
  hidden: boolean;
  kind: 'worksheet' | 'chartsheet' | 'other';
  /** The sheet's part in the zip, null when the workbook points nowhere. */
  part: string | null;
}

export interface Workbook {
  zip: XlsxZip;
  displayName: string;
  date1904: boolean;
  sheets: SheetEntry[];
  sharedStringsPart: string | null;
  stylesPart: string | null;
}

export function importError(
  displayName: string,
  message: string,
  detail?: string,
  field?: string,
  /** The message as a catalog key with its values (see ImportError). */
  localised?: { messageKey: string; values: Record<string, string | number> },
): ImportError {
  return new ImportError({
    code: 'IMPORT_FAILED',
    message,
    ...(detail ? { detail } : {}),
    ...(localised ?? {}),
    location: { file: displayName, ...(field ? { field } : {}) },
  });
}

const notXlsx = (displayName: string, why: string, detail?: string): ImportError =>
  importError(displayName, `${displayName} is not an Excel .xlsx workbook (${why})`, detail);

export function damaged(displayName: string, e: unknown, sheet?: string): ImportError {
  const where = sheet === undefined ? displayName : `${displayName}, sheet '${sheet}'`;
  const detail = e instanceof Error ? e.message : String(e);
  return importError(displayName, `${where} cannot be read: the file is damaged or incomplete`, detail);
}

// ---------------------------------------------------------------------------------------------
// What the file is, before it is opened as a zip.

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function looksLikeText(buf: Buffer): boolean {
  if (buf.length === 0) return false;
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return true;
  let control = 0;
  for (const b of buf) {
    if (b === 0) return false;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return control <= buf.length / 100;
}

/** Throws a clear ImportError unless the file starts like a zip archive. */
export async function sniffFile(path: string, displayName: string): Promise<void> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw importError(displayName, `${displayName} cannot be opened`, e instanceof Error ? e.message : String(e));
  }
  try {
    const { size } = await fh.stat();
    if (size === 0) throw notXlsx(displayName, 'the file is empty');
    const head = Buffer.alloc(Math.min(size, 4096));
    await fh.read(head, 0, head.length, 0);
    if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7)) return;
    if (head.length >= 8 && head.subarray(0, 8).equals(CFB_MAGIC)) {
      // An OLE compound file: an old .xls, or an .xlsx encrypted with a password (Office wraps those
      // in a compound file with an "EncryptedPackage" stream).
      const big = Buffer.alloc(Math.min(size, 4 << 20));
      await fh.read(big, 0, big.length, 0);
      if (big.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
        throw importError(
          displayName,
          `${displayName} is password-protected: an encrypted workbook cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it again.`,
          undefined,
          undefined,
          { messageKey: 'errors.xlsxEncrypted', values: { file: displayName } },
        );
      }
      throw importError(
        displayName,
        `${displayName} is not an Excel .xlsx workbook (it looks like an old Excel 97-2003 .xls workbook; open it in Excel and save it as .xlsx)`,
        undefined,
        undefined,
        { messageKey: 'errors.xlsOld', values: { file: displayName } },
      );
    }
    if (looksLikeText(head)) {
      const text = head.toString(head[0] === 0xff && head[1] === 0xfe ? 'utf16le' : 'utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
      if (text.startsWith('<')) {
        if (text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
          throw notXlsx(displayName, 'it looks like an Excel 2003 XML spreadsheet; open it in Excel and save it as .xlsx');
        }
        if (/<html|<table|<!doctype html/.test(text)) {
          throw notXlsx(displayName, 'it looks like a web page (HTML table) with an Excel extension; open it in Excel and save it as .xlsx');
        }
        throw notXlsx(displayName, 'it looks like an XML file');
      }
      throw notXlsx(displayName, 'it looks like a CSV or text file; import it as CSV instead');
    }
    throw notXlsx(displayName, 'it is damaged or in an unknown format');
  } finally {
    await fh.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The package: relationships, workbook, styles, shared strings.

interface Relationship {
  type: string;
  target: string;
}

function relsPartOf(part: string): string {
  return posix.join(posix.dirname(part), '_rels', posix.basename(part) + '.rels');
}

function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(fromPart), target)).replace(/^(\.\.\/)+/, '');
}

async function readRels(zip: XlsxZip, part: string): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  const relsPart = relsPartOf(part);
  if (!zip.has(relsPart)) return rels;
  scanXml(await zip.readText(relsPart), {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target !== undefined && a.TargetMode !== 'External') {
        rels.set(a.Id, { type: a.Type ?? '', target: resolveTarget(part, a.Target) });
      }
    },
    close() {},
    text() {},
  });
  return rels;
}

const relKind = (type: string): string => type.slice(type.lastIndexOf('/') + 1);

/** Why a zip without a workbook part is not a workbook, as far as its contents tell. */
function otherZip(zip: XlsxZip): string {
  const names = zip.names;
  if (names.some((n) => /^xl\/workbook\.bin$/i.test(n))) return 'it is an Excel binary workbook (.xlsb); open it in Excel and save it as .xlsx';
  if (names.includes('mimetype') && names.includes('content.xml')) return 'it looks like an OpenDocument spreadsheet (.ods); save it as .xlsx';
  if (names.some((n) => n.startsWith('word/'))) return 'it is a Word document';
  if (names.some((n) => n.startsWith('ppt/'))) return 'it is a PowerPoint presentation';
  return 'it is a zip archive without a workbook inside';
}

export async function openWorkbook(path: string, displayName: string): Promise<Workbook> {
  await sniffFile(path, displayName);
  let zip: XlsxZip;
  try {
    zip = await XlsxZip.open(path);
  } catch (e) {
    throw notXlsx(displayName, 'it looks damaged: the zip container is incomplete or corrupt', e instanceof Error ? e.message : String(e));
  }
  try {
    return await readWorkbook(zip, displayName);
  } catch (e) {
    zip.close();
    if (e instanceof ZipPartError) throw damaged(displayName, e);
    throw e;
  }
}

async function readWorkbook(zip: XlsxZip, displayName: string): Promise<Workbook> {
  let workbookPart = 'xl/workbook.xml';
  for (const rel of (await readRels(zip, '')).values()) {
    if (relKind(rel.type) === 'officeDocument') workbookPart = rel.target;
  }
  const resolved = zip.resolve(workbookPart) ?? zip.resolve('xl/workbook.xml');
  if (resolved === null || !/\.xml$/i.test(resolved)) throw notXlsx(displayName, otherZip(zip));
  if (zip.encrypted) throw notXlsx(displayName, 'its zip entries are encrypted');
  workbookPart = resolved;

  const rels = await readRels(zip, workbookPart);
  let date1904 = false;
  const sheets: SheetEntry[] = [];
  scanXml(await zip.readText(workbookPart), {
    open(name, a: Attrs) {
      if (name === 'workbookPr' && a.date1904 !== undefined) date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'sheet' && a.name !== undefined) {
        const rel = a.id !== undefined ? rels.get(a.id) : undefined;
        const kind = rel ? relKind(rel.type) : '';
        sheets.push({
          name: a.name,
          hidden: a.state === 'hidden' || a.state === 'veryHidden',
          kind: kind === 'worksheet' ? 'worksheet' : kind === 'chartsheet' ? 'chartsheet' : 'other',
          part: rel ? zip.resolve(rel.target) : null,
        });
      }
    },
    close() {},
    text() {},
  });
  let sharedStringsPart: string | null = null;
  let stylesPart: string | null = null;
  for (const rel of rels.values()) {
    const kind = relKind(rel.type);
    if (kind === 'sharedStrings') sharedStringsPart = zip.resolve(rel.target);
    else if (kind === 'styles') stylesPart = zip.resolve(rel.target);
  }
  sharedStringsPart ??= zip.resolve('xl/sharedStrings.xml');
  stylesPart ??= zip.resolve('xl/styles.xml');
  return { zip, displayName, date1904, sheets, sharedStringsPart, stylesPart };
}

/** Per cell style (the s attribute of a cell): how its numbers read. */
export async function readNumberKinds(wb: Workbook): Promise<NumKind[]> {
  if (wb.stylesPart === null) return [];
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  scanXml(await wb.zip.readText(wb.stylesPart), {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId !== undefined) formats.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0) || 0);
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return xfFormats.map((id) => {
    const code = formats.get(id);
    return code !== undefined && code !== '' ? classifyFormat(code) : builtinKind(id);
  });
}

/** Excel's escapes for characters XML cannot carry: _x000D_ is a carriage return, _x005F_ a '_'. */
export function unescapeOoxml(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The shared string table: plain text of every entry, rich-text runs joined, phonetic runs dropped. */
export async function readSharedStrings(wb: Workbook): Promise<string[]> {
  const strings: string[] = [];
  if (wb.sharedStringsPart === null) return strings;
  let buf = '';
  let inT = false;
  let phonetic = 0;
  const scanner = new XmlScanner({
    open(name) {
      if (name === 'si') buf = '';
      else if (name === 't') inT = phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') strings.push(unescapeOoxml(buf));
    },
    text(t) {
      if (inT) buf += t;
    },
  });
  for await (const { chunk } of wb.zip.text(wb.sharedStringsPart)) scanner.write(chunk);
  return strings;
}

// The import pipeline, for CSV and XLSX exports alike:
//   prepare   XLSX sheet -> UTF-8 CSV; other encodings -> UTF-8 (streaming, temp file)
//   dialect   delimiter, quote, preamble, header rows (dialect.ts)
//   raw       the records into a TEMP table of text, read by DuckDB (no per-row JavaScript)
//   typing    each column's kind and format decided from its values, converted in SQL (typing.ts)
//   commit    one transaction: the typed table, its snapshot row and roles in the catalog.
// inspect() stops before commit and reads only the head of the file: it feeds the import dialog.
// A failed or cancelled import leaves the workspace exactly as it was.
import { open, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  ColumnPlan,
  ImportInspection,
  ImportSettings,
  ImportWarning,
  SheetInfo,
  TextEncoding,
} from '../../../shared/import/types';
import { DEFAULT_NULL_TOKENS } from '../../../shared/import/types';
import { quoteIdent, quoteLiteral } from '../../../shared/spec/quote';
import { reportStep, type OperationHandle } from '../operations';
import { copyLines, countLineEndings, mixedLineEndings, normalizeLineEndings, rewriteAsRfc4180, scanRecords } from './csv-scan';
import { detectDialect, uniqueNames, type DialectGuess } from './dialect';
import { csvReadError } from './duckdb-errors';
import { detectEncoding, needsTranscoding, readTextHead, transcodeToUtf8, type EncodingGuess } from './encoding';
import { ImportError } from './errors';
import { parseRecords } from './records';
import { conversionExpr, countFailures, detectColumns, failureWarnings, samplePlan, type RawColumn } from './typing';
import { listSheets, sheetToCsv } from './xlsx';


export interface ImportFile {
  path: string;
  displayName: string;
}

/** A file made ready for DuckDB: UTF-8 text, whatever it was. */
interface Prepared {
  textPath: string;
  /** Temp files made for this import, removed by cleanup(). */
  temps: string[];
  stamp: string;
  format: 'csv' | 'xlsx';
  encoding: ImportSettings['encoding'];
  encodingDetected: boolean;
  sheets: SheetInfo[];
  sheet: string | null;
  warnings: ImportWarning[];
  cleanup: () => Promise<void>;
}

/** Encodings by the names people know them by (not translated). */
const ENCODING_NAME: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
  'iso-8859-1': 'ISO-8859-1',
};

/** The TRANSCODED warning's text as a catalog key: why the file was read in that encoding. */
function transcodedText(guess: EncodingGuess | null, encoding: TextEncoding): Pick<ImportWarning, 'messageKey' | 'values'> {
  const name = ENCODING_NAME[encoding];
  if (!guess) return { messageKey: 'warnings.transcodedAsAsked', values: { encoding: name } };
  if (guess.bom) return { messageKey: 'warnings.transcodedBom', values: { encoding: name } };
  if (guess.invalidUtf8Line !== undefined) return { messageKey: 'warnings.transcodedNotUtf8', values: { line: guess.invalidUtf8Line, encoding: name } };
  return { messageKey: 'warnings.transcodedUtf16', values: { encoding: name } };
}

const HEAD_BYTES = 256 * 1024;
const INSPECT_RECORDS = 5_000;
const PREVIEW_ROWS = 30;

async function magic(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(8);
    const { bytesRead } = await fh.read(buf, 0, 8, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function detectFormat(file: ImportFile): Promise<'csv' | 'xlsx'> {
  const head = await magic(file.path);
  // A zip archive starts with "PK" and a record signature; a CSV whose first column is named PK
  // starts with "PK" too.
  const zip = head[0] === 0x50 && head[1] === 0x4b && [0x0304, 0x0506, 0x0708].includes(((head[2] ?? 0) << 8) | (head[3] ?? 0));
  // An OLE compound file is an old .xls or a password-protected .xlsx: the XLSX reader tells
  // which and says what to do.
  const ole = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  if (zip || ole || /\.xls[xm]?$/i.test(extname(file.displayName))) return 'xlsx';
  return 'csv';
}

export async function checkFile(file: ImportFile): Promise<void> {
  const info = await stat(file.path).catch(() => null);
  if (!info || !info.isFile()) {
    throw new ImportError({
      code: 'IMPORT_FAILED',
      message: `${file.displayName}: the file cannot be opened`,
      messageKey: 'errors.fileCannotOpen',
      values: { file: file.displayName },
      location: { file: file.displayName },
    });
  }
  if (info.size === 0) {
    throw new ImportError({
      code: 'IMPORT_FAILED',
      message: `${file.displayName}: the file is empty`,
      messageKey: 'errors.fileEmpty',
      values: { file: file.displayName },
      location: { file: file.displayName },
    });
  }
}

async function prepare(
  file: ImportFile,
  settings: Partial<ImportSettings>,
  tempDir: string,
  op: OperationHandle | null,
): Promise<Prepared> {
  await checkFile(file);
  const format = settings.format ?? (await detectFormat(file));
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const temps: string[] = [];
  const cleanup = async () => {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
  };
  try {
    if (format === 'xlsx') {
      const sheets = await listSheets(file.path, file.displayName);
      const out = join(tempDir, `sheet-${stamp}.csv`);
      temps.push(out);
      reportStep(op, 0.02, `Reading ${file.displayName}`, { key: 'progress.reading', values: { file: file.displayName } });
      const result = await sheetToCsv(file.path, file.displayName, settings.sheet ?? null, out, (f) =>
        reportStep(op, 0.02 + f * 0.3),
      );
      return {
        textPath: out,
        temps,
        stamp,
        format,
        encoding: 'utf-8',
        encodingDetected: false,
        sheets,
        sheet: result.sheet,
        warnings: result.warnings,
        cleanup,
      };
    }
    const guess = settings.encoding ? null : await detectEncoding(file.path);
    const encoding = settings.encoding ?? guess!.encoding;
    const warnings: ImportWarning[] = [];
    let textPath = file.path;
    if (needsTranscoding(encoding)) {
      textPath = join(tempDir, `text-${stamp}.csv`);
      temps.push(textPath);
      const size = (await stat(file.path)).size;
      reportStep(op, 0.01, `Converting ${file.displayName} from ${encoding}`, {
        key: 'progress.converting',
        values: { file: file.displayName, encoding: ENCODING_NAME[encoding] },
      });
      await transcodeToUtf8(file.path, encoding, textPath, (bytes) => reportStep(op, 0.01 + (bytes / size) * 0.25));
      warnings.push({
        code: 'TRANSCODED',
        message: `${guess ? guess.reason : `read as ${encoding} as asked`}; converted to UTF-8`,
        ...transcodedText(guess, encoding),
      });
    }
    return { textPath, temps, stamp, format, encoding, encodingDetected: guess !== null, sheets: [], sheet: null, warnings, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

interface RawTable {
  /** A TEMP view of the data records: text columns c0..cN plus __line. */
  view: string;
  /** The TEMP table under the view, every record read; __line is rowid + lineBase. */
  table: string;
  lineBase: number;
  /** SQL conditions on the table's rowid, then on its values, that keep the data records. */
  dataRowids: string;
  filled: string;
  columns: RawColumn[];
  rows: number;
  /** True when only the head of the file was read (inspection). */
  partial: boolean;
  warnings: ImportWarning[];
}

function rawColumnIdent(i: number): string {
  return `c${i}`;
}

/** A temp file of this import, removed with the others by cleanup(). */
function tempFile(prepared: Prepared, tempDir: string, what: string): string {
  const path = join(tempDir, `${what}-${prepared.stamp}-${prepared.temps.length}.csv`);
  prepared.temps.push(path);
  return path;
}

/** Where DuckDB reads the records from: the prepared text, or a copy of some of its lines. */
interface ReadSource {
  path: string;
  /** Lines DuckDB skips itself. */
  skip: number;
  /** Lines of the prepared text before the first line of `path`. */
  lineOffset: number;
}

/**
 * Read as NULL instead of the empty string: never found in a text file, so that an empty field
 * reads as '' and only a field missing from a short record reads as NULL.
 */
const NO_NULL = '\u0001\u0002qd-no-null\u0002\u0001';

/** A data record with more or fewer fields than the table, found after reading. */
class RaggedRow extends Error {
  constructor(readonly rowid: number) {
    super(`record ${rowid} has a wrong number of fields`);
  }
}

/**
 * Reads the records into a TEMP table of text, exactly as DuckDB's reader splits them with the
 * detected dialect, then exposes the data records (after the header, before a second table) as a
 * view with their line numbers.
 *
 * The table gets one column more than the header has, with short records padded and no null
 * token: DuckDB silently drops an empty field after the last one (a trailing delimiter), which
 * would shift the values of a record with one separator too many; with the extra column, such a
 * record shows as a value in it, a short one as a NULL, and either stops the import at its line.
 */
async function loadRaw(
  conn: DuckDBConnection,
  prepared: Prepared,
  file: ImportFile,
  dialect: DialectGuess,
  names: string[],
  limit: number | null,
  head: string,
  tempDir: string,
): Promise<RawTable> {
  const n = dialect.fieldCount;
  if (n === 0) {
    const line = dialect.unterminatedLine;
    throw new ImportError({
      code: 'IMPORT_FAILED',
      message:
        line !== null
          ? `${file.displayName}, line ${line}: a quoted value is never closed`
          : `${file.displayName}: no columns found (is the file empty?)`,
      ...(line !== null
        ? { messageKey: 'errors.unclosedQuote', values: { file: file.displayName, line: String(line) } }
        : { messageKey: 'errors.noColumns', values: { file: file.displayName } }),
      location: { file: file.displayName, ...(line !== null ? { line } : {}) },
    });
  }
  const table = 'qd_raw_records';
  const view = 'qd_raw';
  const extra = rawColumnIdent(n);
  const columnsSql = `{${[...names.map((_, i) => rawColumnIdent(i)), extra].map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ')}}`;
  let source: ReadSource = { path: prepared.textPath, skip: dialect.skipRows, lineOffset: 0 };
  let reading = dialect;
  if (dialect.quote !== '' && dialect.escape !== dialect.quote) {
    // Lenient quoting (a quote inside a quoted value stays unless a delimiter or a line end
    // follows) and escape characters kept before anything but a quote are not DuckDB's: the
    // file is rewritten in RFC 4180 first, line for line (records.ts says how it is read).
    const rfc = tempFile(prepared, tempDir, 'rfc');
    await rewriteAsRfc4180(prepared.textPath, rfc, dialect);
    source = { ...source, path: rfc };
    reading = { ...dialect, quote: '"', escape: '"' };
  } else if (dialect.skipRows > 0 && dialect.quote !== '' && preambleText(head, dialect.skipRows).includes(dialect.quote)) {
    // DuckDB's skip follows quotes: a stray quote in a title line above the header makes it skip
    // far more than asked. Such a preamble is cut off instead.
    const body = tempFile(prepared, tempDir, 'body');
    await copyLines(prepared.textPath, body, dialect.skipRows + 1, null);
    source = { path: body, skip: 0, lineOffset: dialect.skipRows };
  }
  const createWith = (source: ReadSource, parallel: boolean) =>
    conn.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM read_csv(${quoteLiteral(source.path)}, ${[
        `delim=${quoteLiteral(reading.delimiter)}`,
        `quote=${quoteLiteral(reading.quote)}`,
        `escape=${quoteLiteral(reading.escape)}`,
        'header=false',
        `skip=${source.skip}`,
        'auto_detect=false',
        `columns=${columnsSql}`,
        'null_padding=true',
        `parallel=${parallel}`,
        `nullstr=${quoteLiteral(NO_NULL)}`,
        'strict_mode=true',
      ].join(', ')})${limit !== null ? ` LIMIT ${limit + dialect.headerRows}` : ''}`,
    );
  // A whole file is read by DuckDB's parallel reader first, in file order (insertion order is
  // kept). That reader refuses to pad records whose values hold line breaks (such a file goes
  // straight to the single-threaded reader when its head shows one), and numbers lines less
  // surely: on any failure the file is read again by the single-threaded reader, whose errors are
  // the ones located and reported.
  const parallel = limit === null && !multilineValues(head, dialect);
  const create = async (source: ReadSource) => {
    if (parallel) {
      try {
        await createWith(source, true);
        return;
      } catch (e) {
        if (/interrupt/i.test(e instanceof Error ? e.message : String(e))) throw e;
      }
    }
    await createWith(source, false);
  };
  // A record with a value somewhere (blank records are skipped). Written as a disjunction, which
  // DuckDB stops evaluating at the first filled column: ten times faster than NOT (all empty).
  // A value that does not start with a space has something besides spaces: trim() (the costly
  // part) is left to those that do.
  const filled = Array.from({ length: n }, (_, i) => {
    const c = rawColumnIdent(i);
    return `(${c} IS NOT NULL AND ${c} <> '' AND (ascii(${c}) <> 32 OR trim(${c}) <> ''))`;
  }).join(' OR ');
  const check = async () => {
    const h = dialect.headerRows;
    const last = rawColumnIdent(n - 1);
    // A data record with a value in the extra column is long, one with NULL in the last is short;
    // a header may be short (no trailing delimiter on its line) or end with an empty name.
    const bad = (
      await conn.runAndReadAll(
        `SELECT min(rowid) AS r FROM ${table}
         WHERE (${extra} IS NOT NULL OR ${last} IS NULL)
           AND ((rowid >= ${h} AND (${extra} IS NOT NULL OR ${filled})) OR (rowid < ${h} AND trim(${extra}) <> ''))`,
      )
    ).getRowObjectsJS()[0]?.r;
    if (bad !== null && bad !== undefined) throw new RaggedRow(Number(bad));
  };

  const warnings: ImportWarning[] = [];
  try {
    await create(source);
    reportStep(null, null, 'raw: records read');
    await check();
  } catch (e) {
    const error = await locateReadError(file, source, reading, e);
    // Two tables in one file: reading failed at the second one's header or in its records. Keep
    // the first table when the header repeats before the failing line.
    const line = error.error.location?.line;
    const [h0, h1] = dialect.headers;
    if (typeof line !== 'number' || dialect.headerRows === 0 || n < 2 || !h0 || !h1) throw error;
    const scan = await scanRecords(source.path, reading, {
      skipLines: source.skip,
      headerRecords: dialect.headerRows,
      expected: n,
      repeatedHeader: [h0, h1],
      untilLine: line - source.lineOffset,
    }).catch(() => null);
    const second = scan?.repeatedHeaderLine;
    if (!second) throw error;
    const first = tempFile(prepared, tempDir, 'first-table');
    await copyLines(source.path, first, 1, second - 1);
    source = { ...source, path: first };
    warnings.push({
      code: 'RAGGED_ROWS',
      message: `a second table starts at line ${second + source.lineOffset}; only the first table was imported`,
      messageKey: 'warnings.secondTable',
      values: { line: second + source.lineOffset },
    });
    try {
      await create(source);
      await check();
    } catch (e2) {
      throw await locateReadError(file, source, reading, e2);
    }
  }
  // A second table below the first (an export with two blocks) starts where the header repeats.
  let end: number | null = null;
  const h0 = dialect.headers[0];
  const h1 = dialect.headers[1];
  if (warnings.length === 0 && dialect.headerRows > 0 && h0 && h1 && n >= 2) {
    const found = (
      await conn.runAndReadAll(
        `SELECT min(rowid) AS r FROM ${table} WHERE rowid >= ${dialect.headerRows} AND trim(c0) = $1 AND trim(c1) = $2`,
        [h0, h1],
      )
    ).getRowObjectsJS()[0]?.r;
    // A header row repeated right below the header is a merged (filled-down) header cell, not a
    // second table: a second table needs data rows above it.
    if (found !== null && found !== undefined && Number(found) > dialect.headerRows) {
      end = Number(found);
      warnings.push({
        code: 'SECOND_TABLE',
        message: `a second table starts at line ${dialect.skipRows + end + 1}; only the first table was imported`,
        messageKey: 'warnings.secondTable',
        values: { line: dialect.skipRows + end + 1 },
      });
    }
  }
  const lineBase = source.skip + source.lineOffset + 1;
  const dataRowids = `rowid >= ${dialect.headerRows}${end !== null ? ` AND rowid < ${end}` : ''}`;
  // Two scans: a WHERE stops at the first filled column, a FILTER clause would test them all.
  const counts = (
    await conn.runAndReadAll(
      `SELECT (SELECT count(*) FROM ${table} WHERE ${dataRowids}) AS records,
              (SELECT count(*) FROM ${table} WHERE ${dataRowids} AND (${filled})) AS rows`,
    )
  ).getRowObjectsJS()[0];
  const rows = Number(counts?.rows ?? 0);
  // Without a blank record, the view need not test every record again.
  const keep = rows === Number(counts?.records ?? 0) ? 'true' : `(${filled})`;
  await conn.run(
    `CREATE OR REPLACE TEMP VIEW ${view} AS SELECT ${names.map((_, i) => rawColumnIdent(i)).join(', ')}, rowid + ${lineBase} AS __line
     FROM ${table}
     WHERE ${dataRowids} AND ${keep}`,
  );
  return {
    view,
    table,
    lineBase,
    dataRowids,
    filled: keep,
    columns: names.map((name, i) => ({ index: i, name, header: dialect.headers[i] ?? '', ident: rawColumnIdent(i) })),
    rows,
    partial: limit !== null && rows >= limit,
    warnings,
  };
}

/**
 * The rows type detection looks at (typing.ts samplePlan: the first lines and rows picked by a
 * hash of their line number), picked on the table's rowid so that DuckDB reads only their values.
 * Returns the raw view itself when it is small enough to be read whole.
 */
async function rawSample(conn: DuckDBConnection, raw: RawTable): Promise<string> {
  const plan = samplePlan(raw.rows, raw.columns.length);
  if (!plan) return raw.view;
  const line = `rowid + ${raw.lineBase}`;
  // Records come in file order (insertion order is kept): the head is the first data records.
  const headEnd = Number(
    (await conn.runAndReadAll(`SELECT max(__line) AS l FROM (SELECT __line FROM ${raw.view} LIMIT ${plan.head})`)).getRowObjectsJS()[0]
      ?.l ?? 0,
  );
  const table = 'qd_raw_sample';
  // The rowids first (a scan of no values), then their records: DuckDB then reads the values of
  // those records only.
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM (
       SELECT ${line} AS __line, ${raw.columns.map((c) => c.ident).join(', ')} FROM ${raw.table}
       WHERE rowid IN (
         SELECT rowid FROM ${raw.table}
         WHERE ${raw.dataRowids} AND (${line} <= ${headEnd} OR hash(${line}) % 1000000 < ${plan.perMillion}))
     ) WHERE ${raw.filled} LIMIT ${plan.rows}`,
  );
  return table;
}

/** A quoted value of the head holds a line break. */
function multilineValues(head: string, dialect: DialectGuess): boolean {
  if (dialect.quote === '') return false;
  return parseRecords(head, dialect, true, Number.MAX_SAFE_INTEGER).some((r) => r.fields.some((f) => f.includes('\n') || f.includes('\r')));
}

/** The first `lines` physical lines of the head. */
function preambleText(head: string, lines: number): string {
  return head.split(/\r\n|\n|\r/).slice(0, lines).join('\n');
}

/**
 * Turns a reader failure into the line and reason. DuckDB numbers records rather than lines, and
 * reads one column more than the table has: the line and field count of a broken record come
 * from our own scan of the file with the same dialect.
 */
async function locateReadError(file: ImportFile, source: ReadSource, dialect: DialectGuess, e: unknown): Promise<ImportError> {
  const raw = e instanceof Error ? e.message : String(e);
  const ragged = e instanceof RaggedRow || /Expected Number of Columns/.test(raw);
  const unterminated = /unterminated quote/i.test(raw);
  const at = (line: number) => line + source.lineOffset;
  if (ragged || unterminated) {
    const scan = await scanRecords(source.path, dialect, {
      skipLines: source.skip,
      headerRecords: dialect.headerRows,
      expected: dialect.fieldCount,
    }).catch(() => null);
    if (scan?.firstRagged && ragged) {
      const { line, expected, found } = scan.firstRagged;
      return new ImportError({
        code: 'IMPORT_FAILED',
        message: `${file.displayName}, line ${at(line)}: expected ${expected} field${expected === 1 ? '' : 's'} as in the header, found ${found}`,
        messageKey: 'errors.raggedRow',
        values: { file: file.displayName, line: String(at(line)), expected, found },
        location: { file: file.displayName, line: at(line) },
        ...(e instanceof RaggedRow ? {} : { detail: raw }),
      });
    }
    if (scan?.unclosedQuoteLine) {
      return new ImportError({
        code: 'IMPORT_FAILED',
        message: `${file.displayName}, line ${at(scan.unclosedQuoteLine)}: a quoted value is never closed`,
        messageKey: 'errors.unclosedQuote',
        values: { file: file.displayName, line: String(at(scan.unclosedQuoteLine)) },
        location: { file: file.displayName, line: at(scan.unclosedQuoteLine) },
        detail: raw,
      });
    }
    // The data reads evenly: the broken record is the header, or our scan and DuckDB disagree.
    const record = e instanceof RaggedRow ? e.rowid : Number(/CSV Error on Line: (\d+)/.exec(raw)?.[1] ?? NaN) - source.skip - 1;
    if (ragged && Number.isFinite(record)) {
      const line = record + source.skip + source.lineOffset + 1;
      const inHeader = record < dialect.headerRows;
      return new ImportError({
        code: 'IMPORT_FAILED',
        message: inHeader
          ? `${file.displayName}, line ${line}: the header has more fields than the ${dialect.fieldCount} of the data`
          : `${file.displayName}, line ${line}: this record does not have the ${dialect.fieldCount} fields of the header`,
        messageKey: inHeader ? 'errors.headerTooWide' : 'errors.recordTooShort',
        values: { file: file.displayName, line: String(line), count: dialect.fieldCount },
        location: { file: file.displayName, line },
        detail: raw,
      });
    }
  }
  const error = csvReadError(file.displayName, e);
  const line = error.location?.line;
  if (typeof line === 'number' && source.lineOffset > 0) {
    return new ImportError({
      ...error,
      message: error.message.replace(`line ${line}`, `line ${at(line)}`),
      location: { ...error.location, line: at(line) },
    });
  }
  return new ImportError(error);
}

export interface Analysis {
  prepared: Prepared;
  dialect: DialectGuess;
  raw: RawTable;
  settings: ImportSettings;
  detected: ImportInspection['detected'];
  plans: ColumnPlan[];
  warnings: ImportWarning[];
}

/** Everything up to the typed plan of every column; the raw view stays for the caller to use. */
export async function analyse(
  conn: DuckDBConnection,
  file: ImportFile,
  given: Partial<ImportSettings>,
  tempDir: string,
  op: OperationHandle | null,
  limit: number | null,
): Promise<Analysis> {
  const prepared = await prepare(file, given, tempDir, op);
  try {
    reportStep(null, null, 'prepared');
    const read = async () => {
      const size = (await stat(prepared.textPath)).size;
      const head = await readTextHead(prepared.textPath, 'utf-8', HEAD_BYTES);
      const dialect = await detectDialect(conn, prepared.textPath, head, size > HEAD_BYTES, {
        ...(given.delimiter !== undefined ? { delimiter: given.delimiter } : {}),
        ...(given.quote !== undefined ? { quote: given.quote } : {}),
        ...(given.escape !== undefined ? { escape: given.escape } : {}),
        ...(given.skipRows !== undefined ? { skipRows: given.skipRows } : {}),
        ...(given.headerRows !== undefined ? { headerRows: given.headerRows } : {}),
      });
      reportStep(null, null, 'dialect');
      const { names, renamed, given: renamedTo } = uniqueNames(dialect.headers);
      reportStep(op, 0.35, `Reading ${file.displayName}`, { key: 'progress.reading', values: { file: file.displayName } });
      const raw = await loadRaw(conn, prepared, file, dialect, names, limit, head, tempDir);
      return { dialect, renamed, renamedTo, raw };
    };
    let loaded: Awaited<ReturnType<typeof read>>;
    try {
      loaded = await read();
    } catch (e) {
      // DuckDB's reader follows one kind of line ending: a file that mixes them (LF and CRLF, or
      // lone CRs) fails somewhere, and is read again with every line ending made a LF.
      if (!(e instanceof ImportError) || e.error.code !== 'IMPORT_FAILED' || prepared.format !== 'csv') throw e;
      const endings = await countLineEndings(prepared.textPath);
      if (!mixedLineEndings(endings)) throw e;
      const uniform = tempFile(prepared, tempDir, 'lf');
      await normalizeLineEndings(prepared.textPath, uniform);
      prepared.textPath = uniform;
      const kinds = [
        endings.crlf ? `${endings.crlf} CRLF` : '',
        endings.lf ? `${endings.lf} LF` : '',
        endings.cr ? `${endings.cr} lone CR` : '',
      ].filter(Boolean);
      prepared.warnings.push({
        code: 'TRANSCODED',
        message: `mixed line endings (${kinds.join(', ')}) read as one kind (LF)`,
        messageKey: 'warnings.mixedLineEndings',
        values: { crlf: endings.crlf, lf: endings.lf, cr: endings.cr },
      });
      loaded = await read();
    }
    const { dialect, renamed, renamedTo, raw } = loaded;
    reportStep(op, 0.6, 'Detecting column types', { key: 'progress.detectingTypes' });
    reportStep(null, null, 'raw loaded');
    const nullTokens = given.nullTokens ?? DEFAULT_NULL_TOKENS;
    const sample = await rawSample(conn, raw);
    reportStep(null, null, 'detection sample');
    let typing: Awaited<ReturnType<typeof detectColumns>>;
    try {
      // The plans' counts are made on the whole of what is read (inspect, writeTypedTable).
      typing = await detectColumns(conn, sample, raw.columns, { ...given, nullTokens }, { presampled: true, countSample: false });
    } finally {
      if (sample !== raw.view) await conn.run(`DROP TABLE IF EXISTS ${sample}`);
    }
    reportStep(null, null, 'typed');
    const settings: ImportSettings = {
      format: prepared.format,
      encoding: prepared.encoding,
      delimiter: dialect.delimiter,
      quote: (dialect.quote === "'" ? "'" : dialect.quote === '' ? '' : '"') as ImportSettings['quote'],
      escape: dialect.escape,
      skipRows: dialect.skipRows,
      headerRows: dialect.headerRows,
      decimalSeparator: typing.decimalSeparator,
      thousandsSeparator: typing.thousandsSeparator,
      dateOrder: typing.dateOrder,
      nullTokens,
      sheet: prepared.sheet,
      columnKinds: given.columnKinds ?? {},
    };
    const detected: ImportInspection['detected'] = {};
    for (const key of Object.keys(settings) as (keyof ImportSettings)[]) {
      detected[key] = given[key] === undefined;
    }
    const warnings = [...prepared.warnings, ...raw.warnings, ...typing.warnings];
    if (renamed.length > 0) {
      warnings.push({
        code: 'RENAMED_HEADERS',
        message: renamed.join('; '),
        messageKey: 'warnings.renamedHeaders',
        values: { count: renamedTo.length, names: renamedTo.map((n) => `“${n}”`).join(', ') },
      });
    }
    return { prepared, dialect, raw, settings, detected, plans: typing.plans, warnings };
  } catch (e) {
    await prepared.cleanup();
    throw e;
  }
}

/** The first rows as they will be imported, as display text. */
async function previewRows(conn: DuckDBConnection, a: Analysis, rows = PREVIEW_ROWS): Promise<(string | null)[][]> {
  if (a.plans.length === 0) return [];
  const exprs = a.plans.map(
    (p, i) => `CAST(${conversionExpr(p, a.settings, rawColumnIdent(p.index))} AS VARCHAR) AS ${quoteIdent(`p${i}`)}`,
  );
  const reader = await conn.runAndReadAll(`SELECT ${exprs.join(', ')} FROM ${a.raw.view} ORDER BY __line LIMIT ${rows}`);
  return reader.getRowsJS().map((r) => r.map((v) => (v === null || v === undefined ? null : String(v))));
}

export type BaseInspection = Omit<ImportInspection, 'roles' | 'preset' | 'sourceName' | 'match' | 'snapshotDate'>;

/**
 * What the import dialog shows of the file itself: detected settings, typed columns, converted
 * preview, warnings. Reads only the head of the file. The raw view is left for the caller, who
 * must call dropRaw() and analysis.prepared.cleanup().
 */
export async function inspect(
  conn: DuckDBConnection,
  file: ImportFile,
  given: Partial<ImportSettings>,
  tempDir: string,
): Promise<{ base: BaseInspection; analysis: Analysis }> {
  const a = await analyse(conn, file, given, tempDir, null, INSPECT_RECORDS);
  const plans = await countFailures(conn, a.raw.view, a.plans, a.settings);
  const preview = await previewRows(conn, { ...a, plans });
  let rowCount = a.raw.rows;
  if (a.raw.partial) {
    // Estimate from the bytes the inspected records took.
    const size = (await stat(a.prepared.textPath)).size;
    const used = await bytesOfHead(a.prepared.textPath, a.raw.rows + a.dialect.headerRows + a.dialect.skipRows);
    rowCount = Math.round((a.raw.rows * size) / Math.max(1, used));
  }
  return {
    analysis: { ...a, plans },
    base: {
      file: file.displayName,
      settings: a.settings,
      detected: a.detected,
      sheets: a.prepared.sheets,
      columns: plans,
      preview,
      rowCount,
      rowCountExact: !a.raw.partial,
      warnings: [...a.warnings, ...failureWarnings(plans)],
    },
  };
}

async function bytesOfHead(path: string, lines: number): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4 * 1024 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    let seen = 0;
    for (let i = 0; i < bytesRead; i++) {
      if (buf[i] === 0x0a && ++seen >= lines) return i + 1;
    }
    return bytesRead;
  } finally {
    await fh.close();
  }
}

export async function dropRaw(conn: DuckDBConnection): Promise<void> {
  await conn.run('DROP VIEW IF EXISTS qd_raw').catch(() => undefined);
  await conn.run('DROP TABLE IF EXISTS qd_raw_sample').catch(() => undefined);
  await conn.run('DROP TABLE IF EXISTS qd_raw_records').catch(() => undefined);
}

/** SELECT list turning the raw view into the typed table. */
export function typedSelect(a: Analysis, plans: ColumnPlan[]): string {
  return plans
    .map((p) => `${conversionExpr(p, a.settings, rawColumnIdent(p.index))} AS ${quoteIdent(p.name)}`)
    .join(',\n  ');
}

/** A source name from a file name: its base name without extension. */
export function sourceNameFromFile(fileName: string): string {
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? fileName;
  return base.replace(/\.(csv|tsv|txt|xlsx|xlsm)(\.gz)?$/i, '') || 'source';
}

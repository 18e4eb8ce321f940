// CSV import with DuckDB's reader and sniffer, in one transaction: a failed import leaves the
// workspace exactly as it was.
import { open, stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { QdError } from '../../../shared/api';
import { quoteIdent, quoteLiteral } from '../../../shared/spec/quote';
import type { Operations } from '../operations';
import { CATALOG_TABLE, type SourceRecord, type Workspace } from '../workspace/workspace';
import { guessDelimiter, scanCsvRecords } from './csv-scan';
import { csvReadError } from './duckdb-errors';

export class ImportError extends Error {
  constructor(readonly error: QdError) {
    super(error.message);
  }
}

export interface CsvImportRequest {
  path: string;
  /** The name the user knows the file by (its base name), used in messages. */
  displayName: string;
  sourceName: string;
  replace: boolean;
  opId?: string;
}

interface SniffResult {
  delimiter: string;
  columns: number;
}

async function readFirstLine(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    return text.split(/\r\n|\n|\r/)[0] ?? '';
  } finally {
    await fh.close();
  }
}

async function sniff(conn: DuckDBConnection, path: string): Promise<SniffResult> {
  const reader = await conn.runAndReadAll(
    `SELECT Delimiter AS delimiter, len(Columns) AS columns FROM sniff_csv(${quoteLiteral(path)})`,
  );
  const row = reader.getRowObjectsJS()[0];
  return { delimiter: String(row?.delimiter ?? ','), columns: Number(row?.columns ?? 0) };
}

/**
 * Decides the read_csv options: DuckDB's own detection, except when it cannot detect a dialect or
 * falls back to a single column although the header clearly has a delimiter. Those are the
 * signs of a ragged file, and the scanner then names the broken line.
 */
async function readOptions(conn: DuckDBConnection, req: CsvImportRequest): Promise<string> {
  const header = await readFirstLine(req.path);
  const headerDelimiter = guessDelimiter(header);
  let sniffed: SniffResult | null = null;
  let sniffError: unknown = null;
  try {
    sniffed = await sniff(conn, req.path);
  } catch (e) {
    sniffError = e;
  }
  const suspicious = sniffed === null || (sniffed.columns <= 1 && headerDelimiter !== null);
  if (!suspicious) return '';
  if (headerDelimiter) {
    const scan = await scanCsvRecords(req.path, headerDelimiter);
    if (scan.firstRagged) {
      const { line, expected, found } = scan.firstRagged;
      throw new ImportError({
        code: 'IMPORT_FAILED',
        message: `${req.displayName}, line ${line}: expected ${expected} fields as in the header, found ${found}`,
        location: { file: req.displayName, line },
        detail: `Delimiter ${JSON.stringify(headerDelimiter)}; the header has ${expected} fields.`,
      });
    }
    if (scan.unclosedQuoteLine !== null) {
      throw new ImportError({
        code: 'IMPORT_FAILED',
        message: `${req.displayName}, line ${scan.unclosedQuoteLine}: a quoted value is never closed`,
        location: { file: req.displayName, line: scan.unclosedQuoteLine },
      });
    }
    return `, delim=${quoteLiteral(headerDelimiter)}, quote='"', escape='"', header=true`;
  }
  throw new ImportError(csvReadError(req.displayName, sniffError));
}

function cancelled(): ImportError {
  return new ImportError({ code: 'CANCELLED', message: 'import cancelled; the workspace is unchanged' });
}

function tableNameFor(sourceName: string, taken: ReadonlySet<string>): string {
  const slug =
    sourceName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'source';
  let name = `src_${slug}`;
  for (let i = 2; taken.has(name); i++) name = `src_${slug}_${i}`;
  return name;
}

export async function importCsv(
  ws: Workspace,
  operations: Operations,
  req: CsvImportRequest,
): Promise<SourceRecord> {
  const info = await stat(req.path).catch(() => null);
  if (!info || !info.isFile()) {
    throw new ImportError({
      code: 'IMPORT_FAILED',
      message: `${req.displayName}: the file cannot be opened`,
      location: { file: req.displayName },
    });
  }
  if (info.size === 0) {
    throw new ImportError({
      code: 'IMPORT_FAILED',
      message: `${req.displayName}: the file is empty`,
      location: { file: req.displayName },
    });
  }

  return ws.exclusive(async () => {
    const conn = await ws.connect();
    const op = operations.start(req.opId, `Importing ${req.displayName}`, conn);
    try {
      const existing = await ws.listSources(conn);
      const previous = existing.find((s) => s.name === req.sourceName);
      if (previous && !req.replace) {
        throw new ImportError({
          code: 'IMPORT_FAILED',
          message: `a source named "${req.sourceName}" already exists`,
          location: { field: 'sourceName' },
        });
      }
      const options = await readOptions(conn, req);
      const taken = new Set(existing.filter((s) => s !== previous).map((s) => s.table));
      const table = tableNameFor(req.sourceName, taken);
      const staging = `${table}__importing`;
      if (op.isCancelled()) throw cancelled();
      await conn.run('BEGIN TRANSACTION');
      try {
        await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
        await conn.run(
          `CREATE TABLE ${quoteIdent(staging)} AS SELECT * FROM read_csv(${quoteLiteral(req.path)}${options})`,
        );
        if (op.isCancelled()) throw cancelled();
        if (previous) {
          await conn.run(`DROP TABLE ${quoteIdent(previous.table)}`);
          await conn.run(`DELETE FROM ${quoteIdent(CATALOG_TABLE)} WHERE name = $1`, [req.sourceName]);
        }
        await conn.run(`ALTER TABLE ${quoteIdent(staging)} RENAME TO ${quoteIdent(table)}`);
        const count = await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${quoteIdent(table)}`);
        const rowCount = Number(count.getRowObjectsJS()[0]?.n ?? 0);
        await conn.run(
          `INSERT INTO ${quoteIdent(CATALOG_TABLE)} VALUES ($1, $2, $3, $4, now()::TIMESTAMP)`,
          [req.sourceName, table, req.displayName, rowCount],
        );
        await conn.run('COMMIT');
      } catch (e) {
        await conn.run('ROLLBACK').catch(() => undefined);
        if (op.isCancelled()) throw cancelled();
        if (e instanceof ImportError) throw e;
        throw new ImportError(csvReadError(req.displayName, e));
      }
      const record = await ws.findSource(req.sourceName, conn);
      if (!record) throw new Error('imported source missing from the catalog');
      return record;
    } catch (e) {
      // An interrupt can land in any statement (the sniffer, the catalog read): report it as such.
      if (op.isCancelled() && !(e instanceof ImportError && e.error.code !== 'CANCELLED')) throw cancelled();
      throw e;
    } finally {
      op.finish();
      conn.closeSync();
    }
  });
}

/** A source name from a file name: its base name without extension. */
export function sourceNameFromFile(fileName: string): string {
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? fileName;
  return base.replace(/\.(csv|tsv|txt)(\.gz)?$/i, '') || 'source';
}

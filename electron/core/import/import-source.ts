// Imports a file as a source, or as a new dated snapshot of a source it matches, in one
// transaction: the typed table, the snapshot row, the roles and the history view commit together
// or not at all.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnPlan, ImportInspection, ImportReport, ImportSettings, SourceMatch, ValueKind } from '../../../shared/import/types';
import { headerSignature } from '../../../shared/model/detect';
import { quoteIdent } from '../../../shared/spec/quote';
import { rebuildModels } from '../model/model-views';
import { reportStep, type OperationHandle, type Operations } from '../operations';
import { historyViewName, slugify, snapshotTableName, T } from '../workspace/catalog';
import type { SourceRecord, Workspace } from '../workspace/workspace';
import { cancelledError, ImportError } from './errors';
import { analyse, dropRaw, inspect, sourceNameFromFile, typedSelect, type Analysis, type ImportFile } from './pipeline';
import { proposeRoles, rememberRoles } from './roles-step';
import { conversionExpr, countFailures, failureWarnings, nonEmptyExpr } from './typing';


export interface ImportSourceRequest {
  file: ImportFile;
  settings: Partial<ImportSettings>;
  sourceName?: string;
  snapshotDate?: string;
  replace: boolean;
  roles?: Record<string, string | null>;
  opId?: string;
}

const ISO_IN_NAME = /(20\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])/;
const MONTH_IN_NAME = /(20\d{2})[-_.](0[1-9]|1[0-2])(?!\d)/;

/** A snapshot date from a file name ("deals-2026-10-01.csv", "export_202610.csv"), else today. */
export function snapshotDateFor(fileName: string, today = new Date()): string {
  const full = ISO_IN_NAME.exec(fileName);
  if (full) return `${full[1]}-${full[2]}-${full[3]}`;
  const month = MONTH_IN_NAME.exec(fileName);
  if (month) return `${month[1]}-${month[2]}-01`;
  return today.toISOString().slice(0, 10);
}

function findMatch(sources: SourceRecord[], signature: string, requested: string | undefined): SourceRecord | undefined {
  if (requested) return sources.find((s) => s.name === requested);
  return sources.find((s) => s.signature === signature);
}

function uniqueSourceName(base: string, sources: SourceRecord[]): string {
  const names = new Set(sources.map((s) => s.name));
  let name = base;
  for (let i = 2; names.has(name); i++) name = `${base} (${i})`;
  return name;
}

export async function inspectSource(
  ws: Workspace,
  file: ImportFile,
  settings: Partial<ImportSettings>,
  tempDir: string,
  sourceName?: string,
): Promise<ImportInspection> {
  const conn = await ws.connect();
  let analysis: Awaited<ReturnType<typeof inspect>>['analysis'] | null = null;
  try {
    let inspected = await inspect(conn, file, settings, tempDir);
    analysis = inspected.analysis;
    const signature = headerSignature(inspected.base.columns.map((c) => c.name));
    const sources = await ws.listSources();
    const match = findMatch(sources, signature, sourceName);
    const kinds = rememberedKinds(match, inspected.base.columns, settings);
    if (kinds) {
      await dropRaw(conn);
      await analysis.prepared.cleanup();
      analysis = null;
      inspected = await inspect(conn, file, { ...settings, columnKinds: kinds }, tempDir);
      analysis = inspected.analysis;
    }
    const result = inspected.base;
    const snapshotDate = snapshotDateFor(file.displayName);
    // Roles are judged on the typed head of the file, as it would be imported.
    await conn.run(`CREATE OR REPLACE TEMP TABLE qd_inspect_typed AS SELECT ${typedSelect(analysis, result.columns)} FROM ${analysis.raw.view}`);
    const roles = await proposeRoles(conn, 'qd_inspect_typed', result.columns, signature, match?.roles);
    return {
      ...result,
      roles: roles.assignments,
      preset: roles.preset,
      sourceName: match?.name ?? sourceName ?? uniqueSourceName(sourceNameFromFile(file.displayName), sources),
      match: match ? matchInfo(match, signature, snapshotDate) : null,
      snapshotDate,
    };
  } catch (e) {
    throw asImportError(file.displayName, e);
  } finally {
    await conn.run('DROP TABLE IF EXISTS qd_inspect_typed').catch(() => undefined);
    await dropRaw(conn);
    await analysis?.prepared.cleanup();
    conn.closeSync();
  }
}

function matchInfo(source: SourceRecord, signature: string, snapshotDate: string): SourceMatch {
  return {
    source: source.name,
    reason:
      source.signature === signature
        ? `same columns as "${source.name}"`
        : `added to "${source.name}" as asked (its columns differ from the earlier snapshots)`,
    snapshotDate,
  };
}

export async function importSource(
  ws: Workspace,
  operations: Operations,
  req: ImportSourceRequest,
  tempDir: string,
): Promise<ImportReport> {
  return ws.exclusive(async () => {
    const conn = await ws.connect();
    const op = operations.start(req.opId, `Importing ${req.file.displayName}`, conn, {
      key: 'progress.importing',
      values: { file: req.file.displayName },
    });
    let analysis: Awaited<ReturnType<typeof analyse>> | null = null;
    // The hash of the bytes the user gave ("explain" names the exact file), beside the rest.
    const hashing = sha256FileAside(req.file.path);
    try {
      analysis = await analyse(conn, req.file, req.settings, tempDir, op, null);
      if (op.isCancelled()) throw cancelledError();
      const names = analysis.plans.map((p) => p.name);
      const signature = headerSignature(names);
      const sources = await ws.listSources(conn);
      const match = findMatch(sources, signature, req.sourceName);
      const kinds = rememberedKinds(match, analysis.plans, req.settings);
      if (kinds) {
        await dropRaw(conn);
        await analysis.prepared.cleanup();
        analysis = await analyse(conn, req.file, { ...req.settings, columnKinds: kinds }, tempDir, op, null);
      }
      const sourceName = match?.name ?? req.sourceName ?? uniqueSourceName(sourceNameFromFile(req.file.displayName), sources);
      const snapshotDate = req.snapshotDate ?? snapshotDateFor(req.file.displayName);
      const existing = match?.snapshotTables.find((s) => s.date === snapshotDate);
      if (existing && !req.replace) {
        throw new ImportError({
          code: 'IMPORT_FAILED',
          message: `"${sourceName}" already has a snapshot dated ${snapshotDate}; choose another date or replace it`,
          messageKey: 'errors.snapshotExists',
          values: { source: sourceName, date: snapshotDate },
          location: { field: 'snapshotDate' },
        });
      }
      const slug = match?.slug ?? freeSlug(slugify(sourceName), sources);
      const table = snapshotTableName(slug, snapshotDate);
      if (op.isCancelled()) throw cancelledError();
      reportStep(op, 0.75, 'Writing the table', { key: 'progress.writing' });

      await conn.run('BEGIN TRANSACTION');
      try {
        if (existing) await conn.run(`DROP TABLE ${quoteIdent(existing.table)}`);
        const plans = await writeTypedTable(conn, analysis, table, op);
        refuseSilentLoss(req.file.displayName, plans, req.settings.columnKinds ?? {});
        const rowCount = Number(
          (await conn.runAndReadAll(`SELECT count(*) AS n FROM ${quoteIdent(table)}`)).getRowObjectsJS()[0]?.n ?? 0,
        );
        reportStep(op, 0.9, 'Recognising columns', { key: 'progress.recognisingRoles' });
        // The kinds every column was read as: the next export of this source is read the same way.
        const storedSettings = JSON.stringify({
          ...analysis.settings,
          columnKinds: Object.fromEntries(plans.map((p) => [p.name, p.kind])),
        });
        const roles = await proposeRoles(conn, table, plans, signature, match?.roles, req.roles);
        if (!match) {
          await conn.run(`INSERT INTO ${quoteIdent(T.sources)} VALUES ($1, $2, $3, $4::JSON, now()::TIMESTAMP)`, [
            sourceName,
            slug,
            signature,
            storedSettings,
          ]);
        } else {
          await conn.run(`UPDATE ${quoteIdent(T.sources)} SET settings = $2::JSON WHERE name = $1`, [sourceName, storedSettings]);
        }
        const contentHash = await hashing.digest;
        await conn.run(`DELETE FROM ${quoteIdent(T.snapshots)} WHERE source = $1 AND snapshot_date = $2::DATE`, [
          sourceName,
          snapshotDate,
        ]);
        await conn.run(
          `INSERT INTO ${quoteIdent(T.snapshots)} (source, snapshot_date, table_name, file, row_count, imported_at, content_hash)
           VALUES ($1, $2::DATE, $3, $4, $5, now()::TIMESTAMP, $6)`,
          [sourceName, snapshotDate, table, req.file.displayName, rowCount, contentHash],
        );
        await conn.run(`DELETE FROM ${quoteIdent(T.roles)} WHERE source = $1`, [sourceName]);
        for (const r of roles.assignments) {
          await conn.run(`INSERT INTO ${quoteIdent(T.roles)} VALUES ($1, $2, $3)`, [sourceName, r.role, r.column]);
        }
        await rememberRoles(conn, signature, roles.assignments);
        await rebuildHistoryView(conn, sourceName, slug);
        // The enriched models read the latest snapshot of each source: point them at this one.
        await rebuildModels(conn);
        await conn.run('COMMIT');
        reportStep(op, 1, 'Imported', { key: 'progress.imported' });
        return {
          source: sourceName,
          snapshotDate,
          addedSnapshot: Boolean(match),
          rowCount,
          settings: analysis.settings,
          columns: plans,
          roles: roles.assignments,
          preset: roles.preset,
          warnings: [...analysis.warnings, ...failureWarnings(plans)],
        };
      } catch (e) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    } catch (e) {
      // An interrupt can land in any statement: report it as a cancellation.
      if (op.isCancelled()) throw cancelledError();
      throw asImportError(req.file.displayName, e);
    } finally {
      hashing.stop();
      await dropRaw(conn);
      await analysis?.prepared.cleanup();
      op.finish();
      conn.closeSync();
    }
  });
}

/** sha256 of a file, as 64 hex digits, read as a stream (exports can be large). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}

// Plain CommonJS run by a worker thread: no file of its own to bundle.
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const hash = createHash('sha256');
createReadStream(workerData, { highWaterMark: 1 << 20 })
  .on('data', (chunk) => hash.update(chunk))
  .on('error', (e) => { throw e; })
  .on('end', () => parentPort.postMessage(hash.digest('hex')));
`;

/**
 * sha256File on a worker thread, so that it runs beside the import's own work (transcoding on
 * the main thread, reading in DuckDB). stop() ends it when the import fails first.
 */
export function sha256FileAside(path: string): { digest: Promise<string>; stop: () => void } {
  let worker: Worker;
  try {
    worker = new Worker(HASH_WORKER, { eval: true, workerData: path });
  } catch {
    return { digest: sha256File(path), stop: () => undefined };
  }
  const digest = new Promise<string>((resolve, reject) => {
    worker.once('message', (hex: string) => resolve(hex));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`hashing ${path} stopped (${code})`)));
  });
  digest.catch(() => undefined);
  return { digest, stop: () => void worker.terminate() };
}

const KIND_NOUN: Record<string, string> = {
  integer: 'a whole number',
  decimal: 'a number',
  percent: 'a percentage',
  date: 'a date',
  timestamp: 'a date and time',
  boolean: 'a yes/no value',
};

/**
 * Values that do not convert to their column's detected kind would become empty: the import stops
 * and says where, unless the user chose that column's kind themselves (then the loss is theirs to
 * accept, and it is reported as a warning).
 */
export function refuseSilentLoss(file: string, plans: ColumnPlan[], chosen: Record<string, unknown>): void {
  const failing = plans.filter((p) => p.kind !== 'text' && p.failed > 0 && !(p.name in chosen));
  const first = failing[0];
  if (!first) return;
  const sample = first.samples[0];
  const where = [file, sample ? `line ${sample.line}` : null, `column "${first.name}"`].filter(Boolean).join(', ');
  const others = failing.length > 1 ? ` (and ${failing.length - 1} more column${failing.length > 2 ? 's' : ''}: ${failing.slice(1).map((p) => `"${p.name}"`).join(', ')})` : '';
  throw new ImportError({
    code: 'IMPORT_FAILED',
    message:
      `${where}: ${sample ? `"${sample.value}" is not ${KIND_NOUN[first.kind] ?? first.kind}` : 'values do not convert'}; ` +
      `${first.failed.toLocaleString('en-US')} of ${first.nonEmpty.toLocaleString('en-US')} values of "${first.name}" would be lost${others}. ` +
      `Import "${first.name}" as text to keep them, or choose its type to accept empty cells.`,
    ...(sample
      ? {
          messageKey: 'errors.valueNotConvertible',
          values: {
            file,
            line: String(sample.line),
            column: first.name,
            value: sample.value,
            kind: first.kind,
            failed: first.failed,
            nonEmpty: first.nonEmpty,
            others: failing.length - 1,
            otherColumns: failing.slice(1).map((p) => `"${p.name}"`).join(', '),
          },
        }
      : {}),
    location: { file, ...(sample ? { line: sample.line } : {}), column: first.name },
    detail: failing
      .map((p) => `${p.name} (${p.kind}): ${p.failed} failed, e.g. ${p.samples.map((x) => `line ${x.line}: ${JSON.stringify(x.value)}`).join('; ')}`)
      .join('\n'),
  });
}

/**
 * Writes the typed table from the raw view, checking every value in the same pass: a column of
 * the table flags the rows where a non-empty raw value did not convert, and is dropped once
 * counted. A value that converts is never empty (conversionExpr), so with no row flagged a
 * column's non-empty values are its typed values; otherwise checkConversions counts them on the
 * raw view and finds the lines. The raw value is judged only where the conversion gave NULL,
 * except for dates read by DuckDB's own cast, which reads some words ("epoch") as dates: there
 * an empty value that converted is flagged too.
 */
async function writeTypedTable(conn: DuckDBConnection, analysis: Analysis, table: string, op: OperationHandle): Promise<ColumnPlan[]> {
  const plans = analysis.plans;
  const nulls = analysis.settings.nullTokens;
  const t = quoteIdent(table);
  const checked = plans.flatMap((p, i) => (p.kind === 'text' ? [] : [i]));
  const taken = new Set(plans.map((p) => p.name.toLowerCase()));
  let flag = '__qd_unconverted';
  for (let i = 2; taken.has(flag); i++) flag = `__qd_unconverted_${i}`;
  const inner = [
    ...plans.map((p, i) => `${conversionExpr(p, analysis.settings, `c${p.index}`)} AS v${i}`),
    ...checked.map((i) => `c${plans[i]!.index} AS r${i}`),
  ];
  const outer = plans.map((p, i) => `v${i} AS ${quoteIdent(p.name)}`);
  const lost = (i: number) => {
    const p = plans[i]!;
    const nonEmpty = nonEmptyExpr(`r${i}`, nulls);
    const cast = (p.kind === 'date' || p.kind === 'timestamp') && !p.format;
    return cast ? `(${nonEmpty}) <> (v${i} IS NOT NULL)` : `CASE WHEN v${i} IS NULL THEN ${nonEmpty} ELSE false END`;
  };
  if (checked.length > 0) outer.push(`${checked.map(lost).join(' OR ')} AS ${quoteIdent(flag)}`);
  // No ORDER BY: the raw records are in file order, and DuckDB keeps insertion order.
  await conn.run(`CREATE TABLE ${t} AS SELECT\n  ${outer.join(',\n  ')}\nFROM (SELECT ${inner.join(',\n  ')} FROM ${analysis.raw.view})`);
  reportStep(null, null, 'typed table');
  if (op.isCancelled()) throw cancelledError();
  reportStep(op, 0.85, 'Checking every value', { key: 'progress.checking' });
  if (plans.length === 0) return plans;
  const counts = (
    await conn.runAndReadAll(
      `SELECT ${[
        ...plans.map((p, i) => `count(${quoteIdent(p.name)}) AS t${i}`),
        checked.length > 0 ? `count(*) FILTER (WHERE ${quoteIdent(flag)}) AS flagged` : '0 AS flagged',
      ].join(', ')} FROM ${t}`,
    )
  ).getRowObjectsJS()[0]!;
  if (checked.length > 0) await conn.run(`ALTER TABLE ${t} DROP COLUMN ${quoteIdent(flag)}`);
  const typed = plans.map((_, i) => Number(counts[`t${i}`] ?? 0));
  if (Number(counts.flagged ?? 0) === 0) return plans.map((p, i) => ({ ...p, nonEmpty: typed[i]!, failed: 0, samples: [] }));
  return checkConversions(conn, analysis, typed);
}

/**
 * Every non-empty value must have converted: counts of non-empty raw values against the counts
 * of typed values; only columns that lost values are scanned again for samples. A text column is
 * empty exactly where its raw value is (conversionExpr), so only the other columns' raw values
 * are counted.
 */
async function checkConversions(conn: DuckDBConnection, analysis: Analysis, typed: number[]): Promise<ColumnPlan[]> {
  const plans = analysis.plans;
  const nulls = analysis.settings.nullTokens;
  const converted = plans.flatMap((p, i) => (p.kind === 'text' ? [] : [{ p, i }]));
  const raw =
    converted.length === 0
      ? {}
      : (
          await conn.runAndReadAll(
            `SELECT ${converted.map(({ p, i }) => `count(*) FILTER (WHERE ${nonEmptyExpr(`c${p.index}`, nulls)}) AS n${i}`).join(', ')} FROM ${analysis.raw.view}`,
          )
        ).getRowObjectsJS()[0]!;
  const counted = plans.map((p, i) => {
    const values = typed[i] ?? 0;
    const nonEmpty = p.kind === 'text' ? values : Number(raw[`n${i}`] ?? 0);
    return { ...p, nonEmpty, failed: Math.max(0, nonEmpty - values), samples: [] };
  });
  const losing = counted.filter((p) => p.failed > 0);
  if (losing.length === 0) return counted;
  const sampled = new Map((await countFailures(conn, analysis.raw.view, losing, analysis.settings)).map((p) => [p.name, p]));
  return counted.map((p) => sampled.get(p.name) ?? p);
}

/**
 * A new export of a known source is read with the kinds its earlier snapshot used (a column the
 * user kept as text stays text), unless the user chose otherwise now. Null when nothing differs.
 */
function rememberedKinds(
  match: SourceRecord | undefined,
  plans: ColumnPlan[],
  given: Partial<ImportSettings>,
): Record<string, ValueKind> | null {
  if (!match) return null;
  const chosen = given.columnKinds ?? {};
  const kinds: Record<string, ValueKind> = {};
  let differs = false;
  for (const p of plans) {
    const before = match.columnKinds[p.name];
    if (!before || p.name in chosen) continue;
    kinds[p.name] = before;
    if (before !== p.kind) differs = true;
  }
  return differs ? { ...kinds, ...chosen } : null;
}

/** Anything unexpected while reading a file is still reported against that file. */
function asImportError(file: string, e: unknown): ImportError {
  if (e instanceof ImportError) return e;
  return new ImportError({
    code: 'IMPORT_FAILED',
    message: `${file}: ${e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e)}`,
    location: { file },
    detail: e instanceof Error ? e.message : String(e),
  });
}

function freeSlug(base: string, sources: SourceRecord[]): string {
  const taken = new Set(sources.map((s) => s.slug));
  let slug = base;
  for (let i = 2; taken.has(slug); i++) slug = `${base}_${i}`;
  return slug;
}

/**
 * The history view stacks every snapshot with its date, by column name: a column added in a later
 * export is empty in the earlier ones instead of breaking the view.
 */
export async function rebuildHistoryView(conn: DuckDBConnection, source: string, slug: string): Promise<void> {
  const tables = (
    await conn.runAndReadAll(
      `SELECT table_name, strftime(snapshot_date, '%Y-%m-%d') AS d FROM ${quoteIdent(T.snapshots)} WHERE source = $1 ORDER BY snapshot_date`,
      [source],
    )
  ).getRowObjectsJS();
  const view = quoteIdent(historyViewName(slug));
  if (tables.length === 0) {
    await conn.run(`DROP VIEW IF EXISTS ${view}`);
    return;
  }
  const own = new Set(
    (
      await conn.runAndReadAll(
        `SELECT DISTINCT table_name FROM duckdb_columns() WHERE schema_name = 'main' AND lower(column_name) = 'snapshot_date'`,
      )
    )
      .getRowObjectsJS()
      .map((r) => String(r.table_name)),
  );
  // An export that carries its own snapshot_date column gives way to the snapshot's date.
  const parts = tables.map((t) => {
    const name = String(t.table_name);
    const star = own.has(name) ? '* EXCLUDE (snapshot_date)' : '*';
    return `SELECT DATE '${String(t.d)}' AS snapshot_date, ${star} FROM ${quoteIdent(name)}`;
  });
  await conn.run(`CREATE OR REPLACE VIEW ${view} AS ${parts.join(' UNION ALL BY NAME ')}`);
}

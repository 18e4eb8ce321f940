// A workspace is one DuckDB file (or :memory: in tests) holding every imported source with its
// dated snapshots, plus the catalog tables that describe them. DuckDB allows one writer per file:
// this class is its only owner in a process.
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ColumnInfo, SnapshotInfo, SourceInfo } from '../../../shared/api';
import type { ValueKind } from '../../../shared/import/types';
import { columnKind } from '../../../shared/spec/column-kind';
import { quoteIdent } from '../../../shared/spec/quote';
import { ENRICHED_SUFFIX } from '../model/model-views';
import { ensureCatalog, historyViewName, modelViewName, T } from './catalog';

export interface SnapshotRecord extends SnapshotInfo {
  table: string;
}

export interface SourceRecord extends SourceInfo {
  /** Table of the latest snapshot: what analyses read by default. */
  table: string;
  slug: string;
  signature: string;
  /** View stacking every snapshot with a snapshot_date column. */
  historyView: string;
  /** Column kinds the last import used: the next export of the same shape is read the same way. */
  columnKinds: Record<string, ValueKind>;
  snapshotTables: SnapshotRecord[];
}

export class Workspace {
  private catalogCache: SourceRecord[] | null = null;
  /** Bumped around every write, so that a read that overlapped one is not cached. */
  private generation = 0;
  /** Serialises writes: DuckDB has one writer, and catalog updates must not interleave. */
  private writeQueue: Promise<unknown> = Promise.resolve();
  /**
   * The data version of each source (and enriched model): bumped, from one counter, when a write
   * changes what the source reads (a snapshot imported, replaced or removed, its columns or roles),
   * so that results computed on other sources stay valid. Absent: 0.
   */
  private readonly sourceVersions = new Map<string, number>();
  private versionCounter = 0;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
  ) {}

  static async open(path: string): Promise<Workspace> {
    const instance = await DuckDBInstance.create(path);
    const ws = new Workspace(path, instance);
    const conn = await ws.connect();
    try {
      // Dates are bucketed in UTC whatever the machine's zone: the same export gives the same
      // figures on every laptop.
      await conn.run("SET GLOBAL TimeZone = 'UTC'");
      await ensureCatalog(conn);
    } catch (e) {
      conn.closeSync();
      instance.closeSync();
      throw e;
    }
    conn.closeSync();
    return ws;
  }

  /**
   * The data version: changes whenever a write starts or ends (import, removal, relationship).
   * Odd while a write is running. Results computed under one version stay valid while it holds.
   */
  get dataVersion(): number {
    return this.generation;
  }

  get name(): string {
    return this.path === ':memory:' ? ':memory:' : basename(this.path);
  }

  /** A fresh connection: one per operation, so that each can be interrupted on its own. */
  async connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /**
   * Runs fn after every earlier write has finished. Writes go through here, so the catalog cache
   * is dropped when one ends, and the sources whose catalog entry the write changed (snapshots,
   * columns, roles, enriched models) get a new data version. `all`: every source gets one (a
   * relationship change: enriched models span sources).
   */
  exclusive<T>(fn: () => Promise<T>, options: { all?: boolean } = {}): Promise<T> {
    const run = async () => {
      this.catalogCache = null;
      this.generation++;
      let before: Map<string, string> | null = null;
      try {
        before = await this.fingerprints();
      } catch {
        // unreadable catalog: every source is bumped below
      }
      try {
        return await fn();
      } finally {
        this.catalogCache = null;
        await this.bumpChanged(before, options.all ?? false);
        this.catalogCache = null;
        this.generation++;
      }
    };
    const next = this.writeQueue.then(run, run);
    this.writeQueue = next.catch(() => undefined);
    return next;
  }

  /** The data version of a source (0 until a write changes it in this process). */
  sourceVersion(name: string): number {
    return this.sourceVersions.get(name) ?? 0;
  }

  /**
   * What a result read from a source depends on: the versions of the source and, for an enriched
   * model, of its base and joined sources. Stable JSON, for cache keys (see query/cache.ts).
   */
  versionToken(source: SourceRecord): string {
    const names = [source.name, ...(source.model ? [source.model.base, ...source.model.joined] : [])];
    return JSON.stringify([...new Set(names)].map((n) => [n, this.sourceVersion(n)]));
  }

  /** Whether every version named in a token (versionToken) is still current. */
  isCurrent(token: string): boolean {
    try {
      const pairs = JSON.parse(token) as [string, number][];
      return pairs.every(([n, v]) => this.sourceVersion(n) === v);
    } catch {
      return false;
    }
  }

  /**
   * Per source, what its results depend on: its catalog entry, and each snapshot's import time to
   * the microsecond and content hash (a snapshot replaced in place within the same second).
   */
  private async fingerprints(): Promise<Map<string, string>> {
    const sources = await this.listSources();
    const conn = await this.connect();
    try {
      const rows = (
        await conn.runAndReadAll(
          `SELECT source, list(table_name || '|' || CAST(imported_at AS VARCHAR) || '|' || coalesce(content_hash, '') ORDER BY table_name) AS s
           FROM ${quoteIdent(T.snapshots)} GROUP BY source`,
        )
      ).getRowObjectsJS();
      const precise = new Map(rows.map((r) => [String(r.source), JSON.stringify(r.s)]));
      return new Map(
        sources.map((s) => [
          s.name,
          JSON.stringify([s.table, s.snapshotTables, s.columns, s.roles, s.columnKinds, s.model ?? null, precise.get(s.model?.base ?? s.name) ?? null]),
        ]),
      );
    } finally {
      conn.closeSync();
    }
  }

  private async bumpChanged(before: Map<string, string> | null, all: boolean): Promise<void> {
    let after: Map<string, string> | null = null;
    try {
      after = await this.fingerprints();
    } catch {
      // unreadable catalog: bump everything known
    }
    const names = new Set([...(before?.keys() ?? []), ...(after?.keys() ?? []), ...this.sourceVersions.keys()]);
    for (const name of names) {
      if (all || !before || !after || before.get(name) !== after.get(name)) this.sourceVersions.set(name, ++this.versionCounter);
    }
  }

  /**
   * The sources, their snapshots, columns and roles. Read once and kept until the next write:
   * every query looks its source up here, and the catalog query costs more than a small pivot.
   */
  async listSources(conn?: DuckDBConnection): Promise<SourceRecord[]> {
    if (!conn && this.catalogCache) return this.catalogCache;
    const generation = this.generation;
    const c = conn ?? (await this.connect());
    try {
      const sources = await readCatalog(c);
      if (!conn && generation === this.generation) this.catalogCache = sources;
      return sources;
    } finally {
      if (!conn) c.closeSync();
    }
  }

  async findSource(name: string, conn?: DuckDBConnection): Promise<SourceRecord | undefined> {
    return (await this.listSources(conn)).find((s) => s.name === name);
  }

  close(): void {
    this.instance.closeSync();
  }
}

async function readCatalog(conn: DuckDBConnection): Promise<SourceRecord[]> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT s.name, s.slug, s.signature, s.settings::VARCHAR AS settings,
              (SELECT list(struct_pack(
                  date := strftime(n.snapshot_date, '%Y-%m-%d'), tbl := n.table_name, file := n.file,
                  rows := n.row_count, at := strftime(n.imported_at, '%Y-%m-%dT%H:%M:%SZ'))
                ORDER BY n.snapshot_date)
               FROM ${quoteIdent(T.snapshots)} n WHERE n.source = s.name) AS snapshots,
              (SELECT list(struct_pack(role := r.role, col := r.column_name) ORDER BY r.role)
               FROM ${quoteIdent(T.roles)} r WHERE r.source = s.name) AS roles
       FROM ${quoteIdent(T.sources)} s
       ORDER BY s.created_at, s.name`,
    )
  ).getRowObjectsJS();
  const latestTables = rows
    .map((r) => ((r.snapshots as { tbl: string }[] | null) ?? []).at(-1)?.tbl)
    .filter((t): t is string => Boolean(t));
  const columnsByTable = new Map<string, ColumnInfo[]>();
  if (latestTables.length > 0) {
    const cols = (
      await conn.runAndReadAll(
        `SELECT table_name, column_name, data_type FROM duckdb_columns()
         WHERE schema_name = 'main' AND table_name IN (${latestTables.map((_, i) => `$${i + 1}`).join(', ')})
         ORDER BY table_name, column_index`,
        latestTables,
      )
    ).getRowObjectsJS();
    for (const c of cols) {
      const list = columnsByTable.get(String(c.table_name)) ?? [];
      list.push({ name: String(c.column_name), type: String(c.data_type), kind: columnKind(String(c.data_type)) });
      columnsByTable.set(String(c.table_name), list);
    }
  }
  const out: SourceRecord[] = [];
  for (const r of rows) {
    const snaps = ((r.snapshots as { date: string; tbl: string; file: string; rows: bigint | number; at: string }[] | null) ?? []).map(
      (n) => ({ date: n.date, table: n.tbl, file: n.file, rowCount: Number(n.rows), importedAt: n.at }),
    );
    const latest = snaps.at(-1);
    if (!latest) continue;
    const roles = Object.fromEntries(
      ((r.roles as { role: string; col: string }[] | null) ?? []).map((x) => [x.role, x.col]),
    );
    const slug = String(r.slug);
    let columnKinds: Record<string, ValueKind> = {};
    try {
      columnKinds = (JSON.parse(String(r.settings ?? '{}')) as { columnKinds?: Record<string, ValueKind> }).columnKinds ?? {};
    } catch {
      // an unreadable settings record only loses the remembered kinds
    }
    out.push({
      columnKinds,
      name: String(r.name),
      slug,
      signature: String(r.signature),
      file: latest.file,
      rowCount: latest.rowCount,
      importedAt: latest.importedAt,
      columns: columnsByTable.get(latest.table) ?? [],
      snapshots: snaps.map(({ table: _t, ...s }) => s),
      snapshotTables: snaps,
      table: latest.table,
      historyView: historyViewName(slug),
      roles,
    });
  }
  // Each enriched model is listed right after the source it enriches.
  const models = await enrichedModels(conn, out);
  return out.flatMap((s) => [s, ...models.filter((m) => m.model?.base === s.name)]);
}

/** The enriched model of each source with confirmed relationships, listed as a source of its own. */
async function enrichedModels(
  conn: DuckDBConnection,
  sources: SourceRecord[],
): Promise<SourceRecord[]> {
  const links = (
    await conn.runAndReadAll(`SELECT from_source, to_source, to_column FROM ${quoteIdent(T.relationships)} ORDER BY created_at`)
  ).getRowObjectsJS();
  if (links.length === 0) return [];
  const byName = new Map(sources.map((s) => [s.name, s]));
  const views = new Set(
    (await conn.runAndReadAll(`SELECT view_name FROM duckdb_views() WHERE schema_name = 'main'`))
      .getRowObjectsJS()
      .map((r) => String(r.view_name)),
  );
  const out: SourceRecord[] = [];
  for (const base of sources) {
    const mine = links.filter((l) => l.from_source === base.name);
    const view = modelViewName(base.slug);
    if (mine.length === 0 || !views.has(view)) continue;
    const columns = (
      await conn.runAndReadAll(
        `SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = $1 ORDER BY column_index`,
        [view],
      )
    )
      .getRowObjectsJS()
      .map((c) => ({ name: String(c.column_name), type: String(c.data_type), kind: columnKind(String(c.data_type)) }));
    const roles = { ...base.roles };
    for (const l of mine) {
      const target = byName.get(String(l.to_source));
      for (const [role, column] of Object.entries(target?.roles ?? {})) {
        const name = `${String(l.to_source)}.${column}`;
        if (!(role in roles) && columns.some((c) => c.name === name)) roles[role] = name;
      }
    }
    out.push({
      ...base,
      name: `${base.name}${ENRICHED_SUFFIX}`,
      table: view,
      columns,
      roles,
      model: { base: base.name, joined: mine.map((l) => String(l.to_source)) },
    });
  }
  return out;
}

// A workspace is one DuckDB file (or :memory: in tests) holding every imported source, plus a
// small catalog table of what was imported from where. DuckDB allows one writer per file: this
// class is its only owner in a process.
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ColumnInfo, SourceInfo } from '../../../shared/api';
import { columnKind } from '../../../shared/spec/column-kind';
import { quoteIdent } from '../../../shared/spec/quote';

export const CATALOG_TABLE = '_qd_sources';

export interface SourceRecord extends SourceInfo {
  table: string;
}

export class Workspace {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    /** Serialises writes: DuckDB has one writer, and catalog updates must not interleave. */
    private writeQueue: Promise<unknown> = Promise.resolve(),
  ) {}

  static async open(path: string): Promise<Workspace> {
    const instance = await DuckDBInstance.create(path);
    const ws = new Workspace(path, instance);
    const conn = await ws.connect();
    try {
      // Dates are bucketed in UTC whatever the machine's zone: the same export gives the same
      // figures on every laptop.
      await conn.run("SET GLOBAL TimeZone = 'UTC'");
      await conn.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(CATALOG_TABLE)} (
        name VARCHAR PRIMARY KEY,
        table_name VARCHAR NOT NULL UNIQUE,
        file VARCHAR NOT NULL,
        row_count BIGINT NOT NULL,
        imported_at TIMESTAMP NOT NULL
      )`);
    } finally {
      conn.closeSync();
    }
    return ws;
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
   * is dropped when one ends.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = async () => {
      this.catalogCache = null;
      this.generation++;
      try {
        return await fn();
      } finally {
        this.catalogCache = null;
        this.generation++;
      }
    };
    const next = this.writeQueue.then(run, run);
    this.writeQueue = next.catch(() => undefined);
    return next;
  }

  private catalogCache: SourceRecord[] | null = null;
  /** Bumped around every write, so that a read that overlapped one is not cached. */
  private generation = 0;

  /**
   * The sources and their columns. Read once and kept until the next write: every query looks
   * its source up here, and the catalog query costs more than a small pivot.
   */
  async listSources(conn?: DuckDBConnection): Promise<SourceRecord[]> {
    if (!conn && this.catalogCache) return this.catalogCache;
    const generation = this.generation;
    const sources = await this.readCatalog(conn);
    if (!conn && generation === this.generation) this.catalogCache = sources;
    return sources;
  }

  private async readCatalog(conn?: DuckDBConnection): Promise<SourceRecord[]> {
    const c = conn ?? (await this.connect());
    try {
      const reader = await c.runAndReadAll(
        `SELECT s.name, s.table_name, s.file, s.row_count,
                strftime(s.imported_at, '%Y-%m-%dT%H:%M:%SZ') AS imported_at,
                (SELECT list(struct_pack(name := col.column_name, type := col.data_type) ORDER BY col.column_index)
                 FROM duckdb_columns() col
                 WHERE col.table_name = s.table_name AND col.schema_name = 'main') AS columns
         FROM ${quoteIdent(CATALOG_TABLE)} s
         ORDER BY s.imported_at, s.name`,
      );
      return reader.getRowObjectsJS().map((r) => {
        const cols = r.columns as { name: string; type: string }[];
        const columns: ColumnInfo[] = cols.map((col) => ({
          name: col.name,
          type: col.type,
          kind: columnKind(col.type),
        }));
        return {
          name: String(r.name),
          table: String(r.table_name),
          file: String(r.file),
          rowCount: Number(r.row_count),
          importedAt: String(r.imported_at),
          columns,
        };
      });
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

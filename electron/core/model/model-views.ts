// The analysable model: each source with confirmed relationships gets a view that brings in the
// columns of the sources it refers to (deals + the segment, type and region of their account).
// Joins never multiply rows: the referred source is reduced to one row per key first, so that a
// deal counted in the model is counted once.
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../../../shared/spec/quote';
import { modelViewName, T } from '../workspace/catalog';

interface LinkRow {
  from_source: string;
  from_column: string;
  to_source: string;
  to_column: string;
}

export const ENRICHED_SUFFIX = ' (enriched)';

async function latestTables(conn: DuckDBConnection): Promise<Map<string, { table: string; slug: string }>> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT s.name, s.slug, arg_max(n.table_name, n.snapshot_date) AS tbl
       FROM ${quoteIdent(T.sources)} s JOIN ${quoteIdent(T.snapshots)} n ON n.source = s.name
       GROUP BY ALL`,
    )
  ).getRowObjectsJS();
  return new Map(rows.map((r) => [String(r.name), { table: String(r.tbl), slug: String(r.slug) }]));
}

async function columnsOf(conn: DuckDBConnection, table: string): Promise<string[]> {
  return (
    await conn.runAndReadAll(
      `SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = $1 ORDER BY column_index`,
      [table],
    )
  )
    .getRowObjectsJS()
    .map((r) => String(r.column_name));
}

/** Drops every model view and creates one per source that has confirmed relationships. */
export async function rebuildModels(conn: DuckDBConnection): Promise<void> {
  const existing = (
    await conn.runAndReadAll(`SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND view_name LIKE 'model\\_%' ESCAPE '\\'`)
  ).getRowObjectsJS();
  for (const v of existing) await conn.run(`DROP VIEW IF EXISTS ${quoteIdent(String(v.view_name))}`);

  const links = (
    await conn.runAndReadAll(`SELECT * FROM ${quoteIdent(T.relationships)} ORDER BY from_source, created_at`)
  ).getRowObjectsJS() as unknown as LinkRow[];
  const tables = await latestTables(conn);
  const bySource = new Map<string, LinkRow[]>();
  for (const l of links) {
    if (!tables.has(l.from_source) || !tables.has(l.to_source)) continue;
    bySource.set(l.from_source, [...(bySource.get(l.from_source) ?? []), l]);
  }
  for (const [source, list] of bySource) {
    const base = tables.get(source)!;
    const baseColumns = new Set(await columnsOf(conn, base.table));
    const select = ['b.*'];
    const joins: string[] = [];
    for (const [i, link] of list.entries()) {
      const target = tables.get(link.to_source)!;
      const alias = `j${i}`;
      for (const col of await columnsOf(conn, target.table)) {
        if (col === link.to_column) continue;
        const name = `${link.to_source}.${col}`;
        if (baseColumns.has(name)) continue;
        select.push(`${alias}.${quoteIdent(col)} AS ${quoteIdent(name)}`);
      }
      joins.push(
        `LEFT JOIN (SELECT DISTINCT ON (${quoteIdent(link.to_column)}) * FROM ${quoteIdent(target.table)}) ${alias}
           ON CAST(b.${quoteIdent(link.from_column)} AS VARCHAR) = CAST(${alias}.${quoteIdent(link.to_column)} AS VARCHAR)`,
      );
    }
    await conn.run(
      `CREATE VIEW ${quoteIdent(modelViewName(base.slug))} AS SELECT ${select.join(', ')} FROM ${quoteIdent(base.table)} b ${joins.join(' ')}`,
    );
  }
}

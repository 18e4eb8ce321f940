// Named segments (saved filters) in the workspace's catalog table _qd_segments. Writes go through
// Workspace.exclusive, so a saved or removed segment changes the data version (cached results of
// specs naming it are dropped).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SegmentInfo } from '../../../shared/api';
import { quoteIdent } from '../../../shared/spec/quote';
import { filterTreeInputSchema } from '../../../shared/spec/schema';
import type { FilterTreeInput } from '../../../shared/spec/types';
import { T } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';

const TABLE = quoteIdent(T.segments);

export async function readSegments(conn: DuckDBConnection): Promise<SegmentInfo[]> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT name, source, CAST(filter AS VARCHAR) AS filter, description, strftime(updated_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS updated_at
       FROM ${TABLE} ORDER BY name`,
    )
  ).getRowObjectsJS();
  return rows.map((r) => {
    // Validated on save; re-checked here so that a hand-edited row cannot reach the compiler.
    const parsed = filterTreeInputSchema.safeParse(JSON.parse(String(r.filter)));
    if (!parsed.success) throw new Error(`segment "${String(r.name)}" holds an invalid filter`);
    return {
      name: String(r.name),
      source: r.source === null ? null : String(r.source),
      filter: parsed.data as FilterTreeInput,
      description: r.description === null ? null : String(r.description),
      updatedAt: String(r.updated_at),
    };
  });
}

export async function listSegments(workspace: Workspace): Promise<SegmentInfo[]> {
  const conn = await workspace.connect();
  try {
    return await readSegments(conn);
  } finally {
    conn.closeSync();
  }
}

export async function writeSegment(
  workspace: Workspace,
  segment: { name: string; source: string | null; filter: FilterTreeInput; description: string | null },
): Promise<void> {
  await workspace.exclusive(async () => {
    const conn = await workspace.connect();
    try {
      await conn.run(`INSERT OR REPLACE INTO ${TABLE} VALUES ($1, $2, CAST($3 AS JSON), $4, now()::TIMESTAMP)`, [
        segment.name,
        segment.source,
        JSON.stringify(segment.filter),
        segment.description,
      ]);
    } finally {
      conn.closeSync();
    }
  });
}

/** Removes a segment; false when there was none of that name. */
export async function deleteSegment(workspace: Workspace, name: string): Promise<boolean> {
  return workspace.exclusive(async () => {
    const conn = await workspace.connect();
    try {
      const found = (await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${TABLE} WHERE name = $1`, [name])).getRowObjectsJS();
      if (Number(found[0]?.n ?? 0) === 0) return false;
      await conn.run(`DELETE FROM ${TABLE} WHERE name = $1`, [name]);
      return true;
    } finally {
      conn.closeSync();
    }
  });
}

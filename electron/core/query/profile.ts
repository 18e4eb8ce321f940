// Per-column profile of a source: type, nulls, distinct count, min/max and top values, in two
// scans whatever the number of columns.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnProfile, SourceProfile } from '../../../shared/api';
import { quoteIdent } from '../../../shared/spec/quote';
import type { SourceRecord } from '../workspace/workspace';

const TOP_VALUES = 5;

export async function profileSource(conn: DuckDBConnection, source: SourceRecord): Promise<SourceProfile> {
  const table = quoteIdent(source.table);
  const columns = source.columns;
  if (columns.length === 0) return { source: source.name, rowCount: source.rowCount, columns: [] };

  const stats = columns.flatMap((c, i) => {
    const col = quoteIdent(c.name);
    const orderable = c.kind !== 'other' && c.kind !== 'boolean';
    return [
      `count(*) - count(${col}) AS n${i}`,
      `count(DISTINCT ${col}) AS d${i}`,
      orderable ? `CAST(min(${col}) AS VARCHAR) AS lo${i}` : `NULL::VARCHAR AS lo${i}`,
      orderable ? `CAST(max(${col}) AS VARCHAR) AS hi${i}` : `NULL::VARCHAR AS hi${i}`,
    ];
  });
  const statRow = (await conn.runAndReadAll(`SELECT ${stats.join(', ')} FROM ${table}`)).getRowObjectsJS()[0] ?? {};

  const tops = columns
    .map(
      (c, i) =>
        `(SELECT ${i} AS i, CAST(${quoteIdent(c.name)} AS VARCHAR) AS v, count(*) AS n FROM ${table}
          GROUP BY 2 ORDER BY 3 DESC, 2 NULLS LAST LIMIT ${TOP_VALUES})`,
    )
    .join(' UNION ALL ');
  const topRows = (await conn.runAndReadAll(tops)).getRowObjectsJS();

  const profiles: ColumnProfile[] = columns.map((c, i) => ({
    name: c.name,
    type: c.type,
    kind: c.kind,
    nulls: Number(statRow[`n${i}`] ?? 0),
    distinct: Number(statRow[`d${i}`] ?? 0),
    min: (statRow[`lo${i}`] as string | null) ?? null,
    max: (statRow[`hi${i}`] as string | null) ?? null,
    top: topRows
      .filter((r) => Number(r.i) === i)
      .sort((a, b) => Number(b.n) - Number(a.n))
      .map((r) => ({ value: (r.v as string | null) ?? null, count: Number(r.n) })),
  }));
  return { source: source.name, rowCount: source.rowCount, columns: profiles };
}

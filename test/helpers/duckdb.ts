// Real DuckDB for tests: an in-memory instance with inline data, and small matchers.
import type { DuckDBConnection} from '@duckdb/node-api';
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

export async function memoryConnection(): Promise<{ conn: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  return {
    conn,
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Rows as plain JS values: BIGINT -> number, DATE/TIMESTAMP -> ISO-like strings. */
export async function rowsOf(
  conn: DuckDBConnection,
  sql: string,
  params: DuckDBValue[] = [],
): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

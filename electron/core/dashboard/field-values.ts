// The values of one column of a source's latest snapshot, with their row counts: what the filter
// bar's searchable multi-selects list. The search ignores case and accents on both sides
// (strip_accents(lower(...))); the column is quoted by quoteIdent and the search is a bound
// parameter.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FieldValues } from '../../../shared/dashboard/types';
import type { ColumnKind } from '../../../shared/spec/column-kind';
import { quoteIdent } from '../../../shared/spec/quote';
import type { FilterValue } from '../../../shared/spec/types';

export const DEFAULT_FIELD_VALUES_LIMIT = 100;

export async function fieldValues(
  conn: DuckDBConnection,
  table: string,
  column: { name: string; kind: ColumnKind },
  options: { search?: string; limit?: number },
): Promise<FieldValues> {
  const limit = options.limit ?? DEFAULT_FIELD_VALUES_LIMIT;
  const col = quoteIdent(column.name);
  // Values reach JS as plain numbers, booleans or text (dates as YYYY-MM-DD, timestamps as
  // 'YYYY-MM-DD HH:MM:SS'): what an `in` filter takes back.
  const value =
    column.kind === 'number' ? `CAST(${col} AS DOUBLE)` : column.kind === 'boolean' ? col : `CAST(${col} AS VARCHAR)`;
  const search = options.search?.trim() ?? '';
  const params: (string | number)[] = [];
  let where = '';
  if (search !== '') {
    params.push(search);
    where = `WHERE contains(strip_accents(lower(CAST(${col} AS VARCHAR))), strip_accents(lower($1)))`;
  }
  params.push(limit + 1);
  const rows = (
    await conn.runAndReadAll(
      `SELECT ${value} AS value, count(*)::BIGINT AS n FROM ${quoteIdent(table)} ${where}
       GROUP BY ALL ORDER BY n DESC, value ASC NULLS LAST LIMIT $${params.length}`,
      params,
    )
  ).getRowObjectsJS();
  const values = rows.slice(0, limit).map((r) => ({ value: cell(r.value), count: Number(r.n) }));
  return { values, truncated: rows.length > limit };
}

function cell(v: unknown): FilterValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

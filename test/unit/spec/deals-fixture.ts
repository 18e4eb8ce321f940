// The eight deals of compile.test.ts, shared by the spec tests, plus helpers to run compiled SQL.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { readArrow } from '../../../shared/arrow/cells';
import type { FilterValue, SourceSchema } from '../../../shared/spec/types';
import { queryToArrow } from '../../../electron/core/query/arrow';

export const DEALS_SQL = `
CREATE TABLE deals AS SELECT * FROM (VALUES
  ('D1', 'Ann',  'Gold',   'Won',  1000.50::DECIMAL(12,2), 100, DATE '2024-01-05', TIMESTAMP '2024-02-01 10:00:00'),
  ('D2', 'Ann',  'Silver', 'Lost',  200.00::DECIMAL(12,2),   0, DATE '2024-01-20', TIMESTAMP '2024-03-15 09:30:00'),
  ('D3', 'Bob',  'Gold',   'Won',  3000.00::DECIMAL(12,2), 100, DATE '2024-02-10', TIMESTAMP '2024-04-01 00:00:00'),
  ('D4', 'Bob',  'Bronze', 'Open',  500.25::DECIMAL(12,2),  40, DATE '2024-02-11', NULL),
  ('D5', 'Cleo', 'Gold',   'Open', 1500.00::DECIMAL(12,2),  60, DATE '2024-03-03', NULL),
  ('D6', 'Cleo', NULL,     'Won',   750.00::DECIMAL(12,2), 100, DATE '2024-03-31', TIMESTAMP '2024-04-30 23:59:59'),
  ('D7', 'Ann',  'Gold',   'Won',  NULL,                   100, DATE '2024-04-01', TIMESTAMP '2024-05-02 08:00:00'),
  ('D8', 'Bob',  'Silver', 'Lost',  100.00::DECIMAL(12,2),  10, DATE '2024-04-07', TIMESTAMP '2024-04-20 12:00:00')
) AS t(deal_id, owner, segment, status, amount, probability, created_at, closed_at)`;

export const DEALS_SCHEMA: SourceSchema = {
  table: 'deals',
  columns: [
    { name: 'deal_id', type: 'VARCHAR' },
    { name: 'owner', type: 'VARCHAR' },
    { name: 'segment', type: 'VARCHAR' },
    { name: 'status', type: 'VARCHAR' },
    { name: 'amount', type: 'DECIMAL(12,2)' },
    { name: 'probability', type: 'INTEGER' },
    { name: 'created_at', type: 'DATE' },
    { name: 'closed_at', type: 'TIMESTAMP' },
  ],
};

export async function rowsOfQuery(conn: DuckDBConnection, sql: string, params: FilterValue[]) {
  const arrow = await queryToArrow(conn, sql, params);
  return readArrow(arrow.ipc).rows();
}

/** The deal ids a WHERE condition selects, sorted. */
export async function dealIds(conn: DuckDBConnection, where: string | null, params: FilterValue[]) {
  const sql = `SELECT deal_id FROM deals${where ? ` WHERE ${where}` : ''} ORDER BY deal_id`;
  return (await rowsOfQuery(conn, sql, params)).map((r) => r.deal_id);
}

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

/** Compares compiled SQL and params with test/unit/spec/golden/<name>.sql (UPDATE_GOLDEN=1 rewrites it). */
export function expectGolden(name: string, compiled: { sql: string; params: FilterValue[] }): void {
  const goldenPath = join(GOLDEN_DIR, `${name}.sql`);
  const text = `${compiled.sql}\n-- params: ${JSON.stringify(compiled.params)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(goldenPath, text);
  }
  expect(text).toBe(readFileSync(goldenPath, 'utf8'));
}

/** Rounds every number to 9 decimals, so that hand-worked decimals compare with doubles. */
export function rounded(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v])),
  );
}

// Roles of an imported table's columns: detected from headers and values, then what was
// remembered for files of the same shape, then the user's corrections, in that order of strength.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnPlan, RoleAssignment } from '../../../shared/import/types';
import { detectPreset, detectRoles } from '../../../shared/model/roles';
import { quoteIdent } from '../../../shared/spec/quote';
import { columnEvidence } from '../model/evidence';
import { T } from '../workspace/catalog';

const EVIDENCE_ROWS = 20_000;

export interface RolesOutcome {
  assignments: RoleAssignment[];
  preset: string | null;
}

async function remembered(conn: DuckDBConnection, signature: string): Promise<Record<string, string> | null> {
  const row = (
    await conn.runAndReadAll(`SELECT mapping::VARCHAR AS m FROM ${quoteIdent(T.roleMemory)} WHERE signature = $1`, [signature])
  ).getRowObjectsJS()[0];
  if (!row) return null;
  try {
    return JSON.parse(String(row.m)) as Record<string, string>;
  } catch {
    return null;
  }
}

export async function proposeRoles(
  conn: DuckDBConnection,
  table: string,
  plans: ColumnPlan[],
  signature: string,
  previous?: Record<string, string>,
  overrides?: Record<string, string | null>,
): Promise<RolesOutcome> {
  const names = new Set(plans.map((p) => p.name));
  // What the values look like is judged on a sample: a million rows say nothing more than
  // twenty thousand about which column holds the owner, and cost seconds.
  const rows = Number(
    (await conn.runAndReadAll(`SELECT count(*) AS n FROM ${quoteIdent(table)}`)).getRowObjectsJS()[0]?.n ?? 0,
  );
  let evidenceTable = table;
  if (rows > EVIDENCE_ROWS) {
    // The rows are picked on rowids alone, then read: DuckDB reads the values of those rows only.
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE qd_role_sample AS SELECT * FROM ${quoteIdent(table)}
       WHERE rowid IN (SELECT rowid FROM ${quoteIdent(table)} USING SAMPLE ${EVIDENCE_ROWS} ROWS (reservoir, 7))`,
    );
    evidenceTable = 'qd_role_sample';
  }
  const evidence = await columnEvidence(
    conn,
    evidenceTable,
    plans.map((p) => ({ name: p.name, kind: p.kind })),
  );
  if (evidenceTable !== table) await conn.run('DROP TABLE IF EXISTS qd_role_sample');
  const order = plans.map((p) => p.name);
  const preset = detectPreset(order);
  const byRole = new Map<string, RoleAssignment>();
  for (const p of detectRoles(evidence, { preset: preset?.preset ?? null })) {
    byRole.set(p.role, { role: p.role, column: p.column, confidence: p.confidence, reason: p.reason, reasonText: p.reasonText, origin: 'detected' });
  }
  const memory = { ...(previous ?? {}), ...((await remembered(conn, signature)) ?? {}) };
  for (const [role, column] of Object.entries(memory)) {
    if (!names.has(column)) continue;
    for (const [r, a] of byRole) if (a.column === column && r !== role) byRole.delete(r);
    byRole.set(role, {
      role, column, confidence: 1, reason: 'as used for earlier files of this shape', reasonText: { key: 'detect.remembered' }, origin: 'remembered',
    });
  }
  for (const [role, column] of Object.entries(overrides ?? {})) {
    if (column === null) {
      byRole.delete(role);
      continue;
    }
    if (!names.has(column)) continue;
    byRole.set(role, { role, column, confidence: 1, reason: 'chosen by the user', reasonText: { key: 'detect.chosenByUser' }, origin: 'user' });
  }
  const assignments = [...byRole.values()].sort((a, b) => order.indexOf(a.column) - order.indexOf(b.column));
  return { assignments, preset: preset?.name ?? null };
}

export async function rememberRoles(conn: DuckDBConnection, signature: string, assignments: RoleAssignment[]): Promise<void> {
  const mapping = Object.fromEntries(assignments.map((a) => [a.role, a.column]));
  await conn.run(`INSERT OR REPLACE INTO ${quoteIdent(T.roleMemory)} VALUES ($1, $2::JSON, now()::TIMESTAMP)`, [
    signature,
    JSON.stringify(mapping),
  ]);
}

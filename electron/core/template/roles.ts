// Role corrections outside the import dialog (a template's guided fix "map a column to this role"):
// stored in _qd_roles like the import's choices, and remembered for files of the same shape, so
// that next month's export of that source is mapped the same way without asking.
import type { Result } from '../../../shared/api';
import { isRoleId } from '../../../shared/model/roles';
import { quoteIdent } from '../../../shared/spec/quote';
import { rememberRoles } from '../import/roles-step';
import { T } from '../workspace/catalog';
import type { SourceRecord, Workspace } from '../workspace/workspace';

/** Per base source: role -> column (null removes), after resolving an enriched model's columns. */
export function splitRoleChanges(
  source: SourceRecord,
  sources: readonly SourceRecord[],
  roles: Readonly<Record<string, string | null>>,
): Result<Map<string, Record<string, string | null>>> {
  const out = new Map<string, Record<string, string | null>>();
  const put = (name: string, role: string, column: string | null) => out.set(name, { ...(out.get(name) ?? {}), [role]: column });
  for (const [role, column] of Object.entries(roles)) {
    if (!isRoleId(role)) {
      return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `"${role}" is not a role`, location: { field: `roles.${role}` } } };
    }
    let target = source.model ? source.model.base : source.name;
    let name = column;
    if (column !== null && source.model) {
      const joined = source.model.joined.find((j) => column.startsWith(`${j}.`));
      if (joined) {
        target = joined;
        name = column.slice(joined.length + 1);
      }
    }
    if (column === null && source.model) {
      // Removing a role from an enriched model: from the source whose column it maps.
      const mapped = source.roles[role];
      const joined = mapped ? source.model.joined.find((j) => mapped.startsWith(`${j}.`)) : undefined;
      if (joined) target = joined;
    }
    const record = sources.find((s) => s.name === target && !s.model);
    if (!record) return { ok: false, error: { code: 'NOT_FOUND', message: `no source named "${target}"`, location: { field: 'source' } } };
    if (name !== null && !record.columns.some((c) => c.name === name)) {
      return {
        ok: false,
        error: { code: 'NOT_FOUND', message: `"${source.name}" has no column "${column}"`, location: { field: `roles.${role}` } },
      };
    }
    put(record.name, role, name);
  }
  return { ok: true, value: out };
}

/** Applies role changes to sources (already split per base source), in one transaction. */
export async function writeSourceRoles(workspace: Workspace, changes: ReadonlyMap<string, Record<string, string | null>>): Promise<void> {
  if (changes.size === 0) return;
  await workspace.exclusive(async () => {
    const conn = await workspace.connect();
    try {
      const sources = await workspace.listSources(conn);
      await conn.run('BEGIN TRANSACTION');
      try {
        for (const [name, roles] of changes) {
          const record = sources.find((s) => s.name === name && !s.model);
          if (!record) throw new Error(`no source named "${name}"`);
          const mapping: Record<string, string> = { ...record.roles };
          for (const [role, column] of Object.entries(roles)) {
            await conn.run(`DELETE FROM ${quoteIdent(T.roles)} WHERE source = $1 AND role = $2`, [name, role]);
            if (column === null) {
              delete mapping[role];
              continue;
            }
            await conn.run(`INSERT INTO ${quoteIdent(T.roles)} VALUES ($1, $2, $3)`, [name, role, column]);
            mapping[role] = column;
          }
          await rememberRoles(
            conn,
            record.signature,
            Object.entries(mapping).map(([role, column]) => ({ role, column, confidence: 1, reason: 'chosen by the user', origin: 'user' as const })),
          );
        }
        await conn.run('COMMIT');
      } catch (e) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    } finally {
      conn.closeSync();
    }
  });
}

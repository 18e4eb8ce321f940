// Personal and imported templates in _qd_templates. Documents are stored as the current version; a
// row of an earlier version (written by an earlier release) is migrated when read, and a row that
// is no template at all is skipped and reported, so that one bad row never empties the library.
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseTemplate } from '../../../shared/template/schema';
import { TEMPLATE_VERSION, type Template } from '../../../shared/template/types';
import { quoteIdent } from '../../../shared/spec/quote';
import { T } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';

const TABLE = quoteIdent(T.templates);

export interface StoredTemplates {
  templates: Template[];
  unreadable: { id: string; reason: string }[];
}

async function withConnection<R>(workspace: Workspace, fn: (conn: DuckDBConnection) => Promise<R>): Promise<R> {
  const conn = await workspace.connect();
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
  }
}

export function readTemplates(workspace: Workspace): Promise<StoredTemplates> {
  return withConnection(workspace, async (conn) => {
    const rows = (
      await conn.runAndReadAll(`SELECT id, file_name, CAST(document AS VARCHAR) AS document FROM ${TABLE} ORDER BY updated_at, id`)
    ).getRowObjectsJS();
    const out: StoredTemplates = { templates: [], unreadable: [] };
    for (const r of rows) {
      const id = String(r.id);
      let doc: unknown;
      try {
        doc = JSON.parse(String(r.document));
      } catch {
        out.unreadable.push({ id, reason: 'not JSON' });
        continue;
      }
      const parsed = parseTemplate(doc, r.file_name === null ? undefined : String(r.file_name));
      if (parsed.ok) out.templates.push(parsed.value);
      else out.unreadable.push({ id, reason: parsed.error.message });
    }
    return out;
  });
}

/** Inserts or replaces a template (the caller has checked it). */
export function writeTemplate(workspace: Workspace, template: Template, fileName: string | null): Promise<void> {
  return withConnection(workspace, async (conn) => {
    await conn.run(`INSERT OR REPLACE INTO ${TABLE} VALUES ($1, $2, $3, CAST($4 AS JSON), $5, now()::TIMESTAMP)`, [
      template.id,
      template.origin,
      TEMPLATE_VERSION,
      JSON.stringify(template),
      fileName,
    ]);
  });
}

export function deleteTemplate(workspace: Workspace, id: string): Promise<boolean> {
  return withConnection(workspace, async (conn) => {
    const n = Number(
      (await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${TABLE} WHERE id = $1`, [id])).getRowObjectsJS()[0]?.n ?? 0,
    );
    if (n === 0) return false;
    await conn.run(`DELETE FROM ${TABLE} WHERE id = $1`, [id]);
    return true;
  });
}

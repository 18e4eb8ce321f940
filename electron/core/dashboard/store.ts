// Dashboards and workspace settings in the catalog tables _qd_dashboards and _qd_settings.
// They never change what a query reads, so their writes do not go through Workspace.exclusive
// (which drops the catalog cache and holds result caching for every write: too much for a
// dashboard autosaved on each layout change); they are serialised among themselves here, each in
// its own transaction, on rows no import or removal touches.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Result } from '../../../shared/api';
import { storedDashboardSchema, settingsSchema } from '../../../shared/dashboard/schema';
import { DEFAULT_SETTINGS, type Dashboard, type WorkspaceSettings } from '../../../shared/dashboard/types';
import { analysisSpecSchema } from '../../../shared/spec/schema';
import { quoteIdent } from '../../../shared/spec/quote';
import { DASHBOARD_FORMAT, T } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';

const DASHBOARDS = quoteIdent(T.dashboards);

const queues = new WeakMap<Workspace, Promise<unknown>>();

/** Runs fn after the earlier dashboard and settings writes of this workspace. */
function serialised<R>(workspace: Workspace, fn: () => Promise<R>): Promise<R> {
  const next = (queues.get(workspace) ?? Promise.resolve()).then(fn, fn);
  queues.set(workspace, next.catch(() => undefined));
  return next;
}
const SETTINGS = quoteIdent(T.settings);

export interface StoredDashboards {
  dashboards: Dashboard[];
  /** Rows that could not be read at all (a newer format, a document edited by hand), by id. */
  unreadable: { id: string; reason: string }[];
}

/**
 * A stored document as the current format: earlier formats are migrated here (there are none yet).
 * A widget whose spec fails the spec schema is kept as stored (runQuery names the error); a row
 * whose document is not a dashboard at all is reported, not thrown, so the other tabs still open.
 */
export function readDocument(id: string, format: number, json: string): Dashboard | { reason: string } {
  if (format > DASHBOARD_FORMAT) return { reason: `written by a newer Quarterdeck (dashboard format ${format})` };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { reason: 'not JSON' };
  }
  const parsed = storedDashboardSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { reason: issue ? `${issue.path.join('.')}: ${issue.message}` : 'not a dashboard' };
  }
  const doc = parsed.data;
  if (doc.id !== id) return { reason: `its document names another id ("${doc.id}")` };
  return {
    ...doc,
    widgets: doc.widgets.map((w) => {
      const spec = analysisSpecSchema.safeParse(w.spec);
      return { ...w, spec: (spec.success ? spec.data : w.spec) as Dashboard['widgets'][number]['spec'] };
    }),
  } as Dashboard;
}

export async function readDashboards(conn: DuckDBConnection): Promise<StoredDashboards> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT id, format, CAST(document AS VARCHAR) AS document, strftime(updated_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS updated_at
       FROM ${DASHBOARDS} ORDER BY position, id`,
    )
  ).getRowObjectsJS();
  const out: StoredDashboards = { dashboards: [], unreadable: [] };
  for (const r of rows) {
    const id = String(r.id);
    const doc = readDocument(id, Number(r.format), String(r.document));
    if ('reason' in doc) out.unreadable.push({ id, reason: doc.reason });
    else out.dashboards.push({ ...doc, updatedAt: String(r.updated_at) });
  }
  return out;
}

async function withConnection<R>(workspace: Workspace, fn: (conn: DuckDBConnection) => Promise<R>): Promise<R> {
  const conn = await workspace.connect();
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
  }
}

export function listDashboards(workspace: Workspace): Promise<StoredDashboards> {
  return withConnection(workspace, readDashboards);
}

/**
 * Inserts a dashboard (as the last tab) or replaces the one of the same id (in its place), with
 * updatedAt set to the time of the save; returns it as stored. `prepare` checks it against the
 * stored version (null when new; and every stored dashboard) and gives what to store, or an error (nothing is written). The
 * whole is serialised with the other writes, so that saves land in call order: a later autosave
 * is never overwritten by an earlier one whose checks took longer.
 */
export async function writeDashboard(
  workspace: Workspace,
  dashboard: Dashboard,
  prepare: (previous: Dashboard | null, stored: readonly Dashboard[]) => Promise<Result<Dashboard>>,
): Promise<Result<Dashboard>> {
  return serialised(workspace, () =>
    withConnection(workspace, async (conn) => {
      const stored = (await readDashboards(conn)).dashboards;
      const previous = stored.find((d) => d.id === dashboard.id) ?? null;
      const prepared = await prepare(previous, stored);
      if (!prepared.ok) return prepared;
      await conn.run('BEGIN TRANSACTION');
      try {
        const stamp = (await conn.runAndReadAll(`SELECT strftime(now()::TIMESTAMP, '%Y-%m-%dT%H:%M:%S.%gZ') AS t`)).getRowObjectsJS()[0]?.t;
        const saved: Dashboard = { ...prepared.value, id: dashboard.id, updatedAt: String(stamp) };
        const existing = (
          await conn.runAndReadAll(`SELECT position FROM ${DASHBOARDS} WHERE id = $1`, [dashboard.id])
        ).getRowObjectsJS()[0];
        const position =
          existing !== undefined
            ? Number(existing.position)
            : Number(
                (await conn.runAndReadAll(`SELECT coalesce(max(position) + 1, 0)::INTEGER AS p FROM ${DASHBOARDS}`)).getRowObjectsJS()[0]?.p ?? 0,
              );
        await conn.run(
          `INSERT OR REPLACE INTO ${DASHBOARDS} VALUES ($1, $2, $3, CAST($4 AS JSON), CAST($5 AS TIMESTAMP))`,
          [saved.id, position, DASHBOARD_FORMAT, JSON.stringify(saved), saved.updatedAt.replace('T', ' ').replace('Z', '')],
        );
        await conn.run('COMMIT');
        return { ok: true, value: saved };
      } catch (e) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    }),
  );
}

/** Removes a dashboard; false when there was none of that id. The others keep their order. */
export async function deleteDashboard(workspace: Workspace, id: string): Promise<boolean> {
  return serialised(workspace, () =>
    withConnection(workspace, async (conn) => {
      const found = (await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${DASHBOARDS} WHERE id = $1`, [id])).getRowObjectsJS();
      if (Number(found[0]?.n ?? 0) === 0) return false;
      await conn.run(`DELETE FROM ${DASHBOARDS} WHERE id = $1`, [id]);
      return true;
    }),
  );
}

/**
 * Puts the dashboards in the order of `ids`; those not listed follow, in their current order.
 * Returns the ids not found (nothing is changed then).
 */
export async function orderDashboards(workspace: Workspace, ids: string[]): Promise<string[]> {
  return serialised(workspace, () =>
    withConnection(workspace, async (conn) => {
      const current = (await conn.runAndReadAll(`SELECT id FROM ${DASHBOARDS} ORDER BY position, id`))
        .getRowObjectsJS()
        .map((r) => String(r.id));
      const known = new Set(current);
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length > 0) return missing;
      const listed = new Set(ids);
      const order = [...ids, ...current.filter((id) => !listed.has(id))];
      await conn.run('BEGIN TRANSACTION');
      try {
        for (const [position, id] of order.entries()) {
          await conn.run(`UPDATE ${DASHBOARDS} SET position = $1 WHERE id = $2`, [position, id]);
        }
        await conn.run('COMMIT');
      } catch (e) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
      return [];
    }),
  );
}

/** The workspace's settings: each stored value that is still valid, the default for the others. */
export async function readSettings(workspace: Workspace): Promise<WorkspaceSettings> {
  return withConnection(workspace, async (conn) => {
    const rows = (await conn.runAndReadAll(`SELECT key, CAST(value AS VARCHAR) AS value FROM ${SETTINGS}`)).getRowObjectsJS();
    const settings: WorkspaceSettings = { ...DEFAULT_SETTINGS };
    for (const r of rows) {
      const key = String(r.key);
      if (!(key in settings)) continue;
      let value: unknown;
      try {
        value = JSON.parse(String(r.value));
      } catch {
        continue;
      }
      const candidate = { ...settings, [key]: value };
      if (settingsSchema.safeParse(candidate).success) Object.assign(settings, { [key]: value });
    }
    return settings;
  });
}

export async function writeSettings(workspace: Workspace, patch: Partial<WorkspaceSettings>): Promise<void> {
  await serialised(workspace, () =>
    withConnection(workspace, async (conn) => {
      await conn.run('BEGIN TRANSACTION');
      try {
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined) continue;
          await conn.run(`INSERT OR REPLACE INTO ${SETTINGS} VALUES ($1, CAST($2 AS JSON))`, [key, JSON.stringify(value)]);
        }
        await conn.run('COMMIT');
      } catch (e) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    }),
  );
}

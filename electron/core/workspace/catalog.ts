// The workspace's own tables: which sources exist, their dated snapshots, role mappings and the
// mappings remembered per file shape. Versioned so that later releases can migrate them.
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../../../shared/spec/quote';

// 2: _qd_snapshots.content_hash (sha256 of the imported file). Version-1 workspaces are migrated
// in place; a version-1 app refuses a version-2 workspace instead of writing snapshots without it.
// Tables added with CREATE TABLE IF NOT EXISTS that an older app can ignore without harm (such as
// _qd_segments: an older app neither reads nor writes saved filters) do not change the version.
// Dashboards and workspace settings (_qd_dashboards, _qd_settings) are such tables: a version-2
// workspace gets them when it is next opened (the migration is their creation, empty), and an app
// that predates them opens the file without seeing them. The dashboard documents carry their own
// format number (DASHBOARD_FORMAT) so that their JSON can be migrated on read when it changes.
// Templates and reviews (_qd_templates, _qd_reviews) are added the same way.
export const CATALOG_VERSION = 2;

/** Format of the dashboard documents stored in _qd_dashboards.document. */
export const DASHBOARD_FORMAT = 1;

export const T = {
  meta: '_qd_meta',
  sources: '_qd_sources',
  snapshots: '_qd_snapshots',
  roles: '_qd_roles',
  roleMemory: '_qd_role_memory',
  relationships: '_qd_relationships',
  segments: '_qd_segments',
  dashboards: '_qd_dashboards',
  settings: '_qd_settings',
  templates: '_qd_templates',
  reviews: '_qd_reviews',
} as const;

/** Format of the review documents stored in _qd_reviews.document. */
export const REVIEW_FORMAT = 1;

export async function ensureCatalog(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(T.meta)} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`);
  const version = (
    await conn.runAndReadAll(`SELECT value FROM ${quoteIdent(T.meta)} WHERE key = 'catalog_version'`)
  ).getRowObjectsJS()[0]?.value;
  if (version !== undefined && Number(version) > CATALOG_VERSION) {
    throw new Error(
      `this workspace was written by a newer Quarterdeck (catalog version ${String(version)}); update the app to open it`,
    );
  }
  await conn.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(T.sources)} (
    name VARCHAR PRIMARY KEY,
    slug VARCHAR NOT NULL UNIQUE,
    signature VARCHAR NOT NULL,
    settings JSON,
    created_at TIMESTAMP NOT NULL
  )`);
  await conn.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(T.snapshots)} (
    source VARCHAR NOT NULL,
    snapshot_date DATE NOT NULL,
    table_name VARCHAR NOT NULL UNIQUE,
    file VARCHAR NOT NULL,
    row_count BIGINT NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    content_hash VARCHAR,
    PRIMARY KEY (source, snapshot_date)
  )`);
  // Catalog 1 -> 2: snapshots imported before keep a null hash.
  await conn.run(`ALTER TABLE ${quoteIdent(T.snapshots)} ADD COLUMN IF NOT EXISTS content_hash VARCHAR`);
  await conn.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(T.roles)} (
    source VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    column_name VARCHAR NOT NULL,
    PRIMARY KEY (source, role)
  )`);
  await conn.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(T.roleMemory)} (
    signature VARCHAR PRIMARY KEY,
    mapping JSON NOT NULL,
    updated_at TIMESTAMP NOT NULL
  )`);
  await conn.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(T.relationships)} (
    from_source VARCHAR NOT NULL,
    from_column VARCHAR NOT NULL,
    to_source VARCHAR NOT NULL,
    to_column VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (from_source, from_column)
  )`);
  // Named segments (saved filters); filter is a FilterTreeInput as JSON, checked when saved.
  await conn.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(T.segments)} (
    name VARCHAR PRIMARY KEY,
    source VARCHAR,
    filter JSON NOT NULL,
    description VARCHAR,
    updated_at TIMESTAMP NOT NULL
  )`);
  // Dashboards, shown as tabs in `position` order; document is a Dashboard as JSON (format above).
  await conn.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(T.dashboards)} (
    id VARCHAR PRIMARY KEY,
    position INTEGER NOT NULL,
    format INTEGER NOT NULL,
    document JSON NOT NULL,
    updated_at TIMESTAMP NOT NULL
  )`);
  // Workspace display settings (locale, currency, theme), one row per key; value is JSON.
  await conn.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(T.settings)} (
    key VARCHAR PRIMARY KEY,
    value JSON NOT NULL
  )`);
  // Personal and imported templates (built-in ones are files of the app); document is a Template
  // as JSON of the version in `version` (migrated on read, shared/template/migrations.ts). Like
  // the dashboards, an app that predates them ignores this table.
  await conn.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(T.templates)} (
    id VARCHAR PRIMARY KEY,
    origin VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    document JSON NOT NULL,
    file_name VARCHAR,
    updated_at TIMESTAMP NOT NULL
  )`);
  // Reviews: a template (or dashboard) run for a period, its figures frozen with the snapshots they
  // came from, the manager's notes and actions. document is a Review as JSON (REVIEW_FORMAT).
  await conn.run(`CREATE TABLE IF NOT EXISTS ${quoteIdent(T.reviews)} (
    id VARCHAR PRIMARY KEY,
    template_id VARCHAR,
    dashboard_id VARCHAR,
    period_from DATE NOT NULL,
    period_to DATE NOT NULL,
    status VARCHAR NOT NULL,
    format INTEGER NOT NULL,
    document JSON NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
  )`);
  await conn.run(
    `INSERT OR REPLACE INTO ${quoteIdent(T.meta)} VALUES ('catalog_version', '${CATALOG_VERSION}')`,
  );
}

/** Name of the table holding one snapshot of a source. */
export function snapshotTableName(slug: string, date: string): string {
  return `src_${slug}__${date.replaceAll('-', '')}`;
}

/** Name of the view that stacks every snapshot of a source, with a snapshot_date column. */
export function historyViewName(slug: string): string {
  return `src_${slug}__history`;
}

/** Name of the view of a source enriched with the sources it refers to. */
export function modelViewName(slug: string): string {
  return `model_${slug}`;
}

export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'source'
  );
}

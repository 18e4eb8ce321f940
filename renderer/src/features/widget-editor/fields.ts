// The widget editor's field list: a source's columns as fields a manager recognises, each with its
// canonical role (when mapped) and the entity that role belongs to, grouped Deal / Account / Rep /
// Time / Activity / Cost / ..., the rest under "Other fields" by the source it comes from (an
// enriched model carries "accounts.segment" and the like). Pure: no DOM, no React.
import type { ColumnKind, SourceInfo, WorkspaceInfo } from '../../../../shared/api';
import { ROLE_IDS, ROLES, type RoleEntity } from '../../../../shared/model/roles';

export const FIELD_GROUPS = ['deal', 'account', 'rep', 'time', 'activity', 'cost', 'lead', 'target', 'other'] as const;
export type FieldGroupId = (typeof FIELD_GROUPS)[number];

export interface EditorField {
  /** The column's name in the source (an enriched model's joined columns are "<source>.<column>"). */
  column: string;
  /** The canonical role mapped to this column, if any: specs name the role, not the column. */
  role: string | null;
  kind: ColumnKind;
  /** DuckDB's type name. */
  type: string;
  group: FieldGroupId;
  /** The source the column comes from: the base source, or the joined one of an enriched model. */
  origin: string;
  /** The column's name without its joined source's prefix ("segment" for "accounts.segment"). */
  name: string;
}

const ENTITY_OF_ROLE = new Map<string, RoleEntity>(ROLES.map((r) => [r.id, r.entity]));
const REP_ROLES = new Set(['owner', 'team']);

const isTime = (kind: ColumnKind) => kind === 'date' || kind === 'timestamp';

/** Column -> role of a source, the first role of the catalog's order when several share a column. */
export function rolesByColumn(roles: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  const order = [...ROLE_IDS, ...Object.keys(roles).filter((r) => !(ROLE_IDS as readonly string[]).includes(r)).sort()];
  for (const role of order) {
    const column = roles[role];
    if (column !== undefined && !out.has(column)) out.set(column, role);
  }
  return out;
}

export function groupOf(kind: ColumnKind, role: string | null): FieldGroupId {
  if (isTime(kind)) return 'time';
  if (role === null) return 'other';
  if (REP_ROLES.has(role)) return 'rep';
  return ENTITY_OF_ROLE.get(role) ?? 'other';
}

/** The fields of a source, in its column order. */
export function fieldsOf(source: SourceInfo): EditorField[] {
  const byColumn = rolesByColumn(source.roles);
  const joined = source.model?.joined ?? [];
  const base = source.model?.base ?? source.name;
  return source.columns.map((c) => {
    const prefix = joined.find((j) => c.name.startsWith(`${j}.`));
    const role = byColumn.get(c.name) ?? null;
    return {
      column: c.name,
      role,
      kind: c.kind,
      type: c.type,
      group: groupOf(c.kind, role),
      origin: prefix ?? base,
      name: prefix ? c.name.slice(prefix.length + 1) : c.name,
    };
  });
}

/** The field a spec reference names in a source (a role resolved through the source's mapping). */
export function findField(fields: readonly EditorField[], source: SourceInfo, ref: { column?: string | null; role?: string | null }): EditorField | null {
  const column = ref.role ? source.roles[ref.role] : ref.column;
  if (!column) return null;
  return fields.find((f) => f.column === column) ?? null;
}

/** Lower case, accents removed: "Société" and "societe" match. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');
}

/** Whether a field matches a search: its column name, role id or role label contain every word typed. */
export function fieldMatches(field: EditorField, query: string, roleLabel: (role: string) => string): boolean {
  const words = foldText(query).split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return true;
  const haystack = foldText(
    [field.column, field.name, field.role ?? '', field.role ? roleLabel(field.role) : '', field.role ? field.role.replace(/_/g, ' ') : ''].join(' '),
  );
  return words.every((w) => haystack.includes(w));
}

export interface FieldSection {
  group: FieldGroupId;
  /** Set on "Other fields" sections: the source those columns come from. */
  origin: string | null;
  fields: EditorField[];
}

/**
 * The field list as shown: the role entities in a fixed order (roles in the catalog's order, time
 * fields in the source's order), then the fields without a role by source. Empty sections are left out.
 */
export function fieldSections(fields: readonly EditorField[], query: string, roleLabel: (role: string) => string): FieldSection[] {
  const shown = fields.filter((f) => fieldMatches(f, query, roleLabel));
  const roleRank = (f: EditorField) => (f.role === null ? ROLE_IDS.length : Math.max(0, (ROLE_IDS as readonly string[]).indexOf(f.role)));
  const sections: FieldSection[] = [];
  for (const group of FIELD_GROUPS) {
    const inGroup = shown.filter((f) => f.group === group);
    if (inGroup.length === 0) continue;
    if (group === 'other') {
      const origins = [...new Set(inGroup.map((f) => f.origin))];
      for (const origin of origins) sections.push({ group, origin, fields: inGroup.filter((f) => f.origin === origin) });
      continue;
    }
    const ordered = group === 'time' ? inGroup : [...inGroup].sort((a, b) => roleRank(a) - roleRank(b));
    sections.push({ group, origin: null, fields: ordered });
  }
  return sections;
}

/** What the field list shows as a field's name: its column name, with the source when two share it. */
export function fieldDisplayName(field: EditorField, fields: readonly EditorField[]): string {
  if (field.name === field.column) return field.column;
  const clash = fields.some((f) => f !== field && f.name === field.name);
  return clash ? field.column : field.name;
}

const DEALS_ROLES = ['deal_id', 'stage', 'status', 'amount'];

/** Whether a source holds deals (opportunities): it maps deal roles. */
export function isDealsLike(source: SourceInfo): boolean {
  const roles = source.roles;
  return DEALS_ROLES.filter((r) => roles[r] !== undefined).length >= 2 && roles.activity_type === undefined;
}

/**
 * The source a new widget starts on: the enriched deals model ("deals (enriched)") when there is
 * one, else the first deals-like source, else the first source.
 */
export function defaultSource(workspace: WorkspaceInfo): SourceInfo | null {
  const sources = workspace.sources;
  return (
    sources.find((s) => s.model !== undefined && isDealsLike(s)) ??
    sources.find((s) => isDealsLike(s)) ??
    sources[0] ??
    null
  );
}

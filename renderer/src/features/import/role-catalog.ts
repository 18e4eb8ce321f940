// The canonical roles as the import dialog lists them: the definitions of shared/model/roles.ts
// (ids, entities, accepted kinds) with their name and description in the UI language (catalog
// namespace `roles`), grouped by entity.
import { roleDescription, roleEntityName, roleName, type TranslateFn } from '../../../../shared/i18n';
import type { ValueKind } from '../../../../shared/import/types';
import { ROLE_ENTITIES, ROLES } from '../../../../shared/model/roles';

export interface RoleEntry {
  id: string;
  label: string;
  description: string;
  /** Value kinds a column must have to play the role; empty when unknown. */
  kinds: readonly ValueKind[];
}

export interface RoleGroup {
  entity: string;
  label: string;
  roles: RoleEntry[];
}

const KNOWN = new Set<string>(ROLES.map((r) => r.id));

export function roleEntry(t: TranslateFn, id: string): RoleEntry {
  const role = ROLES.find((r) => r.id === id);
  return { id, label: roleName(t, id), description: roleDescription(t, id), kinds: role?.kinds ?? [] };
}

/** The catalog, plus any role the engine proposed that it does not know, so none is hidden. */
export function roleGroupsFor(t: TranslateFn, extraRoles: readonly string[]): RoleGroup[] {
  const groups: RoleGroup[] = ROLE_ENTITIES.map((entity) => ({
    entity,
    label: roleEntityName(t, entity),
    roles: ROLES.filter((r) => r.entity === entity).map((r) => roleEntry(t, r.id)),
  }));
  const unknown = [...new Set(extraRoles.filter((id) => !KNOWN.has(id)))];
  if (unknown.length === 0) return groups;
  return [...groups, { entity: 'other', label: roleEntityName(t, 'other'), roles: unknown.map((id) => roleEntry(t, id)) }];
}

/** Whether a column of this kind can play the role (unknown roles accept anything). */
export function kindFits(role: RoleEntry, kind: ValueKind): boolean {
  return role.kinds.length === 0 || role.kinds.includes(kind);
}

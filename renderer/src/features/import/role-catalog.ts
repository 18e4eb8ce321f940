// The canonical roles as the import dialog lists them: the definitions of shared/model/roles.ts
// (ids, entities, descriptions, accepted kinds) with a short label each, grouped by entity.
import type { ValueKind } from '../../../../shared/import/types';
import { ROLE_ENTITIES, ROLES, type RoleEntity, type RoleId } from '../../../../shared/model/roles';

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

const ROLE_LABEL: Record<RoleId, string> = {
  deal_id: 'Deal id',
  deal_name: 'Deal name',
  account: 'Account',
  owner: 'Owner',
  team: 'Team',
  pipeline: 'Pipeline',
  stage: 'Stage',
  status: 'Status',
  amount: 'Amount',
  probability: 'Probability',
  created_at: 'Created',
  expected_close_at: 'Expected close',
  closed_at: 'Closed',
  lead_source: 'Lead source',
  segment: 'Segment',
  account_type: 'Account type',
  region: 'Region',
  industry: 'Industry',
  tags: 'Tags',
  loss_reason: 'Loss reason',
  product: 'Product',
  account_id: 'Account id',
  account_name: 'Account name',
  activity_id: 'Activity id',
  activity_type: 'Activity type',
  activity_at: 'Activity date',
  outcome: 'Outcome',
  cost_amount: 'Cost amount',
  cost_channel: 'Cost channel',
  cost_period: 'Cost period',
  lead_id: 'Lead id',
  lead_status: 'Lead status',
  converted: 'Converted',
  target_amount: 'Target amount',
  target_period: 'Target period',
};

const ENTITY_LABEL: Record<RoleEntity, string> = {
  deal: 'Deals',
  account: 'Accounts',
  activity: 'Activities',
  cost: 'Costs',
  lead: 'Leads',
  target: 'Targets',
};

export const ROLE_GROUPS: readonly RoleGroup[] = ROLE_ENTITIES.map((entity) => ({
  entity,
  label: ENTITY_LABEL[entity],
  roles: ROLES.filter((r) => r.entity === entity).map((r) => ({
    id: r.id,
    label: ROLE_LABEL[r.id],
    description: r.description,
    kinds: r.kinds,
  })),
}));

const BY_ID = new Map(ROLE_GROUPS.flatMap((g) => g.roles.map((role) => [role.id, role] as const)));

export function roleEntry(id: string): RoleEntry {
  return BY_ID.get(id) ?? { id, label: id.replace(/_/g, ' '), description: '', kinds: [] };
}

/** The catalog, plus any role the engine proposed that it does not know, so none is hidden. */
export function roleGroupsFor(extraRoles: readonly string[]): RoleGroup[] {
  const unknown = [...new Set(extraRoles.filter((id) => !BY_ID.has(id)))];
  if (unknown.length === 0) return [...ROLE_GROUPS];
  return [...ROLE_GROUPS, { entity: 'other', label: 'Other', roles: unknown.map((id) => roleEntry(id)) }];
}

/** Whether a column of this kind can play the role (unknown roles accept anything). */
export function kindFits(role: RoleEntry, kind: ValueKind): boolean {
  return role.kinds.length === 0 || role.kinds.includes(kind);
}

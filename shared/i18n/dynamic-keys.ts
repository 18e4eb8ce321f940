// Catalog keys that code builds at run time instead of writing them out: the families below, each
// with the complete list of keys its data calls for. test/unit/i18n.test.ts checks that every key of
// a family is in the catalogs and that the catalogs hold no key of a family that its data does not
// name; every other key must appear literally ("ns.key") in the code. Add a family here when you
// build keys from data (prefer a Record<Id, MessageKey> of literal keys when the ids are few).
import { KPIS } from '../model/kpis';
import { ROLE_ENTITIES, ROLES } from '../model/roles';
import { kpiDefinitionKey, kpiMeasureKey, kpiNameKey, roleDescriptionKey, roleEntityKey, roleNameKey } from './labels';

export interface KeyFamily {
  /** Every key starting with this prefix belongs to the family. */
  prefix: string;
  /** Where the keys come from. */
  why: string;
  keys: () => string[];
}

export const DYNAMIC_KEY_FAMILIES: readonly KeyFamily[] = [
  {
    prefix: 'kpi.',
    why: 'KPI names, definitions and measure labels by id (shared/model/kpis.ts KPIS; kpiName, kpiDefinition, kpiMeasureLabel)',
    keys: () => KPIS.flatMap((k) => [kpiNameKey(k.id), kpiDefinitionKey(k.id), ...k.measures.map((m) => kpiMeasureKey(m.id))]),
  },
  {
    prefix: 'roles.',
    why: 'canonical role names and descriptions by role id, entity names (shared/model/roles.ts ROLES; roleName, roleDescription, roleEntityName)',
    keys: () => [
      ...ROLES.flatMap((r) => [roleNameKey(r.id), roleDescriptionKey(r.id)]),
      ...ROLE_ENTITIES.map((e) => roleEntityKey(e)),
      'roles.otherGroup',
    ],
  },
];

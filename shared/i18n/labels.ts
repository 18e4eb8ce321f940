// Translated labels of the product's own data: KPI names, definitions and measure labels (catalog
// namespace `kpi`, keyed by KPI and measure id), canonical role names and descriptions (namespace
// `roles`, keyed by role id) and error panels (namespace `errors`). Pure: every function takes the
// translate function of the current language (useT() in the renderer, createTranslator().t elsewhere).
import { findKpi, KPIS } from '../model/kpis';
import { ROLE_ENTITIES, ROLES, type RoleEntity } from '../model/roles';
import type { ErrorCode, ErrorLocation, QdError } from '../result';
import type { MessageKey, TranslateFn } from './catalog-types';
import en from './messages/en/index';

const ENGLISH = new Set(Object.entries(en).flatMap(([ns, messages]) => Object.keys(messages).map((k) => `${ns}.${k}`)));

/** Whether a key built at run time ("errors.fileEmpty" from the engine) is in the catalogs. */
export function isMessageKey(key: string): key is MessageKey {
  return ENGLISH.has(key);
}

// ---------- KPIs ----------

export const kpiNameKey = (id: string) => `kpi.${id}.name` as MessageKey;
export const kpiDefinitionKey = (id: string) => `kpi.${id}.definition` as MessageKey;
export const kpiMeasureKey = (measureId: string) => `kpi.measure.${measureId}` as MessageKey;

const MEASURE_LABEL = new Map(KPIS.flatMap((k) => k.measures.map((m) => [m.id, m.label] as const)));

/** "Conversion rate" / "Taux de transformation"; an unknown id is shown as it is. */
export function kpiName(t: TranslateFn, id: string): string {
  return findKpi(id) ? t(kpiNameKey(id)) : id;
}

/** The KPI's one-line definition, empty for an unknown id. */
export function kpiDefinition(t: TranslateFn, id: string): string {
  return findKpi(id) ? t(kpiDefinitionKey(id)) : '';
}

/** A KPI measure's column label ("Deals won", "Open deals"...) by measure id; unknown ids as they are. */
export function kpiMeasureLabel(t: TranslateFn, measureId: string): string {
  return MEASURE_LABEL.has(measureId) ? t(kpiMeasureKey(measureId)) : measureId;
}

// ---------- Canonical roles ----------

export const roleNameKey = (id: string) => `roles.${id}.name` as MessageKey;
export const roleDescriptionKey = (id: string) => `roles.${id}.description` as MessageKey;
export const roleEntityKey = (entity: string) => `roles.entity.${entity}` as MessageKey;

const ROLE_SET = new Set<string>(ROLES.map((r) => r.id));
const ENTITY_SET = new Set<string>(ROLE_ENTITIES);

/** "Owner" / "Commercial"; a role the catalog does not know is named after its id. */
export function roleName(t: TranslateFn, id: string): string {
  return ROLE_SET.has(id) ? t(roleNameKey(id)) : id.replace(/_/g, ' ');
}

export function roleDescription(t: TranslateFn, id: string): string {
  return ROLE_SET.has(id) ? t(roleDescriptionKey(id)) : '';
}

/** The entity a group of roles describes: "Deals", "Accounts"... */
export function roleEntityName(t: TranslateFn, entity: RoleEntity | 'other'): string {
  return ENTITY_SET.has(entity) ? t(roleEntityKey(entity)) : t('roles.otherGroup');
}

// ---------- Errors ----------

const ERROR_TITLE: Record<ErrorCode, MessageKey> = {
  INVALID_ARGUMENT: 'errors.codeInvalidArgument',
  SPEC_INVALID: 'errors.codeSpecInvalid',
  NOT_FOUND: 'errors.codeNotFound',
  IMPORT_FAILED: 'errors.codeImportFailed',
  QUERY_FAILED: 'errors.codeQueryFailed',
  CANCELLED: 'errors.codeCancelled',
  UNAUTHORIZED: 'errors.codeUnauthorized',
  BUSY: 'errors.codeBusy',
  INTERNAL: 'errors.codeInternal',
};

/** What kind of failure, in a few words: "The import failed". */
export function errorTitle(t: TranslateFn, code: ErrorCode): string {
  return t(ERROR_TITLE[code] ?? ERROR_TITLE.INTERNAL);
}

/** Whether the error's message can be shown in the user's language. */
export function isTranslatedError(error: QdError): boolean {
  return error.messageKey !== undefined && isMessageKey(error.messageKey);
}

/** The error's message in the user's language when the engine gave its key, else its English message. */
export function errorMessage(t: TranslateFn, error: QdError): string {
  if (error.messageKey !== undefined && isMessageKey(error.messageKey)) {
    try {
      return t(error.messageKey, error.values);
    } catch {
      // A value the message needs is missing: the English message says it all the same.
    }
  }
  return error.message;
}

/** ["broken.csv", "line 4", "column 2"]: where an error happened, in the user's language. */
export function errorLocationParts(t: TranslateFn, location: ErrorLocation | undefined): string[] {
  if (!location) return [];
  const parts: string[] = [];
  if (location.file) parts.push(location.file);
  if (location.line !== undefined) parts.push(t('errors.atLine', { line: String(location.line) }));
  if (location.column !== undefined) parts.push(t('errors.atColumn', { column: String(location.column) }));
  if (location.field) parts.push(t('errors.atField', { field: location.field }));
  return parts;
}

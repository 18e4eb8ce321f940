// Translated labels of the product's own data: KPI names, definitions and measure labels (catalog
// namespace `kpi`, keyed by KPI and measure id), canonical role names and descriptions (namespace
// `roles`, keyed by role id) and error panels (namespace `errors`). Pure: every function takes the
// translate function of the current language (useT() in the renderer, createTranslator().t elsewhere).
// Texts the engine builds (role detection reasons, import warnings, progress steps, errors) come as a
// catalog key with values (MessageRef, QdError.messageKey); engineText() says them in the user's
// language, with the English text as the fallback.
import { findKpi, KPIS } from '../model/kpis';
import { ROLE_ENTITIES, ROLES, type RoleEntity } from '../model/roles';
import type { ErrorCode, ErrorLocation, MessageRef, QdError } from '../result';
import type { MessageKey, MessageValues, TranslateFn } from './catalog-types';
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

// ---------- Texts of the engine ----------

const LANGUAGE_KEY: Record<string, MessageKey> = {
  en: 'detect.languageEn',
  fr: 'detect.languageFr',
  nl: 'detect.languageNl',
  de: 'detect.languageDe',
};

/**
 * An engine value as the user reads it. By its name: `kpi` (or `…Kpi`) is a KPI id, shown by its
 * name; `role` (or `…Role`) a role id and `roles` (or `…Roles`) role ids joined by ',', shown by
 * their names; `languages` language codes joined by '/'. A catalog text is translated first. Other
 * values are shown as they are (user content: column names, values, file names).
 */
function engineValue(t: TranslateFn, name: string, value: string | number | MessageRef): string | number | null {
  if (typeof value === 'object') return refText(t, value);
  if (typeof value === 'number') return value;
  if (/^kpi$|Kpi$/.test(name)) return kpiName(t, value);
  if (/^role$|Role$/.test(name)) return roleName(t, value);
  if (/^roles$|Roles$/.test(name)) {
    const ids = value.split(',').filter((r) => r !== '');
    return ids.length ? ids.map((r) => roleName(t, r)).join(', ') : t('errors.noRoles');
  }
  if (name === 'languages') return value.split('/').map((l) => (LANGUAGE_KEY[l] ? t(LANGUAGE_KEY[l]) : l)).join('/');
  return value;
}

function refText(t: TranslateFn, ref: MessageRef): string | null {
  if (!isMessageKey(ref.key)) return null;
  const values: MessageValues = {};
  for (const [name, value] of Object.entries(ref.values ?? {})) {
    const v = engineValue(t, name, value);
    if (v === null) return null;
    values[name] = v;
  }
  try {
    return t(ref.key, values);
  } catch {
    // A value the message needs is missing.
    return null;
  }
}

/** A catalog text, or the catalog key and values of an error, a warning or a progress step. */
export type EngineTextRef = MessageRef | { messageKey?: string; values?: MessageRef['values'] };

/**
 * A text the engine gave as a catalog key with its values, in the user's language (translated:
 * true); the English text when there is no key, or one the catalogs do not know (an engine newer
 * than the catalogs).
 */
export function engineTextOf(t: TranslateFn, ref: EngineTextRef | undefined, english: string): { text: string; translated: boolean } {
  const key = !ref ? undefined : 'key' in ref ? ref.key : ref.messageKey;
  if (!ref || key === undefined) return { text: english, translated: false };
  const text = refText(t, { key, ...(ref.values ? { values: ref.values } : {}) });
  return text === null ? { text: english, translated: false } : { text, translated: true };
}

/** engineTextOf()'s text alone. */
export function engineText(t: TranslateFn, ref: EngineTextRef | undefined, english: string): string {
  return engineTextOf(t, ref, english).text;
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
  return engineText(t, error, error.message);
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

// The words of a template in the UI language: a built-in template's name, description and titles
// by catalog key (resources/templates name them), any other template's as its author wrote them;
// periods and slot kinds by literal keys.
import type { MessageKey } from '../../../../shared/i18n';
import { isBuiltinTemplateKey } from '../../../../shared/template/builtin-keys';
import type { SlotEntity, Template, TemplatePeriod } from '../../../../shared/template/types';
import type { TFunction } from '../../i18n/I18nProvider';

export function templateName(t: TFunction, template: Pick<Template, 'name' | 'nameKey'>): string {
  return isBuiltinTemplateKey(template.nameKey) ? t(template.nameKey as MessageKey) : template.name;
}

export function templateDescription(t: TFunction, template: Pick<Template, 'description' | 'descriptionKey'>): string {
  return isBuiltinTemplateKey(template.descriptionKey) ? t(template.descriptionKey as MessageKey) : template.description;
}

/** A widget's title as the template names it (built-ins: in the UI language). */
export function widgetTitle(t: TFunction, template: Pick<Template, 'titleKeys'>, widget: { id: string; title: string }): string {
  const key = template.titleKeys?.[widget.id];
  return isBuiltinTemplateKey(key) ? t(key as MessageKey) : widget.title;
}

export const PERIOD_KEYS: Record<TemplatePeriod, MessageKey> = {
  last_complete_month: 'templates.periodLastMonth',
  last_complete_quarter: 'templates.periodLastQuarter',
  quarter_to_date: 'templates.periodQuarterToDate',
  year_to_date: 'templates.periodYearToDate',
  custom: 'templates.periodCustom',
};

export const ENTITY_KEYS: Record<SlotEntity, MessageKey> = {
  deal: 'templates.entityDeal',
  account: 'templates.entityAccount',
  activity: 'templates.entityActivity',
  cost: 'templates.entityCost',
  lead: 'templates.entityLead',
  target: 'templates.entityTarget',
};

/** A file's bytes saved through a temporary link (the browser's download, Electron's save dialog). */
export function saveFile(bytes: Uint8Array | string, fileName: string, mimeType: string): void {
  const blob = new Blob([typeof bytes === 'string' ? bytes : bytes.slice().buffer], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

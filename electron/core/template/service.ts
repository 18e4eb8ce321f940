// The template operations of the contract: the library (built-in files, personal and imported
// templates in the workspace), save a dashboard as a template, import and export files, and the
// check → fix → apply flow. Applying never runs half-way: role fixes are stored, everything is
// checked again, and the dashboard is created only when nothing blocks.
import { randomUUID } from 'node:crypto';
import type { Result } from '../../../shared/api';
import type { Dashboard } from '../../../shared/dashboard/types';
import { createTranslator, isLanguage, messagesFor, type MessageKey } from '../../../shared/i18n';
import { checkTemplate, instantiateTemplate, isBlocking, type SourceFacts } from '../../../shared/template/check';
import { templateFromDashboard } from '../../../shared/template/derive';
import { resolveTemplatePeriod } from '../../../shared/template/period';
import { parseTemplate, readTemplateText, writeTemplateText } from '../../../shared/template/schema';
import type {
  ApplyTemplateRequest,
  CheckTemplateRequest,
  ExportedTemplate,
  RoleFixes,
  SaveAsTemplateRequest,
  Template,
  TemplateBinding,
  TemplateCheckReport,
} from '../../../shared/template/types';
import type { CoreApi } from '../api';
import type { Workspace } from '../workspace/workspace';
import { builtinTemplates } from './builtin';
import { emptyPeriodProblems, referenceDayOf, sourceFacts } from './facts';
import { splitRoleChanges, writeSourceRoles } from './roles';
import { deleteTemplate, readTemplates, writeTemplate } from './store';

const notFound = (id: string): Result<never> => ({
  ok: false,
  error: { code: 'NOT_FOUND', message: `no template with id "${id}"`, location: { field: 'id' } },
});

/** A translate function for built-in templates' title keys in a UI language (null: unknown key). */
export function titleTranslator(language: string | undefined): (key: string) => string | null {
  const lang = isLanguage(language) ? language : 'en';
  const t = createTranslator(lang).t;
  const messages = messagesFor(lang);
  return (key) => (key in messages ? t(key as MessageKey) : null);
}

function fileNameFor(template: Template): string {
  const slug = template.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'template'}.qdt.json`;
}

export class TemplateService {
  constructor(
    private readonly workspace: Workspace,
    private readonly core: CoreApi,
  ) {}

  async list(): Promise<Template[]> {
    return [...builtinTemplates(), ...(await readTemplates(this.workspace)).templates];
  }

  async find(id: string): Promise<Template | undefined> {
    return (await this.list()).find((t) => t.id === id);
  }

  private async freeId(wanted: string): Promise<string> {
    const taken = new Set((await this.list()).map((t) => t.id));
    const base = wanted.slice(0, 56);
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
    return id;
  }

  async saveDashboardAsTemplate(request: SaveAsTemplateRequest): Promise<Result<Template>> {
    const dashboards = await this.core.listDashboards();
    if (!dashboards.ok) return dashboards;
    const dashboard = dashboards.value.find((d) => d.id === request.dashboardId);
    if (!dashboard) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `no dashboard with id "${request.dashboardId}"`, location: { field: 'dashboardId' } } };
    }
    const { facts } = await sourceFacts(this.workspace);
    const id = await this.freeId(`tpl-${randomUUID().slice(0, 8)}`);
    const { template } = templateFromDashboard(dashboard, facts, {
      id,
      name: request.name.trim(),
      description: request.description,
      now: new Date().toISOString(),
      ...(request.parameters ? { parameters: request.parameters } : {}),
    });
    if (template.dashboard.widgets.length === 0) {
      return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'the dashboard has no widget whose source is in the workspace', location: { field: 'dashboardId' } } };
    }
    // What is stored is what a file would hold: checked by the same parser.
    const checked = parseTemplate(JSON.parse(writeTemplateText(template)));
    if (!checked.ok) return checked;
    await writeTemplate(this.workspace, checked.value, null);
    return { ok: true, value: checked.value };
  }

  /** Reads and checks a file first: an invalid file is refused and nothing is stored. */
  async importTemplate(text: string, fileName: string): Promise<Result<Template>> {
    const read = readTemplateText(text, fileName || undefined);
    if (!read.ok) return read;
    const id = await this.freeId(read.value.id);
    const template: Template = { ...read.value, id, origin: 'imported' };
    await writeTemplate(this.workspace, template, fileName || null);
    return { ok: true, value: template };
  }

  async exportTemplate(id: string): Promise<Result<ExportedTemplate>> {
    const template = await this.find(id);
    if (!template) return notFound(id);
    return { ok: true, value: { fileName: fileNameFor(template), text: writeTemplateText(template) } };
  }

  async removeTemplate(id: string): Promise<Result<Template[]>> {
    if (builtinTemplates().some((t) => t.id === id)) {
      return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'a built-in template cannot be removed', location: { field: 'id' } } };
    }
    if (!(await deleteTemplate(this.workspace, id))) return notFound(id);
    return { ok: true, value: await this.list() };
  }

  /** Checks a template (by id) against the workspace; see checkTemplateDocument. */
  async check(request: CheckTemplateRequest): Promise<Result<TemplateCheckReport>> {
    const template = await this.find(request.id);
    if (!template) return notFound(request.id);
    return { ok: true, value: await this.checkDocument(template, request.binding ?? {}, request.roles ?? {}) };
  }

  /**
   * Everything that stops a template from running, with the fixes chosen so far (binding, stage
   * mappings, role corrections overlaid without storing them), the reference day, the resolved
   * period and, when the period holds no data, an empty-period problem per slot.
   */
  async checkDocument(template: Template, binding: Partial<TemplateBinding>, roles: RoleFixes): Promise<TemplateCheckReport> {
    const { facts, records } = await sourceFacts(this.workspace, roles);
    const check = checkTemplate(template, facts, binding);
    const bound = Object.values(check.binding.sources);
    const referenceDay = referenceDayOf(records, bound, new Date().toISOString().slice(0, 10));
    const choice = {
      period: check.binding.period ?? template.parameters.period,
      ...(check.binding.customPeriod ? { customPeriod: check.binding.customPeriod } : {}),
    };
    const period = resolveTemplatePeriod(choice, referenceDay);
    const dataStages: Record<string, string[]> = {};
    for (const slot of template.slots) {
      const f = facts.find((x) => x.name === check.binding.sources[slot.id]);
      if (f?.stages) dataStages[slot.id] = [...f.stages];
    }
    // Empty periods are worth asking about only once the rest is fixed (they need the roles).
    if (!check.problems.some(isBlocking)) {
      check.problems.push(...(await emptyPeriodProblems(this.workspace, template, check.binding, facts, records, period)));
    }
    return { ...check, referenceDay, period, dataStages };
  }

  /** Stores the role fixes, checks again, and creates the dashboard when nothing blocks. */
  async apply(request: ApplyTemplateRequest): Promise<Result<Dashboard>> {
    const template = await this.find(request.id);
    if (!template) return notFound(request.id);
    const prepared = await this.prepare(template, request.binding ?? {}, request.roles ?? {}, request.language);
    if (!prepared.ok) return prepared;
    return this.core.saveDashboard(prepared.value.dashboard);
  }

  /**
   * The dashboard a template becomes on this workspace, after storing the role fixes. Refuses
   * (nothing created, roles untouched) while a problem blocks.
   */
  async prepare(
    template: Template,
    binding: Partial<TemplateBinding>,
    roles: RoleFixes,
    language: string | undefined,
  ): Promise<Result<{ dashboard: Dashboard; report: TemplateCheckReport }>> {
    const report = await this.checkDocument(template, binding, roles);
    const blocking = report.problems.filter(isBlocking);
    if (blocking.length > 0) {
      return {
        ok: false,
        error: {
          code: 'INVALID_ARGUMENT',
          message: `the template cannot run yet: ${describeProblems(blocking)}`,
          detail: JSON.stringify(blocking),
          location: { field: 'binding' },
        },
      };
    }
    const stored = await this.storeRoleFixes(roles);
    if (!stored.ok) return stored;
    const dashboard = instantiateTemplate(template, report, `d-${randomUUID().slice(0, 8)}`, new Date().toISOString(), {
      translate: titleTranslator(language),
    });
    return { ok: true, value: { dashboard, report } };
  }

  private async storeRoleFixes(roles: RoleFixes): Promise<Result<void>> {
    const records = await this.workspace.listSources();
    const merged = new Map<string, Record<string, string | null>>();
    for (const [name, fixes] of Object.entries(roles)) {
      const record = records.find((s) => s.name === name);
      if (!record) return { ok: false, error: { code: 'NOT_FOUND', message: `no source named "${name}"`, location: { field: 'roles' } } };
      const unchanged = Object.entries(fixes).filter(([role, column]) => record.roles[role] !== column);
      const split = splitRoleChanges(record, records, Object.fromEntries(unchanged));
      if (!split.ok) return split;
      for (const [base, changes] of split.value) merged.set(base, { ...(merged.get(base) ?? {}), ...changes });
    }
    await writeSourceRoles(this.workspace, merged);
    return { ok: true, value: undefined };
  }
}

/** Problems in a sentence, for the CLI and error messages. */
export function describeProblems(problems: ReturnType<typeof checkTemplate>['problems']): string {
  return problems
    .map((p) => {
      switch (p.kind) {
        case 'no_source':
          return `no source for "${p.slot}" (${p.entity})`;
        case 'missing_role':
          return `"${p.source}" maps no column to the role ${p.role}${p.candidates.length ? ` (candidates: ${p.candidates.slice(0, 5).map((c) => c.column).join(', ')})` : ''}`;
        case 'missing_column':
          return `"${p.source}" has no column "${p.column}"${p.suggestion ? ` (did you mean "${p.suggestion}"?)` : ''}`;
        case 'unknown_stage':
          return `stage "${p.stage}" is not in "${p.source}"${p.suggestion ? ` (did you mean "${p.suggestion}"?)` : ''}`;
        case 'new_stage':
          return `new stage "${p.stage}" in "${p.source}"`;
        case 'empty_period':
          return `"${p.source}" has no rows in ${typeof p.period === 'string' ? p.period : `${p.period.from}..${p.period.to}`}${p.latest ? ` (its latest data: ${p.latest})` : ''}`;
      }
    })
    .join('; ');
}

export type { SourceFacts };

// A review run without a window (the CLI's `review` command, scheduled monthly runs): a template
// document (a file, or a built-in's name) on a workspace, checked first — nothing is created while
// a problem blocks — then frozen and exported. On a workspace kept between runs the template is
// stored under its own id, so next month's run finds this review to compare with and carries its
// open actions.
import type { QdError, Result } from '../../../shared/api';
import { isBlocking } from '../../../shared/template/check';
import type { PeriodChoice } from '../../../shared/template/period';
import type { RoleFixes, Template, TemplateBinding, TemplateCheckReport, TemplateProblem } from '../../../shared/template/types';
import type { ExportedFile, ReviewWithPrevious } from '../../../shared/review/types';
import type { CoreApi } from '../api';
import { builtinTemplates } from '../template/builtin';
import { readTemplates, writeTemplate } from '../template/store';

export interface HeadlessReviewRequest {
  template: Template;
  period?: PeriodChoice;
  binding?: Partial<TemplateBinding>;
  /** Per source: role -> column. */
  roles?: RoleFixes;
  /** role -> column on whatever source the template's first slot binds. */
  firstSlotRoles?: Record<string, string>;
  /** Leave out the widgets whose roles no column of the data plays, instead of stopping. */
  skipUnmapped?: boolean;
  format: 'html' | 'pdf';
  language: string;
  anonymise: boolean;
}

export type HeadlessReviewOutcome =
  | { kind: 'blocked'; report: TemplateCheckReport; problems: TemplateProblem[] }
  | { kind: 'failed'; error: QdError }
  | { kind: 'done'; review: ReviewWithPrevious; file: ExportedFile; report: TemplateCheckReport };

/** Makes the template available in the workspace's library under its own id (built-ins already are). */
async function ensureInLibrary(core: CoreApi, template: Template): Promise<void> {
  if (builtinTemplates().some((t) => t.id === template.id)) return;
  const stored = (await readTemplates(core.workspace)).templates.find((t) => t.id === template.id);
  if (stored && JSON.stringify(stored) === JSON.stringify({ ...template, origin: stored.origin })) return;
  await writeTemplate(core.workspace, { ...template, origin: stored?.origin ?? 'imported' }, null);
}

function fail(r: Result<unknown> & { ok: false }): HeadlessReviewOutcome {
  return { kind: 'failed', error: r.error };
}

export async function runHeadlessReview(core: CoreApi, request: HeadlessReviewRequest): Promise<HeadlessReviewOutcome> {
  await ensureInLibrary(core, request.template);
  const binding: Partial<TemplateBinding> = {
    ...(request.binding ?? {}),
    ...(request.period ? { period: request.period.period, ...(request.period.customPeriod ? { customPeriod: request.period.customPeriod } : {}) } : {}),
  };
  const roles: RoleFixes = { ...(request.roles ?? {}) };
  if (request.firstSlotRoles && Object.keys(request.firstSlotRoles).length > 0) {
    const first = await core.checkTemplate({ id: request.template.id, binding });
    if (!first.ok) return fail(first);
    const source = first.value.binding.sources[request.template.slots[0]!.id];
    if (source === undefined) return { kind: 'blocked', report: first.value, problems: first.value.problems.filter((p) => p.kind === 'no_source') };
    roles[source] = { ...(roles[source] ?? {}), ...request.firstSlotRoles };
  }
  let checked = await core.checkTemplate({ id: request.template.id, binding, roles });
  if (!checked.ok) return fail(checked);
  if (request.skipUnmapped) {
    const leaveOut = checked.value.problems.flatMap((p) => (p.kind === 'missing_role' ? p.widgets : []));
    if (leaveOut.length > 0) {
      binding.skipWidgets = [...new Set([...(binding.skipWidgets ?? []), ...leaveOut])];
      checked = await core.checkTemplate({ id: request.template.id, binding, roles });
      if (!checked.ok) return fail(checked);
    }
  }
  const blocking = checked.value.problems.filter(isBlocking);
  if (blocking.length > 0) return { kind: 'blocked', report: checked.value, problems: blocking };
  // The role fixes are stored (as the app's apply does), then the review runs on them.
  for (const [source, fixes] of Object.entries(roles)) {
    const set = await core.setSourceRoles(source, fixes);
    if (!set.ok) return fail(set);
  }
  const created = await core.createReview({
    templateId: request.template.id,
    binding: {
      sources: checked.value.binding.sources,
      ...(checked.value.binding.stageMap ? { stageMap: checked.value.binding.stageMap } : {}),
      ...(checked.value.binding.skipWidgets ? { skipWidgets: checked.value.binding.skipWidgets } : {}),
    },
    period: { period: checked.value.binding.period ?? request.template.parameters.period, ...(checked.value.binding.customPeriod ? { customPeriod: checked.value.binding.customPeriod } : {}) },
    language: request.language,
  });
  if (!created.ok) return fail(created);
  const file = await core.exportReview({ id: created.value.review.id, format: request.format, language: request.language, anonymise: request.anonymise });
  if (!file.ok) return fail(file);
  return { kind: 'done', review: created.value, file: file.value, report: checked.value };
}

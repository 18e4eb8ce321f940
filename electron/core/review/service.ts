// The review operations of the contract: run a template (or a dashboard) for a period and freeze
// it, compare with the previous review of the same template, carry the open actions over, keep the
// manager's notes and actions, freeze for good, and export the pack (HTML, PDF).
import { randomUUID } from 'node:crypto';
import type { Result } from '../../../shared/api';
import type { Dashboard } from '../../../shared/dashboard/types';
import { createTranslator, isLanguage, type Language } from '../../../shared/i18n';
import { Aliases, anonymiseReview } from '../../../shared/review/anonymise';
import { reviewChartRenderer } from '../../../shared/review/chart-svg';
import { renderReviewHtml, reviewPageFooter, reviewPageHeader, type ReviewHtmlOptions } from '../../../shared/review/html';
import {
  OPEN_ACTION_STATUSES,
  REVIEW_LIMITS,
  type CreateReviewRequest,
  type ExportedFile,
  type ExportReviewRequest,
  type Review,
  type ReviewAction,
  type ReviewSummary,
  type ReviewWithPrevious,
  type UpdateReviewRequest,
} from '../../../shared/review/types';
import { resolveTemplatePeriod, reviewToday, type PeriodChoice } from '../../../shared/template/period';
import type { CoreApi } from '../api';
import { titleTranslator, type TemplateService } from '../template/service';
import { referenceDayOf } from '../template/facts';
import type { Workspace } from '../workspace/workspace';
import { freezeDashboard } from './freeze';
import { chromiumPrinter, type PdfPrinter } from './pdf';
import { deleteReview, readReviews, summaryOf, writeReview } from './store';

export interface ReviewServiceOptions {
  /** Prints HTML to PDF (the Electron host passes its own); playwright-core + system Chromium by default. */
  printPdf?: PdfPrinter;
  /** Draws a widget's chart as SVG for the exported pack; by default shared/charts through ECharts' SSR. */
  renderChart?: ReviewHtmlOptions['renderChart'];
}

const notFound = (id: string): Result<never> => ({ ok: false, error: { code: 'NOT_FOUND', message: `no review with id "${id}"`, location: { field: 'id' } } });

const newId = (prefix: string) => `${prefix}-${randomUUID().replaceAll('-', '').slice(0, 12)}`;

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'review'
  );
}

export class ReviewService {
  constructor(
    private readonly workspace: Workspace,
    private readonly core: CoreApi,
    private readonly templates: TemplateService,
    private readonly options: ReviewServiceOptions = {},
  ) {}

  async list(): Promise<ReviewSummary[]> {
    return (await readReviews(this.workspace)).reviews.map(summaryOf);
  }

  private async find(id: string): Promise<Review | null> {
    return (await readReviews(this.workspace, { id })).reviews[0] ?? null;
  }

  async get(id: string): Promise<Result<ReviewWithPrevious>> {
    const review = await this.find(id);
    if (!review) return notFound(id);
    const previous = review.previousId ? await this.find(review.previousId) : null;
    return { ok: true, value: { review, previous } };
  }

  /** The latest review of the same template (or dashboard) for a period starting before this one. */
  private async previousOf(templateId: string | null, dashboardId: string | null, from: string): Promise<Review | null> {
    const all = (await readReviews(this.workspace)).reviews;
    const same = all.filter((r) => (templateId !== null ? r.templateId === templateId : r.templateId === null && r.dashboardId === dashboardId));
    return same.filter((r) => r.period.from < from).sort((a, b) => (a.period.from < b.period.from ? 1 : a.period.from > b.period.from ? -1 : a.createdAt < b.createdAt ? 1 : -1))[0] ?? null;
  }

  async create(request: CreateReviewRequest): Promise<Result<ReviewWithPrevious>> {
    const sources = await this.workspace.listSources();
    let dashboard: Dashboard;
    let choice: PeriodChoice;
    let referenceDay: string;
    let slots: Record<string, string> = {};
    let name: string;
    if (request.templateId !== undefined) {
      const template = await this.templates.find(request.templateId);
      if (!template) return { ok: false, error: { code: 'NOT_FOUND', message: `no template with id "${request.templateId}"`, location: { field: 'templateId' } } };
      choice = request.period ?? { period: template.parameters.period, ...(template.parameters.customPeriod ? { customPeriod: template.parameters.customPeriod } : {}) };
      const prepared = await this.templates.prepare(
        template,
        { ...(request.binding ?? {}), period: choice.period, ...(choice.customPeriod ? { customPeriod: choice.customPeriod } : {}) },
        {},
        request.language,
      );
      if (!prepared.ok) return prepared;
      dashboard = prepared.value.dashboard;
      referenceDay = prepared.value.report.referenceDay;
      slots = prepared.value.report.binding.sources;
      name = dashboard.name;
    } else {
      const dashboards = await this.core.listDashboards();
      if (!dashboards.ok) return dashboards;
      const found = dashboards.value.find((d) => d.id === request.dashboardId);
      if (!found) return { ok: false, error: { code: 'NOT_FOUND', message: `no dashboard with id "${request.dashboardId}"`, location: { field: 'dashboardId' } } };
      dashboard = found;
      choice = request.period ?? { period: 'last_complete_month' };
      referenceDay = referenceDayOf(sources, [...new Set(found.widgets.map((w) => w.spec.source))], new Date().toISOString().slice(0, 10));
      name = found.name;
    }
    const period = resolveTemplatePeriod(choice, referenceDay);
    const today = reviewToday(period, referenceDay);
    const run: Dashboard = { ...dashboard, filters: { ...dashboard.filters, period: { from: period.from, to: period.to } } };
    const widgets = await freezeDashboard(run, {
      runQuery: async (spec) => this.core.runQuery({ spec }),
      sources,
      period,
      today,
    });
    const templateId = request.templateId ?? null;
    const dashboardId = request.dashboardId ?? null;
    const previous = await this.previousOf(templateId, dashboardId, period.from);
    const now = new Date().toISOString();
    const widgetIds = new Set(widgets.map((w) => w.widgetId));
    const carried: ReviewAction[] = (previous?.actions ?? [])
      .filter((a) => OPEN_ACTION_STATUSES.includes(a.status))
      .map((a) => ({
        ...a,
        id: newId('a'),
        widgetId: a.widgetId !== null && widgetIds.has(a.widgetId) ? a.widgetId : null,
        carriedFrom: a.carriedFrom ?? { reviewId: previous!.id, actionId: a.id, period: previous!.period },
      }));
    const boundSources = [...new Set(run.widgets.map((w) => w.spec.source))];
    const slotOf = new Map(Object.entries(slots).map(([slot, source]) => [source, slot]));
    const review: Review = {
      id: newId('r'),
      name,
      templateId,
      dashboardId,
      periodChoice: choice,
      period,
      referenceDay,
      today,
      compare: run.filters.compare,
      filters: run.filters,
      sources: boundSources.flatMap((s) => {
        const record = sources.find((x) => x.name === s);
        const latest = record?.snapshots.at(-1);
        return record && latest ? [{ slot: slotOf.get(s) ?? null, source: s, snapshot: latest.date, file: latest.file }] : [];
      }),
      createdAt: now,
      status: 'draft',
      frozenAt: null,
      widgets,
      notes: {},
      summary: '',
      actions: carried,
      previousId: previous?.id ?? null,
    };
    await writeReview(this.workspace, review);
    return { ok: true, value: { review, previous } };
  }

  async update(request: UpdateReviewRequest): Promise<Result<Review>> {
    const review = await this.find(request.id);
    if (!review) return notFound(request.id);
    if (review.status === 'frozen') {
      return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'this review is frozen: its notes and actions are final', location: { field: 'id' } } };
    }
    const widgetIds = new Set(review.widgets.map((w) => w.widgetId));
    for (const id of Object.keys(request.notes ?? {})) {
      if (!widgetIds.has(id)) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `the review has no widget "${id}"`, location: { field: `notes.${id}` } } };
    }
    const actions = request.actions ?? review.actions;
    const seen = new Set<string>();
    for (const [i, a] of actions.entries()) {
      if (a.widgetId !== null && !widgetIds.has(a.widgetId)) {
        return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `the review has no widget "${a.widgetId}"`, location: { field: `actions.${i}.widgetId` } } };
      }
      if (seen.has(a.id)) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `duplicate action id "${a.id}"`, location: { field: `actions.${i}.id` } } };
      seen.add(a.id);
    }
    if (actions.length > REVIEW_LIMITS.actions) {
      return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `at most ${REVIEW_LIMITS.actions} actions`, location: { field: 'actions' } } };
    }
    const notes = { ...review.notes, ...(request.notes ?? {}) };
    for (const [k, v] of Object.entries(notes)) if (!v.trim()) delete notes[k];
    const freeze = request.freeze === true;
    const updated: Review = {
      ...review,
      notes,
      summary: request.summary ?? review.summary,
      actions,
      ...(freeze ? { status: 'frozen' as const, frozenAt: new Date().toISOString() } : {}),
    };
    await writeReview(this.workspace, updated);
    return { ok: true, value: updated };
  }

  async remove(id: string): Promise<Result<ReviewSummary[]>> {
    if (!(await deleteReview(this.workspace, id))) return notFound(id);
    return { ok: true, value: await this.list() };
  }

  /** The review (and the one it is compared with) as HTML, anonymised when asked. */
  async html(id: string, language: Language, anonymise: boolean): Promise<Result<{ html: string; review: Review }>> {
    const found = await this.get(id);
    if (!found.ok) return found;
    const settings = await this.core.getSettings();
    if (!settings.ok) return settings;
    const t = createTranslator(language).t;
    let { review, previous } = found.value;
    // A built-in template's words follow the pack's language, whatever the language it was run in.
    const template = review.templateId ? await this.templates.find(review.templateId) : undefined;
    if (template?.titleKeys || template?.nameKey) {
      const translate = titleTranslator(language);
      const retitle = (r: Review): Review => ({
        ...r,
        name: (template.nameKey ? translate(template.nameKey) : null) ?? r.name,
        widgets: r.widgets.map((w) => {
          const key = template.titleKeys?.[w.widgetId];
          return { ...w, title: (key ? translate(key) : null) ?? w.title };
        }),
      });
      review = retitle(review);
      previous = previous ? retitle(previous) : null;
    }
    if (anonymise) {
      const aliases = new Aliases({ rep: t('review.aliasRep'), account: t('review.aliasAccount'), deal: t('review.aliasDeal') });
      review = anonymiseReview(review, aliases);
      previous = previous ? anonymiseReview(previous, aliases) : null;
    }
    const html = renderReviewHtml(review, previous, {
      t,
      language,
      locale: settings.value.locale,
      currency: settings.value.currency,
      generatedAt: new Date().toISOString().slice(0, 16).replace('T', ' '),
      anonymised: anonymise,
      renderChart: this.options.renderChart ?? reviewChartRenderer(t, settings.value.locale, settings.value.currency),
    });
    return { ok: true, value: { html, review } };
  }

  async export(request: ExportReviewRequest): Promise<Result<ExportedFile>> {
    const language: Language = isLanguage(request.language) ? request.language : 'en';
    const built = await this.html(request.id, language, request.anonymise ?? false);
    if (!built.ok) return built;
    const { html, review } = built.value;
    const base = `${slug(review.name)}-${review.period.from.slice(0, 7)}${request.anonymise ? '-anonymised' : ''}`;
    if (request.format === 'html') {
      return { ok: true, value: { fileName: `${base}.html`, mimeType: 'text/html', bytes: new TextEncoder().encode(html) } };
    }
    const t = createTranslator(language).t;
    try {
      const bytes = await (this.options.printPdf ?? chromiumPrinter)(html, {
        headerTemplate: reviewPageHeader(review, t, language),
        footerTemplate: reviewPageFooter(t),
      });
      return { ok: true, value: { fileName: `${base}.pdf`, mimeType: 'application/pdf', bytes } };
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
    }
  }
}

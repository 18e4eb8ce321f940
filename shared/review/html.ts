// A review as one self-contained HTML file: inline CSS, charts as inline SVG (drawn by the caller's
// renderer from the same options the screen shows), every figure beside the previous review's
// frozen value, the notes and the actions, numbers in the workspace's locale and currency, words
// in the chosen UI language. The PDF is this same HTML printed by Chromium (the period and filters
// in a header on every page: `reviewPageHeader`). Pure: no Node, no DOM.
import type { CellValue } from '../arrow/cells';
import type { Currency, NumberLocale } from '../dashboard/types';
import type { MessageKey, TranslateFn } from '../i18n/catalog-types';
import { kpiMeasureLabel, roleName } from '../i18n/labels';
import { normalizeSpec } from '../spec/normalize';
import { findKpi } from '../model/kpis';
import { describePeriod } from '../template/period';
import type { AnalysisSpec, MeasureInput } from '../spec/types';
import type { IgnoredFilter } from '../dashboard/types';
import type { ActionStatus, FrozenResult, FrozenWidget, Review, ReviewAction } from './types';

/** The words of each action status. */
export const ACTION_STATUS_KEYS: Record<ActionStatus, MessageKey> = {
  open: 'review.status_open',
  in_progress: 'review.status_in_progress',
  done: 'review.status_done',
  dropped: 'review.status_dropped',
};

const IGNORED_KEYS: Record<IgnoredFilter['kind'], MessageKey> = {
  period: 'review.ignored_period',
  value: 'review.ignored_value',
  cross: 'review.ignored_cross',
  compare: 'review.ignored_compare',
};
import { isMainMeasure, previousValues, rateColumns, resultRows, rowInterval, rowKey, valueFormatter, type TableColumn, type ValueFormat, type ValueFormatter } from './values';

export interface ReviewHtmlOptions {
  t: TranslateFn;
  /** BCP 47 tag of the UI language (the document's lang). */
  language: string;
  locale: NumberLocale;
  currency: Currency;
  /** The chart of a widget as an SVG string, or null (KPI tiles, pivots and tables are drawn here). */
  renderChart?: (widget: FrozenWidget, result: FrozenResult, size: { width: number; height: number }) => string | null;
  /** "Generated on …" stamp. */
  generatedAt: string;
  anonymised?: boolean;
  /** Rows shown per table before "n more rows". */
  maxRows?: number;
}

const CHART_SIZE = { width: 720, height: 300 };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeHtml;

/** The period of a review in words, in a UI language. */
export function reviewPeriodText(review: Pick<Review, 'period'>, t: TranslateFn, language: string): string {
  return describePeriod(review.period, language, (q, year) => t('review.quarter', { q, year }));
}

/** The filter selections of a review in words ("Segment: Gold, Silver"); empty when none. */
export function reviewFilterText(review: Pick<Review, 'filters'>, t: TranslateFn): string {
  const parts = review.filters.values
    .filter((v) => v.values.length > 0)
    .map((v) => {
      const name = 'role' in v.field ? v.field.role : v.field.column;
      return `${name}: ${v.values.map((x) => (x === null ? t('review.emptyValue') : String(x))).join(', ')}`;
    });
  return parts.join(' · ');
}

/** The header printed on every page of the PDF: name, period, filters (Chromium header template). */
export function reviewPageHeader(review: Review, t: TranslateFn, language: string): string {
  const filters = reviewFilterText(review, t);
  const line = [review.name, reviewPeriodText(review, t, language), filters || t('review.noFilter')].map(e).join(' · ');
  return `<div style="font-family: Arial, sans-serif; font-size: 8px; color: #555; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between;"><span>${line}</span></div>`;
}

/** The footer printed on every page of the PDF: page n of m. */
export function reviewPageFooter(t: TranslateFn): string {
  const page = t('review.pageOf', { page: '\u0001', pages: '\u0002' });
  const html = e(page).replace('\u0001', '<span class="pageNumber"></span>').replace('\u0002', '<span class="totalPages"></span>');
  return `<div style="font-family: Arial, sans-serif; font-size: 8px; color: #555; width: 100%; padding: 0 12mm; text-align: right;">${html}</div>`;
}

function measureLabel(spec: AnalysisSpec, column: TableColumn, t: TranslateFn): string {
  for (const m of spec.measures as MeasureInput[]) {
    if (!('kpi' in m)) continue;
    const id = m.id ?? m.kpi;
    if (column.id === id && m.label) return m.label;
    if (column.id === id || column.id.startsWith(`${id}_`)) {
      const catalogId = `${m.kpi}${column.id.slice(id.length)}`;
      if (findKpi(m.kpi)?.measures.some((x) => x.id === catalogId)) return kpiMeasureLabel(t, catalogId);
    }
  }
  return column.label;
}

/** A dimension's header: its own label when the spec gives one, else the role's name in the UI language. */
function dimensionLabel(spec: AnalysisSpec, column: TableColumn, t: TranslateFn): string {
  const input = (spec.dimensions ?? []).find((d, i) => (d.id ?? `d${i}`) === column.id);
  if (input?.label) return input.label;
  const d = normalizeSpec(spec).dimensions.find((x) => x.id === column.id);
  return d?.role ? roleName(t, d.role) : column.label;
}

function cellText(value: CellValue | undefined, column: TableColumn, fmt: ValueFormatter, t: TranslateFn): string {
  if (column.role === 'measure') return fmt.format(typeof value === 'number' ? value : null, column.format);
  if (value === null || value === undefined) return t('review.emptyValue');
  return fmt.cell(value);
}

function sparklineSvg(points: (number | null)[]): string {
  const values = points.filter((v): v is number => v !== null);
  if (values.length < 2) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const w = 160;
  const h = 32;
  const step = w / Math.max(1, points.length - 1);
  const y = (v: number) => (max === min ? h / 2 : h - 2 - ((v - min) / (max - min)) * (h - 4));
  const path = points
    .map((v, i) => (v === null ? null : `${(i * step).toFixed(1)},${y(v).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(' ');
  return `<svg class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" aria-hidden="true"><polyline fill="none" stroke="#4263eb" stroke-width="1.5" points="${path}"/></svg>`;
}

function kpiFormat(widget: FrozenWidget): ValueFormat {
  const result = widget.results[0];
  const valueId = widget.kpi?.query.valueId;
  if (!result || !valueId) return 'number';
  const column = resultRows(result).columns.find((c) => c.id === valueId);
  return column?.format ?? 'number';
}

function changeClass(change: string | null, good: boolean | null): string {
  if (change === null || good === null) return 'neutral';
  return good ? 'good' : 'bad';
}

function kpiTile(widget: FrozenWidget, previous: FrozenWidget | undefined, review: Review, fmt: ValueFormatter, t: TranslateFn): string {
  const figures = widget.kpi?.figures;
  const format = kpiFormat(widget);
  const higherIsBetter = widget.options?.higherIsBetter ?? true;
  const value = figures?.value ?? null;
  const good = (a: number | null, b: number | null) => (a === null || b === null || a === b ? null : a > b === higherIsBetter);
  const vsPeriod = figures ? fmt.change(value, figures.previous, format) : null;
  const last = previous?.kpi?.figures.value ?? null;
  const vsReview = previous ? fmt.change(value, last, format) : null;
  const lines: string[] = [];
  if (vsPeriod !== null && figures) {
    const what = widget.kpi?.query.compareTo === 'same_period_last_year' ? t('review.vsLastYear') : t('review.vsPreviousPeriod');
    lines.push(`<div class="tile-change ${changeClass(vsPeriod, good(value, figures.previous))}">${e(vsPeriod)} <span>${e(what)} (${e(fmt.format(figures.previous, format))})</span></div>`);
  }
  if (previous) {
    lines.push(
      `<div class="tile-change tile-review ${changeClass(vsReview, good(value, last))}" data-testid="tile-last-review">${e(t('review.lastReview'))}: ${e(fmt.format(last, format))}${vsReview !== null ? ` <span>(${e(vsReview)})</span>` : ''}</div>`,
    );
  }
  const spark = sparklineSvg(figures?.sparkline.map((p) => p.value) ?? []);
  const error = widget.error ? `<div class="error">${e(widget.error.message)}</div>` : '';
  return `<div class="tile" data-widget="${e(widget.widgetId)}"><div class="tile-title">${e(widget.title)}</div><div class="tile-value">${e(fmt.format(value, format))}</div>${lines.join('')}${spark}${error}</div>`;
}

/**
 * The rows a widget's table shows: all of them up to `maxRows`; under a chart, whose picture says
 * the rest, the latest ones of a time series or the first ones of a ranking.
 */
function shownRows(widget: FrozenWidget, result: FrozenResult, count: number, maxRows: number, charted: boolean): { indexes: number[]; latest: boolean } {
  const all = Array.from({ length: count }, (_, i) => i);
  const limit = charted ? Math.min(maxRows, CHART_TABLE_ROWS) : maxRows;
  if (count <= limit) return { indexes: all, latest: false };
  const first = result.columns.find((c) => c.role === 'dimension');
  const periodRole = first !== undefined && ['cost_period', 'target_period'].includes(widget.dimensionRoles[first.id] ?? '');
  const time = first !== undefined && (first.kind === 'date' || first.kind === 'timestamp' || periodRole);
  return time ? { indexes: all.slice(count - limit), latest: true } : { indexes: all.slice(0, limit), latest: false };
}

/** Rows of the table under a chart. */
const CHART_TABLE_ROWS = 12;

function resultTable(widget: FrozenWidget, previous: FrozenWidget | undefined, fmt: ValueFormatter, t: TranslateFn, maxRows: number, charted: boolean): string {
  const result = widget.results[0];
  if (!result) return '';
  const { columns, rows, totals } = resultRows(result);
  if (rows.length === 0) return `<p class="muted">${e(t('review.noRows'))}</p>`;
  const shown = shownRows(widget, result, rows.length, maxRows, charted);
  const before = previousValues(previous);
  const rates = rateColumns(result.spec);
  const head = columns
    .map((c) => {
      const label = c.role === 'measure' ? measureLabel(result.spec, c, t) : dimensionLabel(result.spec, c, t);
      const interval = rates.some((r) => r.rate === c.id) ? `<th class="num">${e(t('review.interval'))}</th>` : '';
      return `<th class="${c.role === 'measure' ? 'num' : ''}">${e(label)}</th>${interval}`;
    })
    .join('');
  const body = shown.indexes
    .map((i) => {
      const row = rows[i]!;
      const total = totals[i]!;
      const last = before.get(rowKey(row, columns, total));
      const cells = columns
        .map((c) => {
          const text = cellText(row[c.id], c, fmt, t);
          if (c.role !== 'measure') {
            const shown = total && (row[c.id] === null || row[c.id] === undefined) ? t('review.total') : text;
            return `<td>${e(shown)}</td>`;
          }
          let extra = '';
          if (last && c.id in last && isMainMeasure(result.spec, c.id)) {
            const now = typeof row[c.id] === 'number' ? (row[c.id] as number) : null;
            const change = fmt.change(now, last[c.id] ?? null, c.format);
            extra = `<small>${e(t('review.lastReview'))} ${e(fmt.format(last[c.id] ?? null, c.format))}${change ? ` · ${e(change)}` : ''}</small>`;
          }
          const rate = rates.find((r) => r.rate === c.id);
          let interval = '';
          if (rate) {
            const ci = rowInterval(row, rate);
            interval = `<td class="num interval">${ci ? `${e(fmt.format(ci.low, 'percent'))} – ${e(fmt.format(ci.high, 'percent'))}` : '–'}</td>`;
          }
          return `<td class="num">${e(text)}${extra}</td>${interval}`;
        })
        .join('');
      return `<tr class="${total ? 'total' : ''}">${cells}</tr>`;
    })
    .join('');
  const hidden = rows.length - shown.indexes.length;
  const more = hidden > 0 ? `<p class="muted">${e(shown.latest ? t('review.latestRows', { shown: shown.indexes.length, count: rows.length }) : t('review.moreRows', { count: hidden }))}</p>` : '';
  return `<table class="data"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
}

function actionRows(actions: readonly ReviewAction[], review: Review, t: TranslateFn, language: string, showWidget: boolean): string {
  if (actions.length === 0) return '';
  const titles = new Map(review.widgets.map((w) => [w.widgetId, w.title]));
  const rows = actions
    .map((a) => {
      const from = a.carriedFrom ? `<small>${e(t('review.carriedFrom', { period: describePeriod(a.carriedFrom.period, language, (q, year) => t('review.quarter', { q, year })) }))}</small>` : '';
      const widget = showWidget ? `<td>${e(a.widgetId ? (titles.get(a.widgetId) ?? '') : t('review.wholeReview'))}</td>` : '';
      return `<tr data-status="${e(a.status)}"><td>${e(a.text)}${from}</td>${widget}<td>${e(a.owner)}</td><td>${e(a.due ?? '–')}</td><td><span class="status status-${e(a.status)}">${e(t(ACTION_STATUS_KEYS[a.status]))}</span></td></tr>`;
    })
    .join('');
  const widgetHead = showWidget ? `<th>${e(t('review.actionWidget'))}</th>` : '';
  return `<table class="actions"><thead><tr><th>${e(t('review.action'))}</th>${widgetHead}<th>${e(t('review.actionOwner'))}</th><th>${e(t('review.actionDue'))}</th><th>${e(t('review.actionStatus'))}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function ignoredText(widget: FrozenWidget, t: TranslateFn): string {
  // The comparison toggle concerns time charts only: not worth a line under every other figure.
  const ignored = widget.ignored.filter((i) => i.kind !== 'compare');
  if (ignored.length === 0) return '';
  const kinds = [...new Set(ignored.map((i) => i.kind))].map((k) => t(IGNORED_KEYS[k]));
  return `<p class="muted">${e(t('review.ignoredFilters', { what: kinds.join(', ') }))}</p>`;
}

function snapshotText(widget: FrozenWidget, t: TranslateFn): string {
  if (widget.snapshots.length === 0) return '';
  const parts = widget.snapshots.map((s) =>
    s.dates.length > 2
      ? t('review.snapshotRange', { source: s.source, first: s.dates[0]!, last: s.dates.at(-1)!, count: s.dates.length })
      : t('review.snapshotOne', { source: s.source, dates: s.dates.join(', '), files: s.files.join(', ') }),
  );
  return `<p class="provenance">${e(parts.join(' · '))}</p>`;
}

const STYLE = `
*{box-sizing:border-box}
body{font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,'Noto Sans',sans-serif;color:#1f2328;margin:0;background:#fff;font-size:12px;line-height:1.45}
main{max-width:1040px;margin:0 auto;padding:24px}
.bar{position:sticky;top:0;background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:6px 24px;font-size:11px;color:#57606a;z-index:1}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:15px;margin:0 0 8px}
.meta{color:#57606a;margin:0 0 2px}
.cover{border-bottom:2px solid #1f2328;padding-bottom:12px;margin-bottom:16px}
.summary{white-space:pre-wrap;background:#f6f8fa;border-left:3px solid #4263eb;padding:8px 12px;margin:12px 0}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:10px;margin:0 0 16px}
.tile{border:1px solid #d0d7de;border-radius:6px;padding:10px;break-inside:avoid}
.tile-title{color:#57606a;font-size:11px}
.tile-value{font-size:22px;font-weight:600;margin:2px 0}
.tile-change{font-size:11px}
.tile-change span{color:#57606a}
.good{color:#1a7f37}.bad{color:#cf222e}.neutral{color:#57606a}
.spark{display:block;margin-top:4px}
.widget{border-top:1px solid #d0d7de;padding:14px 0}
.widget h2{break-after:avoid}
.chart{break-inside:avoid}
tr{break-inside:avoid}
.chart svg{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border-bottom:1px solid #eaeef2;padding:4px 6px;text-align:left;vertical-align:top}
th{font-size:11px;color:#57606a;font-weight:600;background:#f6f8fa}
.num{text-align:right;font-variant-numeric:tabular-nums}
td small{display:block;color:#57606a;font-size:10px}
tr.total td{font-weight:600;border-top:1px solid #8c959f}
.interval{color:#57606a;white-space:nowrap}
.note{white-space:pre-wrap;background:#fff8c5;border:1px solid #e6d37a;border-radius:4px;padding:6px 10px;margin:8px 0}
.muted,.provenance{color:#57606a;font-size:10px;margin:4px 0}
.error{color:#cf222e}
.status{border-radius:10px;padding:1px 8px;font-size:10px;background:#eaeef2}
.status-open{background:#ddf4ff}.status-in_progress{background:#fff8c5}.status-done{background:#dafbe1}.status-dropped{background:#eaeef2;color:#57606a}
footer{color:#57606a;font-size:10px;margin-top:24px;border-top:1px solid #d0d7de;padding-top:8px}
@media print{.bar{display:none}main{padding:0;max-width:none}}
@page{size:A4;margin:18mm 12mm 14mm}
`;

/** The review as one HTML document (UTF-8, no external resource). */
export function renderReviewHtml(review: Review, previous: Review | null, options: ReviewHtmlOptions): string {
  const { t, language } = options;
  const fmt = valueFormatter(options.locale, options.currency);
  const maxRows = options.maxRows ?? 30;
  const periodText = reviewPeriodText(review, t, language);
  const filters = reviewFilterText(review, t);
  const previousOf = new Map((previous?.widgets ?? []).map((w) => [w.widgetId, w]));
  const tiles = review.widgets.filter((w) => w.chart === 'kpi');
  const others = review.widgets.filter((w) => w.chart !== 'kpi');
  const notes = (id: string) => (review.notes[id]?.trim() ? `<div class="note"><strong>${e(t('review.note'))}:</strong> ${e(review.notes[id]!.trim())}</div>` : '');
  const actionsOf = (id: string | null) => review.actions.filter((a) => a.widgetId === id);

  const sources = review.sources.map((s) => t('review.sourceLine', { source: s.source, snapshot: s.snapshot, file: s.file })).join(' · ');
  const status =
    review.status === 'frozen' && review.frozenAt
      ? t('review.frozenOn', { when: review.frozenAt.slice(0, 10) })
      : t('review.draft');
  const cover = `<section class="cover">
<h1 data-testid="review-title">${e(review.name)}</h1>
<p class="meta"><strong>${e(periodText)}</strong> · ${e(t('review.referenceDay', { day: review.referenceDay }))} · ${e(status)}</p>
<p class="meta">${e(t('review.filtersLine', { filters: filters || t('review.noFilter') }))}</p>
<p class="meta">${e(sources)}</p>
<p class="meta">${e(previous ? t('review.comparedWith', { period: reviewPeriodText(previous, t, language) }) : t('review.noPrevious'))}</p>
${options.anonymised ? `<p class="meta">${e(t('review.anonymisedNote'))}</p>` : ''}
${review.summary.trim() ? `<div class="summary">${e(review.summary.trim())}</div>` : ''}
</section>`;

  const tileHtml = tiles.length
    ? `<section><h2>${e(t('review.flashFigures'))}</h2><div class="tiles">${tiles.map((w) => kpiTile(w, previousOf.get(w.widgetId), review, fmt, t)).join('')}</div>${tiles.map((w) => notes(w.widgetId) + actionRows(actionsOf(w.widgetId), review, t, language, false)).join('')}</section>`
    : '';

  const widgetHtml = others
    .map((w) => {
      const result = w.results[0];
      let chart = '';
      if (result && result.rowCount > 0 && options.renderChart && w.chart !== 'pivot' && w.chart !== 'table') {
        try {
          const svg = options.renderChart(w, result, CHART_SIZE);
          if (svg) chart = `<div class="chart">${svg}</div>`;
        } catch {
          chart = '';
        }
      }
      const error = w.error ? `<p class="error">${e(t('review.widgetFailed', { message: w.error.message }))}</p>` : '';
      return `<section class="widget" data-widget="${e(w.widgetId)}"><h2>${e(w.title)}</h2>${error}${chart}${resultTable(w, previousOf.get(w.widgetId), fmt, t, maxRows, chart !== '')}${ignoredText(w, t)}${snapshotText(w, t)}${notes(w.widgetId)}${actionRows(actionsOf(w.widgetId), review, t, language, false)}</section>`;
    })
    .join('');

  const allActions = review.actions.length
    ? `<section class="widget"><h2>${e(t('review.actionPlan'))}</h2>${actionRows(review.actions, review, t, language, true)}</section>`
    : '';

  return `<!doctype html>
<html lang="${e(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Quarterdeck">
<title>${e(`${review.name} — ${periodText}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="bar">${e([review.name, periodText, filters || t('review.noFilter')].join(' · '))}</div>
<main>
${cover}
${tileHtml}
${widgetHtml}
${allActions}
<footer>${e(t('review.generated', { when: options.generatedAt }))}</footer>
</main>
</body>
</html>
`;
}

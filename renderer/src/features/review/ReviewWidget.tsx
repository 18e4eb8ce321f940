// One frozen figure of a review: its chart (or KPI tile, or table) drawn from the frozen result,
// every value beside the previous review's, the snapshots it came from, the manager's note and the
// corrective actions about it.
import { useMemo } from 'react';
import type { CellValue } from '../../../../shared/arrow/cells';
import { readArrow } from '../../../../shared/arrow/cells';
import type { WidgetChartInput } from '../../../../shared/charts/widget-chart';
import { kpiMeasureLabel, roleName } from '../../../../shared/i18n';
import { findKpi } from '../../../../shared/model/kpis';
import type { FrozenWidget, ReviewAction } from '../../../../shared/review/types';
import { isMainMeasure, previousValues, rateColumns, resultRows, rowInterval, rowKey, valueFormatter, type TableColumn, type ValueFormat, type ValueFormatter } from '../../../../shared/review/values';
import { normalizeSpec } from '../../../../shared/spec/normalize';
import type { AnalysisSpec } from '../../../../shared/spec/types';
import { useSettings } from '../../app/settings-context';
import { ChartView } from '../../charts/ChartView';
import { isEChartKind } from '../../charts/widget-chart';
import { useChartLabels } from '../../charts/use-chart-labels';
import { useT, type TFunction } from '../../i18n/I18nProvider';
import { ActionList } from './ActionList';

export interface ReviewWidgetProps {
  widget: FrozenWidget;
  previous: FrozenWidget | undefined;
  note: string;
  actions: ReviewAction[];
  readOnly: boolean;
  onNote(text: string): void;
  onActions(actions: ReviewAction[]): void;
}

const PERCENT: ValueFormat = 'percent';

function label(spec: AnalysisSpec, column: TableColumn, t: TFunction): string {
  if (column.role === 'dimension') {
    const input = (spec.dimensions ?? []).find((d, i) => (d.id ?? `d${i}`) === column.id);
    if (input?.label) return input.label;
    const d = normalizeSpec(spec).dimensions.find((x) => x.id === column.id);
    return d?.role ? roleName(t, d.role) : column.label;
  }
  for (const m of spec.measures) {
    if (!('kpi' in m)) continue;
    const id = m.id ?? m.kpi;
    if (column.id === id || column.id.startsWith(`${id}_`)) {
      const catalogId = `${m.kpi}${column.id.slice(id.length)}`;
      if (findKpi(m.kpi)?.measures.some((x) => x.id === catalogId)) return kpiMeasureLabel(t, catalogId);
    }
  }
  return column.label;
}

function cell(value: CellValue | undefined, column: TableColumn, fmt: ValueFormatter, t: TFunction, total: boolean): string {
  if (column.role === 'measure') return fmt.format(typeof value === 'number' ? value : null, column.format);
  if (value === null || value === undefined) return total ? t('review.total') : t('review.emptyValue');
  return fmt.cell(value);
}

export function ReviewTable({ widget, previous, fmt, limit }: { widget: FrozenWidget; previous: FrozenWidget | undefined; fmt: ValueFormatter; limit: number }) {
  const t = useT();
  const result = widget.results[0];
  const model = useMemo(() => (result ? resultRows(result) : null), [result]);
  const before = useMemo(() => previousValues(previous), [previous]);
  if (!result || !model) return null;
  if (model.rows.length === 0) return <p className="muted">{t('review.noRows')}</p>;
  const rates = rateColumns(result.spec);
  const shown = model.rows.slice(0, limit);
  return (
    <div className="review-table-wrap">
      <table className="review-table" data-testid={`review-table-${widget.widgetId}`}>
        <thead>
          <tr>
            {model.columns.map((c) => (
              <th key={c.id} className={c.role === 'measure' ? 'num' : ''} scope="col">
                {label(result.spec, c, t)}
              </th>
            ))}
            {rates.map((r) => (
              <th key={`${r.rate}-ci`} className="num" scope="col">
                {t('review.interval')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, i) => {
            const total = model.totals[i]!;
            const last = before.get(rowKey(row, model.columns, total));
            return (
              <tr key={i} className={total ? 'review-total' : ''}>
                {model.columns.map((c) => {
                  const text = cell(row[c.id], c, fmt, t, total);
                  if (c.role !== 'measure') return <td key={c.id}>{text}</td>;
                  const now = typeof row[c.id] === 'number' ? (row[c.id] as number) : null;
                  const was = last && c.id in last && isMainMeasure(result.spec, c.id) ? (last[c.id] ?? null) : undefined;
                  const change = was === undefined ? null : fmt.change(now, was, c.format);
                  return (
                    <td key={c.id} className="num">
                      {text}
                      {was !== undefined && (
                        <small className="review-last">
                          {t('review.lastReview')} {fmt.format(was, c.format)}
                          {change ? ` · ${change}` : ''}
                        </small>
                      )}
                    </td>
                  );
                })}
                {rates.map((r) => {
                  const ci = rowInterval(row, r);
                  const range = ci ? `${fmt.format(ci.low, PERCENT)} – ${fmt.format(ci.high, PERCENT)}` : '–';
                  return (
                    <td key={`${r.rate}-ci`} className="num review-interval">
                      {range}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {model.rows.length > limit && <p className="muted">{t('review.moreRows', { count: model.rows.length - limit })}</p>}
    </div>
  );
}

function Sparkline({ points }: { points: (number | null)[] }) {
  const values = points.filter((v): v is number => v !== null);
  if (values.length < 2) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const w = 160;
  const h = 30;
  const step = w / Math.max(1, points.length - 1);
  const y = (v: number) => (max === min ? h / 2 : h - 2 - ((v - min) / (max - min)) * (h - 4));
  const path = points.flatMap((v, i) => (v === null ? [] : [`${(i * step).toFixed(1)},${y(v).toFixed(1)}`])).join(' ');
  return (
    <svg className="review-spark" viewBox={`0 0 ${w} ${h}`} aria-hidden="true">
      <polyline points={path} />
    </svg>
  );
}

export function ReviewTile({ widget, previous, fmt }: { widget: FrozenWidget; previous: FrozenWidget | undefined; fmt: ValueFormatter }) {
  const t = useT();
  const figures = widget.kpi?.figures;
  const result = widget.results[0];
  const format: ValueFormat = useMemo(() => {
    const valueId = widget.kpi?.query.valueId;
    return (result && valueId ? resultRows(result).columns.find((c) => c.id === valueId)?.format : undefined) ?? 'number';
  }, [result, widget.kpi]);
  const higher = widget.options?.higherIsBetter ?? true;
  const tone = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null || a === b ? 'neutral' : a > b === higher ? 'good' : 'bad');
  const value = figures?.value ?? null;
  const vsPeriod = figures ? fmt.change(value, figures.previous, format) : null;
  const last = previous?.kpi?.figures.value;
  const vsReview = previous ? fmt.change(value, last ?? null, format) : null;
  return (
    <div className="review-tile" data-testid={`review-tile-${widget.widgetId}`}>
      <div className="review-tile-title">{widget.title}</div>
      <div className="review-tile-value" data-testid="review-tile-value">
        {fmt.format(value, format)}
      </div>
      {vsPeriod !== null && figures && (
        <div className={`review-tile-line review-${tone(value, figures.previous)}`}>
          {vsPeriod} <span className="muted">{widget.kpi?.query.compareTo === 'same_period_last_year' ? t('review.vsLastYear') : t('review.vsPreviousPeriod')}</span>
        </div>
      )}
      {previous && (
        <div className={`review-tile-line review-${tone(value, last)}`} data-testid="review-tile-last">
          {t('review.lastReview')}: {fmt.format(last ?? null, format)}
          {vsReview ? ` (${vsReview})` : ''}
        </div>
      )}
      <Sparkline points={figures?.sparkline.map((p) => p.value) ?? []} />
      {widget.error && <div className="review-error">{widget.error.message}</div>}
    </div>
  );
}

export function ReviewWidget({ widget, previous, note, actions, readOnly, onNote, onActions }: ReviewWidgetProps) {
  const t = useT();
  const { settings } = useSettings();
  const labels = useChartLabels();
  const fmt = useMemo(() => valueFormatter(settings.locale, settings.currency), [settings.locale, settings.currency]);
  const result = widget.results[0];
  const input: WidgetChartInput | null = useMemo(() => {
    if (!result || !isEChartKind(widget.chart)) return null;
    return {
      kind: widget.chart,
      reader: readArrow(result.ipc),
      columns: result.columns,
      spec: result.spec,
      options: widget.options ?? {},
      display: { locale: settings.locale, currency: settings.currency, theme: settings.theme },
      labels,
    };
  }, [result, widget.chart, widget.options, settings, labels]);
  const tabular = widget.chart === 'pivot' || widget.chart === 'table';
  return (
    <section className="review-widget" data-testid={`review-widget-${widget.widgetId}`} aria-labelledby={`rw-${widget.widgetId}`}>
      <h3 id={`rw-${widget.widgetId}`}>{widget.title}</h3>
      {widget.error && <p className="review-error">{t('review.widgetFailed', { message: widget.error.message })}</p>}
      {input && result && result.rowCount > 0 && (
        <div className="review-chart">
          <ChartView input={input} title={widget.title} renderer="svg" testId={`review-chart-${widget.widgetId}`} />
        </div>
      )}
      {tabular ? (
        <ReviewTable widget={widget} previous={previous} fmt={fmt} limit={30} />
      ) : (
        result && (
          <details className="review-details">
            <summary>{t('review.figures')}</summary>
            <ReviewTable widget={widget} previous={previous} fmt={fmt} limit={30} />
          </details>
        )
      )}
      {widget.snapshots.length > 0 && (
        <p className="review-provenance">
          {widget.snapshots
            .map((s) =>
              s.dates.length > 2
                ? t('review.snapshotRange', { source: s.source, first: s.dates[0]!, last: s.dates.at(-1)!, count: s.dates.length })
                : t('review.snapshotOne', { source: s.source, dates: s.dates.join(', '), files: s.files.join(', ') }),
            )
            .join(' · ')}
        </p>
      )}
      <WidgetNotes widgetId={widget.widgetId} note={note} actions={actions} readOnly={readOnly} onNote={onNote} onActions={onActions} />
    </section>
  );
}

export interface WidgetNotesProps {
  widgetId: string | null;
  note: string;
  actions: ReviewAction[];
  readOnly: boolean;
  onNote(text: string): void;
  onActions(actions: ReviewAction[]): void;
  /** False for the review as a whole, whose note is its summary. */
  showNote?: boolean;
}

export function WidgetNotes({ widgetId, note, actions, readOnly, onNote, onActions, showNote = true }: WidgetNotesProps) {
  const t = useT();
  const id = `note-${widgetId ?? 'review'}`;
  return (
    <div className="review-notes">
      {!showNote ? null : readOnly ? (
        note && (
          <p className="review-note-text" data-testid={id}>
            <strong>{t('review.note')}:</strong> {note}
          </p>
        )
      ) : (
        <label className="field">
          <span className="field-label">{t('review.noteLabel')}</span>
          <textarea id={id} className="input review-note" rows={2} value={note} placeholder={t('review.notePlaceholder')} data-testid={id} onChange={(e) => onNote(e.target.value)} />
        </label>
      )}
      <ActionList widgetId={widgetId} actions={actions} readOnly={readOnly} onChange={onActions} />
    </div>
  );
}

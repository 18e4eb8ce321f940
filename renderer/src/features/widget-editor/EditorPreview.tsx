// The live preview: the widget's last answer drawn the way the dashboard draws it — an ECharts
// chart from the charts' option builders, a KPI tile, or the pivot table — with its figures one
// click away, the row count and the time it took.
import { Component, useMemo, type ReactNode } from 'react';
import type { QueryResult } from '../../../../shared/api';
import { readArrow } from '../../../../shared/arrow/cells';
import type { ChartKind, ChartOptions, Currency, NumberLocale, Theme } from '../../../../shared/dashboard/types';
import type { AnalysisSpec } from '../../../../shared/spec/types';
import { ChartView } from '../../charts/ChartView';
import { useChartLabels } from '../../charts/use-chart-labels';
import type { WidgetChartInput } from '../../charts/widget-chart';
import { useLanguage, useT } from '../../i18n/I18nProvider';
import { PivotTable } from '../pivot/PivotTable';

export interface PreviewDisplay {
  locale: NumberLocale;
  currency: Currency;
  theme: Theme;
}

interface EditorPreviewProps {
  result: QueryResult;
  /** The spec that produced `result`. */
  spec: AnalysisSpec;
  kind: ChartKind;
  options: ChartOptions;
  display: PreviewDisplay;
  title: string;
  running: boolean;
}

export function EditorPreview({ result, spec, kind, options, display, title, running }: EditorPreviewProps) {
  const t = useT();
  const { language } = useLanguage();
  const reader = useMemo(() => readArrow(result.ipc), [result]);
  const labels = useChartLabels();
  const input = useMemo<WidgetChartInput>(
    () => ({ kind, reader, columns: result.columns, spec, options, display, labels }),
    [kind, reader, result.columns, spec, options, display, labels],
  );
  const integer = useMemo(() => new Intl.NumberFormat(display.locale), [display.locale]);
  const ms = useMemo(() => new Intl.NumberFormat(language, { maximumFractionDigits: 0 }), [language]);
  const table = kind === 'pivot' || kind === 'table';

  return (
    <div className={`we-preview ${running ? 'we-preview-stale' : ''}`} data-testid="editor-preview" aria-busy={running}>
      <div className="we-preview-meta" data-testid="preview-meta">
        <span data-testid="preview-rows">{t('editor.previewRows', { count: result.rowCount, rows: integer.format(result.rowCount) })}</span>
        <span className="dot" aria-hidden="true" />
        <span>{t('editor.previewElapsed', { ms: ms.format(result.elapsedMs) })}</span>
        {result.truncated && (
          <>
            <span className="dot" aria-hidden="true" />
            <span className="warning-text">{t('editor.previewTruncated')}</span>
          </>
        )}
        {running && (
          <>
            <span className="dot" aria-hidden="true" />
            <span className="running-pill">{t('editor.previewRunning')}</span>
          </>
        )}
      </div>
      {result.rowCount === 0 ? (
        <div className="we-preview-empty">{t('editor.previewNoRows')}</div>
      ) : table ? (
        <div className="we-preview-table">
          <PivotTable
            reader={reader}
            columns={result.columns}
            spec={spec}
            display={display}
            mode={kind === 'table' ? 'table' : 'pivot'}
            colorScale={options.colorScale ?? false}
            {...(options.higherIsBetter !== undefined ? { higherIsBetter: options.higherIsBetter } : {})}
            label={title}
            testId="preview-pivot"
          />
        </div>
      ) : (
        <PreviewBoundary key={`${kind}:${result.sql}`} fallback={<div className="we-preview-empty">{t('editor.previewCannotDraw')}</div>}>
          <ChartView input={input} title={title} className={kind === 'kpi' ? 'we-preview-kpi' : 'we-preview-chart'} testId="preview-chart" />
        </PreviewBoundary>
      )}
      {!table && result.rowCount > 0 && (
        <details className="we-figures" data-testid="preview-figures">
          <summary>{t('editor.previewFigures')}</summary>
          <div className="we-preview-table we-preview-table-small">
            <PivotTable reader={reader} columns={result.columns} spec={spec} display={display} mode="table" label={title} testId="preview-table" />
          </div>
        </details>
      )}
    </div>
  );
}

/** A chart that cannot be drawn from this result leaves the rest of the editor working. */
class PreviewBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

// A widget's chart: the ECharts chart of its kind, or its KPI tile. A click selects (cross-filter),
// a double click drills; the click waits a double-click's time when both are wanted, so that a
// double click does not also cross-filter. Pivot and table widgets are not drawn here.
import { useCallback, useEffect, useMemo, useRef, type Ref } from 'react';
import type { CellSelector } from '../../../shared/api';
import { useT } from '../i18n/I18nProvider';
import type { WidgetChartInput } from './chart-input';
import { EChart, type EChartEventParams, type EChartHandle } from './EChart';
import { KpiTile } from './KpiTile';
import { buildKpiTile, buildWidgetOption, isEChartKind, selectionAt } from './widget-chart';
import './charts.css';

/** How long a click waits for a second one before it counts as a single click. */
const DOUBLE_CLICK_MS = 250;

export interface ChartViewProps {
  input: WidgetChartInput;
  /** A click on a slice, bar, point or cell: what it selects (dimension id -> value). */
  onSelect?(cell: CellSelector): void;
  /** A double click: the rows behind it. */
  onDrill?(cell: CellSelector): void;
  chartRef?: Ref<EChartHandle>;
  /** The widget's title, for the accessible label and the KPI tile. */
  title?: string;
  renderer?: 'canvas' | 'svg';
  className?: string;
  testId?: string;
}

export function ChartView({ input, onSelect, onDrill, chartRef, title, renderer, className, testId = 'chart-view' }: ChartViewProps) {
  const t = useT();
  const drawable = isEChartKind(input.kind);
  const empty = input.reader.numRows === 0;
  const option = useMemo(() => (drawable && !empty ? buildWidgetOption(input) : null), [input, drawable, empty]);
  const tile = useMemo(() => (input.kind === 'kpi' ? buildKpiTile(input) : null), [input]);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );

  const handleClick = useCallback(
    (params: EChartEventParams) => {
      if (!onSelect) return;
      const cell = selectionAt(input, params);
      if (!cell) return;
      if (!onDrill) {
        onSelect(cell);
        return;
      }
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(() => {
        pending.current = null;
        onSelect(cell);
      }, DOUBLE_CLICK_MS);
    },
    [input, onSelect, onDrill],
  );
  const handleDblClick = useCallback(
    (params: EChartEventParams) => {
      if (pending.current) {
        clearTimeout(pending.current);
        pending.current = null;
      }
      if (!onDrill) return;
      const cell = selectionAt(input, params);
      if (cell) onDrill(cell);
    },
    [input, onDrill],
  );

  if (input.kind === 'pivot' || input.kind === 'table') {
    // Pivot and table widgets are drawn by PivotTable: here they only say so.
    return (
      <div className={`chart-view-empty ${className ?? ''}`} data-testid={`${testId}-not-a-chart`}>
        {t('charts.notAChart')}
      </div>
    );
  }
  if (tile) {
    return <KpiTile tile={tile} title={title} theme={input.display.theme} className={className} testId={testId} />;
  }
  if (!option) {
    return (
      <div className={`chart-view-empty ${className ?? ''}`} data-testid={`${testId}-empty`}>
        {t('charts.noData')}
      </div>
    );
  }
  return (
    <EChart
      ref={chartRef}
      option={option}
      className={`chart-view ${className ?? ''}`}
      testId={testId}
      label={title ? t('charts.chartLabel', { title }) : undefined}
      renderer={renderer}
      theme={input.display.theme}
      onClick={onSelect ? handleClick : undefined}
      onDblClick={onDrill ? handleDblClick : undefined}
    />
  );
}

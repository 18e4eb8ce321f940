// What a widget draws from its query result: the charts' ChartView (any ECharts kind, or the KPI
// tile) or the pivot component (pivot, table). A click selects (cross-filter), a double click drills.
import { useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import type { CellSelector, ResultColumn } from '../../../../shared/api';
import type { ChartKind, Widget } from '../../../../shared/dashboard/types';
import { ChartView } from '../../charts/ChartView';
import type { EChartHandle } from '../../charts/EChart';
import { useChartLabels } from '../../charts/use-chart-labels';
import { compatibleChartKinds, isEChartKind, type WidgetChartInput } from '../../charts/widget-chart';
import { useSettings } from '../../app/settings-context';
import { PivotTable } from '../pivot/PivotTable';
import type { TFunction } from '../../i18n/I18nProvider';
import { dimensionLabel } from './labels';
import type { ExportTable } from './table-export';
import type { WidgetData } from './use-widget-query';

export interface VisualHandle {
  /** The chart as a PNG data URL; null when the widget draws no chart (pivot, table, KPI tile). */
  toPngDataUrl(): string | null;
}

/** Whether the widget is drawn on a canvas that exports as an image. */
export function hasImage(kind: ChartKind): boolean {
  return isEChartKind(kind);
}

/** The kinds the widget can switch to (its spec stays as it is). */
export function compatibleKinds(widget: Widget, columns: readonly ResultColumn[] = []): ChartKind[] {
  const kinds = compatibleChartKinds(widget.spec, columns);
  return kinds.includes(widget.chart) ? kinds : [widget.chart, ...kinds];
}

/** The widget's figures as a table to export: the result's columns (dimensions named in words) and rows. */
export function widgetTable(data: WidgetData, t: TFunction): ExportTable {
  const dims = data.spec.dimensions ?? [];
  const columns = data.result.columns
    .filter((c) => c.role !== 'grouping')
    .map((c) => {
      const d = c.role === 'dimension' ? dims.find((x, i) => (x.id ?? `d${i}`) === c.id) : undefined;
      return { id: c.id, label: d ? dimensionLabel(t, d) : c.label, kind: c.kind };
    });
  return { columns, rows: data.reader.rows() };
}

function useChartInput(widget: Widget, data: WidgetData, kind: ChartKind): WidgetChartInput {
  const { settings } = useSettings();
  const labels = useChartLabels();
  return useMemo(
    () => ({
      kind,
      reader: data.reader,
      columns: data.result.columns,
      spec: data.spec,
      options: widget.options ?? {},
      display: { locale: settings.locale, currency: settings.currency, theme: settings.theme },
      labels,
    }),
    [kind, data, widget.options, settings.locale, settings.currency, settings.theme, labels],
  );
}

interface WidgetVisualProps {
  ref?: Ref<VisualHandle>;
  widget: Widget;
  data: WidgetData;
  /** This widget's own selection (its cross-filter), highlighted in a pivot. */
  selected: CellSelector | null;
  onSelect(cell: CellSelector): void;
  onDrill(cell: CellSelector): void;
}

export function WidgetVisual({ ref, widget, data, selected, onSelect, onDrill }: WidgetVisualProps) {
  const { settings } = useSettings();
  const chartRef = useRef<EChartHandle>(null);
  const kind = data.kind === 'kpi' ? 'kpi' : widget.chart;
  const input = useChartInput(widget, data, kind);
  useImperativeHandle(ref, () => ({ toPngDataUrl: () => chartRef.current?.toPngDataUrl() ?? null }), []);

  if (kind === 'pivot' || kind === 'table') {
    return (
      <div className="widget-visual widget-pivot">
        <PivotTable
          reader={data.reader}
          columns={data.result.columns}
          spec={data.spec}
          display={{ locale: settings.locale, currency: settings.currency, theme: settings.theme }}
          mode={kind}
          colorScale={widget.options?.colorScale ?? false}
          higherIsBetter={widget.options?.higherIsBetter}
          onSelect={onSelect}
          onDrill={onDrill}
          selected={selected}
          label={widget.title}
          testId="widget-pivot"
        />
      </div>
    );
  }
  return (
    <div className="widget-visual">
      <ChartView
        input={input}
        chartRef={chartRef}
        title={widget.title}
        className="widget-chart"
        testId="widget-chart"
        onSelect={kind === 'kpi' ? undefined : onSelect}
        onDrill={kind === 'kpi' ? undefined : onDrill}
      />
    </div>
  );
}

/** A KPI tile alone (Home's flash figures). */
export function KpiVisual({ widget, data, showTitle = true }: { widget: Widget; data: WidgetData; showTitle?: boolean }) {
  const input = useChartInput(widget, data, 'kpi');
  return (
    <div className="widget-visual widget-kpi-visual">
      <ChartView input={input} title={showTitle ? widget.title : undefined} className="widget-chart" testId="kpi-tile" />
    </div>
  );
}

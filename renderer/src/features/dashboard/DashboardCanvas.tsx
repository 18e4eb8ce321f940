// The dashboard's grid: 12 columns (react-grid-layout), widgets dragged by their header and resized
// from their bottom-right corner. A finished move or resize is one undoable edit of the layout.
import { GridLayout, useContainerWidth, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import { useMemo } from 'react';
import type { SourceInfo } from '../../../../shared/api';
import type { ChartKind, CrossFilter, Dashboard, Widget } from '../../../../shared/dashboard/types';
import type { DrillTarget } from '../drill/DrillPanel';
import { GRID_COLUMNS } from './dashboard-ops';
import { WidgetFrame } from './WidgetFrame';

export const ROW_HEIGHT = 40;
const MARGIN = [12, 12] as const;

interface DashboardCanvasProps {
  dashboard: Dashboard;
  sources: readonly SourceInfo[];
  crossFilters: readonly CrossFilter[];
  onLayout(layout: Layout): void;
  onEdit(widget: Widget): void;
  onRename(id: string, title: string): void;
  onDuplicate(id: string): void;
  onRemove(id: string): void;
  onChartKind(id: string, kind: ChartKind): void;
  onSelect(widgetId: string, filters: CrossFilter[]): void;
  onDrill(target: DrillTarget): void;
}

export function DashboardCanvas(props: DashboardCanvasProps) {
  const { dashboard, sources, crossFilters, onLayout, ...handlers } = props;
  const { width, containerRef, mounted } = useContainerWidth({ measureBeforeMount: true });
  const layout = useMemo<Layout>(
    () => dashboard.widgets.map((w) => ({ i: w.id, ...w.layout, minW: 2, minH: 3 })),
    [dashboard.widgets],
  );
  const sourceOf = (name: string) => sources.find((s) => s.name === name);

  return (
    <div ref={containerRef} className="dash-canvas" data-testid="dashboard-grid">
      {mounted && (
        <GridLayout
          width={width}
          layout={layout}
          gridConfig={{ cols: GRID_COLUMNS, rowHeight: ROW_HEIGHT, margin: MARGIN, containerPadding: [0, 0] }}
          dragConfig={{ handle: '.widget-drag', cancel: '.widget-nodrag' }}
          resizeConfig={{ handles: ['se'] }}
          onDragStop={(l) => onLayout(l)}
          onResizeStop={(l) => onLayout(l)}
        >
          {dashboard.widgets.map((w) => (
            <div key={w.id} className="dash-cell">
              <WidgetFrame
                widget={w}
                filters={dashboard.filters}
                crossFilters={crossFilters}
                source={sourceOf(w.spec.source)}
                {...handlers}
              />
            </div>
          ))}
        </GridLayout>
      )}
    </div>
  );
}

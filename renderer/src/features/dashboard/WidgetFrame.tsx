// One widget on the grid: its header (the drag handle: title, notes, menu), its chart, pivot or KPI
// tile, and its states — loading, ready, error (a widget whose columns vanished names them; the
// others still work). The menu (keyboard accessible) edits, renames, duplicates, removes, switches
// the chart type, shows the rows behind the widget and exports it (PNG, clipboard, CSV, XLSX).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QdError, SourceInfo } from '../../../../shared/api';
import type { ChartKind, CrossFilter, DashboardFilterBar, IgnoredFilter, Widget } from '../../../../shared/dashboard/types';
import type { CellSelector } from '../../../../shared/api';
import { useFormats, useSettings } from '../../app/settings-context';
import { useT, type TFunction } from '../../i18n/I18nProvider';
import { parseDay } from '../../ui/format';
import { ErrorPanel } from '../../ui/ErrorPanel';
import type { DrillTarget } from '../drill/DrillPanel';
import { cellParts, crossFiltersFor, dimensionField, type CellPart } from './cross-filter';
import { RenameInput } from './DashboardTabs';
import { MoreIcon } from '../../ui/icons';
import { Menu, type MenuItem } from './Menu';
import { CHART_KIND_LABELS, REASON_LABELS, dimensionLabel, fieldLabel } from './labels';
import { copyPng, dataUrlToBlob, downloadBlob, fileNameOf } from './download';
import { tableBlob, type ExportFormat } from './table-export';
import { useWidgetQuery } from './use-widget-query';
import { compatibleKinds, hasImage, WidgetVisual, widgetTable, type VisualHandle } from './WidgetVisual';

export interface WidgetFrameProps {
  widget: Widget;
  filters: DashboardFilterBar;
  crossFilters: readonly CrossFilter[];
  source: SourceInfo | undefined;
  onEdit(widget: Widget): void;
  onRename(id: string, title: string): void;
  onDuplicate(id: string): void;
  onRemove(id: string): void;
  onChartKind(id: string, kind: ChartKind): void;
  /** A click on a slice, bar, point or cell: toggles the widget's cross-filters. */
  onSelect(widgetId: string, filters: CrossFilter[]): void;
  onDrill(target: DrillTarget): void;
}

function ignoredText(t: TFunction, ignored: readonly IgnoredFilter[]): string[] {
  return ignored.map((i) => {
    const what = i.kind === 'compare' ? t('dashboard.compare') : i.kind === 'period' ? t('dashboard.period') : i.field ? fieldLabel(t, i.field) : '';
    return t('dashboard.notApplicableItem', { what, reason: t(REASON_LABELS[i.reason]) });
  });
}

/** The cell a widget's cross-filters select, by its dimension ids; null when none. */
function selectionOf(widget: Widget, crossFilters: readonly CrossFilter[]): CellSelector | null {
  const mine = crossFilters.filter((c) => c.fromWidget === widget.id);
  if (mine.length === 0) return null;
  const cell: CellSelector = {};
  (widget.spec.dimensions ?? []).forEach((d, i) => {
    const field = dimensionField(widget, d);
    const match = field && mine.find((c) => JSON.stringify(c.field) === JSON.stringify(field));
    if (match) cell[d.id ?? `d${i}`] = match.values[0] ?? null;
  });
  return cell;
}

export function WidgetFrame(props: WidgetFrameProps) {
  const { widget, filters, crossFilters, source, onEdit, onRename, onDuplicate, onRemove, onChartKind, onSelect, onDrill } = props;
  const t = useT();
  const [renaming, setRenaming] = useState(false);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const visualRef = useRef<VisualHandle | null>(null);
  const formats = useFormats();
  const { settings } = useSettings();
  const missingSource = useCallback(
    (name: string): QdError => ({ code: 'NOT_FOUND', message: t('dashboard.sourceMissing', { source: name }), location: { field: 'spec.source' } }),
    [t],
  );
  const state = useWidgetQuery(widget, filters, crossFilters, source, missingSource);
  const title = widget.title || t('dashboard.untitled');
  const notApplicable = useMemo(() => ignoredText(t, state.ignored), [t, state.ignored]);
  // This widget's own selection, highlighted (it is not filtered by it).
  const selectedCell = useMemo(() => selectionOf(widget, crossFilters), [widget, crossFilters]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  const partText = useCallback(
    (part: CellPart) => {
      const d = part.dimension;
      const field = dimensionLabel(t, { ...d, grain: undefined });
      const v = part.value;
      const value =
        v === null
          ? t('dashboard.emptyValue')
          : d.grain && typeof v === 'string'
            ? formats.bucket(parseDay(v), d.grain)
            : typeof v === 'number'
              ? formats.number(v)
              : String(v);
      return { field, value };
    },
    [t, formats],
  );

  const drill = useCallback(
    (cell: CellSelector, cellLabel: string) => {
      if (state.spec) onDrill({ spec: state.spec, cell, title, cellLabel });
    },
    [state.spec, onDrill, title],
  );
  const drillCell = useCallback(
    (cell: CellSelector) => drill(cell, cellParts(widget, cell).map((p) => partText(p).value).join(' · ')),
    [drill, widget, partText],
  );
  const selectCell = useCallback(
    (cell: CellSelector) => onSelect(widget.id, crossFiltersFor(widget, cell, (p) => t('dashboard.crossChip', partText(p)))),
    [onSelect, widget, partText, t],
  );

  const exportPng = () => {
    const url = visualRef.current?.toPngDataUrl();
    if (!url) return setNotice({ text: t('dashboard.noImage'), error: true });
    downloadBlob(dataUrlToBlob(url), fileNameOf(title, 'png', t('dashboard.fileFallback')));
  };

  const copyImage = async () => {
    const url = visualRef.current?.toPngDataUrl();
    if (!url) return setNotice({ text: t('dashboard.noImage'), error: true });
    const outcome = await copyPng(dataUrlToBlob(url));
    setNotice(
      outcome === 'copied'
        ? { text: t('dashboard.copied'), error: false }
        : { text: outcome === 'unsupported' ? t('dashboard.copyUnsupported') : t('dashboard.copyRefused'), error: true },
    );
  };

  const exportData = (format: ExportFormat) => {
    if (!state.data) return;
    const table = widgetTable(state.data, t);
    downloadBlob(tableBlob(format, table, title, settings.locale), fileNameOf(title, format, t('dashboard.fileFallback')));
  };

  const ready = state.status === 'ready';
  const kinds = compatibleKinds(widget, state.data?.result.columns);
  const image = ready && hasImage(widget.chart);
  const items: MenuItem[] = [
    { id: 'edit', label: t('dashboard.widgetEdit'), onSelect: () => onEdit(widget) },
    { id: 'rename', label: t('common.rename'), onSelect: () => setRenaming(true) },
    { id: 'duplicate', label: t('common.duplicate'), onSelect: () => onDuplicate(widget.id) },
    { id: 'rows', label: t('dashboard.showRows'), disabled: !state.spec || !ready, onSelect: () => drill({}, '') },
    ...kinds.map((kind, i) => ({
      id: `kind-${kind}`,
      label: t(CHART_KIND_LABELS[kind]),
      checked: widget.chart === kind,
      group: i === 0 ? t('dashboard.showAs') : undefined,
      onSelect: () => onChartKind(widget.id, kind),
    })),
    { id: 'png', label: t('dashboard.exportPng'), disabled: !image, group: t('dashboard.exportGroup'), onSelect: exportPng },
    { id: 'copy', label: t('dashboard.copyImage'), disabled: !image, onSelect: () => void copyImage() },
    { id: 'csv', label: t('dashboard.exportCsv'), disabled: !ready, onSelect: () => exportData('csv') },
    { id: 'xlsx', label: t('dashboard.exportXlsx'), disabled: !ready, onSelect: () => exportData('xlsx') },
    { id: 'remove', label: t('common.remove'), danger: true, separator: true, onSelect: () => onRemove(widget.id) },
  ];

  return (
    <article
      className={`widget widget-${widget.chart}`}
      data-testid="widget"
      data-widget-id={widget.id}
      data-title={title}
      data-chart={widget.chart}
      data-state={state.status}
      data-query={state.queryKey ?? undefined}
      aria-busy={state.status === 'loading'}
      aria-label={title}
    >
      <header className="widget-head widget-drag">
        {renaming ? (
          <RenameInput
            initial={widget.title}
            label={t('dashboard.widgetRenameLabel')}
            className="widget-nodrag"
            testId="widget-rename-input"
            onDone={(name) => {
              setRenaming(false);
              if (name !== null) onRename(widget.id, name);
            }}
          />
        ) : (
          <h3 className="widget-title" title={title} onDoubleClick={() => setRenaming(true)}>
            {title}
          </h3>
        )}
        {notApplicable.length > 0 && (
          <span className="widget-na" title={notApplicable.join('\n')} data-testid="widget-not-applicable">
            {t('dashboard.notApplicable', { count: notApplicable.length })}
            <span className="visually-hidden">{notApplicable.join('; ')}</span>
          </span>
        )}
        {state.status === 'loading' && state.data && <span className="widget-spinner" aria-hidden="true" />}
        <Menu label={t('dashboard.widgetMenu', { title })} items={items} className="widget-nodrag" testId="widget-menu">
          <MoreIcon />
        </Menu>
      </header>
      {notice && (
        <div className={`widget-notice ${notice.error ? 'widget-notice-error' : ''}`} role="status" data-testid="widget-notice">
          {notice.text}
        </div>
      )}
      <div className="widget-body widget-nodrag">
        {state.status === 'error' && state.error && (
          <ErrorPanel compact title={t('dashboard.widgetFailed')} error={state.error} testId="widget-error" />
        )}
        {state.status !== 'error' && !state.data && <div className="widget-loading skeleton" aria-label={t('common.loading')} />}
        {state.status !== 'error' && state.data && (
          <WidgetVisual
            ref={visualRef}
            widget={widget}
            data={state.data}
            selected={selectedCell}
            onSelect={selectCell}
            onDrill={drillCell}
          />
        )}
      </div>
    </article>
  );
}

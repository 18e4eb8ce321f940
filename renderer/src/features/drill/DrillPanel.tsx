// The rows behind a number: a side panel listing the raw rows of the clicked cell (api.drillRows,
// Arrow windows fetched as the table scrolls), the conditions in force in words, sortable columns,
// and an export of the rows as CSV or XLSX. Escape closes it.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CellSelector, DrillWindow, QdError } from '../../../../shared/api';
import { readArrow, type ArrowReader } from '../../../../shared/arrow/cells';
import type { AnalysisSpec } from '../../../../shared/spec/types';
import { useBackend } from '../../app/backend-context';
import { useFormats, useSettings } from '../../app/settings-context';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { usePanelEscape } from '../../ui/use-panel-escape';
import { fitWidth } from '../table/column-width';
import { RowWindowStore, WINDOW_ROWS } from '../table/row-window-store';
import { DrillTable, type DrillColumn, type DrillSort } from './DrillTable';
import { exportDrillRows, DRILL_EXPORT_CAP, type ExportFormat } from './drill-export';
import './drill.css';

export interface DrillTarget {
  /** The spec the widget ran (dashboard filters included). */
  spec: AnalysisSpec;
  cell: CellSelector;
  /** The widget's title. */
  title: string;
  /** The clicked cell in words ("Enterprise · Q3 2026"); empty for the whole widget. */
  cellLabel: string;
}

interface Loaded {
  first: DrillWindow;
  reader: ArrowReader;
  columns: DrillColumn[];
  store: RowWindowStore;
}

export function DrillPanel({ target, onClose }: { target: DrillTarget; onClose(): void }) {
  const t = useT();
  const { api } = useBackend();
  const formats = useFormats();
  const { settings } = useSettings();
  const [sort, setSort] = useState<DrillSort | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<QdError | null>(null);
  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null);
  const [exportNote, setExportNote] = useState<string | null>(null);
  const panelRef = useRef<HTMLElement>(null);
  usePanelEscape(panelRef, onClose);

  useEffect(() => {
    let live = true;
    setError(null);
    const request = { spec: target.spec, cell: target.cell, ...(sort ? { sort } : {}) };
    void api.drillRows({ ...request, offset: 0, limit: WINDOW_ROWS }).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setError(r.error);
        setLoaded(null);
        return;
      }
      const first = r.value;
      const reader = readArrow(first.ipc);
      let firstServed = false;
      const store = new RowWindowStore(target.spec.source, first.totalRows, (w) => {
        if (w.offset === 0 && !firstServed) {
          firstServed = true;
          return Promise.resolve({ ok: true, value: first });
        }
        return api.drillRows({ ...request, offset: w.offset, limit: w.limit });
      });
      const columns = reader.columns.map((c) => {
        const kind = c.family;
        const texts = Array.from({ length: Math.min(reader.numRows, 200) }, (_, i) => formats.cell(c.get(i), kind));
        return { name: c.name, kind, width: fitWidth(c.name, kind, texts) - 40 };
      });
      setLoaded({ first, reader, columns, store });
    });
    return () => {
      live = false;
    };
  }, [api, target, sort, formats]);

  const store = loaded?.store ?? null;
  useEffect(() => store?.attach(), [store]);
  const subscribe = useCallback((l: () => void) => (store ? store.subscribe(l) : () => undefined), [store]);
  const version = useSyncExternalStore(subscribe, () => store?.getVersion() ?? 0);
  const getCell = useCallback((row: number, column: number) => store?.cell(row, column), [store]);
  const onRangeChange = useCallback((first: number, last: number) => store?.ensure(first, last), [store]);

  const total = loaded?.first.totalRows ?? null;
  const filters = loaded?.first.filters ?? [];
  const columnNames = useMemo(() => loaded?.columns.map((c) => c.name) ?? [], [loaded]);

  const runExport = async (format: ExportFormat) => {
    if (!loaded || total === null) return;
    setExportNote(null);
    setExporting({ done: 0, total: Math.min(total, DRILL_EXPORT_CAP) });
    const result = await exportDrillRows({
      api,
      request: { spec: target.spec, cell: target.cell, ...(sort ? { sort } : {}) },
      total,
      format,
      title: target.cellLabel ? t('drill.fileName', { title: target.title, cell: target.cellLabel }) : target.title,
      fallbackName: t('drill.fileFallback'),
      locale: settings.locale,
      onProgress: (done) => setExporting({ done, total: Math.min(total, DRILL_EXPORT_CAP) }),
    });
    setExporting(null);
    if (!result.ok) setError(result.error);
    else if (result.value.capped) setExportNote(t('drill.exportCapped', { count: result.value.rows, total }));
    else setExportNote(t('drill.exported', { count: result.value.rows }));
  };

  return (
    <aside
      ref={panelRef}
      className="side-panel drill-panel"
      role="dialog"
      aria-label={t('drill.title', { title: target.title })}
      tabIndex={-1}
      data-testid="drill-panel"
      data-state={error ? 'error' : loaded ? 'ready' : 'loading'}
    >
      <header className="drill-head">
        <div className="drill-heading">
          <h2 className="drill-title">{t('drill.heading')}</h2>
          <div className="drill-subtitle">
            {target.cellLabel ? t('drill.subtitle', { title: target.title, cell: target.cellLabel }) : target.title}
          </div>
        </div>
        <button type="button" className="icon-button icon-button-large" onClick={onClose} aria-label={t('common.close')} title={t('common.close')} data-testid="drill-close">
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <div className="drill-meta">
        <span className="drill-count" data-testid="drill-count" data-count={total ?? undefined}>
          {total === null ? t('common.loading') : t('common.rows', { count: total })}
        </span>
        <span className="drill-actions">
          <button type="button" className="button button-small" disabled={!loaded || exporting !== null || total === 0} onClick={() => void runExport('csv')} data-testid="drill-export-csv">
            {t('drill.exportCsv')}
          </button>
          <button type="button" className="button button-small" disabled={!loaded || exporting !== null || total === 0} onClick={() => void runExport('xlsx')} data-testid="drill-export-xlsx">
            {t('drill.exportXlsx')}
          </button>
        </span>
      </div>
      {exporting && (
        <div className="drill-note" role="status">
          {t('drill.exporting', { done: exporting.done, total: exporting.total })}
        </div>
      )}
      {exportNote && (
        <div className="drill-note" role="status" data-testid="drill-export-note">
          {exportNote}
        </div>
      )}
      {filters.length > 0 && (
        <details className="drill-filters" open>
          <summary>{t('drill.filters', { count: filters.length })}</summary>
          <ul data-testid="drill-filters">
            {filters.map((f, i) => (
              <li key={i}>{f}</li>
            ))}
          </ul>
        </details>
      )}
      {loaded && filters.length === 0 && <div className="drill-note">{t('drill.noFilters')}</div>}
      {error && <ErrorPanel compact title={t('drill.failed')} error={error} onDismiss={() => setError(null)} dismissLabel={t('common.close')} />}
      {loaded && total !== null && total > 0 && (
        <DrillTable
          key={columnNames.join('\u0000')}
          columns={loaded.columns}
          rowCount={total}
          getCell={getCell}
          version={version}
          onRangeChange={onRangeChange}
          sort={sort}
          onSort={setSort}
          label={t('drill.tableLabel', { title: target.title })}
        />
      )}
      {loaded && total === 0 && <div className="empty-state drill-empty">{t('drill.empty')}</div>}
    </aside>
  );
}

// The deals behind a forecast figure (a waterfall bar, a rep's slipped deals): a side panel with a
// page of the engine's deal window at a time, columns that sort on the engine (click: ascending,
// descending, the default order), previous / next pages. Escape or the close button closes it and
// gives the focus back to what opened it.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { QdError, Result } from '../../../../shared/api';
import { readArrow, type CellValue } from '../../../../shared/arrow/cells';
import type { ForecastDealWindow } from '../../../../shared/forecast/types';
import { useFormats } from '../../app/settings-context';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { usePanelEscape } from '../../ui/use-panel-escape';
import type { Formats } from '../../ui/format';

export const DEALS_PAGE_SIZE = 50;

export type DealCellFormat = 'text' | 'money' | 'signedMoney' | 'date' | 'integer' | 'percent';

export interface DealColumn {
  /** The column of the engine's deal list. */
  id: string;
  label: string;
  format: DealCellFormat;
  /** Words for coded values (outcomes, bars, flags); the format applies otherwise. */
  render?(value: CellValue): string;
}

export interface DealSort {
  column: string;
  direction: 'asc' | 'desc';
}

export interface DealsPanelProps {
  title: string;
  subtitle: string;
  columns: readonly DealColumn[];
  /** One page of deals, sorted as asked (null: the engine's default order). */
  fetchPage(offset: number, limit: number, sort: DealSort | null): Promise<Result<ForecastDealWindow>>;
  /** The engine's default order, in words ("largest change first"). */
  defaultOrder: string;
  onClose(): void;
}

interface Page {
  offset: number;
  total: number;
  rows: Record<string, CellValue>[];
}

function cellText(formats: Formats, column: DealColumn, value: CellValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (column.render) return column.render(value);
  const n = typeof value === 'number' ? value : Number.NaN;
  switch (column.format) {
    case 'money':
      return Number.isFinite(n) ? formats.currency(n) : String(value);
    case 'signedMoney':
      return Number.isFinite(n) ? formats.signedCurrency(n) : String(value);
    case 'integer':
      return Number.isFinite(n) ? formats.integer(n) : String(value);
    case 'percent':
      return Number.isFinite(n) ? formats.fractionPercent(n) : String(value);
    case 'date':
      return formats.date(String(value));
    default:
      return String(value);
  }
}

function nextSort(current: DealSort | null, column: string): DealSort | null {
  if (current?.column !== column) return { column, direction: 'asc' };
  return current.direction === 'asc' ? { column, direction: 'desc' } : null;
}

export function DealsPanel({ title, subtitle, columns, fetchPage, defaultOrder, onClose }: DealsPanelProps) {
  const t = useT();
  const formats = useFormats();
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<DealSort | null>(null);
  const [page, setPage] = useState<Page | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<QdError | null>(null);
  const panelRef = useRef<HTMLElement>(null);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  // A panel of a tab not shown (display: none) has no box: Escape is not for it.
  usePanelEscape(panelRef, onClose, true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    void fetchRef.current(offset, DEALS_PAGE_SIZE, sort).then((r) => {
      if (!live) return;
      setLoading(false);
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setError(null);
      setPage({ offset: r.value.offset, total: r.value.totalRows, rows: readArrow(r.value.ipc).rows() });
    });
    return () => {
      live = false;
    };
  }, [offset, sort]);

  const total = page?.total ?? null;
  const last = page ? Math.min(page.offset + page.rows.length, page.total) : 0;
  const numeric = useMemo(() => new Set(columns.filter((c) => c.format !== 'text' && c.format !== 'date' && !c.render).map((c) => c.id)), [columns]);

  return (
    <aside
      ref={panelRef}
      className="side-panel fc-deals"
      role="dialog"
      aria-label={title}
      tabIndex={-1}
      data-testid="forecast-deals"
      data-state={error ? 'error' : loading ? 'loading' : 'ready'}
    >
      <header className="fc-deals-head">
        <div className="fc-deals-heading">
          <h2 className="fc-deals-title">{title}</h2>
          <div className="fc-deals-subtitle">{subtitle}</div>
        </div>
        <button type="button" className="icon-button icon-button-large" onClick={onClose} aria-label={t('common.close')} title={t('common.close')} data-testid="forecast-deals-close">
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <div className="fc-deals-meta">
        <span className="fc-deals-count" data-testid="forecast-deals-count" data-count={total ?? undefined}>
          {total === null ? t('common.loading') : t('forecast.dealCount', { count: total, n: formats.integer(total) })}
        </span>
        <span className="fc-deals-order">{sort ? t('forecast.sortedBy', { column: columns.find((c) => c.id === sort.column)?.label ?? sort.column }) : defaultOrder}</span>
      </div>
      {error && <ErrorPanel compact title={t('forecast.dealsFailed')} error={error} />}
      {page && page.total > 0 && (
        <div className={`fc-deals-scroll ${loading ? 'fc-stale' : ''}`}>
          <table className="fc-table fc-deals-table" data-testid="forecast-deals-table">
            <thead>
              <tr>
                {columns.map((c) => {
                  const sorted = sort?.column === c.id ? sort.direction : null;
                  return (
                    <th key={c.id} className={numeric.has(c.id) ? 'num' : undefined} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                      <button
                        type="button"
                        className="fc-sort"
                        title={t('forecast.sortBy', { column: c.label })}
                        data-testid={`forecast-deals-sort-${c.id}`}
                        onClick={() => {
                          setSort((s) => nextSort(s, c.id));
                          setOffset(0);
                        }}
                      >
                        {c.label}
                        <span className="fc-sort-mark" aria-hidden="true">
                          {sorted === 'asc' ? '↑' : sorted === 'desc' ? '↓' : ''}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row, i) => (
                <tr key={`${page.offset + i}`} data-testid="forecast-deal-row">
                  {columns.map((c) => (
                    <td key={c.id} className={numeric.has(c.id) ? 'num' : undefined}>
                      {cellText(formats, c, row[c.id])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && page.total === 0 && <div className="empty-state fc-deals-empty">{t('forecast.noDeals')}</div>}
      {page && page.total > DEALS_PAGE_SIZE && (
        <nav className="fc-pager" aria-label={t('forecast.pages')}>
          <button type="button" className="button button-small" disabled={offset === 0 || loading} onClick={() => setOffset((o) => Math.max(0, o - DEALS_PAGE_SIZE))} data-testid="forecast-deals-previous">
            {t('forecast.previousPage')}
          </button>
          <span className="fc-pager-text" data-testid="forecast-deals-range">
            {t('forecast.pageRange', { first: formats.integer(page.offset + 1), last: formats.integer(last), total: formats.integer(page.total) })}
          </span>
          <button
            type="button"
            className="button button-small"
            disabled={last >= page.total || loading}
            onClick={() => setOffset((o) => o + DEALS_PAGE_SIZE)}
            data-testid="forecast-deals-next"
          >
            {t('forecast.nextPage')}
          </button>
        </nav>
      )}
    </aside>
  );
}

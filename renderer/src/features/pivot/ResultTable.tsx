// The flat results table ('table' widgets): the result's rows as they come, a click on a header
// sorts by that column (descending first for figures), virtualised like the pivot. Figures are
// formatted as in the pivot (same measure formats, changes as ▲/▼ percentages); total rows of a
// result with totals are styled apart. A click on a row selects its dimensions, a double-click or
// Enter drills into the rows behind it.
import { getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { CellSelector } from '../../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { createFormats } from '../../ui/format';
import { scaleColor } from './color-scale';
import { buildFlatTable, sortedRows, type FlatColumn } from './flat-model';
import { changeText, dimensionText, measureFormatter, signedFormatter } from './pivot-format';
import { sameSelector, scalePosition, type MeasureFormat } from './pivot-model';
import type { PivotTableProps } from './pivot-props';
import {
  ariaSort,
  ChangeFigure,
  HEADER_HEIGHT,
  noDoubleClickSelection,
  Resizer,
  ROW_HEIGHT,
  SortIcon,
  spacers,
  usePivotLabels,
  useRowVirtualizer,
} from './table-parts';
import './pivot.css';

const NO_FORMATS: Readonly<Record<string, MeasureFormat>> = {};

export function ResultTable(props: PivotTableProps) {
  const { reader, columns, spec, display, colorScale = false, higherIsBetter, onSelect, onDrill, selected, testId = 'result-table' } = props;
  const t = useT();
  const labels = usePivotLabels();
  const formats = useMemo(
    () => createFormats({ locale: display.locale, currency: display.currency, fiscalYearStartMonth: spec.fiscalYearStartMonth }),
    [display.locale, display.currency, spec.fiscalYearStartMonth],
  );
  const measureFormats = props.formats ?? NO_FORMATS;
  const flat = useMemo(() => buildFlatTable({ reader, columns, spec, formats: measureFormats }), [reader, columns, spec, measureFormats]);
  const [sorting, setSorting] = useState<SortingState>([]);
  const order = useMemo(
    () => sortedRows(flat, sorting[0] ? { column: sorting[0].id, direction: sorting[0].desc ? 'desc' : 'asc' } : null),
    [flat, sorting],
  );

  // One formatter per column: the measure's for its values and the previous period's, signed for changes.
  const textOf = useMemo(
    () =>
      flat.columns.map((col): ((row: number) => { text: string; arrow?: 'up' | 'down' | 'flat' }) => {
        if (col.role === 'dimension') {
          return (row) => {
            if (flat.rolledUp(row).has(col.id)) return { text: '' };
            return { text: dimensionText(flat.value(row, col.id), col.dimension!, formats, labels) };
          };
        }
        const measure = col.measure;
        if (col.role === 'change_pct') {
          return (row) => {
            const change = changeText(flat.number(row, col.id), formats);
            return { text: change.text, ...(change.direction ? { arrow: change.direction } : {}) };
          };
        }
        if (col.role === 'change' && measure) {
          const signed = signedFormatter(measure, formats);
          return (row) => ({ text: signed(flat.number(row, col.id)) });
        }
        const format = measure ? measureFormatter(measure, flat.ranges[measure.id], formats) : formats.number;
        return (row) => {
          const n = flat.number(row, col.id);
          return { text: n !== null ? format(n) : formats.cell(flat.value(row, col.id)) };
        };
      }),
    [flat, formats, labels],
  );

  const columnDefs = useMemo<ColumnDef<number>[]>(
    () =>
      flat.columns.map((col) => ({
        id: col.id,
        header: col.role === 'change_pct' ? labels.changePct : col.label,
        size: Math.round(Math.max(col.role === 'dimension' ? 180 : col.role === 'change_pct' ? 96 : 128, Math.min(col.label.length, 28) * 7.4 + 40)),
        minSize: 56,
        maxSize: 640,
        sortDescFirst: col.role !== 'dimension',
        // TanStack sorts only columns with an accessor; sortedRows does the sorting (manualSorting).
        accessorFn: (row: number) => flat.value(row, col.id),
        meta: col,
      })),
    [flat, labels.changePct],
  );
  const table = useReactTable({
    data: order,
    columns: columnDefs,
    state: { sorting },
    onSortingChange: setSorting,
    manualSorting: true,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
  });
  const leafColumns = table.getVisibleLeafColumns();

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useRowVirtualizer(order.length, scrollRef, HEADER_HEIGHT, 0);
  const items = virtualizer.getVirtualItems();
  const pad = spacers(items, virtualizer.getTotalSize(), HEADER_HEIGHT);

  const [focusRow, setFocusRow] = useState(0);
  const active = Math.min(focusRow, Math.max(0, order.length - 1));
  const pendingFocus = useRef(false);
  useEffect(() => {
    if (!pendingFocus.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row="${active}"]`);
    if (el) {
      pendingFocus.current = false;
      el.focus();
    }
  });
  // Selecting everything filters nothing: a grand total row is drilled into, not selected.
  const select = (selector: CellSelector) => {
    if (Object.keys(selector).length > 0) onSelect?.(selector);
  };
  const moveTo = (r: number) => {
    const next = Math.max(0, Math.min(order.length - 1, r));
    setFocusRow(next);
    pendingFocus.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (order.length === 0 || (e.target as HTMLElement).closest('thead')) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    const selector = () => flat.selector(order[active]!);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(active + 1);
        break;
      case 'ArrowUp':
        moveTo(active - 1);
        break;
      case 'PageDown':
        moveTo(active + page);
        break;
      case 'PageUp':
        moveTo(active - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(order.length - 1);
        break;
      case 'Enter':
        onDrill?.(selector());
        break;
      case ' ':
        select(selector());
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  const renderCell = (col: FlatColumn, i: number, row: number, isTotal: boolean): ReactNode => {
    const { text, arrow } = textOf[i]!(row);
    const classes = ['pivot-cell'];
    if (col.role !== 'dimension') classes.push('num');
    let background: string | null = null;
    let content: ReactNode = text;
    if (col.role === 'dimension') {
      const rolled = flat.rolledUp(row);
      // The first rolled-up dimension of a total row says what the row is.
      const firstRolled = flat.columns.find((c) => c.role === 'dimension' && rolled.has(c.id));
      if (firstRolled === col) content = <span className="pivot-total-label">{t('pivot.total')}</span>;
    } else if (col.role === 'change_pct' && arrow) {
      classes.push('pivot-change');
      if (arrow !== 'flat') classes.push((arrow === 'up') === (higherIsBetter !== false) ? 'is-good' : 'is-bad');
      content = <ChangeFigure direction={arrow} text={text} />;
    } else if (col.role === 'measure' && colorScale && !isTotal && col.measure) {
      background = scaleColor(scalePosition(flat.ranges[col.id], flat.number(row, col.id), higherIsBetter === undefined ? 'range' : 'median'), display.theme, higherIsBetter);
    }
    return (
      <td key={col.id} className={classes.join(' ')} style={background ? { backgroundColor: background } : undefined}>
        {content}
      </td>
    );
  };

  return (
    <div className="pivot pivot-flat" data-testid={testId} data-theme-scale={display.theme}>
      {flat.detailCount === 0 ? (
        <div className="pivot-empty" data-testid="pivot-empty">
          {t('pivot.noData')}
        </div>
      ) : (
        <div ref={scrollRef} className="pivot-scroll" onKeyDown={onKeyDown} style={{ scrollPaddingTop: HEADER_HEIGHT }}>
          <table
            className="pivot-table"
            role="grid"
            aria-label={props.label ?? t('pivot.flatTableLabel')}
            aria-rowcount={order.length + 1}
            aria-colcount={leafColumns.length}
            style={{ width: table.getTotalSize() }}
          >
            <colgroup>
              {leafColumns.map((c) => (
                <col key={c.id} style={{ width: c.getSize() }} />
              ))}
            </colgroup>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id} className="pivot-head-row" style={{ height: HEADER_HEIGHT }} aria-rowindex={1}>
                  {group.headers.map((header) => {
                    const col = header.column.columnDef.meta as FlatColumn;
                    const text = String(header.column.columnDef.header ?? '');
                    const direction = header.column.getIsSorted();
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        className={`pivot-th ${col.role === 'dimension' ? '' : 'num'}`}
                        aria-sort={ariaSort(direction)}
                        data-testid="pivot-column-header"
                      >
                        <div className="pivot-th-inner">
                          <button
                            type="button"
                            className="pivot-sort"
                            onClick={header.column.getToggleSortingHandler()}
                            title={t('pivot.sortBy', { column: text })}
                            data-testid="pivot-sort"
                          >
                            <span className="pivot-th-text">{text}</span>
                            <SortIcon direction={direction} />
                          </button>
                        </div>
                        <Resizer header={header} />
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {pad.top > 0 && (
                <tr className="pivot-spacer" aria-hidden="true" style={{ height: pad.top }}>
                  <td colSpan={leafColumns.length} />
                </tr>
              )}
              {items.map((item) => {
                const row = order[item.index]!;
                const isTotal = flat.rolledUp(row).size > 0;
                const selector = flat.selector(row);
                const isSelected = Object.keys(selector).length > 0 && sameSelector(selector, selected);
                return (
                  <tr
                    key={row}
                    className={`pivot-row ${isTotal ? 'pivot-row-group' : 'pivot-row-detail'} ${isSelected ? 'is-selected' : ''}`}
                    aria-rowindex={item.index + 2}
                    aria-selected={isSelected}
                    tabIndex={item.index === active ? 0 : -1}
                    data-row={item.index}
                    data-testid="result-row"
                    onMouseDown={noDoubleClickSelection}
                    onFocus={() => setFocusRow(item.index)}
                    onClick={(e) => {
                      setFocusRow(item.index);
                      // The second click of a double-click (a drill) leaves the selection as it is.
                      if (e.detail <= 1) select(selector);
                    }}
                    onDoubleClick={() => onDrill?.(selector)}
                  >
                    {flat.columns.map((col, i) => renderCell(col, i, row, isTotal))}
                  </tr>
                );
              })}
              {pad.bottom > 0 && (
                <tr className="pivot-spacer" aria-hidden="true" style={{ height: pad.bottom }}>
                  <td colSpan={leafColumns.length} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

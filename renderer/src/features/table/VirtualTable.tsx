// The lowest component of every large table: TanStack Table gives the column model (headers,
// sizes, resizing); react-virtual decides which rows exist in the DOM. Only the rows on screen are
// handed to TanStack as data, so a million-row source costs the same as a hundred-row one.
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type Header,
} from '@tanstack/react-table';
import { elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { ColumnKind } from '../../../../shared/api';
import type { CellValue } from '../../../../shared/arrow/cells';
import { useFormats } from '../../app/settings-context';
import { cellText } from '../../ui/cell-text';
import { TypeBadge } from '../../ui/TypeBadge';
import { realHeight, scrollScale } from './scroll-scale';

export const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 34;

export interface GridColumn {
  id: string;
  header: string;
  kind: ColumnKind;
  /** DuckDB type, shown in the badge's tooltip. */
  typeName?: string;
  width: number;
  /** Preformatted text for a cell (e.g. time buckets); else the workspace's locale formats it (cellText). */
  format?: (value: CellValue) => string;
}

interface RowHandle {
  index: number;
}

interface VirtualTableProps {
  columns: readonly GridColumn[];
  rowCount: number;
  /** A cell's value, undefined while it is loading (a placeholder is drawn). */
  getCell: (row: number, column: number) => CellValue | undefined;
  /** Changes whenever getCell can answer more: the visible rows re-render. */
  version?: number;
  /** Tells the owner which rows are visible, to load them. */
  onRangeChange?: (first: number, last: number) => void;
  showBadges?: boolean;
  testId?: string;
  label: string;
}

type Meta = { kind: ColumnKind; typeName?: string; format?: (value: CellValue) => string };

export function VirtualTable(props: VirtualTableProps) {
  const { columns, rowCount, getCell, version = 0, onRangeChange, showBadges = true, testId, label } = props;
  const formats = useFormats();
  const scrollRef = useRef<HTMLDivElement>(null);
  const getCellRef = useRef(getCell);
  getCellRef.current = getCell;
  const virtualHeight = rowCount * ROW_HEIGHT;
  const heightRef = useRef(virtualHeight);
  heightRef.current = virtualHeight;

  const scaleOf = (el: Element | null) =>
    el ? scrollScale(heightRef.current, Math.max(0, el.clientHeight - HEADER_HEIGHT)) : 1;

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The virtualizer works in virtual pixels; the element scrolls in (possibly scaled) real ones.
    observeElementOffset: (instance, cb) =>
      observeElementOffset(instance, (offset, isScrolling) => cb(offset * scaleOf(instance.scrollElement), isScrolling)),
    scrollToFn: (offset, options, instance) => elementScroll(offset / scaleOf(instance.scrollElement), options, instance),
  });

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= first) onRangeChange?.(first, last);
  }, [first, last, onRangeChange]);

  const columnDefs = useMemo<ColumnDef<RowHandle, CellValue | undefined>[]>(
    () =>
      columns.map((c, i) => ({
        id: c.id,
        header: c.header,
        size: c.width,
        minSize: 60,
        maxSize: 1000,
        accessorFn: (row: RowHandle) => getCellRef.current(row.index, i),
        meta: { kind: c.kind, typeName: c.typeName, format: c.format } satisfies Meta,
      })),
    [columns],
  );

  // Only the rows in view are TanStack's data. `version` is in the key: a window that arrived
  // turns its placeholders into values.
  const data = useMemo<RowHandle[]>(
    () => items.map((item) => ({ index: item.index })),
    [first, last, version, rowCount],
  );

  const table = useReactTable({
    data,
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row.index),
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
  });

  const gutterWidth = Math.max(48, String(rowCount).length * 8 + 28);
  const totalWidth = gutterWidth + table.getTotalSize();
  const virtualOffset = virtualizer.scrollOffset ?? 0;
  const scale = scaleOf(scrollRef.current);
  // Where the viewport's top is in the real body, and how far the virtual rows must shift to sit there.
  const shift = virtualOffset / scale - virtualOffset;
  const rows = table.getRowModel().rows;

  return (
    <div className="vtable" data-testid={testId}>
      <div
        ref={scrollRef}
        className="vtable-scroll"
        tabIndex={0}
        role="grid"
        aria-label={label}
        aria-rowcount={rowCount + 1}
        aria-colcount={columns.length}
      >
        <div className="vtable-inner" style={{ width: totalWidth }}>
          {table.getHeaderGroups().map((group) => (
            <div className="vtable-head" role="row" aria-rowindex={1} key={group.id} style={{ height: HEADER_HEIGHT }}>
              <div className="vtable-gutter vtable-gutter-head" style={{ width: gutterWidth }} aria-hidden="true" />
              {group.headers.map((header) => (
                <HeaderCell key={header.id} header={header} showBadge={showBadges} />
              ))}
            </div>
          ))}
          <div className="vtable-body" style={{ height: realHeight(virtualHeight) }}>
            {rows.map((row, i) => {
              const item = items[i];
              if (!item) return null;
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={`vtable-row ${item.index % 2 ? 'vtable-row-odd' : ''}`}
                  style={{ height: ROW_HEIGHT, transform: `translateY(${item.start + shift}px)` }}
                >
                  <div className="vtable-gutter" style={{ width: gutterWidth }}>
                    {formats.integer(item.index + 1)}
                  </div>
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta as Meta;
                    const value = cell.getValue() as CellValue | undefined;
                    const text = value === undefined ? '' : meta.format ? meta.format(value) : cellText(formats, value, meta.kind);
                    return (
                      <div
                        key={cell.id}
                        role="gridcell"
                        className={`vtable-cell ${meta.kind === 'number' ? 'num' : ''} ${value === null ? 'is-null' : ''}`}
                        style={{ width: cell.column.getSize() }}
                        title={text.length > 24 ? text : undefined}
                      >
                        {value === undefined ? <span className="skeleton" /> : text}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

function HeaderCell({ header, showBadge }: { header: Header<RowHandle, unknown>; showBadge: boolean }) {
  const meta = header.column.columnDef.meta as Meta;
  return (
    <div
      role="columnheader"
      className={`vtable-th ${meta.kind === 'number' ? 'num' : ''}`}
      style={{ width: header.getSize() }}
      title={meta.typeName ? `${String(header.column.columnDef.header)} · ${meta.typeName}` : undefined}
    >
      <span className="vtable-th-name">{flexRender(header.column.columnDef.header, header.getContext())}</span>
      {showBadge && <TypeBadge kind={meta.kind} type={meta.typeName} />}
      <div
        className={`vtable-resizer ${header.column.getIsResizing() ? 'is-resizing' : ''}`}
        onMouseDown={header.getResizeHandler()}
        onTouchStart={header.getResizeHandler()}
        onDoubleClick={() => header.column.resetSize()}
        aria-hidden="true"
      />
    </div>
  );
}

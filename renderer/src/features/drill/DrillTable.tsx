// The drilled rows in a virtualised table whose column headers sort (click, Enter or Space: ascending,
// descending, stored order). Rows come window by window from a RowWindowStore; the body is capped and
// scroll positions scaled (scroll-scale.ts) so that a million rows still scroll.
import { elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ColumnKind } from '../../../../shared/api';
import type { CellValue } from '../../../../shared/arrow/cells';
import { useT } from '../../i18n/I18nProvider';
import { useFormats } from '../../app/settings-context';
import { realHeight, scrollScale } from '../table/scroll-scale';

export const DRILL_ROW_HEIGHT = 30;
const HEADER_HEIGHT = 34;

export interface DrillColumn {
  name: string;
  kind: ColumnKind;
  width: number;
}

export interface DrillSort {
  column: string;
  direction: 'asc' | 'desc';
}

interface DrillTableProps {
  columns: readonly DrillColumn[];
  rowCount: number;
  getCell(row: number, column: number): CellValue | undefined;
  /** Changes whenever getCell can answer more. */
  version: number;
  onRangeChange(first: number, last: number): void;
  sort: DrillSort | null;
  onSort(sort: DrillSort | null): void;
  label: string;
}

export function nextSort(current: DrillSort | null, column: string): DrillSort | null {
  if (current?.column !== column) return { column, direction: 'asc' };
  return current.direction === 'asc' ? { column, direction: 'desc' } : null;
}

export function DrillTable({ columns, rowCount, getCell, version, onRangeChange, sort, onSort, label }: DrillTableProps) {
  const t = useT();
  const formats = useFormats();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualHeight = rowCount * DRILL_ROW_HEIGHT;
  const heightRef = useRef(virtualHeight);
  heightRef.current = virtualHeight;
  const scaleOf = (el: Element | null) =>
    el ? scrollScale(heightRef.current, Math.max(0, el.clientHeight - HEADER_HEIGHT)) : 1;

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => DRILL_ROW_HEIGHT,
    overscan: 10,
    observeElementOffset: (instance, cb) =>
      observeElementOffset(instance, (offset, isScrolling) => cb(offset * scaleOf(instance.scrollElement), isScrolling)),
    scrollToFn: (offset, options, instance) => elementScroll(offset / scaleOf(instance.scrollElement), options, instance),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last >= first) onRangeChange(first, last);
  }, [first, last, onRangeChange]);

  const gutter = Math.max(48, String(rowCount).length * 8 + 28);
  const width = gutter + columns.reduce((s, c) => s + c.width, 0);
  const offset = virtualizer.scrollOffset ?? 0;
  const shift = offset / scaleOf(scrollRef.current) - offset;
  void version;

  return (
    <div className="vtable drill-table" data-testid="drill-table">
      <div
        ref={scrollRef}
        className="vtable-scroll"
        tabIndex={0}
        role="grid"
        aria-label={label}
        aria-rowcount={rowCount + 1}
        aria-colcount={columns.length}
      >
        <div className="vtable-inner" style={{ width }}>
          <div className="vtable-head" role="row" aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
            <div className="vtable-gutter vtable-gutter-head" style={{ width: gutter }} aria-hidden="true" />
            {columns.map((c) => {
              const sorted = sort?.column === c.name ? sort.direction : null;
              return (
                <div
                  key={c.name}
                  role="columnheader"
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                  className={`vtable-th drill-th ${c.kind === 'number' ? 'num' : ''}`}
                  style={{ width: c.width }}
                >
                  <button
                    type="button"
                    className="drill-sort"
                    title={t('drill.sortBy', { column: c.name })}
                    data-testid={`drill-sort-${c.name}`}
                    onClick={() => onSort(nextSort(sort, c.name))}
                  >
                    <span className="vtable-th-name">{c.name}</span>
                    <span className="drill-sort-mark" aria-hidden="true">
                      {sorted === 'asc' ? '↑' : sorted === 'desc' ? '↓' : ''}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
          <div className="vtable-body" style={{ height: realHeight(virtualHeight) }}>
            {items.map((item) => (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={`vtable-row ${item.index % 2 ? 'vtable-row-odd' : ''}`}
                style={{ height: DRILL_ROW_HEIGHT, transform: `translateY(${item.start + shift}px)` }}
              >
                <div className="vtable-gutter" style={{ width: gutter }}>
                  {formats.integer(item.index + 1)}
                </div>
                {columns.map((c, ci) => {
                  const value = getCell(item.index, ci);
                  const text = value === undefined ? '' : formats.cell(value, c.kind);
                  return (
                    <div
                      key={c.name}
                      role="gridcell"
                      className={`vtable-cell ${c.kind === 'number' ? 'num' : ''} ${value === null ? 'is-null' : ''}`}
                      style={{ width: c.width }}
                      title={text.length > 24 ? text : undefined}
                    >
                      {value === undefined ? <span className="skeleton" /> : text}
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

// The pivot table widget, the way Excel pivot tables and Power BI matrices taught managers: row
// groups that fold (a folded group shows its subtotal), column groups with their totals, a grand
// total kept in view, a click on a header to sort by value within each group, a colour scale on
// the figures, changes against the compared period as ▲/▼ percentages.
//
// TanStack Table holds the column model (nested headers, sizes, resizing, sort state); the rows
// are laid out by the pure model (pivot-model.ts) and virtualised with react-virtual, so a
// 10,000-row pivot keeps a few dozen rows in the DOM. The grid is a treegrid: one tab stop, arrow
// keys move, Left/Right fold and unfold, Space selects (cross-filter), Enter drills.
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type Header,
  type SortingState,
} from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { CellSelector } from '../../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { createFormats } from '../../ui/format';
import { scaleColor } from './color-scale';
import { changeText, dimensionText, headerText, measureFormatter, signedFormatter } from './pivot-format';
import {
  indexPivot,
  LABEL_SORT,
  layoutPivot,
  sameSelector,
  scalePosition,
  type MeasureFormat,
  type PivotCell,
  type PivotHeaderNode,
  type PivotLeafColumn,
  type PivotRow,
} from './pivot-model';
import { GLYPH } from './glyphs';
import { ResultTable } from './ResultTable';
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
import type { PivotTableProps } from './pivot-props';
import './pivot.css';

export type { PivotTableProps, TableDisplay } from './pivot-props';

const ROW_HEADER_ID = '__rows';
const INDENT = 16;
const NO_FORMATS: Readonly<Record<string, MeasureFormat>> = {};

interface ColumnMeta {
  node: PivotHeaderNode | null;
  leafIndex: number;
}

export function PivotTable(props: PivotTableProps) {
  if (props.mode === 'table') return <ResultTable {...props} />;
  return <PivotGrid {...props} />;
}

function PivotGrid(props: PivotTableProps) {
  const { reader, columns, spec, display, colorScale = false, higherIsBetter, onSelect, onDrill, selected, testId = 'pivot' } = props;
  const t = useT();
  const labels = usePivotLabels();
  const formats = useMemo(
    () => createFormats({ locale: display.locale, currency: display.currency, fiscalYearStartMonth: spec.fiscalYearStartMonth }),
    [display.locale, display.currency, spec.fiscalYearStartMonth],
  );
  const measureFormats = props.formats ?? NO_FORMATS;
  const index = useMemo(() => indexPivot({ reader, columns, spec, formats: measureFormats }), [reader, columns, spec, measureFormats]);

  const [sorting, setSorting] = useState<SortingState>([]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const sortBy = sorting[0] ? (sorting[0].id === ROW_HEADER_ID ? LABEL_SORT : sorting[0].id) : null;
  const sortDesc = sorting[0]?.desc ?? false;
  const layout = useMemo(
    () => layoutPivot(index, { sort: sortBy ? { by: sortBy, direction: sortDesc ? 'desc' : 'asc' } : null, collapsed }),
    [index, sortBy, sortDesc, collapsed],
  );
  const { rows, grandTotal, leaves } = layout;

  const rowText = useCallback(
    (row: PivotRow) => (row.dimension === null ? labels.grandTotal : dimensionText(row.value, row.dimension, formats, labels)),
    [formats, labels],
  );
  const leafFormat = useMemo(
    () => leaves.map((leaf) => measureFormatter(leaf.measure, layout.ranges[leaf.measure.id], formats)),
    [leaves, layout.ranges, formats],
  );

  // Column widths from the text they will hold (resizable afterwards).
  const rowHeaderWidth = useMemo(() => {
    let widest = 0;
    const visit = (path: number, text: string) => {
      const w = path * INDENT + text.length * 7.2;
      if (w > widest) widest = w;
    };
    for (const row of layoutPivot(index, {}).rows) visit(row.depth, rowText(row));
    visit(0, labels.grandTotal);
    // The corner holds the row dimensions' names beside the fold-all buttons and a sort arrow.
    const corner = layout.rowDimensions.map((d) => d.label).join(' / ').length * 7.4 + (index.groupKeys.length > 0 ? 90 : 40);
    return Math.round(Math.min(380, Math.max(140, widest + 48, Math.min(corner, 320))));
  }, [index, rowText, labels.grandTotal, layout.rowDimensions]);
  const leafWidth = useCallback(
    (leaf: PivotLeafColumn, header: string, i: number) => {
      // Header text is bold (about 7.4 px a character) beside a sort arrow; figures about 7.2 px a digit.
      const headerWidth = Math.min(header.length, 24) * 7.4 + 40;
      if (leaf.part === 'change_pct') return Math.round(Math.max(96, headerWidth));
      const range = layout.ranges[leaf.measure.id];
      const sample = range ? Math.max(leafFormat[i]!(range.max).length, leafFormat[i]!(range.min).length) + 2 : 8;
      return Math.round(Math.min(240, Math.max(96, sample * 7.2 + 24, headerWidth)));
    },
    [layout.ranges, leafFormat],
  );

  const columnDefs = useMemo<ColumnDef<PivotRow>[]>(() => {
    const leafIndex = new Map(leaves.map((l, i) => [l.key, i]));
    const toDef = (node: PivotHeaderNode): ColumnDef<PivotRow> => {
      const text = headerText(node.label, formats, labels);
      if (node.leaf) {
        const i = leafIndex.get(node.leaf.key)!;
        return {
          id: node.leaf.key,
          header: text,
          // TanStack sorts only columns with an accessor; the model does the sorting (manualSorting).
          accessorFn: (row: PivotRow) => row.cells[i]?.number ?? null,
          size: leafWidth(node.leaf, text, i),
          minSize: 56,
          maxSize: 480,
          sortDescFirst: true,
          meta: { node, leafIndex: i } satisfies ColumnMeta,
        };
      }
      return { id: node.key, header: text, columns: node.children.map(toDef), meta: { node, leafIndex: -1 } satisfies ColumnMeta };
    };
    return [
      {
        id: ROW_HEADER_ID,
        header: layout.rowDimensions.map((d) => d.label).join(' / '),
        accessorFn: (row: PivotRow) => row.value,
        size: rowHeaderWidth,
        minSize: 90,
        maxSize: 640,
        sortDescFirst: false,
        meta: { node: null, leafIndex: -1 } satisfies ColumnMeta,
      },
      ...layout.columnTree.map(toDef),
    ];
  }, [leaves, layout.columnTree, layout.rowDimensions, formats, labels, leafWidth, rowHeaderWidth]);

  const table = useReactTable({
    data: rows,
    columns: columnDefs,
    state: { sorting },
    onSortingChange: setSorting,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: true,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.key,
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
  });
  const headerGroups = table.getHeaderGroups();
  const leafColumns = table.getVisibleLeafColumns();
  const headerHeight = headerGroups.length * HEADER_HEIGHT;
  const footerHeight = grandTotal ? ROW_HEIGHT : 0;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useRowVirtualizer(rows.length, scrollRef, headerHeight, footerHeight);
  const items = virtualizer.getVirtualItems();
  const pad = spacers(items, virtualizer.getTotalSize(), headerHeight);

  // Keyboard focus: one cell of the grid is the tab stop (row index, column index; 0 = row header).
  const rowCount = rows.length + (grandTotal ? 1 : 0);
  const colCount = leaves.length + 1;
  const [focus, setFocus] = useState({ row: 0, col: 0 });
  const active = { row: Math.min(focus.row, Math.max(0, rowCount - 1)), col: Math.min(focus.col, colCount - 1) };
  const pendingFocus = useRef(false);
  useEffect(() => {
    if (!pendingFocus.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${active.row}:${active.col}"]`);
    if (el) {
      pendingFocus.current = false;
      el.focus();
    }
  });

  const rowAt = (r: number): PivotRow | null => (r < rows.length ? (rows[r] ?? null) : grandTotal);
  const selectorAt = (r: number, c: number): CellSelector | null => {
    const row = rowAt(r);
    if (!row) return null;
    if (c === 0) return row.selector;
    return row.cells[c - 1]?.selector ?? null;
  };
  // Selecting everything filters nothing: a grand total is drilled into, not selected.
  const select = (selector: CellSelector | null) => {
    if (selector && Object.keys(selector).length > 0) onSelect?.(selector);
  };

  const toggle = useCallback((key: string, expand?: boolean) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      const open = expand ?? next.has(key);
      if (open) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const moveTo = (row: number, col: number) => {
    const r = Math.max(0, Math.min(rowCount - 1, row));
    const c = Math.max(0, Math.min(colCount - 1, col));
    setFocus({ row: r, col: c });
    pendingFocus.current = true;
    if (r < rows.length) virtualizer.scrollToIndex(r, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rowCount === 0 || (e.target as HTMLElement).closest('thead')) return;
    const { row: r, col: c } = active;
    const row = rowAt(r);
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(r + 1, c);
        break;
      case 'ArrowUp':
        moveTo(r - 1, c);
        break;
      case 'ArrowRight':
        if (c === 0 && row && row.kind !== 'grand' && row.childCount > 0 && !row.expanded) toggle(row.key, true);
        else moveTo(r, c + 1);
        break;
      case 'ArrowLeft':
        if (c === 0 && row && row.kind !== 'grand' && row.childCount > 0 && row.expanded) toggle(row.key, false);
        else if (c === 0 && row?.parentKey) moveTo(rows.findIndex((x) => x.key === row.parentKey), 0);
        else moveTo(r, c - 1);
        break;
      case 'Home':
        moveTo(e.ctrlKey ? 0 : r, 0);
        break;
      case 'End':
        moveTo(e.ctrlKey ? rowCount - 1 : r, colCount - 1);
        break;
      case 'PageDown':
        moveTo(r + page, c);
        break;
      case 'PageUp':
        moveTo(r - page, c);
        break;
      case 'Enter': {
        const s = selectorAt(r, c);
        if (s) onDrill?.(s);
        break;
      }
      case ' ': {
        select(selectorAt(r, c));
        break;
      }
      case '+':
        if (row && row.kind !== 'grand' && row.childCount > 0) toggle(row.key, true);
        break;
      case '-':
        if (row && row.kind !== 'grand' && row.childCount > 0) toggle(row.key, false);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  // A cell focused by any means (click, tab, script) is where the keys act.
  const focusAt = (row: number, col: number) => setFocus((f) => (f.row === row && f.col === col ? f : { row, col }));

  // The second click of a double-click (a drill) leaves the selection as the first one set it.
  const clickCell = (e: MouseEvent, r: number, c: number, selector: CellSelector | null) => {
    setFocus({ row: r, col: c });
    if (e.detail <= 1) select(selector);
  };

  const scaleOf = (leaf: PivotLeafColumn, cell: PivotCell): string | null => {
    if (!colorScale || leaf.part !== 'value' || cell.total) return null;
    return scaleColor(scalePosition(layout.ranges[leaf.measure.id], cell.number, higherIsBetter === undefined ? 'range' : 'median'), display.theme, higherIsBetter);
  };

  const renderFigure = (cell: PivotCell | null, i: number, r: number) => {
    const c = i + 1;
    const leaf = leaves[i]!;
    const isSelected = cell !== null && sameSelector(cell.selector, selected);
    const classes = ['pivot-cell', 'num'];
    if (cell?.total || leaf.total) classes.push('is-total');
    if (isSelected) classes.push('is-selected');
    let content: ReactNode = null;
    let title: string | undefined;
    if (cell && leaf.part === 'change_pct') {
      const change = changeText(cell.number, formats);
      classes.push('pivot-change');
      if (change.direction && change.direction !== 'flat') {
        const good = (change.direction === 'up') === (higherIsBetter !== false);
        classes.push(good ? 'is-good' : 'is-bad');
      }
      if (change.direction) content = <ChangeFigure direction={change.direction} text={change.text} />;
      if (cell.previous !== null && cell.previous !== undefined) {
        const signed = signedFormatter(leaf.measure, formats);
        title = t('pivot.changeTitle', { previous: leafFormat[i]!(cell.previous), change: signed(cell.change ?? null) });
      }
    } else if (cell) {
      content = cell.number !== null ? leafFormat[i]!(cell.number) : formats.cell(cell.value);
    }
    const background = cell ? scaleOf(leaf, cell) : null;
    return (
      <td
        key={leaf.key}
        className={classes.join(' ')}
        data-cell={`${r}:${c}`}
        tabIndex={active.row === r && active.col === c ? 0 : -1}
        aria-selected={isSelected || undefined}
        style={background ? { backgroundColor: background } : undefined}
        title={title}
        onMouseDown={noDoubleClickSelection}
        onFocus={() => focusAt(r, c)}
        onClick={(e) => clickCell(e, r, c, cell?.selector ?? null)}
        onDoubleClick={() => cell && onDrill?.(cell.selector)}
      >
        {content}
      </td>
    );
  };

  const renderRow = (row: PivotRow, r: number) => {
    const label = rowText(row);
    const isGroup = row.childCount > 0 && row.kind !== 'grand';
    const headSelector = selectorAt(r, 0);
    const headSelected = headSelector !== null && Object.keys(headSelector).length > 0 && sameSelector(headSelector, selected);
    return (
      <tr
        key={row.key}
        className={`pivot-row pivot-row-${row.kind} ${row.hasValues ? '' : 'pivot-row-empty'}`}
        aria-level={row.kind === 'grand' ? undefined : row.depth + 1}
        aria-expanded={isGroup ? row.expanded : undefined}
        aria-rowindex={headerGroups.length + r + 1}
        data-testid={row.kind === 'grand' ? 'pivot-grand-total' : 'pivot-row'}
        data-key={row.key}
      >
        <th
          scope="row"
          className={`pivot-rowhead ${headSelected ? 'is-selected' : ''}`}
          style={{ paddingLeft: 6 + row.depth * INDENT }}
          data-cell={`${r}:0`}
          tabIndex={active.row === r && active.col === 0 ? 0 : -1}
          aria-selected={headSelected || undefined}
          title={label.length > 28 ? label : undefined}
          onMouseDown={noDoubleClickSelection}
          onFocus={() => focusAt(r, 0)}
          onClick={(e) => clickCell(e, r, 0, headSelector)}
          onDoubleClick={() => headSelector && onDrill?.(headSelector)}
        >
          {isGroup ? (
            <button
              type="button"
              className={`pivot-toggle ${row.expanded ? 'is-expanded' : ''}`}
              tabIndex={-1}
              aria-label={t(row.expanded ? 'pivot.collapse' : 'pivot.expand', { label })}
              data-testid="pivot-toggle"
              onClick={(e) => {
                e.stopPropagation();
                toggle(row.key);
              }}
              onDoubleClick={(e) => e.stopPropagation()}
            >
              <span aria-hidden="true">{GLYPH.expander}</span>
            </button>
          ) : (
            row.kind !== 'grand' && layout.rowDimensions.length > 1 && <span className="pivot-toggle-space" aria-hidden="true" />
          )}
          <span className="pivot-label">{label}</span>
        </th>
        {row.cells.map((cell, i) => renderFigure(cell, i, r))}
      </tr>
    );
  };

  const renderHeader = (header: Header<PivotRow, unknown>, rowSpan: number) => {
    const meta = header.column.columnDef.meta as ColumnMeta;
    const text = String(header.column.columnDef.header ?? '');
    const isLeaf = header.subHeaders.length === 0 || header.isPlaceholder;
    const isCorner = header.column.id === ROW_HEADER_ID;
    const direction = header.column.getIsSorted();
    const classes = ['pivot-th'];
    if (isCorner) classes.push('pivot-corner');
    else if (isLeaf) classes.push('num');
    else classes.push('pivot-th-group');
    if (meta.node?.total) classes.push('is-total');
    return (
      <th
        key={header.id}
        colSpan={header.colSpan > 1 ? header.colSpan : undefined}
        rowSpan={rowSpan > 1 ? rowSpan : undefined}
        scope={isLeaf ? 'col' : 'colgroup'}
        className={classes.join(' ')}
        aria-sort={isLeaf ? ariaSort(direction) : undefined}
        data-testid={isCorner ? 'pivot-corner' : isLeaf ? 'pivot-column-header' : 'pivot-group-header'}
      >
        <div className="pivot-th-inner">
          {isCorner && layout.groupKeys.length > 0 && (
            <span className="pivot-fold-all">
              <button
                type="button"
                className="pivot-fold-button"
                aria-label={t('pivot.expandAll')}
                title={t('pivot.expandAll')}
                data-testid="pivot-expand-all"
                onClick={() => setCollapsed(new Set())}
              >
                <span aria-hidden="true">{GLYPH.expandAll}</span>
              </button>
              <button
                type="button"
                className="pivot-fold-button"
                aria-label={t('pivot.collapseAll')}
                title={t('pivot.collapseAll')}
                data-testid="pivot-collapse-all"
                onClick={() => setCollapsed(new Set(layout.groupKeys))}
              >
                <span aria-hidden="true">{GLYPH.collapseAll}</span>
              </button>
            </span>
          )}
          {isLeaf ? (
            <button
              type="button"
              className="pivot-sort"
              onClick={header.column.getToggleSortingHandler()}
              title={t('pivot.sortBy', { column: text || labels.grandTotal })}
              data-testid="pivot-sort"
            >
              <span className="pivot-th-text">{text}</span>
              <SortIcon direction={direction} />
            </button>
          ) : (
            <span className="pivot-th-text" title={text}>
              {text}
            </span>
          )}
        </div>
        {isLeaf && <Resizer header={header} />}
      </th>
    );
  };

  const lastDepth = headerGroups.length - 1;
  return (
    <div className="pivot" data-testid={testId} data-theme-scale={display.theme}>
      {layout.empty ? (
        <div className="pivot-empty" data-testid="pivot-empty">
          {t('pivot.noData')}
        </div>
      ) : (
        <div
          ref={scrollRef}
          className="pivot-scroll"
          onKeyDown={onKeyDown}
          style={{ scrollPaddingTop: headerHeight, scrollPaddingBottom: footerHeight, scrollPaddingLeft: leafColumns[0]?.getSize() ?? 0 }}
        >
          <table
            className="pivot-table"
            role={layout.rowDimensions.length > 1 ? 'treegrid' : 'grid'}
            aria-label={props.label ?? t('pivot.tableLabel')}
            aria-description={t('pivot.keyboardHelp')}
            aria-rowcount={headerGroups.length + rowCount}
            aria-colcount={colCount}
            aria-multiselectable={false}
            style={{ width: table.getTotalSize() }}
          >
            <colgroup>
              {leafColumns.map((c) => (
                <col key={c.id} style={{ width: c.getSize() }} />
              ))}
            </colgroup>
            <thead>
              {headerGroups.map((group, depth) => (
                <tr key={group.id} className="pivot-head-row" style={{ height: HEADER_HEIGHT }} aria-rowindex={depth + 1}>
                  {group.headers.map((header) => {
                    // A leaf shallower than the deepest level spans down from its first level.
                    if (header.isPlaceholder) {
                      return header.column.depth === depth ? renderHeader(header, lastDepth - depth + 1) : null;
                    }
                    if (header.subHeaders.length === 0 && header.column.depth < depth) return null;
                    return renderHeader(header, 1);
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {pad.top > 0 && (
                <tr className="pivot-spacer" aria-hidden="true" style={{ height: pad.top }}>
                  <td colSpan={colCount} />
                </tr>
              )}
              {items.map((item) => {
                const row = rows[item.index];
                return row ? renderRow(row, item.index) : null;
              })}
              {pad.bottom > 0 && (
                <tr className="pivot-spacer" aria-hidden="true" style={{ height: pad.bottom }}>
                  <td colSpan={colCount} />
                </tr>
              )}
            </tbody>
            {grandTotal && <tfoot>{renderRow(grandTotal, rows.length)}</tfoot>}
          </table>
        </div>
      )}
    </div>
  );
}

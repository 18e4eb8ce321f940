// Pieces shared by the pivot and the flat results table: sizes, the sort indicator, the column
// resizer, the figure formatters of a display, and the virtualiser of their rows.
import type { Header, SortDirection } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, type MouseEvent, type RefObject } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { GLYPH, type ChangeDirection } from './glyphs';
import type { PivotLabels } from './pivot-format';

export const ROW_HEIGHT = 28;
export const HEADER_HEIGHT = 32;

export function SortIcon({ direction }: { direction: SortDirection | false }) {
  const glyph = direction === 'desc' ? GLYPH.down : GLYPH.up;
  return (
    <span className={`pivot-sort-icon ${direction ? 'is-active' : ''}`} aria-hidden="true">
      {glyph}
    </span>
  );
}

const CHANGE_WORD = { up: 'pivot.up', down: 'pivot.down', flat: 'pivot.flat' } as const;

/** A change as ▲/▼ and its size; the direction is also said in words for screen readers. */
export function ChangeFigure({ direction, text }: { direction: ChangeDirection; text: string }) {
  const t = useT();
  return (
    <>
      <span aria-hidden="true" className="pivot-arrow">
        {GLYPH[direction]}
      </span>
      <span className="visually-hidden">{t(CHANGE_WORD[direction])}</span>
      {text}
    </>
  );
}

export function ariaSort(direction: SortDirection | false): 'ascending' | 'descending' | 'none' {
  return direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
}

export function Resizer<T>({ header }: { header: Header<T, unknown> }) {
  return (
    <div
      className={`pivot-resizer ${header.column.getIsResizing() ? 'is-resizing' : ''}`}
      onMouseDown={header.getResizeHandler()}
      onTouchStart={header.getResizeHandler()}
      onDoubleClick={() => header.column.resetSize()}
      onClick={(e) => e.stopPropagation()}
      aria-hidden="true"
    />
  );
}

/** A double-click drills: keep it from selecting the figure's text (a single click still can). */
export function noDoubleClickSelection(e: MouseEvent): void {
  if (e.detail > 1) e.preventDefault();
}

/** The translated words around the figures. */
export function usePivotLabels(): PivotLabels {
  const t = useT();
  return useMemo(
    () => ({
      empty: t('pivot.empty'),
      yes: t('pivot.yes'),
      no: t('pivot.no'),
      grandTotal: t('pivot.grandTotal'),
      groupTotal: (value: string) => t('pivot.groupTotal', { value }),
      changePct: t('pivot.changePct'),
    }),
    [t],
  );
}

/**
 * The rows' virtualiser: only the rows in view (and a margin) exist in the DOM. `headerHeight` is
 * the sticky header's height above the first row, `footerHeight` the sticky footer's.
 */
export function useRowVirtualizer(count: number, scrollRef: RefObject<HTMLDivElement | null>, headerHeight: number, footerHeight: number) {
  return useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
    scrollPaddingEnd: footerHeight,
    // Before the element is measured (and when rendered on a server): a typical widget's height.
    initialRect: { width: 960, height: 640 },
  });
}

/** Spacer heights above and below the rendered rows. */
export function spacers(items: readonly { start: number; end: number }[], total: number, margin: number): { top: number; bottom: number } {
  if (items.length === 0) return { top: 0, bottom: 0 };
  return { top: items[0]!.start - margin, bottom: Math.max(0, total - (items[items.length - 1]!.end - margin)) };
}

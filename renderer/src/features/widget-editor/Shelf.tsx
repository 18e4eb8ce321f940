// One shelf (Rows, Columns, Values or Filters): a drop target for fields and chips, its chips in
// order. A chip opens its settings on click (or Enter), is removed with its ×, and is dragged to
// reorder it or to move it to another shelf.
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';
import type { ShelfId } from './editor-model';
import { SHELF_HINT_KEYS, SHELF_KEYS } from './labels';

export interface ShelfChip {
  id: string;
  label: string;
  /** A second line: the aggregation, the grain, the condition. */
  detail?: string;
  /** The chip names a field the source lacks, or the check found a problem in it. */
  invalid?: boolean;
  /** The settings shown when the chip is open. */
  settings: ReactNode;
}

interface ShelfProps {
  shelf: ShelfId;
  chips: readonly ShelfChip[];
  /** Whether something is being dragged that this shelf takes. */
  accepts: boolean;
  open: string | null;
  onOpen(id: string | null): void;
  onRemove(id: string): void;
  onDrop(index: number): void;
  onChipDragStart(id: string): void;
  onDragEnd(): void;
  footer?: ReactNode;
}

export function Shelf({ shelf, chips, accepts, open, onOpen, onRemove, onDrop, onChipDragStart, onDragEnd, footer }: ShelfProps) {
  const t = useT();
  const listRef = useRef<HTMLDivElement>(null);
  const [insertAt, setInsertAt] = useState<number | null>(null);

  const indexAt = (y: number): number => {
    const items = Array.from(listRef.current?.querySelectorAll<HTMLElement>(':scope > .we-chip') ?? []);
    let i = 0;
    for (const el of items) {
      const r = el.getBoundingClientRect();
      if (y > r.top + r.height / 2) i++;
    }
    return i;
  };
  const over = (e: DragEvent) => {
    if (!accepts) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    const i = indexAt(e.clientY);
    if (i !== insertAt) setInsertAt(i);
  };
  const drop = (e: DragEvent) => {
    if (!accepts) return;
    e.preventDefault();
    const i = indexAt(e.clientY);
    setInsertAt(null);
    onDrop(i);
  };

  return (
    <section
      className={`we-shelf ${accepts ? 'we-shelf-accepts' : ''} ${insertAt !== null ? 'we-shelf-over' : ''}`}
      data-testid={`shelf-${shelf}`}
      aria-label={t(SHELF_KEYS[shelf])}
      onDragOver={over}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setInsertAt(null);
      }}
      onDrop={drop}
    >
      <h3 className="we-shelf-title">{t(SHELF_KEYS[shelf])}</h3>
      <div className="we-shelf-list" ref={listRef}>
        {chips.map((chip, i) => (
          <div
            key={chip.id}
            className={`we-chip we-chip-${shelf} ${chip.invalid ? 'we-chip-invalid' : ''} ${open === chip.id ? 'we-chip-open' : ''} ${insertAt === i ? 'we-insert-before' : ''}`}
            data-testid={`chip-${shelf}-${chip.id}`}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', chip.id);
              onChipDragStart(chip.id);
            }}
            onDragEnd={onDragEnd}
          >
            <div className="we-chip-row">
              <button
                type="button"
                className="we-chip-main"
                aria-expanded={open === chip.id}
                data-testid={`chip-${shelf}-${chip.id}-open`}
                onClick={() => onOpen(open === chip.id ? null : chip.id)}
              >
                <span className="we-chip-label">{chip.label}</span>
                {chip.detail && <span className="we-chip-detail">{chip.detail}</span>}
              </button>
              <button
                type="button"
                className="icon-button we-chip-remove"
                aria-label={t('editor.removeChip', { name: chip.label })}
                title={t('editor.removeChip', { name: chip.label })}
                data-testid={`chip-${shelf}-${chip.id}-remove`}
                onClick={() => onRemove(chip.id)}
              >
                ×
              </button>
            </div>
            {open === chip.id && (
              <div
                className="we-chip-settings"
                data-testid={`chip-settings-${chip.id}`}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    e.stopPropagation();
                    onOpen(null);
                  }
                }}
              >
                {chip.settings}
              </div>
            )}
          </div>
        ))}
        {insertAt === chips.length && chips.length > 0 && <div className="we-insert-end" />}
        {chips.length === 0 && <div className="we-shelf-hint">{t(SHELF_HINT_KEYS[shelf])}</div>}
      </div>
      {footer}
    </section>
  );
}

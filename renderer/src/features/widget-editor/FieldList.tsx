// The field list: "number of rows", then the source's fields by role entity and source, with a
// search. A field is dragged onto a shelf, clicked (it goes to the most sensible shelf), or added
// from its "add to…" menu with the keyboard.
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { TypeBadge } from '../../ui/TypeBadge';
import { COUNT_ROWS, SHELVES, type DragItem, type ShelfId } from './editor-model';
import { fieldDisplayName, fieldSections, foldText, type EditorField } from './fields';
import { GROUP_KEYS, roleLabel, SHELF_KEYS } from './labels';
import { SearchBox } from './SearchBox';

/** Groups where a joined source's column is worth naming its source (an Account field comes from accounts anyway). */
const ORIGIN_GROUPS: ReadonlySet<string> = new Set(['deal', 'rep', 'time']);

/** "Account type" and "account_type" say the same: the role is not repeated. */
function sameWords(a: string, b: string): boolean {
  const words = (x: string) => foldText(x).replace(/[^a-z0-9]+/g, ' ').trim();
  return words(a) === words(b);
}

interface FieldListProps {
  fields: readonly EditorField[];
  onClick(item: DragItem): void;
  onAdd(item: DragItem, shelf: ShelfId): void;
  onDragStart(item: DragItem): void;
  onDragEnd(): void;
}

export function FieldList({ fields, onClick, onAdd, onDragStart, onDragEnd }: FieldListProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const sections = fieldSections(fields, query, (r) => roleLabel(t, r));
  const countMatches = query.trim() === '' || t('editor.countRows').toLowerCase().includes(query.trim().toLowerCase());

  return (
    <div className="we-field-list">
      <SearchBox value={query} onChange={setQuery} label={t('editor.searchFields')} testId="field-search" />
      <div className="we-field-scroll" role="list" aria-label={t('editor.fields')}>
        {countMatches && (
          <FieldRow
            item={COUNT_ROWS}
            name={t('editor.countRows')}
            role={null}
            kind="number"
            testId="field-count_rows"
            onClick={onClick}
            onAdd={onAdd}
            onDragStart={onDragStart}
            onDragEnd={onDragEnd}
          />
        )}
        {sections.map((section) => (
          <div key={`${section.group}:${section.origin ?? ''}`} className="we-field-section" role="group" aria-label={t(GROUP_KEYS[section.group])}>
            <div className="we-field-section-title">
              {section.origin === null ? t(GROUP_KEYS[section.group]) : t('editor.groupOtherFrom', { source: section.origin })}
            </div>
            {section.fields.map((f) => (
              <FieldRow
                key={f.column}
                item={f}
                name={fieldDisplayName(f, fields)}
                role={f.role ? roleLabel(t, f.role) : null}
                kind={f.kind}
                type={f.type}
                origin={section.origin === null && ORIGIN_GROUPS.has(section.group) && f.origin !== fields[0]?.origin ? f.origin : null}
                testId={`field-${f.column}`}
                onClick={onClick}
                onAdd={onAdd}
                onDragStart={onDragStart}
                onDragEnd={onDragEnd}
              />
            ))}
          </div>
        ))}
        {sections.length === 0 && !countMatches && <div className="we-empty">{t('editor.noFieldMatches')}</div>}
      </div>
    </div>
  );
}

interface FieldRowProps {
  item: DragItem;
  name: string;
  role: string | null;
  kind: EditorField['kind'];
  type?: string;
  origin?: string | null;
  testId: string;
  onClick(item: DragItem): void;
  onAdd(item: DragItem, shelf: ShelfId): void;
  onDragStart(item: DragItem): void;
  onDragEnd(): void;
}

function FieldRow({ item, name, role, kind, type, origin, testId, onClick, onAdd, onDragStart, onDragEnd }: FieldRowProps) {
  const t = useT();
  const [menu, setMenu] = useState(false);
  const start = (e: DragEvent) => {
    e.dataTransfer.effectAllowed = 'copy';
    e.dataTransfer.setData('text/plain', item === COUNT_ROWS ? COUNT_ROWS : item.column);
    onDragStart(item);
  };
  return (
    <div className="we-field" role="listitem" draggable onDragStart={start} onDragEnd={onDragEnd} data-testid={testId}>
      <button type="button" className="we-field-main" onClick={() => onClick(item)} title={t('editor.fieldClickHint')}>
        {item === COUNT_ROWS ? <span className="type-badge type-number">#</span> : <TypeBadge kind={kind} type={type} />}
        <span className="we-field-name">{name}</span>
        {role !== null && !sameWords(role, name) && <span className="we-field-role">{role}</span>}
        {origin && <span className="we-field-origin">{origin}</span>}
      </button>
      <button
        type="button"
        className="icon-button we-field-add"
        aria-haspopup="menu"
        aria-expanded={menu}
        aria-label={t('editor.addFieldTo', { field: name })}
        title={t('editor.addFieldTo', { field: name })}
        data-testid={`${testId}-add`}
        onClick={() => setMenu((m) => !m)}
      >
        +
      </button>
      {menu && (
        <AddMenu
          item={item}
          onPick={(shelf) => {
            setMenu(false);
            onAdd(item, shelf);
          }}
          onClose={() => setMenu(false)}
        />
      )}
    </div>
  );
}

/** "Add to Rows / Columns / Values / Filters", navigable with the arrow keys. */
function AddMenu({ item, onPick, onClose }: { item: DragItem; onPick(shelf: ShelfId): void; onClose(): void }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const shelves = item === COUNT_ROWS ? (['values'] as ShelfId[]) : SHELVES;
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  const onKey = (e: KeyboardEvent) => {
    const items = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };
  return (
    <div className="we-menu" role="menu" ref={ref} onKeyDown={onKey} onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && onClose()}>
      {shelves.map((shelf) => (
        <button key={shelf} type="button" role="menuitem" className="we-menu-item" data-testid={`add-to-${shelf}`} onClick={() => onPick(shelf)}>
          {t('editor.addTo', { shelf: t(SHELF_KEYS[shelf]) })}
        </button>
      ))}
    </div>
  );
}

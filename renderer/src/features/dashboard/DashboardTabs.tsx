// The dashboards as tabs: click to open, double-click (or F2, or the tab's menu) to rename in place,
// drag to reorder (or "Move left/right" in the menu), "+" to add. Arrow keys move between tabs.
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { Dashboard } from '../../../../shared/dashboard/types';
import { useT } from '../../i18n/I18nProvider';
import { ChevronDownIcon } from '../../ui/icons';
import { Menu } from './Menu';
import { moveId } from './dashboard-ops';

interface DashboardTabsProps {
  dashboards: readonly Dashboard[];
  activeId: string | null;
  onActivate(id: string): void;
  onAdd(): void;
  onRename(id: string, name: string): void;
  onDuplicate(id: string): void;
  onRemove(id: string): void;
  onReorder(order: string[]): void;
}

export function DashboardTabs(props: DashboardTabsProps) {
  const { dashboards, activeId, onActivate, onAdd, onRename, onDuplicate, onRemove, onReorder } = props;
  const t = useT();
  const [editing, setEditing] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const ids = dashboards.map((d) => d.id);

  const focusTab = (id: string) => {
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-tab-id="${id}"]`)?.focus());
  };

  const onTabKey = (e: KeyboardEvent, index: number, id: string) => {
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (index + 1) % ids.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + ids.length) % ids.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = ids.length - 1;
    else if (e.key === 'F2') {
      e.preventDefault();
      setEditing(id);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    const target = ids[next]!;
    onActivate(target);
    focusTab(target);
  };

  const move = (id: string, delta: number) => {
    const from = ids.indexOf(id);
    onReorder(moveId(ids, from, from + delta));
    focusTab(id);
  };

  const onDrop = (e: DragEvent, targetId: string) => {
    e.preventDefault();
    const from = dragging ? ids.indexOf(dragging) : -1;
    const to = ids.indexOf(targetId);
    setDragging(null);
    setDropAt(null);
    if (from >= 0 && to >= 0 && from !== to) onReorder(moveId(ids, from, to));
  };

  return (
    <div className="dash-tabs" data-testid="dashboard-tabs">
      <div ref={listRef} className="dash-tablist" role="tablist" aria-label={t('dashboard.tabsLabel')}>
        {dashboards.map((d, index) => {
          const active = d.id === activeId;
          return (
            <div
              key={d.id}
              className={`dash-tab ${active ? 'dash-tab-active' : ''} ${dropAt === d.id && dragging !== d.id ? 'dash-tab-drop' : ''}`}
              draggable={editing !== d.id}
              onDragStart={(e) => {
                setDragging(d.id);
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', d.id);
              }}
              onDragOver={(e) => {
                if (!dragging) return;
                e.preventDefault();
                setDropAt(d.id);
              }}
              onDragLeave={() => setDropAt((x) => (x === d.id ? null : x))}
              onDrop={(e) => onDrop(e, d.id)}
              onDragEnd={() => {
                setDragging(null);
                setDropAt(null);
              }}
              data-testid={`dashboard-tab-${index}`}
            >
              {editing === d.id ? (
                <RenameInput
                  initial={d.name}
                  label={t('dashboard.renameLabel')}
                  onDone={(name) => {
                    setEditing(null);
                    if (name !== null) onRename(d.id, name);
                    focusTab(d.id);
                  }}
                />
              ) : (
                <button
                  type="button"
                  role="tab"
                  className="dash-tab-button"
                  aria-selected={active}
                  tabIndex={active ? 0 : -1}
                  data-tab-id={d.id}
                  title={t('dashboard.tabHint')}
                  onClick={() => onActivate(d.id)}
                  onDoubleClick={() => setEditing(d.id)}
                  onKeyDown={(e) => onTabKey(e, index, d.id)}
                >
                  {d.name}
                </button>
              )}
              {active && editing !== d.id && (
                <Menu
                  label={t('dashboard.tabMenu', { name: d.name })}
                  testId="dashboard-tab-menu"
                  align="start"
                  className="dash-tab-menu"
                  items={[
                    { id: 'rename', label: t('common.rename'), onSelect: () => setEditing(d.id) },
                    { id: 'duplicate', label: t('common.duplicate'), onSelect: () => onDuplicate(d.id) },
                    { id: 'move-left', label: t('dashboard.moveLeft'), disabled: index === 0, onSelect: () => move(d.id, -1) },
                    { id: 'move-right', label: t('dashboard.moveRight'), disabled: index === ids.length - 1, onSelect: () => move(d.id, 1) },
                    { id: 'remove', label: t('common.remove'), danger: true, onSelect: () => onRemove(d.id) },
                  ]}
                >
                  <ChevronDownIcon />
                </Menu>
              )}
            </div>
          );
        })}
      </div>
      <button type="button" className="dash-tab-add" onClick={onAdd} title={t('dashboard.add')} aria-label={t('dashboard.add')} data-testid="dashboard-add">
        <span aria-hidden="true">+</span>
      </button>
    </div>
  );
}

/** An in-place text field: Enter or leaving it keeps the text, Escape gives up (onDone(null)). */
export function RenameInput({
  initial,
  label,
  onDone,
  className,
  testId = 'rename-input',
}: {
  initial: string;
  label: string;
  onDone(value: string | null): void;
  className?: string;
  testId?: string;
}) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const finish = (v: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(v === null || v.trim() === '' ? null : v.trim());
  };
  return (
    <input
      className={`input input-compact rename-input ${className ?? ''}`}
      aria-label={label}
      value={value}
      autoFocus
      maxLength={200}
      data-testid={testId}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onMouseDown={(e) => e.stopPropagation()}
      onBlur={() => finish(value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(value);
        else if (e.key === 'Escape') finish(null);
      }}
    />
  );
}

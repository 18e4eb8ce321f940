// A menu button (WAI-ARIA menu pattern): Enter, Space or ArrowDown opens it on the first item,
// ArrowUp on the last; arrows, Home and End move; Enter or Space chooses; Escape or Tab closes and
// gives the focus back to the button. Items may be grouped under a heading and checked (radio).
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuItem {
  id: string;
  label: string;
  onSelect(): void;
  disabled?: boolean;
  danger?: boolean;
  /** Shown as a radio item when defined. */
  checked?: boolean;
  /** Starts a group with this heading. */
  group?: string;
  /** Starts a group without heading (a line). */
  separator?: boolean;
}

interface MenuProps {
  /** Accessible name of the button. */
  label: string;
  items: readonly MenuItem[];
  /** The button's content (an icon). */
  children: ReactNode;
  className?: string;
  testId?: string;
  align?: 'start' | 'end';
}

export function Menu({ label, items, children, className, testId, align = 'end' }: MenuProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const enabled = items.map((item, i) => (item.disabled ? -1 : i)).filter((i) => i >= 0);

  const close = useCallback((focusButton: boolean) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  }, []);

  const openAt = (which: 'first' | 'last') => {
    setActive(which === 'first' ? (enabled[0] ?? 0) : (enabled[enabled.length - 1] ?? 0));
    setOpen(true);
  };

  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!listRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open, close]);

  const move = (delta: number) => {
    if (enabled.length === 0) return;
    const at = enabled.indexOf(active);
    setActive(enabled[(at + delta + enabled.length) % enabled.length]!);
  };

  const onMenuKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'Home') setActive(enabled[0] ?? 0);
    else if (e.key === 'End') setActive(enabled[enabled.length - 1] ?? 0);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') {
      close(true);
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    close(true);
    item.onSelect();
  };

  return (
    <div className={`menu ${className ?? ''}`}>
      <button
        ref={buttonRef}
        type="button"
        className="menu-button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-testid={testId}
        onClick={() => (open ? close(false) : openAt('first'))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            openAt('first');
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            openAt('last');
          }
        }}
        // The grid must not start dragging from the menu button.
        onMouseDown={(e) => e.stopPropagation()}
      >
        {children}
      </button>
      {open && (
        <div
          ref={listRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className={`menu-list menu-list-${align}`}
          onKeyDown={onMenuKey}
          onMouseDown={(e) => e.stopPropagation()}
          data-testid={testId ? `${testId}-list` : undefined}
        >
          {items.map((item, i) => (
            <MenuRow key={item.id} item={item} index={i} active={i === active} onChoose={choose} onHover={setActive} />
          ))}
        </div>
      )}
    </div>
  );
}

function MenuRow({
  item,
  index,
  active,
  onChoose,
  onHover,
}: {
  item: MenuItem;
  index: number;
  active: boolean;
  onChoose(item: MenuItem): void;
  onHover(index: number): void;
}) {
  return (
    <>
      {item.separator && !item.group && <div className="menu-separator" role="separator" />}
      {item.group && (
        <div className="menu-group" role="presentation">
          {item.group}
        </div>
      )}
      <div
        role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
        aria-checked={item.checked}
        aria-disabled={item.disabled || undefined}
        tabIndex={active ? 0 : -1}
        data-index={index}
        data-testid={`menu-item-${item.id}`}
        className={`menu-item ${item.danger ? 'menu-item-danger' : ''} ${item.checked ? 'menu-item-checked' : ''}`}
        onClick={() => onChoose(item)}
        onMouseEnter={() => !item.disabled && onHover(index)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            onChoose(item);
          }
        }}
      >
        {item.label}
      </div>
    </>
  );
}

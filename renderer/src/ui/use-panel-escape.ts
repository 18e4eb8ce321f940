// A side panel's keyboard contract: it takes the focus when it opens, Escape closes it, and the
// focus goes back to what opened it when it closes.
import { useEffect, useRef, type RefObject } from 'react';

/**
 * `onlyWhenShown`: Escape is for the panel only while it has a box (a panel of a tab not shown,
 * display: none, leaves Escape alone).
 */
export function usePanelEscape(panelRef: RefObject<HTMLElement | null>, onClose: () => void, onlyWhenShown = false): void {
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    panelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && (!onlyWhenShown || (panelRef.current?.getClientRects().length ?? 0) > 0)) {
        e.preventDefault();
        onCloseRef.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
    // Once per panel: the latest onClose is read through its ref.
  }, []);
}

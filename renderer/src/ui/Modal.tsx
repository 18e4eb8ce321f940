// A modal dialog: a backdrop over the app, focus kept inside, Escape to close (when allowed).
import { useEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  /** Accessible name of the dialog. */
  label: string;
  /** Escape calls this; omit to make the dialog stay (a running import). */
  onClose?: () => void;
  className?: string;
  testId?: string;
  children: ReactNode;
}

const FOCUSABLE = 'button:not([disabled]), select:not([disabled]), input:not([disabled]), textarea, [href], [tabindex]:not([tabindex="-1"])';

export function Modal({ label, onClose, className, testId, children }: ModalProps) {
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => previous?.focus?.();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && onCloseRef.current) {
        e.preventDefault();
        onCloseRef.current();
      }
      if (e.key === 'Tab' && ref.current) {
        // Keep Tab inside the dialog.
        const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null);
        const firstItem = items[0];
        const lastItem = items[items.length - 1];
        if (!firstItem || !lastItem) return;
        if (e.shiftKey && (document.activeElement === firstItem || document.activeElement === ref.current)) {
          e.preventDefault();
          lastItem.focus();
        } else if (!e.shiftKey && document.activeElement === lastItem) {
          e.preventDefault();
          firstItem.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    // A click beside the dialog does not close it: settings chosen with care are not lost to a stray click.
    <div className="modal-backdrop">
      <div
        ref={ref}
        className={`modal ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        tabIndex={-1}
        data-testid={testId}
      >
        {children}
      </div>
    </div>
  );
}

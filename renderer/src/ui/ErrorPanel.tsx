import type { ReactNode } from 'react';
import type { QdError } from '../../../shared/api';

/** "broken.csv · line 4 · column 2": where an error happened, when the engine knows. */
export function locationText(error: QdError): string | null {
  const loc = error.location;
  if (!loc) return null;
  const parts: string[] = [];
  if (loc.file) parts.push(loc.file);
  if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.column !== undefined) parts.push(`column ${loc.column}`);
  if (loc.field) parts.push(`field ${loc.field}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

interface ErrorPanelProps {
  title: string;
  error: QdError;
  /** What the user should know next ("The workspace is unchanged."). */
  note?: ReactNode;
  onDismiss?: () => void;
  /** Label of the dismiss button ("Retry" when dismissing tries again). */
  dismissLabel?: string;
  testId?: string;
  compact?: boolean;
}

export function ErrorPanel({ title, error, note, onDismiss, dismissLabel = 'Dismiss', testId, compact }: ErrorPanelProps) {
  const where = locationText(error);
  return (
    <div className={`error-panel ${compact ? 'error-panel-compact' : ''}`} role="alert" data-testid={testId}>
      <div className="error-panel-icon" aria-hidden="true">!</div>
      <div className="error-panel-body">
        <div className="error-panel-title">{title}</div>
        <div className="error-panel-message">{error.message}</div>
        {where && (
          <div className="error-panel-location">
            <span className="error-panel-location-label">Location</span> {where}
          </div>
        )}
        {note && <div className="error-panel-note">{note}</div>}
        {error.detail && error.detail !== error.message && (
          <details className="error-panel-detail">
            <summary>Technical details</summary>
            <pre>{error.detail}</pre>
          </details>
        )}
      </div>
      {onDismiss && (
        <button type="button" className="button button-ghost button-small" onClick={onDismiss}>
          {dismissLabel}
        </button>
      )}
    </div>
  );
}

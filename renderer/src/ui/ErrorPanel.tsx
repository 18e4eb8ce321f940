import type { ReactNode } from 'react';
import type { QdError } from '../../../shared/api';
import { errorLocationParts, errorMessage, errorTitle, isTranslatedError } from '../../../shared/i18n';
import { useLanguage, useT, type TFunction } from '../i18n/I18nProvider';

/** "broken.csv · line 4 · column 2": where an error happened, when the engine knows. */
export function locationText(t: TFunction, error: QdError): string | null {
  const parts = errorLocationParts(t, error.location);
  return parts.length > 0 ? parts.join(' · ') : null;
}

interface ErrorPanelProps {
  /** What failed, in the user's words ("Could not read deals.csv"); the error code's title otherwise. */
  title?: string;
  error: QdError;
  /** What the user should know next ("The workspace is unchanged."). */
  note?: ReactNode;
  onDismiss?: () => void;
  /** Label of the dismiss button ("Retry" when dismissing tries again). */
  dismissLabel?: string;
  testId?: string;
  compact?: boolean;
}

/**
 * An error as the user reads it: the title, the engine's message in the user's language when the
 * engine gave its catalog key (else its English message, marked as English), where it happened and
 * what to do next; the technical detail folded away.
 */
export function ErrorPanel({ title, error, note, onDismiss, dismissLabel, testId, compact }: ErrorPanelProps) {
  const t = useT();
  const { language } = useLanguage();
  const where = locationText(t, error);
  const translated = isTranslatedError(error);
  const message = errorMessage(t, error);
  return (
    <div className={`error-panel ${compact ? 'error-panel-compact' : ''}`} role="alert" data-testid={testId}>
      <div className="error-panel-icon" aria-hidden="true">
        !
      </div>
      <div className="error-panel-body">
        <div className="error-panel-title">{title ?? errorTitle(t, error.code)}</div>
        <div
          className="error-panel-message"
          lang={translated ? undefined : 'en'}
          title={!translated && language !== 'en' ? t('ui.englishMessage') : undefined}
        >
          {message}
        </div>
        {where && (
          <div className="error-panel-location">
            <span className="error-panel-location-label">{t('ui.location')}</span> {where}
          </div>
        )}
        {note && <div className="error-panel-note">{note}</div>}
        {error.detail && error.detail !== error.message && (
          <details className="error-panel-detail">
            <summary>{t('ui.technicalDetails')}</summary>
            <pre lang="en">{error.detail}</pre>
          </details>
        )}
      </div>
      {onDismiss && (
        <button type="button" className="button button-ghost button-small" onClick={onDismiss}>
          {dismissLabel ?? t('ui.dismiss')}
        </button>
      )}
    </div>
  );
}

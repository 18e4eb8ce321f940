import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { QdError, SourceInfo } from '../../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { Modal } from '../../ui/Modal';

/** When a file was imported, in the UI language ("Mar 5, 2026, 10:32 AM"); empty when unknown. */
function useImportedText(): (iso: string) => string {
  const intl = useIntl();
  return (iso) => {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    return intl.formatDate(d, { dateStyle: 'medium', timeStyle: 'short' });
  };
}

interface SourceHeaderProps {
  source: SourceInfo;
  /** Removes the source; resolves to the error when it could not. */
  onRemove?: (name: string) => Promise<QdError | null>;
}

export function SourceHeader({ source, onRemove }: SourceHeaderProps) {
  const t = useT();
  const imported = useImportedText()(source.importedAt);
  const [confirming, setConfirming] = useState(false);
  return (
    <header className="source-header">
      <div className="source-header-row">
        <h1 className="source-title">{source.name}</h1>
        {source.snapshots && source.snapshots.length > 0 && <SnapshotMenu source={source} />}
        <span className="source-header-spacer" />
        {onRemove && (
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => setConfirming(true)}
            data-testid="remove-source"
          >
            {t('sources.removeSource')}
          </button>
        )}
      </div>
      <div className="source-meta">
        <span title={t('sources.importedFrom')}>{source.file}</span>
        <span className="dot" aria-hidden="true" />
        <span data-testid="row-count">{t('common.rows', { count: source.rowCount })}</span>
        <span className="dot" aria-hidden="true" />
        <span data-testid="column-count">{t('common.columns', { count: source.columns.length })}</span>
        {imported && (
          <>
            <span className="dot" aria-hidden="true" />
            <span className="muted">{t('sources.importedAt', { when: imported })}</span>
          </>
        )}
      </div>
      {confirming && onRemove && <RemoveDialog source={source} onRemove={onRemove} onClose={() => setConfirming(false)} />}
    </header>
  );
}

/** The dated exports of a source, newest first; the latest is the one the views show. */
function SnapshotMenu({ source }: { source: SourceInfo }) {
  const t = useT();
  const importedText = useImportedText();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const snapshots = [...source.snapshots].reverse();
  const latest = snapshots[0]!;
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="snapshot-menu" ref={ref}>
      <button
        type="button"
        className="snapshot-button"
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen(!open)}
        data-testid="snapshot-menu"
        title={t('sources.snapshotMenuTitle')}
      >
        {t('sources.snapshotOf', { date: latest.date })}
        {snapshots.length > 1 && (
          <span className="muted">
            {' · '}
            {t('sources.snapshots', { count: snapshots.length })}
          </span>
        )}
        <span aria-hidden="true" className="snapshot-caret">
          ▾
        </span>
      </button>
      {open && (
        <div className="snapshot-popover" role="dialog" aria-label={t('sources.snapshotsOf', { name: source.name })} data-testid="snapshot-list">
          <div className="snapshot-popover-title">{t('sources.snapshotListTitle', { count: snapshots.length })}</div>
          <ul>
            {snapshots.map((s, i) => (
              <li
                key={s.date}
                className={i === 0 ? 'snapshot-latest' : undefined}
                title={t('sources.snapshotFrom', { file: s.file, when: importedText(s.importedAt) })}
              >
                <span className="snapshot-date">{s.date}</span>
                <span className="snapshot-rows">{t('common.rows', { count: s.rowCount })}</span>
                <span className="snapshot-note">{i === 0 ? t('sources.latestShown') : s.file}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function RemoveDialog({ source, onRemove, onClose }: { source: SourceInfo; onRemove: (name: string) => Promise<QdError | null>; onClose: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<QdError | null>(null);
  const count = source.snapshots?.length ?? 1;
  return (
    <Modal label={t('sources.removeLabel', { name: source.name })} onClose={busy ? undefined : onClose} className="confirm-dialog" testId="remove-dialog">
      <h2 className="confirm-title">{t('sources.removeTitle', { name: source.name })}</h2>
      <p>
        {count > 1
          ? t('sources.removeManySnapshots', { count, rows: source.rowCount })
          : t('sources.removeOneSnapshot', { rows: source.rowCount })}
      </p>
      {error && <ErrorPanel title={t('sources.removeFailed')} error={error} compact />}
      <div className="confirm-actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          {t('sources.keepIt')}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          data-testid="confirm-remove"
          onClick={() => {
            setBusy(true);
            void onRemove(source.name).then((e) => {
              setBusy(false);
              if (e) setError(e);
              else onClose();
            });
          }}
        >
          {busy ? t('sources.removing') : t('sources.removeConfirm')}
        </button>
      </div>
    </Modal>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { QdError, SourceInfo } from '../../../../shared/api';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { formatInteger } from '../../ui/format';
import { Modal } from '../../ui/Modal';

function importedText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

interface SourceHeaderProps {
  source: SourceInfo;
  /** Removes the source; resolves to the error when it could not. */
  onRemove?: (name: string) => Promise<QdError | null>;
}

export function SourceHeader({ source, onRemove }: SourceHeaderProps) {
  const imported = importedText(source.importedAt);
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
            Remove source…
          </button>
        )}
      </div>
      <div className="source-meta">
        <span title="Imported from">{source.file}</span>
        <span className="dot" aria-hidden="true" />
        <span data-testid="row-count">
          {formatInteger(source.rowCount)} {source.rowCount === 1 ? 'row' : 'rows'}
        </span>
        <span className="dot" aria-hidden="true" />
        <span data-testid="column-count">
          {formatInteger(source.columns.length)} {source.columns.length === 1 ? 'column' : 'columns'}
        </span>
        {imported && (
          <>
            <span className="dot" aria-hidden="true" />
            <span className="muted">Imported {imported}</span>
          </>
        )}
      </div>
      {confirming && onRemove && <RemoveDialog source={source} onRemove={onRemove} onClose={() => setConfirming(false)} />}
    </header>
  );
}

/** The dated exports of a source, newest first; the latest is the one the views show. */
function SnapshotMenu({ source }: { source: SourceInfo }) {
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
        title="The dated exports of this source"
      >
        Snapshot of {latest.date}
        {snapshots.length > 1 && <span className="muted"> · {snapshots.length} snapshots</span>}
        <span aria-hidden="true" className="snapshot-caret">
          ▾
        </span>
      </button>
      {open && (
        <div className="snapshot-popover" role="dialog" aria-label={`Snapshots of ${source.name}`} data-testid="snapshot-list">
          <div className="snapshot-popover-title">
            {snapshots.length} {snapshots.length === 1 ? 'snapshot' : 'snapshots'}, newest first
          </div>
          <ul>
            {snapshots.map((s, i) => (
              <li key={s.date} className={i === 0 ? 'snapshot-latest' : undefined} title={`From ${s.file}, imported ${importedText(s.importedAt)}`}>
                <span className="snapshot-date">{s.date}</span>
                <span className="snapshot-rows">{formatInteger(s.rowCount)} rows</span>
                <span className="snapshot-note">{i === 0 ? 'latest, shown' : s.file}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function RemoveDialog({ source, onRemove, onClose }: { source: SourceInfo; onRemove: (name: string) => Promise<QdError | null>; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<QdError | null>(null);
  const count = source.snapshots?.length ?? 1;
  return (
    <Modal label={`Remove ${source.name}`} onClose={busy ? undefined : onClose} className="confirm-dialog" testId="remove-dialog">
      <h2 className="confirm-title">Remove “{source.name}”?</h2>
      <p>
        {count > 1
          ? `Its ${count} snapshots (${formatInteger(source.rowCount)} rows in the latest) are deleted from this workspace.`
          : `Its ${formatInteger(source.rowCount)} rows are deleted from this workspace.`}{' '}
        Analyses built on it will have nothing to show. The files you imported are not touched.
      </p>
      {error && <ErrorPanel title="Could not remove the source" error={error} compact />}
      <div className="confirm-actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Keep it
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
          {busy ? 'Removing…' : 'Remove source'}
        </button>
      </div>
    </Modal>
  );
}

// What the user sees of an import: progress with Cancel, the located error, or a short notice.
import { ErrorPanel } from '../../ui/ErrorPanel';
import { formatInteger } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import type { ImportState } from './use-import';

interface ImportStatusProps {
  state: ImportState;
  onCancel: () => void;
  onDismiss: () => void;
}

export function ImportStatus({ state, onCancel, onDismiss }: ImportStatusProps) {
  switch (state.status) {
    case 'idle':
      return null;
    case 'running': {
      const fraction = state.phase === 'upload' ? null : (state.progress?.fraction ?? null);
      const message = state.phase === 'upload' ? 'Uploading…' : (state.progress?.message ?? 'Importing…');
      return (
        <div className="notice notice-progress" data-testid="import-progress">
          <div className="notice-row">
            <div className="notice-text">
              <strong>Importing {state.fileName}</strong>
              <span className="muted">
                {message}
                {fraction !== null ? ` · ${Math.round(fraction * 100)}%` : ''}
              </span>
            </div>
            <button
              type="button"
              className="button button-small"
              onClick={onCancel}
              disabled={state.cancelling}
              data-testid="import-cancel"
            >
              {state.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
          <ProgressBar fraction={fraction} label={`Importing ${state.fileName}`} />
        </div>
      );
    }
    case 'failed':
      return (
        <ErrorPanel
          title={state.fileName ? `Could not import ${state.fileName}` : 'Could not import the file'}
          error={state.error}
          note="Nothing was imported: the workspace is unchanged."
          onDismiss={onDismiss}
          testId="import-error"
        />
      );
    case 'cancelled':
      return (
        <div className="notice" data-testid="import-cancelled">
          <div className="notice-row">
            <div className="notice-text">
              <strong>Import of {state.fileName} cancelled</strong>
              <span className="muted">The workspace is unchanged.</span>
            </div>
            <button type="button" className="button button-ghost button-small" onClick={onDismiss}>
              Dismiss
            </button>
          </div>
        </div>
      );
    case 'done':
      return (
        <div className="notice notice-success" data-testid="import-done">
          <div className="notice-row">
            <div className="notice-text">
              <strong>Imported {state.source.file}</strong>
              <span className="muted">
                {formatInteger(state.source.rowCount)} rows and {formatInteger(state.source.columns.length)} columns in
                “{state.source.name}”.
              </span>
            </div>
            <button type="button" className="button button-ghost button-small" onClick={onDismiss}>
              Dismiss
            </button>
          </div>
        </div>
      );
  }
}

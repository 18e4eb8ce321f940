// The short summary shown after an import: what went where, and what to know about it.
import { useEffect, useState } from 'react';
import type { ImportReport } from '../../../../shared/import/types';
import { formatInteger } from '../../ui/format';
import { warningTitle } from './import-model';

/** A summary without warnings hides itself after this long; one with warnings stays until dismissed. */
const DONE_NOTICE_MS = 8000;

interface ImportNoticeProps {
  report: ImportReport;
  fileName: string;
  snapshotCount: number | null;
  onDismiss: () => void;
}

export function ImportNotice({ report, fileName, snapshotCount, onDismiss }: ImportNoticeProps) {
  const [open, setOpen] = useState(false);
  const warnings = report.warnings;
  useEffect(() => {
    if (warnings.length > 0) return;
    const timer = setTimeout(onDismiss, DONE_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [warnings.length, onDismiss]);
  const rows = `${formatInteger(report.rowCount)} ${report.rowCount === 1 ? 'row' : 'rows'}`;
  return (
    <div className="notice notice-success" data-testid="import-done">
      <div className="notice-row">
        <div className="notice-text">
          {report.addedSnapshot ? (
            <strong>
              Added {fileName} to “{report.source}” as the snapshot of {report.snapshotDate}
            </strong>
          ) : (
            <strong>
              Imported {fileName} as “{report.source}”
            </strong>
          )}
          <span className="muted" data-testid="import-done-summary">
            {rows} and {formatInteger(report.columns.length)} columns
            {report.addedSnapshot
              ? snapshotCount !== null
                ? ` · ${snapshotCount} snapshots now`
                : ''
              : ` · snapshot of ${report.snapshotDate}`}
            {` · ${report.roles.length} ${report.roles.length === 1 ? 'role' : 'roles'} recognised`}
            {report.preset ? ` · ${report.preset} export` : ''}
            {warnings.length > 0 && (
              <>
                {' · '}
                <button type="button" className="link-button warning-text" onClick={() => setOpen(!open)} aria-expanded={open}>
                  {warnings.length} {warnings.length === 1 ? 'warning' : 'warnings'}
                </button>
              </>
            )}
          </span>
        </div>
        <button type="button" className="button button-ghost button-small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {open && (
        <ul className="notice-warnings" data-testid="import-done-warnings">
          {warnings.map((w, i) => (
            <li key={i}>
              <strong>{warningTitle(w)}</strong> {w.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

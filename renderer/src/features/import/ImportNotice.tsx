// The short summary shown after an import: what went where, and what to know about it.
import { useEffect, useState } from 'react';
import type { ImportReport } from '../../../../shared/import/types';
import { EngineText } from '../../i18n/EngineText';
import { Message, useT } from '../../i18n/I18nProvider';
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
  const t = useT();
  const [open, setOpen] = useState(false);
  const warnings = report.warnings;
  useEffect(() => {
    if (warnings.length > 0) return;
    const timer = setTimeout(onDismiss, DONE_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [warnings.length, onDismiss]);
  const facts = [
    t('import.doneRowsColumns', { rows: report.rowCount, columns: report.columns.length }),
    report.addedSnapshot
      ? snapshotCount !== null
        ? t('import.doneSnapshotsNow', { count: snapshotCount })
        : null
      : t('import.doneSnapshotOf', { date: report.snapshotDate }),
    t('import.doneRoles', { count: report.roles.length }),
    report.preset ? t('import.donePreset', { preset: report.preset }) : null,
  ].filter((x): x is string => x !== null);
  return (
    <div className="notice notice-success" data-testid="import-done">
      <div className="notice-row">
        <div className="notice-text">
          <Message
            id={report.addedSnapshot ? 'import.doneAddedSnapshot' : 'import.doneImported'}
            values={{ file: fileName, source: report.source, date: report.snapshotDate }}
          />
          <span className="muted" data-testid="import-done-summary">
            {facts.join(' · ')}
            {warnings.length > 0 && (
              <>
                {' · '}
                <button type="button" className="link-button warning-text" onClick={() => setOpen(!open)} aria-expanded={open}>
                  {t('import.doneWarnings', { count: warnings.length })}
                </button>
              </>
            )}
          </span>
        </div>
        <button type="button" className="button button-ghost button-small" onClick={onDismiss}>
          {t('ui.dismiss')}
        </button>
      </div>
      {open && (
        <ul className="notice-warnings" data-testid="import-done-warnings">
          {warnings.map((w, i) => (
            <li key={i}>
              <strong>{warningTitle(t, w)}</strong> <EngineText text={w} english={w.message} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

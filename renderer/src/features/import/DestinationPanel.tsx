// Where the import goes: a new source, or a new dated snapshot of the source it looks like.
import { useEffect, useState, type ReactNode } from 'react';
import type { SourceInfo } from '../../../../shared/api';
import type { ImportInspection } from '../../../../shared/import/types';
import { Message, useT } from '../../i18n/I18nProvider';
import { freeSourceName } from './import-model';

interface DestinationPanelProps {
  inspection: ImportInspection;
  sources: readonly SourceInfo[];
  /** The name the user typed, null for the engine's proposal. */
  sourceName: string | null;
  onSourceName: (name: string | null) => void;
  snapshotDate: string;
  onSnapshotDate: (date: string | null) => void;
  replace: boolean;
  onReplace: (replace: boolean) => void;
  disabled: boolean;
}

function baseName(file: string): string {
  return file.replace(/\.(csv|tsv|txt|xlsx|xlsm)$/i, '') || 'source';
}

export function DestinationPanel(props: DestinationPanelProps) {
  const { inspection, sources, sourceName, onSourceName, snapshotDate, onSnapshotDate, replace, onReplace, disabled } = props;
  const t = useT();
  const match = inspection.match;
  const target = match ? sources.find((s) => s.name === match.source) : undefined;
  const clash = target?.snapshots.find((s) => s.date === snapshotDate);
  const [name, setName] = useState(sourceName ?? inspection.sourceName);
  // Follows the engine's proposal until the user types a name of their own.
  useEffect(() => {
    if (sourceName === null) setName(inspection.sourceName);
  }, [sourceName, inspection.sourceName]);

  return (
    <div className="destination" data-testid="import-destination">
      <label className="destination-field">
        <span className="field-label">{t('import.fieldSource')}</span>
        <input
          type="text"
          className="input"
          value={name}
          disabled={disabled}
          spellCheck={false}
          data-testid="source-name"
          onChange={(e) => {
            setName(e.target.value);
            onSourceName(e.target.value.trim() === '' ? null : e.target.value.trim());
          }}
        />
      </label>
      <label className="destination-field destination-date">
        <span className="field-label">{t('import.fieldSnapshotDate')}</span>
        <input
          type="date"
          className="input"
          value={snapshotDate}
          disabled={disabled}
          required
          data-testid="snapshot-date"
          onChange={(e) => onSnapshotDate(e.target.value || null)}
        />
      </label>
      <div className="destination-text" data-testid="source-match">
        {match ? (
          <>
            <div>
              <Message
                id={/^same columns/i.test(match.reason) ? 'import.matchSameColumns' : 'import.matchDifferentColumns'}
                values={{
                  source: match.source,
                  date: snapshotDate,
                  count: target?.snapshots.length ?? 0,
                  m: (chunks: ReactNode[]) => <span className="muted">{chunks}</span>,
                  w: (chunks: ReactNode[]) => <span className="warning-text">{chunks}</span>,
                }}
              />
            </div>
            {clash ? (
              <label className="destination-replace warning-text">
                <input type="checkbox" checked={replace} disabled={disabled} onChange={(e) => onReplace(e.target.checked)} data-testid="replace-snapshot" />
                {t('import.replaceSnapshot', { source: match.source, date: snapshotDate, rows: clash.rowCount, file: clash.file })}
              </label>
            ) : null}
            <button
              type="button"
              className="link-button"
              disabled={disabled}
              data-testid="new-source-instead"
              onClick={() => {
                const fresh = freeSourceName(baseName(inspection.file), sources.map((s) => s.name));
                setName(fresh);
                onSourceName(fresh);
              }}
            >
              {t('import.newSourceInstead')}
            </button>
          </>
        ) : (
          <>
            <div>
              <Message id="import.newSource" values={{ date: snapshotDate || '…' }} />
            </div>
            <div className="muted">{t('import.laterExports')}</div>
          </>
        )}
      </div>
    </div>
  );
}

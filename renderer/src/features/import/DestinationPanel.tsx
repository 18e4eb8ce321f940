// Where the import goes: a new source, or a new dated snapshot of the source it looks like.
import { useEffect, useState } from 'react';
import type { SourceInfo } from '../../../../shared/api';
import type { ImportInspection } from '../../../../shared/import/types';
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
        <span className="field-label">Source</span>
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
        <span className="field-label">Snapshot date</span>
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
              {/^same columns/i.test(match.reason) ? (
                <>
                  <strong>Same columns as “{match.source}”</strong>: this will be added as the snapshot of{' '}
                  <strong>{snapshotDate}</strong>
                </>
              ) : (
                <>
                  <strong>Added to “{match.source}”</strong> as the snapshot of <strong>{snapshotDate}</strong>
                  <span className="warning-text">: its columns differ from the earlier snapshots</span>
                </>
              )}
              {target && (
                <span className="muted">
                  {' '}
                  ({target.snapshots.length} {target.snapshots.length === 1 ? 'snapshot' : 'snapshots'} so far)
                </span>
              )}
              .
            </div>
            {clash ? (
              <label className="destination-replace warning-text">
                <input type="checkbox" checked={replace} disabled={disabled} onChange={(e) => onReplace(e.target.checked)} data-testid="replace-snapshot" />
                “{match.source}” already has a snapshot of {snapshotDate} ({clash.rowCount.toLocaleString('en-US')} rows, from {clash.file}): replace it
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
              Import as a new source instead
            </button>
          </>
        ) : (
          <>
            <div>
              A new source, with its first snapshot dated <strong>{snapshotDate || '…'}</strong>.
            </div>
            <div className="muted">Later exports with the same columns are added to it as new snapshots.</div>
          </>
        )}
      </div>
    </div>
  );
}

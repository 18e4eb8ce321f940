import type { SourceInfo } from '../../../../shared/api';
import { formatInteger } from '../../ui/format';
import { TableIcon } from '../../ui/icons';

interface SourceListProps {
  sources: readonly SourceInfo[];
  selected: string | null;
  onSelect: (name: string) => void;
}

export function SourceList({ sources, selected, onSelect }: SourceListProps) {
  if (sources.length === 0) {
    return <p className="sidebar-empty">No sources yet. Import an export from your CRM (CSV or Excel) to begin.</p>;
  }
  return (
    <ul className="source-list" aria-label="Sources">
      {sources.map((s) => {
        const snapshots = s.snapshots?.length ?? 0;
        return (
          <li key={s.name}>
            <button
              type="button"
              className={`source-item ${s.name === selected ? 'source-item-selected' : ''}`}
              aria-current={s.name === selected ? 'true' : undefined}
              data-testid={`source-item-${s.name}`}
              title={`${s.name} (${s.file})`}
              onClick={() => onSelect(s.name)}
            >
              <TableIcon />
              <span className="source-item-text">
                <span className="source-item-name">{s.name}</span>
                {snapshots > 1 && (
                  <span className="source-item-snapshots" data-testid={`source-snapshots-${s.name}`}>
                    {snapshots} snapshots
                  </span>
                )}
              </span>
              <span className="source-item-count" title="Rows in the latest snapshot">
                {formatInteger(s.rowCount)}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

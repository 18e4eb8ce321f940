import type { SourceInfo } from '../../../../shared/api';
import { useFormats } from '../../app/settings-context';
import { useT } from '../../i18n/I18nProvider';
import { TableIcon } from '../../ui/icons';

interface SourceListProps {
  sources: readonly SourceInfo[];
  selected: string | null;
  onSelect: (name: string) => void;
}

export function SourceList({ sources, selected, onSelect }: SourceListProps) {
  const t = useT();
  // Row counts are figures of the data: written in the workspace's locale, like the grid.
  const formats = useFormats();
  if (sources.length === 0) {
    return <p className="sidebar-empty">{t('sources.empty')}</p>;
  }
  return (
    <ul className="source-list" aria-label={t('sources.listLabel')}>
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
                    {t('sources.snapshots', { count: snapshots })}
                  </span>
                )}
              </span>
              <span className="source-item-count" title={t('sources.rowsInLatest')}>
                {formats.integer(s.rowCount)}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

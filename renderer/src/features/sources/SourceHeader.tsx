import type { SourceInfo } from '../../../../shared/api';
import { formatInteger } from '../../ui/format';

function importedText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

export function SourceHeader({ source }: { source: SourceInfo }) {
  const imported = importedText(source.importedAt);
  return (
    <header className="source-header">
      <h1 className="source-title">{source.name}</h1>
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
    </header>
  );
}

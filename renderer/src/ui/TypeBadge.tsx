import type { ColumnKind } from '../../../shared/api';

const KIND_LABEL: Record<ColumnKind, string> = {
  number: 'number',
  date: 'date',
  timestamp: 'datetime',
  text: 'text',
  boolean: 'yes/no',
  other: 'other',
};

export function kindLabel(kind: ColumnKind): string {
  return KIND_LABEL[kind];
}

/** A small pill naming a column's type family; the exact DuckDB type is in the tooltip. */
export function TypeBadge({ kind, type }: { kind: ColumnKind; type?: string }) {
  return (
    <span className={`type-badge type-${kind}`} title={type}>
      {KIND_LABEL[kind]}
    </span>
  );
}

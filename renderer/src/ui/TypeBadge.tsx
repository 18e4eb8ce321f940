import type { ColumnKind } from '../../../shared/api';
import type { MessageKey } from '../../../shared/i18n';
import { useT } from '../i18n/I18nProvider';

const KIND_LABEL: Record<ColumnKind, MessageKey> = {
  number: 'ui.kindNumber',
  date: 'ui.kindDate',
  timestamp: 'ui.kindTimestamp',
  text: 'ui.kindText',
  boolean: 'ui.kindBoolean',
  other: 'ui.kindOther',
};

/** The catalog key of a column kind's short name ("number", "date"...). */
export function kindLabelKey(kind: ColumnKind): MessageKey {
  return KIND_LABEL[kind];
}

/** A small pill naming a column's type family; the exact DuckDB type is in the tooltip. */
export function TypeBadge({ kind, type }: { kind: ColumnKind; type?: string }) {
  const t = useT();
  return (
    <span className={`type-badge type-${kind}`} title={type}>
      {t(KIND_LABEL[kind])}
    </span>
  );
}

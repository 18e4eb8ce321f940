/** Broad family of a column, used to offer the right measures and grains and to check specs. */
export type ColumnKind = 'number' | 'date' | 'timestamp' | 'text' | 'boolean' | 'other';

const NUMBER_TYPES = new Set([
  'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER',
  'UBIGINT', 'UHUGEINT', 'FLOAT', 'DOUBLE', 'REAL',
]);

/** Classifies a DuckDB type name such as "DECIMAL(18,2)" or "TIMESTAMP WITH TIME ZONE". */
export function columnKind(duckdbType: string): ColumnKind {
  const t = duckdbType.trim().toUpperCase();
  if (NUMBER_TYPES.has(t) || t.startsWith('DECIMAL')) return 'number';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t === 'VARCHAR' || t.startsWith('ENUM')) return 'text';
  if (t === 'BOOLEAN') return 'boolean';
  return 'other';
}

import type { ColumnInfo } from '../../../../shared/api';

const BY_KIND: Record<ColumnInfo['kind'], number> = {
  number: 120,
  date: 120,
  timestamp: 180,
  text: 180,
  boolean: 100,
  other: 160,
};

/** A first width for a column: enough for its header and its type badge, and typical values. */
export function initialWidth(name: string, kind: ColumnInfo['kind']): number {
  const header = name.length * 7.5 + 84;
  return Math.round(Math.min(320, Math.max(BY_KIND[kind], header)));
}

/**
 * A width that fits the header and most values of a sample (the first window of rows): the 95th
 * percentile of lengths, so that one long comment does not make a column huge.
 */
export function fitWidth(name: string, kind: ColumnInfo['kind'], sample: readonly string[]): number {
  const header = name.length * 7.5 + 84;
  if (sample.length === 0) return initialWidth(name, kind);
  const lengths = sample.map((s) => s.length).sort((a, b) => a - b);
  const p95 = lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.95))] ?? 0;
  const values = p95 * 7.2 + 28;
  return Math.round(Math.min(kind === 'text' ? 280 : 360, Math.max(80, header, values)));
}

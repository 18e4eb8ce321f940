// Groups of a forecast result (by owner, team, segment...): their columns in SQL and their values
// read back.
import type { ForecastGroup } from '../../../shared/forecast/types';
import { quoteIdent } from '../../../shared/spec/quote';

/** The result column of a group role. */
export const groupColumn = (role: string) => quoteIdent(`g_${role}`);

/** Columns each followed by a comma, to lead a select list (nothing when none). */
export const leading = (columns: readonly string[]) => columns.map((c) => `${c}, `).join('');

/** A result row's group values. */
export function groupOf(row: Record<string, unknown>, by: readonly string[]): ForecastGroup {
  return Object.fromEntries(
    by.map((r) => {
      const v = row[`g_${r}`];
      return [r, v === null || v === undefined ? null : String(v)];
    }),
  );
}

export const groupKey = (g: ForecastGroup) => JSON.stringify(Object.entries(g));

/** Groups by their values in `by` order, empty values last. */
export function compareGroups(a: ForecastGroup, b: ForecastGroup, by: readonly string[]): number {
  for (const r of by) {
    const x = a[r] ?? null;
    const y = b[r] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

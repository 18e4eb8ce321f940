import type { ColumnProfile } from '../../../../shared/api';
import { EMPTY_LABEL, formatInteger, formatNumber, formatPercent } from '../../ui/format';

const SHOWN = 5;

/** The most frequent values with a bar for their share of the rows. */
export function TopValues({ column, rowCount }: { column: ColumnProfile; rowCount: number }) {
  const top = column.top.slice(0, SHOWN);
  if (top.length === 0) return <span className="muted">—</span>;
  // Every value distinct (ids, amounts): a list of 1s says nothing.
  if (column.distinct === rowCount - column.nulls && column.distinct > SHOWN) {
    return <span className="muted">All values distinct</span>;
  }
  // Bars are scaled to the most frequent value so that differences stay visible; shares are in the tooltip.
  const maxCount = Math.max(...top.map((t) => t.count), 1);
  return (
    <ul className="top-values">
      {top.map((t, i) => {
        const share = rowCount > 0 ? t.count / rowCount : 0;
        const label = t.value === null ? EMPTY_LABEL : column.kind === 'number' ? numberText(t.value) : t.value;
        return (
          <li key={i} className="top-value" title={`${label}: ${formatInteger(t.count)} (${formatPercent(share)})`}>
            <span className={`top-value-label ${t.value === null ? 'muted' : ''}`}>{label}</span>
            <span className="top-value-bar" aria-hidden="true">
              <span style={{ width: `${Math.max(2, (t.count / maxCount) * 100)}%` }} />
            </span>
            <span className="top-value-count">{formatInteger(t.count)}</span>
          </li>
        );
      })}
    </ul>
  );
}

function numberText(value: string): string {
  const n = Number(value);
  return Number.isFinite(n) ? formatNumber(n) : value;
}

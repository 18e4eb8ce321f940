import type { ColumnProfile } from '../../../../shared/api';
import { useFormats } from '../../app/settings-context';
import { useT } from '../../i18n/I18nProvider';
import { valueText } from '../../ui/cell-text';

const SHOWN = 5;

/** The most frequent values with a bar for their share of the rows. */
export function TopValues({ column, rowCount }: { column: ColumnProfile; rowCount: number }) {
  const t = useT();
  const formats = useFormats();
  const top = column.top.slice(0, SHOWN);
  if (top.length === 0) return <span className="muted">—</span>;
  // Every value distinct (ids, amounts): a list of 1s says nothing.
  if (column.distinct === rowCount - column.nulls && column.distinct > SHOWN) {
    return <span className="muted">{t('profile.allDistinct')}</span>;
  }
  // Bars are scaled to the most frequent value so that differences stay visible; shares are in the tooltip.
  const maxCount = Math.max(...top.map((v) => v.count), 1);
  return (
    <ul className="top-values">
      {top.map((v, i) => {
        const share = rowCount > 0 ? v.count / rowCount : 0;
        const label = v.value === null ? t('profile.emptyValue') : valueText(formats, v.value, column.kind);
        return (
          <li key={i} className="top-value" title={t('profile.topValueTitle', { value: label, count: formats.integer(v.count), share: formats.fractionPercent(share) })}>
            <span className={`top-value-label ${v.value === null ? 'muted' : ''}`}>{label}</span>
            <span className="top-value-bar" aria-hidden="true">
              <span style={{ width: `${Math.max(2, (v.count / maxCount) * 100)}%` }} />
            </span>
            <span className="top-value-count">{formats.integer(v.count)}</span>
          </li>
        );
      })}
    </ul>
  );
}

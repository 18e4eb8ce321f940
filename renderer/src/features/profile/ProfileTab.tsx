// The Profile tab: for each column its type, empties, distinct values, range and top values.
// Figures and values are written in the workspace's locale (settings), not the UI language's.
import { useEffect, useState } from 'react';
import type { ColumnProfile, QdError, SourceInfo, SourceProfile } from '../../../../shared/api';
import { useBackend } from '../../app/backend-context';
import { useFormats } from '../../app/settings-context';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { valueText } from '../../ui/cell-text';
import type { Formats } from '../../ui/format';
import { TypeBadge } from '../../ui/TypeBadge';
import { TopValues } from './TopValues';

type State = { status: 'loading' } | { status: 'ready'; profile: SourceProfile } | { status: 'failed'; error: QdError };

export function ProfileTab({ source }: { source: SourceInfo }) {
  const { api } = useBackend();
  const t = useT();
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void api.profileSource(source.name).then((r) => {
      if (!live) return;
      setState(r.ok ? { status: 'ready', profile: r.value } : { status: 'failed', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [api, source.name]);

  if (state.status === 'failed') return <ErrorPanel title={t('profile.loadFailed')} error={state.error} />;
  if (state.status === 'loading') {
    return (
      <div className="placeholder" aria-busy="true">
        {t('profile.profiling', { columns: source.columns.length, rows: source.rowCount })}
      </div>
    );
  }
  const { profile } = state;
  return (
    <div className="profile-tab">
      <table className="profile-table" data-testid="profile-table">
        <thead>
          <tr>
            <th>{t('profile.column')}</th>
            <th>{t('profile.type')}</th>
            <th className="num">{t('profile.empty')}</th>
            <th className="num">{t('profile.distinct')}</th>
            <th>{t('profile.min')}</th>
            <th>{t('profile.max')}</th>
            <th className="profile-top-head">{t('profile.topValues')}</th>
          </tr>
        </thead>
        <tbody>
          {profile.columns.map((c) => (
            <ProfileRow key={c.name} column={c} rowCount={profile.rowCount} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The DuckDB type (lower case) that says no more than the kind's badge: not repeated beside it. */
const SAME_NAME: Record<ColumnProfile['kind'], string> = {
  number: 'number',
  date: 'date',
  timestamp: 'datetime',
  text: 'text',
  boolean: 'yes/no',
  other: 'other',
};

/** Min and max arrive as text so that every type fits; numbers and dates are shown formatted. */
function rangeValue(formats: Formats, column: ColumnProfile, value: string | null): string {
  return value === null ? '' : valueText(formats, value, column.kind);
}

function ProfileRow({ column, rowCount }: { column: ColumnProfile; rowCount: number }) {
  const formats = useFormats();
  const nullShare = rowCount > 0 ? column.nulls / rowCount : 0;
  return (
    <tr data-column={column.name}>
      <td className="profile-name">{column.name}</td>
      <td>
        <TypeBadge kind={column.kind} type={column.type} />
        {column.type.toLowerCase() !== SAME_NAME[column.kind] && <span className="profile-type">{column.type}</span>}
      </td>
      <td className="num">
        <span className={column.nulls > 0 ? '' : 'muted'}>{formats.integer(column.nulls)}</span>
        <span className="profile-share">{formats.fractionPercent(nullShare)}</span>
      </td>
      <td className="num">{formats.integer(column.distinct)}</td>
      <td className={`profile-range ${column.kind === 'number' ? 'num' : ''}`} title={column.min ?? undefined}>
        {rangeValue(formats, column, column.min)}
      </td>
      <td className={`profile-range ${column.kind === 'number' ? 'num' : ''}`} title={column.max ?? undefined}>
        {rangeValue(formats, column, column.max)}
      </td>
      <td className="profile-top">
        <TopValues column={column} rowCount={rowCount} />
      </td>
    </tr>
  );
}

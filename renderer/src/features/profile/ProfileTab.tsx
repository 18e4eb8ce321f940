// The Profile tab: for each column its type, empties, distinct values, range and top values.
import { useEffect, useState } from 'react';
import type { ColumnProfile, QdError, SourceInfo, SourceProfile } from '../../../../shared/api';
import { useBackend } from '../../app/backend-context';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { formatInteger, formatNumber, formatPercent } from '../../ui/format';
import { kindLabel, TypeBadge } from '../../ui/TypeBadge';
import { TopValues } from './TopValues';

type State = { status: 'loading' } | { status: 'ready'; profile: SourceProfile } | { status: 'failed'; error: QdError };

export function ProfileTab({ source }: { source: SourceInfo }) {
  const { api } = useBackend();
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

  if (state.status === 'failed') return <ErrorPanel title="Could not profile this source" error={state.error} />;
  if (state.status === 'loading') {
    return (
      <div className="placeholder" aria-busy="true">
        Profiling {formatInteger(source.columns.length)} columns of {formatInteger(source.rowCount)} rows…
      </div>
    );
  }
  const { profile } = state;
  return (
    <div className="profile-tab">
      <table className="profile-table" data-testid="profile-table">
        <thead>
          <tr>
            <th>Column</th>
            <th>Type</th>
            <th className="num">Empty</th>
            <th className="num">Distinct</th>
            <th>Min</th>
            <th>Max</th>
            <th className="profile-top-head">Top values</th>
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

/** Min and max arrive as text so that every type fits; numbers are shown formatted. */
function rangeValue(column: ColumnProfile, value: string | null): string {
  if (value === null) return '';
  if (column.kind === 'number') {
    const n = Number(value);
    if (Number.isFinite(n)) return formatNumber(n);
  }
  return value;
}

function ProfileRow({ column, rowCount }: { column: ColumnProfile; rowCount: number }) {
  const nullShare = rowCount > 0 ? column.nulls / rowCount : 0;
  return (
    <tr data-column={column.name}>
      <td className="profile-name">{column.name}</td>
      <td>
        <TypeBadge kind={column.kind} type={column.type} />
        {column.type.toLowerCase() !== kindLabel(column.kind) && <span className="profile-type">{column.type}</span>}
      </td>
      <td className="num">
        <span className={column.nulls > 0 ? '' : 'muted'}>{formatInteger(column.nulls)}</span>
        <span className="profile-share">{formatPercent(nullShare)}</span>
      </td>
      <td className="num">{formatInteger(column.distinct)}</td>
      <td className={`profile-range ${column.kind === 'number' ? 'num' : ''}`} title={column.min ?? undefined}>
        {rangeValue(column, column.min)}
      </td>
      <td className={`profile-range ${column.kind === 'number' ? 'num' : ''}`} title={column.max ?? undefined}>
        {rangeValue(column, column.max)}
      </td>
      <td className="profile-top">
        <TopValues column={column} rowCount={rowCount} />
      </td>
    </tr>
  );
}

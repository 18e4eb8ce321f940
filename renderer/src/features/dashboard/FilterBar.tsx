// The dashboard's global filters: the period (presets or a custom range), a multi-select per
// canonical role the dashboard's sources map (segment, rep, team, pipeline, lead source, tags), the
// comparison toggle, and the cross-filters set by clicking charts, as removable chips.
import { useMemo } from 'react';
import type { SourceInfo } from '../../../../shared/api';
import type { CrossFilter, DashboardFilterBar, FieldRef, ValueFilter } from '../../../../shared/dashboard/types';
import type { MessageKey } from '../../../../shared/i18n';
import { addDays, formatDay, parseDay } from '../../../../shared/spec/dates';
import type { CompareTo, FilterValue, PeriodInput, RelativePeriod } from '../../../../shared/spec/types';
import { useT } from '../../i18n/I18nProvider';
import { MultiSelect } from './MultiSelect';

/** The roles the bar offers, in this order, when a source of the dashboard maps them. */
export const FILTER_ROLES = ['segment', 'owner', 'team', 'pipeline', 'lead_source', 'tags'] as const;

const FILTER_ROLE_LABELS: Record<(typeof FILTER_ROLES)[number], MessageKey> = {
  segment: 'dashboard.roleSegment',
  owner: 'dashboard.roleOwner',
  team: 'dashboard.roleTeam',
  pipeline: 'dashboard.rolePipeline',
  lead_source: 'dashboard.roleLeadSource',
  tags: 'dashboard.roleTags',
};

export const PERIOD_PRESETS = [
  'this_month',
  'last_complete_month',
  'quarter_to_date',
  'last_complete_quarter',
  'year_to_date',
  'last_12_months',
] as const satisfies readonly RelativePeriod[];

export const PERIOD_LABELS: Record<RelativePeriod, MessageKey> = {
  this_month: 'dashboard.periodThisMonth',
  last_complete_month: 'dashboard.periodLastMonth',
  quarter_to_date: 'dashboard.periodQuarterToDate',
  last_complete_quarter: 'dashboard.periodLastQuarter',
  year_to_date: 'dashboard.periodYearToDate',
  last_12_months: 'dashboard.periodLast12Months',
  month_to_date: 'dashboard.periodMonthToDate',
  last_7_days: 'dashboard.periodLast7Days',
  last_30_days: 'dashboard.periodLast30Days',
  previous_year: 'dashboard.periodPreviousYear',
};

const COMPARE_OPTIONS: { value: CompareTo | null; label: MessageKey }[] = [
  { value: null, label: 'dashboard.compareNone' },
  { value: 'previous_period', label: 'dashboard.comparePrevious' },
  { value: 'same_period_last_year', label: 'dashboard.compareLastYear' },
];

/** The local date as YYYY-MM-DD. */
export function localToday(): string {
  const now = new Date();
  return formatDay({ y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() });
}

function isRole(field: FieldRef, role: string): boolean {
  return 'role' in field && field.role === role;
}

/** The first source that maps a role to one of its columns. */
export function sourceForRole(sources: readonly SourceInfo[], role: string): SourceInfo | undefined {
  return sources.find((s) => {
    const column = s.roles[role];
    return column !== undefined && s.columns.some((c) => c.name === column);
  });
}

interface FilterBarProps {
  filters: DashboardFilterBar;
  /** The sources the dashboard's widgets read. */
  sources: readonly SourceInfo[];
  crossFilters: readonly CrossFilter[];
  onChange(filters: DashboardFilterBar): void;
  onRemoveCross(filter: CrossFilter): void;
  onClearCross(): void;
}

export function FilterBar({ filters, sources, crossFilters, onChange, onRemoveCross, onClearCross }: FilterBarProps) {
  const t = useT();
  const valueLabel = (v: FilterValue) => (v === null ? t('dashboard.emptyValue') : String(v));

  const roles = useMemo(
    () =>
      FILTER_ROLES.flatMap((role) => {
        const source = sourceForRole(sources, role);
        const selected = filters.values.find((vf) => isRole(vf.field, role))?.values ?? [];
        return source || selected.length > 0 ? [{ role, source, selected }] : [];
      }),
    [sources, filters.values],
  );

  const setRoleValues = (role: string, values: FilterValue[]) => {
    const others = filters.values.filter((vf) => !isRole(vf.field, role));
    const next: ValueFilter[] = values.length > 0 ? [...others, { field: { role }, values }] : others;
    onChange({ ...filters, values: next });
  };

  const period = filters.period;
  const periodKey = period === null ? '' : typeof period === 'string' ? period : 'custom';
  const setPeriod = (key: string) => {
    let next: PeriodInput | null;
    if (key === '') next = null;
    else if (key === 'custom') {
      const today = parseDay(localToday())!;
      next = { from: formatDay({ y: today.y, m: today.m, d: 1 }), to: formatDay(addDays(today, 1)) };
    } else next = key as RelativePeriod;
    onChange({ ...filters, period: next });
  };
  // A custom range is [from, to): the "to" field shows its last day.
  const custom = period !== null && typeof period === 'object' ? period : null;
  const lastDay = custom ? formatDay(addDays(parseDay(custom.to) ?? parseDay(localToday())!, -1)) : '';
  const setRange = (from: string, last: string) => {
    const f = parseDay(from);
    const l = parseDay(last);
    if (!f || !l || formatDay(l) < formatDay(f)) return;
    onChange({ ...filters, period: { from: formatDay(f), to: formatDay(addDays(l, 1)) } });
  };

  return (
    <div className="filter-bar" role="group" aria-label={t('dashboard.filtersLabel')} data-testid="filter-bar">
      <label className="filter-period">
        <span className="filter-label">{t('dashboard.period')}</span>
        <select className="select select-compact" value={periodKey} onChange={(e) => setPeriod(e.target.value)} data-testid="filter-period">
          <option value="">{t('dashboard.periodAll')}</option>
          {PERIOD_PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(PERIOD_LABELS[p])}
            </option>
          ))}
          {typeof period === 'string' && !(PERIOD_PRESETS as readonly string[]).includes(period) && (
            <option value={period}>{t(PERIOD_LABELS[period])}</option>
          )}
          <option value="custom">{t('dashboard.periodCustom')}</option>
        </select>
      </label>
      {custom && (
        <div className="filter-range">
          <label>
            <span className="visually-hidden">{t('dashboard.periodFrom')}</span>
            <input
              type="date"
              className="input input-compact"
              value={custom.from}
              max={lastDay}
              data-testid="filter-period-from"
              onChange={(e) => setRange(e.target.value, lastDay)}
            />
          </label>
          <span aria-hidden="true">–</span>
          <label>
            <span className="visually-hidden">{t('dashboard.periodTo')}</span>
            <input
              type="date"
              className="input input-compact"
              value={lastDay}
              min={custom.from}
              data-testid="filter-period-to"
              onChange={(e) => setRange(custom.from, e.target.value)}
            />
          </label>
        </div>
      )}
      {roles.map(({ role, source, selected }) => (
        <MultiSelect
          key={role}
          label={t(FILTER_ROLE_LABELS[role])}
          request={{ source: source?.name ?? sources[0]?.name ?? '', field: { role } }}
          selected={selected}
          onChange={(values) => setRoleValues(role, values)}
          valueLabel={valueLabel}
          testId={`filter-${role}`}
        />
      ))}
      <div className="filter-compare" role="radiogroup" aria-label={t('dashboard.compare')}>
        <span className="filter-label" aria-hidden="true">
          {t('dashboard.compare')}
        </span>
        {COMPARE_OPTIONS.map((o) => (
          <label key={o.value ?? 'none'} className={`filter-compare-option ${filters.compare === o.value ? 'is-chosen' : ''}`}>
            <input
              type="radio"
              name="dashboard-compare"
              className="visually-hidden"
              checked={filters.compare === o.value}
              data-testid={`filter-compare-${o.value ?? 'none'}`}
              onChange={() => onChange({ ...filters, compare: o.value })}
            />
            {t(o.label)}
          </label>
        ))}
      </div>
      {crossFilters.length > 0 && (
        <div className="filter-chips" aria-label={t('dashboard.crossFilters')} role="list">
          {crossFilters.map((cf) => (
            <span key={`${cf.fromWidget}:${cf.label}`} className="filter-chip" role="listitem" data-testid="cross-chip">
              <span className="filter-chip-text">{cf.label}</span>
              <button
                type="button"
                className="filter-chip-remove"
                aria-label={t('dashboard.crossRemove', { label: cf.label })}
                title={t('dashboard.crossRemove', { label: cf.label })}
                onClick={() => onRemoveCross(cf)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </span>
          ))}
          {crossFilters.length > 1 && (
            <button type="button" className="link-button" onClick={onClearCross}>
              {t('dashboard.crossClear')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

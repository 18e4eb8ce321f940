// Message keys of the dashboard's vocabularies (chart kinds, why a filter does not apply, the
// filter bar's roles) and how a field reads: a role by its name in the user's language, a column
// by its own name (user content is never translated).
import type { ChartKind, FieldRef, IgnoredReason } from '../../../../shared/dashboard/types';
import type { MessageKey } from '../../../../shared/i18n';
import { roleName } from '../../../../shared/i18n/labels';
import type { TimeGrain } from '../../../../shared/spec/types';
import type { TFunction } from '../../i18n/I18nProvider';

/** A dimension as a column header: its own label, else its role's name or its column, with its grain. */
export function dimensionLabel(t: TFunction, d: { label?: string; role?: string; column?: string; grain?: TimeGrain }): string {
  if (d.label) return d.label;
  const field = d.role ? fieldLabel(t, { role: d.role }) : (d.column ?? '');
  return d.grain ? t('dashboard.columnGrain', { field, grain: t(GRAIN_LABELS[d.grain]) }) : field;
}

export const CHART_KIND_LABELS: Record<ChartKind, MessageKey> = {
  kpi: 'dashboard.kindKpi',
  pie: 'dashboard.kindPie',
  donut: 'dashboard.kindDonut',
  line: 'dashboard.kindLine',
  bar: 'dashboard.kindBar',
  column: 'dashboard.kindColumn',
  histogram: 'dashboard.kindHistogram',
  funnel: 'dashboard.kindFunnel',
  heatmap: 'dashboard.kindHeatmap',
  scatter: 'dashboard.kindScatter',
  waterfall: 'dashboard.kindWaterfall',
  pivot: 'dashboard.kindPivot',
  table: 'dashboard.kindTable',
};

export const REASON_LABELS: Record<IgnoredReason, MessageKey> = {
  role_not_mapped: 'dashboard.reasonRoleNotMapped',
  other_source: 'dashboard.reasonOtherSource',
  no_such_column: 'dashboard.reasonNoSuchColumn',
  not_a_date: 'dashboard.reasonNotADate',
  no_date_field: 'dashboard.reasonNoDateField',
  no_time_dimension: 'dashboard.reasonNoTimeDimension',
  totals: 'dashboard.reasonTotals',
};

export const ROLE_LABELS: Record<string, MessageKey> = {
  segment: 'dashboard.roleSegment',
  owner: 'dashboard.roleOwner',
  team: 'dashboard.roleTeam',
  pipeline: 'dashboard.rolePipeline',
  lead_source: 'dashboard.roleLeadSource',
  tags: 'dashboard.roleTags',
};

export const GRAIN_LABELS: Record<TimeGrain, MessageKey> = {
  day: 'dashboard.grainDay',
  week: 'dashboard.grainWeek',
  month: 'dashboard.grainMonth',
  quarter: 'dashboard.grainQuarter',
  year: 'dashboard.grainYear',
};

export function fieldLabel(t: TFunction, field: FieldRef): string {
  if ('role' in field) {
    const key = ROLE_LABELS[field.role];
    return key ? t(key) : roleName(t, field.role);
  }
  return field.column;
}

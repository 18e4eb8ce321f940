// The editor's words for the engine's vocabulary (roles, aggregations, grains, chart kinds, filter
// operators, periods): catalog keys per value, so that every label goes through the translator.
import type { ChartKind, Stacking } from '../../../../shared/dashboard/types';
import type { MessageKey } from '../../../../shared/i18n';
import { kpiDefinition, kpiName, roleName } from '../../../../shared/i18n/labels';
import type { FilterOp, MeasureOp, MeasureShow, RelativePeriod, TimeGrain, Totals } from '../../../../shared/spec/types';
import type { TFunction } from '../../i18n/I18nProvider';
import type { TitleWords } from './editor-model';
import type { FieldGroupId } from './fields';
import type { ShelfId } from './editor-model';

/** A role's name in the user's language (an unknown role as its id, spaced). */
export function roleLabel(t: TFunction, role: string): string {
  return roleName(t, role);
}

export const GROUP_KEYS: Record<FieldGroupId, MessageKey> = {
  deal: 'editor.groupDeal',
  account: 'editor.groupAccount',
  rep: 'editor.groupRep',
  time: 'editor.groupTime',
  activity: 'editor.groupActivity',
  cost: 'editor.groupCost',
  lead: 'editor.groupLead',
  target: 'editor.groupTarget',
  other: 'editor.groupOther',
};

export const SHELF_KEYS: Record<ShelfId, MessageKey> = {
  rows: 'editor.shelfRows',
  columns: 'editor.shelfColumns',
  values: 'editor.shelfValues',
  filters: 'editor.shelfFilters',
};

export const SHELF_HINT_KEYS: Record<ShelfId, MessageKey> = {
  rows: 'editor.shelfRowsHint',
  columns: 'editor.shelfColumnsHint',
  values: 'editor.shelfValuesHint',
  filters: 'editor.shelfFiltersHint',
};

export const OP_KEYS: Record<MeasureOp, MessageKey> = {
  count: 'editor.opCount',
  count_distinct: 'editor.opCountDistinct',
  sum: 'editor.opSum',
  avg: 'editor.opAvg',
  min: 'editor.opMin',
  max: 'editor.opMax',
  median: 'editor.opMedian',
};

/** The aggregation as it reads inside a title: "Amount (sum)". */
export const TITLE_OP_KEYS: Record<MeasureOp, MessageKey> = {
  count: 'editor.titleOpCount',
  count_distinct: 'editor.titleOpCountDistinct',
  sum: 'editor.titleOpSum',
  avg: 'editor.titleOpAvg',
  min: 'editor.titleOpMin',
  max: 'editor.titleOpMax',
  median: 'editor.titleOpMedian',
};

export const GRAIN_KEYS: Record<TimeGrain, MessageKey> = {
  day: 'editor.grainDay',
  week: 'editor.grainWeek',
  month: 'editor.grainMonth',
  quarter: 'editor.grainQuarter',
  year: 'editor.grainYear',
};

/** The grain as a noun inside a title: "per quarter". */
export const GRAIN_NOUN_KEYS: Record<TimeGrain, MessageKey> = {
  day: 'editor.grainNounDay',
  week: 'editor.grainNounWeek',
  month: 'editor.grainNounMonth',
  quarter: 'editor.grainNounQuarter',
  year: 'editor.grainNounYear',
};

export const SHOW_KEYS: Record<MeasureShow, MessageKey> = {
  percent_of_total: 'editor.showPercentOfTotal',
  percent_of_row: 'editor.showPercentOfRow',
  percent_of_column: 'editor.showPercentOfColumn',
  running_total: 'editor.showRunningTotal',
};

export const CHART_KEYS: Record<ChartKind, MessageKey> = {
  kpi: 'editor.chartKpi',
  pie: 'editor.chartPie',
  donut: 'editor.chartDonut',
  line: 'editor.chartLine',
  bar: 'editor.chartBar',
  column: 'editor.chartColumn',
  histogram: 'editor.chartHistogram',
  funnel: 'editor.chartFunnel',
  heatmap: 'editor.chartHeatmap',
  scatter: 'editor.chartScatter',
  waterfall: 'editor.chartWaterfall',
  pivot: 'editor.chartPivot',
  table: 'editor.chartTable',
};

export const STACKING_KEYS: Record<Stacking, MessageKey> = {
  grouped: 'editor.stackingGrouped',
  stacked: 'editor.stackingStacked',
  percent: 'editor.stackingPercent',
};

export const TOTALS_KEYS: Record<Totals, MessageKey> = {
  none: 'editor.totalsNone',
  grand: 'editor.totalsGrand',
  subtotals: 'editor.totalsSubtotals',
};

export const FILTER_OP_KEYS: Record<FilterOp, MessageKey> = {
  eq: 'editor.filterEq',
  neq: 'editor.filterNeq',
  in: 'editor.filterIn',
  not_in: 'editor.filterNotIn',
  gt: 'editor.filterGt',
  gte: 'editor.filterGte',
  lt: 'editor.filterLt',
  lte: 'editor.filterLte',
  between: 'editor.filterBetween',
  contains: 'editor.filterContains',
  is_null: 'editor.filterIsNull',
  not_null: 'editor.filterNotNull',
  before: 'editor.filterBefore',
  after: 'editor.filterAfter',
  in_period: 'editor.filterInPeriod',
};

export const PERIOD_KEYS: Record<RelativePeriod, MessageKey> = {
  last_complete_month: 'editor.periodLastCompleteMonth',
  last_complete_quarter: 'editor.periodLastCompleteQuarter',
  this_month: 'editor.periodThisMonth',
  month_to_date: 'editor.periodMonthToDate',
  quarter_to_date: 'editor.periodQuarterToDate',
  year_to_date: 'editor.periodYearToDate',
  last_7_days: 'editor.periodLast7Days',
  last_30_days: 'editor.periodLast30Days',
  last_12_months: 'editor.periodLast12Months',
  previous_year: 'editor.periodPreviousYear',
};

/** A catalog KPI's name and definition in the user's language. */
export function kpiText(t: TFunction, id: string): { label: string; meaning: string } {
  return { label: kpiName(t, id), meaning: kpiDefinition(t, id) };
}

/** The words the pure title builder needs, in the user's language. */
export function titleWords(t: TFunction, listFormat: (items: string[]) => string): TitleWords {
  return {
    aggregate: (field, op) => t('editor.titleAggregate', { field, op: t(TITLE_OP_KEYS[op]) }),
    countRows: () => t('editor.countRows'),
    kpi: (id) => kpiName(t, id),
    formula: () => t('editor.formulaUnnamed'),
    list: listFormat,
    compose: ({ measures, dimensions, grain }) => {
      const per = grain ? t(GRAIN_NOUN_KEYS[grain]) : '';
      if (dimensions && grain) return t('editor.titleByPer', { measures, dimensions, grain: per });
      if (dimensions) return t('editor.titleBy', { measures, dimensions });
      if (grain) return t('editor.titlePer', { measures, grain: per });
      return measures;
    },
  };
}

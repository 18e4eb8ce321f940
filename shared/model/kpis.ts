// The sales KPI catalog (DOMAIN.md, "The indicators") as data: each KPI is a named, documented set
// of formula measures over ROLES, compiled by shared/spec like any other measure. Pure: no Node,
// no DOM, no clock (today is always given).
//
// Won / lost / open. Status values differ from CRM to CRM (Won, Closed Won, Gagné, Gewonnen...),
// and the formula language has no lower() or LIKE on purpose. So a formula never names a status:
// it says `{won}`, `{lost}` or `{open}`, and `kpiSpec` replaces those with an exact test on the
// outcome column, `@status IN ('Won', 'Closed Won')`, built from an `OutcomeValues`:
//   - the outcome role is `status` when mapped (else `stage`: many exports carry the outcome in
//     the stage, e.g. Maven's deal_stage Won / Lost / Engaging);
//   - its won and lost values are the column's distinct values that `outcomeOf` (vocabulary.ts,
//     four languages) classifies as won / lost — `outcomeValuesFrom(role, values)`; the core reads
//     the distinct values from the data before running (electron/core/kpi.ts);
//   - without data at hand, `DEFAULT_OUTCOME` lists the usual spellings;
//   - open is everything else, including an empty status.
// Probability may be entered 0–100 or 0–1: `{probability_scale}` is 100 or 1, detected by the
// core from the column's maximum (> 1 means percent). `{stale_before}` is today − staleDays.
import type { AnalysisSpec, DimensionInput, FilterInput, MeasureInput, PeriodInput, TimeGrain } from '../spec/types';
import { RELATIVE_PERIODS, TIME_GRAINS } from '../spec/types';
import type { RoleId } from './roles';
import { outcomeOf } from './vocabulary';

export type KpiFormat = 'currency' | 'percent' | 'number' | 'days';
export type KpiChart = 'line' | 'bar' | 'column' | 'tile';

export interface KpiMeasure {
  /** Column id in results; the main measure's id is the KPI's id, the others are `<kpi>_<what>`. */
  id: string;
  /** English; translated under `kpi.measure.<id>` (shared/i18n: kpiMeasureLabel). */
  label: string;
  /** Formula template: the spec's expression language plus the {won} {lost} {open} {probability_scale} {stale_before} placeholders. */
  formula: string;
  format: KpiFormat;
  /** count_if / sum_if: an empty group is 0, not empty. */
  additive: boolean;
  /** Roles this measure needs beyond the KPI's; the measure is left out when they are not mapped. */
  optionalRoles?: readonly RoleId[];
  /** Computed on the KPI's joined source (costs, targets), formula over that source's roles. */
  joined?: boolean;
  /** Computed after the join, in the core: numerator / denominator (two other measure ids; 0 → empty). */
  ratio?: { numerator: string; denominator: string };
  /** Computed after the merge, in the core: the sum of other measure ids (an absent one counts 0). */
  sum?: readonly string[];
  /** Computed by the core from the other measures (the stage funnel's reached / next / conversion). */
  derived?: boolean;
  /**
   * Run in a spec of its own, on another date role and/or entity than the KPI's (forecast: won by
   * closed date, open by expected close date; CRM usage: deals, then activities), merged by group.
   */
  part?: KpiPart;
}

/** Another date role (and entity) a KPI's measures are computed on; see `kpiParts`. */
export interface KpiPart {
  entity?: KpiEntity;
  dateRole: RoleId;
  requires: readonly RoleId[];
  outcome: boolean;
}

/** Whose rows a KPI reads. */
export type KpiEntity = 'deal' | 'activity' | 'lead';

/**
 * A second source whose measure is joined to the KPI's rows by the core (electron/core/kpi.ts), in
 * JS, not in SQL: the deals spec gives one row per (key, period), the joined source's spec one row
 * per (key, raw period), the periods are brought to the same bucket and the rows are merged as a
 * full outer join (a channel with spend and no deal, or a deal source with no spend, both show).
 */
export interface KpiJoin {
  /** What the joined source holds, for messages: "costs", "targets". */
  what: string;
  /** The role that tells a source of this kind (cost_amount, target_amount). */
  anchor: RoleId;
  /** The deal role and the joined source's role that must be equal (lead_source = cost_channel). */
  key: { deal: RoleId; joined: RoleId };
  /** The joined source's period role: a month, `YYYY-MM` text or a date (cost_period, target_period). */
  periodRole: RoleId;
}

export interface KpiDefinition {
  id: string;
  /** English; the UI's languages have it under `kpi.<id>.name` (shared/i18n: kpiName). */
  label: string;
  /** One line: what the number says. English; translated under `kpi.<id>.definition` (kpiDefinition). */
  meaning: string;
  /** The date role a period (and a time grain) applies to. */
  dateRole: RoleId;
  /** Does the KPI need its date role even without a period or a grain? */
  dateRequired: boolean;
  /** Roles that must be mapped, besides the outcome (status or stage) when `outcome` is set. */
  requires: readonly RoleId[];
  /** Uses {won} {lost} {open}: needs `status` or `stage`. */
  outcome: boolean;
  /** Rows the KPI reads: all, or only won deals (a filter on the outcome column). */
  scope: 'all' | 'won';
  chart: KpiChart;
  format: KpiFormat;
  higherIsBetter: boolean;
  /** The main measure first (id = KPI id), then the counts shown beside it. */
  measures: readonly KpiMeasure[];
  /** A rate: the measure ids of its successes and trials, for the Wilson interval. */
  rate?: { successes: string; trials: string };
  /** Whose rows: deals (default) or activities (deal roles then come from "activities (enriched)"). */
  entity?: KpiEntity;
  /** Roles the KPI is always grouped by (after --by); runs only beside KPIs grouped the same way. */
  groupBy?: readonly RoleId[];
  /** A second source joined by the core (costs by channel, targets by owner), see KpiJoin. */
  join?: KpiJoin;
  /** At least one of these roles must be mapped (leads: converted or lead_status). */
  anyOf?: readonly RoleId[];
  /** Stage funnel: computed by the core from counts per stage in pipeline order (see `funnelRows`). */
  funnel?: boolean;
}

const m = (id: string, label: string, formula: string, format: KpiFormat, additive: boolean, optionalRoles?: RoleId[]): KpiMeasure => ({
  id, label, formula, format, additive, ...(optionalRoles ? { optionalRoles } : {}),
});
/** A measure of the joined source. */
const joined = (id: string, label: string, formula: string, format: KpiFormat): KpiMeasure => ({ id, label, formula, format, additive: true, joined: true });
/** numerator / denominator, computed after the join. */
const ratio = (id: string, label: string, numerator: string, denominator: string, format: KpiFormat): KpiMeasure => ({
  id, label, formula: `${numerator} / ${denominator}`, format, additive: false, ratio: { numerator, denominator },
});

/** The sum of other measures, after the merge. */
const total = (id: string, label: string, parts: string[], format: KpiFormat): KpiMeasure => ({
  id, label, formula: parts.join(' + '), format, additive: true, sum: parts,
});
/** Computed by the core. */
const derived = (x: KpiMeasure): KpiMeasure => ({ ...x, derived: true });
/** A measure of another part (date role / entity). */
const inPart = (x: KpiMeasure, part: KpiPart): KpiMeasure => ({ ...x, part });
const OPEN_BY_EXPECTED_CLOSE: KpiPart = { dateRole: 'expected_close_at', requires: ['amount', 'probability'], outcome: true };
const ACTIVITIES_BY_DATE: KpiPart = { entity: 'activity', dateRole: 'activity_at', requires: ['owner'], outcome: false };

const COSTS_BY_CHANNEL: KpiJoin = {
  what: 'costs', anchor: 'cost_amount', key: { deal: 'lead_source', joined: 'cost_channel' }, periodRole: 'cost_period',
};
const TARGETS_BY_OWNER: KpiJoin = {
  what: 'targets', anchor: 'target_amount', key: { deal: 'owner', joined: 'owner' }, periodRole: 'target_period',
};

export const KPIS: readonly KpiDefinition[] = [
  {
    id: 'opportunities_created', label: 'Opportunities created',
    meaning: 'Deals created in the period: how well marketing and sales feed the pipeline.',
    dateRole: 'created_at', dateRequired: true, requires: ['created_at'], outcome: false, scope: 'all',
    chart: 'column', format: 'number', higherIsBetter: true,
    measures: [m('opportunities_created', 'Opportunities created', 'count()', 'number', true)],
  },
  {
    id: 'won_deals', label: 'Deals won',
    meaning: 'Deals won, by closed date.',
    dateRole: 'closed_at', dateRequired: true, requires: ['closed_at'], outcome: true, scope: 'all',
    chart: 'column', format: 'number', higherIsBetter: true,
    measures: [m('won_deals', 'Deals won', 'count_if({won})', 'number', true)],
  },
  {
    id: 'lost_deals', label: 'Deals lost',
    meaning: 'Deals lost, by closed date.',
    dateRole: 'closed_at', dateRequired: true, requires: ['closed_at'], outcome: true, scope: 'all',
    chart: 'column', format: 'number', higherIsBetter: false,
    measures: [m('lost_deals', 'Deals lost', 'count_if({lost})', 'number', true)],
  },
  {
    id: 'revenue_won', label: 'Revenue won',
    meaning: 'Sum of the amounts of the deals won, by closed date: the result.',
    dateRole: 'closed_at', dateRequired: true, requires: ['amount', 'closed_at'], outcome: true, scope: 'all',
    chart: 'column', format: 'currency', higherIsBetter: true,
    measures: [
      m('revenue_won', 'Revenue won', 'coalesce(sum_if(@amount, {won}), 0)', 'currency', true),
      m('revenue_won_deals', 'Deals won', 'count_if({won})', 'number', true),
    ],
  },
  {
    id: 'conversion_rate', label: 'Conversion rate',
    meaning: 'Won / (won + lost) among the deals closed in the period; shown with its counts and a 95 % Wilson interval.',
    dateRole: 'closed_at', dateRequired: true, requires: ['closed_at'], outcome: true, scope: 'all',
    chart: 'bar', format: 'percent', higherIsBetter: true,
    measures: [
      m('conversion_rate', 'Conversion rate', 'conversion_rate_won / (conversion_rate_won + conversion_rate_lost)', 'percent', false),
      m('conversion_rate_won', 'Won', 'count_if({won})', 'number', true),
      m('conversion_rate_lost', 'Lost', 'count_if({lost})', 'number', true),
      m('conversion_rate_closed', 'Closed', 'conversion_rate_won + conversion_rate_lost', 'number', true),
    ],
    rate: { successes: 'conversion_rate_won', trials: 'conversion_rate_closed' },
  },
  {
    id: 'average_basket', label: 'Average basket',
    meaning: 'Mean amount of a won deal (revenue won / deals won), by closed date.',
    dateRole: 'closed_at', dateRequired: true, requires: ['amount', 'closed_at'], outcome: true, scope: 'all',
    chart: 'bar', format: 'currency', higherIsBetter: true,
    measures: [
      m('average_basket', 'Average basket', 'sum_if(@amount, {won}) / count_if({won})', 'currency', false),
      m('average_basket_deals', 'Deals won', 'count_if({won})', 'number', true),
    ],
  },
  {
    id: 'pipeline_value', label: 'Pipeline value',
    meaning: 'Sum of the amounts of the open deals (by expected close date when a period is given): future revenue.',
    dateRole: 'expected_close_at', dateRequired: false, requires: ['amount'], outcome: true, scope: 'all',
    chart: 'column', format: 'currency', higherIsBetter: true,
    measures: [
      m('pipeline_value', 'Pipeline value', 'coalesce(sum_if(@amount, {open}), 0)', 'currency', true),
      m('pipeline_value_deals', 'Open deals', 'count_if({open})', 'number', true),
    ],
  },
  {
    id: 'weighted_pipeline', label: 'Weighted pipeline',
    meaning: 'Sum of amount × probability of the open deals: the forecast. Probability 0–100 or 0–1.',
    dateRole: 'expected_close_at', dateRequired: false, requires: ['amount', 'probability'], outcome: true, scope: 'all',
    chart: 'column', format: 'currency', higherIsBetter: true,
    measures: [
      m('weighted_pipeline', 'Weighted pipeline', 'coalesce(sum_if(@amount * @probability, {open}), 0) / {probability_scale}', 'currency', true),
      m('weighted_pipeline_value', 'Pipeline value', 'coalesce(sum_if(@amount, {open}), 0)', 'currency', true),
      m('weighted_pipeline_deals', 'Open deals', 'count_if({open})', 'number', true),
    ],
  },
  {
    id: 'sales_cycle_median', label: 'Sales cycle (median)',
    meaning: 'Median days from created to closed date of the deals won (by closed date).',
    dateRole: 'closed_at', dateRequired: true, requires: ['created_at', 'closed_at'], outcome: true, scope: 'won',
    chart: 'bar', format: 'days', higherIsBetter: false,
    measures: [
      m('sales_cycle_median', 'Sales cycle, median (days)', "median(date_diff('day', @created_at, @closed_at))", 'days', false),
      m('sales_cycle_median_deals', 'Deals won', "count(date_diff('day', @created_at, @closed_at))", 'number', true),
    ],
  },
  {
    id: 'sales_cycle_p75', label: 'Sales cycle (75th percentile)',
    meaning: 'Days from created to closed date within which 75 % of the deals won closed.',
    dateRole: 'closed_at', dateRequired: true, requires: ['created_at', 'closed_at'], outcome: true, scope: 'won',
    chart: 'bar', format: 'days', higherIsBetter: false,
    measures: [
      m('sales_cycle_p75', 'Sales cycle, p75 (days)', "percentile(date_diff('day', @created_at, @closed_at), 0.75)", 'days', false),
      m('sales_cycle_p75_deals', 'Deals won', "count(date_diff('day', @created_at, @closed_at))", 'number', true),
    ],
  },
  {
    id: 'stale_deals', label: 'Stale deals',
    meaning: 'Open deals created more than N days ago (90 by default): deals to chase or close.',
    dateRole: 'created_at', dateRequired: true, requires: ['created_at'], outcome: true, scope: 'all',
    chart: 'bar', format: 'number', higherIsBetter: false,
    measures: [
      m('stale_deals', 'Stale deals', 'count_if({open} AND @created_at < {stale_before})', 'number', true),
      m('stale_deals_amount', 'Stale amount', 'coalesce(sum_if(@amount, {open} AND @created_at < {stale_before}), 0)', 'currency', true, ['amount']),
      m('stale_deals_open', 'Open deals', 'count_if({open})', 'number', true),
    ],
  },
  {
    id: 'probability_by_stage', label: 'Probability by stage',
    meaning: 'Mean probability entered on the open deals of each stage: it should rise stage after stage, else the process is broken.',
    dateRole: 'expected_close_at', dateRequired: false, requires: ['stage', 'probability'], outcome: true, scope: 'all',
    groupBy: ['stage'],
    chart: 'bar', format: 'percent', higherIsBetter: true,
    measures: [
      m('probability_by_stage', 'Mean probability', 'avg_if(@probability, {open}) / {probability_scale}', 'percent', false),
      m('probability_by_stage_open', 'Open deals', 'count_if({open})', 'number', true),
      m('probability_by_stage_deals', 'Deals', 'count()', 'number', true),
    ],
  },
  // --- Activities (an input, not a result). Deal roles (status, closed_at, segment...) come from the
  // activities' enriched model, "activities (enriched)", once activities are linked to deals.
  {
    id: 'activities', label: 'Activities',
    meaning: 'Activities logged (calls, e-mails, meetings, demos, visits), by activity date: the commercial effort.',
    entity: 'activity', dateRole: 'activity_at', dateRequired: false, requires: ['activity_type'], outcome: false, scope: 'all',
    chart: 'column', format: 'number', higherIsBetter: true,
    measures: [m('activities', 'Activities', 'count()', 'number', true)],
  },
  {
    id: 'activities_per_won_deal', label: 'Activities per won deal',
    meaning: 'Activities logged on the deals won (by the deal\'s closed date) / those deals: the effort a result took. Won deals without any activity are not counted.',
    entity: 'activity', dateRole: 'closed_at', dateRequired: false, requires: ['activity_type', 'deal_id'], outcome: true, scope: 'won',
    chart: 'bar', format: 'number', higherIsBetter: false,
    measures: [
      m('activities_per_won_deal', 'Activities per won deal', 'activities_per_won_deal_activities / activities_per_won_deal_deals', 'number', false),
      m('activities_per_won_deal_activities', 'Activities on won deals', 'count()', 'number', true),
      m('activities_per_won_deal_deals', 'Won deals with activities', 'count_distinct(@deal_id)', 'number', true),
    ],
  },
  {
    id: 'activity_outcomes', label: 'Activity outcomes',
    meaning: 'Activities by type and outcome (reached, no answer, voicemail...), by activity date.',
    entity: 'activity', dateRole: 'activity_at', dateRequired: false, requires: [], outcome: false, scope: 'all',
    groupBy: ['activity_type', 'outcome'],
    chart: 'bar', format: 'number', higherIsBetter: true,
    measures: [m('activity_outcomes', 'Activities', 'count()', 'number', true)],
  },
  // --- Two sources, joined by the core.
  {
    id: 'acquisition_cost', label: 'Acquisition cost by channel',
    meaning: 'Marketing spend of a channel (costs: cost_amount by cost_channel and month) / deals won from that lead source closed in the same months.',
    dateRole: 'closed_at', dateRequired: false, requires: [], outcome: true, scope: 'all',
    groupBy: ['lead_source'], join: COSTS_BY_CHANNEL,
    chart: 'bar', format: 'currency', higherIsBetter: false,
    measures: [
      ratio('acquisition_cost', 'Acquisition cost', 'acquisition_cost_spend', 'acquisition_cost_won', 'currency'),
      m('acquisition_cost_won', 'Deals won', 'count_if({won})', 'number', true),
      joined('acquisition_cost_spend', 'Spend', 'coalesce(sum(@cost_amount), 0)', 'currency'),
    ],
  },
  {
    id: 'lead_source_roi', label: 'Lead-source ROI',
    meaning: 'Per lead source, the deals created in the period and what they became (won, revenue, conversion), against the spend of those months: revenue / spend.',
    dateRole: 'created_at', dateRequired: false, requires: ['amount'], outcome: true, scope: 'all',
    groupBy: ['lead_source'], join: COSTS_BY_CHANNEL,
    chart: 'bar', format: 'number', higherIsBetter: true,
    measures: [
      ratio('lead_source_roi', 'Revenue / spend', 'lead_source_roi_revenue', 'lead_source_roi_spend', 'number'),
      m('lead_source_roi_deals', 'Deals', 'count()', 'number', true),
      m('lead_source_roi_won', 'Won', 'count_if({won})', 'number', true),
      m('lead_source_roi_lost', 'Lost', 'count_if({lost})', 'number', true),
      m('lead_source_roi_revenue', 'Revenue won', 'coalesce(sum_if(@amount, {won}), 0)', 'currency', true),
      m('lead_source_roi_conversion', 'Conversion rate', 'lead_source_roi_won / (lead_source_roi_won + lead_source_roi_lost)', 'percent', false),
      m('lead_source_roi_closed', 'Closed', 'lead_source_roi_won + lead_source_roi_lost', 'number', true),
      joined('lead_source_roi_spend', 'Spend', 'coalesce(sum(@cost_amount), 0)', 'currency'),
    ],
    rate: { successes: 'lead_source_roi_won', trials: 'lead_source_roi_closed' },
  },
  {
    id: 'target_attainment', label: 'Attainment vs target',
    meaning: 'Revenue won per owner (by closed date) / the owner\'s targets of the same months (targets: target_amount by owner and month).',
    dateRole: 'closed_at', dateRequired: false, requires: ['amount'], outcome: true, scope: 'all',
    groupBy: ['owner'], join: TARGETS_BY_OWNER,
    chart: 'bar', format: 'percent', higherIsBetter: true,
    measures: [
      ratio('target_attainment', 'Attainment', 'target_attainment_revenue', 'target_attainment_target', 'percent'),
      m('target_attainment_revenue', 'Revenue won', 'coalesce(sum_if(@amount, {won}), 0)', 'currency', true),
      joined('target_attainment_target', 'Target', 'coalesce(sum(@target_amount), 0)', 'currency'),
    ],
  },
  {
    id: 'forecast', label: 'Forecast by close period',
    meaning: 'Per month (or other grain): revenue won, by closed date, + weighted open pipeline (amount × probability), by expected close date.',
    dateRole: 'closed_at', dateRequired: false, requires: ['amount', 'closed_at'], outcome: true, scope: 'all',
    chart: 'column', format: 'currency', higherIsBetter: true,
    measures: [
      total('forecast', 'Forecast', ['forecast_won', 'forecast_weighted'], 'currency'),
      m('forecast_won', 'Revenue won (by closed date)', 'coalesce(sum_if(@amount, {won}), 0)', 'currency', true),
      m('forecast_won_deals', 'Deals won', 'count_if({won})', 'number', true),
      inPart(m('forecast_weighted', 'Weighted open pipeline (by expected close date)', 'coalesce(sum_if(@amount * @probability, {open}), 0) / {probability_scale}', 'currency', true), OPEN_BY_EXPECTED_CLOSE),
      inPart(m('forecast_open_deals', 'Open deals', 'count_if({open})', 'number', true), OPEN_BY_EXPECTED_CLOSE),
    ],
  },
  {
    id: 'account_basket', label: 'Average basket per account',
    meaning: 'Revenue won / accounts with at least one won deal (by closed date; lifetime without a period): by account type or segment through the enriched deals.',
    dateRole: 'closed_at', dateRequired: false, requires: ['amount', 'account'], outcome: true, scope: 'won',
    chart: 'bar', format: 'currency', higherIsBetter: true,
    measures: [
      m('account_basket', 'Average basket per account', 'sum(@amount) / count_distinct(@account)', 'currency', false),
      m('account_basket_revenue', 'Revenue won', 'coalesce(sum(@amount), 0)', 'currency', true),
      m('account_basket_accounts', 'Accounts with a won deal', 'count_distinct(@account)', 'number', false),
      m('account_basket_deals', 'Deals won', 'count()', 'number', true),
    ],
  },
  {
    id: 'stage_funnel', label: 'Stage funnel',
    meaning: 'Per open stage in pipeline order: deals that reached it (approximated from one export: current stage at or beyond it, won deals reached every stage), conversion to the next stage (the last: to won), and lost deals by loss stage (when the export keeps it).',
    dateRole: 'created_at', dateRequired: false, requires: ['stage'], outcome: true, scope: 'all', funnel: true,
    groupBy: ['stage'],
    chart: 'bar', format: 'number', higherIsBetter: true,
    measures: [
      derived(m('stage_funnel', 'Deals reaching the stage', 'open or lost at or beyond the stage + won', 'number', true)),
      m('stage_funnel_at', 'Open deals at the stage', 'count_if({open})', 'number', true),
      m('stage_funnel_won', 'Won deals at the stage', 'count_if({won})', 'number', true),
      m('stage_funnel_lost', 'Lost at the stage', 'count_if({lost})', 'number', true),
      derived(m('stage_funnel_next', 'Reaching the next stage (last: won)', 'stage_funnel of the next stage', 'number', true)),
      derived(m('stage_funnel_conversion', 'Conversion to the next stage', 'stage_funnel_next / stage_funnel', 'percent', false)),
    ],
  },
  {
    id: 'lead_conversion', label: 'Leads → opportunities',
    meaning: 'Converted leads / leads (a leads source with a converted or lead status column), with the counts and a 95 % Wilson interval.',
    entity: 'lead', dateRole: 'created_at', dateRequired: false, requires: [], anyOf: ['converted', 'lead_status'], outcome: false, scope: 'all',
    chart: 'bar', format: 'percent', higherIsBetter: true,
    measures: [
      m('lead_conversion', 'Lead conversion rate', 'count_if({converted}) / count()', 'percent', false),
      m('lead_conversion_converted', 'Converted leads', 'count_if({converted})', 'number', true),
      m('lead_conversion_leads', 'Leads', 'count()', 'number', true),
    ],
    rate: { successes: 'lead_conversion_converted', trials: 'lead_conversion_leads' },
  },
  {
    id: 'crm_usage', label: 'CRM usage per rep',
    meaning: 'Per rep (and period): deals created (by created date) and activities logged (by activity date): adoption, and the data quality behind every other number.',
    dateRole: 'created_at', dateRequired: false, requires: ['created_at'], outcome: false, scope: 'all',
    groupBy: ['owner'],
    chart: 'bar', format: 'number', higherIsBetter: true,
    measures: [
      total('crm_usage', 'Entries (deals + activities)', ['crm_usage_deals', 'crm_usage_activities'], 'number'),
      m('crm_usage_deals', 'Deals created', 'count()', 'number', true),
      inPart(m('crm_usage_activities', 'Activities logged', 'count()', 'number', true), ACTIVITIES_BY_DATE),
    ],
  },
];

export function findKpi(id: string): KpiDefinition | undefined {
  return KPIS.find((k) => k.id === id);
}

// ---------------------------------------------------------------------------------------------
// Outcome values

export interface OutcomeValues {
  /** The column role carrying won / lost. */
  role: 'status' | 'stage';
  won: readonly string[];
  lost: readonly string[];
}

/** The usual spellings, for when the column's values have not been read. */
export const DEFAULT_OUTCOME: OutcomeValues = {
  role: 'status',
  won: ['Won', 'won', 'WON', 'Closed Won', 'Closed won', 'closed won', 'Gagné', 'Gagnée', 'gagné', 'Gagne', 'Gewonnen', 'gewonnen', 'Signé'],
  lost: ['Lost', 'lost', 'LOST', 'Closed Lost', 'Closed lost', 'closed lost', 'Perdu', 'Perdue', 'perdu', 'Verloren', 'verloren'],
};

/** Which of a column's distinct values mean won and lost (vocabulary of four languages). */
export function outcomeValuesFrom(role: 'status' | 'stage', values: readonly (string | null)[]): OutcomeValues {
  const won: string[] = [];
  const lost: string[] = [];
  for (const v of values) {
    if (v === null) continue;
    const o = outcomeOf(v);
    if (o === 'won') won.push(v);
    else if (o === 'lost') lost.push(v);
  }
  return { role, won, lost };
}

/** The outcome role of a mapping: status when mapped, else stage, else null. */
export function outcomeRole(roles: Readonly<Record<string, string>>): 'status' | 'stage' | null {
  return roles.status ? 'status' : roles.stage ? 'stage' : null;
}

// ---------------------------------------------------------------------------------------------
// Required roles

export interface KpiUse {
  /** A period or a time grain is asked for: the KPI's date role is needed. */
  dated?: boolean;
  /** Roles named in --by and --filter. */
  roles?: readonly string[];
}

/**
 * The roles a KPI needs that the mapping lacks, empty when it can run. The outcome is reported as
 * `status` (a `stage` column whose values say won / lost serves too).
 */
export function missingRoles(kpi: KpiDefinition, roles: Readonly<Record<string, string>>, use: KpiUse = {}): string[] {
  const need = new Set<string>(kpi.requires);
  for (const r of kpi.groupBy ?? []) need.add(r);
  if (kpi.join) need.add(kpi.join.key.deal);
  if (use.dated || kpi.dateRequired) need.add(kpi.dateRole);
  for (const r of use.roles ?? []) need.add(r);
  const missing = [...need].filter((r) => !roles[r]);
  if (kpi.anyOf?.length && !kpi.anyOf.some((r) => roles[r])) missing.push(kpi.anyOf[0]!);
  if (kpi.outcome && !outcomeRole(roles)) missing.unshift('status');
  return missing;
}

// ---------------------------------------------------------------------------------------------
// KPI -> AnalysisSpec

export interface KpiSpecOptions {
  source: string;
  /** Roles to group by (one row per group). */
  by?: readonly string[];
  /** Time grain on the KPI's date role; the column is `period`. */
  grain?: TimeGrain;
  /** Restricts the KPI's date role to this period. */
  period?: PeriodInput;
  /** Each keeps the rows whose role equals the value. */
  filters?: readonly { role: string; value: string }[];
  /** YYYY-MM-DD: relative periods and stale deals are computed against it. */
  today: string;
  outcome?: OutcomeValues;
  /** 100 when probabilities are entered 0–100, 1 when 0–1. Default 100. */
  probabilityScale?: 1 | 100;
  /** Stale deals: open deals created more than this many days before today. Default 90. */
  staleDays?: number;
  /** The {converted} condition of a leads source (see `convertedCondition`); FALSE when not given. */
  converted?: string;
  /** Roles mapped in the source: measures whose optional roles are missing are left out. */
  roles?: Readonly<Record<string, string>>;
  limit?: number;
}

/** The id of the time dimension in KPI results. */
export const PERIOD_COLUMN = 'period';

function stringLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function inList(role: string, values: readonly string[]): string {
  return values.length === 0 ? 'FALSE' : `@${role} IN (${values.map(stringLiteral).join(', ')})`;
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A KPI measure's formula with its placeholders filled in. */
export function expandFormula(formula: string, options: Pick<KpiSpecOptions, 'outcome' | 'probabilityScale' | 'staleDays' | 'today' | 'converted'>): string {
  const outcome = options.outcome ?? DEFAULT_OUTCOME;
  const won = inList(outcome.role, outcome.won);
  const lost = inList(outcome.role, outcome.lost);
  const closed = [...outcome.won, ...outcome.lost];
  const open = closed.length === 0 ? 'TRUE' : `(@${outcome.role} IS NULL OR @${outcome.role} NOT IN (${closed.map(stringLiteral).join(', ')}))`;
  const staleBefore = stringLiteral(addDays(options.today, -(options.staleDays ?? 90)));
  return formula
    .replaceAll('{won}', `(${won})`)
    .replaceAll('{lost}', `(${lost})`)
    .replaceAll('{open}', open)
    .replaceAll('{probability_scale}', String(options.probabilityScale ?? 100))
    .replaceAll('{stale_before}', staleBefore)
    .replaceAll('{converted}', `(${options.converted ?? 'FALSE'})`);
}

const CONVERTED_WORDS = /^(true|yes|y|1|converted|closed\s*-?\s*converted|converti|convertie|konvertiert|umgewandelt|geconverteerd|omgezet|oui|ja)$/i;

/**
 * The {converted} condition of a leads source, from the distinct values of its `converted` column
 * (true, 1, Yes, Converted...) or, without one, of its `lead_status` column (Converted, Closed -
 * Converted...): `@converted IN (TRUE)`, `@converted IN (1)`, `@lead_status IN ('Converted')`.
 * FALSE when no value means converted.
 */
export function convertedCondition(role: 'converted' | 'lead_status', values: readonly unknown[]): string {
  const literals: string[] = [];
  for (const v of values) {
    if (v === true) literals.push('TRUE');
    else if (typeof v === 'number' && v === 1) literals.push('1');
    else if (typeof v === 'bigint' && v === 1n) literals.push('1');
    else if (typeof v === 'string' && CONVERTED_WORDS.test(v.trim())) literals.push(stringLiteral(v));
  }
  return literals.length ? `@${role} IN (${literals.join(', ')})` : 'FALSE';
}

/** The measures of a KPI that the mapping allows (optional measures need their roles). */
export function kpiMeasures(kpi: KpiDefinition, roles?: Readonly<Record<string, string>>): KpiMeasure[] {
  return kpi.measures.filter((x) => !roles || (x.optionalRoles ?? []).every((r) => roles[r]));
}

export function kpiSpec(kpi: KpiDefinition, options: KpiSpecOptions): AnalysisSpec {
  const measures: MeasureInput[] = kpiMeasures(kpi, options.roles)
    .filter((x) => !x.joined && !x.ratio && !x.sum && !x.derived)
    .map((x) => ({ id: x.id, label: x.label, formula: expandFormula(x.formula, options) }));
  const dimensions: DimensionInput[] = kpiGroups(kpi, options.by).map((role) => ({ id: role, role }));
  const filters: FilterInput[] = [];
  if (options.grain) {
    dimensions.push({ id: PERIOD_COLUMN, role: kpi.dateRole, grain: options.grain });
    // By period: the rows without a date (open deals have no closed date) belong to no period.
    filters.push({ role: kpi.dateRole, op: 'not_null' });
  }
  if (options.period) filters.push({ role: kpi.dateRole, op: 'in_period', period: options.period });
  for (const f of options.filters ?? []) filters.push({ role: f.role, op: 'eq', values: [f.value] });
  if (kpi.scope === 'won') {
    const outcome = options.outcome ?? DEFAULT_OUTCOME;
    // No won value: nothing matches (a null in the list would mean "empty cells", so use a value no CRM writes).
    filters.push({ role: outcome.role, op: 'in', values: outcome.won.length ? [...outcome.won] : ['\u0000'] });
  }
  return {
    source: options.source,
    measures,
    ...(dimensions.length ? { dimensions } : {}),
    ...(filters.length ? { filters } : {}),
    today: options.today,
    limit: options.limit ?? 100_000,
  };
}

/**
 * A KPI split into the KPIs the core runs, one spec each: the KPI with its own measures (and the
 * computed ones), then one per part (another date role or entity) with that part's measures.
 */
export function kpiParts(kpi: KpiDefinition): KpiDefinition[] {
  const own = kpi.measures.filter((x) => !x.part);
  const parts = new Map<KpiPart, KpiMeasure[]>();
  for (const x of kpi.measures) if (x.part) parts.set(x.part, [...(parts.get(x.part) ?? []), x]);
  return [
    { ...kpi, measures: own },
    ...[...parts].map(([part, measures]): KpiDefinition => {
      const { rate: _rate, join: _join, ...base } = kpi;
      return {
        ...base,
        id: `${kpi.id}:${part.entity ?? 'deal'}:${part.dateRole}`,
        entity: part.entity ?? 'deal',
        dateRole: part.dateRole,
        requires: part.requires,
        outcome: part.outcome,
        scope: 'all',
        measures,
      };
    }),
  ];
}

/** The roles a KPI's rows are grouped by: --by, then the KPI's own groups. */
export function kpiGroups(kpi: KpiDefinition, by: readonly string[] = []): string[] {
  return [...new Set([...by, ...(kpi.groupBy ?? [])])];
}

/** Result column ids of the joined source's spec. */
export const JOIN_KEY = 'join_key';
export const JOIN_PERIOD = 'join_period';

/**
 * The joined source's spec of a KPI (costs, targets): its joined measures by key and raw period.
 * The period is bucketed and filtered by the core (`joinedBucket`): months are often typed as
 * `YYYY-MM` text, which no SQL grain applies to. A filter on the KPI's key role applies to the
 * joined key (lead_source=Website → cost_channel=Website); other filters cannot apply there.
 */
export function joinSpec(kpi: KpiDefinition, options: Pick<KpiSpecOptions, 'source' | 'filters' | 'today' | 'limit'>): AnalysisSpec | null {
  const join = kpi.join;
  if (!join) return null;
  const measures: MeasureInput[] = kpi.measures.filter((x) => x.joined).map((x) => ({ id: x.id, label: x.label, formula: x.formula }));
  const filters: FilterInput[] = (options.filters ?? [])
    .filter((f) => f.role === join.key.deal)
    .map((f) => ({ role: join.key.joined, op: 'eq', values: [f.value] }));
  return {
    source: options.source,
    measures,
    dimensions: [{ id: JOIN_KEY, role: join.key.joined }, { id: JOIN_PERIOD, role: join.periodRole }],
    ...(filters.length ? { filters } : {}),
    today: options.today,
    limit: options.limit ?? 100_000,
  };
}

/**
 * The first day (YYYY-MM-DD) of a joined row's month: `YYYY-MM` or `YYYY/MM` text, a `YYYY-MM-DD`
 * date or timestamp, or a Date; null when not a month.
 */
export function joinedMonth(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : `${value.toISOString().slice(0, 7)}-01`;
  if (typeof value !== 'string') return null;
  const g = value.trim().match(/^(\d{4})[-/](\d{2})(?:[-/]\d{2}(?:[ T].*)?)?$/);
  if (!g || Number(g[2]) < 1 || Number(g[2]) > 12) return null;
  return `${g[1]}-${g[2]}-01`;
}

/**
 * The bucket of a joined row's month for a grain (month, quarter, year; calendar quarters), or
 * the month itself when no grain. Null for day and week: costs and targets are monthly.
 */
export function joinedBucket(month: string, grain: TimeGrain | undefined): string | null {
  if (!grain || grain === 'month') return month;
  if (grain === 'quarter') {
    const mo = Number(month.slice(5, 7));
    return `${month.slice(0, 4)}-${String(mo - ((mo - 1) % 3)).padStart(2, '0')}-01`;
  }
  if (grain === 'year') return `${month.slice(0, 4)}-01-01`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Wilson score interval

/**
 * The Wilson score interval of a proportion: `successes` of `trials`, z = 1.96 for 95 %. Null when
 * there is no trial. 2 of 4 gives [0.150, 0.850]; 200 of 400 gives [0.451, 0.549].
 */
export function wilsonInterval(successes: number, trials: number, z = 1.96): { low: number; high: number } | null {
  if (!(trials > 0) || successes < 0 || successes > trials) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

// ---------------------------------------------------------------------------------------------
// Periods as typed on a command line

/**
 * A relative period name, `YYYY`, `YYYY-MM`, `YYYY-Qn` (calendar quarter), `YYYY-MM-DD` (one day)
 * or `start..end` (half-open, each a YYYY-MM-DD day) → a spec period; null when not understood.
 */
export function parsePeriod(text: string): PeriodInput | null {
  const t = text.trim();
  if ((RELATIVE_PERIODS as readonly string[]).includes(t)) return t as PeriodInput;
  const pad = (n: number) => String(n).padStart(2, '0');
  let g: RegExpMatchArray | null;
  if ((g = t.match(/^(\d{4})$/))) return { from: `${g[1]}-01-01`, to: `${Number(g[1]) + 1}-01-01` };
  if ((g = t.match(/^(\d{4})-(\d{2})$/))) {
    const y = Number(g[1]);
    const mo = Number(g[2]);
    if (mo < 1 || mo > 12) return null;
    return { from: `${y}-${pad(mo)}-01`, to: mo === 12 ? `${y + 1}-01-01` : `${y}-${pad(mo + 1)}-01` };
  }
  if ((g = t.match(/^(\d{4})-[Qq]([1-4])$/))) {
    const y = Number(g[1]);
    const q = Number(g[2]);
    return { from: `${y}-${pad(q * 3 - 2)}-01`, to: q === 4 ? `${y + 1}-01-01` : `${y}-${pad(q * 3 + 1)}-01` };
  }
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (day.test(t) && validDay(t)) return { from: t, to: addDays(t, 1) };
  const range = t.split('..');
  if (range.length === 2 && range.every((d) => day.test(d) && validDay(d)) && range[0]! < range[1]!) {
    return { from: range[0]!, to: range[1]! };
  }
  return null;
}

function validDay(d: string): boolean {
  const date = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === d;
}

export function isTimeGrain(g: string): g is TimeGrain {
  return (TIME_GRAINS as readonly string[]).includes(g);
}

function partsOf(k: KpiDefinition): KpiPart[] {
  return [...new Set(k.measures.flatMap((x) => (x.part ? [x.part] : [])))];
}

/** The catalog as `kpi --list --json` prints it. */
export function catalogListing() {
  return KPIS.map((k) => ({
    name: k.id,
    label: k.label,
    meaning: k.meaning,
    formula: k.measures[0]!.formula,
    measures: k.measures.map((x) => ({ id: x.id, label: x.label, formula: x.formula, format: x.format })),
    requiredRoles: [
      ...(k.outcome ? ['status'] : []),
      ...new Set([
        ...k.requires, ...(k.groupBy ?? []), ...(k.join ? [k.join.key.deal] : []), ...(k.dateRequired ? [k.dateRole] : []),
        ...(k.anyOf?.length ? [k.anyOf.join(' or ')] : []),
      ]),
    ],
    source: k.entity === 'activity' ? 'activities' : k.entity === 'lead' ? 'leads' : 'deals',
    ...(partsOf(k).length ? { parts: partsOf(k).map((p) => ({ source: p.entity === 'activity' ? 'activities' : p.entity === 'lead' ? 'leads' : 'deals', dateRole: p.dateRole, roles: [...p.requires, p.dateRole] })) } : {}),
    ...(k.groupBy ? { groupBy: [...k.groupBy] } : {}),
    ...(k.join ? { joined: { source: k.join.what, roles: [k.join.anchor, k.join.key.joined, k.join.periodRole], on: `${k.join.key.deal} = ${k.join.key.joined}` } } : {}),
    dateRole: k.dateRole,
    chart: k.chart,
    format: k.format,
    higherIsBetter: k.higherIsBetter,
  }));
}

// ---------------------------------------------------------------------------------------------
// Stage funnel

/** Counts of one stage value (of one group), as the funnel spec returns them. */
export interface FunnelCounts {
  stage: string | null;
  /** Open deals at the stage. */
  at: number;
  won: number;
  lost: number;
}

export interface FunnelRow extends FunnelCounts {
  /** Deals that reached the stage; null on a won / lost stage row. */
  reached: number | null;
  /** Deals that reached the next open stage (the last open stage: won); null on a won / lost stage row. */
  next: number | null;
  conversion: number | null;
}

/**
 * The stage funnel of one group from a single export, stages in pipeline order (open stages, then
 * the won / lost stage values, as `SourceSchema.orders` sorts them). An export holds each deal's
 * current stage, not its history, so "reached" is approximated:
 *   - an open deal, and a lost deal whose stage is still an open stage (the export keeps the loss
 *     stage), reached its stage and every stage before it;
 *   - a won deal reached every open stage (whatever its stage value says);
 *   - a lost deal whose stage is a lost stage (Closed Lost, Lost) or empty: where it was lost is
 *     unknown; it is counted as having reached the first open stage only, and shown on its own
 *     stage row (its `lost` is "loss stage unknown"). This understates the later stages' reach.
 * Conversion of a stage = reached(next open stage) / reached(stage); of the last open stage,
 * won / reached. `isClosedStage` tells the won / lost stage values (outcomeOf).
 */
export function funnelRows(counts: readonly FunnelCounts[], isClosedStage: (stage: string) => boolean): FunnelRow[] {
  const open = counts.filter((c) => c.stage !== null && !isClosedStage(c.stage));
  const closed = counts.filter((c) => c.stage === null || isClosedStage(c.stage));
  const wonAnywhere = counts.reduce((n, c) => n + c.won, 0);
  const lostUnknown = closed.reduce((n, c) => n + c.lost, 0);
  const reached: number[] = [];
  let beyond = 0;
  for (let i = open.length - 1; i >= 0; i--) {
    const c = open[i]!;
    // Won deals left at an earlier open stage reached every stage too: counted in `wonAnywhere`.
    beyond += c.at + c.lost;
    reached[i] = beyond + wonAnywhere + (i === 0 ? lostUnknown : 0);
  }
  const rows: FunnelRow[] = open.map((c, i) => {
    const next = i + 1 < open.length ? reached[i + 1]! : wonAnywhere;
    const r = reached[i]!;
    return { ...c, reached: r, next, conversion: r > 0 ? next / r : null };
  });
  for (const c of closed) rows.push({ ...c, reached: null, next: null, conversion: null });
  return rows;
}

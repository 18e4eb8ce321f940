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
  label: string;
  /** Formula template: the spec's expression language plus the {won} {lost} {open} {probability_scale} {stale_before} placeholders. */
  formula: string;
  format: KpiFormat;
  /** count_if / sum_if: an empty group is 0, not empty. */
  additive: boolean;
  /** Roles this measure needs beyond the KPI's; the measure is left out when they are not mapped. */
  optionalRoles?: readonly RoleId[];
}

export interface KpiDefinition {
  id: string;
  label: string;
  /** One line: what the number says. */
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
}

const m = (id: string, label: string, formula: string, format: KpiFormat, additive: boolean, optionalRoles?: RoleId[]): KpiMeasure => ({
  id, label, formula, format, additive, ...(optionalRoles ? { optionalRoles } : {}),
});

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
  if (use.dated || kpi.dateRequired) need.add(kpi.dateRole);
  for (const r of use.roles ?? []) need.add(r);
  const missing = [...need].filter((r) => !roles[r]);
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
export function expandFormula(formula: string, options: Pick<KpiSpecOptions, 'outcome' | 'probabilityScale' | 'staleDays' | 'today'>): string {
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
    .replaceAll('{stale_before}', staleBefore);
}

/** The measures of a KPI that the mapping allows (optional measures need their roles). */
export function kpiMeasures(kpi: KpiDefinition, roles?: Readonly<Record<string, string>>): KpiMeasure[] {
  return kpi.measures.filter((x) => !roles || (x.optionalRoles ?? []).every((r) => roles[r]));
}

export function kpiSpec(kpi: KpiDefinition, options: KpiSpecOptions): AnalysisSpec {
  const measures: MeasureInput[] = kpiMeasures(kpi, options.roles).map((x) => ({
    id: x.id,
    label: x.label,
    formula: expandFormula(x.formula, options),
  }));
  const dimensions: DimensionInput[] = (options.by ?? []).map((role) => ({ id: role, role }));
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

/** The catalog as `kpi --list --json` prints it. */
export function catalogListing() {
  return KPIS.map((k) => ({
    name: k.id,
    label: k.label,
    meaning: k.meaning,
    formula: k.measures[0]!.formula,
    measures: k.measures.map((x) => ({ id: x.id, label: x.label, formula: x.formula, format: x.format })),
    requiredRoles: [...(k.outcome ? ['status'] : []), ...new Set([...k.requires, ...(k.dateRequired ? [k.dateRole] : [])])],
    dateRole: k.dateRole,
    chart: k.chart,
    format: k.format,
    higherIsBetter: k.higherIsBetter,
  }));
}

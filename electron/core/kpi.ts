// Runs catalog KPIs (shared/model/kpis.ts) through the core's runQuery: picks each KPI's source
// (deals; activities, preferably "activities (enriched)" which carries the deal roles), checks the
// roles, reads the outcome column's won / lost values and the probability scale from the data,
// runs one spec per KPI (each KPI has its own date role) and merges the rows by group.
//
// Two-source KPIs (acquisition cost, lead-source ROI: costs; attainment: targets) run a second
// spec on the joined source, one row per key and raw month, and join it here, in JS, as a full
// outer join on key (lead_source = cost_channel, owner = owner) and period (the month bucketed
// to the grain). Why not SQL: costs and targets months are usually `YYYY-MM` text, the join keys
// differ per KPI, and the spec compiler joins only through confirmed relationships (models). The
// ratios (spend / won, revenue / spend, revenue / target) are computed after the join.
import type { QuarterdeckApi, Result, SourceInfo } from '../../shared/api';
import { fail, ok } from '../../shared/api';
import { readArrow, type CellValue } from '../../shared/arrow/cells';
import {
  convertedCondition,
  findKpi,
  funnelRows,
  kpiParts,
  JOIN_KEY,
  JOIN_PERIOD,
  joinedBucket,
  joinedMonth,
  joinSpec,
  kpiGroups,
  KPIS,
  kpiMeasures,
  kpiSpec,
  missingRoles,
  outcomeRole,
  outcomeValuesFrom,
  PERIOD_COLUMN,
  wilsonInterval,
  type KpiDefinition,
  type KpiFormat,
  type KpiSpecOptions,
  type KpiUse,
  type OutcomeValues,
} from '../../shared/model/kpis';
import { suggest } from '../../shared/spec/suggest';
import { parseDay, resolvePeriod } from '../../shared/spec/dates';
import { outcomeOf } from '../../shared/model/vocabulary';
import type { AnalysisSpec } from '../../shared/spec/types';
import type { RoleId } from '../../shared/model/roles';

export type KpiCore = Pick<QuarterdeckApi, 'runQuery' | 'getWorkspace'>;

export interface KpiRunOptions extends Omit<KpiSpecOptions, 'source' | 'outcome' | 'probabilityScale' | 'roles'> {
  /** The deals source; by default the source whose roles fit the KPIs best. */
  source?: string;
}

export interface KpiColumn {
  id: string;
  label: string;
  kind: 'dimension' | 'measure';
  format?: KpiFormat;
  /** The KPI this column belongs to. */
  kpi?: string;
}

export interface KpiRows {
  /** The source of the first KPI. */
  source: string;
  /** Each KPI's source; a joined source under `<kpi>:<what>` (acquisition_cost:costs). */
  sources: Record<string, string>;
  columns: KpiColumn[];
  rows: Record<string, CellValue>[];
  /** How won / lost were recognised, and the probability scale used (for "explain this number"). */
  outcome: OutcomeValues | null;
  probabilityScale: 1 | 100 | null;
  /** The spec run for each KPI; a joined source's under `<kpi>:<what>`. */
  specs: Record<string, AnalysisSpec>;
}

export async function runKpis(core: KpiCore, names: readonly string[], options: KpiRunOptions): Promise<Result<KpiRows>> {
  if (names.length === 0) return fail('INVALID_ARGUMENT', 'no KPI named', { location: { field: 'kpis' }, messageKey: 'errors.kpiNoneNamed' });
  const kpis: KpiDefinition[] = [];
  for (const name of names) {
    const kpi = findKpi(name);
    if (!kpi) {
      const ids = KPIS.map((k) => k.id);
      const hint = suggest(name, ids);
      return fail('NOT_FOUND', `unknown KPI "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${ids.join(', ')}`, {
        location: { field: 'kpis' },
        ...(hint
          ? { messageKey: 'errors.kpiUnknownHint', values: { name, hint, known: ids.join(', ') } }
          : { messageKey: 'errors.kpiUnknown', values: { name, known: ids.join(', ') } }),
      });
    }
    if (!kpis.includes(kpi)) kpis.push(kpi);
  }

  // One row per group: every KPI of a run must be grouped the same way.
  const groups = kpiGroups(kpis[0]!, options.by);
  for (const kpi of kpis.slice(1)) {
    const other = kpiGroups(kpi, options.by);
    if (other.join(',') !== groups.join(',')) {
      return fail(
        'INVALID_ARGUMENT',
        `KPI "${kpi.id}" is grouped by ${other.join(', ') || 'nothing'} and "${kpis[0]!.id}" by ${groups.join(', ') || 'nothing'}: run them separately`,
        {
          location: { field: 'kpis' },
          messageKey: 'errors.kpiGroupedDifferently',
          values: { kpi: kpi.id, roles: other.join(','), firstKpi: kpis[0]!.id, firstRoles: groups.join(',') },
        },
      );
    }
  }

  const info = await core.getWorkspace();
  if (!info.ok) return info;
  const use = {
    dated: Boolean(options.period || options.grain),
    roles: [...(options.by ?? []), ...(options.filters ?? []).map((f) => f.role)],
  };

  interface Plan {
    kpi: KpiDefinition;
    source: SourceInfo;
    joined: SourceInfo | null;
  }
  const plans: Plan[] = [];
  for (const kpi of kpis.flatMap(kpiParts)) {
    const source = pickSource(info.value.sources, kpi, use, options.source);
    if (!source.ok) return source;
    let joined: SourceInfo | null = null;
    if (kpi.join) {
      const checked = checkJoinUse(kpi, options);
      if (!checked.ok) return checked;
      const found = pickJoined(info.value.sources, kpi);
      if (!found.ok) return found;
      joined = found.value;
    }
    plans.push({ kpi, source: source.value, joined });
  }

  // Won / lost values, the probability scale and the converted values, read once per source.
  const outcomes = new Map<string, OutcomeValues>();
  const scales = new Map<string, 1 | 100>();
  const converted = new Map<string, string>();
  for (const { kpi, source } of plans) {
    const base = { source: source.name, today: options.today };
    if (kpi.measures.some((x) => x.formula.includes('{converted}')) && !converted.has(source.name)) {
      const role = source.roles.converted ? 'converted' : 'lead_status';
      const values = await core.runQuery({ spec: { ...base, measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'v', role }], limit: 10_000 } });
      if (!values.ok) return values;
      converted.set(source.name, convertedCondition(role, readArrow(values.value.ipc).rows().map((r) => r.v)));
    }
    if (kpi.outcome && !outcomes.has(source.name)) {
      const found = await readOutcome(core, base, source.roles);
      if (!found.ok) return found;
      outcomes.set(source.name, found.value);
    }
    if (kpi.measures.some((x) => x.formula.includes('{probability_scale}')) && !scales.has(source.name)) {
      const max = await core.runQuery({ spec: { ...base, measures: [{ id: 'max', op: 'max', role: 'probability' }] } });
      if (!max.ok) return max;
      const value = readArrow(max.value.ipc).rows()[0]?.max;
      scales.set(source.name, typeof value === 'number' && value > 1 ? 100 : 1);
    }
  }

  const dims = [...groups, ...(options.grain ? [PERIOD_COLUMN] : [])];
  const columns: KpiColumn[] = dims.map((id) => ({ id, label: id, kind: 'dimension' }));
  const merged = new Map<string, Record<string, CellValue>>();
  const targetOf = (values: Record<string, CellValue>) => {
    const key = JSON.stringify(dims.map((d) => values[d] ?? null));
    let target = merged.get(key);
    if (!target) {
      target = Object.fromEntries(dims.map((d) => [d, values[d] ?? null]));
      merged.set(key, target);
    }
    return target;
  };
  const specs: Record<string, AnalysisSpec> = {};
  const sources: Record<string, string> = {};
  for (const { kpi, source, joined } of plans) {
    const outcome = outcomes.get(source.name);
    const probabilityScale = scales.get(source.name);
    const condition = converted.get(source.name);
    const built = kpiSpec(kpi, {
      ...options,
      source: source.name,
      roles: source.roles,
      ...(outcome ? { outcome } : {}),
      ...(probabilityScale ? { probabilityScale } : {}),
      ...(condition ? { converted: condition } : {}),
    });
    // The funnel reads its stages in pipeline order: the compiler sorts the stage by its natural order.
    const spec: AnalysisSpec = kpi.funnel ? { ...built, sort: [{ by: 'stage' }] } : built;
    specs[kpi.id] = spec;
    sources[kpi.id] = source.name;
    const result = await core.runQuery({ spec });
    if (!result.ok) return result;
    const measures = kpiMeasures(kpi, source.roles);
    const local = measures.filter((x) => !x.joined && !x.ratio && !x.sum && !x.derived);
    for (const x of measures) {
      if (!columns.some((c) => c.id === x.id)) columns.push({ id: x.id, label: x.label, kind: 'measure', format: x.format, kpi: kpi.id });
    }
    if (kpi.rate) {
      columns.push({ id: `${kpi.id}_low`, label: `${kpi.label}, 95 % low`, kind: 'measure', format: 'percent', kpi: kpi.id });
      columns.push({ id: `${kpi.id}_high`, label: `${kpi.label}, 95 % high`, kind: 'measure', format: 'percent', kpi: kpi.id });
    }
    const resultRows = readArrow(result.value.ipc).rows();
    if (kpi.funnel) {
      funnelInto(resultRows, dims, targetOf, outcome);
      continue;
    }
    for (const row of resultRows) {
      const target = targetOf(row);
      for (const x of local) target[x.id] = row[x.id] ?? null;
      if (kpi.rate) {
        const ci = wilsonInterval(Number(row[kpi.rate.successes] ?? 0), Number(row[kpi.rate.trials] ?? 0));
        target[`${kpi.id}_low`] = ci?.low ?? null;
        target[`${kpi.id}_high`] = ci?.high ?? null;
      }
    }
    if (kpi.join && joined) {
      const added = await mergeJoined(core, kpi, joined, options, targetOf);
      if (!added.ok) return added;
      specs[`${kpi.id}:${kpi.join.what}`] = added.value;
      sources[`${kpi.id}:${kpi.join.what}`] = joined.name;
    }
  }

  // A group absent from one KPI's rows (no deal closed in it, say) has zero counts and sums there.
  const rows = [...merged.values()].map((row) => {
    const out: Record<string, CellValue> = {};
    for (const c of columns) {
      const additive = kpis.some((k) => k.measures.some((x) => x.id === c.id && x.additive));
      out[c.id] = row[c.id] === undefined ? (additive ? 0 : null) : row[c.id]!;
    }
    for (const kpi of kpis) {
      for (const x of kpi.measures) {
        if (x.sum) out[x.id] = x.sum.reduce((n, id) => n + (typeof out[id] === 'number' ? (out[id] as number) : 0), 0);
      }
      for (const x of kpi.measures) {
        if (!x.ratio) continue;
        const num = out[x.ratio.numerator];
        const den = out[x.ratio.denominator];
        out[x.id] = typeof num === 'number' && typeof den === 'number' && den !== 0 ? num / den : null;
      }
    }
    return out;
  });
  // The funnel keeps the pipeline order of its stages (the order its rows were first met).
  const order = new Map(rows.map((r, i) => [r, i]));
  const funnel = kpis.some((k) => k.funnel);
  rows.sort((a, b) => {
    for (const d of dims) {
      if (funnel && d === 'stage') {
        const c = order.get(a)! - order.get(b)!;
        if (c !== 0) return c;
        continue;
      }
      const c = compareCells(a[d] ?? null, b[d] ?? null);
      if (c !== 0) return c;
    }
    return 0;
  });
  const first = plans[0]!.source.name;
  return ok({
    source: first,
    sources,
    columns,
    rows,
    outcome: outcomes.get(first) ?? [...outcomes.values()][0] ?? null,
    probabilityScale: scales.get(first) ?? [...scales.values()][0] ?? null,
    specs,
  });
}

/**
 * The stage funnel rows of a funnel KPI's counts per stage (in pipeline order), group by group
 * (the dimensions other than the stage): see `funnelRows` for what "reached" means.
 */
function funnelInto(
  rows: Record<string, CellValue>[],
  dims: readonly string[],
  targetOf: (values: Record<string, CellValue>) => Record<string, CellValue>,
  outcome: OutcomeValues | undefined,
): void {
  const others = dims.filter((d) => d !== 'stage');
  const groups = new Map<string, Record<string, CellValue>[]>();
  for (const row of rows) {
    const key = JSON.stringify(others.map((d) => row[d] ?? null));
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const closedValues = new Set([...(outcome?.role === 'stage' ? [...outcome.won, ...outcome.lost] : [])]);
  const isClosed = (stage: string) => closedValues.has(stage) || outcomeOf(stage) !== null;
  const n = (v: CellValue | undefined) => (typeof v === 'number' ? v : 0);
  // Every group gets every stage of the pipeline (the rows are sorted by stage, in pipeline order):
  // a rep with deals at Proposal only still has them reaching Prospecting.
  const stageOf = (r: Record<string, CellValue>) => (r.stage === null || r.stage === undefined ? null : String(r.stage));
  const stages = [...new Set(rows.map(stageOf))];
  for (const group of groups.values()) {
    const counts = stages.map((stage) => {
      const r = group.find((x) => stageOf(x) === stage);
      return { stage, at: n(r?.stage_funnel_at), won: n(r?.stage_funnel_won), lost: n(r?.stage_funnel_lost) };
    });
    funnelRows(counts, isClosed).forEach((f) => {
      const target = targetOf({ ...Object.fromEntries(others.map((d) => [d, group[0]![d] ?? null])), stage: f.stage });
      target.stage_funnel = f.reached;
      target.stage_funnel_at = f.at;
      target.stage_funnel_won = f.won;
      target.stage_funnel_lost = f.lost;
      target.stage_funnel_next = f.next;
      target.stage_funnel_conversion = f.conversion;
    });
  }
}

/** A KPI's catalog id: a part of a KPI ("acquisition_cost:costs") is named after the KPI. */
function kpiBase(kpi: KpiDefinition): string {
  return kpi.id.split(':')[0]!;
}

/** A joined KPI is by its key only (costs have no segment, targets no pipeline), monthly or coarser. */
function checkJoinUse(kpi: KpiDefinition, options: KpiRunOptions): Result<true> {
  const join = kpi.join!;
  const extra = (options.by ?? []).filter((r) => !(kpi.groupBy ?? []).includes(r as RoleId));
  if (extra.length) {
    return fail('INVALID_ARGUMENT', `KPI "${kpi.id}" is by ${join.key.deal} only: the ${join.what} have no ${extra.join(', ')}`, {
      location: { field: 'by' },
      messageKey: 'errors.kpiJoinByKeyOnly',
      values: { kpi: kpiBase(kpi), keyRole: join.key.deal, what: join.what, roles: extra.join(',') },
    });
  }
  const filters = (options.filters ?? []).filter((f) => f.role !== join.key.deal);
  if (filters.length) {
    return fail('INVALID_ARGUMENT', `KPI "${kpi.id}" can only be filtered on ${join.key.deal}: the ${join.what} have no ${filters.map((f) => f.role).join(', ')}`, {
      location: { field: 'filters' },
      messageKey: 'errors.kpiJoinFilterKeyOnly',
      values: { kpi: kpiBase(kpi), keyRole: join.key.deal, what: join.what, roles: filters.map((f) => f.role).join(',') },
    });
  }
  if (options.grain === 'day' || options.grain === 'week') {
    return fail('INVALID_ARGUMENT', `KPI "${kpi.id}" joins monthly ${join.what}: use the grain month, quarter or year`, {
      location: { field: 'grain' },
      messageKey: 'errors.kpiJoinGrain',
      values: { kpi: kpiBase(kpi), what: join.what },
    });
  }
  return ok(true);
}

/**
 * Runs the joined source's spec and adds its sums to the merged rows: key = the KPI's key role,
 * period = the month bucketed to the grain; with a period, only the months whose first day lies in
 * it count (costs and targets are monthly). Rows without a month count only when no period or grain.
 */
async function mergeJoined(
  core: KpiCore,
  kpi: KpiDefinition,
  joined: SourceInfo,
  options: KpiRunOptions,
  targetOf: (values: Record<string, CellValue>) => Record<string, CellValue>,
): Promise<Result<AnalysisSpec>> {
  const join = kpi.join!;
  const spec = joinSpec(kpi, { ...options, source: joined.name })!;
  const result = await core.runQuery({ spec });
  if (!result.ok) return result;
  const range = options.period ? resolvePeriod(options.period, parseDay(options.today)!, CALENDAR) : null;
  const measures = kpi.measures.filter((x) => x.joined);
  for (const row of readArrow(result.value.ipc).rows()) {
    const month = joinedMonth(row[JOIN_PERIOD]);
    if ((range || options.grain) && !month) continue;
    if (range && month && !(month >= range.from && month < range.to)) continue;
    const values: Record<string, CellValue> = { [join.key.deal]: row[JOIN_KEY] ?? null };
    if (options.grain) values[PERIOD_COLUMN] = joinedBucket(month!, options.grain);
    const target = targetOf(values);
    for (const x of measures) {
      const v = row[x.id];
      if (typeof v === 'number') target[x.id] = (typeof target[x.id] === 'number' ? (target[x.id] as number) : 0) + v;
    }
  }
  return ok(spec);
}

const CALENDAR = { weekStart: 'monday', fiscalYearStartMonth: 1 } as const;

function compareCells(a: CellValue, b: CellValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** What a source holds, told by its roles: activities, costs, targets, else deals (or accounts...). */
function entityOf(source: SourceInfo): 'deal' | 'activity' | 'cost' | 'target' | 'lead' {
  const r = source.roles;
  if (r.activity_type || r.activity_at || r.activity_id) return 'activity';
  if ((r.converted || r.lead_status || r.lead_id) && !r.deal_id && !r.stage) return 'lead';
  if (r.cost_amount) return 'cost';
  if (r.target_amount) return 'target';
  return 'deal';
}

/**
 * A KPI's source: the one named (deal KPIs), else among the sources of its entity the one that maps
 * all the roles it needs, then the most of them (an enriched model first). A missing role is named
 * against the best candidate.
 */
function pickSource(sources: readonly SourceInfo[], kpi: KpiDefinition, use: KpiUse, name?: string): Result<SourceInfo> {
  const entity = kpi.entity ?? 'deal';
  let chosen: SourceInfo | undefined;
  if (name && entity === 'deal') {
    chosen = sources.find((s) => s.name === name);
    if (!chosen) {
      return fail('NOT_FOUND', `no source named "${name}"`, { location: { field: 'source' }, messageKey: 'errors.kpiNoSuchSource', values: { source: name } });
    }
  } else {
    const wanted = new Set<string>(['status', 'stage', 'amount', ...kpi.requires, ...(kpi.anyOf ?? []), ...(kpi.groupBy ?? []), kpi.dateRole]);
    const scored = sources
      .filter((s) => entityOf(s) === entity)
      .map((s) => ({
        s,
        fits: missingRoles(kpi, s.roles, use).length === 0 ? 1 : 0,
        score: Object.keys(s.roles).filter((r) => entity === 'activity' || wanted.has(r)).length + (s.model ? 0.5 : 0),
      }))
      .sort((a, b) => b.fits - a.fits || b.score - a.score);
    const best = scored[0];
    if (!best || best.score === 0) {
      if (entity === 'lead') {
        return fail('NOT_FOUND', `KPI "${kpi.id}" needs a leads source (roles converted or lead_status): none in this workspace`, {
          location: { field: 'source' },
          messageKey: 'errors.kpiNeedsLeads',
          values: { kpi: kpiBase(kpi), roles: 'converted,lead_status' },
        });
      }
      return entity === 'activity'
        ? fail('NOT_FOUND', `KPI "${kpi.id}" needs an activities source (roles activity_type, activity_at, outcome): none in this workspace`, {
          location: { field: 'source' },
          messageKey: 'errors.kpiNeedsActivities',
          values: { kpi: kpiBase(kpi), roles: 'activity_type,activity_at,outcome' },
        })
        : fail('NOT_FOUND', 'no source with deal roles (status, amount, dates) in this workspace', {
          location: { field: 'source' },
          messageKey: 'errors.kpiNoDealSource',
        });
    }
    chosen = best.s;
  }
  const missing = missingRoles(kpi, chosen.roles, use);
  if (missing.length) {
    const what = missing.map((r) => (r === 'status' && kpi.outcome ? 'status (or a stage telling won / lost)' : r));
    const hint = entity === 'activity' && !chosen.model && missing.some((r) => r === 'status' || r === 'closed_at' || r === 'segment' || r === 'amount' || r === 'lead_source')
      ? `; link the activities to the deals (confirm the relationship) so that "${chosen.name} (enriched)" carries the deal's roles`
      : '';
    return fail(
      'INVALID_ARGUMENT',
      `KPI "${kpi.id.split(':')[0]}" needs the role${missing.length > 1 ? 's' : ''} ${what.join(', ')}, not mapped in source "${chosen.name}"${hint}`,
      {
        location: { field: 'roles' },
        messageKey: hint ? 'errors.kpiMissingRolesLink' : 'errors.kpiMissingRoles',
        values: {
          kpi: kpiBase(kpi),
          count: missing.length,
          roles: missing.join(','),
          outcome: missing.includes('status') && kpi.outcome ? 'yes' : 'no',
          source: chosen.name,
        },
      },
    );
  }
  return ok(chosen);
}

/** The joined source of a KPI (costs, targets): one with the anchor, key and period roles, plain before enriched. */
function pickJoined(sources: readonly SourceInfo[], kpi: KpiDefinition): Result<SourceInfo> {
  const join = kpi.join!;
  const need = [join.anchor, join.key.joined, join.periodRole];
  const candidates = sources
    .filter((s) => s.roles[join.anchor])
    .map((s) => ({ s, missing: need.filter((r) => !s.roles[r]) }))
    .sort((a, b) => a.missing.length - b.missing.length || Number(Boolean(a.s.model)) - Number(Boolean(b.s.model)));
  const best = candidates[0];
  if (!best) {
    return fail('INVALID_ARGUMENT', `KPI "${kpi.id}" needs a ${join.what} source (roles ${need.join(', ')}): none in this workspace`, {
      location: { field: 'roles' },
      messageKey: 'errors.kpiNeedsJoinedSource',
      values: { kpi: kpiBase(kpi), what: join.what, roles: need.join(',') },
    });
  }
  if (best.missing.length) {
    return fail(
      'INVALID_ARGUMENT',
      `KPI "${kpi.id}" needs the role${best.missing.length > 1 ? 's' : ''} ${best.missing.join(', ')}, not mapped in ${join.what} source "${best.s.name}"`,
      {
        location: { field: 'roles' },
        messageKey: 'errors.kpiJoinedMissingRoles',
        values: { kpi: kpiBase(kpi), count: best.missing.length, roles: best.missing.join(','), what: join.what, source: best.s.name },
      },
    );
  }
  return ok(best.s);
}

/** The outcome column's won / lost values, read from the data: status first, else stage. */
async function readOutcome(
  core: KpiCore,
  base: { source: string; today: string },
  roles: Readonly<Record<string, string>>,
): Promise<Result<OutcomeValues>> {
  const first = outcomeRole(roles);
  const candidates: ('status' | 'stage')[] = first === 'status' && roles.stage ? ['status', 'stage'] : first ? [first] : [];
  let found: OutcomeValues | null = null;
  for (const role of candidates) {
    const result = await core.runQuery({
      spec: { ...base, measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'v', role }], limit: 10_000 },
    });
    if (!result.ok) return result;
    const values = readArrow(result.value.ipc)
      .rows()
      .map((r) => (r.v === null || r.v === undefined ? null : String(r.v)));
    const outcome = outcomeValuesFrom(role, values);
    found ??= outcome;
    if (outcome.won.length || outcome.lost.length) return ok(outcome);
  }
  return found
    ? ok(found)
    : fail('INVALID_ARGUMENT', 'no status or stage role mapped', { location: { field: 'roles' }, messageKey: 'errors.kpiNoOutcome' });
}

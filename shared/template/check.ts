// Checking a template against a workspace before anything runs, and turning it into a dashboard once
// every problem is fixed. Pure: the host adds what needs the data (stage names, empty periods).
import type { Dashboard, DashboardFilterBar, FieldRef, Widget } from '../dashboard/types';
import { findKpi, kpiMeasures, outcomeRole } from '../model/kpis';
import { ROLES, isRoleId, type RoleEntity } from '../model/roles';
import { suggest } from '../spec/suggest';
import { outcomeOf, stageRank } from '../model/vocabulary';
import type { AnalysisSpec, DimensionInput, FilterInput, FilterTreeInput, FilterValue, MeasureInput, RelativePeriod } from '../spec/types';
import type { Template, TemplateBinding, TemplateCheck, TemplatePeriod, TemplateProblem, TemplateSlot } from './types';

/** What the check needs to know of a workspace source. */
export interface SourceFacts {
  name: string;
  columns: readonly { name: string; type: string; kind: string }[];
  roles: Readonly<Record<string, string>>;
  /** Set on "<base> (enriched)" models. */
  model?: { base: string; joined: string[] };
  /** Stage names found in the data (the stage role's distinct values), when it has one. */
  stages?: readonly string[];
  /** How many dated snapshots the source has (history slots need at least two). */
  snapshots?: number;
}

export function slotOfSpec(spec: { source: string }): string | null {
  const m = /^\$([a-z][a-z0-9_]*)$/.exec(spec.source);
  return m ? m[1]! : null;
}

function leaves(tree: FilterTreeInput | undefined): FilterInput[] {
  if (!tree) return [];
  if ('and' in tree) return tree.and.flatMap(leaves);
  if ('or' in tree) return tree.or.flatMap(leaves);
  if ('not' in tree) return leaves(tree.not);
  return [tree];
}

function specFilters(spec: AnalysisSpec): FilterInput[] {
  return [...(spec.filters ?? []), ...leaves(spec.filter)];
}

/** Roles and columns a spec reads, and the catalog KPIs it names (their needs depend on the source). */
export function specNeeds(spec: AnalysisSpec): { roles: Set<string>; columns: Set<string>; kpis: Set<string> } {
  const roles = new Set<string>();
  const columns = new Set<string>();
  const kpis = new Set<string>();
  const ref = (x: { role?: string; column?: string }) => {
    if (x.role) roles.add(x.role);
    if (x.column) columns.add(x.column);
  };
  for (const m of spec.measures as MeasureInput[]) {
    if ('kpi' in m) kpis.add(m.kpi);
    else if ('op' in m) ref(m);
  }
  for (const d of (spec.dimensions ?? []) as DimensionInput[]) ref(d);
  for (const f of specFilters(spec)) ref(f);
  return { roles, columns, kpis };
}

/**
 * The roles one widget needs on its source: those its spec names, those of its catalog KPIs (their
 * date role only when a formula reads it; `status` when neither status nor stage tells the outcome),
 * and the role its period is read on when one is named.
 */
export function widgetRoles(widget: Widget, sourceRoles: Readonly<Record<string, string>> = {}): Set<string> {
  const needs = specNeeds(widget.spec);
  const roles = new Set(needs.roles);
  for (const id of needs.kpis) {
    const kpi = findKpi(id);
    // An unknown KPI is the spec check's to report when the widget runs.
    if (!kpi) continue;
    const formulas = kpiMeasures(kpi, sourceRoles).map((x) => x.formula);
    for (const r of kpi.requires) if (r !== kpi.dateRole || formulas.some((f) => f.includes(`@${r}`))) roles.add(r);
    if (kpi.outcome && !outcomeRole(sourceRoles)) roles.add('status');
  }
  if (widget.periodField && 'role' in widget.periodField) roles.add(widget.periodField.role);
  return roles;
}

/** Roles of a slot: declared ones plus everything its widgets read. */
export function slotRoles(template: Template, slot: TemplateSlot): string[] {
  const roles = new Set(slot.roles);
  for (const w of template.dashboard.widgets) {
    if (slotOfSpec(w.spec) !== slot.id) continue;
    for (const r of widgetRoles(w)) roles.add(r);
  }
  return [...roles];
}

const ENTITY_OF_ROLE = new Map(ROLES.map((r) => [r.id as string, r.entity as RoleEntity]));

/**
 * How well a source fits a slot: roles of the slot it maps, enriched models preferred. A history
 * slot needs a source with several snapshots; other slots prefer a source's single full export
 * to a series of snapshots (the monthly pipeline exports hold only the open deals).
 */
function fit(source: SourceFacts, slot: TemplateSlot, roles: readonly string[]): number {
  const own = Object.keys(source.roles).filter((r) => ENTITY_OF_ROLE.get(r) === slot.entity).length;
  if (own === 0) return 0;
  const snapshots = source.snapshots ?? 1;
  if (slot.history && snapshots < 2) return 0;
  const mapped = roles.filter((r) => source.roles[r] !== undefined).length;
  return mapped * 10 + own + (source.model ? 5 : 0) + (slot.history ? 0 : snapshots > 1 ? -3 : 0);
}

/** The data's stage names a template stage stands for under a mapping (itself when unmapped). */
export function mappedStages(map: Readonly<Record<string, string | string[]>> | undefined, stage: string): string[] {
  const target = map?.[stage];
  if (target === undefined) return [stage];
  return Array.isArray(target) ? target : [target];
}

/** The best source for each slot, unless the binding fixes it. */
export function proposeBinding(template: Template, sources: readonly SourceFacts[], fixed: Partial<TemplateBinding> = {}): TemplateBinding {
  const chosen: Record<string, string> = {};
  for (const slot of template.slots) {
    const pinned = fixed.sources?.[slot.id];
    if (pinned !== undefined) {
      chosen[slot.id] = pinned;
      continue;
    }
    const roles = slotRoles(template, slot);
    let best: { name: string; score: number } | null = null;
    for (const s of sources) {
      const score = fit(s, slot, roles);
      if (score > 0 && (!best || score > best.score)) best = { name: s.name, score };
    }
    if (best) chosen[slot.id] = best.name;
  }
  return {
    sources: chosen,
    ...(fixed.stageMap ? { stageMap: fixed.stageMap } : {}),
    ...(fixed.skipWidgets && fixed.skipWidgets.length > 0 ? { skipWidgets: [...fixed.skipWidgets] } : {}),
    period: fixed.period ?? template.parameters.period,
    ...(fixed.customPeriod ?? template.parameters.customPeriod ? { customPeriod: fixed.customPeriod ?? template.parameters.customPeriod } : {}),
  };
}

function candidateColumns(source: SourceFacts, role: string): { column: string; type: string }[] {
  const def = isRoleId(role) ? ROLES.find((r) => r.id === role) : undefined;
  const kinds = new Set<string>(def ? def.kinds : []);
  const taken = new Set(Object.values(source.roles));
  const kindOk = (kind: string) => {
    if (kinds.size === 0) return true;
    if (kind === 'number') return kinds.has('decimal') || kinds.has('integer') || kinds.has('percent');
    if (kind === 'date' || kind === 'timestamp') return kinds.has('date') || kinds.has('timestamp');
    if (kind === 'text') return kinds.has('text');
    if (kind === 'boolean') return kinds.has('boolean');
    return false;
  };
  // Columns no role takes first; a column may play a second role (an industry read as the segment).
  const fitting = source.columns.filter((c) => kindOk(c.kind));
  return [...fitting.filter((c) => !taken.has(c.name)), ...fitting.filter((c) => taken.has(c.name))].map((c) => ({ column: c.name, type: c.type }));
}

/** Stage names a slot's widgets filter on (role stage). */
function stagesUsed(template: Template, slot: string, leftOut: ReadonlySet<string> = new Set()): Set<string> {
  const used = new Set<string>();
  for (const w of template.dashboard.widgets) {
    if (slotOfSpec(w.spec) !== slot || leftOut.has(w.id)) continue;
    for (const f of specFilters(w.spec)) {
      if (f.role !== 'stage') continue;
      for (const v of f.values ?? []) if (typeof v === 'string') used.add(v);
    }
  }
  return used;
}

/**
 * The data's stage a template stage most likely stands for: a near spelling, else the stage at
 * the same step of the usual sales process in any of our languages ("Proposal" -> "Proposition",
 * "Proposal/Price Quote"), else the same outcome ("Closed Won" -> "Gagné").
 */
export function suggestStage(stage: string, candidates: readonly string[]): string | null {
  const near = suggest(stage, candidates);
  if (near) return near;
  const outcome = outcomeOf(stage);
  if (outcome === 'won' || outcome === 'lost') return candidates.find((c) => outcomeOf(c) === outcome) ?? null;
  const rank = stageRank(stage);
  if (rank === null) return null;
  const same = candidates.filter((c) => outcomeOf(c) !== 'won' && outcomeOf(c) !== 'lost' && stageRank(c) === rank);
  const word = stage.toLowerCase();
  return same.find((c) => c.toLowerCase().includes(word)) ?? same[0] ?? null;
}

/** Whether a problem stops the template from running (new stages only inform). */
export function isBlocking(problem: TemplateProblem): boolean {
  return problem.kind !== 'new_stage';
}

/**
 * Everything that stops the template from running on these sources, each with the data for its
 * guided fix: a source for a slot, a column for a missing role, a stage mapping. Empty periods are
 * the host's to add (they need a query).
 */
export function checkTemplate(template: Template, sources: readonly SourceFacts[], fixed: Partial<TemplateBinding> = {}): TemplateCheck {
  const binding = proposeBinding(template, sources, fixed);
  const problems: TemplateProblem[] = [];
  const skippedWidgets: string[] = [];
  const leftOut = new Set(binding.skipWidgets ?? []);
  const widgetsOf = (slot: string) => template.dashboard.widgets.filter((w) => slotOfSpec(w.spec) === slot && !leftOut.has(w.id));
  const byName = new Map(sources.map((s) => [s.name, s]));
  for (const slot of template.slots) {
    const sourceName = binding.sources[slot.id];
    const source = sourceName === undefined ? undefined : byName.get(sourceName);
    if (!source) {
      if (slot.optional) {
        for (const w of template.dashboard.widgets) if (slotOfSpec(w.spec) === slot.id) skippedWidgets.push(w.id);
        continue;
      }
      const candidates = sources.filter((s) => Object.keys(s.roles).some((r) => ENTITY_OF_ROLE.get(r) === slot.entity)).map((s) => s.name);
      problems.push({ kind: 'no_source', slot: slot.id, entity: slot.entity, candidates: candidates.length ? candidates : sources.map((s) => s.name) });
      continue;
    }
    // Roles the slot declares are the template's own needs; the others are some widgets' needs, and
    // leaving those widgets out (binding.skipWidgets) is a fix too.
    const missing = new Map<string, string[]>();
    for (const r of slot.roles) if (source.roles[r] === undefined) missing.set(r, []);
    for (const w of widgetsOf(slot.id)) {
      for (const r of widgetRoles(w, source.roles)) {
        if (source.roles[r] !== undefined) continue;
        missing.set(r, [...(missing.get(r) ?? []), w.id]);
      }
    }
    for (const [role, widgets] of missing) {
      problems.push({
        kind: 'missing_role',
        slot: slot.id,
        source: source.name,
        role,
        candidates: candidateColumns(source, role),
        widgets: slot.roles.includes(role) ? [] : widgets,
      });
    }
    const names = source.columns.map((c) => c.name);
    for (const w of widgetsOf(slot.id)) {
      for (const column of specNeeds(w.spec).columns) {
        // The stacked history of a source always has its snapshot date.
        if (column === 'snapshot_date' && w.spec.snapshot === 'all') continue;
        if (!names.includes(column)) {
          problems.push({ kind: 'missing_column', slot: slot.id, source: source.name, column, widget: w.id, suggestion: suggest(column, names) });
        }
      }
    }
    if (source.stages) {
      const data = new Set(source.stages);
      const mapped = binding.stageMap?.[slot.id] ?? {};
      for (const stage of stagesUsed(template, slot.id, leftOut)) {
        if (!mappedStages(mapped, stage).some((t) => data.has(t))) {
          problems.push({ kind: 'unknown_stage', slot: slot.id, source: source.name, stage, candidates: [...source.stages], suggestion: suggestStage(stage, source.stages) });
        }
      }
      const known = new Set([...(template.stages?.[slot.id] ?? []), ...Object.values(mapped).flat()]);
      if (template.stages?.[slot.id]) {
        for (const stage of source.stages) if (!known.has(stage)) problems.push({ kind: 'new_stage', slot: slot.id, source: source.name, stage });
      }
    }
  }
  for (const id of leftOut) if (!skippedWidgets.includes(id) && template.dashboard.widgets.some((w) => w.id === id)) skippedWidgets.push(id);
  return { binding, problems, skippedWidgets };
}

function mapFilterTree(tree: FilterTreeInput, map: (f: FilterInput) => FilterInput): FilterTreeInput {
  if ('and' in tree) return { and: tree.and.map((t) => mapFilterTree(t, map)) };
  if ('or' in tree) return { or: tree.or.map((t) => mapFilterTree(t, map)) };
  if ('not' in tree) return { not: mapFilterTree(tree.not, map) };
  return map(tree);
}

/** The relative period a template period stands for (custom: the explicit range). */
export function periodOf(period: TemplatePeriod, custom?: { from: string; to: string }): RelativePeriod | { from: string; to: string } {
  if (period === 'custom') {
    if (!custom) throw new Error('a custom period needs its range');
    return custom;
  }
  return period;
}

/** A field of the template bound to the workspace: "$slot" sources become the bound source's name. */
function bindField(field: FieldRef, sources: Readonly<Record<string, string>>): FieldRef {
  if ('role' in field) return field;
  const slot = slotOfSpec(field);
  const bound = slot ? sources[slot] : undefined;
  return bound !== undefined ? { source: bound, column: field.column } : field;
}

export interface InstantiateOptions {
  /** Translates a built-in template's title keys (titleKeys); null or absent: the stored title. */
  translate?: (key: string) => string | null;
}

/**
 * The dashboard a checked template becomes: slots replaced by the bound sources, stage names mapped,
 * the period and comparison set in the filter bar, widgets of unbound optional slots left out.
 * Refuses (throws) when blocking problems remain: call checkTemplate first.
 */
export function instantiateTemplate(template: Template, check: TemplateCheck, id: string, now: string, options: InstantiateOptions = {}): Dashboard {
  const blocking = check.problems.filter(isBlocking);
  if (blocking.length > 0) throw new Error(`the template cannot run yet: ${blocking.length} problem(s) to fix first`);
  const { binding } = check;
  const skipped = new Set(check.skippedWidgets);
  const widgets: Widget[] = [];
  for (const w of template.dashboard.widgets) {
    if (skipped.has(w.id)) continue;
    const slot = slotOfSpec(w.spec);
    const source = slot ? binding.sources[slot] : undefined;
    if (!slot || !source) continue;
    const stageMap = binding.stageMap?.[slot] ?? {};
    const mapStage = (f: FilterInput): FilterInput =>
      f.role === 'stage' && f.values
        ? { ...f, values: [...new Set(f.values.flatMap((v): FilterValue[] => (typeof v === 'string' ? mappedStages(stageMap, v) : [v])))] }
        : f;
    const spec: AnalysisSpec = {
      ...w.spec,
      source,
      ...(w.spec.filters ? { filters: w.spec.filters.map(mapStage) } : {}),
      ...(w.spec.filter ? { filter: mapFilterTree(w.spec.filter, mapStage) } : {}),
    };
    const key = template.titleKeys?.[w.id];
    const title = (key !== undefined ? options.translate?.(key) : null) ?? w.title;
    const periodField = w.periodField === undefined || w.periodField === null ? w.periodField : bindField(w.periodField, binding.sources);
    widgets.push({ ...w, title, spec, ...(periodField !== undefined ? { periodField } : {}) });
  }
  const period = periodOf(binding.period ?? template.parameters.period, binding.customPeriod ?? template.parameters.customPeriod);
  const bar = template.dashboard.filters;
  const filters: DashboardFilterBar = {
    ...bar,
    ...(bar.periodField ? { periodField: bindField(bar.periodField, binding.sources) } : {}),
    period,
    compare: template.parameters.compare,
    values: [
      ...bar.values.map((v) => ({ ...v, field: bindField(v.field, binding.sources) })),
      ...template.parameters.defaults
        .filter((d) => !bar.values.some((v) => 'role' in v.field && v.field.role === d.role))
        .map((d) => ({ field: { role: d.role }, values: d.values })),
    ],
  };
  const nameKey = template.nameKey;
  const name = (nameKey !== undefined ? options.translate?.(nameKey) : null) ?? template.dashboard.name;
  return { id, name, widgets, filters, updatedAt: now };
}

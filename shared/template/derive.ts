// "Save as template": a dashboard of this workspace becomes a template bound to roles and slots
// instead of column and source names, so that it runs on next month's export — or on another CRM's.
// - Each source a widget reads becomes a slot named after what it holds (deals, activities, costs
//   ...); a second source of the same kind with several snapshots becomes a history slot.
// - A column a widget names is rewritten to the role the source maps to it; a column without a role
//   stays a column (the check then asks for it by name on other data).
// - Filter-bar selections by role become the template's default filters.
// Pure: the host passes the sources' facts (columns, roles, snapshot counts, stage names).
import type { Dashboard, DashboardFilterBar, FieldRef, Widget } from '../dashboard/types';
import { ROLES, type RoleEntity } from '../model/roles';
import type { AnalysisSpec, DimensionInput, FilterInput, FilterTreeInput, MeasureInput } from '../spec/types';
import { specNeeds, type SourceFacts } from './check';
import { TEMPLATE_FORMAT, TEMPLATE_VERSION, type Template, type TemplateParameters, type TemplateSlot } from './types';

const ENTITY_OF_ROLE = new Map(ROLES.map((r) => [r.id as string, r.entity as RoleEntity]));

const SLOT_NAMES: Record<RoleEntity, string> = {
  deal: 'deals',
  account: 'accounts',
  activity: 'activities',
  cost: 'costs',
  lead: 'leads',
  target: 'targets',
};

/** The entity a source holds: the one most of its own (not joined) roles belong to. */
export function entityOf(source: SourceFacts): RoleEntity {
  const joined = source.model?.joined ?? [];
  const counts = new Map<RoleEntity, number>();
  for (const [role, column] of Object.entries(source.roles)) {
    if (joined.some((j) => column.startsWith(`${j}.`))) continue;
    const entity = ENTITY_OF_ROLE.get(role);
    if (entity) counts.set(entity, (counts.get(entity) ?? 0) + 1);
  }
  // Activities and costs carry deal roles (owner, account) too: their own roles decide.
  for (const specific of ['activity', 'cost', 'target', 'lead'] as const) if ((counts.get(specific) ?? 0) > 0) return specific;
  let best: RoleEntity = 'deal';
  let n = -1;
  for (const [entity, count] of counts) {
    if (count > n) {
      best = entity;
      n = count;
    }
  }
  return best;
}

/** Role of a column in a source, if it maps one (the first role, in catalog order). */
function roleOfColumn(source: SourceFacts, column: string): string | undefined {
  const roles = Object.entries(source.roles).filter(([, c]) => c === column).map(([r]) => r);
  if (roles.length === 0) return undefined;
  const order = ROLES.map((r) => r.id as string);
  return roles.sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
}

function rewriteRef<T extends { column?: string; role?: string }>(x: T, source: SourceFacts): T {
  if (x.column === undefined) return x;
  const role = roleOfColumn(source, x.column);
  if (role === undefined) return x;
  const { column: _c, ...rest } = x;
  return { ...rest, role } as T;
}

function rewriteTree(tree: FilterTreeInput, source: SourceFacts): FilterTreeInput {
  if ('and' in tree) return { and: tree.and.map((t) => rewriteTree(t, source)) };
  if ('or' in tree) return { or: tree.or.map((t) => rewriteTree(t, source)) };
  if ('not' in tree) return { not: rewriteTree(tree.not, source) };
  return rewriteRef(tree as FilterInput, source);
}

/** A widget's spec bound to its slot: source "$slot", columns with a role named by the role. */
export function bindSpec(spec: AnalysisSpec, slot: string, source: SourceFacts): AnalysisSpec {
  const measures = spec.measures.map((m: MeasureInput) => ('op' in m ? rewriteRef(m, source) : m));
  return {
    ...spec,
    source: `$${slot}`,
    measures,
    ...(spec.dimensions ? { dimensions: spec.dimensions.map((d: DimensionInput) => rewriteRef(d, source)) } : {}),
    ...(spec.filters ? { filters: spec.filters.map((f) => rewriteRef(f, source)) } : {}),
    ...(spec.filter ? { filter: rewriteTree(spec.filter, source) } : {}),
  };
}

/** A field of the dashboard as the template names it: a role where the source maps one, else "$slot". */
function bindFieldRef(field: FieldRef, slotOfSource: ReadonlyMap<string, string>, facts: ReadonlyMap<string, SourceFacts>): FieldRef {
  if ('role' in field) return field;
  // A column of a source also reads on the enriched model based on it.
  const source = facts.get(field.source) ?? [...facts.values()].find((f) => f.model?.base === field.source);
  const role = source ? roleOfColumn(source, field.column) : undefined;
  if (role !== undefined) return { role };
  const slot = slotOfSource.get(field.source);
  return slot !== undefined ? { source: `$${slot}`, column: field.column } : field;
}

export interface DeriveOptions {
  id: string;
  name: string;
  description: string;
  now: string;
  /** Period, comparison and default filters; the dashboard's own when absent. */
  parameters?: Partial<TemplateParameters>;
}

export interface DerivedTemplate {
  template: Template;
  /** Widgets left out: their source is not in the workspace any more. */
  skipped: string[];
}

/**
 * The template a dashboard becomes. `sources` are the workspace's sources (with their stage names,
 * when the host read them). A widget whose source has gone is left out and listed.
 */
export function templateFromDashboard(dashboard: Dashboard, sources: readonly SourceFacts[], options: DeriveOptions): DerivedTemplate {
  const facts = new Map(sources.map((s) => [s.name, s]));
  const slotOfSource = new Map<string, string>();
  const slots: TemplateSlot[] = [];
  const skipped: string[] = [];
  // Slots in the order widgets first use their sources.
  for (const w of dashboard.widgets) {
    const source = facts.get(w.spec.source);
    if (!source) {
      skipped.push(w.id);
      continue;
    }
    if (slotOfSource.has(source.name)) continue;
    const entity = entityOf(source);
    // A widget reading the stacked snapshots makes its source a history slot.
    const history = w.spec.snapshot === 'all' && (source.snapshots ?? 1) > 1;
    const taken = new Set(slots.map((s) => s.id));
    const base = history && entity === 'deal' ? 'pipeline' : SLOT_NAMES[entity];
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
    slotOfSource.set(source.name, id);
    slots.push({ id, entity, roles: [], ...(history ? { history: true } : {}) });
  }
  const widgets: Widget[] = [];
  for (const w of dashboard.widgets) {
    const source = facts.get(w.spec.source);
    const slot = slotOfSource.get(w.spec.source);
    if (!source || slot === undefined) continue;
    const spec = bindSpec(w.spec, slot, source);
    const periodField = w.periodField ? bindFieldRef(w.periodField, slotOfSource, facts) : w.periodField;
    widgets.push({ ...w, spec, ...(periodField !== undefined ? { periodField } : {}) });
    const roles = slots.find((s) => s.id === slot)!.roles;
    for (const r of specNeeds(spec).roles) if (!roles.includes(r)) roles.push(r);
  }
  const bar = dashboard.filters;
  const roleDefaults = bar.values
    .map((v) => ({ field: bindFieldRef(v.field, slotOfSource, facts), values: v.values }))
    .filter((v) => v.values.length > 0);
  const defaults = roleDefaults.flatMap((v) => ('role' in v.field ? [{ role: v.field.role, values: v.values }] : []));
  const filters: DashboardFilterBar = {
    period: null,
    ...(bar.periodField ? { periodField: bindFieldRef(bar.periodField, slotOfSource, facts) } : {}),
    values: roleDefaults.filter((v) => !('role' in v.field)),
    compare: null,
  };
  const stages: Record<string, string[]> = {};
  for (const [name, slot] of slotOfSource) {
    const s = facts.get(name)?.stages;
    if (s && s.length > 0) stages[slot] = [...s];
  }
  const period = typeof bar.period === 'string' && isTemplatePeriod(bar.period) ? bar.period : bar.period && typeof bar.period === 'object' ? 'custom' : 'last_complete_month';
  const parameters: TemplateParameters = {
    period,
    ...(period === 'custom' && bar.period && typeof bar.period === 'object' ? { customPeriod: { ...bar.period } } : {}),
    compare: bar.compare,
    defaults,
    ...options.parameters,
  };
  if (parameters.period !== 'custom') delete parameters.customPeriod;
  const template: Template = {
    format: TEMPLATE_FORMAT,
    version: TEMPLATE_VERSION,
    id: options.id,
    name: options.name,
    description: options.description,
    origin: 'personal',
    createdAt: options.now,
    slots,
    parameters,
    ...(Object.keys(stages).length > 0 ? { stages } : {}),
    dashboard: { name: options.name, widgets, filters },
  };
  return { template, skipped };
}

function isTemplatePeriod(p: string): p is TemplateParameters['period'] {
  return p === 'last_complete_month' || p === 'last_complete_quarter' || p === 'quarter_to_date' || p === 'year_to_date';
}

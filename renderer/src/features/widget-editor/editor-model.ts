// The widget editor's state and its rules, pure (no DOM, no React): what dropping a field on a shelf
// means, which aggregations a field takes, the default title and chart, and the conversion between
// the editor's shelves and a dashboard Widget (its AnalysisSpec). Specs name a field's canonical
// role whenever it has one, so that a widget survives a change of CRM export; a column only when
// the field has no role.
import type { SourceInfo, WorkspaceInfo } from '../../../../shared/api';
import type { ChartKind, ChartOptions, FieldRef, Widget, WidgetLayout } from '../../../../shared/dashboard/types';
import { findKpi, KPIS, kpiMeasures, outcomeRole, type KpiDefinition } from '../../../../shared/model/kpis';
import { addDays, formatDay, parseDay } from '../../../../shared/spec/dates';
import {
  MEASURE_OPS,
  type AnalysisSpec,
  type BinInput,
  type DimensionInput,
  type FilterInput,
  type FilterOp,
  type FilterValue,
  type MeasureInput,
  type MeasureOp,
  type MeasureShow,
  type PeriodInput,
  type SortInput,
  type TimeGrain,
  type TopInput,
  type Totals,
} from '../../../../shared/spec/types';
import { opAccepts } from '../builder/builder-model';
import { compatibleChartKinds, defaultChartKind } from '../../charts/widget-chart';
import { fieldsOf, findField, type EditorField } from './fields';

export type ShelfId = 'rows' | 'columns' | 'values' | 'filters';
export const SHELVES: readonly ShelfId[] = ['filters', 'columns', 'rows', 'values'];

/** How a chip names its field in the spec: a canonical role, or a column when the field has none. */
export type FieldSpecRef = { role: string } | { column: string };

export interface DimensionChip {
  /** The dimension's id in the spec (sort, top and the pivot's columns refer to it). */
  id: string;
  ref: FieldSpecRef;
  grain: TimeGrain | null;
  bin: BinInput | null;
  top: TopInput | null;
  label?: string;
}

export type ValueChip =
  | { id: string; type: 'aggregate'; ref: FieldSpecRef | null; op: MeasureOp; show: MeasureShow | null; label?: string }
  | { id: string; type: 'kpi'; kpi: string; label?: string }
  | { id: string; type: 'formula'; formula: string; show: MeasureShow | null; label?: string };

export interface FilterChip {
  /** Local to the editor (filters have no id in a spec). */
  id: string;
  ref: FieldSpecRef;
  op: FilterOp;
  values: FilterValue[];
  period: PeriodInput | null;
}

/** The parts of a spec the shelves do not edit, carried through unchanged. */
export type SpecExtras = Pick<
  AnalysisSpec,
  'snapshot' | 'filter' | 'weekStart' | 'fiscalYearStartMonth' | 'today' | 'compare' | 'segments' | 'timeZone'
>;

export interface EditorState {
  widgetId: string;
  layout: WidgetLayout;
  source: string;
  rows: DimensionChip[];
  columns: DimensionChip[];
  values: ValueChip[];
  filters: FilterChip[];
  chart: ChartKind;
  /** The user chose the chart kind: it stays while it fits the shelves. */
  chartChosen: boolean;
  options: ChartOptions;
  totals: Totals;
  sort: SortInput[];
  limit: number | null;
  title: string;
  /** The title follows the shelves until the user types one. */
  titleAuto: boolean;
  /** Widget.periodField: undefined = the dashboard's default date. */
  periodField: FieldRef | null | undefined;
  extras: SpecExtras;
}

/** The "number of rows" entry at the top of the field list: count of rows. */
export const COUNT_ROWS = 'count_rows' as const;
export type DragItem = EditorField | typeof COUNT_ROWS;

const EXTRA_KEYS = ['snapshot', 'filter', 'weekStart', 'fiscalYearStartMonth', 'today', 'compare', 'segments', 'timeZone'] as const;

export const DEFAULT_LAYOUT: WidgetLayout = { x: 0, y: 0, w: 6, h: 8 };
export const KPI_LAYOUT: WidgetLayout = { x: 0, y: 0, w: 3, h: 4 };

// ---------------------------------------------------------------------------------------------
// References and ids

export function refOf(field: EditorField): FieldSpecRef {
  return field.role !== null ? { role: field.role } : { column: field.column };
}

export function sameRef(a: FieldSpecRef | null, b: FieldSpecRef | null): boolean {
  if (a === null || b === null) return a === b;
  return 'role' in a ? 'role' in b && a.role === b.role : 'column' in b && a.column === b.column;
}

/** The column a reference names in a source (null when the source lacks it). */
export function columnOf(ref: FieldSpecRef, source: SourceInfo | null): string | null {
  if (!source) return null;
  const column = 'role' in ref ? source.roles[ref.role] : ref.column;
  return column !== undefined && source.columns.some((c) => c.name === column) ? column : null;
}

export function fieldOfRef(ref: FieldSpecRef, source: SourceInfo | null, fields: readonly EditorField[]): EditorField | null {
  return source ? findField(fields, source, ref) : null;
}

/** The text of a reference for ids and messages: the role or the column. */
export function refName(ref: FieldSpecRef): string {
  return 'role' in ref ? ref.role : ref.column;
}

const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An id from any text: letters, digits and underscores, not starting with "__" (reserved). */
export function idFrom(text: string): string {
  let id = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_{2,}/g, '_');
  if (id === '' || !/^[a-z_]/.test(id)) id = `f_${id}`.replace(/_+$/, '');
  return id.slice(0, 48);
}

/** Every id a spec of this state claims, KPI expansions (<id>_deals ...) included. */
export function takenIds(state: Pick<EditorState, 'rows' | 'columns' | 'values'>): Set<string> {
  const taken = new Set<string>();
  for (const d of [...state.rows, ...state.columns]) taken.add(d.id);
  for (const v of state.values) {
    taken.add(v.id);
    if (v.type === 'kpi') {
      const kpi = findKpi(v.kpi);
      for (const x of kpi ? kpi.measures : []) taken.add(x.id.startsWith(kpi!.id) ? v.id + x.id.slice(kpi!.id.length) : `${v.id}_${x.id}`);
    }
  }
  return taken;
}

export function freshId(wanted: string, taken: ReadonlySet<string>): string {
  const base = ID_PATTERN.test(wanted) && !wanted.startsWith('__') ? wanted : idFrom(wanted);
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
  return id;
}

// ---------------------------------------------------------------------------------------------
// Shelf rules

const isTimeKind = (kind: string) => kind === 'date' || kind === 'timestamp';

/** Aggregations a field of this kind takes (count rows needs no field). */
export function validOps(field: EditorField | null): MeasureOp[] {
  if (field === null) return ['count'];
  return MEASURE_OPS.filter((op) => opAccepts(op, field.kind));
}

/** Roles whose values name things: counting them means counting distinct things (deals, accounts, reps). */
const DISTINCT_ROLES = new Set(['deal_id', 'deal_name', 'account', 'account_id', 'account_name', 'owner', 'activity_id', 'lead_id']);

/** The aggregation a field gets when it lands on Values: sum of a number, distinct count of an identifier, else count. */
export function defaultOp(field: EditorField): MeasureOp {
  if (field.kind === 'number') return 'sum';
  if (field.kind === 'text' && field.role !== null && DISTINCT_ROLES.has(field.role)) return 'count_distinct';
  return 'count';
}

export const DEFAULT_BINS: BinInput = { count: 10 };

/** A field on Rows or Columns: dates by month, numbers in bins, the rest by value. */
export function dimensionFor(field: EditorField, taken: ReadonlySet<string>): DimensionChip {
  const time = isTimeKind(field.kind);
  const grain: TimeGrain | null = time ? 'month' : null;
  const bin = field.kind === 'number' ? DEFAULT_BINS : null;
  return { id: freshId(idFrom(refName(refOf(field))), taken), ref: refOf(field), grain, bin, top: null };
}

export function valueFor(item: DragItem, taken: ReadonlySet<string>): ValueChip {
  if (item === COUNT_ROWS) return { id: freshId('row_count', taken), type: 'aggregate', ref: null, op: 'count', show: null };
  const op = defaultOp(item);
  return { id: freshId(idFrom(`${refName(refOf(item))}_${op}`), taken), type: 'aggregate', ref: refOf(item), op, show: null };
}

/** The operator a filter on this kind of field starts with (no value chosen yet: no restriction). */
export function defaultFilterOp(field: EditorField): FilterOp {
  if (isTimeKind(field.kind)) return 'in_period';
  if (field.kind === 'number') return 'between';
  if (field.kind === 'boolean') return 'eq';
  return 'in';
}

export function filterFor(field: EditorField, id: string): FilterChip {
  const op = defaultFilterOp(field);
  return { id, ref: refOf(field), op, values: [], period: op === 'in_period' ? 'last_12_months' : null };
}

/** Operators offered for a field, by kind. */
export function filterOps(field: EditorField | null): FilterOp[] {
  const kind = field?.kind ?? 'text';
  if (isTimeKind(kind)) return ['in_period', 'before', 'after', 'between', 'is_null', 'not_null'];
  if (kind === 'number') return ['between', 'gte', 'lte', 'gt', 'lt', 'eq', 'neq', 'in', 'is_null', 'not_null'];
  if (kind === 'boolean') return ['eq', 'is_null', 'not_null'];
  return ['in', 'not_in', 'contains', 'eq', 'neq', 'is_null', 'not_null'];
}

/** How many values an operator takes: a list, one, two, or none. */
export function valueArity(op: FilterOp): 'list' | 'one' | 'two' | 'none' | 'period' {
  switch (op) {
    case 'in':
    case 'not_in':
      return 'list';
    case 'between':
      return 'two';
    case 'is_null':
    case 'not_null':
      return 'none';
    case 'in_period':
      return 'period';
    default:
      return 'one';
  }
}

/** Whether a filter restricts anything yet (an empty selection does not, and is left out of the spec). */
export function filterComplete(f: FilterChip): boolean {
  const filled = (v: FilterValue | undefined) => v !== undefined && v !== null && v !== '';
  switch (valueArity(f.op)) {
    case 'list':
      return f.values.length > 0;
    case 'one':
      return filled(f.values[0]);
    case 'two':
      return filled(f.values[0]) && filled(f.values[1]);
    case 'none':
      return true;
    case 'period':
      return f.period !== null && (typeof f.period === 'string' || (parseDay(f.period.from) !== null && parseDay(f.period.to) !== null));
  }
}

/** Where a click on a field puts it: numbers on Values (sum), dates on Rows (month), the rest on Rows. */
export function sensibleShelf(item: DragItem, state: Pick<EditorState, 'rows' | 'columns'>): ShelfId {
  if (item === COUNT_ROWS || item.kind === 'number') return 'values';
  if (isTimeKind(item.kind)) return 'rows';
  // Rows already show time: a category next to it reads best as series (Columns).
  if (state.rows.some((d) => d.grain !== null) && state.columns.length === 0) return 'columns';
  return 'rows';
}

/** The chips of a dimension shelf that show this field (on either axis). */
function onAxes(state: EditorState, ref: FieldSpecRef): { shelf: 'rows' | 'columns'; chip: DimensionChip } | null {
  for (const shelf of ['rows', 'columns'] as const) {
    const chip = state[shelf].find((d) => sameRef(d.ref, ref));
    if (chip) return { shelf, chip };
  }
  return null;
}

function insertAt<T>(list: readonly T[], item: T, index: number | undefined): T[] {
  const out = [...list];
  out.splice(index === undefined ? out.length : Math.max(0, Math.min(index, out.length)), 0, item);
  return out;
}

let filterCounter = 0;
/** A filter chip id unique in this editor session. */
export function nextFilterId(state: Pick<EditorState, 'filters'>): string {
  const taken = new Set(state.filters.map((f) => f.id));
  let id = `f${++filterCounter}`;
  while (taken.has(id)) id = `f${++filterCounter}`;
  return id;
}

/**
 * Drops a field (or "number of rows") on a shelf at a position. On Rows or Columns a field already
 * on an axis moves there with its settings (one field, one axis, as in a pivot table); Values take
 * the same field again (sum and average of amount); Filters add a condition.
 */
export function dropField(state: EditorState, item: DragItem, shelf: ShelfId, index?: number): EditorState {
  let next: EditorState;
  if (shelf === 'values') {
    next = { ...state, values: insertAt(state.values, valueFor(item, takenIds(state)), index) };
  } else if (item === COUNT_ROWS) {
    return state;
  } else if (shelf === 'filters') {
    next = { ...state, filters: insertAt(state.filters, filterFor(item, nextFilterId(state)), index) };
  } else {
    const existing = onAxes(state, refOf(item));
    if (existing) {
      const without = { ...state, [existing.shelf]: state[existing.shelf].filter((d) => d !== existing.chip) };
      const at = existing.shelf === shelf && index !== undefined && index > state[shelf].indexOf(existing.chip) ? index - 1 : index;
      next = { ...without, [shelf]: insertAt(without[shelf], existing.chip, at) };
    } else {
      next = { ...state, [shelf]: insertAt(state[shelf], dimensionFor(item, takenIds(state)), index) };
    }
  }
  return settle(next);
}

/** A click on a field: it goes to the most sensible shelf. */
export function clickField(state: EditorState, item: DragItem): EditorState {
  return dropField(state, item, sensibleShelf(item, state));
}

type AnyChip = DimensionChip | ValueChip | FilterChip;

function chipsOf(state: EditorState, shelf: ShelfId): AnyChip[] {
  return state[shelf];
}

/**
 * Moves a chip within its shelf or to another one. Between Rows and Columns a dimension keeps its
 * settings; to another kind of shelf the chip's field is dropped there anew.
 */
export function moveChip(
  state: EditorState,
  from: { shelf: ShelfId; id: string },
  to: { shelf: ShelfId; index?: number },
  source: SourceInfo | null,
): EditorState {
  const list = chipsOf(state, from.shelf);
  const chip = list.find((c) => c.id === from.id);
  if (!chip) return state;
  const axes = (s: ShelfId) => s === 'rows' || s === 'columns';
  if (from.shelf === to.shelf || (axes(from.shelf) && axes(to.shelf))) {
    const removedAt = list.indexOf(chip);
    const without = { ...state, [from.shelf]: list.filter((c) => c !== chip) } as EditorState;
    const at = from.shelf === to.shelf && to.index !== undefined && to.index > removedAt ? to.index - 1 : to.index;
    return settle({ ...without, [to.shelf]: insertAt(chipsOf(without, to.shelf), chip, at) } as EditorState);
  }
  const ref = 'ref' in chip ? chip.ref : null;
  const fields = source ? fieldsOf(source) : [];
  const item: DragItem | null = ref === null ? ('op' in chip && chip.op === 'count' ? COUNT_ROWS : null) : fieldOfRef(ref, source, fields);
  if (item === null) return state;
  const removed = removeChip(state, from.shelf, from.id);
  return dropField(removed, item, to.shelf, to.index);
}

export function removeChip(state: EditorState, shelf: ShelfId, id: string): EditorState {
  return settle({ ...state, [shelf]: chipsOf(state, shelf).filter((c) => c.id !== id) } as EditorState);
}

export function updateDimension(state: EditorState, shelf: 'rows' | 'columns', id: string, patch: Partial<Omit<DimensionChip, 'id' | 'ref'>>): EditorState {
  return settle({ ...state, [shelf]: state[shelf].map((d) => (d.id === id ? { ...d, ...patch } : d)) });
}

export function updateValue(state: EditorState, id: string, patch: Partial<ValueChip>): EditorState {
  return settle({ ...state, values: state.values.map((v) => (v.id === id ? ({ ...v, ...patch } as ValueChip) : v)) });
}

export function updateFilter(state: EditorState, id: string, patch: Partial<Omit<FilterChip, 'id' | 'ref'>>): EditorState {
  return { ...state, filters: state.filters.map((f) => (f.id === id ? { ...f, ...patch } : f)) };
}

/** Changes a filter's operator, keeping the values that still make sense. */
export function withFilterOp(chip: FilterChip, op: FilterOp): FilterChip {
  const arity = valueArity(op);
  const values = arity === 'list' ? chip.values : arity === 'one' ? chip.values.slice(0, 1) : arity === 'two' ? chip.values.slice(0, 2) : [];
  return { ...chip, op, values, period: arity === 'period' ? (chip.period ?? 'last_12_months') : null };
}

/** Adds a catalog KPI to Values. */
export function addKpi(state: EditorState, kpi: string): EditorState {
  return settle({ ...state, values: [...state.values, { id: freshId(kpi, takenIds(state)), type: 'kpi', kpi }] });
}

/** Adds (or, with `id`, replaces) a calculated measure. */
export function putFormula(state: EditorState, formula: { formula: string; label: string }, id?: string): EditorState {
  if (id !== undefined) return updateValue(state, id, { formula: formula.formula, label: formula.label });
  const chip: ValueChip = {
    id: freshId(idFrom(formula.label || 'calculated'), takenIds(state)),
    type: 'formula',
    formula: formula.formula,
    show: null,
    ...(formula.label ? { label: formula.label } : {}),
  };
  return settle({ ...state, values: [...state.values, chip] });
}

/** The "show value as" choices of a value: shares and running totals of additive measures only. */
export function showChoices(chip: ValueChip, state: Pick<EditorState, 'rows' | 'columns'>): MeasureShow[] {
  if (chip.type === 'kpi') return [];
  if (chip.type === 'aggregate' && chip.op !== 'count' && chip.op !== 'sum') return [];
  const both = state.rows.length > 0 && state.columns.length > 0;
  const any = state.rows.length + state.columns.length > 0;
  return [
    'percent_of_total',
    ...(both ? (['percent_of_row', 'percent_of_column'] as const) : []),
    ...(any ? (['running_total'] as const) : []),
  ];
}

// ---------------------------------------------------------------------------------------------
// Derived: chart, sort, top

/** The chart kinds the shelves can be drawn as (the default first), and the default. */
export function chartChoices(state: EditorState): { kinds: ChartKind[]; fallback: ChartKind } {
  const spec = specOf(state);
  if (!spec) return { kinds: ['table'], fallback: 'table' };
  return { kinds: compatibleChartKinds(spec), fallback: defaultChartKind(spec) };
}

/**
 * Keeps the state coherent after a change: the chart follows the shelves unless the user chose one
 * that still fits; sort, top and columns never name a chip that is gone.
 */
export function settle(state: EditorState): EditorState {
  const { kinds, fallback } = chartChoices(state);
  let chart = state.chart;
  let chartChosen = state.chartChosen;
  if (!chartChosen || !kinds.includes(chart)) {
    chart = fallback;
    chartChosen = false;
  }
  const measureIds = new Set(state.values.map((v) => v.id));
  const dimIds = new Set([...state.rows, ...state.columns].map((d) => d.id));
  const sort = state.sort.filter((s) => measureIds.has(s.by) || dimIds.has(s.by));
  const fixTop = (d: DimensionChip): DimensionChip => (d.top && !measureIds.has(d.top.by) ? { ...d, top: null } : d);
  const values = state.values.map((v) => (v.type !== 'kpi' && v.show !== null && !showChoices(v, state).includes(v.show) ? { ...v, show: null } : v));
  return { ...state, chart, chartChosen, sort, rows: state.rows.map(fixTop), columns: state.columns.map(fixTop), values };
}

export function chooseChart(state: EditorState, chart: ChartKind): EditorState {
  return { ...state, chart, chartChosen: true };
}

/** The sort choice the display panel shows: natural order, or a measure largest / smallest first. */
export type SortChoice = { kind: 'natural' } | { kind: 'measure'; id: string; direction: 'asc' | 'desc' };

export function sortChoice(state: Pick<EditorState, 'sort'>): SortChoice {
  const first = state.sort[0];
  if (!first) return { kind: 'natural' };
  return { kind: 'measure', id: first.by, direction: first.direction ?? 'asc' };
}

export function withSort(state: EditorState, choice: SortChoice): EditorState {
  return settle({ ...state, sort: choice.kind === 'natural' ? [] : [{ by: choice.id, direction: choice.direction }] });
}

/** The dimension top-N applies to: the first dimension that is not time. */
export function topDimension(state: Pick<EditorState, 'rows' | 'columns'>): DimensionChip | null {
  return [...state.rows, ...state.columns].find((d) => d.grain === null) ?? null;
}

/** Keeps the n largest values of the category dimension (by the sorted measure, else the first), the rest as "Others". */
export function withTop(state: EditorState, n: number | null, othersLabel?: string): EditorState {
  const target = topDimension(state);
  if (!target) return state;
  const choice = sortChoice(state);
  const by = choice.kind === 'measure' ? choice.id : state.values[0]?.id;
  const top: TopInput | null = n === null || by === undefined ? null : { n, by, ...(othersLabel ? { othersLabel } : {}) };
  const shelf = state.rows.includes(target) ? 'rows' : 'columns';
  return updateDimension(state, shelf, target.id, { top });
}

// ---------------------------------------------------------------------------------------------
// Title

export interface TitleWords {
  /** "Amount (sum)". */
  aggregate(field: string, op: MeasureOp): string;
  /** "Number of rows". */
  countRows(): string;
  /** A catalog KPI's name. */
  kpi(id: string): string;
  /** A calculated measure without a name. */
  formula(): string;
  /** "a, b and c". */
  list(items: string[]): string;
  /** "{measures} by {dimensions} per {grain}" and its shorter forms. */
  compose(parts: { measures: string; dimensions: string | null; grain: TimeGrain | null }): string;
}

/** A value chip's name as titles and chips show it. */
export function valueName(chip: ValueChip, fieldName: (ref: FieldSpecRef) => string, words: TitleWords): string {
  if (chip.label) return chip.label;
  if (chip.type === 'kpi') return words.kpi(chip.kpi);
  if (chip.type === 'formula') return words.formula();
  if (chip.ref === null) return words.countRows();
  return words.aggregate(fieldName(chip.ref), chip.op);
}

/** The suggested title: "Amount (sum) by segment per quarter". */
export function autoTitle(state: Pick<EditorState, 'rows' | 'columns' | 'values'>, fieldName: (ref: FieldSpecRef) => string, words: TitleWords): string {
  if (state.values.length === 0) return '';
  const measures = words.list(state.values.map((v) => valueName(v, fieldName, words)));
  const dims = [...state.rows, ...state.columns];
  const time = dims.find((d) => d.grain !== null) ?? null;
  const others = dims.filter((d) => d !== time).map((d) => d.label ?? fieldName(d.ref));
  return words.compose({ measures, dimensions: others.length ? words.list(others) : null, grain: time?.grain ?? null });
}

// ---------------------------------------------------------------------------------------------
// KPIs

/** Catalog KPIs a spec can name as a measure: single-source deal KPIs over all deals (see electron/core/query/kpi-measures.ts). */
export function measureKpis(): KpiDefinition[] {
  return KPIS.filter(
    (k) =>
      !k.join &&
      (k.entity === undefined || k.entity === 'deal') &&
      k.scope === 'all' &&
      !k.funnel &&
      k.measures.every((x) => !x.part && !x.derived && !x.sum && !x.ratio && !x.joined),
  );
}

/** The roles a KPI lacks in a source to be a measure (the outcome reported as "status"). */
export function kpiMissingRoles(kpi: KpiDefinition, roles: Readonly<Record<string, string>>): string[] {
  const formulas = kpiMeasures(kpi, roles).map((x) => x.formula);
  const missing = kpi.requires.filter((r) => (r !== kpi.dateRole || formulas.some((f) => f.includes(`@${r}`))) && !roles[r]);
  if (kpi.outcome && !outcomeRole(roles)) missing.unshift('status');
  return [...new Set(missing)];
}

/** The roles a KPI reads, for "needs amount, status" in the KPI list. */
export function kpiRoles(kpi: KpiDefinition): string[] {
  const formulas = kpi.measures.map((x) => x.formula).join(' ');
  const used = kpi.requires.filter((r) => r !== kpi.dateRole || formulas.includes(`@${r}`));
  return [...new Set([...(kpi.outcome ? ['status'] : []), ...used])];
}

// ---------------------------------------------------------------------------------------------
// State <-> Widget

export function emptyState(source: string, widgetId: string): EditorState {
  return {
    widgetId,
    layout: DEFAULT_LAYOUT,
    source,
    rows: [],
    columns: [],
    values: [],
    filters: [],
    chart: 'table',
    chartChosen: false,
    options: {},
    totals: 'none',
    sort: [],
    limit: null,
    title: '',
    titleAuto: true,
    periodField: undefined,
    extras: {},
  };
}

const refFromSpec = (x: { column?: string; role?: string }): FieldSpecRef | null =>
  x.column !== undefined ? { column: x.column } : x.role !== undefined ? { role: x.role } : null;

/** The editor's state for a widget (its shelves from its spec). */
export function fromWidget(widget: Widget): EditorState {
  const spec = widget.spec;
  const columnIds = new Set(spec.columns ?? []);
  const rows: DimensionChip[] = [];
  const columns: DimensionChip[] = [];
  (spec.dimensions ?? []).forEach((d, i) => {
    const ref = refFromSpec(d);
    if (!ref) return;
    const chip: DimensionChip = {
      id: d.id ?? `d${i}`,
      ref,
      grain: d.grain ?? null,
      bin: d.bin ?? null,
      top: d.top ?? null,
      ...(d.label !== undefined ? { label: d.label } : {}),
    };
    (columnIds.has(chip.id) ? columns : rows).push(chip);
  });
  const values: ValueChip[] = spec.measures.map((m, i): ValueChip => {
    const label = m.label !== undefined ? { label: m.label } : {};
    if ('kpi' in m) return { id: m.id ?? m.kpi, type: 'kpi', kpi: m.kpi, ...label };
    if ('formula' in m) return { id: m.id ?? `m${i}`, type: 'formula', formula: m.formula, show: m.show ?? null, ...label };
    return { id: m.id ?? `m${i}`, type: 'aggregate', ref: refFromSpec(m), op: m.op, show: m.show ?? null, ...label };
  });
  const filters: FilterChip[] = (spec.filters ?? []).flatMap((f, i) => {
    const ref = refFromSpec(f);
    return ref ? [{ id: `f${i}`, ref, op: f.op, values: f.values ?? [], period: f.period ?? null }] : [];
  });
  const extras: SpecExtras = {};
  for (const key of EXTRA_KEYS) if (spec[key] !== undefined) (extras as Record<string, unknown>)[key] = spec[key];
  return {
    widgetId: widget.id,
    layout: widget.layout,
    source: spec.source,
    rows,
    columns,
    values,
    filters,
    chart: widget.chart,
    chartChosen: true,
    options: widget.options ?? {},
    totals: spec.totals ?? 'none',
    sort: spec.sort ?? [],
    limit: spec.limit ?? null,
    title: widget.title,
    titleAuto: false,
    periodField: widget.periodField,
    extras,
  };
}

function dimensionSpec(d: DimensionChip): DimensionInput {
  return {
    id: d.id,
    ...d.ref,
    ...(d.grain !== null ? { grain: d.grain } : {}),
    ...(d.bin !== null ? { bin: d.bin } : {}),
    ...(d.top !== null ? { top: d.top } : {}),
    ...(d.label !== undefined ? { label: d.label } : {}),
  };
}

function measureSpec(v: ValueChip): MeasureInput {
  const label = v.label !== undefined && v.label !== '' ? { label: v.label } : {};
  if (v.type === 'kpi') return { id: v.id, kpi: v.kpi, ...label };
  const show = v.show !== null ? { show: v.show } : {};
  if (v.type === 'formula') return { id: v.id, formula: v.formula, ...label, ...show };
  return { id: v.id, op: v.op, ...(v.ref ?? {}), ...label, ...show };
}

function filterSpec(f: FilterChip): FilterInput {
  const arity = valueArity(f.op);
  return {
    ...f.ref,
    op: f.op,
    ...(arity !== 'none' && arity !== 'period' ? { values: f.values } : {}),
    ...(arity === 'period' && f.period !== null ? { period: f.period } : {}),
  };
}

/** The spec of the shelves; null while there is nothing to measure. */
export function specOf(state: EditorState): AnalysisSpec | null {
  if (state.values.length === 0) return null;
  const dims = [...state.rows, ...state.columns];
  const filters = state.filters.filter(filterComplete).map(filterSpec);
  return {
    source: state.source,
    measures: state.values.map(measureSpec),
    ...(dims.length ? { dimensions: dims.map(dimensionSpec) } : {}),
    ...(state.columns.length ? { columns: state.columns.map((d) => d.id) } : {}),
    ...(filters.length ? { filters } : {}),
    ...(state.sort.length ? { sort: state.sort } : {}),
    ...(state.limit !== null ? { limit: state.limit } : {}),
    ...(state.totals !== 'none' ? { totals: state.totals } : {}),
    ...state.extras,
  };
}

/** The widget the editor saves; null while there is nothing to measure. */
export function toWidget(state: EditorState, title = state.title): Widget | null {
  const spec = specOf(state);
  if (!spec) return null;
  const options = Object.fromEntries(Object.entries(state.options).filter(([, v]) => v !== undefined)) as ChartOptions;
  return {
    id: state.widgetId,
    title,
    chart: state.chart,
    spec,
    ...(Object.keys(options).length ? { options } : {}),
    layout: state.layout,
    ...(state.periodField !== undefined ? { periodField: state.periodField } : {}),
  };
}

/**
 * Points the shelves at another source. Chips naming a role keep it (the role maps to the new
 * source's column); chips naming a column the new source lacks are dropped, as are KPIs it cannot run.
 */
export function changeSource(state: EditorState, source: SourceInfo): EditorState {
  const keeps = (ref: FieldSpecRef | null) => ref === null || columnOf(ref, source) !== null;
  const next: EditorState = {
    ...state,
    source: source.name,
    rows: state.rows.filter((d) => keeps(d.ref)),
    columns: state.columns.filter((d) => keeps(d.ref)),
    values: state.values.filter((v) => {
      if (v.type === 'aggregate') return keeps(v.ref);
      if (v.type === 'kpi') {
        const kpi = findKpi(v.kpi);
        return kpi !== undefined && kpiMissingRoles(kpi, source.roles).length === 0;
      }
      return true;
    }),
    filters: state.filters.filter((f) => keeps(f.ref)),
  };
  return settle(next);
}

/** A new widget's id, unique enough within a dashboard. */
export function newWidgetId(random: () => number = Math.random): string {
  return `w-${Math.floor(random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0')}`;
}

/** The state a new widget starts from: the default source, empty shelves. */
export function initialState(workspace: WorkspaceInfo, initial: Widget | null, pickSource: (w: WorkspaceInfo) => SourceInfo | null, id = newWidgetId()): EditorState {
  if (initial) return fromWidget(initial);
  return emptyState(pickSource(workspace)?.name ?? '', id);
}

/** The layout a widget is saved with: a new KPI tile is small. */
export function layoutFor(state: EditorState, isNew: boolean): WidgetLayout {
  if (!isNew) return state.layout;
  return state.chart === 'kpi' ? { ...state.layout, w: KPI_LAYOUT.w, h: KPI_LAYOUT.h } : state.layout;
}

// ---------------------------------------------------------------------------------------------
// Filter values as the inputs show them

/** A custom period's end as people say it (included) from the spec's half-open end, and back. */
export function includedEnd(to: string): string {
  const day = parseDay(to);
  return day ? formatDay(addDays(day, -1)) : to;
}

export function exclusiveEnd(included: string): string {
  const day = parseDay(included);
  return day ? formatDay(addDays(day, 1)) : included;
}

/** Parses typed text as a value of the field's kind (numbers with a dot or a comma as decimal mark). */
export function parseFilterValue(text: string, kind: string): FilterValue {
  const t = text.trim();
  if (t === '') return null;
  if (kind === 'number') {
    const n = Number(t.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
    return Number.isFinite(n) ? n : t;
  }
  if (kind === 'boolean') return t === 'true' ? true : t === 'false' ? false : t;
  return t;
}

/** "Won, Lost" typed in a box: the values, trimmed, empty ones left out ("a; b" when values hold commas). */
export function parseValueList(text: string, kind: string): FilterValue[] {
  return text
    .split(/[;\n]/.test(text) ? /[;\n]/ : ',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => parseFilterValue(part, kind));
}

// The widget editor's model, without a DOM: what a drop on a shelf means, the aggregations a field
// takes, the default chart and title, and the round trip Widget -> shelves -> Widget.
import { describe, expect, it } from 'vitest';
import type { ColumnInfo, SourceInfo, WorkspaceInfo } from '../../shared/api';
import type { Widget } from '../../shared/dashboard/types';
import { widgetSchema } from '../../shared/dashboard/schema';
import { columnKind } from '../../shared/spec/column-kind';
import type { MeasureOp, TimeGrain } from '../../shared/spec/types';
import { defaultChartKind } from '../../renderer/src/charts/widget-chart';
import {
  addKpi,
  chartChoices,
  settle,
  autoTitle,
  changeSource,
  chooseChart,
  clickField,
  COUNT_ROWS,
  dropField,
  emptyState,
  exclusiveEnd,
  filterComplete,
  fromWidget,
  includedEnd,
  kpiMissingRoles,
  measureKpis,
  moveChip,
  parseValueList,
  putFormula,
  removeChip,
  sensibleShelf,
  showChoices,
  specOf,
  toWidget,
  updateDimension,
  updateFilter,
  updateValue,
  validOps,
  withFilterOp,
  withSort,
  withTop,
  type EditorState,
  type FieldSpecRef,
  type TitleWords,
} from '../../renderer/src/features/widget-editor/editor-model';
import {
  defaultSource,
  fieldDisplayName,
  fieldSections,
  fieldsOf,
  foldText,
  type EditorField,
} from '../../renderer/src/features/widget-editor/fields';

const col = (spec: string): ColumnInfo => {
  const [name, type] = spec.split(':') as [string, string];
  return { name, type, kind: columnKind(type) };
};

const DEAL_COLUMNS = [
  'deal_id:VARCHAR',
  'account:VARCHAR',
  'owner:VARCHAR',
  'team:VARCHAR',
  'stage:VARCHAR',
  'status:VARCHAR',
  'amount:DOUBLE',
  'probability:BIGINT',
  'created_at:DATE',
  'closed_at:DATE',
  'lead_source:VARCHAR',
];
const DEAL_ROLES: Record<string, string> = {
  deal_id: 'deal_id',
  account: 'account',
  owner: 'owner',
  team: 'team',
  stage: 'stage',
  status: 'status',
  amount: 'amount',
  probability: 'probability',
  created_at: 'created_at',
  closed_at: 'closed_at',
  lead_source: 'lead_source',
};

const source = (name: string, columns: string[], roles: Record<string, string>, model?: SourceInfo['model']): SourceInfo => ({
  name,
  file: `${name}.csv`,
  rowCount: 100,
  columns: columns.map(col),
  importedAt: '2026-11-01T00:00:00Z',
  snapshots: [],
  roles,
  ...(model ? { model } : {}),
});

const deals = source('deals', DEAL_COLUMNS, DEAL_ROLES);
const enriched = source(
  'deals (enriched)',
  [...DEAL_COLUMNS, 'accounts.segment:VARCHAR', 'accounts.region:VARCHAR', 'accounts.employees:BIGINT', 'reps.team:VARCHAR', 'reps.hire_date:DATE'],
  { ...DEAL_ROLES, segment: 'accounts.segment', region: 'accounts.region' },
  { base: 'deals', joined: ['accounts', 'reps'] },
);
const accounts = source('accounts', ['account_name:VARCHAR', 'segment:VARCHAR', 'employees:BIGINT'], { account_name: 'account_name', segment: 'segment' });
const activities = source('activities', ['activity_id:VARCHAR', 'owner:VARCHAR', 'activity_type:VARCHAR', 'activity_at:TIMESTAMP'], {
  activity_id: 'activity_id',
  owner: 'owner',
  activity_type: 'activity_type',
  activity_at: 'activity_at',
});
const workspace: WorkspaceInfo = { name: 'test', sources: [deals, enriched, accounts, activities] };

const fields = fieldsOf(enriched);
const field = (column: string): EditorField => {
  const f = fields.find((x) => x.column === column);
  if (!f) throw new Error(`no field ${column}`);
  return f;
};
const start = (): EditorState => emptyState(enriched.name, 'w1');

const OP_NAMES: Record<MeasureOp, string> = {
  count: 'count',
  count_distinct: 'distinct count',
  sum: 'sum',
  avg: 'average',
  min: 'min',
  max: 'max',
  median: 'median',
};
const words: TitleWords = {
  aggregate: (f, op) => `${f[0]!.toUpperCase()}${f.slice(1)} (${OP_NAMES[op]})`,
  countRows: () => 'Number of rows',
  kpi: (id) => `KPI ${id}`,
  formula: () => 'Calculated',
  list: (items) => items.join(', '),
  compose: ({ measures, dimensions, grain }: { measures: string; dimensions: string | null; grain: TimeGrain | null }) =>
    [measures, dimensions ? `by ${dimensions}` : '', grain ? `per ${grain}` : ''].filter(Boolean).join(' '),
};
const nameOf = (ref: FieldSpecRef) => {
  const f = 'role' in ref ? fields.find((x) => x.role === ref.role) : fields.find((x) => x.column === ref.column);
  return f ? fieldDisplayName(f, fields) : '?';
};

describe('the field list', () => {
  it('groups fields by role entity, time and source, roles in catalog order', () => {
    const sections = fieldSections(fields, '', (r) => r);
    expect(sections.map((s) => [s.group, s.origin])).toEqual([
      ['deal', null],
      ['account', null],
      ['rep', null],
      ['time', null],
      ['other', 'accounts'],
      ['other', 'reps'],
    ]);
    const of = (group: string) => sections.find((s) => s.group === group)!.fields.map((f) => f.column);
    expect(of('deal')).toEqual(['deal_id', 'account', 'stage', 'status', 'amount', 'probability', 'lead_source']);
    expect(of('account')).toEqual(['accounts.segment', 'accounts.region']);
    expect(of('rep')).toEqual(['owner', 'team']);
    expect(of('time')).toEqual(['created_at', 'closed_at', 'reps.hire_date']);
    expect(sections[4]!.fields.map((f) => f.name)).toEqual(['employees']);
    expect(sections[5]!.fields.map((f) => f.name)).toEqual(['team']);
  });

  it('searches names, roles and role labels ignoring case and accents', () => {
    const label = (r: string) => (r === 'segment' ? 'Catégorie' : r);
    const found = (q: string) => fieldSections(fields, q, label).flatMap((s) => s.fields.map((f) => f.column));
    expect(found('SEGMENT')).toEqual(['accounts.segment']);
    expect(found('categorie')).toEqual(['accounts.segment']);
    expect(found('closed at')).toEqual(['closed_at']);
    expect(found('reps team')).toEqual(['reps.team']);
    expect(found('nothing like it')).toEqual([]);
    expect(foldText('Société Générale')).toBe('societe generale');
  });

  it('names a joined column by its own name unless another field has it', () => {
    expect(fieldDisplayName(field('accounts.segment'), fields)).toBe('segment');
    expect(fieldDisplayName(field('reps.team'), fields)).toBe('reps.team');
  });

  it('starts on the enriched deals model, else the first deals-like source', () => {
    expect(defaultSource(workspace)?.name).toBe('deals (enriched)');
    expect(defaultSource({ name: 'x', sources: [accounts, deals] })?.name).toBe('deals');
    expect(defaultSource({ name: 'x', sources: [accounts, activities] })?.name).toBe('accounts');
    expect(defaultSource({ name: 'x', sources: [] })).toBeNull();
  });
});

describe('shelf rules', () => {
  it('a date dropped on Rows is a month dimension, by its role', () => {
    const s = dropField(start(), field('closed_at'), 'rows');
    expect(s.rows).toEqual([{ id: 'closed_at', ref: { role: 'closed_at' }, grain: 'month', bin: null, top: null }]);
  });

  it('a field without a role is named by its column; a number on Rows is binned', () => {
    const s = dropField(dropField(start(), field('accounts.employees'), 'rows'), field('reps.team'), 'columns');
    expect(s.rows[0]).toMatchObject({ ref: { column: 'accounts.employees' }, bin: { count: 10 }, grain: null });
    expect(s.columns[0]).toMatchObject({ id: 'reps_team', ref: { column: 'reps.team' } });
  });

  it('Values: sum of a number, distinct count of an identifier, count of the rest; count of rows', () => {
    let s = start();
    for (const c of ['amount', 'deal_id', 'stage', 'closed_at']) s = dropField(s, field(c), 'values');
    s = dropField(s, COUNT_ROWS, 'values');
    expect(s.values.map((v) => (v.type === 'aggregate' ? [v.id, v.op, v.ref] : null))).toEqual([
      ['amount_sum', 'sum', { role: 'amount' }],
      ['deal_id_count_distinct', 'count_distinct', { role: 'deal_id' }],
      ['stage_count', 'count', { role: 'stage' }],
      ['closed_at_count', 'count', { role: 'closed_at' }],
      ['row_count', 'count', null],
    ]);
    // The same field twice on Values: two measures, two ids.
    s = dropField(s, field('amount'), 'values');
    expect(s.values.at(-1)).toMatchObject({ id: 'amount_sum_2', op: 'sum' });
  });

  it('a click puts numbers on Values, dates on Rows, text on Rows (Columns beside a time axis)', () => {
    expect(sensibleShelf(field('amount'), start())).toBe('values');
    expect(sensibleShelf(COUNT_ROWS, start())).toBe('values');
    expect(sensibleShelf(field('closed_at'), start())).toBe('rows');
    expect(sensibleShelf(field('accounts.segment'), start())).toBe('rows');
    let s = clickField(start(), field('amount'));
    s = clickField(s, field('closed_at'));
    s = clickField(s, field('accounts.segment'));
    expect(s.values.map((v) => v.id)).toEqual(['amount_sum']);
    expect(s.rows.map((d) => d.id)).toEqual(['closed_at']);
    expect(s.columns.map((d) => d.id)).toEqual(['segment']);
    s = clickField(s, field('owner'));
    expect(s.rows.map((d) => d.id)).toEqual(['closed_at', 'owner']);
  });

  it('a field on Columns goes to spec.columns; a field already on an axis moves with its settings', () => {
    let s = dropField(start(), field('amount'), 'values');
    s = dropField(s, field('closed_at'), 'rows');
    s = updateDimension(s, 'rows', 'closed_at', { grain: 'quarter' });
    s = dropField(s, field('accounts.segment'), 'columns');
    expect(specOf(s)).toEqual({
      source: 'deals (enriched)',
      measures: [{ id: 'amount_sum', op: 'sum', role: 'amount' }],
      dimensions: [
        { id: 'closed_at', role: 'closed_at', grain: 'quarter' },
        { id: 'segment', role: 'segment' },
      ],
      columns: ['segment'],
    });
    s = dropField(s, field('closed_at'), 'columns', 0);
    expect(s.rows).toEqual([]);
    expect(s.columns.map((d) => [d.id, d.grain])).toEqual([
      ['closed_at', 'quarter'],
      ['segment', null],
    ]);
  });

  it('chips reorder within a shelf, move between axes, and change kind across shelves', () => {
    let s = dropField(start(), field('owner'), 'rows');
    s = dropField(s, field('stage'), 'rows');
    s = dropField(s, field('team'), 'rows');
    s = moveChip(s, { shelf: 'rows', id: 'team' }, { shelf: 'rows', index: 0 }, enriched);
    expect(s.rows.map((d) => d.id)).toEqual(['team', 'owner', 'stage']);
    s = moveChip(s, { shelf: 'rows', id: 'team' }, { shelf: 'rows', index: 3 }, enriched);
    expect(s.rows.map((d) => d.id)).toEqual(['owner', 'stage', 'team']);
    s = moveChip(s, { shelf: 'rows', id: 'stage' }, { shelf: 'columns' }, enriched);
    expect(s.columns.map((d) => d.id)).toEqual(['stage']);
    s = moveChip(s, { shelf: 'rows', id: 'owner' }, { shelf: 'values' }, enriched);
    expect(s.rows.map((d) => d.id)).toEqual(['team']);
    expect(s.values[0]).toMatchObject({ type: 'aggregate', op: 'count_distinct', ref: { role: 'owner' } });
    s = moveChip(s, { shelf: 'columns', id: 'stage' }, { shelf: 'filters' }, enriched);
    expect(s.columns).toEqual([]);
    expect(s.filters[0]).toMatchObject({ ref: { role: 'stage' }, op: 'in', values: [] });
    s = removeChip(s, 'rows', 'team');
    expect(s.rows).toEqual([]);
  });

  it('offers only the aggregations a field takes', () => {
    expect(validOps(field('amount'))).toEqual(['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'median']);
    expect(validOps(field('stage'))).toEqual(['count', 'count_distinct', 'min', 'max']);
    expect(validOps(field('closed_at'))).toEqual(['count', 'count_distinct', 'min', 'max']);
    expect(validOps(null)).toEqual(['count']);
  });

  it('"show value as" only on additive measures; row and column shares need both axes', () => {
    let s = dropField(start(), field('amount'), 'values');
    const sum = s.values[0]!;
    expect(showChoices(sum, s)).toEqual(['percent_of_total']);
    s = dropField(dropField(s, field('owner'), 'rows'), field('stage'), 'columns');
    expect(showChoices(sum, s)).toEqual(['percent_of_total', 'percent_of_row', 'percent_of_column', 'running_total']);
    s = updateValue(s, 'amount_sum', { op: 'avg' });
    expect(showChoices(s.values[0]!, s)).toEqual([]);
    s = addKpi(s, 'revenue_won');
    expect(showChoices(s.values[1]!, s)).toEqual([]);
    // A share chosen, then an axis removed: the choice that no longer applies is dropped.
    s = updateValue(s, 'amount_sum', { op: 'sum', show: 'percent_of_row' });
    expect(s.values[0]).toMatchObject({ show: 'percent_of_row' });
    s = removeChip(s, 'columns', 'stage');
    expect(s.values[0]).toMatchObject({ show: null });
  });

  it('filters bind to roles and are left out of the spec until they restrict something', () => {
    let s = dropField(start(), field('amount'), 'values');
    s = dropField(s, field('status'), 'filters');
    s = dropField(s, field('closed_at'), 'filters');
    s = dropField(s, field('amount'), 'filters');
    s = dropField(s, field('reps.team'), 'filters');
    const [status, closed, amount, team] = s.filters;
    expect(status).toMatchObject({ ref: { role: 'status' }, op: 'in', values: [] });
    expect(closed).toMatchObject({ ref: { role: 'closed_at' }, op: 'in_period', period: 'last_12_months' });
    expect(amount).toMatchObject({ op: 'between', values: [] });
    expect([status, closed, amount, team].map((f) => filterComplete(f!))).toEqual([false, true, false, false]);
    s = updateFilter(s, status!.id, { values: ['Won'] });
    s = updateFilter(s, amount!.id, { values: [1000, null] });
    s = updateFilter(s, team!.id, { values: ['Enterprise', 'SMB'] });
    expect(specOf(s)!.filters).toEqual([
      { role: 'status', op: 'in', values: ['Won'] },
      { role: 'closed_at', op: 'in_period', period: 'last_12_months' },
      { column: 'reps.team', op: 'in', values: ['Enterprise', 'SMB'] },
    ]);
    expect(withFilterOp(s.filters[2]!, 'gte')).toMatchObject({ op: 'gte', values: [1000], period: null });
    expect(withFilterOp(s.filters[0]!, 'is_null')).toMatchObject({ op: 'is_null', values: [] });
  });

  it('reads custom periods with an included end, and typed value lists', () => {
    expect(includedEnd('2026-01-01')).toBe('2025-12-31');
    expect(exclusiveEnd('2025-12-31')).toBe('2026-01-01');
    expect(parseValueList('Won, Lost ,', 'text')).toEqual(['Won', 'Lost']);
    expect(parseValueList('Smith, John; Doe, Jane', 'text')).toEqual(['Smith, John', 'Doe, Jane']);
    expect(parseValueList('10, 2.5', 'number')).toEqual([10, 2.5]);
  });
});

describe('chart, sort, top and title', () => {
  it('the chart follows the shelves (the charts\' default) until the user picks one that still fits', () => {
    let s = dropField(start(), field('amount'), 'values');
    expect(s.chart).toBe('kpi');
    s = dropField(s, field('closed_at'), 'rows');
    expect(s.chart).toBe('line');
    expect(chartChoices(s).kinds).toEqual(expect.arrayContaining(['line', 'column', 'bar', 'kpi', 'pivot', 'table']));
    s = dropField(s, field('accounts.segment'), 'columns');
    expect(s.chart).toBe(defaultChartKind(specOf(s)!));
    s = chooseChart(s, 'heatmap');
    s = updateDimension(s, 'rows', 'closed_at', { grain: 'quarter' });
    expect(s.chart).toBe('heatmap');
    expect(s.chartChosen).toBe(true);
    s = removeChip(s, 'columns', 'segment');
    // A heatmap needs two dimensions: back to the default.
    expect(s.chart).toBe('line');
    expect(s.chartChosen).toBe(false);
    s = dropField(removeChip(s, 'rows', 'closed_at'), field('owner'), 'rows');
    expect(s.chart).toBe('bar');
    // Totals make a pivot.
    s = dropField(s, field('stage'), 'columns');
    expect(settle({ ...s, totals: 'grand' }).chart).toBe('pivot');
    expect(chartChoices(emptyState('x', 'w')).kinds).toEqual(['table']);
  });

  it('sort by a measure and top N on the category dimension', () => {
    let s = dropField(dropField(start(), field('amount'), 'values'), field('owner'), 'rows');
    s = withSort(s, { kind: 'measure', id: 'amount_sum', direction: 'desc' });
    s = withTop(s, 5, 'Others');
    expect(specOf(s)).toMatchObject({
      dimensions: [{ id: 'owner', role: 'owner', top: { n: 5, by: 'amount_sum', othersLabel: 'Others' } }],
      sort: [{ by: 'amount_sum', direction: 'desc' }],
    });
    // The measure goes: sort and top that named it go too.
    s = removeChip(s, 'values', 'amount_sum');
    expect(s.sort).toEqual([]);
    expect(s.rows[0]!.top).toBeNull();
  });

  it('suggests "Amount (sum) by segment per quarter"', () => {
    let s = dropField(start(), field('amount'), 'values');
    expect(autoTitle(s, nameOf, words)).toBe('Amount (sum)');
    s = dropField(s, field('closed_at'), 'rows');
    s = updateDimension(s, 'rows', 'closed_at', { grain: 'quarter' });
    s = dropField(s, field('accounts.segment'), 'columns');
    expect(autoTitle(s, nameOf, words)).toBe('Amount (sum) by segment per quarter');
    s = addKpi(s, 'conversion_rate');
    expect(autoTitle(s, nameOf, words)).toBe('Amount (sum), KPI conversion_rate by segment per quarter');
    expect(autoTitle(start(), nameOf, words)).toBe('');
  });
});

describe('KPIs and calculated measures', () => {
  it('lists the catalog KPIs a spec can name, and what a source lacks for each', () => {
    const ids = measureKpis().map((k) => k.id);
    expect(ids).toContain('revenue_won');
    expect(ids).toContain('conversion_rate');
    expect(ids).not.toContain('acquisition_cost');
    expect(ids).not.toContain('activities');
    expect(ids).not.toContain('sales_cycle_median');
    const byId = (id: string) => measureKpis().find((k) => k.id === id)!;
    expect(kpiMissingRoles(byId('revenue_won'), enriched.roles)).toEqual([]);
    expect(kpiMissingRoles(byId('revenue_won'), accounts.roles)).toEqual(['status', 'amount']);
    expect(kpiMissingRoles(byId('weighted_pipeline'), { status: 'status', amount: 'amount' })).toEqual(['probability']);
  });

  it('a KPI id claims its expansion ids; formulas get ids from their names', () => {
    let s = addKpi(start(), 'revenue_won');
    s = addKpi(s, 'revenue_won');
    expect(s.values.map((v) => v.id)).toEqual(['revenue_won', 'revenue_won_2']);
    s = putFormula(s, { formula: 'sum(@amount) / count()', label: 'Panier moyen' });
    expect(s.values[2]).toEqual({ id: 'panier_moyen', type: 'formula', formula: 'sum(@amount) / count()', show: null, label: 'Panier moyen' });
    s = putFormula(s, { formula: 'avg(@amount)', label: 'Panier moyen' }, 'panier_moyen');
    expect(s.values[2]).toMatchObject({ id: 'panier_moyen', formula: 'avg(@amount)' });
    expect(specOf(s)!.measures).toEqual([
      { id: 'revenue_won', kpi: 'revenue_won' },
      { id: 'revenue_won_2', kpi: 'revenue_won' },
      { id: 'panier_moyen', formula: 'avg(@amount)', label: 'Panier moyen' },
    ]);
  });
});

describe('Widget <-> shelves', () => {
  const built = (): EditorState => {
    let s = dropField(start(), field('amount'), 'values');
    s = dropField(s, field('closed_at'), 'rows');
    s = updateDimension(s, 'rows', 'closed_at', { grain: 'quarter' });
    s = dropField(s, field('accounts.segment'), 'columns');
    s = dropField(s, field('status'), 'filters');
    s = updateFilter(s, s.filters[0]!.id, { values: ['Won'] });
    s = dropField(s, field('reps.hire_date'), 'filters');
    s = updateFilter(s, s.filters[1]!.id, { period: { from: '2020-01-01', to: '2022-01-01' } });
    s = addKpi(s, 'conversion_rate');
    s = putFormula(s, { formula: 'sum_if(@amount, @stage = \'Proposal\')', label: 'In proposal' });
    s = updateValue(s, 'amount_sum', { show: 'percent_of_row', label: 'Share' });
    s = withSort(s, { kind: 'measure', id: 'amount_sum', direction: 'desc' });
    s = settle({ ...s, options: { stacking: 'stacked', legend: true }, totals: 'grand', limit: 500, periodField: { role: 'closed_at' } });
    return { ...s, title: 'Won amount by segment per quarter', titleAuto: false };
  };

  it('the widget is a valid dashboard widget naming roles, and comes back unchanged', () => {
    const widget = toWidget(built())!;
    expect(widgetSchema.safeParse(widget).success).toBe(true);
    expect(widget).toEqual({
      id: 'w1',
      title: 'Won amount by segment per quarter',
      chart: 'pivot',
      spec: {
        source: 'deals (enriched)',
        measures: [
          { id: 'amount_sum', op: 'sum', role: 'amount', label: 'Share', show: 'percent_of_row' },
          { id: 'conversion_rate', kpi: 'conversion_rate' },
          { id: 'in_proposal', formula: "sum_if(@amount, @stage = 'Proposal')", label: 'In proposal' },
        ],
        dimensions: [
          { id: 'closed_at', role: 'closed_at', grain: 'quarter' },
          { id: 'segment', role: 'segment' },
        ],
        columns: ['segment'],
        filters: [
          { role: 'status', op: 'in', values: ['Won'] },
          { column: 'reps.hire_date', op: 'in_period', period: { from: '2020-01-01', to: '2022-01-01' } },
        ],
        sort: [{ by: 'amount_sum', direction: 'desc' }],
        limit: 500,
        totals: 'grand',
      },
      options: { stacking: 'stacked', legend: true },
      layout: { x: 0, y: 0, w: 6, h: 8 },
      periodField: { role: 'closed_at' },
    });
    expect(toWidget(fromWidget(widget))).toEqual(widget);
  });

  it('keeps what the shelves do not edit, and fills ids a hand-written spec left out', () => {
    const widget: Widget = {
      id: 'w9',
      title: 'Pipeline',
      chart: 'bar',
      layout: { x: 6, y: 8, w: 6, h: 6 },
      periodField: null,
      spec: {
        source: 'deals',
        snapshot: 'all',
        measures: [{ op: 'sum', column: 'amount' }, { kpi: 'pipeline_value' }],
        dimensions: [{ role: 'stage' }],
        filter: { or: [{ role: 'status', op: 'eq', values: ['Open'] }, { role: 'status', op: 'is_null' }] },
        compare: { to: 'previous_period' },
        segments: ['Key accounts'],
        weekStart: 'sunday',
        timeZone: 'Europe/Paris',
      },
    };
    const state = fromWidget(widget);
    expect(state.values.map((v) => v.id)).toEqual(['m0', 'pipeline_value']);
    expect(state.rows.map((d) => d.id)).toEqual(['d0']);
    const back = toWidget(state)!;
    expect(back.spec).toEqual({
      ...widget.spec,
      measures: [{ id: 'm0', op: 'sum', column: 'amount' }, { id: 'pipeline_value', kpi: 'pipeline_value' }],
      dimensions: [{ id: 'd0', role: 'stage' }],
    });
    expect(back.periodField).toBeNull();
    expect(back.layout).toEqual(widget.layout);
    expect(toWidget(fromWidget(back))).toEqual(back);
  });

  it('nothing to save while Values is empty', () => {
    expect(toWidget(dropField(start(), field('owner'), 'rows'))).toBeNull();
  });

  it('another source keeps the chips whose roles it maps and drops the rest', () => {
    let s = built();
    s = dropField(s, field('reps.team'), 'rows');
    const moved = changeSource(s, deals);
    expect(moved.source).toBe('deals');
    expect(moved.rows.map((d) => d.id)).toEqual(['closed_at']);
    expect(moved.columns).toEqual([]);
    expect(moved.filters.map((f) => f.ref)).toEqual([{ role: 'status' }]);
    expect(moved.values.map((v) => v.id)).toEqual(['amount_sum', 'conversion_rate', 'in_proposal']);
    const onAccounts = changeSource(s, accounts);
    expect(onAccounts.values.map((v) => v.id)).toEqual(['in_proposal']);
  });
});

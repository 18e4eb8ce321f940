// Template files: reading (broken JSON located, wrong format, newer version refused), migration from
// every earlier version (fixture files of versions 1 and 2), corrupted files refused with a clear
// error, the check against a workspace's sources with each problem's fix data (roles to map or
// widgets to leave out, stages to map, history slots), instantiation, "save as template" (columns
// rewritten to roles), and the period words of the CLI.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../shared/dashboard/types';
import { checkTemplate, instantiateTemplate, isBlocking, type SourceFacts } from '../../shared/template/check';
import { templateFromDashboard } from '../../shared/template/derive';
import { describePeriod, monthOf, parsePeriodChoice, previousRange, resolveTemplatePeriod, reviewToday } from '../../shared/template/period';
import { readTemplateText, writeTemplateText } from '../../shared/template/schema';
import { TEMPLATE_VERSION, type Template } from '../../shared/template/types';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/templates');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

const emptyBar = { period: null, values: [], compare: null };

function template(overrides: Partial<Template> = {}): Template {
  return {
    format: 'quarterdeck-template',
    version: 3,
    id: 'won-by-segment',
    name: 'Won by segment',
    description: 'Revenue won per segment and quarter',
    origin: 'personal',
    createdAt: '2026-11-01T10:00:00.000Z',
    slots: [{ id: 'deals', entity: 'deal', roles: ['amount', 'closed_at'] }],
    parameters: { period: 'last_complete_quarter', compare: 'previous_period', defaults: [{ role: 'team', values: ['SMB'] }] },
    stages: { deals: ['Prospecting', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'] },
    dashboard: {
      name: 'Won by segment',
      filters: emptyBar,
      widgets: [
        {
          id: 'w1',
          title: 'Won by segment',
          chart: 'pie',
          layout: { x: 0, y: 0, w: 6, h: 6 },
          spec: {
            source: '$deals',
            measures: [{ op: 'sum', role: 'amount' }],
            dimensions: [{ role: 'segment' }],
            filters: [{ role: 'stage', op: 'in', values: ['Closed Won'] }],
          },
        },
        {
          id: 'w2',
          title: 'Win rate',
          chart: 'kpi',
          layout: { x: 6, y: 0, w: 3, h: 3 },
          spec: { source: '$deals', measures: [{ kpi: 'win_rate' }] },
        },
      ],
    },
    ...overrides,
  };
}

const deals: SourceFacts = {
  name: 'deals (enriched)',
  model: { base: 'deals', joined: ['accounts'] },
  columns: [
    { name: 'Amount', type: 'DOUBLE', kind: 'number' },
    { name: 'Close date', type: 'DATE', kind: 'date' },
    { name: 'Created', type: 'DATE', kind: 'date' },
    { name: 'Stage', type: 'VARCHAR', kind: 'text' },
    { name: 'accounts.Segment', type: 'VARCHAR', kind: 'text' },
    { name: 'Owner', type: 'VARCHAR', kind: 'text' },
  ],
  roles: { amount: 'Amount', closed_at: 'Close date', created_at: 'Created', stage: 'Stage', segment: 'accounts.Segment', owner: 'Owner' },
  stages: ['Prospecting', 'Proposal', 'Negotiation', 'Won', 'Lost'],
  snapshots: 1,
};
const plain: SourceFacts = { ...deals, name: 'deals', model: undefined, roles: { amount: 'Amount', stage: 'Stage' } };

describe('template files', () => {
  it('round-trips the current version', () => {
    const t = template();
    const r = readTemplateText(writeTemplateText(t), 'won.qdt.json');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toEqual(t);
  });

  it('locates broken JSON by line and column', () => {
    const text = writeTemplateText(template()).replace('"name": "Won by segment",', '"name": "Won by segment" oops,');
    const r = readTemplateText(text, 'broken.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const expectedLine = text.split('\n').findIndex((l) => l.includes('oops')) + 1;
    expect(r.error.location).toMatchObject({ file: 'broken.json', line: expectedLine });
    expect(r.error.message).toContain(`line ${expectedLine}`);
  });

  it('refuses a file that is not a template, and a newer version, saying why', () => {
    const notTemplate = readTemplateText('{"hello": 1}', 'x.json');
    expect(notTemplate.ok || notTemplate.error.message).toContain('not a Quarterdeck template');
    const newer = readTemplateText(JSON.stringify({ ...template(), version: TEMPLATE_VERSION + 1 }));
    expect(newer.ok || newer.error.message).toContain('newer Quarterdeck');
  });

  it('names the invalid field', () => {
    const t = template();
    const bad = { ...t, dashboard: { ...t.dashboard, widgets: [{ ...t.dashboard.widgets[0]!, spec: { ...t.dashboard.widgets[0]!.spec, source: 'deals' } }] } };
    const r = readTemplateText(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.location?.field).toBe('dashboard.widgets.0.spec.source');
  });

  it('refuses duplicate widget and slot ids', () => {
    const t = template();
    const twice = { ...t, dashboard: { ...t.dashboard, widgets: [t.dashboard.widgets[0]!, t.dashboard.widgets[0]!] } };
    const r = readTemplateText(JSON.stringify(twice));
    expect(r.ok || r.error.message).toContain('duplicate widget id "w1"');
    const slots = readTemplateText(JSON.stringify({ ...t, slots: [...t.slots, ...t.slots] }));
    expect(slots.ok || slots.error.message).toContain('duplicate slot id "deals"');
  });
});

describe('migrations: a file of every earlier version loads', () => {
  it('version 1 (one "$source", roles and period at the top)', () => {
    const r = readTemplateText(fixture('v1-won-by-rep.json'), 'v1-won-by-rep.json');
    expect(r.ok || r.error).toBe(true);
    if (!r.ok) return;
    const t = r.value;
    expect(t.version).toBe(TEMPLATE_VERSION);
    expect(t.slots).toEqual([{ id: 'deals', entity: 'deal', roles: ['amount', 'owner', 'closed_at'] }]);
    expect(t.dashboard.widgets.map((w) => w.spec.source)).toEqual(['$deals', '$deals']);
    expect(t.parameters).toEqual({ period: 'last_complete_quarter', compare: 'previous_period', defaults: [] });
    expect(t.origin).toBe('imported');
    expect(t.createdAt).toBe('2025-03-02T08:15:00.000Z');
    // It runs: checked against deals that map its roles, it becomes a dashboard.
    const check = checkTemplate(t, [{ ...deals, roles: { ...deals.roles } }]);
    expect(check.problems.filter(isBlocking)).toEqual([]);
    expect(instantiateTemplate(t, check, 'd1', 'now').widgets).toHaveLength(2);
  });

  it('version 2 (slots, parameters, stages)', () => {
    const r = readTemplateText(fixture('v2-pipeline-by-stage.json'), 'v2-pipeline-by-stage.json');
    expect(r.ok || r.error).toBe(true);
    if (!r.ok) return;
    expect(r.value.version).toBe(TEMPLATE_VERSION);
    expect(r.value.parameters.defaults).toEqual([{ role: 'team', values: ['Enterprise'] }]);
    expect(r.value.stages?.deals).toContain('Negotiation');
    // Written back, it is a current-version file that reads the same.
    const again = readTemplateText(writeTemplateText(r.value));
    expect(again.ok && again.value).toEqual(r.value);
  });
});

describe('corrupted files are refused with a clear error', () => {
  it('a truncated file: not valid JSON, with the line', () => {
    const r = readTemplateText(fixture('corrupted-truncated.json'), 'corrupted-truncated.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/not valid JSON \(line \d+, column \d+\)/);
    expect(r.error.location?.file).toBe('corrupted-truncated.json');
  });

  it('another tool\'s JSON: not a Quarterdeck template', () => {
    const r = readTemplateText(fixture('corrupted-not-template.json'), 'corrupted-not-template.json');
    expect(r.ok || r.error.message).toContain('not a Quarterdeck template');
  });

  it('an unknown chart kind: the field is named', () => {
    const r = readTemplateText(fixture('corrupted-bad-widget.json'), 'corrupted-bad-widget.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.location?.field).toBe('dashboard.widgets.0.chart');
  });

  it('a newer version: update Quarterdeck', () => {
    const r = readTemplateText(fixture('newer-version.json'), 'newer-version.json');
    expect(r.ok || r.error.message).toMatch(/template version 7; this one reads up to 3/);
  });
});

describe('checking a template against sources', () => {
  it('binds the deals slot to the enriched model and asks for the unknown stage', () => {
    const check = checkTemplate(template(), [plain, deals]);
    expect(check.binding.sources).toEqual({ deals: 'deals (enriched)' });
    const blocking = check.problems.filter(isBlocking);
    expect(blocking).toEqual([expect.objectContaining({ kind: 'unknown_stage', stage: 'Closed Won', suggestion: 'Won', candidates: deals.stages })]);
    expect(check.problems.filter((p) => p.kind === 'new_stage').map((p) => (p.kind === 'new_stage' ? p.stage : ''))).toEqual(['Won', 'Lost']);
  });

  it('reports a missing role with the columns that could take it and the widgets that need it', () => {
    const check = checkTemplate(template(), [plain], {});
    const missing = check.problems.filter((p) => p.kind === 'missing_role');
    expect(missing.map((p) => (p.kind === 'missing_role' ? p.role : '')).sort()).toEqual(['closed_at', 'segment']);
    const closed = missing.find((p) => p.kind === 'missing_role' && p.role === 'closed_at');
    // Dates first: the columns no role takes, then the one created_at takes... here none is taken.
    expect(closed && closed.kind === 'missing_role' ? closed.candidates.map((c) => c.column) : []).toEqual(['Close date', 'Created']);
    // closed_at is the template's own need (declared on the slot): no widget to leave out instead.
    expect(closed && closed.kind === 'missing_role' ? closed.widgets : null).toEqual([]);
    const segment = missing.find((p) => p.kind === 'missing_role' && p.role === 'segment');
    expect(segment && segment.kind === 'missing_role' ? segment.widgets : null).toEqual(['w1']);
  });

  it('leaving out the widgets that need a role is a fix', () => {
    const facts = { ...plain, roles: { amount: 'Amount', stage: 'Stage', closed_at: 'Close date' }, stages: ['Closed Won', 'Open'] };
    const before = checkTemplate(template(), [facts]);
    expect(before.problems.filter(isBlocking).map((p) => p.kind)).toEqual(['missing_role']);
    const after = checkTemplate(template(), [facts], { skipWidgets: ['w1'] });
    expect(after.problems.filter(isBlocking)).toEqual([]);
    expect(after.skippedWidgets).toEqual(['w1']);
    expect(instantiateTemplate(template(), after, 'd1', 'now').widgets.map((w) => w.id)).toEqual(['w2']);
  });

  it('a KPI needs its date role only when a formula reads it, and the role its period is read on', () => {
    const t = template({
      dashboard: {
        name: 'x',
        filters: emptyBar,
        widgets: [
          { id: 'open', title: 'Open pipeline', chart: 'kpi', layout: { x: 0, y: 0, w: 3, h: 3 }, periodField: null, spec: { source: '$deals', measures: [{ kpi: 'pipeline_value' }] } },
          { id: 'created', title: 'Created', chart: 'kpi', layout: { x: 3, y: 0, w: 3, h: 3 }, periodField: { role: 'created_at' }, spec: { source: '$deals', measures: [{ kpi: 'revenue_won' }] } },
        ],
      },
      slots: [{ id: 'deals', entity: 'deal', roles: [] }],
    });
    const check = checkTemplate(t, [{ ...plain, roles: { amount: 'Amount', stage: 'Stage', closed_at: 'Close date' } }]);
    // pipeline_value's date role (expected_close_at) is not needed; created_at is (the period's field).
    expect(check.problems.filter((p) => p.kind === 'missing_role').map((p) => (p.kind === 'missing_role' ? `${p.role}:${p.widgets.join()}` : ''))).toEqual(['created_at:created']);
  });

  it('maps one template stage to several stages of the data, new stages included', () => {
    const facts = { ...deals, stages: ['Prospecting', 'Proposal', 'Contract sent', 'Negotiation', 'Won', 'Lost'] };
    const check = checkTemplate(template(), [facts], { stageMap: { deals: { 'Closed Won': ['Won', 'Contract sent'] } } });
    expect(check.problems.filter(isBlocking)).toEqual([]);
    // "Contract sent" is mapped: not reported as new any more; "Lost" still is.
    expect(check.problems.filter((p) => p.kind === 'new_stage').map((p) => (p.kind === 'new_stage' ? p.stage : ''))).toEqual(['Lost']);
    const d = instantiateTemplate(template(), check, 'd1', 'now');
    expect(d.widgets[0]!.spec.filters).toEqual([{ role: 'stage', op: 'in', values: ['Won', 'Contract sent'] }]);
  });

  it('binds a history slot to the source with several snapshots, and the other slot to the full export', () => {
    const t = template({
      slots: [
        { id: 'deals', entity: 'deal', roles: ['amount'] },
        { id: 'pipeline', entity: 'deal', roles: ['amount'], history: true, optional: true },
      ],
      dashboard: {
        name: 'x',
        filters: emptyBar,
        widgets: [
          { id: 'a', title: 'A', chart: 'kpi', layout: { x: 0, y: 0, w: 3, h: 3 }, spec: { source: '$deals', measures: [{ op: 'sum', role: 'amount' }] } },
          { id: 'h', title: 'H', chart: 'line', layout: { x: 3, y: 0, w: 6, h: 6 }, periodField: null, spec: { source: '$pipeline', snapshot: 'all', measures: [{ op: 'sum', role: 'amount' }], dimensions: [{ column: 'snapshot_date', grain: 'month' }] } },
        ],
      },
    });
    const history: SourceFacts = { ...plain, name: 'pipeline', snapshots: 24, roles: { ...deals.roles, segment: undefined as never } };
    delete (history.roles as Record<string, string>).segment;
    const check = checkTemplate(t, [deals, history]);
    expect(check.binding.sources).toEqual({ deals: 'deals (enriched)', pipeline: 'pipeline' });
    // snapshot_date is every history's column.
    expect(check.problems.filter(isBlocking)).toEqual([]);
    // Without any source of several snapshots, the optional history slot's widget is left out.
    const single = checkTemplate(t, [deals]);
    expect(single.binding.sources).toEqual({ deals: 'deals (enriched)' });
    expect(single.skippedWidgets).toEqual(['h']);
  });

  it('instantiates with the stage mapping, the period, the default filters and translated titles', () => {
    const check = checkTemplate(template(), [deals], { stageMap: { deals: { 'Closed Won': 'Won' } } });
    expect(check.problems.filter(isBlocking)).toEqual([]);
    const t = template({ titleKeys: { w1: 'templates.w_monthly_segment_revenue' } });
    const dashboard = instantiateTemplate(t, check, 'd1', '2026-11-22T00:00:00.000Z', { translate: (k) => (k === 'templates.w_monthly_segment_revenue' ? 'CA gagné par segment' : null) });
    expect(dashboard.widgets[0]!.title).toBe('CA gagné par segment');
    expect(dashboard.widgets[1]!.title).toBe('Win rate');
    expect(dashboard.widgets[0]!.spec.source).toBe('deals (enriched)');
    expect(dashboard.widgets[0]!.spec.filters).toEqual([{ role: 'stage', op: 'in', values: ['Won'] }]);
    expect(dashboard.filters).toEqual({
      period: 'last_complete_quarter',
      compare: 'previous_period',
      values: [{ field: { role: 'team' }, values: ['SMB'] }],
    });
  });

  it('refuses to instantiate while a blocking problem remains', () => {
    const check = checkTemplate(template(), [plain]);
    expect(() => instantiateTemplate(template(), check, 'd1', '2026-11-22T00:00:00.000Z')).toThrow(/cannot run yet/);
  });
});

describe('save a dashboard as a template', () => {
  const dashboard: Dashboard = {
    id: 'd1',
    name: 'My review',
    updatedAt: 'now',
    filters: { period: 'last_complete_month', compare: 'previous_period', values: [{ field: { source: 'deals', column: 'Owner' }, values: ['Ann'] }] },
    widgets: [
      {
        id: 'by-segment',
        title: 'By segment',
        chart: 'bar',
        layout: { x: 0, y: 0, w: 6, h: 6 },
        spec: {
          source: 'deals (enriched)',
          measures: [{ op: 'sum', column: 'Amount' }],
          dimensions: [{ column: 'accounts.Segment' }, { column: 'Region code' }],
          filters: [{ column: 'Stage', op: 'in', values: ['Won'] }],
        },
      },
      { id: 'history', title: 'History', chart: 'line', layout: { x: 6, y: 0, w: 6, h: 6 }, periodField: null, spec: { source: 'pipeline', snapshot: 'all', measures: [{ op: 'count' }], dimensions: [{ column: 'snapshot_date', grain: 'month' }] } },
      { id: 'gone', title: 'Gone', chart: 'kpi', layout: { x: 0, y: 6, w: 3, h: 3 }, spec: { source: 'old source', measures: [{ op: 'count' }] } },
    ],
  };
  const enriched: SourceFacts = { ...deals, columns: [...deals.columns, { name: 'Region code', type: 'VARCHAR', kind: 'text' }] };
  const pipeline: SourceFacts = { ...plain, name: 'pipeline', snapshots: 12, roles: { amount: 'Amount', stage: 'Stage' } };

  it('binds to roles and slots; a column without a role stays a column; selections become defaults', () => {
    const { template: t, skipped } = templateFromDashboard(dashboard, [enriched, pipeline], { id: 'tpl-1', name: 'Saved', description: 'd', now: '2026-11-22T00:00:00.000Z' });
    expect(skipped).toEqual(['gone']);
    expect(t.slots).toEqual([
      { id: 'deals', entity: 'deal', roles: ['amount', 'segment', 'stage'] },
      { id: 'pipeline', entity: 'deal', roles: [], history: true },
    ]);
    expect(t.dashboard.widgets[0]!.spec).toEqual({
      source: '$deals',
      measures: [{ op: 'sum', role: 'amount' }],
      dimensions: [{ role: 'segment' }, { column: 'Region code' }],
      filters: [{ role: 'stage', op: 'in', values: ['Won'] }],
    });
    expect(t.dashboard.widgets[1]!.spec.source).toBe('$pipeline');
    expect(t.parameters).toEqual({ period: 'last_complete_month', compare: 'previous_period', defaults: [{ role: 'owner', values: ['Ann'] }] });
    expect(t.stages).toEqual({ deals: deals.stages, pipeline: deals.stages });
    // A valid file, and it runs again on the data it came from.
    const read = readTemplateText(writeTemplateText(t));
    expect(read.ok || read.error).toBe(true);
    const check = checkTemplate(t, [enriched, pipeline]);
    expect(check.problems.filter(isBlocking)).toEqual([]);
    expect(check.binding.sources).toEqual({ deals: 'deals (enriched)', pipeline: 'pipeline' });
    // On data without that column, the check names it with a suggestion.
    const renamed = { ...enriched, columns: enriched.columns.map((c) => (c.name === 'Region code' ? { ...c, name: 'Region Code' } : c)) };
    const other = checkTemplate(t, [renamed, pipeline]);
    expect(other.problems).toContainEqual(expect.objectContaining({ kind: 'missing_column', column: 'Region code', suggestion: 'Region Code', widget: 'by-segment' }));
  });
});

describe('periods', () => {
  it('parses what --period accepts', () => {
    expect(parsePeriodChoice('last-month')).toEqual({ period: 'last_complete_month' });
    expect(parsePeriodChoice('last-quarter')).toEqual({ period: 'last_complete_quarter' });
    expect(parsePeriodChoice('2026-09')).toEqual({ period: 'custom', customPeriod: { from: '2026-09-01', to: '2026-10-01' } });
    expect(parsePeriodChoice('2026-12')).toEqual({ period: 'custom', customPeriod: { from: '2026-12-01', to: '2027-01-01' } });
    expect(parsePeriodChoice('2026-Q4')).toEqual({ period: 'custom', customPeriod: { from: '2026-10-01', to: '2027-01-01' } });
    expect(parsePeriodChoice('2026-01-15..2026-02-15')).toEqual({ period: 'custom', customPeriod: { from: '2026-01-15', to: '2026-02-15' } });
    for (const bad of ['2026-13', 'last-week', '2026-02-30..2026-03-01', '2026-03-01..2026-02-01', '']) expect(parsePeriodChoice(bad), bad).toBeNull();
  });

  it('resolves against the data\'s reference day, and names periods in a locale', () => {
    expect(resolveTemplatePeriod({ period: 'last_complete_month' }, '2026-11-01')).toEqual({ from: '2026-10-01', to: '2026-11-01' });
    expect(resolveTemplatePeriod({ period: 'last_complete_quarter' }, '2026-11-01')).toEqual({ from: '2026-07-01', to: '2026-10-01' });
    expect(resolveTemplatePeriod({ period: 'quarter_to_date' }, '2026-11-15')).toEqual({ from: '2026-10-01', to: '2026-11-16' });
    expect(reviewToday({ from: '2026-09-01', to: '2026-10-01' }, '2026-11-01')).toBe('2026-10-01');
    expect(reviewToday({ from: '2026-10-01', to: '2026-11-16' }, '2026-11-15')).toBe('2026-11-15');
    expect(previousRange({ from: '2026-10-01', to: '2026-11-01' })).toEqual({ from: '2026-09-01', to: '2026-10-01' });
    expect(monthOf('2021-05-20')).toEqual({ from: '2021-05-01', to: '2021-06-01' });
    expect(describePeriod({ from: '2026-10-01', to: '2026-11-01' }, 'en')).toBe('October 2026');
    expect(describePeriod({ from: '2026-10-01', to: '2026-11-01' }, 'fr')).toBe('octobre 2026');
    expect(describePeriod({ from: '2026-07-01', to: '2026-10-01' }, 'de', (q, y) => `Q${q} ${y}`)).toBe('Q3 2026');
    expect(describePeriod({ from: '2026-01-15', to: '2026-02-15' }, 'en')).toBe('Jan 15, 2026 – Feb 14, 2026');
  });
});

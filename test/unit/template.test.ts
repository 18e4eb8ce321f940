// Template files: reading (broken JSON located, wrong format, newer version refused), migration from
// every earlier version, and the check against a workspace's sources with each problem's fix data.
import { describe, expect, it } from 'vitest';
import { checkTemplate, instantiateTemplate, isBlocking, type SourceFacts } from '../../shared/template/check';
import { readTemplateText, writeTemplateText } from '../../shared/template/schema';
import { TEMPLATE_VERSION, type Template } from '../../shared/template/types';

const emptyBar = { period: null, values: [], compare: null };

function template(overrides: Partial<Template> = {}): Template {
  return {
    format: 'quarterdeck-template',
    version: 2,
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
    // The first "name" line of the file is its 6th line (format, version, id, name after "{").
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

  it('migrates a version 1 file', () => {
    const v1 = {
      format: 'quarterdeck-template',
      version: 1,
      id: 'old-one',
      name: 'Old review',
      description: 'first format',
      savedAt: '2025-01-05T09:00:00.000Z',
      period: 'last_complete_month',
      compare: null,
      roles: ['amount'],
      widgets: [{ id: 'a', title: 'Amount', chart: 'kpi', layout: { x: 0, y: 0, w: 3, h: 3 }, spec: { source: '$source', measures: [{ op: 'sum', role: 'amount' }] } }],
    };
    const r = readTemplateText(JSON.stringify(v1), 'old.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.version).toBe(TEMPLATE_VERSION);
    expect(r.value.slots).toEqual([{ id: 'deals', entity: 'deal', roles: ['amount'] }]);
    expect(r.value.dashboard.widgets[0]!.spec.source).toBe('$deals');
    expect(r.value.parameters).toEqual({ period: 'last_complete_month', compare: null, defaults: [] });
    expect(r.value.createdAt).toBe('2025-01-05T09:00:00.000Z');
  });
});

describe('checking a template against sources', () => {
  it('binds the deals slot to the enriched model and asks for the unknown stage', () => {
    const check = checkTemplate(template(), [plain, deals]);
    expect(check.binding.sources).toEqual({ deals: 'deals (enriched)' });
    const blocking = check.problems.filter(isBlocking);
    // Every role is mapped (win_rate reads its outcome from the stage column when there is no status).
    expect(blocking).toEqual([
      expect.objectContaining({ kind: 'unknown_stage', stage: 'Closed Won', suggestion: null, candidates: deals.stages }),
    ]);
    // New stage names in the data (Won, Lost) are reported, not blocking.
    expect(check.problems.filter((p) => p.kind === 'new_stage').map((p) => (p.kind === 'new_stage' ? p.stage : ''))).toEqual(['Won', 'Lost']);
  });

  it('reports a missing role with the columns that could take it, then runs once mapped', () => {
    const check = checkTemplate(template(), [plain], {});
    const missing = check.problems.filter((p) => p.kind === 'missing_role');
    expect(missing.map((p) => (p.kind === 'missing_role' ? p.role : ''))).toEqual(expect.arrayContaining(['closed_at', 'segment']));
    const closed = missing.find((p) => p.kind === 'missing_role' && p.role === 'closed_at');
    expect(closed && closed.kind === 'missing_role' ? closed.candidates.map((c) => c.column) : []).toEqual(['Close date', 'Created']);
  });

  it('instantiates with the stage mapping, the period and the default filters', () => {
    const check = checkTemplate(template(), [deals], { stageMap: { deals: { 'Closed Won': 'Won' } } });
    expect(check.problems.filter(isBlocking)).toEqual([]);
    const dashboard = instantiateTemplate(template(), check, 'd1', '2026-11-22T00:00:00.000Z');
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

// The same built-in templates on exports of other shapes, with no edit of the template: a Zoho
// export (English, "$22,700.00" amounts, other stage names), the Maven sales pipeline with its
// accounts, and a French Excel-style export (Windows-1252, ";", decimal commas, French stages).
// Each check names what stops it, with the fix data; the guided fixes (a column for a role, a stage
// mapping, leaving out widgets no column can feed, another period) make it run, and the role fixes
// are stored like the import's own choices. Then the library: import (any earlier version),
// corrupted files refused with the library intact, export, removal, save a dashboard as a template.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreApi } from '../../electron/core/api';
import type { Result } from '../../shared/api';
import { readArrow } from '../../shared/arrow/cells';
import { isBlocking } from '../../shared/template/check';
import type { TemplateProblem } from '../../shared/template/types';

const ROOT = resolve(import.meta.dirname, '../..');
const DATA = '/work/shared/data';
const ZOHO = join(DATA, 'zoho-crm-sample-export/Potentials.csv');
const MAVEN = join(DATA, 'maven-crm-sales-opportunities');
const FRENCH = join(ROOT, 'test/fixtures/e2e/affaires-fr.csv');
const TEMPLATES = join(ROOT, 'test/fixtures/templates');

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}${r.error.detail ? `\n${r.error.detail}` : ''}`);
  return r.value;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qd-tpl-shapes-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function workspace(name: string, files: string[]): Promise<CoreApi> {
  const core = await CoreApi.open(join(dir, `${name}.duckdb`));
  for (const f of files) must(await core.importFile({ file: { kind: 'path', path: f } }));
  for (const p of must(await core.proposeRelationships())) if (p.coverage >= 0.95) must(await core.setRelationship({ from: p.from, to: p.to }, true));
  return core;
}

const kinds = (problems: readonly TemplateProblem[]) =>
  problems.filter(isBlocking).map((p) => `${p.kind}:${p.kind === 'missing_role' ? p.role : p.kind === 'unknown_stage' ? p.stage : ''}`).sort();

describe('a template on exports of other shapes', () => {
  it('Zoho: the close date and the segment are asked for, then it runs on a period that holds data', async () => {
    const core = await workspace('zoho', [ZOHO]);
    try {
      const first = must(await core.checkTemplate({ id: 'monthly-business-review' }));
      expect(first.binding.sources).toEqual({ deals: 'Potentials' });
      expect(kinds(first.problems)).toEqual(['missing_role:closed_at', 'missing_role:segment']);
      const closed = first.problems.find((p) => p.kind === 'missing_role' && p.role === 'closed_at');
      expect(closed?.kind === 'missing_role' && closed.candidates.map((c) => c.column)).toEqual(['Created Time', 'Closing Date']);
      // New stage names are told, not blocking.
      expect(first.problems.filter((p) => p.kind === 'new_stage').length).toBeGreaterThan(0);
      const roles = { Potentials: { closed_at: 'Closing Date', segment: 'Amount Tier' } };
      // The reference day is the import's date: October 2026 holds nothing; the fix proposes the last month with data.
      const second = must(await core.checkTemplate({ id: 'monthly-business-review', roles }));
      const empty = second.problems.find((p) => p.kind === 'empty_period');
      expect(empty).toMatchObject({ kind: 'empty_period', source: 'Potentials', latest: expect.stringMatching(/^2021-/) });
      const suggestion = empty?.kind === 'empty_period' ? empty.suggestion! : null;
      expect(suggestion).not.toBeNull();
      // Nothing was stored by the checks.
      expect(must(await core.getWorkspace()).sources[0]!.roles.closed_at).toBeUndefined();
      const binding = { period: 'custom' as const, customPeriod: suggestion! };
      const dashboard = must(await core.applyTemplate({ id: 'monthly-business-review', roles, binding }));
      expect(dashboard.widgets.map((w) => w.spec.source)).toEqual(Array(dashboard.widgets.length).fill('Potentials'));
      // The role fixes are stored like the import's choices.
      expect(must(await core.getWorkspace()).sources[0]!.roles).toMatchObject({ closed_at: 'Closing Date', segment: 'Amount Tier' });
      const { review } = must(await core.createReview({ templateId: 'monthly-business-review', period: binding }));
      expect(review.widgets.filter((w) => w.error)).toEqual([]);
      const revenue = review.widgets.find((w) => w.widgetId === 'flash-revenue')!;
      expect(revenue.kpi!.figures.value).not.toBeNull();
    } finally {
      core.close();
    }
  });

  it('Zoho: the pipeline template maps its stages by meaning (Proposal → Proposal/Price Quote)', async () => {
    const core = await CoreApi.open(join(dir, 'zoho.duckdb'));
    try {
      const check = must(await core.checkTemplate({ id: 'pipeline-forecast' }));
      const stages = check.problems.filter((p) => p.kind === 'unknown_stage');
      expect(stages.map((p) => (p.kind === 'unknown_stage' ? `${p.stage}→${p.suggestion}` : ''))).toEqual(['Proposal→Proposal/Price Quote', 'Negotiation→Negotiation/Review']);
      const stageMap = { deals: { Proposal: 'Proposal/Price Quote', Negotiation: 'Negotiation/Review' } };
      const binding = { stageMap, period: 'custom' as const, customPeriod: { from: '2021-03-01', to: '2021-04-01' } };
      const after = must(await core.checkTemplate({ id: 'pipeline-forecast', binding }));
      expect(after.problems.filter(isBlocking)).toEqual([]);
      const dashboard = must(await core.applyTemplate({ id: 'pipeline-forecast', binding }));
      const late = dashboard.widgets.find((w) => w.id === 'late-stage')!;
      expect(late.spec.filters).toEqual([{ role: 'stage', op: 'in', values: ['Proposal/Price Quote', 'Negotiation/Review'] }]);
      const rows = readArrow(must(await core.runQuery({ spec: late.spec })).ipc).rows();
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      core.close();
    }
  });

  it('Maven: the segment from the joined accounts, the widgets nothing can feed left out', async () => {
    const core = await workspace('maven', [join(MAVEN, 'sales_pipeline.csv'), join(MAVEN, 'accounts.csv')]);
    try {
      const check = must(await core.checkTemplate({ id: 'monthly-business-review' }));
      expect(check.binding.sources).toEqual({ deals: 'sales_pipeline (enriched)' });
      expect(kinds(check.problems)).toEqual(['missing_role:lead_source', 'missing_role:probability', 'missing_role:segment']);
      const segment = check.problems.find((p) => p.kind === 'missing_role' && p.role === 'segment');
      expect(segment?.kind === 'missing_role' && segment.candidates.map((c) => c.column)).toContain('accounts.sector');
      const skip = check.problems.flatMap((p) => (p.kind === 'missing_role' && p.role !== 'segment' ? p.widgets : []));
      expect(skip.sort()).toEqual(['flash-weighted', 'lead-sources', 'pipeline-stage']);
      const binding = { skipWidgets: skip, period: 'custom' as const, customPeriod: { from: '2017-10-01', to: '2018-01-01' } };
      const roles = { 'sales_pipeline (enriched)': { segment: 'accounts.sector' } };
      const dashboard = must(await core.applyTemplate({ id: 'monthly-business-review', roles, binding }));
      expect(dashboard.widgets.map((w) => w.id)).not.toContain('lead-sources');
      // The segment was mapped on the accounts source, where the column lives.
      const accounts = must(await core.getWorkspace()).sources.find((s) => s.name === 'accounts')!;
      expect(accounts.roles.segment).toBe('sector');
      const { review } = must(await core.createReview({ templateId: 'monthly-business-review', period: { period: 'custom', customPeriod: binding.customPeriod }, binding: { skipWidgets: skip } }));
      expect(review.widgets.filter((w) => w.error)).toEqual([]);
      const bySegment = readArrow(review.widgets.find((w) => w.widgetId === 'segment-revenue')!.results[0]!.ipc).rows();
      expect(bySegment.map((r) => r.d0)).toContain('technolgy');
    } finally {
      core.close();
    }
  });

  it('a French export: French stages mapped, the expected close date read as the close date', async () => {
    const core = await workspace('fr', [FRENCH]);
    try {
      const check = must(await core.checkTemplate({ id: 'pipeline-forecast' }));
      expect(check.binding.sources).toEqual({ deals: 'affaires-fr' });
      const stages = check.problems.filter((p) => p.kind === 'unknown_stage');
      expect(stages.map((p) => (p.kind === 'unknown_stage' ? `${p.stage}→${p.suggestion}` : ''))).toEqual(['Proposal→Proposition', 'Negotiation→Négociation']);
      const stageMap = { deals: { Proposal: 'Proposition', Negotiation: 'Négociation' } };
      const roles = { 'affaires-fr': { closed_at: 'Date de clôture prévue' } };
      // The export is dated by its import (today): its data stops in September 2026.
      const blocked = must(await core.checkTemplate({ id: 'pipeline-forecast', binding: { stageMap }, roles }));
      expect(blocked.problems.filter(isBlocking)).toEqual([expect.objectContaining({ kind: 'empty_period', latest: '2026-09-26', suggestion: { from: '2026-09-01', to: '2026-10-01' } })]);
      const binding = { stageMap, period: 'custom' as const, customPeriod: { from: '2026-09-01', to: '2026-10-01' } };
      const dashboard = must(await core.applyTemplate({ id: 'pipeline-forecast', binding, roles, language: 'fr' }));
      expect(dashboard.name).toBe('Pipeline et prévisions');
      const late = dashboard.widgets.find((w) => w.id === 'late-stage')!;
      expect(late.title).toBe('Pipeline avancé (Proposition, Négociation) par commercial');
      const rows = readArrow(must(await core.runQuery({ spec: late.spec })).ipc).rows();
      // Open deals at Proposition or Négociation: 7 + 9 in the file.
      expect(rows.reduce((n, r) => n + Number(r.pipeline_value_deals), 0)).toBe(16);
    } finally {
      core.close();
    }
  });
});

describe('the template library', () => {
  let core: CoreApi;
  beforeAll(async () => {
    core = await CoreApi.open(join(dir, 'fr.duckdb'));
  });
  afterAll(() => core.close());

  it('lists the built-in templates first', async () => {
    const list = must(await core.listTemplates());
    expect(list.slice(0, 5).map((t) => `${t.id}:${t.origin}`)).toEqual([
      'monthly-business-review:builtin',
      'rep-performance-review:builtin',
      'pipeline-forecast:builtin',
      'marketing-sales-funnel:builtin',
      'crm-usage-data-quality:builtin',
    ]);
  });

  it('imports files of every earlier version, refuses corrupted ones and leaves the library intact', async () => {
    const before = must(await core.listTemplates());
    for (const bad of ['corrupted-truncated.json', 'corrupted-not-template.json', 'corrupted-bad-widget.json', 'newer-version.json']) {
      const r = await core.importTemplate(readFileSync(join(TEMPLATES, bad), 'utf8'), bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error.location?.file).toBe(bad);
    }
    expect(must(await core.listTemplates())).toEqual(before);
    const v1 = must(await core.importTemplate(readFileSync(join(TEMPLATES, 'v1-won-by-rep.json'), 'utf8'), 'v1-won-by-rep.json'));
    const v2 = must(await core.importTemplate(readFileSync(join(TEMPLATES, 'v2-pipeline-by-stage.json'), 'utf8'), 'v2-pipeline-by-stage.json'));
    expect([v1.origin, v1.version, v2.origin, v2.version]).toEqual(['imported', 3, 'imported', 3]);
    // Imported twice: a second template, not a replacement.
    const again = must(await core.importTemplate(readFileSync(join(TEMPLATES, 'v1-won-by-rep.json'), 'utf8'), 'v1-won-by-rep.json'));
    expect(again.id).toBe('won-by-rep-2');
    const after = must(await core.listTemplates());
    expect(after.map((t) => t.id)).toEqual([...before.map((t) => t.id), 'won-by-rep', 'pipeline-by-stage', 'won-by-rep-2']);
    // A migrated template runs: the version-2 one on the French export after its stage mapping.
    const check = must(await core.checkTemplate({ id: 'pipeline-by-stage', binding: { stageMap: { deals: { Proposal: 'Proposition', Negotiation: 'Négociation' } }, period: 'custom', customPeriod: { from: '2026-09-01', to: '2026-10-01' } } }));
    expect(check.problems.filter(isBlocking)).toEqual([]);
  });

  it('exports a template as a file that imports back the same', async () => {
    const file = must(await core.exportTemplate('monthly-business-review'));
    expect(file.fileName).toBe('monthly-business-model-review.qdt.json');
    const back = must(await core.importTemplate(file.text, file.fileName));
    expect(back).toMatchObject({ id: 'monthly-business-review-2', origin: 'imported', name: 'Monthly business-model review' });
    expect(back.dashboard).toEqual(must(await core.listTemplates()).find((t) => t.id === 'monthly-business-review')!.dashboard);
  });

  it('saves a dashboard as a template bound to roles, and removes templates but not built-in ones', async () => {
    const binding = { stageMap: { deals: { Proposal: 'Proposition', Negotiation: 'Négociation' } }, period: 'custom' as const, customPeriod: { from: '2026-09-01', to: '2026-10-01' } };
    const dashboard = must(await core.applyTemplate({ id: 'pipeline-forecast', binding, roles: { 'affaires-fr': { closed_at: 'Date de clôture prévue' } } }));
    const saved = must(await core.saveDashboardAsTemplate({ dashboardId: dashboard.id, name: 'Notre pipeline', description: 'Le pipeline du lundi' }));
    expect(saved.origin).toBe('personal');
    expect(saved.dashboard.widgets.every((w) => w.spec.source === '$deals')).toBe(true);
    // The stage names it was saved with are the French ones: they become the template's.
    expect(saved.stages?.deals).toContain('Négociation');
    const late = saved.dashboard.widgets.find((w) => w.id === 'late-stage')!;
    expect(late.spec.filters).toEqual([{ role: 'stage', op: 'in', values: ['Proposition', 'Négociation'] }]);
    expect(must(await core.checkTemplate({ id: saved.id, binding: { period: 'custom', customPeriod: { from: '2026-09-01', to: '2026-10-01' } } })).problems.filter(isBlocking)).toEqual([]);
    const builtin = await core.removeTemplate('monthly-business-review');
    expect(builtin.ok || builtin.error.message).toContain('built-in');
    const left = must(await core.removeTemplate(saved.id));
    expect(left.some((t) => t.id === saved.id)).toBe(false);
  });
});

// The built-in templates (resources/templates) on the demo workspace as the app builds it: each one
// loads through the file parser, binds every slot without a question, and every widget of the
// dashboard it becomes runs — the figures checked against DuckDB on the same data.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreApi } from '../../electron/core/api';
import { ensureDemo } from '../../electron/core/demo';
import { builtinTemplates } from '../../electron/core/template/builtin';
import { readArrow } from '../../shared/arrow/cells';
import { kpiTileSpec, readKpiTile, widgetQuerySpec } from '../../shared/dashboard/apply';
import { isBlocking } from '../../shared/template/check';
import { readFileSync, readdirSync } from 'node:fs';
import { readTemplateText } from '../../shared/template/schema';
import { BUILTIN_TEMPLATE_KEYS } from '../../shared/template/builtin-keys';
import { messagesFor } from '../../shared/i18n';
import type { Result } from '../../shared/api';

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLES = join(ROOT, 'resources/samples');

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}${r.error.detail ? `\n${r.error.detail}` : ''}`);
  return r.value;
}

let dir: string;
let core: CoreApi;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qd-tpl-builtin-'));
  core = await CoreApi.open(join(dir, 'demo.duckdb'));
  must(await ensureDemo(core, SAMPLES));
});

afterAll(async () => {
  core?.close();
  await rm(dir, { recursive: true, force: true });
});

async function scalar(sql: string): Promise<number> {
  const conn = await core.workspace.connect();
  try {
    return Number(Object.values((await conn.runAndReadAll(sql)).getRowObjectsJS()[0] ?? {})[0]);
  } finally {
    conn.closeSync();
  }
}

describe('built-in templates', () => {
  it('are the files of resources/templates, each a valid current-version template with translated names', () => {
    const files = readdirSync(join(ROOT, 'resources/templates')).filter((f) => f.endsWith('.json')).sort();
    const templates = builtinTemplates();
    expect(templates.map((t) => `${t.id}.json`).sort()).toEqual(files);
    const keys = new Set<string>();
    for (const f of files) {
      const read = readTemplateText(readFileSync(join(ROOT, 'resources/templates', f), 'utf8'), f);
      expect(read.ok, f).toBe(true);
      if (!read.ok) continue;
      expect(read.value.origin).toBe('builtin');
      for (const k of [read.value.nameKey, read.value.descriptionKey, ...Object.values(read.value.titleKeys ?? {})]) if (k) keys.add(k);
      // Every widget's title is translatable.
      expect(Object.keys(read.value.titleKeys ?? {}).sort()).toEqual(read.value.dashboard.widgets.map((w) => w.id).sort());
    }
    // The keys the files use are the ones the code lists, and every language has them.
    expect([...keys].sort()).toEqual([...BUILTIN_TEMPLATE_KEYS].sort());
    for (const lang of ['en', 'fr', 'nl', 'de'] as const) for (const k of keys) expect(messagesFor(lang)[k], `${lang} ${k}`).toBeTruthy();
  });

  for (const template of builtinTemplates()) {
    it(`"${template.name}" binds and runs on the demo`, async () => {
      const report = must(await core.checkTemplate({ id: template.id }));
      expect(report.problems.filter(isBlocking)).toEqual([]);
      expect(report.referenceDay).toBe('2026-11-01');
      expect(report.period).toEqual(template.parameters.period === 'last_complete_month' ? { from: '2026-10-01', to: '2026-11-01' } : expect.anything());
      // Deals go to the enriched deals (segments), history slots to the monthly pipeline exports.
      expect(report.binding.sources.deals).toBe('deals (enriched)');
      if (template.slots.some((s) => s.id === 'pipeline')) expect(report.binding.sources.pipeline).toBe('pipeline');
      if (template.slots.some((s) => s.id === 'activities')) expect(report.binding.sources.activities).toBe('activities (enriched)');
      if (template.slots.some((s) => s.id === 'costs')) expect(report.binding.sources.costs).toBe('costs');
      expect(report.skippedWidgets).toEqual([]);

      const dashboard = must(await core.applyTemplate({ id: template.id, language: 'fr' }));
      expect(dashboard.widgets).toHaveLength(template.dashboard.widgets.length);
      // Titles follow the language asked for.
      expect(dashboard.widgets[0]!.title).not.toBe(template.dashboard.widgets[0]!.title);
      const ws = must(await core.getWorkspace());
      for (const w of dashboard.widgets) {
        const source = ws.sources.find((s) => s.name === w.spec.source)!;
        const specs = w.chart === 'kpi' ? kpiTileSpec(w, dashboard.filters, [], source, { today: '2026-11-01' }).specs : [widgetQuerySpec(w, dashboard.filters, [], source).spec];
        for (const spec of specs) {
          const r = await core.runQuery({ spec: { ...spec, today: '2026-11-01' } });
          expect(r.ok, `${template.id}/${w.id}: ${r.ok ? '' : r.error.message}`).toBe(true);
          if (r.ok && w.chart !== 'kpi' && w.spec.source !== 'costs') expect(r.value.rowCount, `${template.id}/${w.id}`).toBeGreaterThan(0);
        }
      }
    });
  }

  it('the monthly review\'s revenue tile is the revenue won in October 2026, against September', async () => {
    const template = builtinTemplates().find((t) => t.id === 'monthly-business-review')!;
    const dashboard = must(await core.applyTemplate({ id: template.id }));
    const ws = must(await core.getWorkspace());
    const w = dashboard.widgets.find((x) => x.id === 'flash-revenue')!;
    const source = ws.sources.find((s) => s.name === w.spec.source)!;
    const q = kpiTileSpec(w, dashboard.filters, [], source, { today: '2026-11-01' });
    const rows = [];
    for (const spec of q.specs) rows.push(readArrow(must(await core.runQuery({ spec })).ipc).rows());
    const figures = readKpiTile(q, rows);
    const table = (await core.workspace.findSource('deals'))!.table;
    const oct = await scalar(`SELECT sum(amount) FROM "${table}" WHERE status = 'Won' AND closed_at >= DATE '2026-10-01' AND closed_at < DATE '2026-11-01'`);
    const sep = await scalar(`SELECT sum(amount) FROM "${table}" WHERE status = 'Won' AND closed_at >= DATE '2026-09-01' AND closed_at < DATE '2026-10-01'`);
    expect(figures.value).toBeCloseTo(oct, 2);
    expect(figures.previous).toBeCloseTo(sep, 2);
  });
});

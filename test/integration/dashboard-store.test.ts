// Dashboards and workspace settings through CoreApi on a workspace file: saved, ordered, replaced,
// removed, checked, kept across a reopen of the file; a widget whose source vanished (or whose
// stored spec no longer passes the schema) does not make its dashboard unloadable; a workspace
// written before these tables existed gets them when opened.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreApi } from '../../electron/core/api';
import type { Dashboard, Widget } from '../../shared/dashboard/types';
import { DEFAULT_SETTINGS } from '../../shared/dashboard/types';
import { must } from '../helpers/workspace';

const widget = (id: string, source: string, extra: Partial<Widget> = {}): Widget => ({
  id,
  title: `Widget ${id}`,
  chart: 'bar',
  spec: { source, measures: [{ id: 'total', op: 'sum', column: 'amount' }], dimensions: [{ id: 'region', column: 'region' }] },
  layout: { x: 0, y: 0, w: 6, h: 4 },
  ...extra,
});

const dashboard = (id: string, name: string, widgets: Widget[]): Dashboard => ({
  id,
  name,
  widgets,
  filters: { period: null, values: [{ field: { role: 'owner' }, values: ['Ann'] }], compare: null },
  updatedAt: '',
});

describe('dashboards and settings in the workspace file', () => {
  let dir: string;
  let path: string;
  let core: CoreApi;

  const importCsv = async (name: string, text: string) => {
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, text);
    must(await core.importFile({ file: { kind: 'path', path: file }, sourceName: name, snapshotDate: '2026-01-01' }));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quarterdeck-dash-'));
    path = join(dir, 'workspace.duckdb');
    core = await CoreApi.open(path);
    await importCsv('sales', 'id,region,rep,amount\n1,North,Ann,10\n2,South,Bob,20\n3,North,Bob,5\n');
    await importCsv('old', 'id,region,amount\n1,East,3\n');
  });
  afterAll(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with no dashboards and the default settings', async () => {
    expect(must(await core.listDashboards())).toEqual([]);
    expect(must(await core.getSettings())).toEqual(DEFAULT_SETTINGS);
  });

  it('saves dashboards as tabs in order, replaces in place, reorders and removes', async () => {
    const a = must(await core.saveDashboard(dashboard('a', 'Sales', [widget('w1', 'sales')])));
    expect(a.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(a.widgets[0]!.spec).toEqual(widget('w1', 'sales').spec);
    must(await core.saveDashboard(dashboard('b', 'Pipeline', [])));
    must(await core.saveDashboard(dashboard('c', 'Reps', [])));
    expect(must(await core.listDashboards()).map((d) => d.id)).toEqual(['a', 'b', 'c']);

    // Replacing keeps the tab where it was.
    const renamed = must(await core.saveDashboard({ ...a, name: 'Sales 2026', widgets: [...a.widgets, widget('w2', 'sales', { chart: 'pie' })] }));
    const list = must(await core.listDashboards());
    expect(list.map((d) => [d.id, d.name, d.widgets.length])).toEqual([['a', 'Sales 2026', 2], ['b', 'Pipeline', 0], ['c', 'Reps', 0]]);
    expect(list[0]).toEqual(renamed);

    expect(must(await core.reorderDashboards(['c', 'a'])).map((d) => d.id)).toEqual(['c', 'a', 'b']);
    const unknown = await core.reorderDashboards(['a', 'zzz']);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('NOT_FOUND');
    expect(must(await core.listDashboards()).map((d) => d.id)).toEqual(['c', 'a', 'b']);

    expect(must(await core.removeDashboard('c')).map((d) => d.id)).toEqual(['a', 'b']);
    expect((await core.removeDashboard('c')).ok).toBe(false);
    // A new dashboard goes last.
    must(await core.saveDashboard(dashboard('d', 'New', [])));
    expect(must(await core.listDashboards()).map((d) => d.id)).toEqual(['a', 'b', 'd']);
  });

  it('refuses a malformed document, naming the field', async () => {
    const badSpec = await core.saveDashboard(
      dashboard('x', 'Bad', [widget('w1', 'sales'), { ...widget('w2', 'sales'), spec: { source: 'sales', measures: [{ op: 'nope' }] } } as unknown as Widget]),
    );
    expect(badSpec.ok).toBe(false);
    if (!badSpec.ok) expect(badSpec.error.location?.field).toBe('widgets.1.spec.measures.0.op');

    const dup = await core.saveDashboard(dashboard('x', 'Dup', [widget('w1', 'sales'), widget('w1', 'sales')]));
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.location?.field).toBe('widgets.1.id');

    const noSource = await core.saveDashboard(dashboard('x', 'Ghost', [widget('w1', 'ghosts')]));
    expect(noSource.ok).toBe(false);
    if (!noSource.ok) {
      expect(noSource.error.code).toBe('NOT_FOUND');
      expect(noSource.error.location?.field).toBe('widgets.0.spec.source');
    }

    const noColumn = await core.saveDashboard(
      dashboard('x', 'Typo', [{ ...widget('w1', 'sales'), spec: { source: 'sales', measures: [{ op: 'sum', column: 'amout' }] } }]),
    );
    expect(noColumn.ok).toBe(false);
    if (!noColumn.ok) expect(noColumn.error.location?.field).toMatch(/^widgets\.0\.spec\.measures\.0/);

    const tooMany = await core.saveDashboard(dashboard('x', 'Big', Array.from({ length: 101 }, (_, i) => widget(`w${i}`, 'sales'))));
    expect(tooMany.ok).toBe(false);
    const longName = await core.saveDashboard(dashboard('x', 'n'.repeat(201), []));
    expect(longName.ok).toBe(false);
    const badId = await core.saveDashboard(dashboard('a b', 'Spaces', []));
    expect(badId.ok).toBe(false);
    expect(must(await core.listDashboards()).map((d) => d.id)).toEqual(['a', 'b', 'd']);
  });

  it('keeps a widget whose source vanished: the dashboard loads and saves, the widget reports its error', async () => {
    must(await core.saveDashboard(dashboard('v', 'Vanishing', [widget('keep', 'sales'), widget('gone', 'old')])));
    must(await core.removeSource('old'));
    const loaded = must(await core.listDashboards()).find((d) => d.id === 'v')!;
    expect(loaded.widgets.map((w) => w.id)).toEqual(['keep', 'gone']);
    // Saved again unchanged (a move, a rename): accepted.
    const moved = must(
      await core.saveDashboard({ ...loaded, name: 'Vanishing (moved)', widgets: loaded.widgets.map((w) => ({ ...w, layout: { ...w.layout, y: 4 } })) }),
    );
    expect(moved.widgets[1]!.spec.source).toBe('old');
    // Changing the broken widget's spec is checked again.
    const changed = await core.saveDashboard({ ...moved, widgets: [moved.widgets[0]!, { ...moved.widgets[1]!, spec: { ...moved.widgets[1]!.spec, limit: 5 } }] });
    expect(changed.ok).toBe(false);
    // Its query names the missing source; the other widget runs.
    const broken = await core.runQuery({ spec: loaded.widgets[1]!.spec });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error.code).toBe('NOT_FOUND');
    expect((await core.runQuery({ spec: loaded.widgets[0]!.spec })).ok).toBe(true);
    // A copy of the dashboard (duplicate tab) saves too: its broken widget is a copy, not a new spec.
    const copy = must(await core.saveDashboard({ ...moved, id: 'v2', name: 'Vanishing (copy)' }));
    expect(copy.widgets.map((w) => w.spec.source)).toEqual(['sales', 'old']);
    // But a new widget naming the vanished source is still refused.
    const fresh = await core.saveDashboard({ ...copy, widgets: [...copy.widgets, { ...widget('new', 'old'), spec: { ...widget('new', 'old').spec, limit: 7 } }] });
    expect(fresh.ok).toBe(false);
    must(await core.removeDashboard('v2'));
  });

  it('concurrent saves (an autosave burst) beside an import: each lands, tabs in call order', async () => {
    const file = join(dir, 'more.csv');
    writeFileSync(file, 'id,region,amount\n1,West,8\n');
    const ids = Array.from({ length: 12 }, (_, i) => `burst${i}`);
    const [imported, ...saved] = await Promise.all([
      core.importFile({ file: { kind: 'path', path: file }, sourceName: 'more', snapshotDate: '2026-02-01' }),
      ...ids.map((id) => core.saveDashboard(dashboard(id, id, [widget('w', 'sales')]))),
    ]);
    expect(imported!.ok).toBe(true);
    for (const r of saved) expect(r.ok).toBe(true);
    const list = must(await core.listDashboards()).map((d) => d.id);
    expect(list.slice(-ids.length)).toEqual(ids);
    // Two autosaves of one dashboard: the later one stays, though its widget check is quicker.
    const heavy = dashboard('burst0', 'earlier', Array.from({ length: 30 }, (_, i) => widget(`h${i}`, 'sales')));
    const [first, second] = await Promise.all([core.saveDashboard(heavy), core.saveDashboard(dashboard('burst0', 'later', []))]);
    expect(first!.ok && second!.ok).toBe(true);
    expect(must(await core.listDashboards()).find((d) => d.id === 'burst0')!.name).toBe('later');
    for (const id of ids) must(await core.removeDashboard(id));
    must(await core.removeSource('more'));
  });

  it('saves settings, partially, and refuses unknown values', async () => {
    expect(must(await core.saveSettings({ locale: 'fr-FR', currency: 'EUR' }))).toEqual({ locale: 'fr-FR', currency: 'EUR', theme: 'light' });
    expect(must(await core.saveSettings({ theme: 'dark' }))).toEqual({ locale: 'fr-FR', currency: 'EUR', theme: 'dark' });
    const bad = await core.saveSettings({ currency: 'XYZ' } as unknown as { currency: 'EUR' });
    expect(bad.ok).toBe(false);
    expect(must(await core.getSettings())).toEqual({ locale: 'fr-FR', currency: 'EUR', theme: 'dark' });
  });

  it('keeps everything across a reopen of the workspace file', async () => {
    const before = must(await core.listDashboards());
    core.close();
    core = await CoreApi.open(path);
    expect(must(await core.listDashboards())).toEqual(before);
    expect(must(await core.getSettings())).toEqual({ locale: 'fr-FR', currency: 'EUR', theme: 'dark' });
  });

  it('a stored widget spec that no longer passes the schema, or a document of a newer format, does not block the others', async () => {
    core.close();
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    // As another version (or a hand edit) could have left them.
    await conn.run(
      `UPDATE _qd_dashboards SET document = CAST(json_merge_patch(document, '{"widgets":[{"id":"odd","title":"Odd","chart":"table","layout":{"x":0,"y":0,"w":4,"h":3},"spec":{"source":"sales","measures":[{"op":"mode","column":"amount"}]}}]}') AS JSON) WHERE id = 'b'`,
    );
    await conn.run(`INSERT INTO _qd_dashboards VALUES ('future', 99, 99, '{"id":"future"}', now()::TIMESTAMP)`);
    conn.closeSync();
    instance.closeSync();
    core = await CoreApi.open(path);
    const list = must(await core.listDashboards());
    expect(list.map((d) => d.id)).toEqual(['a', 'b', 'd', 'v']);
    const odd = list[1]!.widgets[0]!;
    expect(odd.id).toBe('odd');
    const run = await core.runQuery({ spec: odd.spec });
    expect(run.ok).toBe(false);
    if (!run.ok) expect(run.error.location?.field).toBe('measures.0.op');
    // The dashboard is saved again as it is; fixing the widget is checked.
    must(await core.saveDashboard({ ...list[1]!, name: 'Pipeline again' }));
    must(await core.saveDashboard({ ...list[1]!, widgets: [{ ...odd, spec: { source: 'sales', measures: [{ op: 'max', column: 'amount' }] } }] }));
  });
});

describe('a workspace written before dashboards existed', () => {
  it('gets the dashboard and settings tables when opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarterdeck-dash-v2-'));
    try {
      const path = join(dir, 'old.duckdb');
      // A catalog-version-2 workspace as the previous release wrote it: no _qd_dashboards, no _qd_settings.
      const first = await CoreApi.open(path);
      first.close();
      const instance = await DuckDBInstance.create(path);
      const conn = await instance.connect();
      await conn.run('DROP TABLE _qd_dashboards');
      await conn.run('DROP TABLE _qd_settings');
      const version = (await conn.runAndReadAll(`SELECT value FROM _qd_meta WHERE key = 'catalog_version'`)).getRowObjectsJS()[0]?.value;
      expect(version).toBe('2');
      conn.closeSync();
      instance.closeSync();

      const core = await CoreApi.open(path);
      try {
        expect(must(await core.listDashboards())).toEqual([]);
        expect(must(await core.getSettings())).toEqual(DEFAULT_SETTINGS);
        must(await core.saveDashboard(dashboard('first', 'First', [])));
        must(await core.saveSettings({ currency: 'USD' }));
      } finally {
        core.close();
      }
      const again = await CoreApi.open(path);
      try {
        expect(must(await again.listDashboards()).map((d) => d.name)).toEqual(['First']);
        expect(must(await again.getSettings()).currency).toBe('USD');
      } finally {
        again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Managing dashboards in a real browser on the demo workspace: tabs (add, rename, duplicate,
// reorder, remove with confirmation), the ten-indicator hint, a widget whose column vanished (its
// error names the column, the others still work), a filter that does not apply to a widget, the
// widget menu (rename, duplicate, remove) with undo/redo, the rows behind a widget exported as CSV,
// and the dashboards in French. Everything is checked in the workspace through the core.
// Run `npx electron-vite build --outDir $PWD/out-shell` first, then QD_OUT_DIR=out-shell.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, Widget } from '../../shared/dashboard/types';
import type { AnalysisSpec } from '../../shared/spec/types';
import { startApp, type App, type PageElement } from './harness';

let app: App;
let page: Page;

const DEALS_SPECS: [string, Widget['chart'], AnalysisSpec][] = [
  ['Deals by stage', 'bar', { source: 'deals', measures: [{ op: 'count' }], dimensions: [{ role: 'stage' }] }],
  ['Amount by owner', 'bar', { source: 'deals', measures: [{ op: 'sum', role: 'amount' }], dimensions: [{ role: 'owner' }] }],
  ['Deals created per month', 'line', { source: 'deals', measures: [{ op: 'count' }], dimensions: [{ role: 'created_at', grain: 'month' }] }],
  ['Deals by lead source', 'pie', { source: 'deals', measures: [{ op: 'count' }], dimensions: [{ role: 'lead_source' }] }],
  ['Amount by pipeline', 'column', { source: 'deals', measures: [{ op: 'sum', role: 'amount' }], dimensions: [{ role: 'pipeline' }] }],
  ['Deals by status', 'donut', { source: 'deals', measures: [{ op: 'count' }], dimensions: [{ role: 'status' }] }],
  ['Amount by team', 'bar', { source: 'deals', measures: [{ op: 'sum', role: 'amount' }], dimensions: [{ role: 'team' }] }],
  ['Mean amount by product', 'bar', { source: 'deals', measures: [{ op: 'avg', role: 'amount' }], dimensions: [{ role: 'product' }] }],
  ['Targets by owner', 'bar', { source: 'targets', measures: [{ op: 'sum', role: 'target_amount' }], dimensions: [{ role: 'owner' }] }],
  ['Spend by channel', 'bar', { source: 'costs', measures: [{ op: 'sum', column: 'cost_amount' }], dimensions: [{ column: 'channel' }] }],
  ['Deals', 'kpi', { source: 'deals', measures: [{ op: 'count' }] }],
];

function dashboard(): Dashboard {
  const widgets: Widget[] = DEALS_SPECS.map(([title, chart, spec], i) => ({
    id: `w${i}`,
    title,
    chart,
    spec,
    layout: { x: (i % 3) * 4, y: Math.floor(i / 3) * 7, w: 4, h: 7 },
  }));
  return {
    id: 'd-pipeline',
    name: 'Pipeline',
    widgets,
    filters: { period: null, values: [{ field: { role: 'team' }, values: ['Enterprise'] }], compare: null },
    updatedAt: new Date().toISOString(),
  };
}

const widget = (title: string) => `[data-testid="widget"][data-title="${title}"]`;
type Doc = { querySelectorAll(s: string): ArrayLike<PageElement> };

/** Every widget (`count` of them, when given) has its data or its error. */
async function settled(count?: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const all = Array.from((globalThis as unknown as { document: Doc }).document.querySelectorAll('[data-testid="widget"]'));
      return all.length > 0 && (n === null || all.length === n) && all.every((w) => w.getAttribute('data-state') !== 'loading');
    },
    count ?? null,
    { timeout: 30_000 },
  );
}

async function widgetCount(): Promise<number> {
  return page.$$eval('[data-testid="widget"]', (ws) => ws.length);
}

async function saved(): Promise<void> {
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 15_000 });
}

async function stored(): Promise<Dashboard[]> {
  const r = await app.core.listDashboards();
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function tabNames(): Promise<string[]> {
  return page.$$eval('[data-testid="dashboard-tabs"] [role="tab"], [data-testid="dashboard-tabs"] .rename-input', (ts) =>
    ts.map((t) => (t as unknown as PageElement).textContent ?? ''),
  );
}

async function widgetMenu(title: string, item: string): Promise<void> {
  await page.click(`${widget(title)} [data-testid="widget-menu"]`);
  await page.click(`${widget(title)} [data-testid="menu-item-${item}"]`);
}

beforeAll(async () => {
  app = await startApp({ viewport: { width: 1440, height: 960 } });
  page = app.page;
  const r = await app.core.saveDashboard(dashboard());
  if (!r.ok) throw new Error(r.error.message);
  // The costs export comes back without its cost_amount column: the widget reading it breaks.
  const removed = await app.core.removeSource('costs');
  if (!removed.ok) throw new Error(removed.error.message);
  const csv = join(app.dir, 'costs.csv');
  await writeFile(csv, 'month,channel,note\n2026-09,Website,paused\n2026-10,Events,booked\n');
  const imported = await app.core.importFile({ file: { kind: 'path', path: csv }, sourceName: 'costs' });
  if (!imported.ok) throw new Error(imported.error.message);
});

afterAll(async () => {
  await app?.close();
});

describe('managing dashboards', () => {
  it('shows every widget; the one whose column vanished names it, the others still work', async () => {
    await page.click('[data-testid="nav-dashboards"]');
    await settled(DEALS_SPECS.length);
    expect(await page.getAttribute(widget('Spend by channel'), 'data-state')).toBe('error');
    expect(await page.textContent(`${widget('Spend by channel')} [data-testid="widget-error"]`)).toContain('cost_amount');
    const states = await page.$$eval('[data-testid="widget"]', (ws) => ws.map((w) => (w as unknown as PageElement).getAttribute('data-state')));
    expect(states.filter((s) => s === 'ready')).toHaveLength(DEALS_SPECS.length - 1);
  });

  it('says when a filter does not apply to a widget, and hints past ten indicators', async () => {
    const na = await page.$(`${widget('Targets by owner')} [data-testid="widget-not-applicable"]`);
    expect(na).not.toBeNull();
    expect(await na!.getAttribute('title')).toMatch(/Team: .*no such field/);
    expect(await page.$(`${widget('Deals by stage')} [data-testid="widget-not-applicable"]`)).toBeNull();
    expect(await page.textContent('[data-testid="indicator-hint"]')).toContain('at most 10 indicators');
    await page.waitForTimeout(600);
    await app.shot('dashboard-manage.png');
  });

  it('renames, duplicates and removes a widget from its menu, undone and redone from the keyboard', async () => {
    await widgetMenu('Deals by stage', 'rename');
    await page.fill('[data-testid="widget-rename-input"]', 'Deals per stage');
    await page.keyboard.press('Enter');
    await page.waitForSelector(widget('Deals per stage'));
    await widgetMenu('Deals per stage', 'duplicate');
    await page.waitForSelector(widget('Deals per stage (copy)'));
    await widgetMenu('Amount by owner', 'remove');
    await page.waitForSelector(widget('Amount by owner'), { state: 'detached' });
    await saved();
    let d = (await stored()).find((x) => x.id === 'd-pipeline')!;
    expect(d.widgets.map((w) => w.title)).toContain('Deals per stage (copy)');
    expect(d.widgets.map((w) => w.title)).not.toContain('Amount by owner');

    await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur(): void } | null } }).document.activeElement?.blur());
    expect(await page.getAttribute('[data-testid="dashboard-toolbar"]', 'data-undo')).toBe('3');
    await page.keyboard.press('Control+z');
    await page.waitForSelector(widget('Amount by owner'));
    await page.keyboard.press('Control+z');
    await page.waitForSelector(widget('Deals per stage (copy)'), { state: 'detached' });
    await page.keyboard.press('Control+y');
    await page.waitForSelector(widget('Deals per stage (copy)'));
    await saved();
    d = (await stored()).find((x) => x.id === 'd-pipeline')!;
    expect(d.widgets.map((w) => w.title)).toEqual(expect.arrayContaining(['Deals per stage', 'Deals per stage (copy)', 'Amount by owner']));
  });

  it('moves a widget by its header and resizes it from its corner, each one undoable step', async () => {
    const layoutOf = async (title: string) => (await stored()).find((x) => x.id === 'd-pipeline')!.widgets.find((w) => w.title === title)!.layout;
    const start = await layoutOf('Deals created per month');
    const head = (await page.$(`${widget('Deals created per month')} .widget-head`))!;
    const h = (await head.boundingBox())!;
    // Two columns of widgets to the left, along the top row.
    await page.mouse.move(h.x + 60, h.y + h.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(h.x + 60 - i * 75, h.y + h.height / 2);
    await page.mouse.up();
    await expect.poll(async () => (await layoutOf('Deals created per month')).x, { timeout: 10_000 }).toBeLessThan(start.x);
    await saved();
    const moved = await layoutOf('Deals created per month');
    expect([moved.w, moved.h]).toEqual([start.w, start.h]);

    const corner = (await page.$(`.react-grid-item:has(${widget('Deals by lead source')}) .react-resizable-handle-se`))!;
    const before = await layoutOf('Deals by lead source');
    await page.$eval(`${widget('Deals by lead source')}`, (el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'center' }));
    await corner.hover();
    const c = (await corner.boundingBox())!;
    await page.mouse.move(c.x + c.width / 2, c.y + c.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(c.x + c.width / 2 + i * 25, c.y + c.height / 2 + i * 15);
    await page.mouse.up();
    await expect.poll(async () => (await layoutOf('Deals by lead source')).w, { timeout: 10_000 }).toBeGreaterThan(before.w);
    await saved();
    const resized = await layoutOf('Deals by lead source');
    expect(resized.w).toBeGreaterThan(before.w);
    expect(resized.h).toBeGreaterThan(before.h);

    await page.click('[data-testid="undo"]');
    await expect.poll(() => layoutOf('Deals by lead source'), { timeout: 10_000 }).toEqual(before);
    await page.click('[data-testid="undo"]');
    await expect.poll(() => layoutOf('Deals created per month'), { timeout: 10_000 }).toEqual(start);
    await page.click('[data-testid="redo"]');
    await page.click('[data-testid="redo"]');
    await expect.poll(() => layoutOf('Deals by lead source'), { timeout: 10_000 }).toEqual(resized);
    await saved();
  });

  it('exports the rows behind a widget as CSV from the drill panel', async () => {
    await widgetMenu('Amount by team', 'rows');
    await page.waitForSelector('[data-testid="drill-panel"][data-state="ready"]');
    const total = Number(await page.getAttribute('[data-testid="drill-count"]', 'data-count'));
    const table = await app.tableOf('deals');
    const [n] = await app.sql(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE team = 'Enterprise'`);
    expect(total).toBe(Number(n!.n));
    // Sorted by amount, largest first: the first row holds the largest amount.
    await page.click('[data-testid="drill-sort-amount"]');
    await page.click('[data-testid="drill-sort-amount"]');
    await page.waitForSelector('[data-testid="drill-sort-amount"]:has-text("↓")');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="drill-export-csv"]')]);
    const lines = (await readFile((await (download as Download).path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(total + 1);
    const header = lines[0]!.split(',');
    const amount = header.indexOf('amount');
    const [max] = await app.sql(`SELECT max(amount)::DOUBLE AS m FROM ${table} WHERE team = 'Enterprise'`);
    expect(Number(lines[1]!.split(',')[amount])).toBeCloseTo(Number(max!.m), 2);
    expect(await page.textContent('[data-testid="drill-export-note"]')).toContain(`${total.toLocaleString('en-US')} rows exported`);
    await page.click('[data-testid="drill-close"]');
  });

  it('edits a widget in the widget editor from its menu: the same widget, changed', async () => {
    const count = await widgetCount();
    await widgetMenu('Mean amount by product', 'edit');
    await page.waitForSelector('[data-testid="widget-editor"]');
    expect(await page.inputValue('[data-testid="widget-title"]')).toBe('Mean amount by product');
    await page.click('[data-testid="chart-kind-column"]');
    await page.click('[data-testid="widget-save"]');
    await page.waitForSelector('[data-testid="widget-editor"]', { state: 'detached' });
    await page.waitForSelector(`${widget('Mean amount by product')}[data-chart="column"][data-state="ready"]`);
    expect(await widgetCount()).toBe(count);
    await saved();
    const w = (await stored()).find((x) => x.id === 'd-pipeline')!.widgets.find((x) => x.title === 'Mean amount by product')!;
    expect([w.id, w.chart]).toEqual(['w7', 'column']);
  });

  it('adds, renames, duplicates, reorders and removes dashboards in tabs', async () => {
    await page.click('[data-testid="dashboard-add"]');
    await page.waitForSelector('[data-testid="dashboard-empty"]');
    // Rename from the tab's menu, with the keyboard.
    await page.focus('[data-testid="dashboard-tab-menu"]');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.fill('[data-testid="rename-input"]', 'Forecast review');
    await page.keyboard.press('Enter');
    expect(await tabNames()).toEqual(['Pipeline', 'Forecast review']);

    await page.click('[data-testid="dashboard-tab-0"] [role="tab"]');
    await settled();
    // The broken widget goes first: a copy's widgets must all resolve to be saved.
    const before = await widgetCount();
    await widgetMenu('Spend by channel', 'remove');
    await settled(before - 1);
    await page.click('[data-testid="dashboard-tab-menu"]');
    await page.click('[data-testid="menu-item-duplicate"]');
    expect(await tabNames()).toEqual(['Pipeline', 'Pipeline (copy)', 'Forecast review']);
    await page.click('[data-testid="dashboard-tab-menu"]');
    await page.click('[data-testid="menu-item-move-right"]');
    expect(await tabNames()).toEqual(['Pipeline', 'Forecast review', 'Pipeline (copy)']);
    await saved();
    await page.waitForTimeout(300);
    expect((await stored()).map((d) => d.name)).toEqual(['Pipeline', 'Forecast review', 'Pipeline (copy)']);
    expect((await stored())[2]!.widgets).toHaveLength(before - 1);

    await page.click('[data-testid="dashboard-tab-menu"]');
    await page.click('[data-testid="menu-item-remove"]');
    await page.waitForSelector('[data-testid="dashboard-remove-confirm"]');
    expect(await page.textContent('[data-testid="dashboard-remove-confirm"]')).toContain('Pipeline (copy)');
    await page.click('[data-testid="dashboard-remove-confirm-button"]');
    await page.waitForFunction(() => (globalThis as unknown as { document: Doc }).document.querySelectorAll('[data-testid="dashboard-tabs"] [role="tab"]').length === 2);
    await saved();
    await page.waitForTimeout(300);
    expect((await stored()).map((d) => d.name)).toEqual(['Pipeline', 'Forecast review']);
  });

  it('speaks French', async () => {
    await page.click('[data-testid="dashboard-tab-0"] [role="tab"]');
    await page.selectOption('[data-testid="language-picker"]', 'fr');
    await settled();
    expect(await page.textContent('[data-testid="add-widget"]')).toBe('Ajouter un widget');
    expect(await page.textContent('[data-testid="indicator-count"]')).toContain(`${await widgetCount()} indicateurs`);
    expect(await page.textContent('[data-testid="filter-team"]')).toContain('Équipe');
    await page.waitForTimeout(600);
    await app.shot('dashboard-fr.png');
    await page.selectOption('[data-testid="language-picker"]', 'en');
    expect(app.pageErrors).toEqual([]);
  });
});

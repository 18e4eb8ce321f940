// A sales director builds a dashboard with the mouse, in a real browser on the demo workspace:
// "revenue won by segment per quarter, as a pie and a curve, filtered on my team", from scratch
// through the widget editor; then cross-filters by clicking a pie slice, drills into a bar, undoes,
// reloads — and everything persisted. The figures are checked against DuckDB, the canvases against
// blank, the keyboard path and focus ring by Tab, and the page logs no error.
// Run `npx electron-vite build --outDir $PWD/out-shell` first, then QD_OUT_DIR=out-shell.
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type PageElement } from './harness';

interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}
interface FocusInfo {
  testId: string | null;
  role: string | null;
  text: string;
  outline: string;
  outlineWidth: number;
  boxShadow: string;
  inToolbar: boolean;
  inTabs: boolean;
}
declare const document: { activeElement: unknown; documentElement: { dataset: Record<string, string> } };
declare const getComputedStyle: (el: unknown) => { outlineStyle: string; outlineWidth: string; boxShadow: string };

const TEAM = 'Mid-market';

let app: App;
let page: Page;

const widget = (title: string) => `[data-testid="widget"][data-title="${title}"]`;

/** Every widget has its data for the current filters (and a frame later, its paint). */
async function widgetsReady(count: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const all = Array.from((globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<PageElement> } }).document.querySelectorAll('[data-testid="widget"]'));
      return all.length === n && all.every((w) => w.getAttribute('data-state') === 'ready');
    },
    count,
    { timeout: 30_000 },
  );
  await page.waitForTimeout(700);
}

/** Waits until the workspace has every change (the toolbar says so). */
async function saved(): Promise<void> {
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 15_000 });
}

/** Builds a revenue-won widget in the editor: the KPI, one field on Rows, a chart kind. */
async function buildWidget(field: string, chart: string, grain?: string): Promise<void> {
  await page.click('[data-testid="add-widget"]');
  await page.waitForSelector('[data-testid="widget-editor"]');
  await page.selectOption('[data-testid="source-picker"]', 'deals (enriched)');
  await page.click('[data-testid="tab-kpis"]');
  await page.click('[data-testid="kpi-revenue_won"]');
  await page.click('[data-testid="tab-fields"]');
  await page.dragAndDrop(`[data-testid="field-${field}"]`, '[data-testid="shelf-rows"]');
  const chip = (await page.getAttribute('[data-testid^="chip-rows-"]', 'data-testid'))!;
  if (grain) {
    await page.click(`[data-testid="${chip}-open"]`);
    await page.selectOption(`[data-testid="grain-${chip.slice('chip-rows-'.length)}"]`, grain);
  }
  await page.click(`[data-testid="chart-kind-${chart}"]`);
  await page.waitForSelector('[data-testid="editor-preview"]');
  await page.click('[data-testid="widget-save"]');
  await page.waitForSelector('[data-testid="widget-editor"]', { state: 'detached' });
}

async function openMenu(title: string): Promise<void> {
  await page.click(`${widget(title)} [data-testid="widget-menu"]`);
  await page.waitForSelector(`${widget(title)} [role="menu"]`);
}

/** A widget's figures, the way a user gets them: its menu, "Export data as CSV". */
async function exportedCsv(title: string): Promise<string[][]> {
  await openMenu(title);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${widget(title)} [data-testid="menu-item-csv"]`)]);
  const text = (await readFile((await (download as Download).path())!, 'utf8')).replace(/^\uFEFF/, '');
  return text
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
}

/** The quarter rows of the curve's CSV as quarter -> revenue won. */
function byQuarter(csv: string[][]): Map<string, number> {
  const [header, ...rows] = csv;
  expect(header![0]).toBe('Closed (quarter)');
  expect(header![1]).toBe('Revenue won');
  return new Map(rows.map((r) => [r[0]!, Number(r[1])]));
}

async function quarterTotals(where: string): Promise<Map<string, number>> {
  const table = await app.tableOf('deals (enriched)');
  const rows = await app.sql(
    `SELECT coalesce(strftime(date_trunc('quarter', closed_at), '%Y-%m-%d'), '') AS q,
            coalesce(sum(amount) FILTER (WHERE status = 'Won'), 0)::DOUBLE AS revenue
       FROM ${table} WHERE ${where} GROUP BY 1`,
  );
  return new Map(rows.map((r) => [String(r.q), Number(r.revenue)]));
}

function expectSameFigures(actual: Map<string, number>, expected: Map<string, number>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [q, v] of expected) expect(actual.get(q), `quarter ${q}`).toBeCloseTo(v, 2);
}

/** Pixels of a canvas region that are not the surface colour, and the palette's first colour among them. */
async function canvasInk(title: string, region: 'all' | 'bottom'): Promise<{ ink: number; accent: number }> {
  return page.$eval(
    `${widget(title)} canvas`,
    (c, where) => {
      const canvas = c as unknown as PageCanvas;
      const ctx = canvas.getContext('2d')!;
      const top = where === 'bottom' ? Math.floor(canvas.height * 0.85) : 0;
      const data = ctx.getImageData(0, top, canvas.width, canvas.height - top).data;
      const [r0, g0, b0] = [data[0]!, data[1]!, data[2]!];
      let ink = 0;
      let accent = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        if (a > 0 && Math.abs(r - r0) + Math.abs(g - g0) + Math.abs(b - b0) > 30) ink++;
        // The palette's first colour (#4263eb light, a lighter blue dark): a blue clearly above red and green.
        if (a > 200 && b > 180 && b - r > 60 && b - g > 40) accent++;
      }
      return { ink, accent };
    },
    region,
  );
}

async function focused(): Promise<FocusInfo> {
  return page.evaluate(() => {
    const el = document.activeElement as {
      getAttribute(n: string): string | null;
      textContent: string | null;
      closest(s: string): unknown;
    } | null;
    const style = el ? getComputedStyle(el) : null;
    return {
      testId: el?.getAttribute('data-testid') ?? null,
      role: el?.getAttribute('role') ?? null,
      text: (el?.textContent ?? '').trim().slice(0, 40),
      outline: style?.outlineStyle ?? 'none',
      outlineWidth: style ? parseFloat(style.outlineWidth) : 0,
      boxShadow: style?.boxShadow ?? 'none',
      inToolbar: !!el?.closest('[data-testid="dashboard-toolbar"]'),
      inTabs: !!el?.closest('[data-testid="dashboard-tabs"]'),
    };
  });
}

beforeAll(async () => {
  app = await startApp({ viewport: { width: 1440, height: 960 } });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

describe('a dashboard built with the mouse', () => {
  let slice = '';

  it('creates and names a dashboard, and builds the pie and the curve through the widget editor', async () => {
    await page.click('[data-testid="nav-dashboards"]');
    await page.click('[data-testid="dashboard-create"]');
    await page.dblclick('[data-testid="dashboard-tab-0"] [role="tab"]');
    await page.fill('[data-testid="rename-input"]', 'Sales review');
    await page.keyboard.press('Enter');
    expect(await page.textContent('[data-testid="dashboard-tab-0"] [role="tab"]')).toBe('Sales review');

    await buildWidget('accounts.segment', 'pie');
    await buildWidget('closed_at', 'line', 'quarter');
    await widgetsReady(2);
    const titles = await page.$$eval('[data-testid="widget"]', (ws) => ws.map((w) => (w as unknown as PageElement).getAttribute('data-title')));
    expect(titles).toEqual(['Revenue won by segment', 'Revenue won per quarter']);
    expect(await page.textContent('[data-testid="indicator-count"]')).toContain('2');

    // Before any filter: the curve is every team's revenue won per quarter.
    expectSameFigures(byQuarter(await exportedCsv('Revenue won per quarter')), await quarterTotals('true'));
  });

  it('filters on my team from the filter bar (values with their counts)', async () => {
    await page.click('[data-testid="filter-team"]');
    await page.waitForSelector('[data-testid="filter-team-pop"] .multi-option');
    const options = await page.$$eval('[data-testid="filter-team-pop"] .multi-option', (os) => os.map((o) => (o as unknown as PageElement).textContent));
    const table = await app.tableOf('deals (enriched)');
    const [count] = await app.sql(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE team = '${TEAM}'`);
    expect(options).toContain(`${TEAM}${Number(count!.n).toLocaleString('en-US')}`);
    await page.click(`[data-testid="filter-team-pop"] .multi-option:has-text("${TEAM}") input`);
    await page.keyboard.press('Escape');
    expect(await page.textContent('[data-testid="filter-team"]')).toContain(TEAM);
    await widgetsReady(2);
    await saved();
    expectSameFigures(byQuarter(await exportedCsv('Revenue won per quarter')), await quarterTotals(`team = '${TEAM}'`));
  });

  it('cross-filters the curve by clicking a pie slice, and a second click removes it', async () => {
    const box = (await page.$(`${widget('Revenue won by segment')} canvas`))!;
    const b = (await box.boundingBox())!;
    // The first slice starts at noon and runs clockwise past three o'clock: click right of the centre.
    const click = { x: b.width / 2 + Math.min(b.width, b.height) * 0.18, y: b.height / 2 - 10 };
    await box.click({ position: click });
    await page.waitForSelector('[data-testid="cross-chip"]');
    const chip = (await page.textContent('[data-testid="cross-chip"]'))!;
    expect(chip).toMatch(/^Segment: .+×?$/);
    slice = chip.replace(/^Segment: /, '').replace(/×$/, '').trim();
    await widgetsReady(2);
    const filtered = byQuarter(await exportedCsv('Revenue won per quarter'));
    const expected = await quarterTotals(`team = '${TEAM}' AND "accounts.segment" = '${slice}'`);
    expectSameFigures(filtered, expected);
    const unfiltered = await quarterTotals(`team = '${TEAM}'`);
    expect([...expected.values()].reduce((a, v) => a + v, 0)).toBeLessThan([...unfiltered.values()].reduce((a, v) => a + v, 0));
    await page.waitForTimeout(400);
    await app.shot('dashboard-cross-filter.png');

    // The same slice again: the chip goes, the curve is the team's again.
    await box.click({ position: click });
    await page.waitForSelector('[data-testid="cross-chip"]', { state: 'detached' });
    await box.click({ position: click });
    await page.waitForSelector('[data-testid="cross-chip"]');
  });

  it('switches the curve to columns (the spec kept) and drills into a column: the panel lists the rows behind it', async () => {
    await openMenu('Revenue won per quarter');
    await page.click(`${widget('Revenue won per quarter')} [data-testid="menu-item-kind-column"]`);
    await widgetsReady(2);
    expect(await page.getAttribute(widget('Revenue won per quarter'), 'data-chart')).toBe('column');

    // Double-click the tallest column: a quarter's bar stands highest near the top of the plot.
    const canvas = (await page.$(`${widget('Revenue won per quarter')} canvas`))!;
    const b = (await canvas.boundingBox())!;
    const hit = await page.$eval(
      `${widget('Revenue won per quarter')} canvas`,
      (c) => {
        const canvas = c as unknown as PageCanvas & { clientWidth: number; clientHeight: number };
        const ctx = canvas.getContext('2d')!;
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        const scale = canvas.width / canvas.clientWidth;
        // The first series' colour (#4263eb): scan rows from the top for it.
        for (let y = 0; y < canvas.height; y++) {
          for (let x = 0; x < canvas.width; x++) {
            const i = (y * canvas.width + x) * 4;
            if (Math.abs(data[i]! - 0x42) < 12 && Math.abs(data[i + 1]! - 0x63) < 12 && Math.abs(data[i + 2]! - 0xeb) < 12) {
              // Below the legend's swatch: the legend sits in the top 40 px.
              if (y / scale > 40) return { x: x / scale + 2, y: y / scale + 12 };
            }
          }
        }
        return null;
      },
    );
    expect(hit).not.toBeNull();
    await canvas.dblclick({ position: { x: Math.min(hit!.x, b.width - 1), y: hit!.y } });
    await page.waitForSelector('[data-testid="drill-panel"][data-state="ready"]');
    const subtitle = (await page.textContent('.drill-subtitle'))!;
    const quarter = /Q([1-4]) (\d{4})/.exec(subtitle);
    expect(quarter, subtitle).not.toBeNull();
    const start = `${quarter![2]}-${String((Number(quarter![1]) - 1) * 3 + 1).padStart(2, '0')}-01`;
    const table = await app.tableOf('deals (enriched)');
    const [rows] = await app.sql(
      `SELECT count(*)::INTEGER AS n FROM ${table}
        WHERE team = '${TEAM}' AND "accounts.segment" = '${slice}'
          AND closed_at >= DATE '${start}' AND closed_at < DATE '${start}' + INTERVAL 3 MONTH`,
    );
    expect(Number(await page.getAttribute('[data-testid="drill-count"]', 'data-count'))).toBe(Number(rows!.n));
    const conditions = await page.$$eval('[data-testid="drill-filters"] li', (ls) => ls.map((l) => (l as unknown as PageElement).textContent ?? ''));
    expect(conditions.join(' | ')).toContain(TEAM);
    expect(conditions.join(' | ')).toContain(slice);
    await page.waitForSelector('[data-testid="drill-table"] [role="row"][aria-rowindex="2"]');
    await app.shot('dashboard-drill.png');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="drill-panel"]', { state: 'detached' });
  });

  it('exports a chart as a PNG and reports the clipboard politely', async () => {
    await openMenu('Revenue won by segment');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${widget('Revenue won by segment')} [data-testid="menu-item-png"]`)]);
    const png = await readFile((await (download as Download).path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(5_000);
    await openMenu('Revenue won by segment');
    await page.click(`${widget('Revenue won by segment')} [data-testid="menu-item-copy"]`);
    const notice = (await page.textContent(`${widget('Revenue won by segment')} [data-testid="widget-notice"]`))!;
    expect(notice).toMatch(/copied to the clipboard|could not be copied|cannot copy images/);
  });

  it('undoes twice (the chart switch, then the team filter), and after a reload everything persisted', async () => {
    await page.click('[data-testid="undo"]');
    await page.waitForSelector(`${widget('Revenue won per quarter')}[data-chart="line"]`);
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): PageElement | null } }).document.querySelector('.multi-active'));
    expect(await page.textContent('[data-testid="filter-team"]')).toContain('All');
    // Redo is there, and Ctrl+Shift+Z brings the filter back; one more undo takes it away again.
    expect(await page.isEnabled('[data-testid="redo"]')).toBe(true);
    await page.keyboard.press('Control+Shift+z');
    await page.waitForSelector('.multi-active [data-testid="filter-team"]');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): PageElement | null } }).document.querySelector('.multi-active'));
    await saved();

    await page.reload();
    await page.click('[data-testid="nav-dashboards"]');
    await widgetsReady(2);
    expect(await page.textContent('[data-testid="dashboard-tab-0"] [role="tab"]')).toBe('Sales review');
    expect(await page.getAttribute(widget('Revenue won per quarter'), 'data-chart')).toBe('line');
    expect(await page.getAttribute(widget('Revenue won by segment'), 'data-chart')).toBe('pie');
    expect(await page.textContent('[data-testid="filter-team"]')).toContain('All');
    expect(await page.$('[data-testid="cross-chip"]')).toBeNull();
    expectSameFigures(byQuarter(await exportedCsv('Revenue won per quarter')), await quarterTotals('true'));
    const stored = await app.core.listDashboards();
    expect(stored.ok && stored.value.map((d) => [d.name, d.widgets.map((w) => w.chart)])).toEqual([['Sales review', ['pie', 'line']]]);
  });

  it('draws real charts with their legend, in the light and the dark theme', async () => {
    const pie = await canvasInk('Revenue won by segment', 'all');
    expect(pie.ink).toBeGreaterThan(20_000);
    expect(pie.accent).toBeGreaterThan(2_000);
    // The legend sits under the pie: swatches in the palette's colours in the bottom band.
    const legend = await canvasInk('Revenue won by segment', 'bottom');
    expect(legend.accent).toBeGreaterThan(20);
    const curve = await canvasInk('Revenue won per quarter', 'all');
    expect(curve.ink).toBeGreaterThan(3_000);
    await app.shot('dashboard-light.png');

    await page.click('[data-testid="open-settings"]');
    await page.click('[data-testid="settings-theme-dark"]');
    await page.click('[data-testid="settings-save"]');
    await page.waitForSelector('[data-testid="settings-dialog"]', { state: 'detached' });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await widgetsReady(2);
    const dark = await canvasInk('Revenue won by segment', 'all');
    expect(dark.ink).toBeGreaterThan(20_000);
    await app.shot('dashboard-dark.png');
    const settings = await app.core.getSettings();
    expect(settings.ok && settings.value.theme).toBe('dark');
  });

  it('reaches the toolbar, the tabs and the widget menus with Tab, each with a visible focus ring', async () => {
    await page.click('[data-testid="nav-dashboards"]');
    await page.focus('[data-testid="nav-dashboards"]');
    const seen: FocusInfo[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused());
    }
    const ring = (f: FocusInfo) => (f.outline !== 'none' && f.outlineWidth > 0) || f.boxShadow !== 'none';
    const tab = seen.find((f) => f.inTabs && f.role === 'tab');
    const tool = seen.find((f) => f.inToolbar && f.testId === 'add-widget');
    const menu = seen.find((f) => f.testId === 'widget-menu');
    expect(tab, JSON.stringify(seen.map((f) => f.testId ?? f.role))).toBeDefined();
    expect(tool).toBeDefined();
    expect(menu).toBeDefined();
    for (const f of [tab!, tool!, menu!]) expect(ring(f), JSON.stringify(f)).toBe(true);

    // The widget menu opens from the keyboard and Escape gives the focus back to its button.
    await page.focus('[data-testid="widget-menu"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="menu"]');
    expect((await focused()).role).toBe('menuitem');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    expect((await focused()).testId).toBe('widget-menu');
    await app.shot('dashboard-focus.png');
  });

  it('logged no error in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});

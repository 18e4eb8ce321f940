// The Forecast section in a real browser on the demo workspace (the "pipeline" source: 24 monthly
// snapshots): pick two snapshots, the waterfall's starting and ending pipeline against the engine
// and against the snapshot files read by DuckDB, a click on a waterfall bar (and Enter on a table
// row) lists that bar's deals, then every sub-tab with its figures checked against the engine;
// screenshots in the light theme, the dark theme (through the settings dialog) and in French.
// Run `npx electron-vite build --outDir $PWD/out-forecast` first, then QD_OUT_DIR=out-forecast.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MovementRequest } from '../../shared/forecast/types';
import { createFormats } from '../../shared/format/format';
import { ROOT, startApp, type App, type PageElement } from './harness';

let app: App;
let page: Page;
const en = createFormats({ locale: 'en-US', currency: 'EUR' });
const SNAPSHOTS = join(ROOT, 'resources/samples/snapshots');
const FROM = '2026-06-01';
const TO = '2026-09-01';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const attr = (selector: string, name: string) => page.getAttribute(selector, name);
const text = async (selector: string) => ((await page.textContent(selector)) ?? '').trim();

/** Waits until a tab's view has answered (its data-state is ready). */
async function ready(testId: string): Promise<void> {
  await page.waitForSelector(`[data-testid="${testId}"][data-state="ready"]`);
}

/**
 * The horizontal extent of each waterfall bar as drawn on the chart's canvas: runs of columns
 * holding the bars' colours (grey absolute bars, green increases, red decreases), below the legend.
 */
async function barColumns(colours: string[]): Promise<{ left: number; right: number; top: number; bottom: number }[]> {
  return page.evaluate(`(() => {
    const canvas = document.querySelector('[data-testid="movement-chart"] canvas');
    const box = canvas.getBoundingClientRect();
    const ratio = canvas.width / box.width;
    const ctx = canvas.getContext('2d');
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const targets = ${JSON.stringify(colours)}.map((c) => [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)]);
    const isBar = (i) => targets.some(([r, g, b]) => Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 24 && data[i + 3] > 200);
    const top = Math.round(44 * ratio);
    const runs = [];
    let run = null;
    for (let x = 0; x < canvas.width; x++) {
      let lo = -1, hi = -1, count = 0;
      for (let y = top; y < canvas.height; y++) {
        if (isBar((y * canvas.width + x) * 4)) { if (lo < 0) lo = y; hi = y; count++; }
      }
      if (count >= 2) {
        if (run && x === run.right + 1) { run.right = x; run.top = Math.min(run.top, lo); run.bottom = Math.max(run.bottom, hi); }
        else { run = { left: x, right: x, top: lo, bottom: hi }; runs.push(run); }
      }
    }
    // Page coordinates of each run.
    return runs
      .filter((r) => r.right - r.left >= 6)
      .map((r) => ({ left: box.left + r.left / ratio, right: box.left + r.right / ratio, top: box.top + r.top / ratio, bottom: box.top + r.bottom / ratio }));
  })()`);
}

beforeAll(async () => {
  app = await startApp({ viewport: { width: 1440, height: 900 } });
  page = app.page;
}, 240_000);

afterAll(async () => {
  await app?.close();
});

describe('forecast', () => {
  it('opens on the source with the most snapshots, comparing its last two', async () => {
    await page.click('[data-testid="nav-forecast"]');
    await ready('forecast-movement');
    expect(await page.inputValue('[data-testid="forecast-source"]')).toBe('pipeline');
    const dates = must(await app.core.getWorkspace()).sources.find((s) => s.name === 'pipeline')!.snapshots.map((s) => s.date);
    expect(dates).toHaveLength(24);
    expect(await page.inputValue('[data-testid="movement-from"]')).toBe(dates.at(-2));
    expect(await page.inputValue('[data-testid="movement-to"]')).toBe(dates.at(-1));
    await page.waitForSelector('[data-testid="movement-chart"] canvas');
  });

  it('compares two snapshots picked: start and end agree with the engine and the snapshot files', async () => {
    const request: MovementRequest = { source: 'pipeline', from: FROM, to: TO };
    const movement = must(await app.core.pipelineMovement(request));
    await page.selectOption('[data-testid="movement-from"]', FROM);
    await page.selectOption('[data-testid="movement-to"]', TO);
    await page.waitForFunction(
      (v) => (globalThis as unknown as { document: { querySelector(s: string): PageElement | null } }).document.querySelector('[data-testid="movement-row-start"]')?.getAttribute('data-amount') === v,
      String(movement.start.amount),
    );
    await ready('forecast-movement');

    // The engine's figures, as shown.
    expect(await text('[data-testid="movement-amount-start"]')).toBe(en.currency(movement.start.amount));
    expect(await text('[data-testid="movement-amount-end"]')).toBe(en.currency(movement.end.amount));
    expect(await text('[data-testid="movement-deals-start"]')).toBe(en.integer(movement.start.deals));
    expect(await text('[data-testid="movement-deals-end"]')).toBe(en.integer(movement.end.deals));

    // The snapshot files: every open deal of the earlier and of the later export.
    const file = (d: string) => `read_csv('${join(SNAPSHOTS, `deals-${d}.csv`)}', header = true)`;
    const [start] = await app.sql(`SELECT count(*)::INTEGER AS n, sum(amount)::DOUBLE AS v FROM ${file(FROM)} WHERE status NOT IN ('Won', 'Lost')`);
    const [end] = await app.sql(`SELECT count(*)::INTEGER AS n, sum(amount)::DOUBLE AS v FROM ${file(TO)} WHERE status NOT IN ('Won', 'Lost')`);
    expect(movement.start.deals).toBe(Number(start!.n));
    expect(movement.start.amount).toBeCloseTo(Number(start!.v), 2);
    expect(movement.end.deals).toBe(Number(end!.n));
    expect(movement.end.amount).toBeCloseTo(Number(end!.v), 2);

    // The table's bars add up from the start to the end.
    const amounts = await page.$$eval('[data-testid^="movement-row-"]', (rows) =>
      rows.map((r) => ({ id: (r as unknown as PageElement).getAttribute('data-testid')!.slice('movement-row-'.length), amount: Number((r as unknown as PageElement).getAttribute('data-amount')) })),
    );
    expect(amounts.map((a) => a.id)).toEqual(['start', ...movement.buckets.map((b) => b.id), 'end']);
    const sum = amounts.slice(0, -1).reduce((s, a) => s + a.amount, 0);
    expect(sum).toBeCloseTo(amounts.at(-1)!.amount, 2);
    expect(await text('[data-testid="movement-summary"]')).toContain(en.currency(movement.end.amount));
    await page.waitForTimeout(700);
    await app.shot('forecast-movement-light.png');
  });

  it('a click on a waterfall bar lists its deals; Enter on a table row too; Escape closes', async () => {
    const request: MovementRequest = { source: 'pipeline', from: FROM, to: TO };
    const movement = must(await app.core.pipelineMovement(request));
    // The bars drawn: start, each bucket with deals, end, left to right.
    const drawn = ['start', ...movement.buckets.filter((b) => b.deals > 0 || b.amount !== 0).map((b) => b.id), 'end'];
    const runs = await barColumns(['#495057', '#2b8a3e', '#c92a2a']);
    // Bars too thin to see (a small amount change) find no run: the bars sit at equal steps from
    // the starting one to the ending one, so each visible run is matched to its bar by position.
    expect(runs.length).toBeGreaterThanOrEqual(3);
    const center = (r: (typeof runs)[number]) => (r.left + r.right) / 2;
    const step = (center(runs.at(-1)!) - center(runs[0]!)) / (drawn.length - 1);
    const lostIndex = drawn.indexOf('lost');
    expect(lostIndex).toBeGreaterThan(0);
    const bar = runs.find((r) => Math.abs(center(r) - (center(runs[0]!) + lostIndex * step)) < step / 3)!;
    expect(bar).toBeDefined();
    await page.mouse.click(center(bar), (bar.top + bar.bottom) / 2);
    await ready('forecast-deals');
    const lost = movement.buckets.find((b) => b.id === 'lost')!;
    expect(Number(await attr('[data-testid="forecast-deals-count"]', 'data-count'))).toBe(lost.deals);
    expect(await text('[data-testid="forecast-deals-count"]')).toBe(`${en.integer(lost.deals)} deals`);
    // The engine's own list of the bar agrees.
    const listed = must(await app.core.movementDeals({ ...request, bar: 'lost', offset: 0, limit: 1 }));
    expect(listed.totalRows).toBe(lost.deals);
    expect(await page.locator('[data-testid="forecast-deal-row"]').count()).toBe(Math.min(lost.deals, 50));
    await page.waitForTimeout(300);
    await app.shot('forecast-movement-deals-light.png');

    // Sorted by the engine: the amount before, ascending.
    await page.click('[data-testid="forecast-deals-sort-amount_start"]');
    await page.waitForFunction(() =>
      (globalThis as unknown as { document: { querySelector(s: string): PageElement | null } }).document.querySelector('[data-testid="forecast-deals"]')?.getAttribute('data-state') === 'ready',
    );
    const sorted = must(await app.core.movementDeals({ ...request, bar: 'lost', offset: 0, limit: 1, sort: { column: 'amount_start', direction: 'asc' } }));
    const first = (await page.$$eval('[data-testid="forecast-deal-row"] td', (cells) => cells.slice(0, 5).map((c) => (c as unknown as PageElement).textContent ?? '')))!;
    const { readArrow } = await import('../../shared/arrow/cells');
    const row = readArrow(sorted.ipc).rows()[0]!;
    expect(first[0]).toBe(String(row.deal_name));
    expect(first[4]).toBe(en.currency(Number(row.amount_start)));

    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="forecast-deals"]', { state: 'detached' });

    // The keyboard way: Enter on the "New" row of the table.
    await page.focus('[data-testid="movement-open-new"]');
    await page.keyboard.press('Enter');
    await ready('forecast-deals');
    const added = movement.buckets.find((b) => b.id === 'new')!;
    expect(Number(await attr('[data-testid="forecast-deals-count"]', 'data-count'))).toBe(added.deals);
    await page.click('[data-testid="forecast-deals-close"]');
    await page.waitForSelector('[data-testid="forecast-deals"]', { state: 'detached' });
  });

  it('with a closing period, the starting pipeline is the deals of the earlier export expected to close in it', async () => {
    await page.selectOption('[data-testid="movement-scope"]', 'quarter');
    const request: MovementRequest = { source: 'pipeline', from: FROM, to: TO, period: { from: '2026-07-01', to: '2026-10-01' } };
    const movement = must(await app.core.pipelineMovement(request));
    await page.waitForFunction(
      (v) => (globalThis as unknown as { document: { querySelector(s: string): PageElement | null } }).document.querySelector('[data-testid="movement-row-start"]')?.getAttribute('data-amount') === v,
      String(movement.start.amount),
    );
    const [start] = await app.sql(`SELECT count(*)::INTEGER AS n, sum(amount)::DOUBLE AS v FROM read_csv('${join(SNAPSHOTS, `deals-${FROM}.csv`)}', header = true)
      WHERE status NOT IN ('Won', 'Lost') AND expected_close_at >= DATE '2026-07-01' AND expected_close_at < DATE '2026-10-01'`);
    expect(Number(await attr('[data-testid="movement-row-start"]', 'data-deals'))).toBe(Number(start!.n));
    expect(movement.start.amount).toBeCloseTo(Number(start!.v), 2);
    expect(await text('[data-testid="movement-amount-start"]')).toBe(en.currency(movement.start.amount));
    // With a period, deals move in and out of it.
    const pushed = movement.buckets.find((b) => b.id === 'pushed_out')!;
    expect(Number(await attr('[data-testid="movement-row-pushed_out"]', 'data-deals'))).toBe(pushed.deals);
    expect(pushed.deals).toBeGreaterThan(0);
    await page.waitForTimeout(700);
    await app.shot('forecast-movement-period-light.png');
  });

  it('forecast vs actual: bias per rep shows the optimist first and the sandbagger last', async () => {
    await page.click('[data-testid="tab-accuracy"]');
    await ready('forecast-accuracy');
    const total = must(await app.core.forecastAccuracy({ source: 'pipeline', grain: 'month', commit: { probability: 0.7 } }));
    const t0 = total.summary.find((s) => s.total)!;
    expect(await page.getAttribute('[data-testid="accuracy-row"]', 'data-bias')).toBe(String(t0.bias));
    expect(await text('[data-testid="accuracy-row"] .fc-bias')).toBe(en.changePercent(t0.bias));
    expect(await text('[data-testid="accuracy-summary"]')).toContain(en.currency(t0.actual));

    await page.selectOption('[data-testid="accuracy-by"]', 'owner');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<PageElement> } }).document.querySelectorAll('[data-testid="accuracy-row"]').length > 1);
    await ready('forecast-accuracy');
    const byOwner = must(await app.core.forecastAccuracy({ source: 'pipeline', grain: 'month', by: ['owner'], commit: { probability: 0.7 } }));
    const rows = await page.$$eval('[data-testid="accuracy-row"]', (rs) =>
      rs.map((r) => ({ group: (r as unknown as PageElement).getAttribute('data-group'), reading: (r as unknown as PageElement).querySelector('[data-reading]')?.getAttribute('data-reading') })),
    );
    expect(rows).toHaveLength(byOwner.summary.length);
    expect(rows[1]!.group).toBe('Nicolas Bernard');
    expect(rows[1]!.reading).toBe('over');
    expect(rows.at(-1)!.group).toBe('Chloé Petit');
    expect(rows.at(-1)!.reading).toBe('under');
    // The rep's own chart.
    const key = JSON.stringify([['owner', 'Nicolas Bernard']]);
    await page.selectOption('[data-testid="accuracy-chart-group"]', key);
    await page.waitForTimeout(700);
    await app.shot('forecast-accuracy-light.png');

    // The commit view: deals at Negotiation or beyond.
    await page.selectOption('[data-testid="accuracy-view"]', 'commit');
    await ready('forecast-accuracy');
    await page.selectOption('[data-testid="accuracy-commit-mode"]', 'stage');
    const commit = must(await app.core.forecastAccuracy({ source: 'pipeline', grain: 'month', by: ['owner'], commit: { stage: 'Negotiation' } }));
    const c0 = commit.summary.find((s) => s.total)!;
    await page.waitForFunction(
      (v) => (globalThis as unknown as { document: { querySelector(s: string): PageElement | null } }).document.querySelector('[data-testid="accuracy-row"]')?.getAttribute('data-bias') === v,
      String(c0.commitBias),
    );
    expect(await page.inputValue('[data-testid="accuracy-commit-stage"]')).toBe('Negotiation');
  });

  it('calibration: the reliability diagram per rep, the optimist first', async () => {
    await page.click('[data-testid="tab-calibration"]');
    await ready('forecast-calibration');
    const r = must(await app.core.probabilityCalibration({ source: 'pipeline', by: ['owner'], observations: 'every' }));
    const groups = await page.$$eval('[data-testid="calibration-row"]', (rs) => rs.map((x) => (x as unknown as PageElement).getAttribute('data-group')));
    expect(groups).toHaveLength(r.groups.length);
    expect(groups[1]).toBe('Nicolas Bernard');
    expect(groups.at(-1)).toBe('Chloé Petit');
    // The diagram shows the most optimistic rep by default; its buckets add up to its resolved observations.
    expect(await page.inputValue('[data-testid="calibration-group"]')).toBe(JSON.stringify([['owner', 'Nicolas Bernard']]));
    const counts = await page.$$eval('[data-testid="calibration-bucket"]', (rs) => rs.map((x) => Number((x as unknown as PageElement).getAttribute('data-count'))));
    const nicolas = r.groups.find((g) => g.group.owner === 'Nicolas Bernard')!;
    expect(counts).toEqual(nicolas.buckets.map((b) => b.count));
    await page.waitForTimeout(700);
    await app.shot('forecast-calibration-light.png');
    // The sandbagger, picked in the table.
    await page.click('[data-testid="calibration-row"][data-group="Chloé Petit"] button');
    expect(await page.inputValue('[data-testid="calibration-group"]')).toBe(JSON.stringify([['owner', 'Chloé Petit']]));
    const chloe = r.groups.find((g) => g.group.owner === 'Chloé Petit')!;
    expect(await page.$$eval('[data-testid="calibration-bucket"]', (rs) => rs.map((x) => Number((x as unknown as PageElement).getAttribute('data-count'))))).toEqual(
      chloe.buckets.map((b) => b.count),
    );
    await page.evaluate('document.querySelector(".fc-view").scrollTop = 0');
    await page.waitForTimeout(500);
    await app.shot('forecast-calibration-sandbagger-light.png');
  });

  it('slippage: deals pushed three times or more are flagged and listed', async () => {
    await page.click('[data-testid="tab-slippage"]');
    await ready('forecast-slippage');
    const r = must(await app.core.slippage({ source: 'pipeline', by: ['owner'], flagPushes: 3 }));
    const total = r.groups.find((g) => g.total)!;
    expect(Number(await attr('[data-testid="slippage-row"]', 'data-flagged'))).toBe(total.flaggedDeals);
    expect(total.flaggedDeals).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    await app.shot('forecast-slippage-light.png');
    await page.click('[data-testid="slippage-row"] [data-testid="slippage-open-flagged"]');
    await ready('forecast-deals');
    expect(Number(await attr('[data-testid="forecast-deals-count"]', 'data-count'))).toBe(total.flaggedDeals);
    const pushes = await page.$$eval('[data-testid="forecast-deal-row"] td:nth-child(4)', (cells) => cells.map((c) => Number((c as unknown as PageElement).textContent)));
    expect(pushes.every((n) => n >= 3)).toBe(true);
    await app.shot('forecast-slippage-deals-light.png');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="forecast-deals"]', { state: 'detached' });
  });

  it('stage probabilities: the stages in process order, rising in every snapshot', async () => {
    await page.click('[data-testid="tab-stages"]');
    await ready('forecast-stages');
    const r = must(await app.core.stageProbabilitySanity({ source: 'pipeline' }));
    const stages = await page.$$eval('[data-testid="stages-row"]', (rs) => rs.map((x) => (x as unknown as PageElement).getAttribute('data-stage')));
    expect(stages).toEqual(r.basis.stages);
    expect(await text('[data-testid="stages-summary"]')).toBe(`In each of the ${r.snapshots.length} snapshots, the average probability rises stage after stage.`);
    await page.waitForTimeout(700);
    await app.shot('forecast-stages-light.png');
  });

  it('in the dark theme, chosen in the settings', async () => {
    await page.click('[data-testid="nav-home"]');
    await page.click('[data-testid="home-settings"]');
    await page.check('[data-testid="settings-theme-dark"]');
    await page.click('[data-testid="settings-save"]');
    await page.waitForSelector('[data-testid="settings-dialog"]', { state: 'detached' });
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.click('[data-testid="nav-forecast"]');
    await ready('forecast-movement');
    await page.selectOption('[data-testid="movement-from"]', FROM);
    await page.selectOption('[data-testid="movement-to"]', TO);
    await page.waitForTimeout(300);
    await ready('forecast-movement');
    // Dark bars: the chart follows the theme.
    const runs = await barColumns(['#ced4da', '#51cf66', '#ff6b6b']);
    expect(runs.length).toBeGreaterThan(4);
    await page.waitForTimeout(500);
    await app.shot('forecast-movement-dark.png');
    await page.click('[data-testid="tab-calibration"]');
    await ready('forecast-calibration');
    await page.waitForTimeout(700);
    await app.shot('forecast-calibration-dark.png');
  });

  it('in French, with the workspace’s figures in French', async () => {
    await page.click('[data-testid="nav-home"]');
    await page.click('[data-testid="home-settings"]');
    await page.selectOption('[data-testid="settings-locale"]', 'fr-FR');
    await page.check('[data-testid="settings-theme-light"]');
    await page.click('[data-testid="settings-save"]');
    await page.waitForSelector('[data-testid="settings-dialog"]', { state: 'detached' });
    await page.selectOption('[data-testid="language-picker"]', 'fr');
    await page.click('[data-testid="nav-forecast"]');
    await ready('forecast-movement');
    expect(await text('[data-testid="tab-movement"]')).toBe('Mouvements du pipeline');
    const movement = must(await app.core.pipelineMovement({ source: 'pipeline', from: '2026-10-01', to: '2026-11-01' }));
    const fr = createFormats({ locale: 'fr-FR', currency: 'EUR' });
    expect(await text('[data-testid="movement-amount-end"]')).toBe(fr.currency(movement.end.amount));
    await page.waitForTimeout(700);
    await app.shot('forecast-movement-fr.png');
    await page.click('[data-testid="tab-accuracy"]');
    await ready('forecast-accuracy');
    await page.selectOption('[data-testid="accuracy-by"]', 'owner');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<PageElement> } }).document.querySelectorAll('[data-testid="accuracy-row"]').length > 1);
    await ready('forecast-accuracy');
    expect(await text('[data-testid="accuracy-row"][data-group="Nicolas Bernard"] [data-reading]')).toMatch(/^Prévision .* au-dessus du réalisé : optimiste$/);
    await page.waitForTimeout(700);
    await app.shot('forecast-accuracy-fr.png');
    expect(app.pageErrors).toEqual([]);
  });
});

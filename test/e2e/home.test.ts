// Home, in a real browser on the demo workspace: the flash figures of the last complete month with
// their change against the month before (checked against DuckDB), at most ten tiles, and the links
// into the workspace's dashboards.
// Run `npx electron-vite build --outDir $PWD/out-shell` first, then QD_OUT_DIR=out-shell.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type PageElement } from './harness';

let app: App;
let page: Page;

/** The last complete month and the one before, as the app resolves them (the machine's local day). */
function months(): { current: string; previous: string; next: string } {
  const now = new Date();
  const first = (y: number, m: number) => {
    const d = new Date(Date.UTC(y, m, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
  };
  return {
    current: first(now.getFullYear(), now.getMonth() - 1),
    previous: first(now.getFullYear(), now.getMonth() - 2),
    next: first(now.getFullYear(), now.getMonth()),
  };
}

const tile = (kpi: string) => `[data-testid="home-tile"][data-kpi="${kpi}"]`;

beforeAll(async () => {
  app = await startApp({ viewport: { width: 1440, height: 900 } });
  page = app.page;
  const saved = await app.core.saveDashboard({
    id: 'd-review',
    name: 'Monthly review',
    widgets: [],
    filters: { period: 'last_complete_month', values: [], compare: 'previous_period' },
    updatedAt: new Date().toISOString(),
  });
  if (!saved.ok) throw new Error(saved.error.message);
});

afterAll(async () => {
  await app?.close();
});

describe('home', () => {
  it('shows at most ten flash figures, each computed', async () => {
    await page.click('[data-testid="nav-home"]');
    await page.waitForFunction(() => {
      const tiles = Array.from((globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<PageElement> } }).document.querySelectorAll('[data-testid="home-tile"]'));
      return tiles.length > 0 && tiles.every((t) => t.getAttribute('data-state') !== 'loading');
    });
    await page.waitForTimeout(800);
    await app.shot('home-light.png');
    const states = await page.$$eval('[data-testid="home-tile"]', (ts) => ts.map((t) => `${(t as unknown as PageElement).getAttribute('data-kpi')}:${(t as unknown as PageElement).getAttribute('data-state')}:${(t as unknown as PageElement).textContent}`));
    expect(states.filter((s) => !s.includes(':ready:'))).toEqual([]);
    const kpis = await page.$$eval('[data-testid="home-tile"]', (ts) => ts.map((t) => (t as unknown as PageElement).getAttribute('data-kpi')));
    expect(kpis.length).toBeGreaterThanOrEqual(6);
    expect(kpis.length).toBeLessThanOrEqual(10);
    expect(kpis).toEqual(expect.arrayContaining(['revenue_won', 'won_deals', 'conversion_rate', 'average_basket', 'sales_cycle_median', 'pipeline_value']));
  });

  it('gives the last complete month’s deals won and revenue won with their change against the month before', async () => {
    const { current, previous, next } = months();
    const table = await app.tableOf('deals');
    const [won] = await app.sql(
      `SELECT count(*) FILTER (WHERE closed_at >= DATE '${current}' AND closed_at < DATE '${next}')::INTEGER AS now,
              count(*) FILTER (WHERE closed_at >= DATE '${previous}' AND closed_at < DATE '${current}')::INTEGER AS before,
              sum(amount) FILTER (WHERE closed_at >= DATE '${current}' AND closed_at < DATE '${next}')::DOUBLE AS revenue_now,
              sum(amount) FILTER (WHERE closed_at >= DATE '${previous}' AND closed_at < DATE '${current}')::DOUBLE AS revenue_before
         FROM ${table} WHERE status = 'Won'`,
    );
    const now = Number(won!.now);
    const before = Number(won!.before);
    expect(await page.textContent(`${tile('won_deals')} [data-testid="kpi-tile-value"]`)).toBe(now.toLocaleString('en-US'));
    const pct = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    const change = (a: number, b: number) => pct.format((a - b) / Math.abs(b));
    expect(await page.textContent(`${tile('won_deals')} [data-testid="kpi-tile-change"]`)).toContain(change(now, before));
    const revenue = await page.$eval(`${tile('revenue_won')} [data-testid="kpi-tile-change"]`, (el) => ({
      text: (el as unknown as PageElement).textContent ?? '',
      direction: (el as unknown as PageElement).getAttribute('data-direction'),
    }));
    expect(revenue.text).toContain(change(Number(won!.revenue_now), Number(won!.revenue_before)));
    expect(revenue.direction).toBe(Number(won!.revenue_now) >= Number(won!.revenue_before) ? 'up' : 'down');
    const monthName = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
    expect(await page.textContent('[data-testid="home-period"]')).toContain(monthName.format(new Date(`${current}T00:00:00Z`)));
  });

  it('opens a dashboard from its link', async () => {
    await page.click('[data-testid="home-dashboards"] button:has-text("Monthly review")');
    await page.waitForSelector('[data-testid="dashboards-view"] [role="tab"][aria-selected="true"]');
    expect(await page.textContent('[role="tab"][aria-selected="true"]')).toBe('Monthly review');
    expect(await page.$eval('[data-testid="filter-period"]', (s) => (s as unknown as { value: string }).value)).toBe('last_complete_month');
  });

  it('follows the workspace’s display settings (locale, currency, dark theme)', async () => {
    const r = await app.core.saveSettings({ locale: 'fr-FR', currency: 'EUR', theme: 'dark' });
    expect(r.ok).toBe(true);
    await page.reload();
    await page.click('[data-testid="nav-home"]');
    await page.waitForSelector(`${tile('won_deals')}[data-state="ready"]`);
    await page.waitForTimeout(800);
    const value = (await page.textContent(`${tile('revenue_won')} [data-testid="kpi-tile-value"]`))!;
    // French money: the euro sign after the figure, a comma for decimals.
    expect(value).toMatch(/€$/);
    await app.shot('home-dark-fr.png');
    expect(app.pageErrors).toEqual([]);
  });
});

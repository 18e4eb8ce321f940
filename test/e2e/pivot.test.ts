// The pivot widget in the real app: a dashboard saved in the demo workspace with a pivot of revenue
// won by team › rep and quarter (subtotals), drawn by the browser-mode host in Chromium. Its figures
// are checked against SQL on the workspace's own table; then sort by value, fold a group, keyboard,
// select (cross-filter) and drill, a 5,000-row pivot scrolled to its end, light and dark screenshots.
// Run `npx electron-vite build` first (QD_OUT_DIR picks another build).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, Widget } from '../../shared/dashboard/types';
import { startApp, type App, type PageElement } from './harness';

const WON_2025 = [
  { column: 'status', op: 'eq' as const, values: ['Won'] },
  { column: 'closed_at', op: 'in_period' as const, period: { from: '2025-01-01', to: '2026-01-01' } },
];
const WON_2025_SQL = `status = 'Won' AND closed_at >= DATE '2025-01-01' AND closed_at < DATE '2026-01-01'`;

const revenue: Widget = {
  id: 'revenue',
  title: 'Revenue won by rep and quarter',
  chart: 'pivot',
  spec: {
    source: 'deals',
    measures: [{ op: 'sum', column: 'amount', label: 'Revenue won' }],
    dimensions: [{ column: 'team' }, { column: 'owner' }, { column: 'closed_at', grain: 'quarter' }],
    columns: ['d2'],
    totals: 'subtotals',
    filters: WON_2025,
  },
  options: { colorScale: true, higherIsBetter: true },
  // The dashboard's period does not apply: the widget's own filter says 2025.
  periodField: null,
  layout: { x: 0, y: 0, w: 12, h: 14 },
};

const deals: Widget = {
  id: 'deals',
  title: 'Every deal by rep',
  chart: 'pivot',
  spec: {
    source: 'deals',
    measures: [{ op: 'sum', column: 'amount', label: 'Amount' }, { op: 'count', label: 'Deals' }],
    dimensions: [{ column: 'owner' }, { column: 'deal_id' }],
    totals: 'subtotals',
  },
  periodField: null,
  layout: { x: 0, y: 14, w: 8, h: 12 },
};

const dashboard: Dashboard = {
  id: 'pivot-review',
  name: 'Pivot review',
  widgets: [revenue, deals],
  filters: { period: null, values: [], compare: null },
  updatedAt: '',
};

const euro = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 });
const money = (v: unknown) => euro.format(Math.round(Number(v)));

let app: App;
let table: string;

const widget = (id: string) => app.page.locator(`[data-testid="widget-pivot"]`).filter({ has: app.page.locator(`table[aria-label="${id}"]`) });
const rowLabels = (id: string) =>
  widget(id).locator('tbody tr.pivot-row th .pivot-label').allTextContents();

async function openDashboard(): Promise<void> {
  await app.page.reload();
  await app.page.getByTestId('nav-dashboards').click();
  await widget(revenue.title).locator('tbody tr.pivot-row').first().waitFor();
}

beforeAll(async () => {
  app = await startApp();
  const saved = await app.core.saveDashboard(dashboard);
  if (!saved.ok) throw new Error(saved.error.message);
  table = await app.tableOf('deals');
  await openDashboard();
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('pivot widget on the demo data', () => {
  it('draws team › rep by quarter with subtotals and the grand total, figures as SQL sums them', async () => {
    const pivot = widget(revenue.title);
    expect(await pivot.locator('table').getAttribute('role')).toBe('treegrid');
    const headers = await pivot.locator('thead th').evaluateAll((ths) => ths.map((th) => (th as unknown as PageElement).querySelector('.pivot-th-text')?.textContent ?? ''));
    expect(headers).toEqual(['team / owner', 'Q1 2025', 'Q2 2025', 'Q3 2025', 'Q4 2025', 'Grand total']);

    const teams = await app.sql(`SELECT team, sum(amount) AS v FROM ${table} WHERE ${WON_2025_SQL} GROUP BY 1 ORDER BY 1`);
    const groups = pivot.locator('tbody tr.pivot-row-group');
    expect(await groups.locator('.pivot-label').allTextContents()).toEqual(teams.map((t) => t.team));
    for (const [i, t] of teams.entries()) {
      expect(await groups.nth(i).locator('td').last().textContent()).toBe(money(t.v));
    }
    const [cell] = await app.sql(`SELECT sum(amount) AS v FROM ${table} WHERE ${WON_2025_SQL} AND owner = 'Oliver Bennett'
      AND closed_at >= DATE '2025-04-01' AND closed_at < DATE '2025-07-01'`);
    const oliver = pivot.locator('tbody tr', { has: app.page.locator('th', { hasText: 'Oliver Bennett' }) });
    expect(await oliver.locator('td').nth(1).textContent()).toBe(money(cell!.v));
    const [grand] = await app.sql(`SELECT sum(amount) AS v FROM ${table} WHERE ${WON_2025_SQL}`);
    const footer = pivot.getByTestId('pivot-grand-total');
    expect(await footer.locator('th').textContent()).toBe('Grand total');
    expect(await footer.locator('td').last().textContent()).toBe(money(grand!.v));
    // The colour scale tints detail figures, not totals.
    expect(await oliver.locator('td').nth(1).getAttribute('style')).toMatch(/background-color: rgba/);
    expect(await oliver.locator('td').last().getAttribute('style')).toBeNull();
    await app.shot('pivot-light.png');
  });

  it('sorts by the grand total column: teams, then reps within each team, descending then ascending', async () => {
    const pivot = widget(revenue.title);
    const header = pivot.locator('thead th', { hasText: 'Grand total' });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const expected = await app.sql(`SELECT team, owner, sum(amount) AS v, sum(sum(amount)) OVER (PARTITION BY team) AS team_v
      FROM ${table} WHERE ${WON_2025_SQL} GROUP BY team, owner ORDER BY team_v DESC, v DESC`);
    const order: string[] = [];
    for (const e of expected) {
      if (!order.includes(String(e.team))) order.push(String(e.team));
      order.push(String(e.owner));
    }
    expect(await rowLabels(revenue.title)).toEqual(order);
    await app.shot('pivot-sorted.png');

    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await rowLabels(revenue.title);
    expect(ascending[0]).toBe(order.filter((x) => expected.some((e) => e.team === x)).at(-1));
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('none');
    // Back in the result's order: teams by name.
    expect((await rowLabels(revenue.title))[0]).toBe('Enterprise');
  });

  it('folds a team to its subtotal, and unfolds it from the keyboard', async () => {
    const pivot = widget(revenue.title);
    const reps = await app.sql(`SELECT DISTINCT owner FROM ${table} WHERE ${WON_2025_SQL} AND team = 'Enterprise' ORDER BY 1`);
    const before = await rowLabels(revenue.title);
    await pivot.getByRole('button', { name: 'Collapse Enterprise' }).click();
    const enterprise = pivot.locator('tbody tr.pivot-row-group').first();
    expect(await enterprise.getAttribute('aria-expanded')).toBe('false');
    const after = await rowLabels(revenue.title);
    expect(after).toHaveLength(before.length - reps.length);
    for (const r of reps) expect(after).not.toContain(r.owner);
    const [subtotal] = await app.sql(`SELECT sum(amount) AS v FROM ${table} WHERE ${WON_2025_SQL} AND team = 'Enterprise'`);
    expect(await enterprise.locator('td').last().textContent()).toBe(money(subtotal!.v));
    await app.shot('pivot-collapsed.png');

    // Keyboard: focus the row header (a click would also select the team), Right unfolds, Down
    // moves to the first rep, Right to its first figure.
    await enterprise.locator('th').focus();
    await app.page.keyboard.press('ArrowRight');
    expect(await enterprise.getAttribute('aria-expanded')).toBe('true');
    expect(await rowLabels(revenue.title)).toEqual(before);
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowRight');
    const focused = await app.page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: PageElement | null } }).document.activeElement;
      return el ? [el.getAttribute('data-cell'), el.textContent] : null;
    });
    const [first] = await app.sql(`SELECT sum(amount) AS v FROM ${table} WHERE ${WON_2025_SQL} AND owner = '${String(reps[0]!.owner).replace(/'/g, "''")}'
      AND closed_at >= DATE '2025-01-01' AND closed_at < DATE '2025-04-01'`);
    expect(focused).toEqual(['1:1', first!.v === null ? '' : money(first!.v)]);
  });

  it('a 5,000-row pivot keeps a window of rows in the DOM and scrolls to its last deal', async () => {
    const pivot = widget(deals.title);
    await pivot.scrollIntoViewIfNeeded();
    await pivot.locator('tbody tr.pivot-row').first().waitFor();
    const [counts] = await app.sql(`SELECT count(*) AS deals, count(DISTINCT owner) AS reps, max(deal_id) FILTER (WHERE owner = (SELECT max(owner) FROM ${table})) AS last FROM ${table}`);
    expect(await pivot.locator('table').getAttribute('aria-rowcount')).toBe(String(2 + Number(counts!.deals) + Number(counts!.reps)));
    expect(await pivot.locator('tbody tr.pivot-row').count()).toBeLessThan(100);
    const scroller = pivot.locator('.pivot-scroll');
    for (let i = 0; i < 20; i++) {
      await scroller.evaluate((el) => ((el as unknown as PageElement).scrollTop += 4000));
    }
    await scroller.evaluate((el) => {
      const e = el as unknown as PageElement;
      e.scrollTop = e.scrollHeight;
    });
    await expect.poll(async () => (await rowLabels(deals.title)).at(-1)).toBe(counts!.last);
    expect(await pivot.locator('tbody tr.pivot-row').count()).toBeLessThan(100);
    // The last row sits above the sticky grand total, not under it.
    const boxes = await Promise.all([pivot.locator('tbody tr.pivot-row').last().boundingBox(), pivot.getByTestId('pivot-grand-total').boundingBox()]);
    expect(boxes[0]!.y + boxes[0]!.height).toBeLessThanOrEqual(boxes[1]!.y + 1);
    await app.shot('pivot-large-end.png');
  });

  it('a click selects a figure (cross-filter); Enter or a double-click drills into its deals', async () => {
    const pivot = widget(revenue.title);
    const oliver = pivot.locator('tbody tr', { has: app.page.locator('th', { hasText: 'Oliver Bennett' }) });
    const q2 = oliver.locator('td').nth(1);
    await q2.click();
    await expect.poll(() => q2.getAttribute('aria-selected')).toBe('true');
    // One chip per dimension of the figure: team, rep, quarter.
    const chips = app.page.getByTestId('cross-chip');
    expect(await chips.allTextContents()).toEqual([
      expect.stringContaining('Enterprise'),
      expect.stringContaining('Oliver Bennett'),
      expect.stringContaining('Q2 2025'),
    ]);
    await app.shot('pivot-selected.png');

    const count = async (quarter: string) => {
      const [n] = await app.sql(`SELECT count(*) AS n FROM ${table} WHERE ${WON_2025_SQL} AND owner = 'Oliver Bennett'
        AND closed_at >= DATE '${quarter}' AND closed_at < DATE '${quarter}' + INTERVAL 3 MONTH`);
      return String(Number(n!.n));
    };
    const panel = app.page.getByTestId('drill-panel');
    // Enter on the focused figure.
    await q2.focus();
    await app.page.keyboard.press('Enter');
    await panel.waitFor();
    await expect.poll(() => panel.getByTestId('drill-count').getAttribute('data-count')).toBe(await count('2025-04-01'));
    await panel.getByTestId('drill-close').click();
    await panel.waitFor({ state: 'detached' });

    // A double-click on another figure: it becomes the selection (once) and its deals open.
    const q3 = oliver.locator('td').nth(2);
    await q3.dblclick();
    await panel.waitFor();
    await expect.poll(() => panel.getByTestId('drill-count').getAttribute('data-count')).toBe(await count('2025-07-01'));
    await panel.getByTestId('drill-close').click();
    expect(await q3.getAttribute('aria-selected')).toBe('true');
    expect(await chips.allTextContents()).toEqual([
      expect.stringContaining('Enterprise'),
      expect.stringContaining('Oliver Bennett'),
      expect.stringContaining('Q3 2025'),
    ]);
    // Removing the chips clears the selection.
    while ((await chips.count()) > 0) {
      const before = await chips.count();
      await chips.first().getByRole('button').click();
      await expect.poll(() => chips.count()).toBe(before - 1);
    }
    expect(await pivot.locator('[aria-selected="true"]').count()).toBe(0);
  });

  it('follows the dark theme', async () => {
    const saved = await app.core.saveSettings({ theme: 'dark' });
    expect(saved.ok).toBe(true);
    await openDashboard();
    const pivot = widget(revenue.title);
    expect(await app.page.evaluate(() => (globalThis as unknown as { document: { documentElement: PageElement } }).document.documentElement.getAttribute('data-theme'))).toBe('dark');
    expect(await pivot.getAttribute('data-theme-scale')).toBe('dark');
    const oliver = pivot.locator('tbody tr', { has: app.page.locator('th', { hasText: 'Oliver Bennett' }) });
    // The dark palette of the scale (green for the good end, red for the bad).
    const styles = await oliver.locator('td').evaluateAll((tds) => tds.map((td) => (td as unknown as PageElement).getAttribute('style') ?? ''));
    expect(styles.some((s) => /rgba\((64, 192, 87|250, 82, 82)/.test(s))).toBe(true);
    await app.page.mouse.move(0, 0);
    await app.shot('pivot-dark.png');
    expect(app.pageErrors).toEqual([]);
  });
});

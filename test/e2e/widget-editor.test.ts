// The widget editor in the real app, driven with the mouse the way a sales director would: from the
// dashboard's "Add widget", build "won amount by segment per quarter" by dragging fields onto the
// shelves (amount on Values, segment on Columns, closed date on Rows by quarter, status = Won on
// Filters), check the live preview against SQL on the workspace's tables, save, and find the widget
// on the dashboard and in the workspace, its spec naming roles. Then the keyboard's "add to…" menu,
// a calculated measure with autocomplete and an inline error, a KPI in one click, and Escape.
// Run `npx electron-vite build` first (QD_OUT_DIR picks another build).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../shared/dashboard/types';
import { startApp, type App } from './harness';

const dashboard: Dashboard = {
  id: 'sales-review',
  name: 'Sales review',
  widgets: [],
  filters: { period: null, values: [], compare: null },
  updatedAt: '',
};

let app: App;

const editor = () => app.page.getByTestId('widget-editor');
const field = (column: string) => app.page.locator(`[data-testid="field-${column}"]`);
const shelf = (id: string) => app.page.getByTestId(`shelf-${id}`);

async function drag(column: string, to: string): Promise<void> {
  await field(column).scrollIntoViewIfNeeded();
  await field(column).dragTo(shelf(to));
}

/** Waits until the preview's chart canvas has drawn something (the page function is plain JS: no DOM types here). */
async function chartDrawn(): Promise<void> {
  await app.page.waitForFunction(`(() => {
    const canvas = document.querySelector('[data-testid="preview-chart"] canvas');
    if (!canvas || canvas.width === 0) return false;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 64) if (data[i] > 0) painted++;
    return painted > 200;
  })()`);
}

beforeAll(async () => {
  app = await startApp();
  const saved = await app.core.saveDashboard(dashboard);
  if (!saved.ok) throw new Error(saved.error.message);
  await app.page.getByTestId('nav-dashboards').click();
  await app.page.getByTestId('dashboard-empty').waitFor();
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('widget editor', () => {
  it('opens from "Add widget" on the enriched deals, fields grouped by role', async () => {
    await app.page.getByTestId('add-widget').click();
    await editor().waitFor();
    expect(await app.page.getByTestId('source-picker').inputValue()).toBe('deals (enriched)');
    const sections = await app.page.locator('.we-field-section-title').allTextContents();
    expect(sections.slice(0, 4)).toEqual(['Deal', 'Account', 'Rep', 'Time']);
    expect(sections).toContain('Other fields · reps');
    // A joined column shows its own name and its role.
    expect(await field('accounts.segment').textContent()).toMatch(/segment/);
    await app.page.getByTestId('field-search').fill('SÉGMENT');
    expect(await app.page.locator('[data-testid^="field-"][role="listitem"]').count()).toBe(1);
    await app.page.getByTestId('field-search').fill('');
    await app.shot('widget-editor-empty.png');
  });

  it('builds "won amount by segment per quarter" with the mouse, and the preview shows the SQL figures', async () => {
    await drag('amount', 'values');
    await drag('accounts.segment', 'columns');
    await drag('closed_at', 'rows');
    await app.page.getByTestId('chip-rows-closed_at-open').click();
    await app.page.getByTestId('grain-closed_at').selectOption('quarter');
    await app.page.getByTestId('chip-rows-closed_at-open').click();

    await drag('status', 'filters');
    const filterChip = shelf('filters').locator('.we-chip').first();
    await filterChip.locator('.we-chip-main').click();
    const won = filterChip.locator('label.we-value', { hasText: /^Won/ });
    const typed = filterChip.locator('input[data-testid^="filter-values-"]');
    await expect.poll(async () => (await won.count()) + (await typed.count()), { timeout: 10_000 }).toBeGreaterThan(0);
    if ((await won.count()) > 0) await won.locator('input').check();
    else await typed.fill('Won');
    await app.shot('widget-editor-filter-values.png');
    await filterChip.locator('.we-chip-main').click();
    expect(await filterChip.locator('.we-chip-detail').textContent()).toBe('Won');

    expect(await app.page.getByTestId('widget-title').inputValue()).toBe('Amount (sum) by segment per quarter');

    // Columns, stacked: the segment mix of each quarter.
    await app.page.getByTestId('chart-kind-column').click();
    await app.page.getByTestId('option-stacking').selectOption('stacked');

    const table = await app.tableOf('deals');
    const accounts = await app.tableOf('accounts');
    const groups = await app.sql(`SELECT count(*) AS n FROM (SELECT DISTINCT date_trunc('quarter', d.closed_at), a.segment
      FROM ${table} d LEFT JOIN ${accounts} a ON a.account_name = d.account WHERE d.status = 'Won')`);
    const n = Number(groups[0]!.n);
    expect(n).toBeGreaterThan(12);
    await expect.poll(() => app.page.getByTestId('preview-rows').textContent(), { timeout: 15_000 }).toBe(`${n} rows`);
    await chartDrawn();

    // The figures behind the chart: one quarter's segments as SQL sums them.
    await app.page.getByTestId('preview-figures').locator('summary').click();
    const [q] = await app.sql(`SELECT a.segment AS segment, sum(d.amount) AS v FROM ${table} d LEFT JOIN ${accounts} a ON a.account_name = d.account
      WHERE d.status = 'Won' AND d.closed_at >= DATE '2025-04-01' AND d.closed_at < DATE '2025-07-01' AND a.segment = 'Gold' GROUP BY 1`);
    const euro = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 });
    const cells = await app.page
      .getByTestId('preview-figures')
      .locator('tr', { hasText: 'Gold' })
      .filter({ hasText: /Q2 2025|Apr 2025|2025-04-01/ })
      .allTextContents();
    expect(cells.length).toBe(1);
    expect(cells[0]).toContain(euro.format(Math.round(Number(q!.v))));
    await app.page.getByTestId('preview-figures').locator('summary').click();
    await chartDrawn();
    await app.page.waitForTimeout(800);
    await app.shot('widget-editor-won-by-segment.png');
  });

  it('saves: the widget is on the dashboard and in the workspace, its spec naming roles', async () => {
    await app.page.getByTestId('widget-save').click();
    await editor().waitFor({ state: 'detached' });
    await expect
      .poll(async () => {
        const r = await app.core.listDashboards();
        return r.ok ? (r.value.find((d) => d.id === dashboard.id)?.widgets.length ?? 0) : 0;
      }, { timeout: 15_000 })
      .toBe(1);
    const r = await app.core.listDashboards();
    const widget = r.ok ? r.value.find((d) => d.id === dashboard.id)!.widgets[0]! : null;
    expect(widget).toMatchObject({
      title: 'Amount (sum) by segment per quarter',
      chart: 'column',
      options: { stacking: 'stacked' },
      spec: {
        source: 'deals (enriched)',
        measures: [{ id: 'amount_sum', op: 'sum', role: 'amount' }],
        dimensions: [
          { id: 'closed_at', role: 'closed_at', grain: 'quarter' },
          { id: 'segment', role: 'segment' },
        ],
        columns: ['segment'],
        filters: [{ role: 'status', op: 'in', values: ['Won'] }],
      },
    });
    await app.page.waitForTimeout(1500);
    await app.shot('widget-editor-saved-dashboard.png');
  });

  it('keyboard: "add to…" menu, a calculated measure with autocomplete and inline errors, a KPI in one click, Escape closes', async () => {
    await app.page.getByTestId('add-widget').click();
    await editor().waitFor();
    // The owner field to Rows, from its menu, with the keyboard only.
    await field('owner').locator('[data-testid="field-owner-add"]').focus();
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('Enter');
    expect(await shelf('columns').locator('.we-chip').count()).toBe(0);
    expect(await shelf('rows').locator('.we-chip-label').allTextContents()).toEqual(['owner']);

    // A calculated measure: autocomplete of the role, then a syntax error shown where it is.
    await app.page.getByTestId('add-formula').click();
    await app.page.getByTestId('formula-name').fill('Win rate');
    const input = app.page.getByTestId('formula-input');
    await input.click();
    await input.pressSequentially("count_if(@stat");
    await app.page.getByTestId('formula-suggestions').waitFor();
    expect(await app.page.getByTestId('formula-suggestions').locator('li').first().textContent()).toMatch(/@status/);
    await app.page.keyboard.press('Tab');
    await input.pressSequentially(" = 'Won') / ");
    await expect.poll(() => app.page.getByTestId('formula-error').textContent()).toMatch(/Line 1, column 29/);
    expect(await app.page.getByTestId('formula-submit').isDisabled()).toBe(true);
    // After an operator the list stays closed until a name is typed: the error is in view.
    expect(await app.page.getByTestId('formula-suggestions').count()).toBe(0);
    await app.shot('widget-editor-formula-error.png');
    await input.pressSequentially('count()');
    await app.page.getByTestId('formula-ok').waitFor();
    expect(await input.inputValue()).toBe("count_if(@status = 'Won') / count()");
    await app.page.getByTestId('formula-submit').click();

    // A catalog KPI in one click.
    await app.page.getByTestId('tab-kpis').click();
    await app.page.getByTestId('kpi-revenue_won').click();
    const values = await shelf('values').locator('.we-chip-label').allTextContents();
    expect(values).toEqual(['Win rate', 'Revenue won']);
    await expect.poll(() => app.page.getByTestId('preview-rows').textContent(), { timeout: 15_000 }).toMatch(/^\d+ rows$/);
    const table = await app.tableOf('deals');
    const [reps] = await app.sql(`SELECT count(DISTINCT owner) AS n FROM ${table}`);
    expect(await app.page.getByTestId('preview-rows').textContent()).toBe(`${Number(reps!.n)} rows`);
    await app.page.waitForTimeout(800);
    await app.shot('widget-editor-formula-kpi.png');

    // The same figures as a pivot table with grand totals.
    await app.page.getByTestId('chart-kind-pivot').click();
    await app.page.getByTestId('option-totals').selectOption('grand');
    await app.page.getByTestId('preview-pivot').locator('tbody tr').first().waitFor();
    await expect.poll(() => app.page.getByTestId('preview-rows').textContent(), { timeout: 15_000 }).toBe(`${Number(reps!.n) + 1} rows`);
    await app.shot('widget-editor-pivot.png');

    // Escape closes without saving.
    await app.page.getByTestId('widget-title').focus();
    await app.page.keyboard.press('Escape');
    await editor().waitFor({ state: 'detached' });
    const r = await app.core.listDashboards();
    expect(r.ok && r.value.find((d) => d.id === dashboard.id)!.widgets.length).toBe(1);
    expect(app.pageErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  it('edits the saved widget, in French and the dark theme: the shelves come back as they were saved', async () => {
    const settings = await app.core.saveSettings({ theme: 'dark' });
    expect(settings.ok).toBe(true);
    await app.page.evaluate(`localStorage.setItem('quarterdeck.language', 'fr')`);
    await app.page.reload();
    await app.page.getByTestId('nav-dashboards').click();
    const frame = app.page.getByTestId('widget').first();
    await frame.waitFor();
    await frame.getByTestId('widget-menu').click();
    await app.page.getByTestId('menu-item-edit').click();
    await editor().waitFor();
    expect(await app.page.getByTestId('widget-title').inputValue()).toBe('Amount (sum) by segment per quarter');
    expect(await shelf('rows').locator('.we-shelf-title').textContent()).toBe('Lignes');
    expect(await shelf('rows').locator('.we-chip-detail').textContent()).toBe('Trimestre');
    expect(await shelf('columns').locator('.we-chip-label').textContent()).toBe('segment');
    expect(await shelf('values').locator('.we-chip-detail').textContent()).toBe('Somme');
    expect(await shelf('filters').locator('.we-chip-detail').textContent()).toBe('Won');
    expect(await app.page.getByTestId('chart-kind-column').getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => app.page.getByTestId('preview-rows').textContent(), { timeout: 15_000 }).toMatch(/^\d+ lignes$/);
    await chartDrawn();
    await app.page.waitForTimeout(800);
    await app.shot('widget-editor-edit-fr-dark.png');
    await app.page.getByTestId('widget-cancel').click();
    await editor().waitFor({ state: 'detached' });
  });
});

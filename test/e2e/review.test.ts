// End to end, the monthly loop as a sales director runs it in the browser host:
// - the demo workspace without its last pipeline export; "Monthly business-model review" run for
//   September 2026 from the template library, a note and a corrective action written, the review
//   frozen;
// - next month's pipeline export imported through the import dialog (the real import path), the
//   review run again for October: every figure beside September's frozen value, the open action
//   carried over; exported as HTML and as PDF, the PDF's pages opened as images;
// - the same template on a Zoho export: the guided fixes (a column for each missing role, another
//   period) make it run, without editing the template.
// Screenshots in test/e2e/output/review-*.png. Run `npx electron-vite build` first.
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemo } from '../../electron/core/demo';
import { OUTPUT, ROOT, startApp, type App, type PageElement } from './harness';

/** The page's document, typed loosely (the node project has no DOM types). */
type PageDocument = { document: { querySelector(selector: string): (PageElement & { scrollTo(x: number, y: number): void; scrollIntoView(): void }) | null } };

const SAMPLES = join(ROOT, 'resources/samples');
const LAST = join(SAMPLES, 'snapshots', 'deals-2026-11-01.csv');
const ZOHO = '/work/shared/data/zoho-crm-sample-export/Potentials.csv';

function samplesWithoutLast(dir: string): string {
  const samples = join(dir, 'samples');
  mkdirSync(join(samples, 'snapshots'), { recursive: true });
  for (const f of readdirSync(SAMPLES)) if (f.endsWith('.csv')) copyFileSync(join(SAMPLES, f), join(samples, f));
  cpSync(join(SAMPLES, 'snapshots'), join(samples, 'snapshots'), { recursive: true, filter: (src) => !src.endsWith('deals-2026-11-01.csv') });
  return samples;
}

async function importThroughDialog(app: App, file: string): Promise<void> {
  await app.page.click('[data-testid="nav-data"]');
  await app.page.setInputFiles('[data-testid="file-input"]', file);
  await app.page.waitForSelector('[data-testid="import-dialog"] [data-testid="import-summary"]', { timeout: 60_000 });
  await app.page.waitForSelector('[data-testid="import-dialog"] [data-testid="inspect-loading"]', { state: 'detached', timeout: 60_000 });
  await app.page.waitForSelector('[data-testid="import-dialog"] [data-testid="import-confirm"]:enabled', { timeout: 60_000 });
  await app.page.click('[data-testid="import-dialog"] [data-testid="import-confirm"]');
  await app.page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached', timeout: 120_000 });
}

/** Sets a date input React listens to. */
async function setDate(app: App, selector: string, value: string): Promise<void> {
  await app.page.fill(selector, value);
}

/** Opens a PDF in Chromium's viewer and saves each asked page as a PNG. */
async function pdfPages(app: App, file: string, name: string, pages: number[]): Promise<void> {
  for (const n of pages) {
    // A page of its own for each: the viewer reads the page fragment when it opens.
    const viewer = await app.browser.newPage({ viewport: { width: 1000, height: 1300 } });
    try {
      await viewer.goto(`file://${file}#page=${n}&toolbar=0&view=FitH`);
      await viewer.waitForTimeout(2000);
      await viewer.screenshot({ path: join(OUTPUT, `${name}-p${n}.png`) });
    } finally {
      await viewer.close();
    }
  }
}

describe('the monthly business-model review, month after month', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp({ demo: false, viewport: { width: 1440, height: 1000 } });
    const demo = await ensureDemo(app.core, samplesWithoutLast(app.dir));
    if (!demo.ok) throw new Error(demo.error.message);
    app.page.on('dialog', (d) => void d.accept());
    await app.page.reload();
    await app.page.waitForSelector('[data-testid="nav-templates"]');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('runs the template for September, with a note and an action, and freezes it', async () => {
    const { page } = app;
    await page.click('[data-testid="nav-templates"]');
    await page.waitForSelector('[data-testid="template-card-monthly-business-review"]');
    const builtins = await page.$$eval('[data-testid="templates-group-builtin"] [data-testid^="template-card-"]', (cards) => cards.length);
    expect(builtins).toBe(5);
    await app.shot('review-templates-library.png');

    await page.click('[data-testid="template-review-monthly-business-review"]');
    await page.waitForSelector('[data-testid="apply-dialog"] [data-testid="apply-ready"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="apply-period-text"]')).toContain('October 2026');
    await page.selectOption('[data-testid="apply-period"]', 'custom');
    await page.waitForSelector('[data-testid="apply-period-from"]');
    await setDate(app, '[data-testid="apply-period-from"]', '2026-09-01');
    await setDate(app, '[data-testid="apply-period-to"]', '2026-09-30');
    await page.waitForFunction(() => (globalThis as unknown as PageDocument).document.querySelector('[data-testid="apply-period-text"]')?.textContent?.includes('September 2026'), null, { timeout: 30_000 });
    await page.waitForSelector('[data-testid="apply-dialog"] [data-testid="apply-ready"]', { timeout: 30_000 });
    await app.shot('review-apply-dialog.png');
    await page.click('[data-testid="apply-run"]');

    await page.waitForSelector('[data-testid="review-page"]', { timeout: 120_000 });
    expect(await page.textContent('[data-testid="review-period"]')).toBe('September 2026');
    expect(await page.textContent('[data-testid="review-compared"]')).toContain('First review');
    await page.waitForSelector('[data-testid="review-chart-segment-revenue"] svg', { timeout: 30_000 });

    await page.fill('[data-testid="review-widget-segment-revenue"] [data-testid="note-segment-revenue"]', 'Gold pays: keep the Enterprise team on it.');
    await page.click('[data-testid="add-action-rep-conversion"]');
    const row = '[data-testid="actions-rep-conversion"] [data-testid="action-rep-conversion-0"]';
    await page.fill(`${row} [data-testid="action-text"]`, 'Coach Léa Dubois on qualification');
    await page.fill(`${row} [data-testid="action-owner"]`, 'Catherine Vasseur');
    await page.fill(`${row} [data-testid="action-due"]`, '2026-10-31');
    await page.waitForFunction(() => (globalThis as unknown as PageDocument).document.querySelector('[data-testid="review-save-state"]')?.textContent === 'Notes saved', null, { timeout: 30_000 });
    await page.evaluate(() => (globalThis as unknown as PageDocument).document.querySelector('.review-main')?.scrollTo(0, 0));
    await app.shot('review-september-draft.png');

    await page.click('[data-testid="review-freeze"]');
    await page.waitForFunction(() => (globalThis as unknown as PageDocument).document.querySelector('[data-testid="review-status"]')?.textContent?.startsWith('Frozen'), null, { timeout: 30_000 });
    const stored = await app.core.listReviews();
    expect(stored.ok && stored.value.map((r) => [r.status, r.openActions])).toEqual([['frozen', 1]]);
    const review = stored.ok ? await app.core.getReview(stored.value[0]!.id) : null;
    expect(review?.ok && review.value.review.notes).toEqual({ 'segment-revenue': 'Gold pays: keep the Enterprise team on it.' });
  });

  it('imports next month\'s export and runs October: comparison and the carried-over action', async () => {
    const { page } = app;
    await importThroughDialog(app, LAST);
    const pipeline = await app.core.workspace.findSource('pipeline');
    expect(pipeline?.snapshots.at(-1)?.date).toBe('2026-11-01');

    await page.click('[data-testid="nav-reviews"]');
    await page.waitForSelector('[data-testid="review-page"]');
    await page.click('[data-testid="review-new"]');
    await page.selectOption('[data-testid="review-new-template"]', 'monthly-business-review');
    await page.click('[data-testid="review-new-check"]');
    await page.waitForSelector('[data-testid="apply-dialog"] [data-testid="apply-ready"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="apply-period-text"]')).toContain('October 2026');
    await page.click('[data-testid="apply-run"]');
    await page.waitForFunction(() => (globalThis as unknown as PageDocument).document.querySelector('[data-testid="review-period"]')?.textContent === 'October 2026', null, { timeout: 120_000 });

    expect(await page.textContent('[data-testid="review-compared"]')).toBe('Compared with the review of September 2026');
    const last = await page.textContent('[data-testid="review-tile-flash-revenue"] [data-testid="review-tile-last"]');
    const reviews = await app.core.listReviews();
    const september = reviews.ok ? reviews.value.find((r) => r.period.from === '2026-09-01')! : null;
    const frozen = september ? await app.core.getReview(september.id) : null;
    const value = frozen?.ok ? frozen.value.review.widgets.find((w) => w.widgetId === 'flash-revenue')!.kpi!.figures.value! : NaN;
    expect(last).toContain(`Last review: ${new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value)}`);
    const carried = await page.textContent('[data-testid="actions-rep-conversion"] [data-testid="action-carried"]');
    expect(carried).toBe('Carried over from the review of September 2026');
    expect(await page.inputValue('[data-testid="actions-rep-conversion"] [data-testid="action-text"]')).toBe('Coach Léa Dubois on qualification');
    await page.waitForSelector('[data-testid="review-chart-pipeline-history"] svg');
    await page.evaluate(() => (globalThis as unknown as PageDocument).document.querySelector('.review-main')?.scrollTo(0, 0));
    await app.shot('review-october.png');
    await page.evaluate(() => (globalThis as unknown as PageDocument).document.querySelector('[data-testid="review-widget-rep-conversion"]')?.scrollIntoView());
    await app.shot('review-october-actions.png');
  });

  it('exports the October review as one HTML file and as a PDF', async () => {
    const { page } = app;
    const [html] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="review-export-html"]')]);
    const htmlPath = join(OUTPUT, 'review-october.html');
    await html.saveAs(htmlPath);
    const text = readFileSync(htmlPath, 'utf8');
    expect(text).toContain('Compared with the review of September 2026');
    expect(text).toContain('Coach Léa Dubois on qualification');
    expect(text).not.toMatch(/<(script|link|img)\b/);

    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-testid="review-export-pdf"]')]);
    const pdfPath = join(OUTPUT, 'review-october.pdf');
    await pdf.saveAs(pdfPath);
    const bytes = readFileSync(pdfPath);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(4);
    await pdfPages(app, pdfPath, 'review-october-pdf', [1, 2, 3, pages]);

    // The same pack in French, anonymised, for a workshop.
    await page.selectOption('[data-testid="review-export-language"]', 'fr');
    await page.check('[data-testid="review-anonymise"]');
    const [anon] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-testid="review-export-pdf"]')]);
    const anonPath = join(OUTPUT, 'review-october-fr-anonymised.pdf');
    await anon.saveAs(anonPath);
    await pdfPages(app, anonPath, 'review-october-fr-anonymised-pdf', [1, 3]);
    expect(app.pageErrors).toEqual([]);
  });
});

describe('the same template on a Zoho export, after guided fixes', () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp({ demo: false, viewport: { width: 1440, height: 1000 } });
    await app.page.waitForSelector('[data-testid="nav-templates"]');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('asks for the close date and the segment, proposes a period with data, then runs', async () => {
    const { page } = app;
    await importThroughDialog(app, ZOHO);
    await page.click('[data-testid="nav-templates"]');
    await page.click('[data-testid="template-review-monthly-business-review"]');
    await page.waitForSelector('[data-testid="apply-dialog"] [data-testid="apply-blocked"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="problem-missing_role-closed_at"]');
    await page.waitForSelector('[data-testid="problem-missing_role-segment"]');
    await app.shot('review-zoho-problems.png');

    await page.selectOption('[data-testid="fix-role-closed_at"]', 'Closing Date');
    await page.waitForSelector('[data-testid="problem-missing_role-closed_at"]', { state: 'detached', timeout: 30_000 });
    await page.selectOption('[data-testid="fix-role-segment"]', 'Amount Tier');
    await page.waitForSelector('[data-testid="fix-period"]', { timeout: 30_000 });
    await app.shot('review-zoho-period.png');
    await page.click('[data-testid="fix-period"]');
    await page.waitForSelector('[data-testid="apply-dialog"] [data-testid="apply-ready"]', { timeout: 30_000 });
    await app.shot('review-zoho-ready.png');
    await page.click('[data-testid="apply-run"]');
    await page.waitForSelector('[data-testid="review-page"]', { timeout: 120_000 });
    expect(await page.textContent('[data-testid="review-period"]')).toMatch(/2021/);
    const stored = await app.core.getWorkspace();
    expect(stored.ok && stored.value.sources.find((s) => s.name === 'Potentials')?.roles).toMatchObject({ closed_at: 'Closing Date', segment: 'Amount Tier' });
    await page.waitForSelector('[data-testid="review-chart-segment-revenue"] svg', { timeout: 30_000 });
    await app.shot('review-zoho-review.png');
    const reviews = await app.core.listReviews();
    const review = reviews.ok ? await app.core.getReview(reviews.value[0]!.id) : null;
    expect(review?.ok && review.value.review.widgets.filter((w) => w.error)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});

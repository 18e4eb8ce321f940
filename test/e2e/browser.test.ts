// End to end, in a real browser: the browser-mode host on a temp workspace with the demo data,
// Debian's Chromium driven by playwright-core, the renderer used the way a sales director would.
// Run `npx electron-vite build` first (the test serves out/renderer).
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreApi } from '../../electron/core/api';
import { ensureDemo } from '../../electron/core/demo';
import { startHttpHost, type HttpHost } from '../../electron/server/http-host';
import { quoteIdent } from '../../shared/spec/quote';

const ROOT = resolve(__dirname, '../..');
const RENDERER = join(process.env.QD_OUT_DIR ? resolve(ROOT, process.env.QD_OUT_DIR) : join(ROOT, 'out'), 'renderer');
const SAMPLES = join(ROOT, 'resources/samples');
const OUTPUT = join(ROOT, 'test/e2e/output');
const MAVEN = resolve(ROOT, '../shared/data/maven-crm-sales-opportunities/sales_pipeline.csv');
const CHROMIUM = '/usr/bin/chromium';
// The demo's sources, each enriched model right after its base source.
const DEMO = [
  'deals',
  'deals (enriched)',
  'accounts',
  'reps',
  'activities',
  'activities (enriched)',
  'costs',
  'targets',
  'targets (enriched)',
  'pipeline',
];

// The figures table formats like this (en-US, at most 2 decimals); the test formats independently.
const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A measure column shows every row with the decimals its most precise value needs (at most 2). */
function columnFormat(values: number[]): (v: number) => string {
  const decimals = Math.max(0, ...values.map((v) => (v.toFixed(2).split('.')[1] ?? '').replace(/0+$/, '').length));
  const f = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return (v) => f.format(v);
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// The functions passed to page.$eval run in the page; the node project has no DOM types, so the
// few DOM members they use are declared here.
interface PageElement {
  textContent: string | null;
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}
declare const requestAnimationFrame: (callback: (now: number) => void) => number;

let dir: string;
let core: CoreApi;
let host: HttpHost;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** Brings the chart back into view and lets its animation finish. */
async function settleChart(): Promise<void> {
  await page.$eval('.chart-main', (el) => {
    (el as unknown as PageElement).scrollTop = 0;
  });
  await page.waitForTimeout(1200);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(OUTPUT, name) });
}

/** Runs a check query on the workspace the app is using (through the core: one writer per file). */
async function sql(query: string): Promise<Record<string, unknown>[]> {
  const conn = await core.workspace.connect();
  try {
    return (await conn.runAndReadAll(query)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
  }
}

async function tableOf(source: string): Promise<string> {
  const record = await core.workspace.findSource(source);
  if (!record) throw new Error(`no source ${source}`);
  return quoteIdent(record.table);
}

/** The figures table under the chart, as text cells. */
async function figures(): Promise<string[][]> {
  return page.$$eval('[data-testid="results-table"] tbody tr', (rows) =>
    rows.map((r) => Array.from((r as unknown as PageElement).querySelectorAll('td'), (td) => (td.textContent ?? '').trim())),
  );
}

async function sourceNames(): Promise<string[]> {
  return page.$$eval('[data-testid^="source-item-"]', (items) =>
    items.map((i) => (i as unknown as PageElement).getAttribute('data-testid')!.slice('source-item-'.length)),
  );
}

/** Waits until the chart's canvas has drawn something (not a blank surface). */
async function expectChartDrawn(): Promise<void> {
  await expect
    .poll(
      () =>
        page.$eval('[data-testid="chart"] canvas', (c) => {
          const canvas = c as unknown as PageCanvas;
          const ctx = canvas.getContext('2d');
          if (!ctx || canvas.width === 0) return 0;
          const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          let inked = 0;
          for (let i = 0; i < data.length; i += 16) if (data[i + 3]! > 0) inked++;
          return inked;
        }),
      { timeout: 10_000 },
    )
    .toBeGreaterThan(500);
}

const millionCsv = () => join(dir, 'million.csv');

/** Choosing a file opens the import dialog; this confirms it once the file has been inspected. */
async function confirmImport(): Promise<void> {
  await page.waitForSelector('[data-testid="import-dialog"] [data-testid="import-confirm"]:enabled', { timeout: 60_000 });
  await page.click('[data-testid="import-dialog"] [data-testid="import-confirm"]');
}

async function closeDialog(): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
}

/** 1M rows whose id is their 1-based position, so any row on screen can be checked. */
async function writeMillionRows(file: string): Promise<void> {
  if (existsSync(file)) return;
  const out = createWriteStream(file);
  out.write('id,region,amount,created_at\n');
  const regions = ['North', 'South', 'East', 'West'];
  let chunk = '';
  for (let i = 1; i <= 1_000_000; i++) {
    chunk += `${i},${regions[i % 4]},${(i % 9973) * 1.25},2024-01-${String((i % 28) + 1).padStart(2, '0')}\n`;
    if (i % 50_000 === 0) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  await new Promise<void>((done) => out.end(done));
}

beforeAll(async () => {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build`');
  await mkdir(OUTPUT, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'quarterdeck-e2e-'));
  core = await CoreApi.open(join(dir, 'ws.duckdb'), { resolveUpload: (id) => host.uploads.get(id) ?? null });
  const demo = await ensureDemo(core, SAMPLES);
  if (!demo.ok) throw new Error(demo.error.message);
  host = await startHttpHost({ api: core, rendererDir: RENDERER });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(host.openUrl);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  core?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Quarterdeck in the browser', () => {
  it('opens on the demo workspace', async () => {
    for (const name of DEMO) await page.waitForSelector(`[data-testid="source-item-${name}"]`);
    expect(await sourceNames()).toEqual(DEMO);
    const deals = (await sql(`SELECT count(*)::INTEGER AS n FROM ${await tableOf('deals')}`))[0]!.n as number;
    await expect
      .poll(() => page.textContent('[data-testid="source-item-deals"]'))
      .toContain(number.format(deals));
    expect(await page.textContent('[data-testid="workspace-name"]')).toContain('ws.duckdb');
  });

  it('shows the rows of deals, and scrolls to the last one', async () => {
    await page.click('[data-testid="source-item-deals"]');
    await page.waitForSelector('[data-testid="preview-table"]');
    expect(await page.textContent('[data-testid="row-count"]')).toBe('5,000 rows');
    // Column headers carry a type badge; numbers are right-aligned.
    const amountHeader = page.locator('[data-testid="preview-table"] [role="columnheader"]', { hasText: 'amount' });
    await expect.poll(() => amountHeader.first().textContent()).toContain('number');
    await page.waitForSelector('[data-testid="preview-table"] [role="gridcell"]:text-is("D-000001")');
    // Amounts are right-aligned and line up on their decimals.
    const amounts = await page.$$eval('[data-testid="preview-table"] .vtable-row', (rows) =>
      (rows as unknown as PageElement[]).slice(0, 5).map((r) => r.querySelectorAll('[role="gridcell"]')[8]!.textContent),
    );
    for (const a of amounts) expect(a).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    // The screenshot starts at the owner column, to show text, numbers and dates side by side.
    await page.$eval('[data-testid="preview-table"] [role="grid"]', (el) => {
      const grid = el as unknown as PageElement & { scrollLeft: number };
      const owner = grid.querySelectorAll('[role="columnheader"]')[3] as unknown as { offsetLeft: number };
      grid.scrollLeft = owner.offsetLeft - 60;
    });
    await shot('app-demo.png');

    await page.$eval('[data-testid="preview-table"] [role="grid"]', (el) => {
      (el as unknown as PageElement).scrollTop = (el as unknown as PageElement).scrollHeight;
    });
    await page.waitForSelector('[data-testid="preview-table"] [role="gridcell"]:text-is("D-005000")');
    await page.$eval('[data-testid="preview-table"] [role="grid"]', (el) => {
      (el as unknown as PageElement).scrollTop = (el as unknown as PageElement).scrollHeight / 2;
    });
    await page.waitForSelector('[data-testid="preview-table"] [role="gridcell"]:text-matches("^D-0025\\\\d\\\\d$")');
    expect(await page.locator('[data-testid="preview-table"] .skeleton').count()).toBe(0);
  });

  it('profiles the columns', async () => {
    await page.click('[data-testid="tab-profile"]');
    await page.waitForSelector('[data-testid="profile-table"]');
    const amount = page.locator('[data-testid="profile-table"] tr[data-column="amount"]');
    const [min, max] = (await sql(`SELECT min(amount) AS lo, max(amount) AS hi FROM ${await tableOf('deals')}`)).map(
      (r) => [Number(r.lo), Number(r.hi)],
    )[0]!;
    const text = await amount.textContent();
    expect(text).toContain(number.format(min!));
    expect(text).toContain(number.format(max!));
    const status = await page.locator('[data-testid="profile-table"] tr[data-column="status"]').textContent();
    expect(status).toMatch(/Won/);
    expect(status).toMatch(/Lost/);
    await shot('profile.png');
  });

  it('charts the sum of amount by month of creation, with the same figures as DuckDB', async () => {
    await page.click('[data-testid="tab-chart"]');
    await page.waitForSelector('[data-testid="measure-op"]');
    await page.selectOption('[data-testid="measure-op"]', 'sum');
    await page.selectOption('[data-testid="measure-column"]', 'amount');
    await page.selectOption('[data-testid="dimension-column"]', 'created_at');
    await page.selectOption('[data-testid="dimension-grain"]', 'month');
    expect(await page.inputValue('[data-testid="chart-type"]')).toBe('line');

    const rows = await sql(
      `SELECT CAST(date_trunc('month', created_at) AS DATE) AS m, sum(amount) AS s
       FROM ${await tableOf('deals')} GROUP BY 1 ORDER BY 1`,
    );
    const format = columnFormat(rows.map((r) => Number(r.s)));
    const expected = rows.map((r) => {
      const d = new Date(r.m as Date);
      return [`${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`, format(Number(r.s))];
    });
    expect(expected.length).toBeGreaterThan(12);
    await expect.poll(figures, { timeout: 15_000 }).toEqual(expected);
    expect(await page.textContent('[data-testid="result-rows"]')).toBe(`${expected.length} rows`);
    expect(await page.textContent('[data-testid="result-elapsed"]')).toMatch(/^\d[\d,]* ms$/);
    await expectChartDrawn();

    await page.click('[data-testid="query-sql"] summary');
    const shownSql = await page.textContent('[data-testid="query-sql"] pre');
    expect(shownSql).toMatch(/sum\("amount"\)/);
    expect(shownSql).toMatch(/date_trunc\('month'/);
    await page.click('[data-testid="query-sql"] summary');
    await settleChart();
    await shot('chart-line.png');
  });

  it('charts the sum of amount by owner as bars, largest first', async () => {
    await page.selectOption('[data-testid="dimension-column"]', 'owner');
    expect(await page.locator('[data-testid="dimension-grain"]').count()).toBe(0);
    expect(await page.inputValue('[data-testid="chart-type"]')).toBe('bar');
    await page.selectOption('[data-testid="sort"]', 'value_desc');

    const rows = await sql(
      `SELECT owner AS o, sum(amount) AS s FROM ${await tableOf('deals')} GROUP BY 1 ORDER BY 2 DESC NULLS LAST`,
    );
    const format = columnFormat(rows.map((r) => Number(r.s)));
    const expected = rows.map((r) => [r.o === null ? '(empty)' : String(r.o), format(Number(r.s))]);
    await expect.poll(figures, { timeout: 15_000 }).toEqual(expected);
    await expectChartDrawn();
    await settleChart();
    await shot('chart-bar.png');
  });

  it('imports a CSV through the UI and shows its rows', async () => {
    const before = await sourceNames();
    await page.setInputFiles('[data-testid="file-input"]', MAVEN);
    await confirmImport();
    await page.waitForSelector('[data-testid="source-item-sales_pipeline"]', { timeout: 60_000 });
    expect(await sourceNames()).toEqual([...before, 'sales_pipeline']);
    await page.waitForSelector('[data-testid="preview-table"]:visible');
    await expect.poll(() => page.textContent('[data-testid="row-count"]')).toBe('8,800 rows');
    await page.waitForSelector('[data-testid="preview-table"] [role="gridcell"]:text-is("1C1I7A6R")');
    expect(await page.getAttribute('[data-testid="source-item-sales_pipeline"]', 'aria-current')).toBe('true');
    await shot('imported-maven.png');
  });

  it('refuses a broken CSV with its line, and leaves the workspace unchanged', async () => {
    const before = await sourceNames();
    const broken = join(dir, 'broken.csv');
    await writeFile(broken, 'region,amount,owner\nNorth,100,Ann\nSouth,200,Bob\nEast,300\nWest,400,Dan\n');
    await page.setInputFiles('[data-testid="file-input"]', broken);
    const error = page.locator('[data-testid="import-error"]');
    await error.waitFor({ timeout: 30_000 });
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('broken.csv, line 4: expected 3 fields as in the header, found 2');
    expect(text).toMatch(/broken\.csv · line 4/);
    expect(text).toContain('workspace is unchanged');
    // Nothing can be imported from a file that cannot be read.
    expect(await page.isDisabled('[data-testid="import-confirm"]')).toBe(true);
    await shot('import-error.png');
    await closeDialog();
    expect(await sourceNames()).toEqual(before);
    expect((await core.getWorkspace()).ok && (await core.getWorkspace())).toBeTruthy();
    const ws = await core.getWorkspace();
    expect(ws.ok && ws.value.sources.map((s) => s.name)).toEqual(before);
  });

  it('imports a file dropped on the window', async () => {
    const before = await sourceNames();
    await page.evaluate(`(() => {
      window.__qdDrop = new DataTransfer();
      window.__qdDrop.items.add(new File(['region,amount\\nNorth,10\\nSouth,20.5\\n'], 'dropped.csv', { type: 'text/csv' }));
      const zone = document.querySelector('[data-testid="drop-zone"]');
      zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: window.__qdDrop, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: window.__qdDrop, bubbles: true, cancelable: true }));
    })()`);
    await page.waitForSelector('.drop-overlay');
    await page.evaluate(`document.querySelector('[data-testid="drop-zone"]')
      .dispatchEvent(new DragEvent('drop', { dataTransfer: window.__qdDrop, bubbles: true, cancelable: true }))`);
    expect(await page.locator('.drop-overlay').count()).toBe(0);
    await confirmImport();
    await page.waitForSelector('[data-testid="source-item-dropped"]');
    expect(await sourceNames()).toEqual([...before, 'dropped']);
    expect(await page.locator('.drop-overlay').count()).toBe(0);
    await expect.poll(() => page.textContent('[data-testid="row-count"]')).toBe('2 rows');
    await page.waitForSelector('[data-testid="preview-table"] [role="gridcell"]:text-is("20.5")');
  });

  it('shows progress while importing a million rows, and cancels on request', async () => {
    await writeMillionRows(millionCsv());
    const before = await sourceNames();
    await page.setInputFiles('[data-testid="file-input"]', millionCsv());
    await confirmImport();
    await page.waitForSelector('[data-testid="import-progress"] [data-testid="progress-bar"]');
    await expect.poll(() => page.textContent('[data-testid="import-progress"]')).toMatch(/\d+%/);
    await shot('import-progress.png');
    await page.click('[data-testid="import-cancel"]');
    const notice = page.locator('[data-testid="import-cancelled"]');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.textContent()).toContain('The workspace is unchanged.');
    await closeDialog();
    expect(await sourceNames()).toEqual(before);
  });

  it('scrolls through a million rows, each row where it belongs', async () => {
    await page.setInputFiles('[data-testid="file-input"]', millionCsv());
    await confirmImport();
    await page.waitForSelector('[data-testid="import-progress"]');
    await page.waitForSelector('[data-testid="source-item-million"]', { timeout: 120_000 });
    await expect.poll(() => page.textContent('[data-testid="row-count"]')).toBe('1,000,000 rows');
    const grid = '[data-testid="preview-table"] [role="grid"]';
    await page.waitForSelector(`${grid} [role="gridcell"]:text-is("1")`);
    // Every rendered row shows the id of its position (the gutter is the 1-based row number).
    const rowsMatch = () =>
      page.$$eval(`${grid} [role="row"][aria-rowindex]`, (rows) =>
        (rows as unknown as PageElement[])
          .filter((r) => r.querySelector('.vtable-gutter') && r.querySelector('[role="gridcell"]'))
          .map((r) => [r.querySelector('.vtable-gutter')!.textContent, r.querySelector('[role="gridcell"]')!.textContent]),
      );
    const scrollTo = (fraction: number) =>
      page.$eval(
        grid,
        (el, f) => {
          const e = el as unknown as PageElement;
          e.scrollTop = (e.scrollHeight - e.clientHeight) * f;
        },
        fraction,
      );
    // The body is capped below the browsers' maximum element height.
    expect(await page.$eval(grid, (el) => (el as unknown as PageElement).scrollHeight)).toBeLessThan(10_000_000);

    for (const fraction of [1, 0.5, 0.123, 0.999]) {
      await scrollTo(fraction);
      await expect.poll(async () => (await page.locator(`${grid} .skeleton`).count()) === 0, { timeout: 10_000 }).toBe(true);
      // Rows are filled as their window arrives: wait until every rendered row shows its own id.
      await expect
        .poll(
          async () => {
            const shown = await rowsMatch();
            return shown.length > 10 && shown.every(([gutter, id]) => id === gutter);
          },
          { timeout: 15_000 },
        )
        .toBe(true);
    }
    await scrollTo(1);
    await page.waitForSelector(`${grid} [role="gridcell"]:text-is("1,000,000")`);

    // A sweep through the whole table, one scroll step per frame: frames stay short.
    const frames = await page.$eval(grid, (element) => {
      const el = element as unknown as PageElement;
      return new Promise<number[]>((done) => {
        const steps = 120;
        const durations: number[] = [];
        let step = 0;
        let last = performance.now();
        const tick = (now: number) => {
          durations.push(now - last);
          last = now;
          el.scrollTop = ((el.scrollHeight - el.clientHeight) * step) / steps;
          step += 1;
          if (step <= steps) requestAnimationFrame(tick);
          else done(durations.slice(1));
        };
        requestAnimationFrame(tick);
      });
    });
    const sorted = [...frames].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
    console.log(`1M-row sweep: ${frames.length} frames, median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    expect(median).toBeLessThan(50);
    await page.click('[data-testid="source-item-deals"]');
  });

  it('ran without errors in the page (before the deliberate 401s below)', () => {
    expect(pageErrors).toEqual([]);
  });

  it('refuses API calls without the token', async () => {
    const fromNode = await fetch(`${host.url}api/call/getWorkspace`, { method: 'POST', body: '[]' });
    expect(fromNode.status).toBe(401);
    const fromPage = await page.evaluate(async () => {
      const r = await fetch('/api/call/getWorkspace', { method: 'POST', body: '[]' });
      return r.status;
    });
    expect(fromPage).toBe(401);
  });

});

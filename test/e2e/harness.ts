// What an end-to-end test needs: a temp workspace with the demo data, the browser-mode host serving
// the built renderer, Debian's Chromium driven by playwright-core, and a way to check the stored
// values with DuckDB (through the core: one writer per file). Run `npx electron-vite build` first.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CoreApi } from '../../electron/core/api';
import { ensureDemo } from '../../electron/core/demo';
import { startHttpHost, type HttpHost } from '../../electron/server/http-host';
import { quoteIdent } from '../../shared/spec/quote';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OUTPUT = join(ROOT, 'test/e2e/output');
// QD_OUT_DIR: a build of one's own (`npx electron-vite build --outDir out-mine`), so that parallel
// work does not race on out/.
const RENDERER = join(process.env.QD_OUT_DIR ? resolve(ROOT, process.env.QD_OUT_DIR) : join(ROOT, 'out'), 'renderer');
const SAMPLES = join(ROOT, 'resources/samples');
const CHROMIUM = '/usr/bin/chromium';

/** The few DOM members the functions passed to page.$eval use (the node project has no DOM types). */
export interface PageElement {
  textContent: string | null;
  scrollTop: number;
  scrollLeft: number;
  scrollHeight: number;
  clientHeight: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

export interface App {
  dir: string;
  core: CoreApi;
  host: HttpHost;
  browser: Browser;
  page: Page;
  /** Errors the page logged or threw. */
  pageErrors: string[];
  shot(name: string): Promise<void>;
  sql(query: string): Promise<Record<string, unknown>[]>;
  tableOf(source: string): Promise<string>;
  sourceNames(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startApp(options: { demo?: boolean; viewport?: { width: number; height: number } } = {}): Promise<App> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build`');
  await mkdir(OUTPUT, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'quarterdeck-e2e-'));
  let host: HttpHost | null = null;
  const core = await CoreApi.open(join(dir, 'ws.duckdb'), { resolveUpload: (id) => host?.uploads.get(id) ?? null });
  if (options.demo !== false) {
    const demo = await ensureDemo(core, SAMPLES);
    if (!demo.ok) throw new Error(demo.error.message);
  }
  host = await startHttpHost({ api: core, rendererDir: RENDERER });
  const browser = await chromium.launch({
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
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1440, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(host.openUrl);
  const theHost = host;

  const sql = async (query: string) => {
    const conn = await core.workspace.connect();
    try {
      return (await conn.runAndReadAll(query)).getRowObjectsJS() as Record<string, unknown>[];
    } finally {
      conn.closeSync();
    }
  };
  return {
    dir,
    core,
    host: theHost,
    browser,
    page,
    pageErrors,
    shot: async (name) => {
      await page.screenshot({ path: join(OUTPUT, name) });
    },
    sql,
    tableOf: async (source) => {
      const record = await core.workspace.findSource(source);
      if (!record) throw new Error(`no source ${source}`);
      return quoteIdent(record.table);
    },
    sourceNames: () =>
      page.$$eval('[data-testid^="source-item-"]', (items) =>
        items.map((i) => (i as unknown as PageElement).getAttribute('data-testid')!.slice('source-item-'.length)),
      ),
    close: async () => {
      await browser.close();
      await theHost.close();
      core.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

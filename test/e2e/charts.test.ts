// Every chart kind, in the light and the dark theme, as a sales director's dashboard would show it:
// real results of the demo workspace (a real DuckDB through CoreApi), the widget options of
// renderer/src/charts, rendered to SVG by the server-side renderer (as the monthly review export
// does), shown in Debian's Chromium and screenshot to test/e2e/output/chart-<kind>-<theme>.png.
// Checks that each picture is not blank (many distinct colours, ink on the background) and that
// legends and labels are where a reader expects them. No app build needed.
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArrow } from '../../shared/arrow/cells';
import type { ChartKind, ChartOptions, Theme } from '../../shared/dashboard/types';
import { createTranslator } from '../../shared/i18n';
import type { AnalysisSpec } from '../../shared/spec/types';
import { ensureDemo } from '../../electron/core/demo';
import { renderOptionToSvg } from '../../renderer/src/charts/ssr';
import { CHART_THEMES } from '../../renderer/src/charts/theme';
import {
  buildKpiTile,
  buildWaterfallOption,
  buildWidgetOption,
  chartLabels,
  escapeHtml,
  type KpiTileModel,
  type WidgetChartInput,
} from '../../renderer/src/charts/widget-chart';
import { must, tempCore } from '../helpers/workspace';

const ROOT = resolve(import.meta.dirname, '../..');
const OUTPUT = join(ROOT, 'test/e2e/output');
const SAMPLES = join(ROOT, 'resources/samples');
const CHROMIUM = '/usr/bin/chromium';
const WIDTH = 640;
const HEIGHT = 380;
const LABELS = chartLabels(createTranslator('en').t);

interface Case {
  kind: ChartKind;
  spec: AnalysisSpec;
  options?: ChartOptions;
  /** Texts a reader must find in the picture (legend entries, categories). */
  expectTexts: string[];
  /** A legend is drawn. */
  legend: boolean;
}

const WON = { role: 'status', op: 'eq' as const, values: ['Won'] };

const CASES: Case[] = [
  {
    kind: 'pie',
    spec: { source: 'deals (enriched)', measures: [{ id: 'rev', op: 'sum', role: 'amount' }], dimensions: [{ id: 'seg', role: 'segment' }], filters: [WON] },
    expectTexts: ['Gold', 'Silver', 'Bronze'],
    legend: true,
  },
  {
    kind: 'donut',
    spec: { source: 'deals', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'src', role: 'lead_source' }], filters: [WON] },
    expectTexts: ['Referral', LABELS.total],
    legend: true,
  },
  {
    kind: 'line',
    spec: {
      source: 'deals',
      measures: [{ id: 'rev', op: 'sum', role: 'amount', label: 'Revenue won' }],
      dimensions: [{ id: 'month', role: 'closed_at', grain: 'month' }],
      filters: [WON],
      compare: { to: 'previous_period' },
    },
    options: { showComparison: true },
    expectTexts: ['Revenue won', `Revenue won (${LABELS.previous})`, 'Mar 2025'],
    legend: true,
  },
  {
    kind: 'bar',
    spec: {
      source: 'deals',
      measures: [{ id: 'rev', op: 'sum', role: 'amount', label: 'Revenue won' }],
      dimensions: [{ id: 'owner', role: 'owner' }],
      filters: [WON],
      sort: [{ by: 'rev', direction: 'desc' }],
    },
    options: { labels: true },
    expectTexts: ['Sophie Martin', 'Léa Dubois'],
    legend: false,
  },
  {
    kind: 'column',
    spec: {
      source: 'deals (enriched)',
      measures: [{ id: 'n', op: 'count', label: 'Deals' }],
      dimensions: [
        { id: 'q', role: 'created_at', grain: 'quarter' },
        { id: 'seg', role: 'segment' },
      ],
      columns: ['seg'],
    },
    options: { stacking: 'stacked' },
    expectTexts: ['Gold', 'Silver', 'Bronze', 'Q1 2025'],
    legend: true,
  },
  {
    kind: 'histogram',
    spec: { source: 'deals', measures: [{ id: 'n', op: 'count', label: 'Deals' }], dimensions: [{ id: 'amt', role: 'amount', bin: { width: 10_000 }, label: 'Amount' }] },
    expectTexts: ['0 – 10K', '20K – 30K'],
    legend: false,
  },
  {
    kind: 'funnel',
    spec: {
      source: 'deals',
      measures: [{ id: 'n', op: 'count', label: 'Deals' }],
      dimensions: [{ id: 'stage', role: 'stage' }],
      filters: [{ role: 'stage', op: 'neq', values: ['Closed Lost'] }],
      sort: [{ by: 'n', direction: 'desc' }],
    },
    expectTexts: ['Closed Won', 'Proposal'],
    legend: false,
  },
  {
    kind: 'heatmap',
    spec: {
      source: 'deals',
      measures: [{ id: 'n', op: 'count', label: 'Deals created' }],
      dimensions: [
        { id: 'owner', role: 'owner' },
        { id: 'q', role: 'created_at', grain: 'quarter' },
      ],
    },
    expectTexts: ['Sophie Martin', 'Q1 2025'],
    legend: false,
  },
  {
    kind: 'scatter',
    spec: {
      source: 'deals',
      measures: [
        { id: 'won', kpi: 'won_deals', label: 'Deals won' },
        { id: 'rev', kpi: 'revenue_won', label: 'Revenue won' },
      ],
      dimensions: [{ id: 'owner', role: 'owner' }],
    },
    expectTexts: ['Deals won', 'Revenue won'],
    legend: false,
  },
  {
    kind: 'waterfall',
    spec: {
      source: 'deals',
      measures: [{ id: 'rev', op: 'sum', role: 'amount', label: 'Revenue won' }],
      dimensions: [{ id: 'q', role: 'closed_at', grain: 'quarter' }],
      filters: [WON, { role: 'closed_at', op: 'in_period', period: { from: '2025-01-01', to: '2026-01-01' } }],
    },
    expectTexts: ['Q1 2025', 'Q4 2025', LABELS.total, LABELS.increase],
    legend: true,
  },
];

const KPI_SPEC: AnalysisSpec = {
  source: 'deals',
  measures: [{ id: 'rev', op: 'sum', role: 'amount', label: 'Revenue won' }],
  dimensions: [{ id: 'month', role: 'closed_at', grain: 'month' }],
  filters: [WON],
  compare: { to: 'previous_period' },
};

/**
 * Distinct colours and the share of pixels that differ from the background, read in the page from
 * the screenshot (a script string: the test project has no DOM types).
 */
async function pixelStats(page: Page, pngBase64: string, background: string): Promise<{ colours: number; ink: number }> {
  return page.evaluate(`(async () => {
    const img = new Image();
    img.src = 'data:image/png;base64,${pngBase64}';
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const pixels = ctx.getImageData(0, 0, img.width, img.height).data;
    const bg = '${background}';
    const r0 = parseInt(bg.slice(1, 3), 16), g0 = parseInt(bg.slice(3, 5), 16), b0 = parseInt(bg.slice(5, 7), 16);
    const colours = new Set();
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
      colours.add(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
      if (Math.abs(r - r0) + Math.abs(g - g0) + Math.abs(b - b0) > 30) ink++;
    }
    return { colours: colours.size, ink: ink / (pixels.length / 4) };
  })()`);
}

/** Texts of the page's SVG drawn (even partly) outside the chart's box. */
async function textsOutside(page: Page, width: number, height: number): Promise<string[]> {
  return page.evaluate(`(() => {
    const svg = document.querySelector('svg');
    const frame = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')]
      .filter((n) => n.textContent.trim() !== '')
      .filter((n) => {
        const b = n.getBoundingClientRect();
        return b.left < frame.left - 1 || b.top < frame.top - 1 || b.right > frame.left + ${width} + 1 || b.bottom > frame.top + ${height} + 1;
      })
      .map((n) => n.textContent);
  })()`);
}

/** The KPI tile as KpiTile.tsx lays it out (same classes, the app's stylesheets), sparkline inline. */
function tileHtml(tile: KpiTileModel, title: string, sparkSvg: string): string {
  const arrow = tile.direction === 'up' ? '▲' : tile.direction === 'down' ? '▼' : '▶';
  const tone = tile.good === null ? 'neutral' : tile.good ? 'good' : 'bad';
  return `<div style="width:300px;height:190px;padding:14px 16px;border:1px solid var(--border);border-radius:8px;background:var(--surface);box-sizing:border-box;font-family:var(--font)">
    <div style="font-size:13px;font-weight:600;color:var(--text-muted);margin-bottom:6px">${escapeHtml(title)}</div>
    <div class="kpi-tile" style="height:150px" data-testid="kpi-tile">
      <div class="kpi-tile-value">${escapeHtml(tile.text)}</div>
      <div class="kpi-tile-change kpi-tile-${tone}" style="color:${tile.changeColor}">
        <span class="kpi-tile-arrow">${arrow}</span><span>${escapeHtml(tile.changeText ?? '')}</span>
        <span class="kpi-tile-previous">Previous: ${escapeHtml(tile.previousText ?? '')}</span>
      </div>
      <div class="kpi-tile-period">${escapeHtml(tile.periodLabel ?? '')}</div>
      <div class="kpi-tile-spark">${sparkSvg}</div>
    </div>
  </div>`;
}

describe('charts rendered in Chromium', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let browser: Browser;
  let page: Page;
  let css = '';

  beforeAll(async () => {
    await mkdir(OUTPUT, { recursive: true });
    t = await tempCore();
    must(await ensureDemo(t.core, SAMPLES));
    const files = ['renderer/src/styles.css', 'renderer/src/app/theme.css', 'renderer/src/charts/charts.css'];
    css = (await Promise.all(files.map((f) => readFile(join(ROOT, f), 'utf8').catch(() => '')))).join('\n');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    page = await browser.newPage({ viewport: { width: WIDTH + 40, height: HEIGHT + 40 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    t?.dispose();
  });

  const inputOf = async (kind: ChartKind, spec: AnalysisSpec, options: ChartOptions, theme: Theme): Promise<WidgetChartInput> => {
    const result = must(await t.core.runQuery({ spec }));
    return {
      kind,
      reader: readArrow(result.ipc),
      columns: result.columns,
      spec,
      options,
      display: { locale: 'en-US', currency: 'EUR', theme },
      labels: LABELS,
    };
  };

  const show = async (theme: Theme, body: string, name: string) => {
    const background = CHART_THEMES[theme].background;
    await page.setContent(
      `<!doctype html><html data-theme="${theme}"><head><meta charset="utf-8"><style>${css}</style></head>` +
        `<body style="margin:0;padding:20px;background:${background}">${body}</body></html>`,
    );
    const png = await page.screenshot({ path: join(OUTPUT, name) });
    return pixelStats(page, png.toString('base64'), background);
  };

  for (const theme of ['light', 'dark'] as const) {
    for (const c of CASES) {
      it(`draws a ${c.kind} chart in the ${theme} theme`, async () => {
        const input = await inputOf(c.kind, c.spec, c.options ?? {}, theme);
        const svg = renderOptionToSvg(buildWidgetOption(input), { width: WIDTH, height: HEIGHT, theme });
        const stats = await show(theme, svg, `chart-${c.kind}-${theme}.png`);
        // Not blank: several colours (series, text, axes) and ink on the background.
        expect(stats.colours, `${c.kind} ${theme} colours`).toBeGreaterThan(12);
        expect(stats.ink, `${c.kind} ${theme} ink`).toBeGreaterThan(0.02);
        const texts = await page.$$eval('svg text', (nodes) => nodes.map((n) => n.textContent ?? ''));
        // A text as drawn, or the start of a label that adds figures to it ("Closed Won · 1.3K").
        for (const text of c.expectTexts) expect(texts.some((x) => x === text || x.startsWith(`${text} ·`)), `${c.kind} ${theme}: "${text}" in ${texts.join(' | ')}`).toBe(true);
        // Every text is inside the picture (nothing cut at the edges).
        const outside = await textsOutside(page, WIDTH, HEIGHT);
        expect(outside, `${c.kind} ${theme}: texts cut at the edges`).toEqual([]);
        if (c.legend) {
          // A legend: its first entry sits in a band at the top or the bottom of the chart.
          const ys = await page.evaluate<number[]>(`(() => {
            const svg = document.querySelector('svg');
            const top = svg.getBoundingClientRect().top;
            return [...svg.querySelectorAll('text')]
              .filter((n) => n.textContent === ${JSON.stringify(c.expectTexts[0])})
              .map((n) => n.getBoundingClientRect().top - top);
          })()`);
          expect(ys.some((y) => y < 40 || y > HEIGHT - 40), `${c.kind} ${theme}: legend at the top or the bottom (${ys.join(', ')})`).toBe(true);
        }
      });
    }

    it(`draws a KPI tile in the ${theme} theme`, async () => {
      const input = await inputOf('kpi', KPI_SPEC, { higherIsBetter: true }, theme);
      const tile = buildKpiTile(input);
      expect(tile.sparkline).not.toBeNull();
      const spark = renderOptionToSvg(tile.sparkline!, { width: 268, height: 56, theme, background: false });
      const stats = await show(theme, tileHtml(tile, 'Revenue won', spark), `chart-kpi-${theme}.png`);
      expect(stats.colours).toBeGreaterThan(12);
      expect(stats.ink).toBeGreaterThan(0.02);
      const colour = await page.evaluate<string>(`getComputedStyle(document.querySelector('.kpi-tile-change')).color`);
      const expected = tile.good ? CHART_THEMES[theme].good : CHART_THEMES[theme].bad;
      const hex = (rgb: string) => `#${(rgb.match(/\d+/g) ?? []).slice(0, 3).map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`;
      expect(hex(colour)).toBe(expected);
    });

    it(`draws a pipeline movement waterfall in the ${theme} theme`, async () => {
      // Open pipeline in the first and the last monthly snapshot, and what happened in between.
      const open = async (snapshot: string) =>
        Number(
          readArrow(
            must(
              await t.core.runQuery({
                spec: { source: 'pipeline', snapshot, measures: [{ id: 'v', op: 'sum', role: 'amount' }], filters: [{ role: 'status', op: 'eq', values: ['Open'] }] },
              }),
            ).ipc,
          ).rows()[0]!.v,
        );
      const workspace = must(await t.core.getWorkspace());
      const dates = (workspace.sources.find((s) => s.name === 'pipeline')?.snapshots ?? []).map((s) => s.date).sort();
      expect(dates.length).toBeGreaterThanOrEqual(2);
      const [from, to] = [dates.at(-2)!, dates.at(-1)!];
      const start = await open(from);
      const end = await open(to);
      const between = async (role: string, status: string) =>
        Number(
          readArrow(
            must(
              await t.core.runQuery({
                spec: {
                  source: 'deals',
                  measures: [{ id: 'v', op: 'sum', role: 'amount' }],
                  filters: [
                    { role: 'status', op: 'eq', values: [status] },
                    { role, op: 'in_period', period: { from, to } },
                  ],
                },
              }),
            ).ipc,
          ).rows()[0]!.v ?? 0,
        );
      const created = await between('created_at', 'Open');
      const won = await between('closed_at', 'Won');
      const lost = await between('closed_at', 'Lost');
      const other = end - start - created + won + lost;
      const option = buildWaterfallOption(
        [
          { label: `${LABELS.start} ${from}`, value: start, kind: 'start' },
          { label: 'New', value: created, kind: 'delta' },
          { label: 'Won', value: -won, kind: 'delta' },
          { label: 'Lost', value: -lost, kind: 'delta' },
          { label: 'Other changes', value: other, kind: 'delta' },
          { label: `${LABELS.end} ${to}`, value: end, kind: 'end' },
        ],
        { display: { locale: 'en-GB', currency: 'EUR', theme }, labels: LABELS, measureLabel: 'Open pipeline' },
      );
      const svg = renderOptionToSvg(option, { width: WIDTH, height: HEIGHT, theme });
      const stats = await show(theme, svg, `chart-waterfall-movement-${theme}.png`);
      expect(stats.colours).toBeGreaterThan(12);
      const texts = await page.$$eval('svg text', (nodes) => nodes.map((n) => n.textContent ?? ''));
      expect(texts).toEqual(expect.arrayContaining(['New', 'Won', 'Lost', LABELS.increase, LABELS.decrease]));
    });
  }
});

// The React components themselves (ChartView, EChart, KpiTile) in Chromium: bundled with esbuild
// from the renderer's sources, fed a real result, clicked and exported like in a dashboard.
const HARNESS = `
import { createRef, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readArrow } from './shared/arrow/cells';
import { messagesFor } from './shared/i18n';
import { ChartView } from './renderer/src/charts/ChartView';
import { chartLabels } from './renderer/src/charts/labels';
import { I18nProvider } from './renderer/src/i18n/I18nProvider';
import './renderer/src/styles.css';
import './renderer/src/app/theme.css';

const w = window;
const root = createRoot(document.getElementById('root'));
w.mount = (payload) => {
  const bytes = Uint8Array.from(atob(payload.ipc), (c) => c.charCodeAt(0));
  const messages = messagesFor('en');
  const input = {
    kind: payload.kind,
    reader: readArrow(bytes),
    columns: payload.columns,
    spec: payload.spec,
    options: payload.options,
    display: payload.display,
    labels: chartLabels((key) => messages[key]),
  };
  w.selected = [];
  w.drilled = [];
  w.chart = createRef();
  document.documentElement.dataset.theme = payload.display.theme;
  root.render(
    <StrictMode>
      <I18nProvider>
        <div style={{ width: 640, height: 380, padding: 12, background: 'var(--surface)' }}>
          <ChartView input={input} title={payload.title} chartRef={w.chart}
            onSelect={(cell) => w.selected.push(cell)} onDrill={(cell) => w.drilled.push(cell)} />
        </div>
      </I18nProvider>
    </StrictMode>,
  );
};
// The page position of a data item (a bar's middle, a heatmap cell's centre).
w.pointOf = (seriesIndex, value) => {
  const chart = w.chart.current.instance();
  const [x, y] = chart.convertToPixel({ seriesIndex }, value);
  const box = chart.getDom().getBoundingClientRect();
  return { x: box.left + x, y: box.top + y };
};
`;

describe('chart components in Chromium', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let browser: Browser;
  let page: Page;
  let bundle: { js: string; css: string };

  beforeAll(async () => {
    await mkdir(OUTPUT, { recursive: true });
    const { build } = await import('esbuild');
    const out = await build({
      stdin: { contents: HARNESS, loader: 'tsx', resolveDir: ROOT, sourcefile: 'chart-harness.tsx' },
      bundle: true,
      write: false,
      format: 'iife',
      jsx: 'automatic',
      outdir: join(ROOT, '.tmp', 'chart-harness'),
      define: { 'process.env.NODE_ENV': '"production"' },
      minify: true,
      logLevel: 'silent',
    });
    bundle = {
      js: out.outputFiles.find((f) => f.path.endsWith('.js'))!.text,
      css: out.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '',
    };
    t = await tempCore();
    must(await ensureDemo(t.core, SAMPLES));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    page = await browser.newPage({ viewport: { width: 700, height: 430 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    t?.dispose();
  });

  const mount = async (kind: ChartKind, spec: AnalysisSpec, options: ChartOptions, theme: Theme, title: string) => {
    const result = must(await t.core.runQuery({ spec }));
    const errors: string[] = [];
    page.removeAllListeners('pageerror');
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"><style>${bundle.css}</style></head>` +
        `<body style="margin:0;padding:20px;background:var(--bg)"><div id="root"></div><script>${bundle.js}</script></body></html>`,
    );
    const payload = {
      kind,
      ipc: Buffer.from(result.ipc).toString('base64'),
      columns: result.columns,
      spec,
      options,
      display: { locale: 'en-US', currency: 'EUR', theme },
      title,
    };
    await page.evaluate(`mount(${JSON.stringify(payload)})`);
    return { result, errors };
  };

  for (const theme of ['light', 'dark'] as const) {
    it(`a click on a column cross-filters, a double click drills, the chart exports (${theme})`, async () => {
      const spec: AnalysisSpec = { source: 'deals (enriched)', measures: [{ id: 'n', op: 'count', label: 'Deals' }], dimensions: [{ id: 'seg', role: 'segment' }] };
      const { result, errors } = await mount('column', spec, { labels: true }, theme, 'Deals by segment');
      await page.waitForSelector('[data-testid="chart-view"] canvas');
      await page.waitForTimeout(1200); // the opening animation
      await page.screenshot({ path: join(OUTPUT, `chart-component-column-${theme}.png`) });
      const rows = readArrow(result.ipc).rows();
      const gold = rows.findIndex((r) => r.seg === 'Gold');
      const silver = rows.findIndex((r) => r.seg === 'Silver');
      const at = (i: number) => page.evaluate<{ x: number; y: number }>(`pointOf(0, [${i}, ${(rows[i]!.n as number) / 2}])`);
      const goldPoint = await at(gold);
      await page.mouse.click(goldPoint.x, goldPoint.y);
      await page.waitForTimeout(400);
      expect(await page.evaluate('selected')).toEqual([{ seg: 'Gold' }]);
      const silverPoint = await at(silver);
      await page.mouse.dblclick(silverPoint.x, silverPoint.y);
      await page.waitForTimeout(400);
      expect(await page.evaluate('drilled')).toEqual([{ seg: 'Silver' }]);
      // The double click did not also cross-filter.
      expect(await page.evaluate('selected')).toEqual([{ seg: 'Gold' }]);
      expect(await page.getAttribute('[data-testid="chart-view"]', 'aria-label')).toBe('Chart: Deals by segment');
      // Exports: a PNG at twice the size on the theme's background, an SVG with the categories.
      const png = await page.evaluate<string>(`chart.current.toPngDataUrl(2)`);
      expect(png.startsWith('data:image/png;base64,')).toBe(true);
      const size = await page.evaluate<{ w: number; h: number }>(`(async () => { const i = new Image(); i.src = ${JSON.stringify(png)}; await i.decode(); return { w: i.width, h: i.height }; })()`);
      const chartSize = await page.evaluate<{ w: number; h: number }>(`({ w: chart.current.instance().getWidth(), h: chart.current.instance().getHeight() })`);
      expect(chartSize.w).toBeGreaterThan(500);
      expect(size).toEqual({ w: chartSize.w * 2, h: chartSize.h * 2 });
      const stats = await pixelStats(page, png.slice('data:image/png;base64,'.length), CHART_THEMES[theme].background);
      expect(stats.ink).toBeGreaterThan(0.02);
      const svg = await page.evaluate<string>(`chart.current.toSvgString()`);
      expect(svg.startsWith('<svg')).toBe(true);
      for (const seg of ['Gold', 'Silver', 'Bronze']) expect(svg).toContain(seg);
      expect(errors).toEqual([]);
    });

    it(`shows a KPI tile with its change coloured as good or bad news (${theme})`, async () => {
      const { errors } = await mount('kpi', KPI_SPEC, { higherIsBetter: false }, theme, 'Revenue won');
      await page.waitForSelector('[data-testid="chart-view"] canvas');
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(OUTPUT, `chart-component-kpi-${theme}.png`) });
      const tile = await t.core.runQuery({ spec: KPI_SPEC });
      const model = buildKpiTile({
        kind: 'kpi',
        reader: readArrow(must(tile).ipc),
        columns: must(tile).columns,
        spec: KPI_SPEC,
        options: { higherIsBetter: false },
        display: { locale: 'en-US', currency: 'EUR', theme },
        labels: LABELS,
      });
      expect(await page.textContent('[data-testid="chart-view-value"]')).toBe(model.text);
      expect(await page.getAttribute('[data-testid="chart-view-change"]', 'data-tone')).toBe(model.good ? 'good' : 'bad');
      const label = (await page.getAttribute('[data-testid="chart-view"]', 'aria-label')) ?? '';
      expect(label).toContain('Revenue won');
      expect(label).toContain(model.changeText!);
      expect(label).toContain(model.good ? '(good news)' : '(bad news)');
      expect(errors).toEqual([]);
    });
  }

  it('a click on a heatmap cell selects the rep and the quarter', async () => {
    const spec: AnalysisSpec = {
      source: 'deals',
      measures: [{ id: 'n', op: 'count', label: 'Deals created' }],
      dimensions: [
        { id: 'owner', role: 'owner' },
        { id: 'q', role: 'created_at', grain: 'quarter' },
      ],
    };
    const { result, errors } = await mount('heatmap', spec, {}, 'light', 'Deals created by rep');
    await page.waitForSelector('[data-testid="chart-view"] canvas');
    await page.waitForTimeout(1200);
    await page.screenshot({ path: join(OUTPUT, 'chart-component-heatmap-light.png') });
    const rows = readArrow(result.ipc).rows();
    const owners = [...new Set(rows.map((r) => r.owner))];
    const quarters = [...new Set(rows.map((r) => r.q as string))].sort();
    const target = rows.find((r) => r.owner === 'Sophie Martin' && r.q === quarters[2])!;
    const point = await page.evaluate<{ x: number; y: number }>(`pointOf(0, [${quarters.indexOf(target.q as string)}, ${owners.indexOf('Sophie Martin')}])`);
    await page.mouse.click(point.x, point.y);
    await page.waitForTimeout(400);
    expect(await page.evaluate('selected')).toEqual([{ owner: 'Sophie Martin', q: target.q }]);
    expect(errors).toEqual([]);
  });
});

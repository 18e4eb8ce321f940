// Widget charts (renderer/src/charts/widget-chart.ts) on real results: the demo workspace in a real
// DuckDB, queried through CoreApi.runQuery, Arrow bytes read with readArrow, then every builder.
// Expected values come from the result itself (the rows the chart must show), never typed in.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../shared/api';
import { readArrow, type ArrowReader } from '../../shared/arrow/cells';
import type { ChartKind, ChartOptions, Currency, NumberLocale, Theme } from '../../shared/dashboard/types';
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
  compatibleChartKinds,
  defaultChartKind,
  ECHART_KINDS,
  MANY_POINTS,
  NotAChartError,
  selectionAt,
  type ChartOption,
  type WidgetChartInput,
} from '../../renderer/src/charts/widget-chart';
import { createFormats } from '../../renderer/src/ui/format';
import { must, tempCore } from '../helpers/workspace';

const SAMPLES = resolve(import.meta.dirname, '..', '..', 'resources', 'samples');
const LABELS = chartLabels(createTranslator('en').t);

// The loose shapes of the option parts the tests read.
type AnySeries = {
  type: string;
  name: string;
  data: unknown[];
  stack?: string;
  sampling?: string;
  lineStyle?: { type?: string };
  yAxisIndex?: number;
  barCategoryGap?: string;
  label?: { formatter?: unknown; show?: boolean };
  center?: unknown;
  radius?: unknown;
  sort?: string;
  color?: string;
};
type AnyAxis = { type: string; data?: string[]; inverse?: boolean; max?: number; axisLabel?: { formatter?: (v: number) => string } };
const seriesOf = (o: ChartOption) => o.series as AnySeries[];
const axes = (a: unknown): AnyAxis[] => (Array.isArray(a) ? a : [a]) as AnyAxis[];
const tooltipOf = (o: ChartOption) => (o.tooltip as { formatter: (p: unknown) => string }).formatter;

describe('widget charts on the demo workspace', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  beforeAll(async () => {
    t = await tempCore();
    must(await ensureDemo(t.core, SAMPLES));
  }, 180_000);
  afterAll(() => t?.dispose());

  const run = async (spec: AnalysisSpec): Promise<{ result: QueryResult; reader: ArrowReader; spec: AnalysisSpec }> => {
    const result = must(await t.core.runQuery({ spec }));
    return { result, reader: readArrow(result.ipc), spec };
  };
  const inputOf = (
    q: { result: QueryResult; reader: ArrowReader; spec: AnalysisSpec },
    kind: ChartKind,
    options: ChartOptions = {},
    display: { locale?: NumberLocale; currency?: Currency; theme?: Theme } = {},
  ): WidgetChartInput => ({
    kind,
    reader: q.reader,
    columns: q.result.columns,
    spec: q.spec,
    options,
    display: { locale: display.locale ?? 'en-US', currency: display.currency ?? 'EUR', theme: display.theme ?? 'light' },
    labels: LABELS,
  });

  const REVENUE_BY_MONTH: AnalysisSpec = {
    source: 'deals',
    measures: [{ id: 'rev', op: 'sum', role: 'amount' }],
    dimensions: [{ id: 'month', role: 'closed_at', grain: 'month' }],
    filters: [{ role: 'status', op: 'eq', values: ['Won'] }],
  };

  describe('line', () => {
    it('draws the buckets in time order with the values of the result, labelled in the locale', async () => {
      const q = await run(REVENUE_BY_MONTH);
      const option = buildWidgetOption(inputOf(q, 'line', {}, { locale: 'fr-FR' }));
      const [series] = seriesOf(option);
      const x = axes(option.xAxis)[0]!;
      const f = createFormats({ locale: 'fr-FR' });
      const rows = q.reader.rows().filter((r) => r.month !== null);
      // Months between the first and the last, each once; the values are the result's.
      expect(x.type).toBe('category');
      expect(x.data![0]).toBe(f.bucket(Date.parse(`${rows[0]!.month}T00:00:00Z`), 'month'));
      expect(x.data).toContain('mars 2025');
      for (const row of rows) {
        const i = x.data!.indexOf(f.bucket(Date.parse(`${row.month}T00:00:00Z`), 'month'));
        expect(series!.data[i]).toBeCloseTo(row.rev as number, 6);
      }
      expect(series!.type).toBe('line');
      expect(series!.sampling).toBeUndefined();
      expect(option.dataZoom).toBeUndefined();
      // Amounts on the axis in the locale and currency.
      const y = axes(option.yAxis)[0]!;
      expect(y.axisLabel!.formatter!(2_500_000)).toBe(f.compactCurrency(2_500_000));
      expect(y.axisLabel!.formatter!(2_500_000)).toBe(createFormats({ locale: 'fr-FR', currency: 'EUR' }).compactCurrency(2_500_000));
      expect(y.axisLabel!.formatter!(2_500_000)).toMatch(/^2,5\sM\s€$/);
    });

    it('leaves deals without a close date off a time line', async () => {
      const q = await run({ source: 'deals', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'month', role: 'closed_at', grain: 'month' }] });
      expect(q.reader.rows().some((r) => r.month === null)).toBe(true);
      const option = buildWidgetOption(inputOf(q, 'line'));
      expect(axes(option.xAxis)[0]!.data).not.toContain(LABELS.empty);
      // A column chart keeps them, as an "(empty)" bar.
      expect(axes(buildWidgetOption(inputOf(q, 'column')).xAxis)[0]!.data).toContain(LABELS.empty);
    });

    it('keeps empty weeks on the axis (a gap is a week without deals, not a neighbour)', async () => {
      const q = await run({
        source: 'deals',
        measures: [{ id: 'n', op: 'count' }],
        dimensions: [{ id: 'week', role: 'closed_at', grain: 'week' }],
        filters: [
          { role: 'owner', op: 'eq', values: ['Léa Dubois'] },
          { role: 'status', op: 'eq', values: ['Won'] },
        ],
      });
      const weeks = q.reader.rows().map((r) => Date.parse(`${r.week}T00:00:00Z`));
      const option = buildWidgetOption(inputOf(q, 'line'));
      const [series] = seriesOf(option);
      const span = (weeks.at(-1)! - weeks[0]!) / (7 * 86_400_000) + 1;
      expect(span).toBeGreaterThan(weeks.length);
      expect(series!.data).toHaveLength(span);
      expect(series!.data.filter((v) => v !== null)).toHaveLength(weeks.length);
      // A click on a point selects its week by its start date.
      const first = series!.data.findIndex((v) => v !== null);
      expect(selectionAt(inputOf(q, 'line'), { seriesIndex: 0, dataIndex: first })).toEqual({ week: q.reader.rows()[0]!.week });
    });

    it('draws one series per value of a second dimension', async () => {
      const owners = ['Anna Lindqvist', 'Léa Dubois', 'Pieter de Jong'];
      const q = await run({
        source: 'deals',
        measures: [{ id: 'n', op: 'count' }],
        dimensions: [
          { id: 'owner', role: 'owner' },
          { id: 'quarter', role: 'created_at', grain: 'quarter' },
        ],
        filters: [{ role: 'owner', op: 'in', values: owners }],
      });
      const input = inputOf(q, 'line');
      const option = buildWidgetOption(input);
      const series = seriesOf(option);
      expect(series.map((s) => s.name).sort()).toEqual([...owners].sort());
      const quarters = axes(option.xAxis)[0]!.data!;
      const f = createFormats();
      for (const row of q.reader.rows()) {
        const s = series.find((x) => x.name === row.owner)!;
        expect(s.data[quarters.indexOf(f.bucket(Date.parse(`${row.quarter}T00:00:00Z`), 'quarter'))]).toBe(row.n);
      }
      expect((option.legend as { show: boolean }).show).toBe(true);
      // A point of a series selects both the quarter and the rep.
      const s = series.findIndex((x) => x.name === 'Léa Dubois');
      const i = series[s]!.data.findIndex((v) => v !== null);
      const cell = selectionAt(input, { seriesIndex: s, dataIndex: i });
      expect(cell).toMatchObject({ owner: 'Léa Dubois' });
      expect(String(cell!.quarter)).toMatch(/^\d{4}-(01|04|07|10)-01$/);
    });

    it('adds the comparison period as dashed series taken from the __previous columns', async () => {
      const spec: AnalysisSpec = { ...REVENUE_BY_MONTH, compare: { to: 'previous_period' } };
      const q = await run(spec);
      const plain = seriesOf(buildWidgetOption(inputOf(q, 'line')));
      expect(plain).toHaveLength(1);
      const option = buildWidgetOption(inputOf(q, 'line', { showComparison: true }));
      const series = seriesOf(option);
      expect(series).toHaveLength(2);
      const [current, previous] = series;
      expect(current!.lineStyle?.type).toBe('solid');
      expect(previous!.lineStyle?.type).toBe('dashed');
      expect(previous!.name).toBe(`${current!.name} (${LABELS.previous})`);
      const rows = q.reader.rows().filter((r) => r.month !== null);
      const x = axes(option.xAxis)[0]!.data!;
      const f = createFormats();
      for (const row of rows) {
        const i = x.indexOf(f.bucket(Date.parse(`${row.month}T00:00:00Z`), 'month'));
        expect(previous!.data[i]).toBe(row.rev__previous);
      }
    });

    it(`samples lines of more than ${MANY_POINTS} points (LTTB) and adds a zoom`, async () => {
      const q = await run({ source: 'deals', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'day', role: 'created_at', grain: 'day' }] });
      expect(q.result.rowCount).toBeGreaterThan(MANY_POINTS);
      const option = buildWidgetOption(inputOf(q, 'line'));
      const [series] = seriesOf(option);
      expect(series!.sampling).toBe('lttb');
      // Every day is there (the sampling happens when drawing): gaps included.
      expect(series!.data.length).toBeGreaterThanOrEqual(q.result.rowCount);
      expect((series!.data as (number | null)[]).reduce<number>((s, v) => s + (v ?? 0), 0)).toBe(
        q.reader.rows().reduce((s, r) => s + (r.n as number), 0),
      );
      expect((option.dataZoom as { type: string }[]).map((z) => z.type)).toEqual(['inside', 'slider']);
    });

    it('puts amounts and counts on two value axes', async () => {
      const q = await run({
        source: 'deals',
        measures: [
          { id: 'n', op: 'count' },
          { id: 'rev', op: 'sum', role: 'amount' },
        ],
        dimensions: [{ id: 'q', role: 'created_at', grain: 'quarter' }],
      });
      const option = buildWidgetOption(inputOf(q, 'column', {}, { locale: 'de-DE' }));
      const y = axes(option.yAxis);
      expect(y).toHaveLength(2);
      expect(seriesOf(option).map((s) => s.yAxisIndex)).toEqual([0, 1]);
      expect(y[1]!.axisLabel!.formatter!(1_300_000)).toBe(createFormats({ locale: 'de-DE', currency: 'EUR' }).compactCurrency(1_300_000));
      expect(y[0]!.axisLabel!.formatter!(12_500)).toBe('12.500');
    });
  });

  describe('bar and column', () => {
    const SEGMENT_BY_STATUS: AnalysisSpec = {
      source: 'deals (enriched)',
      measures: [{ id: 'n', op: 'count' }],
      dimensions: [
        { id: 'seg', role: 'segment' },
        { id: 'status', role: 'status' },
      ],
      columns: ['status'],
    };

    it('groups, stacks and stacks to 100 %', async () => {
      const q = await run(SEGMENT_BY_STATUS);
      const rows = q.reader.rows();
      const statuses = [...new Set(rows.map((r) => r.status))];
      const grouped = buildWidgetOption(inputOf(q, 'column'));
      expect(seriesOf(grouped).map((s) => s.name)).toEqual(statuses);
      expect(seriesOf(grouped).every((s) => s.stack === undefined)).toBe(true);
      expect(axes(grouped.xAxis)[0]!.data).toEqual([...new Set(rows.map((r) => r.seg))]);

      const stacked = buildWidgetOption(inputOf(q, 'column', { stacking: 'stacked' }));
      expect(seriesOf(stacked).every((s) => s.stack === 'total')).toBe(true);
      const won = seriesOf(stacked).find((s) => s.name === 'Won')!;
      for (const row of rows.filter((r) => r.status === 'Won')) {
        expect(won.data[axes(stacked.xAxis)[0]!.data!.indexOf(row.seg as string)]).toBe(row.n);
      }

      const percent = buildWidgetOption(inputOf(q, 'column', { stacking: 'percent' }));
      const series = seriesOf(percent);
      const segments = axes(percent.xAxis)[0]!.data!;
      segments.forEach((_, i) => {
        const sum = series.reduce((s, x) => s + ((x.data[i] as number | null) ?? 0), 0);
        expect(sum).toBeCloseTo(1, 9);
      });
      expect(axes(percent.yAxis)[0]!.max).toBe(1);
      expect(axes(percent.yAxis)[0]!.axisLabel!.formatter!(0.25)).toBe('25%');
      // The tooltip gives the share and the count.
      const gold = segments.indexOf('Gold');
      const wonIndex = series.findIndex((s) => s.name === 'Won');
      const goldWon = rows.find((r) => r.seg === 'Gold' && r.status === 'Won')!.n as number;
      const html = tooltipOf(percent)([{ seriesIndex: wonIndex, dataIndex: gold, marker: '' }]);
      expect(html).toContain(createFormats().number(goldWon));
      expect(html).toContain(createFormats().fractionPercent(series[wonIndex]!.data[gold] as number));
    });

    it('lays a bar chart on its side, first category on top, and selects both dimensions', async () => {
      const q = await run(SEGMENT_BY_STATUS);
      const input = inputOf(q, 'bar', { stacking: 'stacked' });
      const option = buildWidgetOption(input);
      expect(axes(option.yAxis)[0]).toMatchObject({ type: 'category', inverse: true });
      expect(axes(option.xAxis)[0]!.type).toBe('value');
      const segments = axes(option.yAxis)[0]!.data!;
      const lost = seriesOf(option).findIndex((s) => s.name === 'Lost');
      expect(selectionAt(input, { seriesIndex: lost, dataIndex: segments.indexOf('Silver') })).toEqual({ seg: 'Silver', status: 'Lost' });
    });

    it('leaves total rows out and does not select the top-N "Others" group', async () => {
      const q = await run({
        source: 'deals',
        measures: [{ id: 'n', op: 'count' }],
        dimensions: [{ id: 'owner', role: 'owner', top: { n: 5, by: 'n', othersLabel: 'Other reps' } }],
        totals: 'grand',
        sort: [{ by: 'n', direction: 'desc' }],
      });
      const rows = q.reader.rows();
      const details = rows.filter((r) => r.__grouping === 0);
      expect(details.length).toBeLessThan(rows.length);
      const input = inputOf(q, 'column');
      const option = buildWidgetOption(input);
      const names = axes(option.xAxis)[0]!.data!;
      expect(names).toEqual(details.map((r) => (r.owner === null ? LABELS.empty : r.owner)));
      expect(seriesOf(option)[0]!.data).toEqual(details.map((r) => r.n));
      expect(selectionAt(input, { seriesIndex: 0, dataIndex: names.indexOf('Other reps') })).toBeNull();
      const rep = details.findIndex((r) => r.owner !== 'Other reps');
      expect(selectionAt(input, { seriesIndex: 0, dataIndex: rep })).toEqual({ owner: details[rep]!.owner });
    });

    it('draws a histogram of binned amounts: touching bars, bin ranges on the axis', async () => {
      const q = await run({ source: 'deals', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'amt', role: 'amount', bin: { width: 10_000 } }] });
      const option = buildWidgetOption(inputOf(q, 'histogram'));
      const [series] = seriesOf(option);
      expect(series!.barCategoryGap).toBe('2%');
      const labels = axes(option.xAxis)[0]!.data!;
      expect(labels[0]).toBe('0 – 10K');
      expect(labels[1]).toBe('10K – 20K');
      // Empty bins stay on the axis; every deal with an amount is counted once.
      const bins = q.reader.rows().filter((r) => r.amt !== null);
      const last = Math.max(...bins.map((r) => r.amt as number));
      expect(series!.data.length).toBe(last / 10_000 + 1 + (q.reader.rows().some((r) => r.amt === null) ? 1 : 0));
      const counted = (series!.data as (number | null)[]).reduce<number>((s, v) => s + (v ?? 0), 0);
      expect(counted).toBe(q.reader.rows().reduce((s, r) => s + (r.n as number), 0));
      expect(tooltipOf(option)([{ seriesIndex: 0, dataIndex: 1, marker: '' }])).toContain('€10,000 – €20,000');
      expect(selectionAt(inputOf(q, 'histogram'), { seriesIndex: 0, dataIndex: 1 })).toEqual({ amt: 10_000 });
    });
  });

  describe('pie, donut, funnel', () => {
    it('draws slices largest first, merges the smallest into "Others", selects a slice', async () => {
      const q = await run({ source: 'deals', measures: [{ id: 'rev', op: 'sum', role: 'amount' }], dimensions: [{ id: 'owner', role: 'owner' }] });
      const input = inputOf(q, 'pie');
      const option = buildWidgetOption(input);
      const [series] = seriesOf(option);
      const data = series!.data as { name: string; value: number }[];
      expect(data).toHaveLength(10);
      expect(data.at(-1)!.name).toBe(LABELS.others);
      const shown = data.slice(0, -1);
      expect(shown.map((d) => d.value)).toEqual([...shown.map((d) => d.value)].sort((a, b) => b - a));
      const total = q.reader.rows().reduce((s, r) => s + (r.rev as number), 0);
      expect(data.reduce((s, d) => s + d.value, 0)).toBeCloseTo(total, 4);
      expect(selectionAt(input, { seriesIndex: 0, dataIndex: 0 })).toEqual({ owner: shown[0]!.name });
      expect(selectionAt(input, { seriesIndex: 0, dataIndex: 9 })).toBeNull();
      const html = tooltipOf(option)([{ seriesIndex: 0, dataIndex: 0, marker: '' }]);
      expect(html).toContain(createFormats({ currency: 'EUR' }).currency(shown[0]!.value));
    });

    it('shows the total in the centre of a donut', async () => {
      const q = await run({ source: 'deals (enriched)', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'seg', role: 'segment' }] });
      const option = buildWidgetOption(inputOf(q, 'donut', {}, { locale: 'fr-FR' }));
      const [slices, centre] = seriesOf(option);
      expect(slices!.radius).toEqual(['46%', '70%']);
      const total = q.reader.rows().reduce((s, r) => s + (r.n as number), 0);
      expect(String(centre!.label!.formatter)).toContain(createFormats({ locale: 'fr-FR' }).compact(total));
      expect(selectionAt(inputOf(q, 'donut'), { seriesIndex: 1, dataIndex: 0 })).toBeNull();
    });

    it('keeps the stage order of the result in a funnel, with the conversion in the labels', async () => {
      const q = await run({ source: 'deals', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'stage', role: 'stage' }] });
      const rows = q.reader.rows();
      const option = buildWidgetOption(inputOf(q, 'funnel'));
      const [series] = seriesOf(option);
      expect(series!.sort).toBe('none');
      expect((series!.data as { name: string }[]).map((d) => d.name)).toEqual(rows.map((r) => r.stage));
      const label = (series!.label!.formatter as (p: unknown) => string)({ dataIndex: 1 });
      const rate = (rows[1]!.n as number) / (rows[0]!.n as number);
      expect(label).toContain(rows[1]!.stage as string);
      expect(label).toContain(createFormats().fractionPercent(rate));
      expect(selectionAt(inputOf(q, 'funnel'), { dataIndex: 2 })).toEqual({ stage: rows[2]!.stage });
    });
  });

  describe('heatmap and scatter', () => {
    it('draws reps down and months across, and selects a rep and a month', async () => {
      const q = await run({
        source: 'deals',
        measures: [{ id: 'n', op: 'count' }],
        dimensions: [
          { id: 'owner', role: 'owner' },
          { id: 'month', role: 'created_at', grain: 'month' },
        ],
      });
      const input = inputOf(q, 'heatmap');
      const option = buildWidgetOption(input);
      const x = axes(option.xAxis)[0]!.data!;
      const y = axes(option.yAxis)[0]!.data!;
      const rows = q.reader.rows();
      expect(y).toEqual([...new Set(rows.map((r) => r.owner))]);
      expect(x[0]).toBe(createFormats().bucket(Math.min(...rows.map((r) => Date.parse(`${r.month}T00:00:00Z`))), 'month'));
      const [series] = seriesOf(option);
      const cells = series!.data as { value: [number, number, number] }[];
      expect(cells).toHaveLength(rows.length);
      const visualMap = option.visualMap as { min: number; max: number };
      expect(visualMap.min).toBe(Math.min(...rows.map((r) => r.n as number)));
      expect(visualMap.max).toBe(Math.max(...rows.map((r) => r.n as number)));
      const i = cells.findIndex((c) => y[c.value[1]] === 'Sophie Martin');
      const cell = selectionAt(input, { seriesIndex: 0, dataIndex: i });
      const row = rows.find((r) => r.owner === 'Sophie Martin' && createFormats().bucket(Date.parse(`${r.month}T00:00:00Z`), 'month') === x[cells[i]!.value[0]])!;
      expect(cell).toEqual({ owner: 'Sophie Martin', month: row.month });
      expect(cells[i]!.value[2]).toBe(row.n);
    });

    it('places each rep by two measures and names it in the tooltip', async () => {
      const q = await run({
        source: 'deals',
        measures: [
          { id: 'won', kpi: 'won_deals' },
          { id: 'rev', kpi: 'revenue_won' },
        ],
        dimensions: [{ id: 'owner', role: 'owner' }],
      });
      const input = inputOf(q, 'scatter');
      const option = buildWidgetOption(input);
      const [series] = seriesOf(option);
      const points = series!.data as { name: string; value: [number, number] }[];
      const rows = q.reader.rows();
      expect(points).toHaveLength(rows.length);
      for (const row of rows) expect(points.find((p) => p.name === row.owner)!.value).toEqual([row.won, row.rev]);
      const html = tooltipOf(option)({ seriesIndex: 0, dataIndex: 3, marker: '' });
      expect(html).toContain(points[3]!.name.replace(/'/g, '&#39;'));
      // Revenue is money (the catalog says so): on its axis with the currency.
      expect(axes(option.yAxis)[0]!.axisLabel!.formatter!(500_000)).toBe('€500K');
      expect(selectionAt(input, { seriesIndex: 0, dataIndex: 3 })).toEqual({ owner: points[3]!.name });
    });
  });

  describe('waterfall', () => {
    it('closes the increments with a total bar', async () => {
      const q = await run({ source: 'deals (enriched)', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'seg', role: 'segment' }] });
      const option = buildWidgetOption(inputOf(q, 'waterfall'));
      const names = axes(option.xAxis)[0]!.data!;
      const rows = q.reader.rows();
      expect(names).toEqual([...rows.map((r) => r.seg), LABELS.total]);
      const [base, increase, , absolute] = seriesOf(option);
      const total = rows.reduce((s, r) => s + (r.n as number), 0);
      expect(absolute!.data.at(-1)).toBe(total);
      // Each step floats on the level before it.
      expect(base!.data.slice(0, 3)).toEqual([0, rows[0]!.n, (rows[0]!.n as number) + (rows[1]!.n as number)]);
      expect(increase!.data.slice(0, 3)).toEqual(rows.map((r) => r.n));
    });

    it('draws a pipeline movement from explicit start, delta and end steps', () => {
      const option = buildWaterfallOption(
        [
          { label: 'Pipeline on 1 Oct', value: 1_000_000, kind: 'start' },
          { label: 'New', value: 400_000, kind: 'delta' },
          { label: 'Won', value: -250_000, kind: 'delta' },
          { label: 'Lost', value: -300_000, kind: 'delta' },
          { label: 'Pipeline on 1 Nov', value: 850_000, kind: 'end' },
        ],
        { display: { locale: 'en-GB', currency: 'GBP', theme: 'dark' }, labels: LABELS },
      );
      const [base, increase, decrease, absolute] = seriesOf(option);
      expect(base!.data).toEqual([0, 1_000_000, 1_150_000, 850_000, 0]);
      expect(increase!.data).toEqual([0, 400_000, 0, 0, 0]);
      expect(decrease!.data).toEqual([0, 0, 250_000, 300_000, 0]);
      expect(absolute!.data).toEqual([1_000_000, 0, 0, 0, 850_000]);
      expect(increase!.color).toBe(CHART_THEMES.dark.good);
      expect(decrease!.color).toBe(CHART_THEMES.dark.bad);
      const label = (decrease!.label!.formatter as (p: unknown) => string)({ dataIndex: 2 });
      expect(label).toBe('−£250k');
    });

    it('reads a movement result: first row the start, last row the end', async () => {
      const q = await run({ source: 'deals (enriched)', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'seg', role: 'segment' }] });
      const option = buildWidgetOption({ ...inputOf(q, 'waterfall'), waterfall: 'movement' });
      const rows = q.reader.rows();
      expect(axes(option.xAxis)[0]!.data).toEqual([LABELS.start, rows[1]!.seg, LABELS.end]);
      expect(seriesOf(option)[3]!.data).toEqual([rows[0]!.n, 0, rows[2]!.n]);
    });
  });

  describe('KPI tile', () => {
    const TILE: AnalysisSpec = { ...REVENUE_BY_MONTH, compare: { to: 'previous_period' } };

    it('shows the last bucket, its change from the comparison columns and a sparkline', async () => {
      const q = await run(TILE);
      const tile = buildKpiTile(inputOf(q, 'kpi'));
      const rows = q.reader.rows().filter((r) => r.month !== null);
      const last = rows.at(-1)!;
      expect(tile.value).toBe(last.rev);
      expect(tile.previous).toBe(last.rev__previous);
      expect(tile.change).toBe(last.rev__change);
      expect(tile.changePct).toBe(last.rev__change_pct);
      expect(tile.changeText).toBe(createFormats().changePercent(last.rev__change_pct as number));
      expect(tile.direction).toBe((last.rev__change as number) > 0 ? 'up' : 'down');
      expect(tile.good).toBe((last.rev__change as number) > 0);
      expect(tile.changeColor).toBe(tile.good ? CHART_THEMES.light.good : CHART_THEMES.light.bad);
      expect(tile.text).toBe(createFormats().compactCurrency(last.rev as number));
      const spark = seriesOf(tile.sparkline!)[0]!;
      expect(spark.data).toHaveLength(rows.length);
      expect(spark.data.at(-1)).toBe(last.rev);
    });

    it('colours the change by higherIsBetter', async () => {
      const q = await run(TILE);
      const better = buildKpiTile(inputOf(q, 'kpi', { higherIsBetter: true }, { theme: 'dark' }));
      const worse = buildKpiTile(inputOf(q, 'kpi', { higherIsBetter: false }, { theme: 'dark' }));
      expect(better.direction).toBe(worse.direction);
      expect(better.good).toBe(!worse.good);
      expect([better.changeColor, worse.changeColor].sort()).toEqual([CHART_THEMES.dark.bad, CHART_THEMES.dark.good].sort());
    });

    it('shows a value alone without a dimension, and the bucket before without comparison columns', async () => {
      const total = await run({ source: 'deals', measures: [{ id: 'n', op: 'count' }] });
      const alone = buildKpiTile(inputOf(total, 'kpi', {}, { locale: 'de-DE' }));
      expect(alone.value).toBe(total.reader.rows()[0]!.n);
      expect(alone.text).toBe(createFormats({ locale: 'de-DE' }).number(alone.value));
      expect(alone).toMatchObject({ change: null, direction: null, good: null, sparkline: null });

      const monthly = await run({ source: 'deals', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'month', role: 'created_at', grain: 'month' }] });
      const rows = monthly.reader.rows();
      const tile = buildKpiTile(inputOf(monthly, 'kpi'));
      expect(tile.value).toBe(rows.at(-1)!.n);
      expect(tile.previous).toBe(rows.at(-2)!.n);
      expect(tile.change).toBe((rows.at(-1)!.n as number) - (rows.at(-2)!.n as number));
    });
  });

  describe('chart kinds', () => {
    it('picks a default kind by the shape of the spec', async () => {
      const byMonth = await run(REVENUE_BY_MONTH);
      expect(defaultChartKind(byMonth.spec, byMonth.result.columns, byMonth.result.rowCount)).toBe('line');
      const segments = await run({ source: 'deals (enriched)', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'seg', role: 'segment' }] });
      expect(defaultChartKind(segments.spec, segments.result.columns, segments.result.rowCount)).toBe('pie');
      const owners = await run({ source: 'deals', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'owner', role: 'owner' }] });
      expect(defaultChartKind(owners.spec, owners.result.columns, owners.result.rowCount)).toBe('bar');
      // An average is not a share of a whole: no pie even with few categories.
      const avg = await run({ source: 'deals (enriched)', measures: [{ id: 'a', op: 'avg', role: 'amount' }], dimensions: [{ id: 'seg', role: 'segment' }] });
      expect(defaultChartKind(avg.spec, avg.result.columns, avg.result.rowCount)).toBe('bar');
      expect(defaultChartKind({ source: 'deals', measures: [{ op: 'count' }] })).toBe('kpi');
      expect(defaultChartKind({ source: 'deals', measures: [{ op: 'count' }], dimensions: [{ role: 'amount', bin: { count: 10 } }] })).toBe('histogram');
      const repMonth: AnalysisSpec = {
        source: 'deals',
        measures: [{ op: 'count' }],
        dimensions: [{ role: 'owner' }, { role: 'created_at', grain: 'month' }],
      };
      expect(defaultChartKind(repMonth)).toBe('heatmap');
      expect(defaultChartKind({ ...repMonth, dimensions: [{ role: 'segment' }, { role: 'created_at', grain: 'month' }] }, [], 30)).toBe('line');
      expect(defaultChartKind({ ...repMonth, dimensions: [{ role: 'segment' }, { role: 'created_at', grain: 'month' }, { role: 'owner' }] })).toBe('pivot');
    });

    it('lists the kinds a spec can take, the default first; switching kinds leaves the spec alone', async () => {
      const stages = await run({ source: 'deals', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'stage', role: 'stage' }] });
      const before = JSON.stringify(stages.spec);
      const kinds = compatibleChartKinds(stages.spec, stages.result.columns);
      expect(kinds[0]).toBe(defaultChartKind(stages.spec, stages.result.columns));
      expect(kinds[1]).toBe('funnel');
      expect(kinds).toEqual(expect.arrayContaining(['pie', 'donut', 'bar', 'column', 'line', 'waterfall', 'pivot', 'table']));
      expect(kinds).not.toContain('heatmap');
      expect(kinds).not.toContain('scatter');
      for (const kind of kinds.filter((k) => (ECHART_KINDS as readonly string[]).includes(k))) {
        expect(() => buildWidgetOption(inputOf(stages, kind))).not.toThrow();
      }
      expect(JSON.stringify(stages.spec)).toBe(before);
      expect(compatibleChartKinds({ source: 'deals', measures: [{ op: 'count' }, { op: 'sum', role: 'amount' }], dimensions: [{ role: 'owner' }] })).toContain('scatter');
      expect(compatibleChartKinds({ source: 'deals', measures: [{ op: 'count' }] })).toContain('kpi');
      expect(() => buildWidgetOption(inputOf(stages, 'pivot'))).toThrow(NotAChartError);
    });
  });

  describe('themes', () => {
    it('draws text, axes and split lines in the colours of each theme', async () => {
      const q = await run(REVENUE_BY_MONTH);
      for (const theme of ['light', 'dark'] as const) {
        const option = buildWidgetOption(inputOf(q, 'column', {}, { theme }));
        const palette = CHART_THEMES[theme];
        expect((option.textStyle as { color: string }).color).toBe(palette.text);
        expect(option.color).toEqual(palette.palette);
        const y = axes(option.yAxis)[0] as unknown as { splitLine: { lineStyle: { color: string } } };
        expect(y.splitLine.lineStyle.color).toBe(palette.splitLine);
      }
    });
  });

  describe('server-side SVG', () => {
    it('renders every kind to an SVG holding its category labels, in both themes', async () => {
      const segments = await run({
        source: 'deals (enriched)',
        measures: [
          { id: 'n', op: 'count' },
          { id: 'rev', op: 'sum', role: 'amount' },
        ],
        dimensions: [{ id: 'seg', role: 'segment' }],
      });
      const bins = await run({ source: 'deals', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'amt', role: 'amount', bin: { width: 20_000 } }] });
      const heat = await run({
        source: 'deals (enriched)',
        measures: [{ id: 'n', op: 'count' }],
        dimensions: [
          { id: 'seg', role: 'segment' },
          { id: 'q', role: 'created_at', grain: 'quarter' },
        ],
      });
      for (const theme of ['light', 'dark'] as const) {
        for (const kind of ECHART_KINDS) {
          const q = kind === 'histogram' ? bins : kind === 'heatmap' ? heat : segments;
          const svg = renderOptionToSvg(buildWidgetOption(inputOf(q, kind, {}, { theme })), { width: 640, height: 360, theme });
          expect(svg.startsWith('<svg')).toBe(true);
          expect(svg).toContain(CHART_THEMES[theme].background);
          if (kind === 'histogram') expect(svg).toContain('20K – 40K');
          else for (const label of ['Gold', 'Silver', 'Bronze']) expect(svg, `${kind} ${theme}`).toContain(label);
        }
      }
    });

    it('renders a KPI sparkline and a pipeline movement under Node', async () => {
      const q = await run({ ...REVENUE_BY_MONTH, compare: { to: 'previous_period' } });
      const tile = buildKpiTile(inputOf(q, 'kpi'));
      const spark = renderOptionToSvg(tile.sparkline!, { width: 200, height: 48 });
      expect(spark).toMatch(/<path d="M/);
      const movement = renderOptionToSvg(
        buildWaterfallOption(
          [
            { label: 'Start <1 Oct>', value: 100, kind: 'start' },
            { label: 'Won', value: -40, kind: 'delta' },
          ],
          { display: { locale: 'fr-FR', currency: 'EUR', theme: 'light' }, labels: LABELS },
        ),
        { width: 400, height: 240 },
      );
      // Text from the data is escaped in the SVG.
      expect(movement).toContain('Start &lt;1 Oct&gt;');
      expect(movement).not.toContain('<1 Oct>');
      expect(movement).toContain(LABELS.total);
    });
  });
});

// The chart option builders are pure: real Arrow IPC bytes in, an ECharts option out. No DOM.
import { DateDay, Dictionary, Float64, Int32, Table, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { ResultColumn } from '../../shared/api';
import { readArrow } from '../../shared/arrow/cells';
import { buildChartOption, CATEGORY_WINDOW, escapeHtml, MANY_POINTS } from '../../renderer/src/charts/build-chart-option';
import {
  decimalScale,
  decimalsNeeded,
  fixedFormatter,
  formatBucket,
  formatCompact,
  formatNumber,
} from '../../renderer/src/ui/format';

const utc = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m - 1, d));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function ipcOf(columns: Record<string, Vector<any>>): Uint8Array {
  return tableToIPC(new Table(columns), 'stream');
}

const dateDim: ResultColumn = { id: 'd0', label: 'created_at (month)', role: 'dimension', type: 'DATE', kind: 'date' };
const textDim: ResultColumn = { id: 'd0', label: 'owner', role: 'dimension', type: 'VARCHAR', kind: 'text' };
const sumAmount: ResultColumn = { id: 'm0', label: 'Sum of amount', role: 'measure', type: 'DOUBLE', kind: 'number' };
const countRows: ResultColumn = { id: 'm1', label: 'Count', role: 'measure', type: 'DOUBLE', kind: 'number' };

type AnySeries = { type: string; name: string; data: unknown[]; sampling?: string; showSymbol?: boolean };
const seriesOf = (option: ReturnType<typeof buildChartOption>) => option.series as AnySeries[];
const xAxisOf = (option: ReturnType<typeof buildChartOption>) =>
  option.xAxis as { type: string; data?: string[]; axisLabel?: { rotate?: number } };

describe('buildChartOption: date dimension', () => {
  // Out of order on purpose (a sort by value): the line must still run left to right.
  const ipc = ipcOf({
    d0: vectorFromArray([utc(2024, 3), utc(2024, 1), utc(2024, 2), null], new DateDay()),
    m0: vectorFromArray([300.5, 100, null, 7], new Float64()),
  });
  const reader = readArrow(ipc);

  it('puts dates on a UTC time axis, points sorted by date, nulls kept as gaps', () => {
    const option = buildChartOption({ reader, columns: [dateDim, sumAmount], kind: 'line', grain: 'month' });
    expect(option.useUTC).toBe(true);
    expect(xAxisOf(option).type).toBe('time');
    const [series] = seriesOf(option);
    expect(series!.type).toBe('line');
    expect(series!.name).toBe('Sum of amount');
    // The row with an empty date cannot be placed on a time axis: 3 points, not 4.
    expect(series!.data).toEqual([
      [Date.UTC(2024, 0, 1), 100],
      [Date.UTC(2024, 1, 1), null],
      [Date.UTC(2024, 2, 1), 300.5],
    ]);
    expect(series!.sampling).toBeUndefined();
    expect(option.dataZoom).toBeUndefined();
  });

  it('labels the tooltip with the bucket of the grain and formatted values', () => {
    const option = buildChartOption({ reader, columns: [dateDim, sumAmount], kind: 'line', grain: 'month' });
    const tooltip = option.tooltip as { formatter: (p: unknown) => string };
    const html = tooltip.formatter([
      { value: [Date.UTC(2024, 2, 1), 1234567.891], seriesName: 'Sum of amount', marker: '' },
    ]);
    expect(html).toContain('Mar 2024');
    expect(html).toContain('1,234,567.89');
  });

  it('draws bars on the same time axis', () => {
    const option = buildChartOption({ reader, columns: [dateDim, sumAmount], kind: 'bar', grain: 'month' });
    expect(xAxisOf(option).type).toBe('time');
    expect(seriesOf(option)[0]!.type).toBe('bar');
  });

  it('samples long lines (LTTB) and adds a zoom when there are many points', () => {
    const n = MANY_POINTS * 5;
    const days = Array.from({ length: n }, (_, i) => utc(2020, 1, 1 + i));
    const values = Array.from({ length: n }, (_, i) => Math.sin(i / 10) * 1000);
    const big = readArrow(ipcOf({ d0: vectorFromArray(days, new DateDay()), m0: vectorFromArray(values, new Float64()) }));
    const option = buildChartOption({ reader: big, columns: [dateDim, sumAmount], kind: 'line', grain: 'day' });
    const [series] = seriesOf(option);
    expect(series!.data).toHaveLength(n);
    expect(series!.sampling).toBe('lttb');
    expect(series!.showSymbol).toBe(false);
    expect(option.dataZoom).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'inside' }), expect.objectContaining({ type: 'slider' })]),
    );
  });
});

describe('buildChartOption: text dimension', () => {
  const ipc = ipcOf({
    d0: vectorFromArray(['Alice Martin', 'Bob <script>', null], new Dictionary(new Utf8(), new Int32())),
    m0: vectorFromArray([1500, 250.25, 10], new Float64()),
    m1: vectorFromArray([3, 2, 1], new Float64()),
  });
  const reader = readArrow(ipc);

  it('uses a category axis labelled with the values, empty as "(empty)"', () => {
    const option = buildChartOption({ reader, columns: [textDim, sumAmount], kind: 'bar' });
    const axis = xAxisOf(option);
    expect(axis.type).toBe('category');
    expect(axis.data).toEqual(['Alice Martin', 'Bob <script>', '(empty)']);
    const [series] = seriesOf(option);
    expect(series!.type).toBe('bar');
    expect(series!.data).toEqual([1500, 250.25, 10]);
  });

  it('makes one series per measure, with a legend', () => {
    const option = buildChartOption({ reader, columns: [textDim, sumAmount, countRows], kind: 'bar' });
    expect(seriesOf(option).map((s) => s.name)).toEqual(['Sum of amount', 'Count']);
    expect(seriesOf(option)[1]!.data).toEqual([3, 2, 1]);
    expect((option.legend as { show: boolean }).show).toBe(true);
  });

  it('escapes data in the tooltip HTML', () => {
    const option = buildChartOption({ reader, columns: [textDim, sumAmount], kind: 'bar' });
    const tooltip = option.tooltip as { formatter: (p: unknown) => string };
    const html = tooltip.formatter([{ axisValue: 'Bob <script>', value: 250.25, seriesName: 'Sum of amount' }]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Bob &lt;script&gt;');
    expect(html).toContain('250.25');
  });

  it('rotates labels when there are many categories', () => {
    const names = Array.from({ length: 20 }, (_, i) => `Rep ${i}`);
    const many = readArrow(
      ipcOf({ d0: vectorFromArray(names, new Utf8()), m0: vectorFromArray(names.map((_, i) => i), new Float64()) }),
    );
    const option = buildChartOption({ reader: many, columns: [textDim, sumAmount], kind: 'bar' });
    expect(xAxisOf(option).axisLabel?.rotate).toBeGreaterThan(0);
  });

  it('opens thousands of categories on a readable window, the rest behind the slider', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `Deal ${i}`);
    const many = readArrow(
      ipcOf({ d0: vectorFromArray(names, new Utf8()), m0: vectorFromArray(names.map((_, i) => 2000 - i), new Float64()) }),
    );
    const option = buildChartOption({ reader: many, columns: [textDim, sumAmount], kind: 'bar' });
    expect(xAxisOf(option).data).toHaveLength(2000);
    const zoom = option.dataZoom as { type: string; startValue?: number; endValue?: number }[];
    expect(zoom.map((z) => z.type)).toEqual(['inside', 'slider']);
    expect(zoom[1]).toMatchObject({ startValue: 0, endValue: CATEGORY_WINDOW - 1 });
  });

  it('shows a single "Total" bar without a dimension', () => {
    const total = readArrow(ipcOf({ m0: vectorFromArray([42], new Float64()) }));
    const option = buildChartOption({ reader: total, columns: [sumAmount], kind: 'bar' });
    expect(xAxisOf(option).data).toEqual(['Total']);
    expect(seriesOf(option)[0]!.data).toEqual([42]);
  });
});

describe('formatting', () => {
  it('formats numbers for people (en-US)', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(0.00421)).toBe('0.00421');
    expect(formatNumber(null)).toBe('');
    expect(formatCompact(1_250_000)).toBe('1.3M');
    expect(formatCompact(950)).toBe('950');
  });

  it('gives a column of figures the same decimals on every row', () => {
    expect(decimalsNeeded([3, 22500, 1e9])).toBe(0);
    expect(decimalsNeeded([3406137.1, 2])).toBe(1);
    expect(decimalsNeeded([3406137.1, 3613.63])).toBe(2);
    expect(decimalsNeeded([1 / 3])).toBe(2);
    expect(fixedFormatter(2)(3406137.1)).toBe('3,406,137.10');
    expect(fixedFormatter(0)(22500)).toBe('22,500');
    expect(fixedFormatter(2)(null)).toBe('');
    expect(fixedFormatter(0, 2)(3.5)).toBe('3.5');
    expect(fixedFormatter(2)(0.0042)).toBe('0.0042');
    expect(decimalScale('DECIMAL(18,2)')).toBe(2);
    expect(decimalScale('DOUBLE')).toBeNull();
  });

  it('labels time buckets by grain', () => {
    const ms = Date.UTC(2024, 4, 1);
    expect(formatBucket(ms, 'month')).toBe('May 2024');
    expect(formatBucket(ms, 'quarter')).toBe('Q2 2024');
    expect(formatBucket(ms, 'year')).toBe('2024');
    expect(formatBucket(ms, 'day')).toBe('2024-05-01');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
  });
});

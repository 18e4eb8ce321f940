// A query result read for charting: which rows are details (not totals), what each dimension is
// (time buckets, numeric bins, categories) and how each measure is formatted (money, fraction,
// number), with its comparison columns. Pure; every builder starts from here.
import type { ArrowColumnReader, CellValue } from '../arrow/cells';
import type { ResultColumn } from '../api';
import { findKpi } from '../model/kpis';
import { normalizeSpec } from '../spec/normalize';
import type { FilterValue, NormalizedDimension, NormalizedMeasure, TimeGrain } from '../spec/types';
import { createFormats, isoDay, type Formats } from '../format/format';
import type { WidgetChartInput } from './chart-input';
import type { ChartLabels } from './labels';
import { chartTheme, type ChartTheme } from './theme';

export type MeasureFormat = 'money' | 'percent' | 'number';

export interface DimensionModel {
  id: string;
  label: string;
  column: ResultColumn;
  reader: ArrowColumnReader;
  /** time: date buckets (or plain dates); bin: numeric bins (value = lower bound); category: the rest. */
  type: 'time' | 'bin' | 'category';
  grain: TimeGrain | null;
  /** Bin width: the spec's, else the smallest gap between bins. */
  binWidth: number | null;
  /** The label of the top-N "Others" group, which no filter can select. */
  othersLabel: string | null;
  /** Values are amounts (bins of an amount column): labelled with the currency. */
  money: boolean;
  /** A pipeline stage (funnel order). */
  stage: boolean;
}

export interface MeasureModel {
  id: string;
  label: string;
  reader: ArrowColumnReader;
  format: MeasureFormat;
  /** Sums of parts (count, sum, count_if ...): shares, stacks and "Others" make sense. */
  additive: boolean;
  previous: ArrowColumnReader | null;
  change: ArrowColumnReader | null;
  changePct: ArrowColumnReader | null;
}

/** One position on a category axis (or one slice, one series). */
export interface Category {
  /** Identity within the axis. */
  key: string;
  label: string;
  /** What a click selects (CellSelector value): a bucket's start date, a bin's lower bound, the value. */
  value: FilterValue;
  /** False for the "Others" group and for gap-filling buckets' own nothing: not a filter. */
  selectable: boolean;
  /** Time buckets and bins: their position (ms or lower bound). */
  position?: number;
}

export interface CategoryAxis {
  dimension: DimensionModel;
  categories: Category[];
  /** Category index of each detail row. */
  indexOfRow: Map<number, number>;
}

export interface ResultModel {
  input: WidgetChartInput;
  formats: Formats;
  theme: ChartTheme;
  labels: ChartLabels;
  /** Detail rows (totals rows left out), in result order. */
  rows: number[];
  dimensions: DimensionModel[];
  /** The measures drawn (comparison columns are attached to theirs). */
  measures: MeasureModel[];
  /** Full text of a measure's value ("€12,500", "12.5%"). */
  valueText(measure: MeasureModel, value: number | null): string;
  /** Short text for axes ("€12.5K"). */
  axisText(format: MeasureFormat, value: number): string;
  /** Label of a dimension's value in a row. */
  categoryLabel(dimension: DimensionModel, row: number): string;
}

const MONEY_ROLES = new Set(['amount', 'cost_amount', 'target_amount']);
/** Column names that hold amounts, in the four languages of the exports. */
const MONEY_NAME = /amount|revenue|turnover|montant|chiffre|\bca\b|prix|price|co[uû]t|cost|bedrag|omzet|kosten|prijs|betrag|umsatz|preis|value|valeur|waarde|wert|arr\b|mrr\b|budget|spend|target|objectif|doel|ziel/i;
const STAGE_NAME = /stage|[ée]tape|phase|fase|stadium|stufe/i;
const ADDITIVE_OPS = new Set(['count', 'sum']);
const MONEY_OPS = new Set(['sum', 'avg', 'min', 'max', 'median']);
const FORMULA_FIELD = /@([a-z_]+)|\b(?:sum|avg|min|max|median)(?:_if)?\(\s*([A-Za-z_][\w ]*)/gi;

function isMoneyRef(role: string | null, column: string | null): boolean {
  if (role !== null) return MONEY_ROLES.has(role);
  return column !== null && MONEY_NAME.test(column);
}

function formulaRefsMoney(formula: string): boolean {
  for (const m of formula.matchAll(FORMULA_FIELD)) {
    if (m[1] !== undefined && MONEY_ROLES.has(m[1])) return true;
    if (m[2] !== undefined && MONEY_NAME.test(m[2])) return true;
  }
  return false;
}

interface MeasureFacts {
  format: MeasureFormat;
  additive: boolean;
}

/** Format and additivity of a result measure, from the spec measure it comes from. */
function measureFacts(id: string, measures: readonly NormalizedMeasure[], money: ReadonlySet<string> | null, rawKpis: Map<string, string>): MeasureFacts {
  const own = measures.find((m) => m.id === id);
  const percentShow = (m: NormalizedMeasure) => m.show === 'percent_of_total' || m.show === 'percent_of_row' || m.show === 'percent_of_column';
  // A catalog KPI: its measures' formats are in the catalog (the main one's id is the spec's id).
  for (const [specId, kpiId] of rawKpis) {
    if (id !== specId && !id.startsWith(`${specId}_`)) continue;
    const kpi = findKpi(kpiId);
    const catalogId = id === specId ? kpiId : `${kpiId}${id.slice(specId.length)}`;
    const km = kpi?.measures.find((x) => x.id === catalogId);
    if (km) {
      const format: MeasureFormat = money ? (money.has(id) ? 'money' : km.format === 'percent' ? 'percent' : 'number') : km.format === 'currency' ? 'money' : km.format === 'percent' ? 'percent' : 'number';
      return { format, additive: km.additive };
    }
  }
  if (!own) return { format: money?.has(id) ? 'money' : 'number', additive: false };
  if (percentShow(own)) return { format: 'percent', additive: false };
  if (own.kind === 'aggregate') {
    const isMoney = money ? money.has(id) : MONEY_OPS.has(own.op) && isMoneyRef(own.role, own.column);
    return { format: isMoney ? 'money' : 'number', additive: ADDITIVE_OPS.has(own.op) && own.show !== 'running_total' };
  }
  // A formula: money when it adds amounts, not when it divides by them (a ratio of two amounts).
  const [numerator, ...rest] = own.formula.split('/');
  const denominator = rest.join('/');
  const isMoney = money ? money.has(id) : formulaRefsMoney(numerator ?? '') && !formulaRefsMoney(denominator);
  const additive = /^\s*(?:count|sum|count_if|sum_if)\(/.test(own.formula) && rest.length === 0;
  return { format: isMoney ? 'money' : 'number', additive };
}

function isMoneyDimension(d: NormalizedDimension): boolean {
  return d.bin !== null && isMoneyRef(d.role, d.column);
}

function isStageDimension(d: NormalizedDimension): boolean {
  if (d.grain !== null || d.bin !== null) return false;
  if (d.role !== null) return d.role === 'stage';
  return d.column !== null && STAGE_NAME.test(d.column);
}

export function readResult(input: WidgetChartInput): ResultModel {
  const { reader, columns, spec } = input;
  const normalized = normalizeSpec(spec);
  const formats = createFormats({
    locale: input.display.locale,
    currency: input.display.currency,
    fiscalYearStartMonth: normalized.fiscalYearStartMonth,
  });
  const theme = chartTheme(input.display.theme);
  const labels = input.labels;
  const money = input.moneyMeasures ? new Set(input.moneyMeasures) : null;
  const rawKpis = new Map<string, string>();
  for (const m of spec.measures) if ('kpi' in m) rawKpis.set(m.id ?? m.kpi, m.kpi);

  // Rows of totals (GROUPING SETS) are not chart points.
  const grouping = columns.find((c) => c.role === 'grouping') ?? columns.find((c) => c.id === '__grouping');
  const groupingReader = grouping ? reader.column(grouping.id) : undefined;
  const rows: number[] = [];
  for (let r = 0; r < reader.numRows; r++) {
    if (groupingReader && groupingReader.number(r) !== 0) continue;
    rows.push(r);
  }

  const dimensions: DimensionModel[] = [];
  for (const column of columns) {
    if (column.role !== 'dimension' || column === grouping) continue;
    const col = reader.column(column.id);
    if (!col) continue;
    const d = normalized.dimensions.find((x) => x.id === column.id);
    const isTime = col.family === 'date' || col.family === 'timestamp';
    const type: DimensionModel['type'] = isTime ? 'time' : d?.bin && col.family === 'number' ? 'bin' : 'category';
    let binWidth: number | null = null;
    if (type === 'bin') {
      if (d?.bin && 'width' in d.bin) binWidth = d.bin.width;
      else {
        const values = [...new Set(rows.map((r) => col.number(r)).filter(Number.isFinite))].sort((a, b) => a - b);
        let gap = Number.POSITIVE_INFINITY;
        for (let i = 1; i < values.length; i++) gap = Math.min(gap, values[i]! - values[i - 1]!);
        binWidth = Number.isFinite(gap) && gap > 0 ? gap : null;
      }
    }
    dimensions.push({
      id: column.id,
      label: column.label,
      column,
      reader: col,
      type,
      grain: isTime ? (d?.grain ?? null) : null,
      binWidth,
      othersLabel: d?.top ? d.top.othersLabel : null,
      money: d ? isMoneyDimension(d) : false,
      stage: d ? isStageDimension(d) : false,
    });
  }

  const measureColumns = columns.filter((c) => c.role === 'measure');
  const ids = new Set(measureColumns.map((c) => c.id));
  const compareOf = (id: string, kind: string) => (ids.has(`${id}__${kind}`) ? (reader.column(`${id}__${kind}`) ?? null) : null);
  const measures: MeasureModel[] = [];
  for (const column of measureColumns) {
    const base = /^(.*)__(previous|change|change_pct)$/.exec(column.id);
    if (base && ids.has(base[1]!)) continue;
    const col = reader.column(column.id);
    if (!col) continue;
    // A catalog KPI's companion columns (won and lost counts beside a conversion rate): shown in
    // tables, not drawn; the KPI's own value is.
    const specIds = new Set(spec.measures.map((m, i) => m.id ?? ('kpi' in m ? m.kpi : `m${i}`)));
    const companion = !specIds.has(column.id) && [...rawKpis.keys()].some((id) => column.id.startsWith(`${id}_`));
    if (companion) continue;
    const facts = measureFacts(column.id, normalized.measures, money, rawKpis);
    measures.push({
      id: column.id,
      label: column.label,
      reader: col,
      ...facts,
      previous: compareOf(column.id, 'previous'),
      change: compareOf(column.id, 'change'),
      changePct: compareOf(column.id, 'change_pct'),
    });
  }

  const valueText = (measure: MeasureModel, value: number | null): string => {
    if (value === null || !Number.isFinite(value)) return '–';
    if (measure.format === 'money') return formats.currency(value);
    if (measure.format === 'percent') return formats.fractionPercent(value);
    return formats.number(value);
  };
  const axisText = (format: MeasureFormat, value: number): string => {
    if (format === 'money') return formats.compactCurrency(value);
    if (format === 'percent') return formats.fractionPercent(value);
    return formats.compact(value);
  };
  const categoryLabel = (dimension: DimensionModel, row: number): string => labelOf(dimension, dimension.reader.get(row), dimension.reader.number(row), formats, labels);

  return { input, formats, theme, labels, rows, dimensions, measures, valueText, axisText, categoryLabel };
}

/** A bin as its range, "20K – 40K" (the currency is in the tooltip: ranges must stay short on an axis). */
function binLabel(dimension: DimensionModel, lower: number, formats: Formats): string {
  if (dimension.binWidth === null) return formats.compact(lower);
  return `${formats.compact(lower)} – ${formats.compact(lower + dimension.binWidth)}`;
}

/** A bin's range with its unit, for tooltips: "€20,000 – €40,000". */
export function binRangeText(model: ResultModel, dimension: DimensionModel, lower: number): string {
  const text = (v: number) => (dimension.money ? model.formats.currency(v) : model.formats.number(v));
  if (dimension.binWidth === null) return text(lower);
  return `${text(lower)} – ${text(lower + dimension.binWidth)}`;
}

function labelOf(dimension: DimensionModel, value: CellValue, position: number, formats: Formats, labels: ChartLabels): string {
  if (value === null) return labels.empty;
  if (dimension.type === 'time') {
    if (dimension.grain !== null) return formats.bucket(position, dimension.grain);
    return dimension.column.kind === 'timestamp' || dimension.reader.family === 'timestamp' ? formats.cell(value, 'timestamp') : formats.date(position);
  }
  if (dimension.type === 'bin') return binLabel(dimension, position, formats);
  if (typeof value === 'number') return formats.number(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value === '' ? labels.empty : value;
}

const DAY = 86_400_000;

/** The start of the bucket after `ms` for a grain (UTC). */
function nextBucket(ms: number, grain: TimeGrain): number {
  const d = new Date(ms);
  switch (grain) {
    case 'day':
      return ms + DAY;
    case 'week':
      return ms + 7 * DAY;
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    case 'quarter':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, d.getUTCDate());
    case 'year':
      return Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate());
  }
}

/** Above this many buckets or bins, gaps are not filled (a sparse daily series over decades). */
const MAX_FILLED = 5_000;

/**
 * The categories of a dimension over the detail rows: time buckets in time order with the empty
 * buckets between them (a month without deals stays a month on the axis), bins in order with the
 * empty bins, other values in result order (the spec's sort). An empty value comes last.
 */
export function categoryAxis(model: ResultModel, dimension: DimensionModel, rows: readonly number[] = model.rows): CategoryAxis {
  const { reader } = dimension;
  const indexOfRow = new Map<number, number>();
  const categories: Category[] = [];
  const byKey = new Map<string, number>();
  const add = (category: Category): number => {
    const existing = byKey.get(category.key);
    if (existing !== undefined) return existing;
    categories.push(category);
    byKey.set(category.key, categories.length - 1);
    return categories.length - 1;
  };
  const emptyCategory = (): Category => ({ key: '\u0000null', label: model.labels.empty, value: null, selectable: true });

  if (dimension.type === 'time' || dimension.type === 'bin') {
    const positions = [...new Set(rows.map((r) => reader.number(r)).filter(Number.isFinite))].sort((a, b) => a - b);
    let sequence = positions;
    const first = positions[0];
    const last = positions[positions.length - 1];
    if (first !== undefined && last !== undefined) {
      if (dimension.type === 'time' && dimension.grain !== null) {
        const filled: number[] = [];
        for (let ms = first; ms <= last && filled.length <= MAX_FILLED; ms = nextBucket(ms, dimension.grain)) filled.push(ms);
        // Buckets that do not fall on the grain's steps (fiscal shifts, Sunday weeks) keep the data's own.
        const steps = new Set(filled);
        if (filled.length <= MAX_FILLED && positions.every((p) => steps.has(p))) sequence = filled;
      } else if (dimension.type === 'bin' && dimension.binWidth !== null) {
        const w = dimension.binWidth;
        const count = Math.round((last - first) / w) + 1;
        if (count <= MAX_FILLED) {
          const onStep = (p: number) => Math.abs(first + Math.round((p - first) / w) * w - p) <= w * 1e-9;
          if (positions.every(onStep)) {
            // The data's own lower bounds where there are rows (exact keys), computed ones between.
            const own = new Map(positions.map((p) => [Math.round((p - first) / w), p]));
            sequence = Array.from({ length: count }, (_, i) => own.get(i) ?? first + i * w);
          }
        }
      }
    }
    const rowOfPosition = new Map<number, number>();
    for (const r of rows) {
      const p = reader.number(r);
      if (Number.isFinite(p) && !rowOfPosition.has(p)) rowOfPosition.set(p, r);
    }
    for (const p of sequence) {
      const row = rowOfPosition.get(p);
      const value: FilterValue =
        dimension.type === 'bin' ? p : dimension.grain !== null ? isoDay(p) : row !== undefined ? (reader.get(row) as FilterValue) : isoDay(p);
      add({
        key: String(p),
        label: labelOf(dimension, row !== undefined ? reader.get(row) : dimension.type === 'bin' ? p : isoDay(p), p, model.formats, model.labels),
        value,
        selectable: true,
        position: p,
      });
    }
    const positionIndex = new Map<number, number>();
    categories.forEach((c, i) => {
      if (c.position !== undefined) positionIndex.set(c.position, i);
    });
    for (const r of rows) {
      const p = reader.number(r);
      if (Number.isFinite(p)) {
        const index = positionIndex.get(p);
        if (index !== undefined) indexOfRow.set(r, index);
      }
    }
    for (const r of rows) if (!indexOfRow.has(r)) indexOfRow.set(r, add(emptyCategory()));
    return { dimension, categories, indexOfRow };
  }

  for (const r of rows) {
    const value = reader.get(r);
    if (value === null) continue;
    const key = `${typeof value}:${String(value)}`;
    const isOthers = dimension.othersLabel !== null && value === dimension.othersLabel;
    indexOfRow.set(r, add({ key, label: labelOf(dimension, value, Number.NaN, model.formats, model.labels), value: value as FilterValue, selectable: !isOthers }));
  }
  for (const r of rows) if (!indexOfRow.has(r)) indexOfRow.set(r, add(emptyCategory()));
  return { dimension, categories, indexOfRow };
}

/** A measure's number in a row: null for empty cells. */
export function valueAt(reader: ArrowColumnReader | null, row: number): number | null {
  if (!reader) return null;
  const v = reader.number(row);
  return Number.isFinite(v) ? v : null;
}

/**
 * The category dimension and the series dimension of a chart of two dimensions: a dimension on the
 * pivot's column axis (spec.columns) makes the series; else a time dimension is the axis and the
 * other the series; else the first is the axis. With one dimension there is no series dimension.
 */
export function splitDimensions(model: ResultModel): { category: DimensionModel | null; series: DimensionModel | null } {
  const dims = model.dimensions;
  if (dims.length === 0) return { category: null, series: null };
  if (dims.length === 1) return { category: dims[0]!, series: null };
  const onColumns = new Set(model.input.spec.columns ?? []);
  const series = dims.find((d) => onColumns.has(d.id));
  if (series) return { category: dims.find((d) => d !== series)!, series };
  const time = dims.find((d) => d.type === 'time');
  if (time) return { category: time, series: dims.find((d) => d !== time)! };
  return { category: dims[0]!, series: dims[1]! };
}

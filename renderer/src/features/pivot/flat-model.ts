// The flat results table ('table' widgets): the result's rows as they come, every column but the
// grouping one, sortable by any column. Pure; shares the pivot's reading of dimensions, measures
// and comparison columns, so both show a figure the same way.
import type { CellSelector, ResultColumn } from '../../../../shared/api';
import type { ArrowColumnReader, ArrowReader, CellValue } from '../../../../shared/arrow/cells';
import { normalizeSpec } from '../../../../shared/spec/normalize';
import { COMPARE_SUFFIXES, type AnalysisSpec, type CompareColumnKind } from '../../../../shared/spec/types';
import { decimalsNeeded } from '../../ui/format';
import { measureFormatOf, rangeOf, type MeasureFormat, type MeasureRange, type PivotDimension, type PivotMeasure } from './pivot-model';

export type FlatColumnRole = 'dimension' | 'measure' | CompareColumnKind;

export interface FlatColumn {
  id: string;
  label: string;
  role: FlatColumnRole;
  /** For a dimension column. */
  dimension: PivotDimension | null;
  /** For a measure column and its comparison columns: the measure. */
  measure: PivotMeasure | null;
}

export interface FlatTable {
  columns: FlatColumn[];
  rowCount: number;
  /** Rows with no dimension rolled up: none means nothing matched (totals of nothing aside). */
  detailCount: number;
  /** Min and max of each measure over the detail rows (total rows left out), by column id. */
  ranges: Record<string, MeasureRange>;
  value(row: number, column: string): CellValue;
  number(row: number, column: string): number | null;
  /** The dimensions a row is totalled over (empty for a detail row). */
  rolledUp(row: number): ReadonlySet<string>;
  /** The row's dimension values, rolled-up dimensions left out: what a click selects. */
  selector(row: number): CellSelector;
}

export interface FlatInput {
  reader: ArrowReader;
  columns: readonly ResultColumn[];
  spec: AnalysisSpec;
  formats?: Readonly<Record<string, MeasureFormat>>;
}

const NONE: ReadonlySet<string> = new Set();

export function buildFlatTable(input: FlatInput): FlatTable {
  const { reader, columns } = input;
  const spec = normalizeSpec(input.spec);
  const readers = new Map<string, ArrowColumnReader>();
  for (const c of columns) {
    const r = reader.column(c.id);
    if (r) readers.set(c.id, r);
  }
  const num = (row: number, id: string): number | null => {
    const n = readers.get(id)?.number(row) ?? Number.NaN;
    return Number.isFinite(n) ? n : null;
  };
  const grouping = columns.find((c) => c.role === 'grouping');
  const dimIds = spec.dimensions.map((d) => d.id);
  const rolledUp = (row: number): ReadonlySet<string> => {
    const g = grouping ? (num(row, grouping.id) ?? 0) : 0;
    if (g === 0) return NONE;
    return new Set(dimIds.filter((_, i) => (g & (1 << (dimIds.length - 1 - i))) !== 0));
  };

  const measureIds = new Set(columns.filter((c) => c.role === 'measure').map((c) => c.id));
  const compareOf = (id: string): { measure: string; kind: CompareColumnKind } | null => {
    if (spec.compare === null) return null;
    for (const kind of COMPARE_SUFFIXES) {
      const suffix = `__${kind}`;
      if (id.endsWith(suffix) && measureIds.has(id.slice(0, -suffix.length))) return { measure: id.slice(0, -suffix.length), kind };
    }
    return null;
  };

  const detailRows: number[] = [];
  for (let r = 0; r < reader.numRows; r++) if (rolledUp(r).size === 0) detailRows.push(r);

  const measures = new Map<string, PivotMeasure>();
  const ranges: Record<string, MeasureRange> = {};
  for (const c of columns) {
    if (c.role !== 'measure' || compareOf(c.id) !== null) continue;
    const values: number[] = [];
    for (const r of detailRows) {
      const v = num(r, c.id);
      if (v !== null) values.push(v);
    }
    const range = rangeOf(values);
    if (range) ranges[c.id] = range;
    const normalized = spec.measures.find((m) => m.id === c.id);
    measures.set(c.id, {
      id: c.id,
      label: c.label,
      show: normalized?.show ?? null,
      format: input.formats?.[c.id] ?? measureFormatOf(input.spec, spec, c.id),
      compare: null,
      decimals: c.kind === 'number' ? decimalsNeeded(values) : 0,
    });
  }

  const flat: FlatColumn[] = [];
  for (const c of columns) {
    if (c.role === 'grouping') continue;
    if (c.role === 'dimension') {
      const d = spec.dimensions.find((x) => x.id === c.id);
      flat.push({ id: c.id, label: c.label, role: 'dimension', dimension: { id: c.id, label: c.label, grain: d?.grain ?? null, kind: c.kind, axis: 'row' }, measure: null });
      continue;
    }
    const cmp = compareOf(c.id);
    if (cmp) {
      const m = measures.get(cmp.measure) ?? null;
      if (m) m.compare = { ...m.compare, [cmp.kind]: c.id };
      flat.push({ id: c.id, label: c.label, role: cmp.kind, dimension: null, measure: m });
    } else {
      flat.push({ id: c.id, label: c.label, role: 'measure', dimension: null, measure: measures.get(c.id) ?? null });
    }
  }

  return {
    columns: flat,
    rowCount: reader.numRows,
    detailCount: detailRows.length,
    ranges,
    value: (row, column) => readers.get(column)?.get(row) ?? null,
    number: num,
    rolledUp,
    selector: (row) => {
      const out: CellSelector = {};
      const rolled = rolledUp(row);
      for (const id of dimIds) if (readers.has(id) && !rolled.has(id)) out[id] = readers.get(id)!.get(row);
      return out;
    },
  };
}

/** Row order of the table sorted by a column (nulls last, ties in result order); null keeps the result's order. */
export function sortedRows(table: FlatTable, sort: { column: string; direction: 'asc' | 'desc' } | null): number[] {
  const order = Array.from({ length: table.rowCount }, (_, i) => i);
  if (!sort || !table.columns.some((c) => c.id === sort.column)) return order;
  const sign = sort.direction === 'desc' ? -1 : 1;
  const numeric = table.columns.find((c) => c.id === sort.column)!.role !== 'dimension';
  const keys = order.map((r) => (numeric ? table.number(r, sort.column) : table.value(r, sort.column)));
  order.sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
    return sign * c || a - b;
  });
  return order;
}

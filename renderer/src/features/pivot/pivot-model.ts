// The pivot layout of a query result, pure (no DOM, no React, no formatting): which rows and
// columns a pivot table shows, nested by the spec's row and column dimensions, with the totals
// DuckDB computed (GROUPING SETS, told apart by the grouping column), each cell's selector for
// cross-filter and drill-through, sorting by a column's values within each parent group, collapsed
// groups, and each measure's range for a colour scale.
//
// Two phases: `indexPivot` reads the Arrow result once (the tree of row groups, the column tree,
// which result row holds each cell); `layoutPivot` applies the view state (sort, collapsed groups)
// and is cheap enough to run on every click, even for 10,000 rows.
import type { CellSelector, ColumnKind, ResultColumn } from '../../../../shared/api';
import type { ArrowColumnReader, ArrowReader, CellValue } from '../../../../shared/arrow/cells';
import { findKpi, type KpiFormat } from '../../../../shared/model/kpis';
import { headerVariants, synonymEntries } from '../../../../shared/model/roles';
import { normalizeSpec } from '../../../../shared/spec/normalize';
import {
  COMPARE_SUFFIXES,
  type AnalysisSpec,
  type CompareColumnKind,
  type MeasureShow,
  type NormalizedSpec,
  type TimeGrain,
} from '../../../../shared/spec/types';
import { decimalsNeeded } from '../../ui/format';

/** How a measure's figures read: money, a share, a count, a plain number, a duration in days. */
export type MeasureFormat = 'currency' | 'percent' | 'integer' | 'number' | 'days';

export interface PivotDimension {
  id: string;
  label: string;
  grain: TimeGrain | null;
  kind: ColumnKind;
  axis: 'row' | 'column';
}

export interface PivotMeasure {
  /** The result column of the measure's own value. */
  id: string;
  label: string;
  show: MeasureShow | null;
  format: MeasureFormat;
  /** The comparison columns of this measure (spec.compare), when the result has them. */
  compare: Partial<Record<CompareColumnKind, string>> | null;
  /** Fraction digits its detail values need (at most 2), so a column of figures lines up. */
  decimals: number;
}

/** What one leaf column shows: a measure's value, or its change against the compared period. */
export type LeafPart = 'value' | 'change_pct';

export interface PivotLeafColumn {
  /** Stable key: the column path and the result column. */
  key: string;
  /** Values of the column dimensions, outermost first; shorter than the axis for a total column. */
  path: CellValue[];
  /** A total (or subtotal) column: some column dimensions are rolled up. */
  total: boolean;
  measure: PivotMeasure;
  part: LeafPart;
  /** The result column read for this leaf. */
  column: string;
}

/** What a header cell says; the component turns it into text (formatting, translated words). */
export type HeaderLabel =
  | { kind: 'value'; dimension: PivotDimension; value: CellValue }
  /** A total column: `of` is the group it totals (null: the grand total). */
  | { kind: 'total'; of: { dimension: PivotDimension; value: CellValue } | null }
  | { kind: 'measure'; measure: PivotMeasure }
  | { kind: 'change'; measure: PivotMeasure };

export interface PivotHeaderNode {
  key: string;
  label: HeaderLabel;
  /** Empty for a leaf. */
  children: PivotHeaderNode[];
  leaf: PivotLeafColumn | null;
  /** Whether it heads total columns only (styled apart). */
  total: boolean;
}

export interface PivotCell {
  /** The value as the result holds it; `number` is its numeric view (null when empty or not a number). */
  value: CellValue;
  number: number | null;
  /** Dimension id -> value; the rolled-up dimensions of a total are left out. */
  selector: CellSelector;
  /** Part of a total row or a total column. */
  total: boolean;
  /** For a change cell: the compared value and the absolute change. */
  previous?: number | null;
  change?: number | null;
}

export type RowKind = 'detail' | 'group' | 'grand';

export interface PivotRow {
  /** Stable key: the row path as JSON (the same values give the same key across queries). */
  key: string;
  /** 0 for the first row dimension; the grand total row has depth 0 and an empty path. */
  depth: number;
  kind: RowKind;
  /** Values of the row dimensions down to this row. */
  path: CellValue[];
  /** The dimension this row is a value of (null for the grand total). */
  dimension: PivotDimension | null;
  value: CellValue;
  /** Rows one level down (none for a detail row). */
  childCount: number;
  expanded: boolean;
  /** Whether the result holds this row's own figures (a subtotal, or a detail row). */
  hasValues: boolean;
  /** One per leaf column; null where the result has no figure. */
  cells: (PivotCell | null)[];
  /** The row's own dimensions: what a click on its header selects. */
  selector: CellSelector;
  parentKey: string | null;
}

export interface MeasureRange {
  min: number;
  max: number;
  /** The middle figure: where a diverging (good/bad) scale turns, as Excel's 3-colour scale does. */
  median: number;
}

/** Min, max and median of some figures; undefined for none. */
export function rangeOf(values: readonly number[]): MeasureRange | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, max: sorted[sorted.length - 1]!, median };
}

/** Sort rows by a leaf column's values, or by the row labels, within their parent group. */
export interface PivotSort {
  /** A leaf column key, or LABEL_SORT for the row headers. */
  by: string;
  direction: 'asc' | 'desc';
}

export const LABEL_SORT = '__label';

export interface PivotState {
  sort?: PivotSort | null;
  /** Keys of the row groups shown collapsed (their subtotal only). */
  collapsed?: ReadonlySet<string>;
}

export interface PivotInput {
  reader: ArrowReader;
  columns: readonly ResultColumn[];
  spec: AnalysisSpec;
  /** Overrides of a measure's format, by measure id (the widget knows better than any guess). */
  formats?: Readonly<Record<string, MeasureFormat>>;
}

interface RowNode {
  key: string;
  depth: number;
  path: CellValue[];
  value: CellValue;
  parent: RowNode | null;
  children: RowNode[];
  childByKey: Map<string, RowNode>;
  /** Column path key -> result row. */
  cells: Map<string, number>;
  /** First appearance in the result, for a stable order. */
  order: number;
}

interface ColumnNode {
  key: string;
  path: CellValue[];
  value: CellValue;
  children: ColumnNode[];
  childByKey: Map<string, ColumnNode>;
  /** Whether the result holds figures for this path (a total column when the path is short). */
  hasData: boolean;
  parent: ColumnNode | null;
}

export interface PivotIndex {
  spec: NormalizedSpec;
  rowDimensions: PivotDimension[];
  columnDimensions: PivotDimension[];
  measures: PivotMeasure[];
  leaves: PivotLeafColumn[];
  columnTree: PivotHeaderNode[];
  /** Column path key of each leaf (the key the row nodes' cells are stored under). */
  leafPathKeys: string[];
  root: RowNode;
  ranges: Record<string, MeasureRange>;
  /** Keys of every row group (rows with children). */
  groupKeys: string[];
  /** Result rows read. */
  resultRows: number;
  readers: Map<string, ArrowColumnReader>;
  hasTotals: boolean;
  /** Result rows with no dimension rolled up: none means nothing matched (totals of nothing aside). */
  detailCount: number;
}

export interface PivotLayout {
  rowDimensions: PivotDimension[];
  columnDimensions: PivotDimension[];
  measures: PivotMeasure[];
  leaves: PivotLeafColumn[];
  columnTree: PivotHeaderNode[];
  /** The rows shown, in order (collapsed groups' children left out); the grand total apart. */
  rows: PivotRow[];
  /** The grand total row, when the result has one and there are row dimensions. */
  grandTotal: PivotRow | null;
  /** Min and max of each measure's detail cells (totals left out), by measure id. */
  ranges: Record<string, MeasureRange>;
  groupKeys: string[];
  sort: PivotSort | null;
  hasTotals: boolean;
  /** No figure matched: the result holds at most the totals of nothing. */
  empty: boolean;
}

const keyOf = (path: readonly CellValue[]): string => JSON.stringify(path);
/** keyOf([...path, value]) from keyOf(path), without building the array. */
const childKey = (parentKey: string, value: CellValue): string =>
  parentKey === '[]' ? `[${JSON.stringify(value)}]` : `${parentKey.slice(0, -1)},${JSON.stringify(value)}]`;

const MONEY_ROLES = new Set(['amount', 'cost_amount', 'target_amount']);

/** Whether a column name reads as a money role (amount, montant, Betrag, bedrag, revenue ...). */
function isMoneyColumn(column: string): boolean {
  // "deals.amount" in an enriched model: the column of the joined source.
  const name = column.includes('.') ? column.slice(column.lastIndexOf('.') + 1) : column;
  return headerVariants(name).some((v) =>
    synonymEntries(v.text).some(
      (e) => e.strength !== 'weak' && (('role' in e.target && MONEY_ROLES.has(e.target.role)) || ('generic' in e.target && e.target.generic === 'amount')),
    ),
  );
}

const KPI_FORMATS: Record<KpiFormat, MeasureFormat> = { currency: 'currency', percent: 'percent', number: 'number', days: 'days' };

/** The format of a measure column, from the spec: shares are percentages, counts integers, amounts money. */
export function measureFormatOf(spec: AnalysisSpec, normalized: NormalizedSpec, id: string): MeasureFormat {
  const index = normalized.measures.findIndex((m) => m.id === id);
  const measure = index >= 0 ? normalized.measures[index]! : null;
  if (measure?.show === 'percent_of_total' || measure?.show === 'percent_of_row' || measure?.show === 'percent_of_column') {
    return 'percent';
  }
  if (measure?.kind === 'aggregate') {
    if (measure.op === 'count' || measure.op === 'count_distinct') return 'integer';
    if (measure.role !== null) return MONEY_ROLES.has(measure.role) ? 'currency' : 'number';
    return measure.column !== null && isMoneyColumn(measure.column) ? 'currency' : 'number';
  }
  // A catalog KPI: its main measure keeps the KPI's id (or the spec's), the others `<id>_<what>`.
  for (const input of spec.measures) {
    if (!('kpi' in input)) continue;
    const kpi = findKpi(input.kpi);
    if (!kpi) continue;
    const base = input.id ?? input.kpi;
    if (id === base) return KPI_FORMATS[kpi.format];
    for (const m of kpi.measures) {
      if (m.id.startsWith(`${kpi.id}_`) && id === `${base}${m.id.slice(kpi.id.length)}`) return KPI_FORMATS[m.format];
    }
  }
  return 'number';
}

/** A comparison column `<m>__previous|change|change_pct` of a measure of the result, else null. */
function compareOf(id: string, measureIds: ReadonlySet<string>): { measure: string; kind: CompareColumnKind } | null {
  for (const kind of COMPARE_SUFFIXES) {
    const suffix = `__${kind}`;
    if (id.endsWith(suffix) && measureIds.has(id.slice(0, -suffix.length))) return { measure: id.slice(0, -suffix.length), kind };
  }
  return null;
}

function numberOf(reader: ArrowColumnReader | undefined, row: number): number | null {
  if (!reader) return null;
  const n = reader.number(row);
  return Number.isFinite(n) ? n : null;
}

/**
 * The order of sibling values seen in several sequences (one per row group): a value first seen
 * in a later sequence goes where that sequence puts it (before the next value it shares with the
 * order so far), so that a quarter missing from the first rep's row still lands between its
 * neighbours. Values that cannot be placed consistently keep their first-seen order.
 */
function mergeOrder(sequences: readonly CellValue[][], keyFor: (v: CellValue) => string): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  for (const seq of sequences) {
    const keys = seq.map(keyFor);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (placed.has(k)) continue;
      // The next value of this sequence already placed: insert before it.
      let at = -1;
      for (let j = i + 1; j < keys.length; j++) {
        if (placed.has(keys[j]!)) {
          at = order.indexOf(keys[j]!);
          break;
        }
      }
      if (at < 0) order.push(k);
      else order.splice(at, 0, k);
      placed.add(k);
    }
  }
  return order;
}

/** Numbers and dates sort by value; nulls last. */
function compareValues(a: CellValue, b: CellValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** Reads a result once into the row tree and the column tree of a pivot. */
export function indexPivot(input: PivotInput): PivotIndex {
  const { reader, columns } = input;
  const spec = normalizeSpec(input.spec);
  const byId = new Map(columns.map((c) => [c.id, c]));
  const readers = new Map<string, ArrowColumnReader>();
  for (const c of columns) {
    const r = reader.column(c.id);
    if (r) readers.set(c.id, r);
  }

  // Dimensions: the spec's, in its order; `columns` lists those on the column axis.
  const dims = spec.dimensions.filter((d) => byId.has(d.id));
  const colIds = spec.columns.filter((id) => dims.some((d) => d.id === id));
  const toDimension = (id: string, axis: 'row' | 'column'): PivotDimension => {
    const d = dims.find((x) => x.id === id)!;
    return { id, label: byId.get(id)?.label ?? d.label, grain: d.grain, kind: byId.get(id)?.kind ?? 'text', axis };
  };
  const rowDimensions = dims.filter((d) => !colIds.includes(d.id)).map((d) => toDimension(d.id, 'row'));
  const columnDimensions = colIds.map((id) => toDimension(id, 'column'));

  // Grouping bits: bit i (from the most significant) set when spec dimension i is rolled up.
  const grouping = columns.find((c) => c.role === 'grouping');
  const groupingReader = grouping ? readers.get(grouping.id) : undefined;
  const allDims = spec.dimensions.map((d) => d.id);
  const bitOf = (id: string) => 1 << (allDims.length - 1 - allDims.indexOf(id));

  // Measures: measure columns that are not comparison columns of another measure.
  const measureCols = columns.filter((c) => c.role === 'measure');
  const measureIds = new Set(measureCols.map((c) => c.id));
  const compares = new Map<string, Partial<Record<CompareColumnKind, string>>>();
  const plain: ResultColumn[] = [];
  for (const c of measureCols) {
    const cmp = spec.compare !== null ? compareOf(c.id, measureIds) : null;
    if (cmp) {
      const entry = compares.get(cmp.measure) ?? {};
      entry[cmp.kind] = c.id;
      compares.set(cmp.measure, entry);
    } else {
      plain.push(c);
    }
  }

  const rowReaders = rowDimensions.map((d) => readers.get(d.id));
  const colReaders = columnDimensions.map((d) => readers.get(d.id));
  const root: RowNode = { key: keyOf([]), depth: -1, path: [], value: null, parent: null, children: [], childByKey: new Map(), cells: new Map(), order: 0 };
  const colRoot: ColumnNode = { key: keyOf([]), path: [], value: null, children: [], childByKey: new Map(), hasData: false, parent: null };
  // Column values as each row group meets them, per column parent: merged into one order below.
  const colSequences = new Map<string, Map<string, CellValue[]>>();
  let order = 0;
  const n = reader.numRows;
  // Result rows holding detail cells (no dimension rolled up): what the ranges and decimals read.
  const detailRows: number[] = [];
  for (let r = 0; r < n; r++) {
    const g = groupingReader ? (numberOf(groupingReader, r) ?? 0) : 0;
    // Rolled-up dimensions are a suffix of each axis (prefix grouping sets).
    let rowLevel = 0;
    while (rowLevel < rowDimensions.length && (g & bitOf(rowDimensions[rowLevel]!.id)) === 0) rowLevel++;
    let colLevel = 0;
    while (colLevel < columnDimensions.length && (g & bitOf(columnDimensions[colLevel]!.id)) === 0) colLevel++;

    let node = root;
    for (let i = 0; i < rowLevel; i++) {
      const value = rowReaders[i]?.get(r) ?? null;
      const k = childKey(node.key, value);
      let child = node.childByKey.get(k);
      if (!child) {
        child = { key: k, depth: i, path: [...node.path, value], value, parent: node, children: [], childByKey: new Map(), cells: new Map(), order: order++ };
        node.childByKey.set(k, child);
        node.children.push(child);
      }
      node = child;
    }
    let col = colRoot;
    for (let i = 0; i < colLevel; i++) {
      const value = colReaders[i]?.get(r) ?? null;
      const k = childKey(col.key, value);
      let child = col.childByKey.get(k);
      if (!child) {
        child = { key: k, path: [...col.path, value], value, children: [], childByKey: new Map(), hasData: false, parent: col };
        col.childByKey.set(k, child);
        col.children.push(child);
      }
      let seqs = colSequences.get(col.key);
      if (!seqs) colSequences.set(col.key, (seqs = new Map()));
      const seq = seqs.get(node.key);
      if (!seq) seqs.set(node.key, [value]);
      else if (!Object.is(seq[seq.length - 1], value)) seq.push(value);
      col = child;
    }
    col.hasData = true;
    node.cells.set(col.key, r);
    if (rowLevel === rowDimensions.length && colLevel === columnDimensions.length) detailRows.push(r);
  }

  // Column order: time buckets, bins and numbers by value; text as the result orders it.
  const orderColumns = (col: ColumnNode, level: number) => {
    if (col.children.length > 1) {
      const dim = columnDimensions[level]!;
      const byValue = dim.grain !== null || dim.kind === 'number' || dim.kind === 'date' || dim.kind === 'timestamp';
      if (byValue) {
        col.children.sort((a, b) => compareValues(a.value, b.value));
      } else {
        const seqs = [...(colSequences.get(col.key)?.values() ?? [])];
        const rank = new Map(mergeOrder(seqs, (v) => keyOf([...col.path, v])).map((k, i) => [k, i]));
        col.children.sort((a, b) => (rank.get(a.key) ?? 0) - (rank.get(b.key) ?? 0));
      }
    }
    for (const c of col.children) orderColumns(c, level + 1);
  };
  orderColumns(colRoot, 0);

  const measures: PivotMeasure[] = plain.map((c) => {
    const rd = readers.get(c.id);
    const values = (function* () {
      for (const r of detailRows) {
        const v = numberOf(rd, r);
        if (v !== null) yield v;
      }
    })();
    const normalized = spec.measures.find((m) => m.id === c.id);
    return {
      id: c.id,
      label: c.label,
      show: normalized?.show ?? null,
      format: input.formats?.[c.id] ?? measureFormatOf(input.spec, spec, c.id),
      compare: compares.get(c.id) ?? null,
      decimals: c.kind === 'number' ? decimalsNeeded(values) : 0,
    };
  });

  // Leaves under each column path: each measure, and its change when compared.
  const partsOf = (path: CellValue[], total: boolean): PivotLeafColumn[] =>
    measures.flatMap((m) => {
      const leaves: PivotLeafColumn[] = [{ key: JSON.stringify([path, m.id]), path, total, measure: m, part: 'value', column: m.id }];
      const pct = m.compare?.change_pct;
      if (pct) leaves.push({ key: JSON.stringify([path, pct]), path, total, measure: m, part: 'change_pct', column: pct });
      return leaves;
    });
  const perPath = partsOf([], false).length;
  // One leaf per path and a single measure: the measure level is left out of the headers.
  const measureLevel = perPath > 1 || columnDimensions.length === 0;
  const leaves: PivotLeafColumn[] = [];
  const leafPathKeys: string[] = [];
  const leafNodes = (path: CellValue[], total: boolean): PivotHeaderNode[] =>
    partsOf(path, total).map((leaf) => {
      leaves.push(leaf);
      leafPathKeys.push(keyOf(path));
      return {
        key: leaf.key,
        label: leaf.part === 'value' ? { kind: 'measure', measure: leaf.measure } : { kind: 'change', measure: leaf.measure },
        children: [],
        leaf,
        total,
      };
    });
  // Without a measure level, a column path's one leaf is headed by the path's own label.
  const headed = (key: string, label: HeaderLabel, path: CellValue[], total: boolean): PivotHeaderNode => {
    const kids = leafNodes(path, total);
    if (!measureLevel && kids.length === 1) return { ...kids[0]!, key, label, total };
    return { key, label, children: kids, leaf: null, total };
  };
  const buildColumns = (col: ColumnNode, level: number): PivotHeaderNode[] => {
    const nodes: PivotHeaderNode[] = [];
    const dim = columnDimensions[level]!;
    const last = level === columnDimensions.length - 1;
    for (const child of col.children) {
      const label: HeaderLabel = { kind: 'value', dimension: dim, value: child.value };
      nodes.push(
        last
          ? headed(`v${child.key}`, label, child.path, false)
          : { key: `v${child.key}`, label, children: buildColumns(child, level + 1), leaf: null, total: false },
      );
    }
    // This group's total column, after its values (the grand total last of all).
    if (col.hasData) {
      const of = level === 0 ? null : { dimension: columnDimensions[level - 1]!, value: col.value };
      nodes.push(headed(`t${col.key}`, { kind: 'total', of }, col.path, true));
    }
    return nodes;
  };
  const columnTree = columnDimensions.length === 0 ? leafNodes([], false) : buildColumns(colRoot, 0);

  // Ranges of each measure (and of its change) over detail cells.
  const values = new Map<string, number[]>();
  const collect = (id: string, v: number | null) => {
    if (v === null) return;
    const list = values.get(id);
    if (list) list.push(v);
    else values.set(id, [v]);
  };
  for (const r of detailRows) {
    for (const m of measures) {
      collect(m.id, numberOf(readers.get(m.id), r));
      if (m.compare?.change_pct) collect(m.compare.change_pct, numberOf(readers.get(m.compare.change_pct), r));
    }
  }
  const ranges: Record<string, MeasureRange> = {};
  for (const [id, list] of values) ranges[id] = rangeOf(list)!;

  const groupKeys: string[] = [];
  const collectGroups = (node: RowNode) => {
    for (const c of node.children) {
      if (c.children.length > 0) groupKeys.push(c.key);
      collectGroups(c);
    }
  };
  collectGroups(root);

  return {
    spec,
    rowDimensions,
    columnDimensions,
    measures,
    leaves,
    columnTree,
    leafPathKeys,
    root,
    ranges,
    groupKeys,
    resultRows: n,
    readers,
    hasTotals: groupingReader !== undefined,
    detailCount: detailRows.length,
  };
}

/** Applies the view state (sort, collapsed groups) to an index: the rows to show, in order. */
export function layoutPivot(index: PivotIndex, state: PivotState = {}): PivotLayout {
  const { rowDimensions, columnDimensions, leaves, leafPathKeys, readers } = index;
  const collapsed = state.collapsed ?? new Set<string>();
  const sort = state.sort && (state.sort.by === LABEL_SORT || leaves.some((l) => l.key === state.sort!.by)) ? state.sort : null;

  const cellsOf = (node: RowNode): (PivotCell | null)[] =>
    leaves.map((leaf, i) => {
      const r = node.cells.get(leafPathKeys[i]!);
      if (r === undefined) return null;
      const rd = readers.get(leaf.column);
      const selector: CellSelector = {};
      node.path.forEach((v, d) => (selector[rowDimensions[d]!.id] = v));
      leaf.path.forEach((v, d) => (selector[columnDimensions[d]!.id] = v));
      const cell: PivotCell = {
        value: rd?.get(r) ?? null,
        number: numberOf(rd, r),
        selector,
        total: leaf.total || node.path.length < rowDimensions.length,
      };
      if (leaf.part === 'change_pct') {
        const cmp = leaf.measure.compare!;
        cell.previous = cmp.previous ? numberOf(readers.get(cmp.previous), r) : null;
        cell.change = cmp.change ? numberOf(readers.get(cmp.change), r) : null;
      }
      return cell;
    });

  // The sort key of a row for the sorted leaf: its own figure, else the sum of its children's.
  const sortLeaf = sort && sort.by !== LABEL_SORT ? leaves.findIndex((l) => l.key === sort.by) : -1;
  const keyCache = new Map<RowNode, number | null>();
  const sortKey = (node: RowNode): number | null => {
    if (keyCache.has(node)) return keyCache.get(node)!;
    let v: number | null = null;
    const r = node.cells.get(leafPathKeys[sortLeaf]!);
    if (r !== undefined) v = numberOf(readers.get(leaves[sortLeaf]!.column), r);
    if (v === null && node.children.length > 0) {
      for (const c of node.children) {
        const k = sortKey(c);
        if (k !== null) v = (v ?? 0) + k;
      }
    }
    keyCache.set(node, v);
    return v;
  };
  const sign = sort?.direction === 'desc' ? -1 : 1;
  const ordered = (children: RowNode[]): RowNode[] => {
    if (!sort) return children;
    const sorted = [...children];
    if (sort.by === LABEL_SORT) {
      sorted.sort((a, b) => {
        if (a.value === null || b.value === null) return compareValues(a.value, b.value);
        return sign * compareValues(a.value, b.value) || a.order - b.order;
      });
    } else {
      sorted.sort((a, b) => {
        const x = sortKey(a);
        const y = sortKey(b);
        if (x === null || y === null) return x === y ? a.order - b.order : x === null ? 1 : -1;
        return sign * (x - y) || a.order - b.order;
      });
    }
    return sorted;
  };

  const toRow = (node: RowNode, kind: RowKind): PivotRow => {
    const selector: CellSelector = {};
    node.path.forEach((v, d) => (selector[rowDimensions[d]!.id] = v));
    return {
      key: node.key,
      depth: Math.max(0, node.depth),
      kind,
      path: node.path,
      dimension: node.depth >= 0 ? rowDimensions[node.depth]! : null,
      value: node.value,
      childCount: node.children.length,
      expanded: node.children.length > 0 && !collapsed.has(node.key),
      hasValues: node.cells.size > 0,
      cells: cellsOf(node),
      selector,
      parentKey: node.parent && node.parent !== index.root ? node.parent.key : null,
    };
  };

  const rows: PivotRow[] = [];
  let grandTotal: PivotRow | null = null;
  if (rowDimensions.length === 0) {
    // No row dimension: one row, the figures of the whole result.
    if (index.root.cells.size > 0) rows.push(toRow(index.root, 'grand'));
  } else {
    const walk = (children: RowNode[]) => {
      for (const node of ordered(children)) {
        const row = toRow(node, node.children.length > 0 ? 'group' : 'detail');
        rows.push(row);
        if (row.expanded) walk(node.children);
      }
    };
    walk(index.root.children);
    if (index.root.cells.size > 0) grandTotal = toRow(index.root, 'grand');
  }

  return {
    rowDimensions,
    columnDimensions,
    measures: index.measures,
    leaves,
    columnTree: index.columnTree,
    rows,
    grandTotal,
    ranges: index.ranges,
    groupKeys: index.groupKeys,
    sort,
    hasTotals: index.hasTotals,
    empty: index.detailCount === 0,
  };
}

/** indexPivot then layoutPivot, for one-off use (tests, exports). */
export function buildPivot(input: PivotInput, state: PivotState = {}): PivotLayout {
  return layoutPivot(indexPivot(input), state);
}

/** Whether two selectors name the same cell (same dimensions, same values). */
export function sameSelector(a: CellSelector | null | undefined, b: CellSelector | null | undefined): boolean {
  if (!a || !b) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k in b && Object.is(a[k], b[k]));
}

/**
 * Where a value sits in its measure's range, 0..1; null when there is nothing to compare (a single
 * value). Linear from min to max; `around: 'median'` maps min..median to 0..0.5 and median..max to
 * 0.5..1, so that a diverging scale turns at the typical figure, not at the middle of a skewed range.
 */
export function scalePosition(range: MeasureRange | undefined, value: number | null, around: 'range' | 'median' = 'range'): number | null {
  if (!range || value === null || range.max === range.min) return null;
  if (around === 'median' && range.median > range.min && range.median < range.max) {
    const v = Math.min(range.max, Math.max(range.min, value));
    return v <= range.median ? ((v - range.min) / (range.median - range.min)) * 0.5 : 0.5 + ((v - range.median) / (range.max - range.median)) * 0.5;
  }
  return Math.min(1, Math.max(0, (value - range.min) / (range.max - range.min)));
}

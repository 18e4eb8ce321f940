// Which chart suits a spec, and which kinds can draw it at all. Switching kinds never changes the
// spec: every kind reads the same result. Pure.
import type { ResultColumn } from '../api';
import type { ChartKind } from '../dashboard/types';
import { findKpi } from '../model/kpis';
import { normalizeSpec } from '../spec/normalize';
import type { AnalysisSpec, NormalizedDimension } from '../spec/types';

/** What is known of a result column before or after running (its kind decides time axes). */
export type ColumnShape = Pick<ResultColumn, 'id' | 'kind'> & Partial<Pick<ResultColumn, 'role'>>;

/** A pie reads well up to this many slices. */
export const PIE_MAX_SLICES = 7;
/** Two dimensions with a time axis: a heatmap from this many rows on (rep × month), lines below. */
const HEATMAP_FROM_ROWS = 96;

type DimShape = 'time' | 'bin' | 'stage' | 'category';

const STAGE_NAME = /stage|[ée]tape|phase|fase|stadium|stufe/i;

function shapeOf(d: NormalizedDimension, columns: readonly ColumnShape[]): DimShape {
  if (d.grain !== null) return 'time';
  if (d.bin !== null) return 'bin';
  const kind = columns.find((c) => c.id === d.id)?.kind;
  if (kind === 'date' || kind === 'timestamp') return 'time';
  if (d.role === 'stage' || (d.column !== null && STAGE_NAME.test(d.column))) return 'stage';
  return 'category';
}

interface SpecShape {
  dims: DimShape[];
  dimRoles: (string | null)[];
  measures: number;
  /** The first measure is a count or a sum: its parts make a whole (pie, stacks). */
  additive: boolean;
  totals: boolean;
}

function specShape(spec: AnalysisSpec, columns: readonly ColumnShape[]): SpecShape {
  const n = normalizeSpec(spec);
  const resultMeasures = columns.filter((c) => c.role === 'measure' && !/__(previous|change|change_pct)$/.test(c.id)).length;
  const first = spec.measures[0];
  let additive = false;
  if (first) {
    if ('kpi' in first) additive = findKpi(first.kpi)?.measures[0]?.additive ?? false;
    else if ('op' in first) additive = (first.op === 'count' || first.op === 'sum') && first.show === undefined;
    else additive = /^\s*(?:count|sum|count_if|sum_if)\([^/]*$/.test(first.formula);
  }
  return {
    dims: n.dimensions.map((d) => shapeOf(d, columns)),
    dimRoles: n.dimensions.map((d) => d.role),
    measures: Math.max(spec.measures.length, resultMeasures),
    additive,
    totals: n.totals !== 'none',
  };
}

/**
 * The chart a spec gets by default: one measure and no dimension → kpi; a date dimension → line;
 * binned numbers → histogram; a few categories of a count or sum → pie; other categories → bar;
 * two dimensions with a time grain → lines per value of the other, or a heatmap when there are many
 * (rep × month); more dimensions, or totals → pivot.
 */
export function defaultChartKind(spec: AnalysisSpec, columns: readonly ColumnShape[] = [], rowCount?: number): ChartKind {
  const s = specShape(spec, columns);
  if (s.measures === 0) return 'table';
  if (s.totals || s.dims.length > 2) return 'pivot';
  if (s.dims.length === 0) return s.measures === 1 ? 'kpi' : 'column';
  if (s.dims.length === 1) {
    const d = s.dims[0]!;
    if (d === 'time') return 'line';
    if (d === 'bin') return 'histogram';
    if (s.measures === 1 && s.additive && rowCount !== undefined && rowCount > 0 && rowCount <= PIE_MAX_SLICES) return 'pie';
    return 'bar';
  }
  const timeAt = s.dims.indexOf('time');
  if (timeAt >= 0) {
    const other = s.dims[1 - timeAt]!;
    if (other === 'time') return 'heatmap';
    const many = rowCount !== undefined && rowCount >= HEATMAP_FROM_ROWS;
    return many || s.dimRoles[1 - timeAt] === 'owner' ? 'heatmap' : 'line';
  }
  return 'column';
}

/** Every kind that can draw the spec, the default first. */
export function compatibleChartKinds(spec: AnalysisSpec, columns: readonly ColumnShape[] = []): ChartKind[] {
  const s = specShape(spec, columns);
  const kinds = new Set<ChartKind>();
  kinds.add(defaultChartKind(spec, columns));
  if (s.measures > 0) {
    const dims = s.dims.length;
    const hasTime = s.dims.includes('time');
    if (dims === 0 || (dims === 1 && hasTime)) kinds.add('kpi');
    if (dims >= 1 && dims <= 2) {
      kinds.add('line');
      kinds.add('column');
      kinds.add('bar');
    }
    if (dims === 0) kinds.add('column');
    if (dims === 1) {
      kinds.add('pie');
      kinds.add('donut');
      kinds.add('funnel');
      kinds.add('waterfall');
    }
    if (s.dims.includes('bin') && dims <= 2) kinds.add('histogram');
    if (dims === 2) kinds.add('heatmap');
    if (s.measures >= 2 && dims >= 1 && dims <= 2) kinds.add('scatter');
  }
  kinds.add('pivot');
  kinds.add('table');
  // Funnels read best on stages: put them right after the default there.
  const list = [...kinds];
  if (s.dims.length === 1 && s.dims[0] === 'stage') {
    const at = list.indexOf('funnel');
    if (at > 1) {
      list.splice(at, 1);
      list.splice(1, 0, 'funnel');
    }
  }
  return list;
}

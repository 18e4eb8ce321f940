// Fills every default of an AnalysisSpec so that the compiler never has to guess.
import {
  DEFAULT_LIMIT,
  type AnalysisSpec,
  type MeasureOp,
  type NormalizedSpec,
  type TimeGrain,
} from './types';

const OP_LABEL: Record<MeasureOp, string> = {
  count: 'Count',
  count_distinct: 'Distinct',
  sum: 'Sum of',
  avg: 'Average',
  min: 'Min',
  max: 'Max',
  median: 'Median',
};

export function measureLabel(op: MeasureOp, column: string | null): string {
  if (op === 'count' && column === null) return 'Count';
  return `${OP_LABEL[op]} ${column ?? ''}`.trim();
}

export function dimensionLabel(column: string, grain: TimeGrain | null): string {
  return grain ? `${column} (${grain})` : column;
}

export function normalizeSpec(spec: AnalysisSpec): NormalizedSpec {
  const measures = spec.measures.map((m, i) => ({
    id: m.id ?? `m${i}`,
    op: m.op,
    column: m.column ?? null,
    label: m.label ?? measureLabel(m.op, m.column ?? null),
  }));
  const dimensions = (spec.dimensions ?? []).map((d, i) => ({
    id: d.id ?? `d${i}`,
    column: d.column,
    grain: d.grain ?? null,
    label: d.label ?? dimensionLabel(d.column, d.grain ?? null),
  }));
  const sort =
    spec.sort && spec.sort.length > 0
      ? spec.sort.map((s) => ({ by: s.by, direction: s.direction ?? ('asc' as const) }))
      : dimensions.map((d) => ({ by: d.id, direction: 'asc' as const }));
  return {
    source: spec.source,
    snapshot: spec.snapshot ?? 'latest',
    measures,
    dimensions,
    filters: (spec.filters ?? []).map((f) => ({ column: f.column, op: f.op, values: f.values ?? [] })),
    sort,
    limit: spec.limit ?? DEFAULT_LIMIT,
    weekStart: spec.weekStart ?? 'monday',
  };
}

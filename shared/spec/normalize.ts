// Fills every default of an AnalysisSpec so that the compiler never has to guess.
import {
  DEFAULT_LIMIT,
  DEFAULT_TIME_ZONE,
  type AnalysisSpec,
  type FilterInput,
  type FilterTreeInput,
  type MeasureOp,
  type NormalizedFilter,
  type NormalizedFilterTree,
  type NormalizedMeasure,
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

const refName = (x: { column?: string; role?: string }) => x.column ?? (x.role !== undefined ? `@${x.role}` : null);

export function normalizeFilter(f: FilterInput): NormalizedFilter {
  return {
    column: f.column ?? null,
    role: f.column === undefined ? (f.role ?? null) : null,
    op: f.op,
    values: f.values ?? [],
    period: f.period ?? null,
  };
}

export function normalizeFilterTree(node: FilterTreeInput): NormalizedFilterTree {
  if ('and' in node) return { and: node.and.map(normalizeFilterTree) };
  if ('or' in node) return { or: node.or.map(normalizeFilterTree) };
  if ('not' in node) return { not: normalizeFilterTree(node.not) };
  return normalizeFilter(node);
}

export function normalizeSpec(spec: AnalysisSpec): NormalizedSpec {
  const measures = spec.measures.map((m, i): NormalizedMeasure => {
    const id = m.id ?? `m${i}`;
    const show = 'show' in m ? (m.show ?? null) : null;
    if ('formula' in m) return { kind: 'formula', id, formula: m.formula, label: m.label ?? m.formula, show };
    if ('kpi' in m) {
      // KPIs are expanded by the host (electron/core/query/kpi-measures.ts) before normalizing;
      // one left here becomes a formula the compiler rejects with the KPI's name.
      return { kind: 'formula', id: m.id ?? m.kpi, formula: `kpi:${m.kpi}`, label: m.label ?? m.kpi, show };
    }
    return {
      kind: 'aggregate',
      id,
      op: m.op,
      column: m.column ?? null,
      role: m.column === undefined ? (m.role ?? null) : null,
      label: m.label ?? measureLabel(m.op, refName(m)),
      show,
    };
  });
  const dimensions = (spec.dimensions ?? []).map((d, i) => ({
    id: d.id ?? `d${i}`,
    column: d.column ?? null,
    role: d.column === undefined ? (d.role ?? null) : null,
    grain: d.grain ?? null,
    bin: d.bin ?? null,
    top: d.top ? { n: d.top.n, by: d.top.by, othersLabel: d.top.othersLabel ?? 'Others' } : null,
    label: d.label ?? dimensionLabel(refName(d) ?? '', d.grain ?? null),
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
    filters: (spec.filters ?? []).map(normalizeFilter),
    filter: spec.filter ? normalizeFilterTree(spec.filter) : null,
    sort,
    limit: spec.limit ?? DEFAULT_LIMIT,
    weekStart: spec.weekStart ?? 'monday',
    fiscalYearStartMonth: spec.fiscalYearStartMonth ?? 1,
    today: spec.today ?? null,
    columns: spec.columns ?? [],
    totals: spec.totals ?? 'none',
    compare: spec.compare ? { to: spec.compare.to, along: spec.compare.along ?? null } : null,
    ...(spec.segments && spec.segments.length > 0 ? { segments: [...spec.segments] } : {}),
    timeZone: spec.timeZone ?? DEFAULT_TIME_ZONE,
  };
}

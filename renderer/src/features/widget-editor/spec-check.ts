// The widget's spec checked in the renderer with the pure compiler (shared/spec), against the
// source's columns and roles: formula syntax, unknown names and invalid shapes show as the user
// types, without a round trip to the engine. Catalog KPIs are expanded by the engine only; here
// they stand as placeholders that claim the same ids.
import type { SourceInfo } from '../../../../shared/api';
import { findKpi } from '../../../../shared/model/kpis';
import { compileSpec } from '../../../../shared/spec/compile';
import { normalizeSpec } from '../../../../shared/spec/normalize';
import { parseSpec } from '../../../../shared/spec/schema';
import type { AnalysisSpec, MeasureInput, SourceSchema } from '../../../../shared/spec/types';

export interface SpecProblem {
  message: string;
  /** The spec path the compiler named ("measures.2.formula"), if any. */
  field: string | null;
  /** Index of the measure concerned (a Values chip), if any. */
  measure: number | null;
  /** Position in a formula (1-based), when the problem is in one. */
  line: number | null;
  column: number | null;
}

/** What the compiler needs of a source, from what the workspace tells the UI. */
export function schemaOf(source: SourceInfo, today: string, snapshotAll = false): SourceSchema {
  const columns = source.columns.map((c) => ({ name: c.name, type: c.type }));
  if (snapshotAll && !columns.some((c) => c.name === 'snapshot_date')) columns.push({ name: 'snapshot_date', type: 'DATE' });
  return { table: 'source', columns, roles: source.roles, today };
}

/** KPI measures replaced by placeholders claiming the ids the engine's expansion gives them. */
function withKpiPlaceholders(measures: readonly MeasureInput[]): MeasureInput[] {
  const out: MeasureInput[] = [];
  const extra: MeasureInput[] = [];
  for (const m of measures) {
    if (!('kpi' in m)) {
      out.push(m);
      continue;
    }
    const id = m.id ?? m.kpi;
    out.push({ id, formula: 'count()', ...(m.label !== undefined ? { label: m.label } : {}) });
    const kpi = findKpi(m.kpi);
    for (const x of kpi?.measures.slice(1) ?? []) {
      const other = x.id.startsWith(kpi!.id) ? id + x.id.slice(kpi!.id.length) : `${id}_${x.id}`;
      extra.push({ id: other, formula: 'count()' });
    }
  }
  return [...out, ...extra];
}

function problemOf(error: { message: string; location?: { field?: string; line?: number; column?: number | string } }): SpecProblem {
  const field = error.location?.field ?? null;
  const m = field ? /^measures\.(\d+)(\.|$)/.exec(field) : null;
  const column = error.location?.column;
  return {
    message: error.message,
    field,
    measure: m ? Number(m[1]) : null,
    line: error.location?.line ?? null,
    column: typeof column === 'number' ? column : null,
  };
}

/** Null when the spec compiles against the source; else the first problem, with where it is. */
export function checkSpec(spec: AnalysisSpec, source: SourceInfo, today: string): SpecProblem | null {
  const parsed = parseSpec(spec);
  if (!parsed.ok) return problemOf(parsed.error);
  const { segments: _segments, ...rest } = parsed.value;
  const normalized = normalizeSpec({ ...rest, measures: withKpiPlaceholders(rest.measures) });
  const compiled = compileSpec(normalized, schemaOf(source, today, spec.snapshot === 'all'));
  return compiled.ok ? null : problemOf(compiled.error);
}

/** Today as YYYY-MM-DD in the local calendar: relative periods resolve against it. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// Catalog KPIs named inside an AnalysisSpec (`{ kpi: 'conversion_rate' }`): expanded by the core,
// before normalizing and compiling, into the KPI's formula measures with their placeholders
// ({won} {lost} {open} {probability_scale} {stale_before}) resolved from the source's data the way
// runKpis (electron/core/kpi.ts) resolves them: the outcome column is `status` when mapped (else
// `stage`; `stage` too when `status` holds no won / lost value), its won / lost values are those
// `outcomeValuesFrom` recognises, and the probability scale is 100 when the column's maximum
// exceeds 1. The KPI's date role is NOT forced: the spec's own dimensions and filters apply.
// Only single-source deal KPIs can be measures: no joined source, no activity KPI, and no KPI
// read over won deals only (a filter, which would change the spec's other measures).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Result } from '../../../shared/api';
import {
  expandFormula,
  findKpi,
  KPIS,
  kpiMeasures,
  outcomeRole,
  outcomeValuesFrom,
  type KpiDefinition,
  type OutcomeValues,
} from '../../../shared/model/kpis';
import { quoteIdent } from '../../../shared/spec/quote';
import { suggest } from '../../../shared/spec/suggest';
import type { AnalysisSpec, MeasureInput } from '../../../shared/spec/types';

/** What the expansion reads from the data, on demand (at most once per spec). */
export interface KpiData {
  outcome(): Promise<OutcomeValues | null>;
  probabilityScale(): Promise<1 | 100>;
}

const OUTCOME_PLACEHOLDERS = ['{won}', '{lost}', '{open}'];

/** Whether a spec names a catalog KPI among its measures. */
export function hasKpiMeasures(spec: AnalysisSpec): boolean {
  return spec.measures.some((m) => 'kpi' in m);
}

/** The roles a KPI used as a measure needs and the source lacks (its date role only if a formula uses it). */
export function missingMeasureRoles(kpi: KpiDefinition, roles: Readonly<Record<string, string>>): string[] {
  const formulas = kpiMeasures(kpi, roles).map((x) => x.formula);
  const missing = kpi.requires.filter((r) => (r !== kpi.dateRole || formulas.some((f) => f.includes(`@${r}`))) && !roles[r]);
  if (kpi.outcome && !outcomeRole(roles)) missing.unshift('status');
  return [...new Set(missing)];
}

/**
 * The spec with each `{ kpi }` measure replaced by the KPI's formula measures. The main measure's
 * id is the measure's `id` (default the KPI's id) and its label the measure's `label`; the
 * others are `<id>_<what>` (revenue_won_deals → <id>_deals). Errors are at `measures.N.kpi`.
 */
export async function expandKpiMeasures(
  spec: AnalysisSpec,
  source: { name: string; roles: Readonly<Record<string, string>>; today: string },
  data: KpiData,
): Promise<Result<AnalysisSpec>> {
  if (!hasKpiMeasures(spec)) return { ok: true, value: spec };
  const today = spec.today ?? source.today;
  const measures: MeasureInput[] = [];
  let outcome: OutcomeValues | null | undefined;
  let scale: 1 | 100 | undefined;
  for (const [i, m] of spec.measures.entries()) {
    if (!('kpi' in m)) {
      measures.push(m);
      continue;
    }
    const field = `measures.${i}.kpi`;
    const kpi = findKpi(m.kpi);
    if (!kpi) {
      const near = suggest(m.kpi, KPIS.map((k) => k.id));
      return invalid(`unknown KPI "${m.kpi}"${near ? ` — did you mean "${near}"?` : ''}`, field);
    }
    if (kpi.join || kpi.entity === 'activity' || kpi.scope === 'won') {
      const why = kpi.join
        ? `it joins the ${kpi.join.what} source`
        : kpi.entity === 'activity'
          ? 'it reads activities'
          : 'it is read over won deals only';
      return invalid(`KPI "${kpi.id}" cannot be a measure of a spec (${why}): run it with the KPI command`, field);
    }
    const missing = missingMeasureRoles(kpi, source.roles);
    if (missing.length > 0) {
      return invalid(
        `KPI "${kpi.id}" needs the role${missing.length > 1 ? 's' : ''} ${missing.map((r) => `"${r}"`).join(', ')}, not mapped in "${source.name}"`,
        field,
      );
    }
    const parts = kpiMeasures(kpi, source.roles).filter((x) => !x.joined && !x.ratio);
    const templates = parts.map((x) => x.formula);
    if (templates.some((f) => OUTCOME_PLACEHOLDERS.some((p) => f.includes(p))) && outcome === undefined) {
      outcome = await data.outcome();
    }
    if (templates.some((f) => f.includes('{probability_scale}')) && scale === undefined) {
      scale = await data.probabilityScale();
    }
    const base = m.id ?? kpi.id;
    const rename = (id: string) => (id.startsWith(kpi.id) ? base + id.slice(kpi.id.length) : `${base}_${id}`);
    for (const x of parts) {
      let template = x.formula;
      if (base !== kpi.id) {
        // References between the KPI's measures follow the renaming (whole identifiers only).
        for (const other of parts) template = template.replace(new RegExp(`\\b${other.id}\\b`, 'g'), rename(other.id));
      }
      measures.push({
        id: rename(x.id),
        label: x.id === kpi.id ? (m.label ?? x.label) : x.label,
        formula: expandFormula(template, {
          today,
          ...(outcome ? { outcome } : {}),
          ...(scale !== undefined ? { probabilityScale: scale } : {}),
        }),
      });
    }
  }
  return { ok: true, value: { ...spec, measures } };
}

/** Reads the outcome values and the probability scale from a source's table (or view). */
export function kpiDataOf(conn: () => Promise<DuckDBConnection>, table: string, roles: Readonly<Record<string, string>>): KpiData {
  const read = async <T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> => {
    const c = await conn();
    try {
      return await fn(c);
    } finally {
      c.closeSync();
    }
  };
  return {
    outcome: () =>
      read(async (c) => {
        const first = outcomeRole(roles);
        const candidates: ('status' | 'stage')[] = first === 'status' && roles.stage ? ['status', 'stage'] : first ? [first] : [];
        let found: OutcomeValues | null = null;
        for (const role of candidates) {
          const col = quoteIdent(roles[role]!);
          const values = (
            await c.runAndReadAll(
              `SELECT DISTINCT CAST(${col} AS VARCHAR) AS v FROM ${quoteIdent(table)} ORDER BY v NULLS LAST LIMIT 10000`,
            )
          )
            .getRowObjectsJS()
            .map((r) => (r.v === null || r.v === undefined ? null : String(r.v)));
          const outcome = outcomeValuesFrom(role, values);
          found ??= outcome;
          if (outcome.won.length || outcome.lost.length) return outcome;
        }
        return found;
      }),
    probabilityScale: () =>
      read(async (c) => {
        const column = roles.probability;
        if (!column) return 100;
        const row = (await c.runAndReadAll(`SELECT max(CAST(${quoteIdent(column)} AS DOUBLE)) AS m FROM ${quoteIdent(table)}`)).getRowObjectsJS()[0];
        const max = row?.m;
        return typeof max === 'number' && max > 1 ? 100 : 1;
      }),
  };
}

function invalid<T>(message: string, field: string): Result<T> {
  return { ok: false, error: { code: 'SPEC_INVALID', message, location: { field } } };
}

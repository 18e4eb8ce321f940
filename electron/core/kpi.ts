// Runs catalog KPIs (shared/model/kpis.ts) through the core's runQuery: picks the deals source,
// checks the roles, reads the outcome column's won / lost values and the probability scale from
// the data, runs one spec per KPI (each KPI has its own date role) and merges the rows by group.
import type { QuarterdeckApi, Result, SourceInfo } from '../../shared/api';
import { fail, ok } from '../../shared/api';
import { readArrow, type CellValue } from '../../shared/arrow/cells';
import {
  findKpi,
  KPIS,
  kpiMeasures,
  kpiSpec,
  missingRoles,
  outcomeRole,
  outcomeValuesFrom,
  PERIOD_COLUMN,
  wilsonInterval,
  type KpiDefinition,
  type KpiFormat,
  type KpiSpecOptions,
  type OutcomeValues,
} from '../../shared/model/kpis';
import { suggest } from '../../shared/spec/suggest';
import type { AnalysisSpec } from '../../shared/spec/types';

export type KpiCore = Pick<QuarterdeckApi, 'runQuery' | 'getWorkspace'>;

export interface KpiRunOptions extends Omit<KpiSpecOptions, 'source' | 'outcome' | 'probabilityScale' | 'roles'> {
  /** The deals source; by default the source whose roles fit the KPIs best. */
  source?: string;
}

export interface KpiColumn {
  id: string;
  label: string;
  kind: 'dimension' | 'measure';
  format?: KpiFormat;
  /** The KPI this column belongs to. */
  kpi?: string;
}

export interface KpiRows {
  source: string;
  columns: KpiColumn[];
  rows: Record<string, CellValue>[];
  /** How won / lost were recognised, and the probability scale used (for "explain this number"). */
  outcome: OutcomeValues | null;
  probabilityScale: 1 | 100 | null;
  /** The spec run for each KPI. */
  specs: Record<string, AnalysisSpec>;
}

export async function runKpis(core: KpiCore, names: readonly string[], options: KpiRunOptions): Promise<Result<KpiRows>> {
  if (names.length === 0) return fail('INVALID_ARGUMENT', 'no KPI named', { location: { field: 'kpis' } });
  const kpis: KpiDefinition[] = [];
  for (const name of names) {
    const kpi = findKpi(name);
    if (!kpi) {
      const ids = KPIS.map((k) => k.id);
      const hint = suggest(name, ids);
      return fail('NOT_FOUND', `unknown KPI "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${ids.join(', ')}`, {
        location: { field: 'kpis' },
      });
    }
    if (!kpis.includes(kpi)) kpis.push(kpi);
  }

  const info = await core.getWorkspace();
  if (!info.ok) return info;
  const source = pickSource(info.value.sources, kpis, options.source);
  if (!source.ok) return source;
  const roles = source.value.roles;
  const use = {
    dated: Boolean(options.period || options.grain),
    roles: [...(options.by ?? []), ...(options.filters ?? []).map((f) => f.role)],
  };
  for (const kpi of kpis) {
    const missing = missingRoles(kpi, roles, use);
    if (missing.length) {
      const what = missing.map((r) => (r === 'status' && kpi.outcome ? 'status (or a stage telling won / lost)' : r));
      return fail(
        'INVALID_ARGUMENT',
        `KPI "${kpi.id}" needs the role${missing.length > 1 ? 's' : ''} ${what.join(', ')}, not mapped in source "${source.value.name}"`,
        { location: { field: 'roles' } },
      );
    }
  }

  const base = { source: source.value.name, today: options.today };
  let outcome: OutcomeValues | null = null;
  if (kpis.some((k) => k.outcome)) {
    const found = await readOutcome(core, base, roles);
    if (!found.ok) return found;
    outcome = found.value;
  }
  let probabilityScale: 1 | 100 | null = null;
  if (kpis.some((k) => k.measures.some((x) => x.formula.includes('{probability_scale}')))) {
    const max = await core.runQuery({ spec: { ...base, measures: [{ id: 'max', op: 'max', role: 'probability' }] } });
    if (!max.ok) return max;
    const value = readArrow(max.value.ipc).rows()[0]?.max;
    probabilityScale = typeof value === 'number' && value > 1 ? 100 : 1;
  }

  const dims = [...(options.by ?? []), ...(options.grain ? [PERIOD_COLUMN] : [])];
  const columns: KpiColumn[] = dims.map((id) => ({ id, label: id, kind: 'dimension' }));
  const merged = new Map<string, Record<string, CellValue>>();
  const specs: Record<string, AnalysisSpec> = {};
  for (const kpi of kpis) {
    const spec = kpiSpec(kpi, {
      ...options,
      source: source.value.name,
      roles,
      ...(outcome ? { outcome } : {}),
      ...(probabilityScale ? { probabilityScale } : {}),
    });
    specs[kpi.id] = spec;
    const result = await core.runQuery({ spec });
    if (!result.ok) return result;
    const measures = kpiMeasures(kpi, roles);
    for (const x of measures) {
      if (!columns.some((c) => c.id === x.id)) columns.push({ id: x.id, label: x.label, kind: 'measure', format: x.format, kpi: kpi.id });
    }
    if (kpi.rate) {
      columns.push({ id: `${kpi.id}_low`, label: `${kpi.label}, 95 % low`, kind: 'measure', format: 'percent', kpi: kpi.id });
      columns.push({ id: `${kpi.id}_high`, label: `${kpi.label}, 95 % high`, kind: 'measure', format: 'percent', kpi: kpi.id });
    }
    for (const row of readArrow(result.value.ipc).rows()) {
      const key = JSON.stringify(dims.map((d) => row[d] ?? null));
      let target = merged.get(key);
      if (!target) {
        target = Object.fromEntries(dims.map((d) => [d, row[d] ?? null]));
        merged.set(key, target);
      }
      for (const x of measures) target[x.id] = row[x.id] ?? null;
      if (kpi.rate) {
        const ci = wilsonInterval(Number(row[kpi.rate.successes] ?? 0), Number(row[kpi.rate.trials] ?? 0));
        target[`${kpi.id}_low`] = ci?.low ?? null;
        target[`${kpi.id}_high`] = ci?.high ?? null;
      }
    }
  }

  // A group absent from one KPI's rows (no deal closed in it, say) has zero counts and sums there.
  const rows = [...merged.values()].map((row) => {
    const out: Record<string, CellValue> = {};
    for (const c of columns) {
      const additive = kpis.some((k) => k.measures.some((x) => x.id === c.id && x.additive));
      out[c.id] = row[c.id] === undefined ? (additive ? 0 : null) : row[c.id]!;
    }
    return out;
  });
  rows.sort((a, b) => {
    for (const d of dims) {
      const c = compareCells(a[d] ?? null, b[d] ?? null);
      if (c !== 0) return c;
    }
    return 0;
  });
  return ok({ source: source.value.name, columns, rows, outcome, probabilityScale, specs });
}

function compareCells(a: CellValue, b: CellValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** The source named, or the one mapping the most of the KPIs' roles (deals first). */
function pickSource(sources: readonly SourceInfo[], kpis: readonly KpiDefinition[], name?: string): Result<SourceInfo> {
  if (name) {
    const found = sources.find((s) => s.name === name);
    return found ? ok(found) : fail('NOT_FOUND', `no source named "${name}"`, { location: { field: 'source' } });
  }
  const wanted = new Set<string>(['status', 'stage', 'amount', ...kpis.flatMap((k) => [...k.requires, k.dateRole])]);
  const scored = sources
    .map((s) => ({ s, score: Object.keys(s.roles).filter((r) => wanted.has(r)).length + (s.model ? 0.5 : 0) }))
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.score === 0) return fail('NOT_FOUND', 'no source with deal roles (status, amount, dates) in this workspace', { location: { field: 'source' } });
  return ok(best.s);
}

/** The outcome column's won / lost values, read from the data: status first, else stage. */
async function readOutcome(
  core: KpiCore,
  base: { source: string; today: string },
  roles: Readonly<Record<string, string>>,
): Promise<Result<OutcomeValues>> {
  const first = outcomeRole(roles);
  const candidates: ('status' | 'stage')[] = first === 'status' && roles.stage ? ['status', 'stage'] : first ? [first] : [];
  let found: OutcomeValues | null = null;
  for (const role of candidates) {
    const result = await core.runQuery({
      spec: { ...base, measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'v', role }], limit: 10_000 },
    });
    if (!result.ok) return result;
    const values = readArrow(result.value.ipc)
      .rows()
      .map((r) => (r.v === null || r.v === undefined ? null : String(r.v)));
    const outcome = outcomeValuesFrom(role, values);
    found ??= outcome;
    if (outcome.won.length || outcome.lost.length) return ok(outcome);
  }
  return found ? ok(found) : fail('INVALID_ARGUMENT', 'no status or stage role mapped', { location: { field: 'roles' } });
}

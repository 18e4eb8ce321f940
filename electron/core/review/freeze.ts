// Freezing a dashboard for a review: every widget run for the review's period, with its relative
// filters resolved against the review's day (not the wall clock) and, on a source with several
// snapshots, the export as of the period's end; each result kept as Arrow bytes with the spec as
// run and the snapshots (dates and files) it was read from. A widget that fails is frozen with its
// error: the others still count.
import type { QdError, QueryResult, Result } from '../../../shared/api';
import { readArrow } from '../../../shared/arrow/cells';
import { kpiTileSpec, readKpiTile, widgetQuerySpec } from '../../../shared/dashboard/apply';
import type { Dashboard, Widget } from '../../../shared/dashboard/types';
import type { FrozenResult, FrozenSnapshot, FrozenWidget } from '../../../shared/review/types';
import type { DayRange } from '../../../shared/spec/dates';
import { normalizeSpec } from '../../../shared/spec/normalize';
import type { AnalysisSpec } from '../../../shared/spec/types';
import type { SourceRecord } from '../workspace/workspace';

export interface FreezeContext {
  runQuery(spec: AnalysisSpec): Promise<Result<QueryResult>>;
  sources: readonly SourceRecord[];
  period: DayRange;
  /** The day relative filters resolve against. */
  today: string;
}

/**
 * The snapshot a spec reads in a review: as asked when it names one; on a plain source with several
 * snapshots, the latest one dated on or before the period's end (the pipeline as it stood when the
 * period closed), else the earliest after it; otherwise the latest.
 */
export function snapshotAsOf(source: SourceRecord, asked: string | undefined, period: DayRange): string | undefined {
  if (asked !== undefined && asked !== 'latest') return asked;
  if (source.model || source.snapshots.length < 2) return undefined;
  const dates = source.snapshots.map((s) => s.date);
  const before = dates.filter((d) => d <= period.to);
  const chosen = before.length > 0 ? before.at(-1)! : dates[0]!;
  return chosen === dates.at(-1) ? undefined : chosen;
}

/** The snapshots (dates and files) a spec reads. */
export function snapshotsRead(source: SourceRecord, snapshot: string | undefined, sources: readonly SourceRecord[]): FrozenSnapshot[] {
  const one = (record: SourceRecord, which: string | undefined): FrozenSnapshot => {
    if (which === 'all') return { source: record.name, dates: record.snapshots.map((s) => s.date), files: [...new Set(record.snapshots.map((s) => s.file))] };
    const s = which === undefined || which === 'latest' ? record.snapshots.at(-1) : record.snapshots.find((x) => x.date === which);
    return { source: record.name, dates: s ? [s.date] : [], files: s ? [s.file] : [] };
  };
  if (!source.model) return [one(source, snapshot)];
  const base = sources.find((s) => s.name === source.model!.base && !s.model);
  const joined = source.model.joined.map((j) => sources.find((s) => s.name === j && !s.model)).filter((s): s is SourceRecord => s !== undefined);
  return [base, ...joined].filter((s): s is SourceRecord => s !== undefined).map((s) => one(s, undefined));
}

/** Result dimension id -> role shown (by role, or a column the source maps to a role). */
export function dimensionRolesOf(spec: AnalysisSpec, source: SourceRecord): Record<string, string> {
  const byColumn = new Map(Object.entries(source.roles).map(([role, column]) => [column, role]));
  const out: Record<string, string> = {};
  for (const d of normalizeSpec(spec).dimensions) {
    const role = d.role ?? (d.column !== null ? byColumn.get(d.column) : undefined);
    if (role !== undefined && d.grain === null && d.bin === null) out[d.id] = role;
  }
  return out;
}

function frozen(spec: AnalysisSpec, r: QueryResult): FrozenResult {
  return { spec, columns: r.columns, ipc: r.ipc, rowCount: r.rowCount, truncated: r.truncated };
}

async function freezeWidget(widget: Widget, dashboard: Dashboard, ctx: FreezeContext): Promise<FrozenWidget> {
  const base: FrozenWidget = {
    widgetId: widget.id,
    title: widget.title,
    chart: widget.chart,
    ...(widget.options ? { options: widget.options } : {}),
    layout: widget.layout,
    results: [],
    ignored: [],
    snapshots: [],
    dimensionRoles: {},
  };
  const source = ctx.sources.find((s) => s.name === widget.spec.source);
  if (!source) return { ...base, error: { code: 'NOT_FOUND', message: `no source named "${widget.spec.source}"`, location: { field: 'spec.source' } } };
  const prepare = (spec: AnalysisSpec): AnalysisSpec => {
    const snapshot = snapshotAsOf(source, spec.snapshot, ctx.period);
    const { snapshot: _s, ...rest } = spec;
    return { ...rest, ...(snapshot !== undefined ? { snapshot } : {}), today: ctx.today };
  };
  const fail = (error: QdError, spec: AnalysisSpec | null): FrozenWidget => ({
    ...base,
    error,
    ...(spec ? { snapshots: snapshotsRead(source, spec.snapshot, ctx.sources) } : {}),
  });
  if (widget.chart === 'kpi') {
    const query = kpiTileSpec(widget, dashboard.filters, [], source, { today: ctx.today });
    const specs = query.specs.map(prepare);
    const results: FrozenResult[] = [];
    for (const spec of specs) {
      const r = await ctx.runQuery(spec);
      if (!r.ok) return { ...fail(r.error, spec), ignored: query.ignored };
      results.push(frozen(spec, r.value));
    }
    const figures = readKpiTile(query, results.map((r) => readArrow(r.ipc).rows()));
    const { mode, valueId, timeId, grain, period, compared, compareTo, sparkline } = query;
    return {
      ...base,
      results,
      kpi: { query: { mode, valueId, timeId, grain, period, compared, compareTo, sparkline }, figures },
      ignored: query.ignored,
      snapshots: snapshotsRead(source, specs[0]?.snapshot, ctx.sources),
    };
  }
  const query = widgetQuerySpec(widget, dashboard.filters, [], source);
  const spec = prepare(query.spec);
  const r = await ctx.runQuery(spec);
  if (!r.ok) return { ...fail(r.error, spec), ignored: query.ignored };
  return {
    ...base,
    results: [frozen(spec, r.value)],
    ignored: query.ignored,
    snapshots: snapshotsRead(source, spec.snapshot, ctx.sources),
    dimensionRoles: dimensionRolesOf(spec, source),
  };
}

/** Every widget of the dashboard, frozen in order (one at a time: the queries share the machine). */
export async function freezeDashboard(dashboard: Dashboard, ctx: FreezeContext): Promise<FrozenWidget[]> {
  const out: FrozenWidget[] = [];
  for (const widget of dashboard.widgets) out.push(await freezeWidget(widget, dashboard, ctx));
  return out;
}

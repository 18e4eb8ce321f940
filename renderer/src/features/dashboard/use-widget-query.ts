// Runs one widget's query under the dashboard's filters and cross-filters: the spec comes from
// widgetQuerySpec (or kpiTileSpec for a KPI tile), is sent to runQuery, and the Arrow result is read
// once. A change of the filters re-runs it; an answer to an older request is dropped.
import { useEffect, useMemo, useState } from 'react';
import type { QdError, QueryResult, SourceInfo } from '../../../../shared/api';
import { readArrow, type ArrowReader } from '../../../../shared/arrow/cells';
import {
  kpiTileSpec,
  readKpiTile,
  widgetQuerySpec,
  type KpiTileFigures,
  type KpiTileQuery,
} from '../../../../shared/dashboard/apply';
import type { CrossFilter, DashboardFilterBar, IgnoredFilter, Widget } from '../../../../shared/dashboard/types';
import type { AnalysisSpec } from '../../../../shared/spec/types';
import { useBackend } from '../../app/backend-context';
import { localToday } from './FilterBar';

export type WidgetData =
  | { kind: 'result'; result: QueryResult; reader: ArrowReader; spec: AnalysisSpec }
  | { kind: 'kpi'; query: KpiTileQuery; figures: KpiTileFigures; spec: AnalysisSpec; result: QueryResult; reader: ArrowReader };

export interface WidgetQueryState {
  status: 'loading' | 'ready' | 'error';
  data: WidgetData | null;
  error: QdError | null;
  /** Dashboard filters that do not apply to this widget. */
  ignored: IgnoredFilter[];
  /** The spec as run (what a drill starts from). */
  spec: AnalysisSpec | null;
  /** A short digest of the query the data (or error) answers: changes when the filters do. */
  queryKey: string | null;
}

/** FNV-1a of a string, in base 36: a short stable digest for attributes. */
export function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

type Plan =
  | { kind: 'result'; spec: AnalysisSpec; ignored: IgnoredFilter[] }
  | { kind: 'kpi'; query: KpiTileQuery; ignored: IgnoredFilter[] }
  | { kind: 'missing-source'; source: string };

export function planWidget(
  widget: Widget,
  filters: DashboardFilterBar,
  crossFilters: readonly CrossFilter[],
  source: SourceInfo | undefined,
  today: string,
): Plan {
  if (!source) return { kind: 'missing-source', source: widget.spec.source };
  if (widget.chart === 'kpi') {
    const query = kpiTileSpec(widget, filters, crossFilters, source, { today });
    return { kind: 'kpi', query, ignored: query.ignored };
  }
  const q = widgetQuerySpec(widget, filters, crossFilters, source);
  return { kind: 'result', spec: q.spec, ignored: q.ignored };
}

export function useWidgetQuery(
  widget: Widget,
  filters: DashboardFilterBar,
  crossFilters: readonly CrossFilter[],
  source: SourceInfo | undefined,
  missingSourceError: (name: string) => QdError,
): WidgetQueryState {
  const { api } = useBackend();
  const today = localToday();
  const plan = useMemo(
    () => planWidget(widget, filters, crossFilters, source, today),
    [widget, filters, crossFilters, source, today],
  );
  // The same query asked again (a move, a rename) does not run again.
  const key = JSON.stringify(plan);
  const [state, setState] = useState<WidgetQueryState>({ status: 'loading', data: null, error: null, ignored: [], spec: null, queryKey: null });

  useEffect(() => {
    let live = true;
    const p = JSON.parse(key) as Plan;
    const queryKey = digest(key);
    if (p.kind === 'missing-source') {
      setState({ status: 'error', data: null, error: missingSourceError(p.source), ignored: [], spec: null, queryKey });
      return;
    }
    setState((s) => ({ ...s, status: 'loading', ignored: p.ignored }));
    const run = async (): Promise<Omit<WidgetQueryState, 'queryKey'>> => {
      if (p.kind === 'result') {
        const r = await api.runQuery({ spec: p.spec });
        if (!r.ok) return { status: 'error', data: null, error: r.error, ignored: p.ignored, spec: p.spec };
        const data: WidgetData = { kind: 'result', result: r.value, reader: readArrow(r.value.ipc), spec: p.spec };
        return { status: 'ready', data, error: null, ignored: p.ignored, spec: p.spec };
      }
      const results = await Promise.all(p.query.specs.map((spec) => api.runQuery({ spec })));
      const failed = results.find((r) => !r.ok);
      const spec = p.query.specs[0]!;
      if (failed && !failed.ok) return { status: 'error', data: null, error: failed.error, ignored: p.ignored, spec };
      const readers = results.map((r) => (r.ok ? readArrow(r.value.ipc) : null));
      const figures = readKpiTile(p.query, readers.map((r) => r?.rows() ?? []));
      const first = results[0]!;
      if (!first.ok) throw new Error(first.error.message);
      const data: WidgetData = { kind: 'kpi', query: p.query, figures, spec, result: first.value, reader: readers[0]! };
      return { status: 'ready', data, error: null, ignored: p.ignored, spec };
    };
    void run().then(
      (next) => live && setState({ ...next, queryKey }),
      (e: unknown) =>
        live && setState({ status: 'error', data: null, error: { code: 'INTERNAL', message: String(e) }, ignored: p.ignored, spec: null, queryKey }),
    );
    return () => {
      live = false;
    };
    // missingSourceError is a label builder; the plan's key says when to run.
  }, [key, api]);

  return state;
}

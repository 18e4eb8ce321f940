// What saveDashboard checks. Every widget's frame (id, title, chart, layout, filter bar) always; a
// widget's spec only when it is new or changed since the stored version: its spec must pass the
// spec schema, name an existing source, and compile against it. A widget saved earlier whose source
// or columns have since vanished is stored again as it is — the dashboard stays loadable and
// savable, and the UI shows that widget's query error on the widget.
import type { QdError, Result } from '../../../shared/api';
import type { Dashboard } from '../../../shared/dashboard/types';
import { parseSpec } from '../../../shared/spec/schema';
import type { AnalysisSpec } from '../../../shared/spec/types';

/** JSON with object keys sorted: two specs are the same when their canonical texts are. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Checks the specs of the widgets that are new or changed against `previous` (the stored version,
 * null for a new dashboard). `resolve` checks one parsed spec against the workspace (source exists,
 * columns and roles resolve, it compiles). A widget copied unchanged from any stored dashboard
 * (`stored`: a duplicated dashboard or widget) is stored as it is, like an unchanged one: a copy
 * of a dashboard with one broken widget must save as well as the original.
 */
export async function checkChangedWidgets(
  dashboard: Dashboard,
  previous: Dashboard | null,
  resolve: (spec: AnalysisSpec) => Promise<Result<unknown>>,
  stored: readonly Dashboard[] = [],
): Promise<Result<Dashboard>> {
  const before = new Map((previous?.widgets ?? []).map((w) => [w.id, canonicalJson(w.spec)]));
  const known = new Set(stored.flatMap((d) => d.widgets.map((w) => canonicalJson(w.spec))));
  const widgets = [];
  for (const [i, widget] of dashboard.widgets.entries()) {
    const spec = canonicalJson(widget.spec);
    if (before.get(widget.id) === spec || known.has(spec)) {
      widgets.push(widget);
      continue;
    }
    const parsed = parseSpec(widget.spec);
    const checked = parsed.ok ? await resolve(parsed.value) : parsed;
    if (!checked.ok) return { ok: false, error: atWidget(checked.error, i, widget.title) };
    if (!parsed.ok) return parsed;
    widgets.push({ ...widget, spec: parsed.value });
  }
  return { ok: true, value: { ...dashboard, widgets } };
}

function atWidget(error: QdError, index: number, title: string): QdError {
  const inner = error.location?.field ?? '';
  // Spec errors name a spec path ("measures.0.column"); NOT_FOUND of the source names "spec.source".
  const path = inner.startsWith('spec.') ? inner.slice(5) : inner;
  const field = `widgets.${index}.spec${path ? `.${path}` : ''}`;
  return {
    ...error,
    message: `widget "${title || index + 1}": ${error.message}`,
    location: { ...error.location, field },
  };
}

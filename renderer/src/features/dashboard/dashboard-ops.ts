// Edits of a dashboard document, pure: each returns a new document (or the same one when nothing
// changed, so that no empty undo step is recorded). Labels shown to the user are inputs.
import type { ChartKind, Dashboard, DashboardFilterBar, Widget, WidgetLayout } from '../../../../shared/dashboard/types';

export const GRID_COLUMNS = 12;
/** A management dashboard shows about this many indicators at most (the seeds' rule). */
export const INDICATOR_HINT_LIMIT = 10;
export const DEFAULT_WIDGET_SIZE = { w: 6, h: 8 } as const;
export const KPI_WIDGET_SIZE = { w: 3, h: 5 } as const;

/** A short random id, letters and digits (documentIdSchema). */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => (b % 36).toString(36)).join('')}`;
}

export function emptyFilterBar(): DashboardFilterBar {
  return { period: null, values: [], compare: null };
}

export function newDashboard(name: string, id = newId('d')): Dashboard {
  return { id, name, widgets: [], filters: emptyFilterBar(), updatedAt: new Date().toISOString() };
}

/** A copy under a new id (widget ids are per dashboard: they stay). */
export function copyDashboard(d: Dashboard, name: string, id = newId('d')): Dashboard {
  return { ...structuredClone(d), id, name, updatedAt: new Date().toISOString() };
}

export function renameDashboard(d: Dashboard, name: string): Dashboard {
  const trimmed = name.trim();
  return trimmed === '' || trimmed === d.name ? d : { ...d, name: trimmed };
}

function overlaps(a: WidgetLayout, b: WidgetLayout): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The first free place (top to bottom, left to right) for a w × h widget. */
export function freePlace(taken: readonly WidgetLayout[], w: number, h: number): WidgetLayout {
  const width = Math.min(Math.max(1, w), GRID_COLUMNS);
  const bottom = taken.reduce((m, l) => Math.max(m, l.y + l.h), 0);
  for (let y = 0; y <= bottom; y++) {
    for (let x = 0; x + width <= GRID_COLUMNS; x++) {
      const spot = { x, y, w: width, h };
      if (!taken.some((l) => overlaps(l, spot))) return spot;
    }
  }
  return { x: 0, y: bottom, w: width, h };
}

export function defaultSize(chart: ChartKind): { w: number; h: number } {
  return chart === 'kpi' ? KPI_WIDGET_SIZE : DEFAULT_WIDGET_SIZE;
}

/** Adds a widget in the first free place of its size (a fresh id if its own is taken). */
export function addWidget(d: Dashboard, widget: Widget): Dashboard {
  const size = widget.layout && widget.layout.w > 0 && widget.layout.h > 0 ? widget.layout : defaultSize(widget.chart);
  const id = d.widgets.some((w) => w.id === widget.id) || !widget.id ? newId('w') : widget.id;
  const layout = freePlace(
    d.widgets.map((w) => w.layout),
    size.w,
    size.h,
  );
  return { ...d, widgets: [...d.widgets, { ...widget, id, layout }] };
}

export function replaceWidget(d: Dashboard, widget: Widget): Dashboard {
  const index = d.widgets.findIndex((w) => w.id === widget.id);
  if (index < 0) return d;
  const widgets = [...d.widgets];
  widgets[index] = widget;
  return { ...d, widgets };
}

export function updateWidget(d: Dashboard, id: string, patch: Partial<Omit<Widget, 'id'>>): Dashboard {
  const current = d.widgets.find((w) => w.id === id);
  if (!current) return d;
  const changed = (Object.keys(patch) as (keyof typeof patch)[]).some((k) => patch[k] !== current[k]);
  return changed ? replaceWidget(d, { ...current, ...patch }) : d;
}

export function renameWidget(d: Dashboard, id: string, title: string): Dashboard {
  return updateWidget(d, id, { title: title.trim() });
}

export function setChartKind(d: Dashboard, id: string, chart: ChartKind): Dashboard {
  return updateWidget(d, id, { chart });
}

export function removeWidget(d: Dashboard, id: string): Dashboard {
  return d.widgets.some((w) => w.id === id) ? { ...d, widgets: d.widgets.filter((w) => w.id !== id) } : d;
}

/** A copy of a widget, titled by `title` (e.g. "Revenue (copy)"), placed in the first free place. */
export function duplicateWidget(d: Dashboard, id: string, title: string): Dashboard {
  const source = d.widgets.find((w) => w.id === id);
  if (!source) return d;
  return addWidget(d, { ...structuredClone(source), id: newId('w'), title });
}

/** Positions from the grid; the same document when nothing moved. */
export function applyLayout(d: Dashboard, items: ReadonlyArray<{ i: string } & WidgetLayout>): Dashboard {
  const byId = new Map(items.map((l) => [l.i, l]));
  let changed = false;
  const widgets = d.widgets.map((w) => {
    const l = byId.get(w.id);
    if (!l) return w;
    const layout = { x: l.x, y: l.y, w: l.w, h: l.h };
    if (layout.x === w.layout.x && layout.y === w.layout.y && layout.w === w.layout.w && layout.h === w.layout.h) return w;
    changed = true;
    return { ...w, layout };
  });
  return changed ? { ...d, widgets } : d;
}

export function setFilters(d: Dashboard, filters: DashboardFilterBar): Dashboard {
  return JSON.stringify(filters) === JSON.stringify(d.filters) ? d : { ...d, filters };
}

/** Moves the tab at `from` to `to` in an id list. */
export function moveId(ids: readonly string[], from: number, to: number): string[] {
  const out = [...ids];
  if (from < 0 || from >= out.length || to < 0 || to >= out.length || from === to) return out;
  const [id] = out.splice(from, 1);
  out.splice(to, 0, id!);
  return out;
}

/** The first of nameFor(1), nameFor(2) ... not used by another tab ("New dashboard", "New dashboard 2"). */
export function uniqueName(nameFor: (n: number) => string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const name = nameFor(n);
    if (!taken.includes(name)) return name;
  }
}

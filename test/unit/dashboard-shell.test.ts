// The dashboard shell's pure parts: undo/redo history, document edits (placement, layout, rename,
// duplicate), the debounced saver's ordering and retries, and cross-filters from a clicked cell.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/api';
import type { Dashboard, Widget } from '../../shared/dashboard/types';
import { dashboardSchema } from '../../shared/dashboard/schema';
import {
  addWidget,
  applyLayout,
  copyDashboard,
  duplicateWidget,
  freePlace,
  moveId,
  newDashboard,
  newId,
  removeWidget,
  renameDashboard,
  setChartKind,
  setFilters,
  uniqueName,
} from '../../renderer/src/features/dashboard/dashboard-ops';
import { canRedo, canUndo, commit, redo, startHistory, undo } from '../../renderer/src/features/dashboard/history';
import { DashboardSaver, type SaverState } from '../../renderer/src/features/dashboard/saver';
import { crossFiltersFor, sameCrossFilters } from '../../renderer/src/features/dashboard/cross-filter';

function widget(id: string, over: Partial<Widget> = {}): Widget {
  return {
    id,
    title: `W ${id}`,
    chart: 'bar',
    spec: { source: 'deals', measures: [{ op: 'sum', role: 'amount' }], dimensions: [{ role: 'segment' }] },
    layout: { x: 0, y: 0, w: 6, h: 8 },
    ...over,
  };
}

describe('history', () => {
  it('undoes and redoes one commit at a time, and a new commit forgets the redo branch', () => {
    let h = startHistory(1);
    expect(canUndo(h)).toBe(false);
    h = commit(h, 2);
    h = commit(h, 3);
    expect(h.present).toBe(3);
    h = undo(h);
    expect(h.present).toBe(2);
    expect(canRedo(h)).toBe(true);
    h = undo(h);
    expect(h.present).toBe(1);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe(2);
    h = commit(h, 9);
    expect(canRedo(h)).toBe(false);
    expect(h.past).toEqual([1, 2]);
  });

  it('records nothing for an edit that changed nothing, and keeps at most `limit` steps', () => {
    const h = startHistory('a');
    expect(commit(h, 'a')).toBe(h);
    let long = startHistory(0);
    for (let i = 1; i <= 10; i++) long = commit(long, i, 4);
    expect(long.past).toEqual([6, 7, 8, 9]);
  });
});

describe('dashboard documents', () => {
  it('makes documents the schema accepts, with ids of letters, digits and dashes', () => {
    const d = addWidget(newDashboard('Sales'), widget(newId('w')));
    expect(dashboardSchema.safeParse(d).success).toBe(true);
    expect(newId('d')).toMatch(/^d-[a-z0-9]{8}$/);
  });

  it('places a new widget in the first free place of its size', () => {
    const taken = [
      { x: 0, y: 0, w: 6, h: 8 },
      { x: 6, y: 0, w: 3, h: 4 },
    ];
    expect(freePlace(taken, 3, 4)).toEqual({ x: 9, y: 0, w: 3, h: 4 });
    expect(freePlace(taken, 6, 8)).toEqual({ x: 6, y: 4, w: 6, h: 8 });
    expect(freePlace(taken, 12, 2)).toEqual({ x: 0, y: 8, w: 12, h: 2 });
    let d = newDashboard('x');
    d = addWidget(d, widget('a'));
    d = addWidget(d, widget('b'));
    d = addWidget(d, widget('c'));
    expect(d.widgets.map((w) => [w.layout.x, w.layout.y])).toEqual([
      [0, 0],
      [6, 0],
      [0, 8],
    ]);
  });

  it('gives an added widget a fresh id when its own is taken, and duplicates under a new id and title', () => {
    let d = addWidget(newDashboard('x'), widget('a'));
    d = addWidget(d, widget('a'));
    expect(new Set(d.widgets.map((w) => w.id)).size).toBe(2);
    const dup = duplicateWidget(d, 'a', 'Copy of a');
    expect(dup.widgets).toHaveLength(3);
    const copy = dup.widgets[2]!;
    expect(copy.title).toBe('Copy of a');
    expect(copy.spec).toEqual(d.widgets[0]!.spec);
    expect(copy.spec).not.toBe(d.widgets[0]!.spec);
  });

  it('returns the same document when nothing changed (no empty undo step)', () => {
    const d = addWidget(newDashboard('x'), widget('a'));
    const a = d.widgets[0]!;
    expect(applyLayout(d, [{ i: a.id, ...a.layout }])).toBe(d);
    expect(setChartKind(d, a.id, 'bar')).toBe(d);
    expect(renameDashboard(d, '  x ')).toBe(d);
    expect(renameDashboard(d, '')).toBe(d);
    expect(removeWidget(d, 'nope')).toBe(d);
    expect(setFilters(d, { ...d.filters })).toBe(d);
    const moved = applyLayout(d, [{ i: a.id, x: 3, y: 2, w: 4, h: 5 }]);
    expect(moved.widgets[0]!.layout).toEqual({ x: 3, y: 2, w: 4, h: 5 });
    expect(setChartKind(d, a.id, 'pie').widgets[0]!.chart).toBe('pie');
    expect(setChartKind(d, a.id, 'pie').widgets[0]!.spec).toBe(a.spec);
  });

  it('copies a dashboard under a new id, reorders tab ids, and finds a free name', () => {
    const d = addWidget(newDashboard('Sales'), widget('a'));
    const c = copyDashboard(d, 'Sales (copy)');
    expect(c.id).not.toBe(d.id);
    expect(c.widgets).toEqual(d.widgets);
    expect(moveId(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveId(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveId(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
    expect(uniqueName((n) => (n === 1 ? 'New' : `New ${n}`), ['New', 'New 2'])).toBe('New 3');
  });
});

describe('saver', () => {
  const doc = (id: string, name: string): Dashboard => ({ ...newDashboard(name), id });
  const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('sends one request per burst of edits, the latest version, then reports saved', async () => {
    const sent: string[] = [];
    const states: SaverState[] = [];
    const saver = new DashboardSaver(
      async (d) => {
        sent.push(d.name);
        return { ok: true, value: d };
      },
      (s) => states.push(s),
      20,
    );
    saver.schedule(doc('d1', 'v1'));
    saver.schedule(doc('d1', 'v2'));
    saver.schedule(doc('d1', 'v3'));
    expect(saver.state().status).toBe('pending');
    await tick(60);
    expect(sent).toEqual(['v3']);
    expect(saver.state().status).toBe('saved');
    expect(states.some((s) => s.status === 'saving')).toBe(true);
  });

  it('keeps requests in order and sends a refused version again on the next flush', async () => {
    const sent: string[] = [];
    let refuse = true;
    const saver = new DashboardSaver(
      async (d): Promise<Result<Dashboard>> => {
        await tick(d.name === 'slow' ? 30 : 1);
        sent.push(d.name);
        return refuse && d.name === 'b' ? { ok: false, error: { code: 'INTERNAL', message: 'disk full' } } : { ok: true, value: d };
      },
      () => undefined,
      1_000,
    );
    saver.schedule(doc('d1', 'slow'));
    void saver.flush();
    saver.schedule(doc('d2', 'b'));
    await saver.flush();
    expect(sent).toEqual(['slow', 'b']);
    expect(saver.state()).toMatchObject({ status: 'error', error: { message: 'disk full' } });
    refuse = false;
    await saver.flush();
    await tick(5);
    expect(sent).toEqual(['slow', 'b', 'b']);
    expect(saver.state().status).toBe('saved');
  });
});

describe('cross-filters', () => {
  it('filters on the role of each clicked dimension, time buckets with their grain', () => {
    const w = widget('w1', {
      spec: {
        source: 'deals',
        measures: [{ op: 'sum', role: 'amount' }],
        dimensions: [{ role: 'segment' }, { column: 'closed_at', grain: 'quarter' }],
      },
    });
    const filters = crossFiltersFor(w, { d0: 'Enterprise', d1: '2026-07-01', __grouping: 0 }, (p) => `${String(p.value)}`);
    expect(filters).toEqual([
      { fromWidget: 'w1', field: { role: 'segment' }, values: ['Enterprise'], label: 'Enterprise' },
      { fromWidget: 'w1', field: { source: 'deals', column: 'closed_at' }, values: ['2026-07-01'], label: '2026-07-01', grain: 'quarter' },
    ]);
    expect(sameCrossFilters(filters, crossFiltersFor(w, { d0: 'Enterprise', d1: '2026-07-01' }, (p) => `${String(p.value)}`))).toBe(true);
    expect(crossFiltersFor(w, { d1: '2026-07-01 00:00:00' }, () => '')[0]!.values).toEqual(['2026-07-01']);
  });

  it('does not filter on a top-n "Others" group nor on numeric bins', () => {
    const w = widget('w2', {
      spec: {
        source: 'deals',
        measures: [{ id: 'm', op: 'count' }],
        dimensions: [{ role: 'owner', top: { n: 5, by: 'm' } }, { role: 'amount', bin: { count: 10 } }],
      },
    });
    expect(crossFiltersFor(w, { d0: 'Others', d1: 1000 }, () => '')).toEqual([]);
    expect(crossFiltersFor(w, { d0: 'Ann' }, () => '')).toHaveLength(1);
  });
});

// The dashboards of the workspace as the tabs show them: their order, the active one and, for each,
// its undo/redo history. Every change of a dashboard's present state (edit, undo, redo) is saved to
// the workspace (debounced, flushed on tab switch, when leaving the section and when the page hides).
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { QdError } from '../../../../shared/api';
import type { Dashboard } from '../../../../shared/dashboard/types';
import { useBackend } from '../../app/backend-context';
import { commit, redo, startHistory, undo, type History } from './history';
import { DashboardSaver, type SaverState } from './saver';

const ACTIVE_KEY = 'quarterdeck.dashboard.active';

/** Remembers which dashboard to open (Home's links set it too). */
export function rememberActiveDashboard(id: string): void {
  try {
    localStorage.setItem(ACTIVE_KEY, id);
  } catch {
    // Not remembered: the first tab opens next time.
  }
}

function rememberedActive(): string | null {
  try {
    return localStorage.getItem(ACTIVE_KEY);
  } catch {
    return null;
  }
}

interface State {
  status: 'loading' | 'ready' | 'failed';
  loadError: QdError | null;
  order: string[];
  docs: Record<string, History<Dashboard>>;
  activeId: string | null;
}

type Action =
  | { type: 'loaded'; dashboards: Dashboard[]; activeId: string | null }
  | { type: 'failed'; error: QdError }
  | { type: 'create'; dashboard: Dashboard; after?: string }
  | { type: 'edit'; id: string; update: (d: Dashboard) => Dashboard }
  | { type: 'undo' | 'redo'; id: string }
  | { type: 'remove'; id: string }
  | { type: 'reorder'; order: string[] }
  | { type: 'activate'; id: string };

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'loaded': {
      const docs: Record<string, History<Dashboard>> = {};
      for (const d of action.dashboards) docs[d.id] = startHistory(d);
      const order = action.dashboards.map((d) => d.id);
      const activeId = action.activeId && docs[action.activeId] ? action.activeId : (order[0] ?? null);
      return { status: 'ready', loadError: null, order, docs, activeId };
    }
    case 'failed':
      return { ...state, status: 'failed', loadError: action.error };
    case 'create': {
      const at = action.after ? state.order.indexOf(action.after) + 1 : state.order.length;
      const order = [...state.order];
      order.splice(at > 0 ? at : order.length, 0, action.dashboard.id);
      return {
        ...state,
        order,
        docs: { ...state.docs, [action.dashboard.id]: startHistory(action.dashboard) },
        activeId: action.dashboard.id,
      };
    }
    case 'edit': {
      const h = state.docs[action.id];
      if (!h) return state;
      const next = commit(h, action.update(h.present));
      return next === h ? state : { ...state, docs: { ...state.docs, [action.id]: next } };
    }
    case 'undo':
    case 'redo': {
      const h = state.docs[action.id];
      if (!h) return state;
      const next = action.type === 'undo' ? undo(h) : redo(h);
      return next === h ? state : { ...state, docs: { ...state.docs, [action.id]: next } };
    }
    case 'remove': {
      const index = state.order.indexOf(action.id);
      if (index < 0) return state;
      const order = state.order.filter((id) => id !== action.id);
      const { [action.id]: _removed, ...docs } = state.docs;
      const activeId = state.activeId === action.id ? (order[Math.min(index, order.length - 1)] ?? null) : state.activeId;
      return { ...state, order, docs, activeId };
    }
    case 'reorder':
      return { ...state, order: action.order };
    case 'activate':
      return state.docs[action.id] ? { ...state, activeId: action.id } : state;
  }
}

const INITIAL: State = { status: 'loading', loadError: null, order: [], docs: {}, activeId: null };

export interface DashboardsModel {
  status: State['status'];
  loadError: QdError | null;
  dashboards: Dashboard[];
  active: Dashboard | null;
  activeId: string | null;
  canUndo: boolean;
  canRedo: boolean;
  /** Steps that undo and redo can take on the active dashboard. */
  depth: { undo: number; redo: number };
  save: SaverState;
  reload(): void;
  activate(id: string): void;
  create(d: Dashboard, after?: string): void;
  /** One undoable edit of a dashboard. */
  edit(id: string, update: (d: Dashboard) => Dashboard): void;
  undo(id: string): void;
  redo(id: string): void;
  remove(id: string): Promise<QdError | null>;
  reorder(order: string[]): void;
  /** Saves whatever waits; resolves once the workspace has it. */
  flush(): Promise<void>;
}

export function useDashboards(): DashboardsModel {
  const { api } = useBackend();
  const [state, dispatch] = useReducer(reducer, INITIAL);
  const [saveState, setSaveState] = useState<SaverState>({ status: 'saved', error: null });
  const saver = useMemo(() => new DashboardSaver((d) => api.saveDashboard(d), setSaveState), [api]);
  // The version of each dashboard last handed to the saver (or read from the workspace).
  const known = useRef(new Map<string, Dashboard>());
  // A tab was inserted before the end: the workspace's order is sent once it has the dashboard.
  const orderDirty = useRef(false);

  const load = useCallback(() => {
    let live = true;
    void api.listDashboards().then((r) => {
      if (!live) return;
      if (!r.ok) {
        dispatch({ type: 'failed', error: r.error });
        return;
      }
      known.current = new Map(r.value.map((d) => [d.id, d]));
      dispatch({ type: 'loaded', dashboards: r.value, activeId: rememberedActive() });
    });
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(load, [load]);

  // Persist every dashboard whose present state changed.
  useEffect(() => {
    for (const id of state.order) {
      const present = state.docs[id]?.present;
      if (present && known.current.get(id) !== present) {
        known.current.set(id, present);
        saver.schedule(present);
      }
    }
    if (orderDirty.current) {
      orderDirty.current = false;
      void saver.flush();
      void saver.enqueue(() => api.reorderDashboards(state.order));
    }
  }, [state.order, state.docs, saver, api]);

  // Leaving the page or the section: send what waits.
  useEffect(() => {
    const onHide = () => void saver.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void saver.flush();
    };
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void saver.flush();
    };
  }, [saver]);

  useEffect(() => {
    if (state.activeId) rememberActiveDashboard(state.activeId);
  }, [state.activeId]);

  const activate = useCallback(
    (id: string) => {
      void saver.flush();
      dispatch({ type: 'activate', id });
    },
    [saver],
  );

  const remove = useCallback(
    async (id: string): Promise<QdError | null> => {
      saver.cancel(id);
      known.current.delete(id);
      dispatch({ type: 'remove', id });
      const r = await saver.enqueue(() => api.removeDashboard(id));
      return r && !r.ok ? r.error : null;
    },
    [api, saver],
  );

  const reorder = useCallback(
    (order: string[]) => {
      dispatch({ type: 'reorder', order });
      void saver.flush();
      void saver.enqueue(() => api.reorderDashboards(order));
    },
    [api, saver],
  );

  const activeHistory = state.activeId ? state.docs[state.activeId] : undefined;
  const dashboards = useMemo(
    () => state.order.map((id) => state.docs[id]?.present).filter((d): d is Dashboard => d !== undefined),
    [state.order, state.docs],
  );

  return {
    status: state.status,
    loadError: state.loadError,
    dashboards,
    active: activeHistory?.present ?? null,
    activeId: state.activeId,
    canUndo: (activeHistory?.past.length ?? 0) > 0,
    canRedo: (activeHistory?.future.length ?? 0) > 0,
    depth: { undo: activeHistory?.past.length ?? 0, redo: activeHistory?.future.length ?? 0 },
    save: saveState,
    reload: load,
    activate,
    create: useCallback((d: Dashboard, after?: string) => {
      if (after !== undefined) orderDirty.current = true;
      dispatch({ type: 'create', dashboard: d, after });
    }, []),
    edit: useCallback((id: string, update: (d: Dashboard) => Dashboard) => dispatch({ type: 'edit', id, update }), []),
    undo: useCallback((id: string) => dispatch({ type: 'undo', id }), []),
    redo: useCallback((id: string) => dispatch({ type: 'redo', id }), []),
    remove,
    reorder,
    flush: useCallback(() => saver.flush(), [saver]),
  };
}

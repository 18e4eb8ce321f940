// Dashboards in tabs: each tab a dashboard of the workspace (add, rename in place, duplicate,
// remove with confirmation, reorder), its widgets on a 12-column grid, its global filters, the
// cross-filters set by clicking charts, the rows behind a number in a side panel, and undo/redo of
// every edit (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y). Everything is saved in the workspace.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Layout } from 'react-grid-layout';
import type { WorkspaceInfo } from '../../../../shared/api';
import type { ChartKind, CrossFilter, Dashboard, DashboardFilterBar, Widget } from '../../../../shared/dashboard/types';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { Modal } from '../../ui/Modal';
import { DrillPanel, type DrillTarget } from '../drill/DrillPanel';
import { DashboardCanvas } from './DashboardCanvas';
import { DashboardTabs } from './DashboardTabs';
import { SaveTemplateDialog } from '../templates/SaveTemplateDialog';
import { DashboardToolbar } from './DashboardToolbar';
import {
  addWidget,
  applyLayout,
  copyDashboard,
  duplicateWidget,
  newDashboard,
  removeWidget,
  renameDashboard,
  renameWidget,
  replaceWidget,
  setChartKind,
  setFilters,
  uniqueName,
} from './dashboard-ops';
import { sameCrossFilters } from './cross-filter';
import { EditorHost } from './EditorHost';
import { FilterBar } from './FilterBar';
import { SettingsDialog } from './SettingsDialog';
import { useDashboards } from './use-dashboards';
import './dashboard.css';

export interface DashboardsViewProps {
  workspace: WorkspaceInfo;
  /** Call after something changed the workspace's sources (the app re-reads them). */
  onWorkspaceChange(): void;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function DashboardsView({ workspace }: DashboardsViewProps) {
  const t = useT();
  const model = useDashboards();
  const { active, activeId } = model;
  const [crossFilters, setCrossFilters] = useState<Record<string, CrossFilter[]>>({});
  const [editing, setEditing] = useState<{ widget: Widget | null } | null>(null);
  const [confirmRemove, setConfirmRemove] = useState<Dashboard | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [savingTemplate, setSavingTemplate] = useState(false);
  const [savedTemplate, setSavedTemplate] = useState<string | null>(null);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const cross = useMemo(() => (activeId ? (crossFilters[activeId] ?? []) : []), [crossFilters, activeId]);
  const sources = useMemo(() => {
    const names = new Set(active?.widgets.map((w) => w.spec.source) ?? []);
    return workspace.sources.filter((s) => names.has(s.name));
  }, [active, workspace.sources]);

  const edit = useCallback(
    (update: (d: Dashboard) => Dashboard) => {
      if (activeId) model.edit(activeId, update);
    },
    [activeId, model],
  );

  const setCross = useCallback(
    (update: (list: CrossFilter[]) => CrossFilter[]) => {
      if (!activeId) return;
      setCrossFilters((all) => ({ ...all, [activeId]: update(all[activeId] ?? []) }));
    },
    [activeId],
  );

  const addDashboard = () => {
    const name = uniqueName((n) => t('dashboard.newName', { n }), model.dashboards.map((d) => d.name));
    model.create(newDashboard(name));
  };

  const duplicateDashboard = (id: string) => {
    const d = model.dashboards.find((x) => x.id === id);
    if (!d) return;
    const name = uniqueName((n) => t('dashboard.copyName', { name: d.name, n }), model.dashboards.map((x) => x.name));
    model.create(copyDashboard(d, name), id);
  };

  const undo = useCallback(() => activeId && model.canUndo && model.undo(activeId), [activeId, model]);
  const redo = useCallback(() => activeId && model.canRedo && model.redo(activeId), [activeId, model]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (editing || settingsOpen || confirmRemove || isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) undo();
      else if ((key === 'z' && e.shiftKey) || (key === 'y' && e.ctrlKey && !e.shiftKey)) redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, editing, settingsOpen, confirmRemove]);

  // A widget's selection replaces its previous one; the same selection again clears it.
  const onSelect = useCallback(
    (widgetId: string, filters: CrossFilter[]) =>
      setCross((list) => {
        const others = list.filter((c) => c.fromWidget !== widgetId);
        const current = list.filter((c) => c.fromWidget === widgetId);
        return sameCrossFilters(current, filters) ? others : [...others, ...filters];
      }),
    [setCross],
  );

  const saveWidget = (widget: Widget) => {
    const existing = active?.widgets.some((w) => w.id === widget.id) && editing?.widget !== null;
    edit((d) => (existing ? replaceWidget(d, widget) : addWidget(d, widget)));
    setEditing(null);
  };

  const handlers = {
    onLayout: (layout: Layout) => edit((d) => applyLayout(d, layout)),
    onEdit: (widget: Widget) => setEditing({ widget }),
    onRename: (id: string, title: string) => edit((d) => renameWidget(d, id, title)),
    onDuplicate: (id: string) =>
      edit((d) => {
        const w = d.widgets.find((x) => x.id === id);
        return w ? duplicateWidget(d, id, t('dashboard.widgetCopyTitle', { title: w.title })) : d;
      }),
    onRemove: (id: string) => {
      edit((d) => removeWidget(d, id));
      setCross((list) => list.filter((c) => c.fromWidget !== id));
    },
    onChartKind: (id: string, kind: ChartKind) => edit((d) => setChartKind(d, id, kind)),
    onSelect,
    onDrill: setDrill,
  };

  if (model.status === 'loading') return <div className="placeholder" data-testid="dashboards-view">{t('common.loading')}</div>;
  if (model.status === 'failed' && model.loadError) {
    return (
      <div className="dash-view" data-testid="dashboards-view">
        <ErrorPanel title={t('dashboard.loadFailed')} error={model.loadError} onDismiss={model.reload} dismissLabel={t('common.retry')} />
      </div>
    );
  }

  return (
    <div className="dash-view" data-testid="dashboards-view">
      <div className="dash-top">
        <DashboardTabs
          dashboards={model.dashboards}
          activeId={activeId}
          onActivate={model.activate}
          onAdd={addDashboard}
          onRename={(id, name) => model.edit(id, (d) => renameDashboard(d, name))}
          onDuplicate={duplicateDashboard}
          onRemove={(id) => setConfirmRemove(model.dashboards.find((d) => d.id === id) ?? null)}
          onReorder={model.reorder}
        />
        <DashboardToolbar
          dashboard={active}
          canUndo={model.canUndo}
          canRedo={model.canRedo}
          depth={model.depth}
          save={model.save}
          onUndo={undo}
          onRedo={redo}
          onRetrySave={() => void model.flush()}
          onAddWidget={() => setEditing({ widget: null })}
          onSettings={() => setSettingsOpen(true)}
          onSaveAsTemplate={() => {
            // Pending edits first: the template is derived from the stored dashboard.
            void model.flush().then(() => setSavingTemplate(true));
          }}
        />
      </div>
      {removeError && (
        <ErrorPanel compact title={t('dashboard.removeFailed')} error={{ code: 'INTERNAL', message: removeError }} onDismiss={() => setRemoveError(null)} dismissLabel={t('common.close')} />
      )}
      {!active && (
        <div className="empty-state dash-empty" data-testid="dashboards-empty">
          <h2>{t('dashboard.noneTitle')}</h2>
          <p>{t('dashboard.noneText')}</p>
          <button type="button" className="button button-primary" onClick={addDashboard} data-testid="dashboard-create">
            {t('dashboard.create')}
          </button>
        </div>
      )}
      {active && (
        <>
          <FilterBar
            filters={active.filters}
            sources={sources}
            crossFilters={cross}
            onChange={(filters: DashboardFilterBar) => edit((d) => setFilters(d, filters))}
            onRemoveCross={(cf) => setCross((list) => list.filter((c) => c !== cf))}
            onClearCross={() => setCross(() => [])}
          />
          <div className="dash-scroll">
            {active.widgets.length === 0 ? (
              <div className="empty-state dash-empty" data-testid="dashboard-empty">
                <h2>{t('dashboard.emptyTitle')}</h2>
                <p>{t('dashboard.emptyText')}</p>
                <button type="button" className="button button-primary" onClick={() => setEditing({ widget: null })}>
                  {t('dashboard.addWidget')}
                </button>
              </div>
            ) : (
              <DashboardCanvas key={active.id} dashboard={active} sources={workspace.sources} crossFilters={cross} {...handlers} />
            )}
          </div>
        </>
      )}
      {editing && (
        <EditorHost workspace={workspace} widget={editing.widget} onSave={saveWidget} onCancel={() => setEditing(null)} />
      )}
      {confirmRemove && (
        <Modal label={t('dashboard.removeTitle')} onClose={() => setConfirmRemove(null)} className="confirm-dialog" testId="dashboard-remove-confirm">
          <h2 className="confirm-title">{t('dashboard.removeTitle')}</h2>
          <p>{t('dashboard.removeText', { name: confirmRemove.name, count: confirmRemove.widgets.length })}</p>
          <div className="confirm-actions">
            <button type="button" className="button" onClick={() => setConfirmRemove(null)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="button button-danger"
              data-testid="dashboard-remove-confirm-button"
              onClick={() => {
                const id = confirmRemove.id;
                setConfirmRemove(null);
                void model.remove(id).then((e) => e && setRemoveError(e.message));
              }}
            >
              {t('common.remove')}
            </button>
          </div>
        </Modal>
      )}
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
      {savingTemplate && active && (
        <SaveTemplateDialog
          dashboardId={active.id}
          onClose={() => setSavingTemplate(false)}
          onSaved={(template) => {
            setSavingTemplate(false);
            setSavedTemplate(template.name);
          }}
        />
      )}
      {savedTemplate && (
        <div className="dash-notice" role="status" data-testid="template-saved">
          {t('dashboard.templateSaved', { name: savedTemplate })}
          <button type="button" className="link-button" onClick={() => setSavedTemplate(null)}>
            {t('common.close')}
          </button>
        </div>
      )}
      {drill && <DrillPanel key={JSON.stringify([drill.spec, drill.cell])} target={drill} onClose={() => setDrill(null)} />}
    </div>
  );
}

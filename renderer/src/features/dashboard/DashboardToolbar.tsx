// The active dashboard's toolbar: undo and redo (disabled when there is nothing to undo or redo),
// add a widget, the indicator count with the seeds' hint past ten, the save state, save as a
// template, the settings.
import type { Dashboard } from '../../../../shared/dashboard/types';
import { useT } from '../../i18n/I18nProvider';
import { INDICATOR_HINT_LIMIT } from './dashboard-ops';
import { RedoIcon, UndoIcon } from '../../ui/icons';
import type { SaverState } from './saver';

interface DashboardToolbarProps {
  dashboard: Dashboard | null;
  canUndo: boolean;
  canRedo: boolean;
  depth: { undo: number; redo: number };
  save: SaverState;
  onUndo(): void;
  onRedo(): void;
  onRetrySave(): void;
  onAddWidget(): void;
  onSettings(): void;
  onSaveAsTemplate(): void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function DashboardToolbar(props: DashboardToolbarProps) {
  const { dashboard, canUndo, canRedo, depth, save, onUndo, onRedo, onRetrySave, onAddWidget, onSettings, onSaveAsTemplate } = props;
  const t = useT();
  const count = dashboard?.widgets.length ?? 0;
  const undoKeys = isMac ? '⌘Z' : 'Ctrl+Z';
  const redoKeys = isMac ? '⇧⌘Z' : 'Ctrl+Y';
  return (
    <div className="dash-toolbar" role="toolbar" aria-label={t('dashboard.toolbarLabel')} data-testid="dashboard-toolbar" data-undo={depth.undo} data-redo={depth.redo}>
      {dashboard && (
        <>
          <button type="button" className="button button-small" onClick={onUndo} disabled={!canUndo} title={t('dashboard.undoHint', { keys: undoKeys })} data-testid="undo">
            <UndoIcon /> {t('dashboard.undo')}
          </button>
          <button type="button" className="button button-small" onClick={onRedo} disabled={!canRedo} title={t('dashboard.redoHint', { keys: redoKeys })} data-testid="redo">
            <RedoIcon /> {t('dashboard.redo')}
          </button>
          <span className={`dash-count ${count > INDICATOR_HINT_LIMIT ? 'dash-count-warn' : ''}`} data-testid="indicator-count">
            {t('dashboard.indicators', { count })}
            {count > INDICATOR_HINT_LIMIT && (
              <span className="dash-hint" role="note" data-testid="indicator-hint">
                {t('dashboard.indicatorHint', { limit: INDICATOR_HINT_LIMIT })}
              </span>
            )}
          </span>
        </>
      )}
      <span className="dash-toolbar-spacer" />
      {dashboard && (
        <span className={`dash-save dash-save-${save.status}`} data-testid="save-status" data-state={save.status} role="status">
          {save.status === 'saved' && t('dashboard.saved')}
          {(save.status === 'pending' || save.status === 'saving') && t('dashboard.saving')}
          {save.status === 'error' && (
            <>
              <span title={save.error?.message}>{t('dashboard.saveFailed')}</span>{' '}
              <button type="button" className="link-button" onClick={onRetrySave}>
                {t('common.retry')}
              </button>
            </>
          )}
        </span>
      )}
      {dashboard && (
        <button type="button" className="button button-small" onClick={onSaveAsTemplate} data-testid="save-as-template">
          {t('dashboard.saveAsTemplate')}
        </button>
      )}
      <button type="button" className="button button-small" onClick={onSettings} data-testid="open-settings">
        {t('dashboard.settings')}
      </button>
      {dashboard && (
        <button type="button" className="button button-small button-primary" onClick={onAddWidget} data-testid="add-widget">
          {t('dashboard.addWidget')}
        </button>
      )}
    </div>
  );
}

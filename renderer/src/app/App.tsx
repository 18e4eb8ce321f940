// The app shell: top bar with the main sections (home, dashboards, forecast, data), and in the data
// section the sources sidebar with import and the selected source's view. Choosing or dropping a file
// opens the import dialog from any section; nothing is imported before the user confirms there.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QdError, WorkspaceInfo } from '../../../shared/api';
import type { ImportReport } from '../../../shared/import/types';
import { ImportDialog, type ImportSession } from '../features/import/ImportDialog';
import { ImportNotice } from '../features/import/ImportNotice';
import { ImportButton } from '../features/sources/ImportButton';
import { SourceList } from '../features/sources/SourceList';
import { SourceView, type SourceTab } from '../features/sources/SourceView';
import { useFileDrop } from '../features/sources/use-file-drop';
import { DashboardsView } from '../features/dashboard/DashboardsView';
import { ForecastView } from '../features/forecast/ForecastView';
import { HomeView } from '../features/home/HomeView';
import { ReviewsView } from '../features/review/ReviewsView';
import { TemplatesView } from '../features/templates/TemplatesView';
import { useT } from '../i18n/I18nProvider';
import { ErrorPanel } from '../ui/ErrorPanel';
import { useBackend } from './backend-context';
import { TopBar, type View } from './TopBar';

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function App() {
  const t = useT();
  const backend = useBackend();
  const { api } = backend;
  const [view, setView] = useState<View>('data');
  const [reviewId, setReviewId] = useState<string | null>(null);
  const browserMode = backend.upload !== undefined;
  const canDrop = browserMode || backend.host.pathForFile !== undefined;
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null);
  const [loadError, setLoadError] = useState<QdError | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<SourceTab>('data');
  const [session, setSession] = useState<ImportSession | null>(null);
  const [done, setDone] = useState<{ report: ImportReport; fileName: string } | null>(null);
  const sessionKey = useRef(0);

  const applyWorkspace = useCallback((info: WorkspaceInfo) => {
    setWorkspace(info);
    setSelected((current) =>
      current && info.sources.some((s) => s.name === current) ? current : (info.sources[0]?.name ?? null),
    );
  }, []);

  const refresh = useCallback(async (): Promise<WorkspaceInfo | null> => {
    const r = await api.getWorkspace();
    if (!r.ok) {
      setLoadError(r.error);
      return null;
    }
    setLoadError(null);
    applyWorkspace(r.value);
    return r.value;
  }, [api, applyWorkspace]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  /** Browser mode: a file from the file input or a drop, uploaded while the dialog opens. */
  const openFile = useCallback(
    (file: File) => {
      const upload = backend.upload;
      const pathFor = backend.host.pathForFile;
      if (!upload) {
        // Electron: the dropped file is read where it is.
        const path = pathFor?.(file);
        if (!path) return;
        const key = ++sessionKey.current;
        setSession({ key, fileName: file.name, file: { kind: 'path', path }, uploadError: null });
        return;
      }
      const key = ++sessionKey.current;
      setSession({ key, fileName: file.name, file: null, uploadError: null });
      void upload(file).then((r) =>
        setSession((s) =>
          s?.key !== key
            ? s
            : r.ok
              ? { ...s, file: r.value }
              : { ...s, uploadError: { ...r.error, location: { file: file.name, ...r.error.location } } },
        ),
      );
    },
    [backend],
  );

  /** Electron: the native dialog. */
  const pickFile = useCallback(() => {
    void backend.host.pickCsvFile().then((ref) => {
      if (!ref) return;
      const key = ++sessionKey.current;
      setSession({ key, fileName: ref.kind === 'path' ? baseName(ref.path) : ref.name, file: ref, uploadError: null });
    });
  }, [backend]);

  const onImported = useCallback(
    async (report: ImportReport, fileName: string) => {
      await refresh();
      setSelected(report.source);
      setTab('data');
      setView('data');
      setDone({ report, fileName });
      setSession(null);
    },
    [refresh],
  );

  const removeSource = useCallback(
    async (name: string): Promise<QdError | null> => {
      const r = await api.removeSource(name);
      if (!r.ok) return r.error;
      applyWorkspace(r.value);
      return null;
    },
    [api, applyWorkspace],
  );

  const dismissDone = useCallback(() => setDone(null), []);
  const drop = useFileDrop(canDrop && session === null, openFile);
  const source = workspace?.sources.find((s) => s.name === selected) ?? null;
  const doneSource = done ? workspace?.sources.find((s) => s.name === done.report.source) : undefined;

  const refreshWorkspace = useCallback(() => void refresh(), [refresh]);

  return (
    <div className="app" data-testid="drop-zone" {...drop.handlers}>
      <TopBar workspaceName={workspace?.name ?? null} view={view} onViewChange={setView} />
      {loadError && (
        <ErrorPanel
          title={t('app.openWorkspaceFailed')}
          error={loadError}
          onDismiss={() => void refresh()}
          dismissLabel={t('common.retry')}
        />
      )}
      {!workspace && !loadError && <div className="placeholder">{t('app.openingWorkspace')}</div>}
      {workspace && view === 'home' && <HomeView workspace={workspace} onNavigate={setView} />}
      {workspace && view === 'dashboards' && <DashboardsView workspace={workspace} onWorkspaceChange={refreshWorkspace} />}
      {workspace && view === 'forecast' && <ForecastView workspace={workspace} />}
      {workspace && view === 'templates' && (
        <TemplatesView
          workspace={workspace}
          onWorkspaceChange={refreshWorkspace}
          onDashboardCreated={() => setView('dashboards')}
          onReviewCreated={(id) => {
            setReviewId(id);
            setView('reviews');
          }}
        />
      )}
      {workspace && view === 'reviews' && <ReviewsView workspace={workspace} openId={reviewId} onOpen={setReviewId} onWorkspaceChange={refreshWorkspace} />}
      {workspace && view === 'data' && (
        <div className="app-body">
          <aside className="sidebar">
            <div className="sidebar-actions">
              <ImportButton browserMode={browserMode} busy={session !== null} onPick={pickFile} onFile={openFile} />
              {canDrop && <p className="sidebar-hint">{t('app.dropHint')}</p>}
            </div>
            <div className="sidebar-section-title">
              {t('app.sourcesTitle')}
              <span className="sidebar-section-count">{workspace.sources.length}</span>
            </div>
            <SourceList sources={workspace.sources} selected={selected} onSelect={setSelected} />
          </aside>
          <main className="main">
            {done && (
              <ImportNotice
                key={`${done.report.source}@${done.report.snapshotDate}`}
                report={done.report}
                fileName={done.fileName}
                snapshotCount={doneSource?.snapshots?.length ?? null}
                onDismiss={dismissDone}
              />
            )}
            {!source && (
              <div className="empty-state">
                <h2>{t('app.noSourceTitle')}</h2>
                <p>{t('app.noSourceText')}</p>
              </div>
            )}
            {source && (
              <SourceView
                key={`${source.name}@${source.importedAt}`}
                source={source}
                tab={tab}
                onTabChange={setTab}
                onRemove={removeSource}
              />
            )}
          </main>
        </div>
      )}
      {session && (
        <ImportDialog
          key={session.key}
          session={session}
          sources={workspace?.sources ?? []}
          onClose={() => setSession(null)}
          onImported={onImported}
        />
      )}
      {drop.dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-overlay-card">{t('app.dropOverlay')}</div>
        </div>
      )}
    </div>
  );
}

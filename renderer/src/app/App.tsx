// The app shell: top bar, sources sidebar with import, and the selected source's view.
import { useCallback, useEffect, useState } from 'react';
import type { QdError, SourceInfo, WorkspaceInfo } from '../../../shared/api';
import { ImportButton } from '../features/sources/ImportButton';
import { ImportStatus } from '../features/sources/ImportStatus';
import { SourceList } from '../features/sources/SourceList';
import { SourceView, type SourceTab } from '../features/sources/SourceView';
import { useFileDrop } from '../features/sources/use-file-drop';
import { useImport } from '../features/sources/use-import';
import { ErrorPanel } from '../ui/ErrorPanel';
import { useBackend } from './backend-context';
import { TopBar } from './TopBar';

export function App() {
  const backend = useBackend();
  const { api } = backend;
  const browserMode = backend.upload !== undefined;
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null);
  const [loadError, setLoadError] = useState<QdError | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<SourceTab>('data');

  const refresh = useCallback(async (): Promise<WorkspaceInfo | null> => {
    const r = await api.getWorkspace();
    if (!r.ok) {
      setLoadError(r.error);
      return null;
    }
    setLoadError(null);
    setWorkspace(r.value);
    setSelected((current) =>
      current && r.value.sources.some((s) => s.name === current) ? current : (r.value.sources[0]?.name ?? null),
    );
    return r.value;
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const onImported = useCallback(
    async (source: SourceInfo) => {
      await refresh();
      setSelected(source.name);
      setTab('data');
    },
    [refresh],
  );
  const imports = useImport(backend, onImported);
  const drop = useFileDrop(browserMode && !imports.busy, imports.importFile);

  const source = workspace?.sources.find((s) => s.name === selected) ?? null;

  return (
    <div className="app" data-testid="drop-zone" {...drop.handlers}>
      <TopBar workspaceName={workspace?.name ?? null} />
      <div className="app-body">
        <aside className="sidebar">
          <div className="sidebar-actions">
            <ImportButton
              browserMode={browserMode}
              busy={imports.busy}
              onPick={imports.pickAndImport}
              onFile={imports.importFile}
            />
            {browserMode && <p className="sidebar-hint">or drop a CSV file anywhere</p>}
          </div>
          <div className="sidebar-section-title">
            Sources
            {workspace && <span className="sidebar-section-count">{workspace.sources.length}</span>}
          </div>
          {workspace && <SourceList sources={workspace.sources} selected={selected} onSelect={setSelected} />}
        </aside>
        <main className="main">
          <ImportStatus state={imports.state} onCancel={imports.cancel} onDismiss={imports.dismiss} />
          {loadError && (
            <ErrorPanel
              title="Could not open the workspace"
              error={loadError}
              onDismiss={() => void refresh()}
              dismissLabel="Retry"
            />
          )}
          {!workspace && !loadError && <div className="placeholder">Opening the workspace…</div>}
          {workspace && !source && (
            <div className="empty-state">
              <h2>No source selected</h2>
              <p>Import a CSV export from your CRM, or pick a source on the left.</p>
            </div>
          )}
          {source && (
            <SourceView
              key={`${source.name}@${source.importedAt}`}
              source={source}
              tab={tab}
              onTabChange={setTab}
            />
          )}
        </main>
      </div>
      {drop.dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-overlay-card">Drop the CSV file to import it</div>
        </div>
      )}
    </div>
  );
}

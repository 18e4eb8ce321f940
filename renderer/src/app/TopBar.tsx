import { DatabaseIcon } from '../ui/icons';

export function TopBar({ workspaceName }: { workspaceName: string | null }) {
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          Q
        </span>
        <span className="brand-name">Quarterdeck</span>
      </div>
      {workspaceName && (
        <div className="topbar-workspace" title="Workspace" data-testid="workspace-name">
          <DatabaseIcon />
          {workspaceName}
        </div>
      )}
    </header>
  );
}

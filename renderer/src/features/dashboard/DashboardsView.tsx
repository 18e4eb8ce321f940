// Dashboards in tabs. (Placeholder until the dashboards work lands.)
import type { WorkspaceInfo } from '../../../../shared/api';

export interface DashboardsViewProps {
  workspace: WorkspaceInfo;
  /** Call after something changed the workspace's sources (the app re-reads them). */
  onWorkspaceChange(): void;
}

export function DashboardsView(_props: DashboardsViewProps) {
  return <div className="placeholder" data-testid="dashboards-view" />;
}

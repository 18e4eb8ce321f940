// Home: the workspace's flash figures. (Placeholder until the dashboards work lands.)
import type { WorkspaceInfo } from '../../../../shared/api';
import type { View } from '../../app/TopBar';

export interface HomeViewProps {
  workspace: WorkspaceInfo;
  onNavigate(view: View): void;
}

export function HomeView(_props: HomeViewProps) {
  return <div className="placeholder" data-testid="home-view" />;
}

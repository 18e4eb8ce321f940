// Forecast reliability and pipeline history. (Placeholder until the forecast work lands.)
import type { WorkspaceInfo } from '../../../../shared/api';

export interface ForecastViewProps {
  workspace: WorkspaceInfo;
}

export function ForecastView(_props: ForecastViewProps) {
  return <div className="placeholder" data-testid="forecast-view" />;
}

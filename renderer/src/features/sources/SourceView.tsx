// One source: its header and the Data / Profile / Chart tabs.
import { useState, type ReactNode } from 'react';
import type { QdError, SourceInfo } from '../../../../shared/api';
import { ChartTab } from '../builder/ChartTab';
import { ProfileTab } from '../profile/ProfileTab';
import { DataTab } from '../table/DataTab';
import { Tabs } from '../../ui/Tabs';
import { SourceHeader } from './SourceHeader';

export type SourceTab = 'data' | 'profile' | 'chart';

const TABS = [
  { id: 'data', label: 'Data' },
  { id: 'profile', label: 'Profile' },
  { id: 'chart', label: 'Chart' },
] as const;

interface SourceViewProps {
  source: SourceInfo;
  tab: SourceTab;
  onTabChange: (tab: SourceTab) => void;
  onRemove?: (name: string) => Promise<QdError | null>;
}

export function SourceView({ source, tab, onTabChange, onRemove }: SourceViewProps) {
  // Tabs mount on first visit and then stay mounted (hidden), so a chart being built or a scroll
  // position survives a look at another tab.
  const [visited, setVisited] = useState<ReadonlySet<SourceTab>>(() => new Set([tab]));
  if (!visited.has(tab)) setVisited(new Set([...visited, tab]));
  const panel = (id: SourceTab, node: ReactNode) =>
    visited.has(id) && (
      <div className="tab-panel" role="tabpanel" hidden={tab !== id} key={id}>
        {node}
      </div>
    );
  return (
    <section className="source-view">
      <SourceHeader source={source} {...(onRemove ? { onRemove } : {})} />
      <Tabs tabs={TABS} active={tab} onChange={onTabChange} />
      {panel('data', <DataTab source={source} />)}
      {panel('profile', <ProfileTab source={source} />)}
      {panel('chart', <ChartTab source={source} />)}
    </section>
  );
}
